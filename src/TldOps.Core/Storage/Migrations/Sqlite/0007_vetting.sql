-- Membership vetting (issue 6): join and change requests decided by each ccTLD's IANA
-- administrative contact, the committee's exceptions to the per-ccTLD cap, the reconfirmation
-- of a ccTLD's contacts after IANA shows a new admin contact, members' periodic re-verification,
-- and the scheduler's record of runs (exactly once per job and period, across nodes).

-- A request to add people to the list (join: a ccTLD's first contacts; add), to change or to
-- remove contacts. Only the ccTLD's admin contact decides: by the signed link mailed to it, or
-- by a reply from its address (or with it in Cc) carrying decision_token.
CREATE TABLE join_request (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    cctld           TEXT NOT NULL REFERENCES cctld (code),
    kind            TEXT NOT NULL CHECK (kind IN ('join', 'add', 'change', 'remove')),
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected', 'expired')),
    source          TEXT NOT NULL,      -- 'web', 'mail'
    requester_name  TEXT,
    requester_email TEXT NOT NULL,
    requester_language TEXT NOT NULL DEFAULT 'en',
    contacts        TEXT NOT NULL,      -- JSON array of the contacts proposed (validated)
    admin_email     TEXT NOT NULL,      -- the IANA admin contact asked, as the record read then
    admin_name      TEXT,
    admin_language  TEXT NOT NULL DEFAULT 'en',
    decision_token  TEXT NOT NULL,      -- id of the action token behind the links; the reply tag
    request_message_id TEXT,            -- Message-ID of the mail to the admin contact
    reminders_sent  INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    decided_at      TEXT,
    decided_by      TEXT,               -- the address that decided
    authority       TEXT                -- 'link:TOKENID by …', 'message:<id> from …', 'cc:… on message <id>'
);

CREATE UNIQUE INDEX join_request_token ON join_request (decision_token);
CREATE INDEX join_request_state ON join_request (state, cctld);

-- The committee's exceptions to Membership:MaxContactsPerCcTld, one per ccTLD.
CREATE TABLE cap_exception (
    cctld        TEXT PRIMARY KEY REFERENCES cctld (code),
    max_contacts INTEGER NOT NULL CHECK (max_contacts >= 1),
    reason       TEXT NOT NULL,
    granted_by   TEXT NOT NULL,
    granted_at   TEXT NOT NULL
);

-- A ccTLD's vetting state: 'reconfirm' while a new admin contact is asked to confirm the
-- contacts its predecessor authorised.
CREATE TABLE cctld_vetting (
    cctld          TEXT PRIMARY KEY REFERENCES cctld (code),
    state          TEXT NOT NULL CHECK (state IN ('normal', 'reconfirm')),
    admin_email    TEXT,
    admin_name     TEXT,
    admin_language TEXT NOT NULL DEFAULT 'en',
    token_id       TEXT,                -- the reconfirmation token's id; the reply tag
    event_id       INTEGER,             -- the registry_event that started it
    since          TEXT,
    deadline       TEXT,
    reminders_sent INTEGER NOT NULL DEFAULT 0,
    updated_at     TEXT NOT NULL
);

CREATE UNIQUE INDEX cctld_vetting_token ON cctld_vetting (token_id);

-- What vetting keeps per member beyond the member row.
CREATE TABLE member_vetting (
    member_id          INTEGER PRIMARY KEY REFERENCES member (id),
    title              TEXT,            -- role or title in the ccTLD's team
    openpgp_key        TEXT,            -- ASCII-armoured public key
    key_fingerprint    TEXT,            -- upper-case hex, no spaces
    reverify_sent_at   TEXT,            -- when the current confirmation request went out
    reverify_reminders INTEGER NOT NULL DEFAULT 0,
    unverified_since   TEXT,            -- flagged: the confirmation is overdue
    reconfirm_pending  INTEGER NOT NULL DEFAULT 0,  -- waits for a new admin contact's confirmation
    bouncing_since     TEXT,            -- delivery health until the list engine keeps its own
    bounce_notified_at TEXT,            -- when the admin contact was told about the bounces
    updated_at         TEXT NOT NULL
);

-- One row per job and period: the primary key makes each scheduled run happen once.
CREATE TABLE scheduled_run (
    job        TEXT NOT NULL,
    period     TEXT NOT NULL,           -- '2026-11-01T06:00Z', or 'manual:…'
    node       TEXT NOT NULL,
    claimed_at TEXT NOT NULL,
    detail     TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (job, period)
);
