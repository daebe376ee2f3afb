-- IANA root zone data: each TLD's delegation record as last imported (from whois files, live
-- whois or RDAP), what every import changed field by field, and the registry events that later
-- work acts on (a new administrative contact means the ccTLD's members must be confirmed again).

-- One row per import run; counts are written when it finishes (finished_at NULL: it did not).
CREATE TABLE iana_import (
    id          INTEGER PRIMARY KEY,
    source      TEXT NOT NULL,              -- 'files:/path', 'whois:whois.iana.org:43', 'rdap:https://rdap.iana.org/'
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    answers     INTEGER NOT NULL DEFAULT 0,
    added       INTEGER NOT NULL DEFAULT 0,
    changed     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    removed     INTEGER NOT NULL DEFAULT 0, -- stored TLDs that the source now says do not exist
    not_found   INTEGER NOT NULL DEFAULT 0,
    stale       INTEGER NOT NULL DEFAULT 0, -- records older than the stored one, not applied
    errors      INTEGER NOT NULL DEFAULT 0
);

-- The current record per TLD (any TLD, not only ccTLDs: the root zone database has them all).
CREATE TABLE delegation (
    tld                  TEXT PRIMARY KEY,  -- A-label, lower case: 'de', 'xn--p1ai'
    u_label              TEXT NOT NULL,
    manager_organisation TEXT,
    manager_address      TEXT,              -- one line per address element, LF-separated
    whois_server         TEXT,
    status               TEXT,
    remarks              TEXT,
    registration_url     TEXT,
    created              TEXT,              -- IANA's calendar dates, 'YYYY-MM-DD' (dates, not instants)
    changed              TEXT,
    source               TEXT,
    format               TEXT NOT NULL CHECK (format IN ('whois', 'whois-legacy', 'rdap')),
    delegated            INTEGER NOT NULL DEFAULT 1, -- 0 once a source answered "not found"
    import_id            INTEGER NOT NULL REFERENCES iana_import (id),
    updated_at           TEXT NOT NULL
);

CREATE TABLE delegation_contact (
    tld          TEXT NOT NULL REFERENCES delegation (tld) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN ('administrative', 'technical')),
    position     INTEGER NOT NULL,          -- order within the role (legacy records had two technical contacts)
    name         TEXT,
    organisation TEXT,
    address      TEXT,                      -- LF-separated lines
    phone        TEXT,
    fax          TEXT,
    email        TEXT,
    PRIMARY KEY (tld, role, position)
);

-- "Is this sender an administrative contact?" looks contacts up by address.
CREATE INDEX delegation_contact_email ON delegation_contact (lower(email));

CREATE TABLE delegation_name_server (
    tld       TEXT NOT NULL REFERENCES delegation (tld) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    host_name TEXT NOT NULL,
    addresses TEXT NOT NULL,                -- space-separated IPv4 and IPv6 addresses, may be empty
    PRIMARY KEY (tld, position)
);

CREATE TABLE delegation_ds (
    tld         TEXT NOT NULL REFERENCES delegation (tld) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    key_tag     INTEGER NOT NULL,
    algorithm   INTEGER NOT NULL,
    digest_type INTEGER NOT NULL,
    digest      TEXT NOT NULL,              -- lower-case hexadecimal
    PRIMARY KEY (tld, position)
);

-- One row per changed field per import; a TLD's first import records every field with old_value NULL.
CREATE TABLE delegation_change (
    id        INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES iana_import (id),
    tld       TEXT NOT NULL,
    field     TEXT NOT NULL,                -- 'admin.email', 'name-server:a.nic.de', 'ds-records', 'delegated'…
    old_value TEXT,
    new_value TEXT
);

CREATE INDEX delegation_change_tld ON delegation_change (tld, id);
CREATE INDEX delegation_change_import ON delegation_change (import_id);

-- Events for other work to act on: 'admin-contact-changed', 'delegation-removed'. Consumers poll
-- the unhandled ones and set handled_at.
CREATE TABLE registry_event (
    id          INTEGER PRIMARY KEY,
    tld         TEXT NOT NULL,
    kind        TEXT NOT NULL,
    detail      TEXT NOT NULL,              -- JSON: the old and new values
    import_id   INTEGER REFERENCES iana_import (id),
    detected_at TEXT NOT NULL,
    handled_at  TEXT
);

CREATE INDEX registry_event_unhandled ON registry_event (id) WHERE handled_at IS NULL;
