-- Orders of the order service (schema "orders"). Each line keeps a snapshot
-- of the product's name and price at the moment the order was placed.

CREATE TABLE orders (
    -- UUIDv7: time-ordered, so "newest first" is ORDER BY id DESC.
    id           UUID PRIMARY KEY,
    user_id      UUID NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('PLACED')),
    currency     CHAR(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    total_minor  BIGINT NOT NULL CHECK (total_minor >= 0),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX orders_user_id_idx ON orders (user_id, id DESC);

CREATE TABLE order_lines (
    order_id          UUID NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no           INTEGER NOT NULL CHECK (line_no >= 1),
    product_id        UUID NOT NULL,
    product_name      TEXT NOT NULL,
    quantity          INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    unit_price_minor  BIGINT NOT NULL CHECK (unit_price_minor >= 0),
    PRIMARY KEY (order_id, line_no)
);

CREATE INDEX order_lines_product_id_idx ON order_lines (product_id);
