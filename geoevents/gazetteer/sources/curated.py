"""Curated additions from the top-level ``gazetteer/`` folder (package ``geoevents.curated``).

``features.geojson``: rivers (lines), border crossings (points) and regions (areas),
one feature per fact with its ``source``. A region may instead list ``members``
(``"SY"``, ``"SY.09"`` admin-1 codes) and a ``clip_bbox``; the builder then
draws it from country and approximate admin-1 areas.
``demonyms.tsv``: ``word, country_code, source``.
``aliases.tsv``: ``name, geonameid, source``: extra names of existing entries
("America" for the United States).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from importlib import resources
from typing import Any

from geoevents.errors import GazetteerError
from geoevents.gazetteer.sources.base import Record

#: The curated files a store is built from (their digest is part of its data version).
CURATED_FILES = ("features.geojson", "demonyms.tsv", "aliases.tsv")


def _read_text(name: str) -> str:
    try:
        return (resources.files("geoevents.curated") / name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as err:
        raise GazetteerError(f"curated gazetteer file {name} is missing") from err


def demonyms() -> list[tuple[str, str, str]]:
    """(word, ISO2, source) rows of ``demonyms.tsv``."""
    rows = csv.DictReader(io.StringIO(_read_text("demonyms.tsv")), delimiter="\t")
    return [(r["word"], r["country_code"], r["source"]) for r in rows if r.get("word")]


def aliases() -> list[tuple[str, int, str]]:
    """(name, geonameid, source) rows of ``aliases.tsv``."""
    rows = csv.DictReader(io.StringIO(_read_text("aliases.tsv")), delimiter="\t")
    return [(r["name"], int(r["geonameid"]), r["source"]) for r in rows if r.get("name")]


class CuratedSource:
    """Rivers, border crossings and regions that news names and GeoNames cities lack."""

    name = "curated"

    def records(self) -> Iterator[Record]:
        """One record per feature of ``features.geojson``."""
        data = json.loads(_read_text("features.geojson"))
        for feature in data["features"]:
            yield self._record(feature)

    @staticmethod
    def _record(feature: dict[str, Any]) -> Record:
        props = feature["properties"]
        geom = feature.get("geometry")
        lat = lon = None
        if geom and geom["type"] == "Point":
            lon, lat = geom["coordinates"][:2]
        names = {props["name"], *props.get("alternatenames", [])}
        raw = {k: props[k] for k in ("members", "clip_bbox", "note") if k in props}
        return Record(
            # The same feature in GeoNames (an ocean): its id, so output and scoring agree.
            geonameid=int(props.get("geonameid") or props["id"]),
            name=props["name"],
            feature_class=props["feature_class"],
            feature_code=props["feature_code"],
            country_code=props.get("country") or None,
            admin1_code=props.get("admin1") or None,
            population=int(props.get("population") or 0),
            lat=lat,
            lon=lon,
            approximate=True,
            source=f"curated: {props['source']}",
            names=names,
            geometry=geom if geom and geom["type"] != "Point" else None,
            raw=raw,
        )
