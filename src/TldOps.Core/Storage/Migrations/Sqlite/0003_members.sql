-- The people on the list. One row per person and ccTLD: someone who serves two ccTLDs has two
-- rows. Liaisons (SSAC, IANA, ICANN's security team) and secretariat staff have no ccTLD.
-- Rows are never deleted: a removed member keeps its row for history and audit.
CREATE TABLE member (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    public_id    TEXT NOT NULL UNIQUE,            -- short random id for VERP and links (≤ 12 chars)
    cctld        TEXT REFERENCES cctld (code),    -- null for liaisons and secretariat
    name         TEXT NOT NULL,
    email        TEXT NOT NULL,                   -- local part as given, domain in lower case
    office_phone TEXT,                            -- E.164: '+33123456789'
    mobile_phone TEXT,                            -- E.164; SMS and voice when the Internet is down
    role         TEXT NOT NULL DEFAULT 'member'
                 CHECK (role IN ('member', 'committee', 'liaison', 'secretariat')),
    language     TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr', 'es', 'ru', 'zh', 'ar')),
    status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'removed')),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    verified_at  TEXT,                            -- last time the person confirmed the details
    CHECK (length(public_id) <= 12),
    CHECK ((cctld IS NOT NULL) = (role IN ('member', 'committee')))
);

-- One address once per ccTLD among the people not removed. COALESCE: liaisons (no ccTLD) are
-- unique among themselves too, since NULLs never collide in a unique index.
CREATE UNIQUE INDEX member_cctld_email ON member (COALESCE(cctld, ''), lower(email)) WHERE status <> 'removed';

CREATE INDEX member_cctld ON member (cctld) WHERE status = 'active';
