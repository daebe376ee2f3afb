-- Accounts: login sessions, TOTP second factors, recovery codes, and what a role means in detail.

-- Server-side sessions. The cookie carries a random secret; only its SHA-256 is stored, so a
-- copy of the database cannot be turned into a login. A session ends at the first of: idle
-- timeout (last_seen_at), absolute timeout (expires_at), revocation (logout, role change).
CREATE TABLE account_session (
    id             TEXT PRIMARY KEY,                -- SHA-256 of the cookie secret, hex
    member_id      INTEGER NOT NULL REFERENCES member (id),
    stage          TEXT NOT NULL CHECK (stage IN ('totp', 'enrol', 'complete')),
    created_at     TEXT NOT NULL,
    last_seen_at   TEXT NOT NULL,
    expires_at     TEXT NOT NULL,                   -- absolute end, whatever the activity
    revoked_at     TEXT,
    revoked_reason TEXT,                            -- 'logout', 'role-changed', 'revoked-by-member'…
    user_agent     TEXT                             -- shown to the member only, at most 200 chars
);

CREATE INDEX account_session_member ON account_session (member_id, created_at);

-- The browser that asked for a magic link: the link works only with the cookie whose hash is here.
CREATE TABLE login_request (
    token_id   TEXT PRIMARY KEY REFERENCES action_token (id),
    member_id  INTEGER NOT NULL REFERENCES member (id),
    nonce_hash TEXT NOT NULL,                       -- SHA-256 of the browser's nonce cookie, hex
    created_at TEXT NOT NULL
);

-- RFC 6238 secrets, sealed with AES-256-GCM under an installation key (never stored in clear).
CREATE TABLE totp_secret (
    member_id    INTEGER PRIMARY KEY REFERENCES member (id),
    sealed       TEXT NOT NULL,                     -- base64(nonce | ciphertext | tag)
    confirmed_at TEXT,                              -- null while enrolment awaits its first code
    last_step    INTEGER,                           -- last accepted time step: a code is good once
    created_at   TEXT NOT NULL
);

-- Ten single-use recovery codes per member, kept as keyed hashes (HMAC-SHA256).
CREATE TABLE recovery_code (
    member_id  INTEGER NOT NULL REFERENCES member (id),
    code_hash  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    used_at    TEXT,
    PRIMARY KEY (member_id, code_hash)
);

-- What a role means in detail: a committee member's position and security-subcommittee seat,
-- a liaison's organisation. Absent row: a plain member (or a role without details).
CREATE TABLE member_role_detail (
    member_id             INTEGER PRIMARY KEY REFERENCES member (id),
    committee_position    TEXT CHECK (committee_position IN ('chair', 'vice-chair', 'member')),
    security_subcommittee INTEGER NOT NULL DEFAULT 0 CHECK (security_subcommittee IN (0, 1)),
    liaison_kind          TEXT CHECK (liaison_kind IN ('ssac', 'iana', 'icann-security')),
    updated_at            TEXT NOT NULL
);
