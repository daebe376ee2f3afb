-- Durable queues (see Storage/Queues): every message the system handles, and one table of queue
-- entries shared by all queues (in, pipeline, out, retry, bounces, virgin, quarantine). An out
-- entry is one recipient of one message. Entries are leased with an expiry, so several nodes
-- share the work and a dead node's leases are taken over.
CREATE TABLE mail_message (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    raw        BLOB NOT NULL,
    size       INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE queue_entry (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    queue        TEXT NOT NULL,
    priority     INTEGER NOT NULL,               -- 0 = alert lane, 5 = normal, 9 = bulk
    message_id   INTEGER REFERENCES mail_message (id),
    sender       TEXT,                           -- envelope sender (for out: the VERP return path)
    recipient    TEXT,                           -- out/retry: the one recipient of this copy
    recipients   TEXT,                           -- in: the envelope recipients, JSON array
    correlation  TEXT,                           -- what it belongs to, e.g. 'post:42'
    payload      TEXT NOT NULL DEFAULT '{}',     -- JSON for the runner
    state        TEXT NOT NULL DEFAULT 'ready' CHECK (state IN ('ready', 'done', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,     -- leases taken so far
    not_before   TEXT NOT NULL,
    lease_owner  TEXT,
    lease_until  TEXT,
    origin_queue TEXT,                           -- quarantine: where it came from (for replay)
    last_error   TEXT,
    reply        TEXT,                           -- out: the last SMTP reply for this recipient
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    finished_at  TEXT
);

CREATE INDEX queue_entry_ready ON queue_entry (queue, priority, id) WHERE state = 'ready';
CREATE INDEX queue_entry_correlation ON queue_entry (correlation) WHERE correlation IS NOT NULL;
CREATE INDEX queue_entry_message ON queue_entry (message_id);
