"""The gazetteer store: an embedded SQLite file answering lookups in microseconds."""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from geoevents.errors import GazetteerError
from geoevents.gazetteer.entry import Entry
from geoevents.gazetteer.normalize import fold
from geoevents.gazetteer.schema import ENTRY_COLUMNS, SCHEMA, SCHEMA_VERSION, data_version

_SELECT = f"SELECT {ENTRY_COLUMNS} FROM entries"
_LOOKUP = (
    f"SELECT {', '.join('e.' + c.strip() for c in ENTRY_COLUMNS.split(','))} "
    "FROM names n JOIN entries e ON e.geonameid = n.geonameid WHERE n.key = ? {where} "
    "ORDER BY n.rank, n.negpop, n.geonameid LIMIT ?"
)


_LOOKUP_ANY = _LOOKUP.format(where="")
_LOOKUP_COUNTRY = _LOOKUP.format(where="AND e.country_code = ?")
#: A last word that says what kind of place is meant ("Idlib province", "Hajin town"):
#: :meth:`Gazetteer.lookup` retries without it, preferring that feature code or class.
KIND_WORDS = {
    **dict.fromkeys(["province", "governorate", "muhafazah", "state", "region"], "ADM1"),
    **dict.fromkeys(["district", "county"], "ADM2"),
    **dict.fromkeys(["city", "town", "village", "township"], "P"),
    **dict.fromkeys(["river"], "H"),
}
#: Size of the per-store cache of recent lookups.
LOOKUP_CACHE = 4096


_FIELDS = tuple(f.name for f in dataclasses.fields(Entry))


def row_to_entry(row: tuple, _new=object.__new__) -> Entry:
    """An :class:`Entry` from a row of ``entries`` in :data:`ENTRY_COLUMNS` order.

    Fills the frozen instance's ``__dict__`` directly: twice as fast as ``__init__``.
    """
    entry = _new(Entry)
    values = entry.__dict__
    values.update(zip(_FIELDS, row, strict=True))
    values["approximate"] = bool(row[12])
    if row[14]:
        values["raw"] = json.loads(row[14])
    return entry


