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

-- In-app notifications (User.notifications).
CREATE TABLE notifications (
    id          UUID PRIMARY KEY,
    user_id     UUID NOT NULL,
    category    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    link        TEXT,
    -- The event it answers: one notification per event and user.
    event_id    UUID NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    read_at     TIMESTAMPTZ,
    UNIQUE (event_id, user_id)
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

-- Each user's channel choice per category; absent means the default.
CREATE TABLE preferences (
    user_id     UUID NOT NULL,
    category    TEXT NOT NULL,
    email       BOOLEAN NOT NULL,
    sms         BOOLEAN NOT NULL,
    in_app      BOOLEAN NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, category)
);

-- Emails and text messages, with their delivery records. The recipient's
-- address is looked up at send time (except `address`, fixed by the event).
CREATE TABLE deliveries (
    id                   UUID PRIMARY KEY,
    event_id             UUID NOT NULL,
    user_id              UUID NOT NULL,
    channel              TEXT NOT NULL CHECK (channel IN ('EMAIL', 'SMS')),
    category             TEXT NOT NULL,
    kind                 TEXT NOT NULL,
    address              TEXT,
    subject              TEXT NOT NULL,
    text_body            TEXT NOT NULL,
    html_body            TEXT,
    status               TEXT NOT NULL DEFAULT 'PENDING'
                         CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'SUPPRESSED')),
    attempts             INT NOT NULL DEFAULT 0,
    next_attempt_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    provider_message_id  TEXT,
    last_error           TEXT,
    created_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at              TIMESTAMPTZ,
    -- No message twice: one per event, user and channel.
    UNIQUE (event_id, user_id, channel)
);
CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX deliveries_user_idx ON deliveries (user_id, created_at DESC);

-- Addresses that refused mail for good; after a few, nothing more is sent.
CREATE TABLE bounces (
    address        TEXT PRIMARY KEY,
    bounces        INT NOT NULL,
    last_error     TEXT NOT NULL,
    suppressed_at  TIMESTAMPTZ,
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
