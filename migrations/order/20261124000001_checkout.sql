-- Checkout: carts, the saga log with idempotency keys, payments, saved
-- payment methods, invoices and the order timeline (schema "orders").

-- The order lifecycle. Orders placed before checkout existed were stored,
-- priced and their stock sold: "PAID" is what they are now.
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
UPDATE orders SET status = 'PAID' WHERE status = 'PLACED';
ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN (
    'PENDING_PAYMENT', 'PAID', 'PAYMENT_FAILED', 'FULFILLING', 'SHIPPED', 'DELIVERED',
    'COMPLETED', 'CANCELLED', 'RETURN_REQUESTED', 'RETURNED', 'REFUNDED'));

ALTER TABLE orders
    ADD COLUMN subtotal_minor   BIGINT NOT NULL DEFAULT 0 CHECK (subtotal_minor >= 0),
    ADD COLUMN shipping_minor   BIGINT NOT NULL DEFAULT 0 CHECK (shipping_minor >= 0),
    ADD COLUMN tax_minor        BIGINT NOT NULL DEFAULT 0 CHECK (tax_minor >= 0),
    -- Tax rate in basis points (1900 = 19 %), as applied at checkout.
    ADD COLUMN tax_rate_bp      INTEGER NOT NULL DEFAULT 0 CHECK (tax_rate_bp BETWEEN 0 AND 10000),
    -- A snapshot of the shipping address (GetAddress) at checkout.
    ADD COLUMN shipping_address JSONB,
    ADD COLUMN updated_at       TIMESTAMPTZ NOT NULL DEFAULT now();
UPDATE orders SET subtotal_minor = total_minor;
CREATE INDEX orders_status_idx ON orders (status, id DESC);

-- The SKU at purchase, next to the name and price snapshots.
ALTER TABLE order_lines ADD COLUMN sku TEXT;