class Gazetteer:
    """A gazetteer store, sqlite-utils style: ``Gazetteer(path)`` or ``Gazetteer(memory=True)``.

    ``lookup_cache`` recent lookups are kept in memory (0: none). ``immutable=True``
    opens the file read-only without locking (about a third faster): only for a
    store no process changes in place (builds replace the file atomically, but
    ``import`` and the online cache write in place).
    A missing file at ``path`` is created empty (fill it with
    :func:`geoevents.gazetteer.build.build`); use :meth:`open_default` to get the
    built default store.
    """

    _default: Gazetteer | None = None
    _default_pid: int | None = None
    _default_lock = threading.Lock()

    def __init__(
        self, path: str | Path | None = None, *, memory: bool = False,
        lookup_cache: int = LOOKUP_CACHE, immutable: bool = False,
    ) -> None:
        if path is None and not memory:
            raise GazetteerError("Gazetteer needs a path or memory=True")
        self.path = None if memory else Path(path)  # type: ignore[arg-type]
        self.immutable = immutable and not memory
        target = ":memory:" if memory else str(self.path)
        try:
            if self.immutable:
                if not self.path.exists():
                    raise GazetteerError(f"no gazetteer at {self.path}")
                uri = f"{self.path.resolve().as_uri()}?immutable=1"
                self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                self.conn = sqlite3.connect(target, check_same_thread=False)
                self.conn.executescript(SCHEMA)
            self.conn.execute("PRAGMA cache_size = -16000")
        except sqlite3.DatabaseError as err:
            raise GazetteerError(
                f"gazetteer database {target} is corrupt or not a gazetteer ({err}); "
                "rebuild it with `geoevents gazetteer build`"
            ) from err
        self._fuzzy = None
        self._geoms: dict[tuple[str, Any], Any] = {}
        #: Recent lookups (news repeats names); cleared when the store changes.
        rows = self._lookup_rows
        self._cached_lookup = lru_cache(maxsize=lookup_cache)(rows) if lookup_cache else rows

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open_default(cls, *, build_if_missing: bool = True) -> Gazetteer:
        """The default store (``GEOEVENTS_GAZETTEER`` or the user data dir), once per process.

        Builds it when missing (or of an older layout) and ``build_if_missing``;
        raises :class:`GazetteerError` with a clear message when it is corrupt.
        """
        with cls._default_lock:
            if cls._default is not None and cls._default_pid != os.getpid():
                cls._default = None  # a forked child must not share the parent's connection
            if cls._default is None:
                from geoevents.gazetteer.build import default_path, ensure_built

                path = default_path()
                state = store_state(path)
                if state == "corrupt":
                    raise GazetteerError(
                        f"gazetteer database {path} is corrupt or not a gazetteer; delete it "
                        "or run `geoevents gazetteer build --force` to rebuild it"
                    )
                if state != "ok":
                    if not build_if_missing:
                        raise GazetteerError(
                            f"no usable gazetteer at {path} ({state}); "
                            "run `geoevents gazetteer build`"
                        )
                    ensure_built(path)
                cls._default = cls(path)
                cls._default.check()
                cls._default_pid = os.getpid()
            return cls._default

    @classmethod
    def reset_default(cls) -> None:
        """Forget the per-process default store (after a rebuild): the next
        :meth:`open_default` opens the file anew. The old store is not closed, since
        callers may still hold it; it keeps answering from the file it opened."""
        with cls._default_lock:
            cls._default = None

    def check(self) -> None:
        """Raise :class:`GazetteerError` unless this is a complete store of our layout."""
        try:
            version = self.meta().get("schema_version")
            self.conn.execute("SELECT geonameid FROM entries LIMIT 1").fetchall()
        except sqlite3.DatabaseError as err:
            raise GazetteerError(f"gazetteer database {self.path} is corrupt ({err})") from err
        if version != SCHEMA_VERSION:
            raise GazetteerError(
                f"gazetteer database {self.path} is incomplete or of another version "
                f"({version!r}); rebuild it with `geoevents gazetteer build`"
            )

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def meta(self) -> dict[str, str]:
        """Build facts: schema version, build time, counts, sources."""
        return dict(self.conn.execute("SELECT key, value FROM meta").fetchall())

    # -- lookups -----------------------------------------------------------------------------
    def _query(self, sql: str, args: Iterable[Any]) -> list[tuple]:
        try:
            return self.conn.execute(sql, tuple(args)).fetchall()
        except sqlite3.DatabaseError as err:
            raise GazetteerError(f"gazetteer database {self.path} is corrupt ({err})") from err

    def lookup(self, name: str, *, country: str | None = None, limit: int = 25) -> list[Entry]:
        """Exact match on the folded name, alternate names included; best first.

        Countries and admin-1 areas come before places of the same name, then
        larger populations first.
        """
        key = fold(name)
        if not key:
            return []
        found = list(self._cached_lookup(key, country.upper() if country else None, limit))
        if found:
            return found
        words = name.split()
        if len(words) > 1 and words[0].lower() == "the":
            return self.lookup(" ".join(words[1:]), country=country, limit=limit)
        kind = KIND_WORDS.get(words[-1].lower()) if len(words) > 1 else None
        if kind is None:
            return []
        found = self.lookup_key(fold(" ".join(words[:-1])), country=country, limit=limit)
        return sorted(found, key=lambda e: kind not in (e.feature_code, e.feature_class))

    def lookup_key(self, key: str, *, country: str | None = None, limit: int = 25) -> list[Entry]:
        """:meth:`lookup` for an already folded key."""
        return list(self._cached_lookup(key, country.upper() if country else None, limit))

    def _lookup_rows(self, key: str, country: str | None, limit: int) -> tuple[Entry, ...]:
        if country:
            rows = self._query(_LOOKUP_COUNTRY, (key, country, limit))
        else:
            rows = self._query(_LOOKUP_ANY, (key, limit))
        return tuple(row_to_entry(r) for r in rows)

    def has_name(self, name: str) -> bool:
        """Is this (folded) name in the store at all."""
        key = fold(name)
        return bool(key) and bool(
            self._query("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,))
        )

    def fuzzy(
        self, name: str, *, country: str | None = None, limit: int = 10, cutoff: float = 80.0
    ) -> list[tuple[Entry, float]]:
        """Entries whose folded names are close to ``name`` (rapidfuzz ratio >= ``cutoff``)."""
        from geoevents.gazetteer.fuzzy import FuzzyIndex

        if self._fuzzy is None:
            self._fuzzy = FuzzyIndex.load(self)
        return self._fuzzy.search(self, name, country=country, limit=limit, cutoff=cutoff)

    def get(self, geonameid: int) -> Entry | None:
        """The entry with this id."""
        rows = self._query(f"{_SELECT} WHERE geonameid = ?", (int(geonameid),))
        return row_to_entry(rows[0]) if rows else None

    def names_of(self, geonameid: int) -> list[str]:
        """The folded keys that find this entry."""
        rows = self._query("SELECT key FROM names WHERE geonameid = ?", (int(geonameid),))
        return [r[0] for r in rows]

    def country(self, code: str) -> Entry | None:
        """The country (``PCLI``) entry for an ISO alpha-2 code."""
        rows = self._query(
            f"{_SELECT} WHERE feature_code = 'PCLI' AND country_code = ? LIMIT 1",
            (code.upper(),),
        )
        return row_to_entry(rows[0]) if rows else None

    def admin1(self, country_code: str, admin1_code: str) -> Entry | None:
        """The admin-1 entry, e.g. ``admin1("SY", "07")`` -> Deir ez-Zor Governorate."""
        rows = self._query(
            f"{_SELECT} WHERE feature_code = 'ADM1' AND country_code = ? AND admin1_code = ? "
            "LIMIT 1",
            (country_code.upper(), admin1_code),
        )
        return row_to_entry(rows[0]) if rows else None

    def admin2(self, country_code: str, admin1_code: str, admin2_code: str) -> Entry | None:
        """The admin-2 entry."""
        rows = self._query(
            f"{_SELECT} WHERE feature_code = 'ADM2' AND country_code = ? AND admin1_code = ? "
            "AND admin2_code = ? LIMIT 1",
            (country_code.upper(), admin1_code, admin2_code),
        )
        return row_to_entry(rows[0]) if rows else None

    def parents(self, entry: Entry) -> list[Entry]:
        """The enclosing areas, nearest first: ``[admin2?, admin1, country]``."""
        out: list[Entry] = []
        cc, a1, a2 = entry.country_code, entry.admin1_code, entry.admin2_code
        if not cc or entry.is_country:
            return out
        if a1 and a2 and entry.feature_code != "ADM2":
            parent = self.admin2(cc, a1, a2)
            if parent:
                out.append(parent)
        if a1 and entry.feature_code != "ADM1":
            parent = self.admin1(cc, a1)
            if parent:
                out.append(parent)
        parent = self.country(cc)
        if parent and parent.geonameid != entry.geonameid:
            out.append(parent)
        return out

    def country_code_for(self, word: str) -> str | None:
        """ISO2 of a country named or implied by ``word``: "Syrian", "Iraqi", "Turks" -> code."""
        key = fold(word)
        if not key:
            return None
        candidates = [key]
        if key.endswith("s") and len(key) > 4:
            candidates.append(key[:-1])
        for cand in candidates:
            rows = self._query("SELECT country_code FROM demonyms WHERE key = ?", (cand,))
            if rows:
                return rows[0][0]
        for cand in candidates:
            rows = self._query(
                "SELECT e.country_code FROM names n JOIN entries e ON e.geonameid = n.geonameid "
                "WHERE n.key = ? AND e.feature_code = 'PCLI' LIMIT 1",
                (cand,),
            )
            if rows:
                return rows[0][0]
        return None

    # -- geometries --------------------------------------------------------------------------
    def shape(self, geonameid: int):
        """The stored line or area of an entry as a shapely geometry, or ``None``."""
        key = ("id", int(geonameid))
        if key not in self._geoms:
            import shapely

            rows = self._query("SELECT wkb FROM geometries WHERE geonameid = ?", (int(geonameid),))
            self._geoms[key] = shapely.from_wkb(rows[0][0]) if rows else None
        return self._geoms[key]

    def get_geometry(self, geonameid: int) -> dict | None:
        """The stored line or area of an entry (country, admin-1, curated) as GeoJSON."""
        from shapely.geometry import mapping

        geom = self.shape(geonameid)
        return dict(mapping(geom)) if geom is not None else None

    def country_geometry(self, code: str) -> dict | None:
        """The Natural Earth 10m polygon of a country as a GeoJSON mapping."""
        entry = self.country(code)
        return self.get_geometry(entry.geonameid) if entry else None

    def admin1_geometry(self, country_code: str, admin1_code: str) -> dict | None:
        """The approximate area of an admin-1 (Voronoi cells of its places) as GeoJSON."""
        entry = self.admin1(country_code, admin1_code)
        return self.get_geometry(entry.geonameid) if entry else None

    def border_shape(self, a: str, b: str):
        """The boundary shared by countries ``a`` and ``b`` (shapely), or ``None``."""
        from geoevents.gazetteer.borders import shared_boundary

        key = ("border", tuple(sorted((a.upper(), b.upper()))))
        if key not in self._geoms:
            ca, cb = self.country(a), self.country(b)
            ga = self.shape(ca.geonameid) if ca else None
            gb = self.shape(cb.geonameid) if cb else None
            both = ga is not None and gb is not None
            self._geoms[key] = shared_boundary(ga, gb) if both else None
        return self._geoms[key]

    def border(self, a: str, b: str) -> dict | None:
        """The shared boundary of two countries as a GeoJSON (Multi)LineString, [lon, lat]."""
        from shapely.geometry import mapping

        geom = self.border_shape(a, b)
        return dict(mapping(geom)) if geom is not None else None

    # -- writing (online cache, imports) -----------------------------------------------------
    def add(self, records: Iterable[Any]) -> int:
        """Add or replace :class:`~geoevents.gazetteer.sources.base.Record` rows; return count.

        Old name keys of replaced entries are removed first.
        """
        from geoevents.gazetteer.build import admin_names, write

        if self.immutable:
            raise GazetteerError(f"gazetteer {self.path} was opened immutable (read-only)")
        records = list(records)
        if not records:
            return 0
        ids = [r.geonameid for r in records]
        names = self.admin_names()
        names.update(admin_names(records))
        try:
            with self.conn:
                self._delete_names(ids)
                write(self.conn, records, names)
        except sqlite3.DatabaseError as err:
            raise GazetteerError(f"cannot write to gazetteer {self.path}: {err}") from err
        self._fuzzy = None
        if hasattr(self._cached_lookup, "cache_clear"):
            self._cached_lookup.cache_clear()
        self._geoms.clear()
        return len(records)

    def _delete_names(self, ids: list[int]) -> None:
        existing = [
            i for i in ids if self.conn.execute(
                "SELECT 1 FROM entries WHERE geonameid = ?", (i,)
            ).fetchone()
        ]
        if not existing:
            return
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS replaced (id INTEGER PRIMARY KEY)")
        self.conn.execute("DELETE FROM replaced")
        self.conn.executemany("INSERT OR IGNORE INTO replaced VALUES (?)", ((i,) for i in existing))
        self.conn.execute("DELETE FROM names WHERE geonameid IN (SELECT id FROM replaced)")

    def admin_names(self) -> dict[tuple, str]:
        """(country, admin1[, admin2]) -> English admin name, from the stored admin entries."""
        out: dict[tuple, str] = {}
        rows = self._query(
            "SELECT feature_code, country_code, admin1_code, admin2_code, admin1_name, name "
            "FROM entries WHERE feature_code IN ('ADM1', 'ADM2')",
            (),
        )
        for code, cc, a1, a2, a1_name, name in rows:
            if code == "ADM1":
                out[(cc, a1)] = a1_name or name
            else:
                out[(cc, a1, a2)] = name
        return out

    def count(self, where: str = "") -> int:
        """Number of entries (optionally with a SQL condition)."""
        return self._query(f"SELECT count(*) FROM entries {where}", ())[0][0]


def store_state(path: Path) -> str:
    """``"missing"``, ``"ok"``, ``"stale"`` (unfinished or older layout) or ``"corrupt"``."""
    if not path.exists():
        return "missing"
    if path.stat().st_size == 0:
        return "stale"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if "meta" not in tables:
                return "stale" if not tables else "corrupt"
            meta = dict(
                conn.execute(
                    "SELECT key, value FROM meta WHERE key IN ('schema_version', 'data_version')"
                ).fetchall()
            )
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return "corrupt"
    # A store of another fold or curated data answers lookups wrongly without failing.
    current = meta.get("schema_version") == SCHEMA_VERSION
    return "ok" if current and meta.get("data_version") == data_version() else "stale"
