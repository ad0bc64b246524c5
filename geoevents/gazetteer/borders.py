"""Shared boundaries of country polygons, their length, and the module-level :func:`border`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

#: Tolerance (degrees, about 1 km) for boundaries that do not share vertices exactly.
SNAP = 0.01


def _lines(geom: BaseGeometry) -> BaseGeometry | None:
    from shapely.geometry import MultiLineString
    from shapely.ops import linemerge

    parts = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type in ("LineString",)]
    parts += [
        line
        for g in getattr(geom, "geoms", [geom])
        if g.geom_type == "MultiLineString"
        for line in g.geoms
    ]
    if not parts:
        return None
    merged = linemerge(MultiLineString(parts)) if len(parts) > 1 else parts[0]
    return merged if not merged.is_empty else None


def shared_boundary(a: BaseGeometry, b: BaseGeometry) -> BaseGeometry | None:
    """The boundary of ``a`` that ``b`` shares, as a (Multi)LineString, or ``None``.

    Exact when the polygons share vertices (Natural Earth does); otherwise the part
    of ``a``'s boundary within :data:`SNAP` of ``b``.
    """
    if not a.buffer(SNAP).intersects(b):
        return None
    exact = _lines(a.boundary.intersection(b.boundary))
    if exact is not None and exact.length > 0.01:
        return exact
    return _lines(a.boundary.intersection(b.buffer(SNAP)))


def length_km(geom: BaseGeometry | dict) -> float:
    """Geodesic length of a (Multi)LineString (shapely or GeoJSON mapping) in km."""
    from geopy.distance import geodesic
    from shapely.geometry import LineString, MultiLineString

    if isinstance(geom, dict):
        from shapely.geometry import shape

        geom = shape(geom)
    lines = geom.geoms if isinstance(geom, MultiLineString) else [geom]
    total = 0.0
    for line in lines:
        if not isinstance(line, LineString):
            continue
        coords = list(line.coords)
        for (x1, y1), (x2, y2) in zip(coords, coords[1:], strict=False):
            total += geodesic((y1, x1), (y2, x2)).km
    return total


def border(a: str, b: str) -> BaseGeometry | None:
    """The boundary shared by countries ``a`` and ``b`` (ISO2) from the default store.

    Returns a shapely (Multi)LineString in lon/lat, or ``None`` when they do not touch.
    """
    from geoevents.gazetteer.store import Gazetteer

    return Gazetteer.open_default().border_shape(a, b)
