-- Accounts and login sessions of the user service (schema "users").

CREATE TABLE users (
    id            UUID PRIMARY KEY,
    -- Stored normalised: trimmed and lower-cased.
    email         TEXT NOT NULL,
    -- Argon2id hash in PHC string format.
    password_hash TEXT NOT NULL,
    name          TEXT NOT NULL,
    roles         TEXT[] NOT NULL DEFAULT ARRAY['CUSTOMER'],
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_roles_known CHECK (roles <@ ARRAY['CUSTOMER', 'STAFF', 'ADMIN'])
);

-- One row per login. An access token names its session; revoking the session
-- makes every token of that login fail verification.
CREATE TABLE sessions (
    id          UUID PRIMARY KEY,
    user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at  TIMESTAMPTZ
);

CREATE INDEX sessions_user_id_idx ON sessions (user_id);
