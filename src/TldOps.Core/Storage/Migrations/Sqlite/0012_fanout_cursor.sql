-- A post's fan-out is written in chunks (Lists/Delivery/FanOutWriter): the pipeline's transaction
-- marks the post distributed and writes the first recipients of each prepared copy; a row here
-- says where to go on for a copy whose recipients are not all written yet. Each later chunk moves
-- the cursor in the same transaction and the last one deletes it, so a node that dies mid fan-out
-- leaves a cursor the pipeline entry continues from when it is leased again.
CREATE TABLE list_fanout (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id          INTEGER NOT NULL REFERENCES list_post (id),
    message_id       INTEGER NOT NULL REFERENCES mail_message (id),  -- the prepared copy
    priority         INTEGER NOT NULL,                               -- its queue lane
    languages        TEXT,            -- JSON array: only members with these languages (null: any)
    except_languages TEXT,            -- JSON array: members with these languages are left out
    after_member_id  INTEGER NOT NULL, -- recipients up to this member id are written
    created_at       TEXT NOT NULL
);

CREATE INDEX list_fanout_post ON list_fanout (post_id, id);
