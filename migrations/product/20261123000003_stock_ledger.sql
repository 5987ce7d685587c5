-- Every change to on-hand stock is a row in the ledger: staff adjustments
-- (restock, correction, damage), sales (a committed reservation) and returns.

ALTER TABLE products
    ADD COLUMN low_stock_threshold INTEGER NOT NULL DEFAULT 5 CHECK (low_stock_threshold >= 0);

CREATE TABLE stock_movements (
    id             UUID PRIMARY KEY,
    product_id     UUID NOT NULL REFERENCES products (id),
    delta          INTEGER NOT NULL CHECK (delta <> 0),
    reason         TEXT NOT NULL CHECK (reason IN ('RESTOCK', 'CORRECTION', 'DAMAGE', 'RETURN', 'SALE')),
    note           TEXT,
    -- Who did it: a staff user, or null for the system (sales).
    actor_id       UUID,
    -- The reservation (order) a sale belongs to.
    reference      UUID,
    on_hand_after  INTEGER NOT NULL CHECK (on_hand_after >= 0),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX stock_movements_product_idx ON stock_movements (product_id, created_at DESC, id DESC);
