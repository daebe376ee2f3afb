-- The list engine (issue 5): every message that reached the posting address and what the posting
-- chain decided, the committee's moderation queue, banned addresses, delivery health per member
-- (bounce score, disabled delivery), the bounces received, and the members-only archive with its
-- full-text index. The queues themselves are 0004's queue_entry and mail_message.

-- One row per message posted to the list, whatever became of it. in_entry_id makes processing
-- the same `in` entry twice (after a crash) find the post it already made.
CREATE TABLE list_post (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    in_entry_id          INTEGER NOT NULL UNIQUE,
    message_id           INTEGER NOT NULL REFERENCES mail_message (id),  -- the bytes as received
    header_message_id    TEXT,                       -- Message-ID without angle brackets
    envelope_sender      TEXT,                       -- MAIL FROM; null for <>
    from_address         TEXT,
    from_name            TEXT,
    member_id            INTEGER REFERENCES member (id),
    subject              TEXT,
    size                 INTEGER NOT NULL,
    authenticated_domain TEXT,                       -- domain of an aligned, passing DKIM signature
    decision             TEXT NOT NULL CHECK (decision IN ('accept', 'hold', 'reject', 'discard')),
    trace                TEXT NOT NULL,              -- JSON: every rule checked, hit or miss, and why
    tags                 TEXT NOT NULL DEFAULT '[]', -- JSON: subject tags such as "ALERT", "DDoS"
    tlp                  TEXT,                       -- TLP 2.0 label: CLEAR, GREEN, AMBER, AMBER+STRICT, RED
    priority             INTEGER NOT NULL,           -- queue lane: 0 alert, 5 normal
    state                TEXT NOT NULL CHECK (state IN ('held', 'queued', 'distributed', 'rejected', 'discarded')),
    received_at          TEXT NOT NULL,
    decided_at           TEXT NOT NULL,
    distributed_at       TEXT,
    copies               INTEGER                     -- recipient copies written by the fan-out
);

CREATE INDEX list_post_state ON list_post (state, id);

-- The moderation queue: posts the chain held, with the reasons, until the committee decides.
CREATE TABLE list_held (
    post_id     INTEGER PRIMARY KEY REFERENCES list_post (id),
    reasons     TEXT NOT NULL,                       -- JSON array of {rule, reason}
    state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected', 'discarded')),
    created_at  TEXT NOT NULL,
    decided_at  TEXT,
    decided_by  TEXT,
    note        TEXT                                 -- the committee's reason, told to the sender
);

CREATE INDEX list_held_state ON list_held (state, post_id);

-- Addresses whose posts are rejected: 'someone@example.org', or '@example.org' for a domain.
CREATE TABLE list_ban (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    pattern     TEXT NOT NULL UNIQUE,                -- lower case
    reason      TEXT,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- Delivery health per member: the bounce score (raised at most once a day), and whether the
-- list stopped delivering to the member. A member without a row has never bounced.
CREATE TABLE list_member_delivery (
    member_id        INTEGER PRIMARY KEY REFERENCES member (id),
    bounce_score     REAL NOT NULL DEFAULT 0,
    first_bounce_at  TEXT,
    last_bounce_at   TEXT,
    last_counted_on  TEXT,                           -- UTC date (yyyy-MM-dd) a bounce last counted
    last_diagnostic  TEXT,
    disabled         INTEGER NOT NULL DEFAULT 0,
    disabled_at      TEXT,
    disabled_reason  TEXT,
    updated_at       TEXT NOT NULL
);

CREATE INDEX list_member_delivery_disabled ON list_member_delivery (member_id) WHERE disabled = 1;

-- Every bounce received or met at delivery, counted or not (delays and policy rejections never count).
CREATE TABLE list_bounce (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id   INTEGER REFERENCES member (id),
    token       TEXT,                                -- the VERP token of the return path
    recipient   TEXT,
    kind        TEXT NOT NULL CHECK (kind IN ('hard', 'soft', 'delayed', 'policy', 'unrecognised')),
    status      TEXT,                                -- RFC 3463 status, e.g. 5.1.1
    diagnostic  TEXT,
    counted     INTEGER NOT NULL,
    source      TEXT NOT NULL CHECK (source IN ('dsn', 'smtp')),
    received_at TEXT NOT NULL
);

CREATE INDEX list_bounce_member ON list_bounce (member_id, id);

-- The archive: members only. One thread per conversation (References / In-Reply-To, else subject).
CREATE TABLE archive_thread (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    subject       TEXT NOT NULL,
    started_at    TEXT NOT NULL,
    last_at       TEXT NOT NULL,
    message_count INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX archive_thread_last ON archive_thread (last_at, id);

CREATE TABLE archive_message (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id           INTEGER NOT NULL UNIQUE REFERENCES list_post (id),
    thread_id         INTEGER NOT NULL REFERENCES archive_thread (id),
    message_id        INTEGER NOT NULL REFERENCES mail_message (id),  -- raw, as received
    header_message_id TEXT,
    in_reply_to       TEXT,
    subject           TEXT NOT NULL,
    author_name       TEXT,
    author_email      TEXT,
    member_id         INTEGER REFERENCES member (id),
    cctld             TEXT,
    tags              TEXT NOT NULL DEFAULT '[]',
    tlp               TEXT,
    sent_at           TEXT,
    archived_at       TEXT NOT NULL,
    body_text         TEXT NOT NULL                  -- the text the search reads
);

CREATE INDEX archive_message_thread ON archive_message (thread_id, id);
CREATE INDEX archive_message_header_id ON archive_message (header_message_id);

-- Full-text search over subject, author and text (SQLite FTS5, external content: the archive
-- service writes both rows in one transaction; archive rows are never changed afterwards).
CREATE VIRTUAL TABLE archive_search USING fts5(
    subject, author_name, body_text,
    content = 'archive_message', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
