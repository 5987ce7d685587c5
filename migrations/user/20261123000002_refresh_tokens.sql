-- Refresh tokens: opaque, stored only as a SHA-256 hash. Each use marks the
-- token used and issues a new one in the same session (its "family"); a
-- token presented twice means it leaked, and the whole session is revoked.

CREATE TABLE refresh_tokens (
    token_hash  TEXT PRIMARY KEY,
    session_id  UUID NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    issued_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);

CREATE INDEX refresh_tokens_session_id_idx ON refresh_tokens (session_id);
