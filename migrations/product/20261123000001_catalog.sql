-- The catalog of the product service (schema "products").

CREATE TABLE products (
    -- UUIDv7: time-ordered, so it doubles as the "newest first" sort key.
    id           UUID PRIMARY KEY,
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description  TEXT NOT NULL DEFAULT '',
    -- Exact money: integer minor units plus an ISO 4217 code.
    price_minor  BIGINT NOT NULL CHECK (price_minor >= 0),
    currency     CHAR(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- Units on hand that can be sold.
    stock        INTEGER NOT NULL CHECK (stock >= 0),
    created_by   UUID,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
