"""Derived geometry: admin centroids, approximate admin-1 areas, curated regions.

All of it is approximate: an admin-1 area is the union of the Voronoi cells of
its member places, clipped to the country's Natural Earth polygon.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import shapely
from shapely.geometry import box, shape
from shapely.geometry.base import BaseGeometry

from geoevents.gazetteer.sources.base import Record

#: At most this many places (the most populous) seed each admin-1's Voronoi cells.
MAX_SEEDS_PER_ADMIN1 = 250
#: Simplification tolerance (degrees) of the country polygons that clip admin-1 areas.
CLIP_TOLERANCE = 0.01


def member_centroids(places: Iterable[Record]) -> dict[tuple, tuple[float, float, int]]:
    """(country, admin1, admin2|None) -> (lon, lat, population) of member places.

    The point is the population-weighted centroid (each place weighs its
    population plus 100, so unpopulated places still count a little).
    """
    sums: dict[tuple, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0])
    for p in places:
        if not p.admin1_code or p.lat is None or p.lon is None:
            continue
        w = p.population + 100
        keys = [(p.country_code, p.admin1_code, None)]
        if p.admin2_code:
            keys.append((p.country_code, p.admin1_code, p.admin2_code))
        for key in keys:
            acc = sums[key]
            acc[0] += p.lon * w
            acc[1] += p.lat * w
            acc[2] += w
            acc[3] += p.population
    return {k: (a[0] / a[2], a[1] / a[2], int(a[3])) for k, a in sums.items()}


def _country_areas(
    seeds: list[tuple[float, float, str]], country: BaseGeometry
) -> dict[str, BaseGeometry]:
    codes = sorted({c for _, _, c in seeds})
    if len(codes) == 1:
        return {codes[0]: country}
    points = shapely.points([(x, y) for x, y, _ in seeds])
    env = country.envelope.buffer(1.0).envelope
    cells = shapely.voronoi_polygons(shapely.multipoints(points), extend_to=env, ordered=True)
    by_code: dict[str, list[BaseGeometry]] = defaultdict(list)
    for cell, (_, _, code) in zip(cells.geoms, seeds, strict=False):
        by_code[code].append(cell)
    out: dict[str, BaseGeometry] = {}
    for code, parts in by_code.items():
        merged = shapely.coverage_union_all(parts)
        area = shapely.intersection(merged, country)
        area = shapely.make_valid(area) if not area.is_valid else area
        polys = [g for g in getattr(area, "geoms", [area]) if g.geom_type.endswith("Polygon")]
        if polys:
            out[code] = shapely.union_all(polys)
    return out


def admin1_areas(
    places: Iterable[Record], countries: dict[str, BaseGeometry]
) -> dict[tuple[str, str], BaseGeometry]:
    """(country, admin1) -> approximate area: Voronoi cells of its places, clipped."""
    members: dict[str, dict[str, list[Record]]] = defaultdict(lambda: defaultdict(list))
    for p in places:
        if p.admin1_code and p.country_code in countries and p.lat is not None:
            members[p.country_code][p.admin1_code].append(p)
    out: dict[tuple[str, str], BaseGeometry] = {}
    for cc, admins in members.items():
        seen: set[tuple[float, float]] = set()
        seeds: list[tuple[float, float, str]] = []
        for code, recs in admins.items():
            recs.sort(key=lambda r: -r.population)
            for r in recs[:MAX_SEEDS_PER_ADMIN1]:
                xy = (round(r.lon, 4), round(r.lat, 4))
                if xy not in seen:
                    seen.add(xy)
                    seeds.append((xy[0], xy[1], code))
        clip = countries[cc].simplify(CLIP_TOLERANCE, preserve_topology=True)
        try:
            areas = _country_areas(seeds, clip)
        except shapely.errors.GEOSException:
            continue
        for code, area in areas.items():
            if area.is_empty:
                continue
            out[(cc, code)] = area.simplify(CLIP_TOLERANCE / 2, preserve_topology=True)
    return out


def region_geometry(
    rec: Record, geoms: dict[int, BaseGeometry], by_code: dict, adm1: dict
) -> BaseGeometry | None:
    """A curated feature's geometry: its own, or the union of its ``members``, clipped."""
    if rec.geometry:
        return shape(rec.geometry)
    members = rec.raw.get("members")
    if not members:
        return None
    parts = []
    for code in members:
        cc, _, a1 = code.partition(".")
        target = adm1.get((cc, a1)) if a1 else by_code.get(cc)
        if target is not None and target.geonameid in geoms:
            parts.append(geoms[target.geonameid])
    if not parts:
        return None
    geom = shapely.union_all(parts)
    if rec.raw.get("clip_bbox"):
        geom = geom.intersection(box(*rec.raw["clip_bbox"]))
    return None if geom.is_empty else geom
