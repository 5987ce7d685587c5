-- Profiles, phone sign-in, address book, wishlist, password resets and the
-- outbox of messages to deliver.

-- An account has an email, a phone number (E.164), or both.
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
ALTER TABLE users
    ADD COLUMN phone            TEXT,
    ADD COLUMN avatar_url       TEXT,
    ADD COLUMN locale           TEXT,
    ADD COLUMN marketing_opt_in BOOLEAN NOT NULL DEFAULT FALSE,
    ADD CONSTRAINT users_phone_key UNIQUE (phone),
    ADD CONSTRAINT users_phone_e164 CHECK (phone ~ '^\+[1-9][0-9]{7,14}$'),
    ADD CONSTRAINT users_email_or_phone CHECK (email IS NOT NULL OR phone IS NOT NULL);

-- For the admin search by name.
CREATE INDEX users_name_lower_idx ON users (lower(name));

CREATE TABLE addresses (
    id           UUID PRIMARY KEY,
    user_id      UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    recipient    TEXT NOT NULL,
    line1        TEXT NOT NULL,
    line2        TEXT,
    city         TEXT NOT NULL,
    region       TEXT,
    postal_code  TEXT NOT NULL,
    -- ISO 3166-1 alpha-2.
    country      CHAR(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    phone        TEXT,
    is_default   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX addresses_user_id_idx ON addresses (user_id);
-- At most one default shipping address per user.
CREATE UNIQUE INDEX addresses_one_default_idx ON addresses (user_id) WHERE is_default;

CREATE TABLE wishlist_items (
    user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    product_id  UUID NOT NULL,
    added_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, product_id)
);

-- Single-use password reset tokens, stored only as a SHA-256 hash.
CREATE TABLE password_resets (
    token_hash  TEXT PRIMARY KEY,
    user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Messages to deliver, written in the same transaction as the change that
-- causes them. A relay will publish them (the events work); until then the
-- service logs a development line for each.
CREATE TABLE outbox (
    id            UUID PRIMARY KEY,
    topic         TEXT NOT NULL,
    payload       JSONB NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at  TIMESTAMPTZ
);

CREATE INDEX outbox_unpublished_idx ON outbox (created_at) WHERE published_at IS NULL;
