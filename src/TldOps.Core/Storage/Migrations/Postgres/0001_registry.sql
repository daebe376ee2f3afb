-- The ccTLDs (reference data shipped with TldOps, see Registry/ReferenceData) and what the
-- committee may edit about them: the ICANN region override and regional organisations.
CREATE TABLE regional_organisation (
    code    TEXT PRIMARY KEY,               -- 'aftld', 'aptld', 'centr', 'lactld'
    name    TEXT NOT NULL,
    website TEXT
);

CREATE TABLE cctld (
    code             TEXT PRIMARY KEY,      -- ASCII form without the dot: 'fr', 'xn--p1ai'
    u_label          TEXT NOT NULL,         -- Unicode form: 'fr', 'рф'
    kind             TEXT NOT NULL CHECK (kind IN ('ascii', 'idn')),
    country_code     TEXT NOT NULL,         -- the two-letter code it is delegated for: 'FR', 'RU'
    script           TEXT,                  -- ISO 15924 script of an IDN ccTLD: 'Cyrl'
    reference_region TEXT NOT NULL,         -- ICANN region from the reference data
    region_override  TEXT,                  -- set by the committee; wins over reference_region
    delegated        BOOLEAN NOT NULL DEFAULT TRUE, -- false once it left the reference data (retired)
    added_at         TIMESTAMPTZ NOT NULL
);

CREATE TABLE cctld_name (
    cctld    TEXT NOT NULL REFERENCES cctld (code) ON DELETE CASCADE,
    language TEXT NOT NULL,                 -- en, fr, es, ru, zh, ar
    name     TEXT NOT NULL,
    PRIMARY KEY (cctld, language)
);

CREATE TABLE cctld_regional_organisation (
    cctld        TEXT NOT NULL REFERENCES cctld (code) ON DELETE CASCADE,
    organisation TEXT NOT NULL REFERENCES regional_organisation (code) ON DELETE CASCADE,
    PRIMARY KEY (cctld, organisation)
);

-- Which version of each shipped reference data set the database holds, so that start-up only
-- rewrites it when it changed.
CREATE TABLE reference_data (
    name      TEXT PRIMARY KEY,
    sha256    TEXT NOT NULL,
    loaded_at TIMESTAMPTZ NOT NULL
);
