-- Stock with reservations. `on_hand` is what the warehouse holds; `reserved`
-- is held for orders in progress; `on_hand - reserved` can be sold. The
-- CHECK constraints make overselling impossible whatever the code does.

ALTER TABLE products RENAME COLUMN stock TO on_hand;
ALTER TABLE products
    ADD COLUMN reserved INTEGER NOT NULL DEFAULT 0,
    ADD CONSTRAINT products_stock_bounds CHECK (0 <= reserved AND reserved <= on_hand);

-- A hold on stock for one order. Its id is chosen by the caller (the order id)
-- so a retried reservation never holds twice.
CREATE TABLE reservations (
    id          UUID PRIMARY KEY,
    status      TEXT NOT NULL CHECK (status IN ('HELD', 'COMMITTED', 'RELEASED')),
    expires_at  TIMESTAMPTZ NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The sweeper looks for held reservations past their expiry.
CREATE INDEX reservations_held_expiry_idx ON reservations (expires_at) WHERE status = 'HELD';

CREATE TABLE reservation_lines (
    reservation_id  UUID NOT NULL REFERENCES reservations (id) ON DELETE CASCADE,
    product_id      UUID NOT NULL REFERENCES products (id),
    quantity        INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (reservation_id, product_id)
);
