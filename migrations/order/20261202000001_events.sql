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
