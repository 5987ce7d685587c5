-- Stock to put back for a cancelled or returned order, written in the same
-- transaction as the cancellation or the receipt of the return, and worked
-- off by the request and then by the background worker. Each row's key is
-- sent with ProductService.AdjustStock, so a retry never restocks twice.
CREATE TABLE stock_returns (
    idempotency_key  TEXT PRIMARY KEY,
    order_id         UUID NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id       UUID NOT NULL,
    quantity         INTEGER NOT NULL CHECK (quantity > 0),
    done_at          TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX stock_returns_pending_idx ON stock_returns (created_at) WHERE done_at IS NULL;
