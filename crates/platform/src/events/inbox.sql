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
