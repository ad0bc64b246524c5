"""The SQLite layout of the gazetteer store."""

from __future__ import annotations

#: Bumped when the layout or the folding of keys changes; other versions are rebuilt.
SCHEMA_VERSION = "3"


def data_version() -> str:
    """What a store's keys and curated rows depend on besides the layout: the fold
    version and a digest of the curated files. A store built with another is stale."""
    import hashlib

    from geoevents.gazetteer.normalize import FOLD_VERSION
    from geoevents.gazetteer.sources.curated import CURATED_FILES, _read_text

    global _DATA_VERSION
    if _DATA_VERSION is None:
        digest = hashlib.sha1()
        for name in CURATED_FILES:
            digest.update(_read_text(name).encode("utf-8"))
        _DATA_VERSION = f"fold{FOLD_VERSION}-curated{digest.hexdigest()[:12]}"
    return _DATA_VERSION


_DATA_VERSION: str | None = None

ENTRY_COLUMNS = (
    "geonameid, name, feature_class, feature_code, country_code, admin1_code, admin1_name, "
    "admin2_code, admin2_name, population, lat, lon, approximate, source, raw"
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS entries (
    geonameid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    feature_class TEXT NOT NULL,
    feature_code TEXT NOT NULL,
    country_code TEXT,
    admin1_code TEXT,
    admin1_name TEXT,
    admin2_code TEXT,
    admin2_name TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    lat REAL,
    lon REAL,
    approximate INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL,
    raw TEXT,
    rank INTEGER NOT NULL DEFAULT 2
);
CREATE INDEX IF NOT EXISTS entries_admin
    ON entries (feature_code, country_code, admin1_code, admin2_code);
-- folded name key -> entry, stored in lookup order (entry rank, then population
-- descending), so a lookup reads one index range without sorting
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL,
    rank INTEGER NOT NULL,
    negpop INTEGER NOT NULL,
    geonameid INTEGER NOT NULL,
    PRIMARY KEY (key, rank, negpop, geonameid)
) WITHOUT ROWID;
-- Latin keys offered to the fuzzy matcher
CREATE TABLE IF NOT EXISTS fuzzy_keys (key TEXT PRIMARY KEY) WITHOUT ROWID;
-- lines and areas as WKB: country polygons, approximate admin-1 areas, curated features
CREATE TABLE IF NOT EXISTS geometries (
    geonameid INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    approximate INTEGER NOT NULL DEFAULT 0,
    wkb BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS demonyms (
    key TEXT PRIMARY KEY,
    country_code TEXT NOT NULL,
    source TEXT
) WITHOUT ROWID;
"""
