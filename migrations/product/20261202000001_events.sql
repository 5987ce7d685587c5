-- The transactional outbox (platform::events::outbox). Events are written in
-- the transaction of the change they describe and published by the relay.
CREATE TABLE outbox (
    -- Write order: the relay publishes in this order.
    position        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              UUID NOT NULL UNIQUE,
    event_type      TEXT NOT NULL,
    aggregate_type  TEXT NOT NULL,
    aggregate_id    TEXT NOT NULL,
    sequence        BIGINT NOT NULL,
    -- The whole envelope, as published.
    body            JSONB NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at    TIMESTAMPTZ,
    UNIQUE (aggregate_type, aggregate_id, sequence)
);
CREATE INDEX outbox_unpublished_idx ON outbox (position) WHERE published_at IS NULL;
CREATE INDEX outbox_published_idx ON outbox (published_at) WHERE published_at IS NOT NULL;

-- The last sequence number given to each aggregate's events.
CREATE TABLE outbox_sequences (
    aggregate_type  TEXT NOT NULL,
    aggregate_id    TEXT NOT NULL,
    last_sequence   BIGINT NOT NULL,
    PRIMARY KEY (aggregate_type, aggregate_id)
);

-- The consumer's inbox (platform::events::consumer): an event id is written
-- in the transaction of its effect, so a redelivered event is skipped.
CREATE TABLE inbox (
    consumer     TEXT NOT NULL,
    event_id     UUID NOT NULL,
    event_type   TEXT NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX inbox_received_idx ON inbox (received_at);

-- The newest sequence number applied per aggregate, to recognise an event
-- that arrives after a newer one of the same aggregate.
CREATE TABLE aggregate_positions (
    consumer        TEXT NOT NULL,
    aggregate_type  TEXT NOT NULL,
    aggregate_id    TEXT NOT NULL,
    last_sequence   BIGINT NOT NULL,
    PRIMARY KEY (consumer, aggregate_type, aggregate_id)
);

-- What customers bought, from `order.paid`: feeds personal recommendations.
CREATE TABLE purchases (
    user_id       UUID NOT NULL,
    product_id    UUID NOT NULL,
    quantity      BIGINT NOT NULL,
    last_bought   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (user_id, product_id)
);
CREATE INDEX purchases_product_idx ON purchases (product_id);

-- How many paid orders contained both products (stored both ways round).
CREATE TABLE co_purchases (
    product_id  UUID NOT NULL,
    other_id    UUID NOT NULL,
    orders      BIGINT NOT NULL,
    PRIMARY KEY (product_id, other_id)
);
CREATE INDEX co_purchases_rank_idx ON co_purchases (product_id, orders DESC);