-- Every change of an order's status, in order: Order.timeline.
CREATE TABLE order_events (
    id          BIGSERIAL PRIMARY KEY,
    order_id    UUID NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    status      TEXT NOT NULL,
    actor_kind  TEXT NOT NULL CHECK (actor_kind IN ('CUSTOMER', 'STAFF', 'SYSTEM')),
    actor_id    UUID,
    note        TEXT NOT NULL DEFAULT '',
    at          TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX order_events_order_idx ON order_events (order_id, id);

-- One server-side cart per user: its lines. The price when added is kept to
-- report a price change.
CREATE TABLE cart_lines (
    id                UUID PRIMARY KEY,
    user_id           UUID NOT NULL,
    product_id        UUID NOT NULL,
    quantity          INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 99),
    added_price_minor BIGINT NOT NULL CHECK (added_price_minor >= 0),
    currency          CHAR(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    added_at          TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (user_id, product_id)
);
CREATE INDEX cart_lines_user_idx ON cart_lines (user_id, added_at);

-- Saved payment methods. The provider's token and the card's brand, last four
-- digits and expiry are stored; a card number never is.
CREATE TABLE payment_methods (
    id              UUID PRIMARY KEY,
    user_id         UUID NOT NULL,
    provider_token  TEXT NOT NULL,
    brand           TEXT NOT NULL,
    last4           CHAR(4) NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
    exp_month       SMALLINT NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
    exp_year        SMALLINT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX payment_methods_user_idx ON payment_methods (user_id, created_at);

-- The checkout saga, one row per checkout: the idempotency key, the step
-- reached (written durably before the next one starts), the final answer
-- replayed to retries, and a lease so that one worker drives it at a time.
CREATE TABLE checkouts (
    order_id         UUID PRIMARY KEY,
    user_id          UUID NOT NULL,
    idempotency_key  TEXT NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    -- The client's input (address, payment method) and the cart it saw.
    request          TEXT NOT NULL,
    cart             TEXT NOT NULL,
    plan             JSONB NOT NULL,
    step             TEXT NOT NULL CHECK (step IN (
        'STARTED', 'RESERVED', 'ORDER_CREATED', 'AUTHORIZED', 'CAPTURED', 'COMPLETED', 'FAILED')),
    outcome          JSONB,
    attempts         INTEGER NOT NULL DEFAULT 0,
    lease_until      TIMESTAMPTZ NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (user_id, idempotency_key)
);
CREATE INDEX checkouts_unfinished_idx ON checkouts (lease_until)
    WHERE step NOT IN ('COMPLETED', 'FAILED');
CREATE INDEX checkouts_created_idx ON checkouts (created_at);

-- Payments of an order: Order.payments.
CREATE TABLE payments (
    id              UUID PRIMARY KEY,
    order_id        UUID NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    status          TEXT NOT NULL CHECK (status IN ('AUTHORIZED', 'CAPTURED', 'VOIDED', 'FAILED')),
    amount_minor    BIGINT NOT NULL CHECK (amount_minor >= 0),
    currency        CHAR(3) NOT NULL,
    brand           TEXT NOT NULL,
    last4           CHAR(4) NOT NULL,
    -- The provider's authorization, then capture, reference.
    authorization_ref TEXT,
    capture_ref     TEXT,
    failure_reason  TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX payments_order_idx ON payments (order_id, created_at);

-- Invoices: one per paid order, numbered from one sequence with no gaps. The
-- number is taken from invoice_counter in the transaction that marks the
-- order paid, so a rolled-back transaction gives its number back.
CREATE TABLE invoice_counter (
    only_row  BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_row),
    last      BIGINT NOT NULL
);
INSERT INTO invoice_counter (last) VALUES (0);

CREATE TABLE invoices (
    id              UUID PRIMARY KEY,
    order_id        UUID NOT NULL UNIQUE REFERENCES orders (id) ON DELETE CASCADE,
    number          BIGINT NOT NULL UNIQUE,
    issued_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    seller          JSONB NOT NULL,
    buyer           JSONB NOT NULL
);

-- The payment simulator's own records, standing in for a provider's: one
-- row per operation, keyed by the caller's idempotency key, so a repeated
-- call returns the first outcome and never charges twice.
CREATE TABLE simulated_gateway_operations (
    idempotency_key TEXT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('AUTHORIZE', 'CAPTURE', 'VOID', 'REFUND')),
    reference       TEXT NOT NULL UNIQUE,
    -- For CAPTURE/VOID the authorization, for REFUND the capture.
    parent_ref      TEXT,
    token           TEXT,
    amount_minor    BIGINT NOT NULL DEFAULT 0,
    currency        CHAR(3),
    succeeded       BOOLEAN NOT NULL,
    decline_code    TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX simulated_gateway_parent_idx ON simulated_gateway_operations (parent_ref, kind);
-- A provider captures an authorization at most once.
CREATE UNIQUE INDEX simulated_gateway_one_capture_idx ON simulated_gateway_operations (parent_ref)
    WHERE kind = 'CAPTURE' AND succeeded;

-- When an order was delivered: starts the return window and the automatic
-- completion timer.
ALTER TABLE orders ADD COLUMN delivered_at TIMESTAMPTZ;

-- Refunds of an order: Order.refunds. A refund is written PENDING before the
-- provider is called, under a lock on the order, so concurrent refunds can
-- never add up to more than was captured.
CREATE TABLE refunds (
    id            UUID PRIMARY KEY,
    order_id      UUID NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    payment_id    UUID NOT NULL REFERENCES payments (id),
    amount_minor  BIGINT NOT NULL CHECK (amount_minor > 0),
    currency      CHAR(3) NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    reason        TEXT NOT NULL,
    provider_ref  TEXT,
    return_id     UUID,
    actor_kind    TEXT NOT NULL,
    actor_id      UUID,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX refunds_order_idx ON refunds (order_id, created_at);
CREATE INDEX refunds_pending_idx ON refunds (updated_at) WHERE status = 'PENDING';

-- The shipment of an order and its tracking events: Order.shipment.
CREATE TABLE shipments (
    order_id         UUID PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
    carrier          TEXT NOT NULL,
    tracking_number  TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('IN_TRANSIT', 'DELIVERED', 'RETURNED')),
    shipped_at       TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    delivered_at     TIMESTAMPTZ
);

CREATE TABLE shipment_events (
    id           BIGSERIAL PRIMARY KEY,
    order_id     UUID NOT NULL REFERENCES shipments (order_id) ON DELETE CASCADE,
    status       TEXT NOT NULL,
    description  TEXT NOT NULL,
    location     TEXT,
    at           TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX shipment_events_order_idx ON shipment_events (order_id, id);

-- Return requests: which lines, how many, why, and where the request stands.
CREATE TABLE returns (
    id           UUID PRIMARY KEY,
    order_id     UUID NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    status       TEXT NOT NULL CHECK (status IN ('REQUESTED', 'APPROVED', 'REJECTED', 'RECEIVED')),
    reason       TEXT NOT NULL,
    -- [{"productId": ..., "quantity": ...}]
    lines        JSONB NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX returns_order_idx ON returns (order_id, created_at);
