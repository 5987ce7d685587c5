-- Idempotency keys of stock adjustments made by other services (the order
-- service restocking a cancelled or returned order): an adjustment whose key
-- is here was applied already and is not applied again.
CREATE TABLE stock_adjustment_keys (
    idempotency_key  TEXT PRIMARY KEY CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    product_id       UUID NOT NULL REFERENCES products (id),
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
