-- Email ownership. An address counts as verified once its owner followed
-- the link sent to it; changing the address makes it unverified again.
-- Roles above CUSTOMER take effect only while the email is verified.
ALTER TABLE users ADD COLUMN email_verified_at TIMESTAMPTZ;

-- Single-use verification tokens, stored only as a SHA-256 hash. A token
-- verifies the address it was sent to, and only while the account still
-- has that address.
CREATE TABLE email_verifications (
    token_hash  TEXT PRIMARY KEY,
    user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    email       TEXT NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX email_verifications_open_idx ON email_verifications (user_id) WHERE used_at IS NULL;
