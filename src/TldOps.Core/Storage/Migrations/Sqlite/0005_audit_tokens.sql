-- Who did what, when, and on whose authority: every change to membership, roles and
-- authorisations writes one row (DESIGN.md, Storage). Rows are only ever inserted.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,      -- 'member:ab12cd34', 'admin-contact:fr', 'operator', 'system'
    action      TEXT NOT NULL,      -- kebab-case: 'member-added', 'join-approved', 'role-granted'…
    cctld       TEXT,               -- the ccTLD concerned, if any
    subject     TEXT,               -- what was acted on: 'member:ab12cd34', 'join:17', 'post:42'
    authority   TEXT,               -- what the action rests on: 'link:…', 'message:<id@host>', 'cli'
    detail      TEXT NOT NULL DEFAULT '{}'  -- JSON with the specifics (old/new values…)
);

CREATE INDEX audit_log_cctld ON audit_log (cctld, id);
CREATE INDEX audit_log_subject ON audit_log (subject, id);

-- Expiring, single-use action tokens behind signed links (approve a join, confirm details,
-- log in). Only a hash of the secret part is stored.
CREATE TABLE action_token (
    id          TEXT PRIMARY KEY,   -- public part of the token
    purpose     TEXT NOT NULL,      -- 'join-decision', 'reverify', 'login', 'enrol'…
    subject     TEXT NOT NULL,      -- what it acts on: 'join:17', 'member:ab12cd34'
    secret_hash TEXT NOT NULL,      -- SHA-256 of the secret part, hex
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT,
    used_by     TEXT                -- who used it (an address, a session), for the audit trail
);

CREATE INDEX action_token_subject ON action_token (subject, purpose);

-- Secrets shared by every node of an installation (token signing key), created at first start.
CREATE TABLE installation_secret (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,       -- base64
    created_at TEXT NOT NULL
);
