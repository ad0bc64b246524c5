"""Import GeoNames dump files (allCountries.zip, XX.zip, alternateNamesV2.zip)."""

from __future__ import annotations

from pathlib import Path

from geoevents.gazetteer.sources.geonames_dump import GeoNamesDumpSource
from geoevents.gazetteer.store import Gazetteer

BATCH = 20000


def import_dump(gaz: Gazetteer, dump: Path, alternates: Path | None = None) -> dict[str, int]:
    """Add or replace the dump's entries (and alternate names) in ``gaz``; return counts."""
    source = GeoNamesDumpSource(dump, alternates)
    n_entries = n_names = 0
    batch = []
    for rec in source.records():
        batch.append(rec)
        if len(batch) >= BATCH:
            n_entries += gaz.add(batch)
            batch = []
    n_entries += gaz.add(batch)
    n_names = source.alternate_count
    return {"entries": n_entries, "names": n_names}
