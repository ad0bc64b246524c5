"""Turning a chosen gazetteer entry (or a border) into a :class:`Place`."""

from __future__ import annotations

from typing import Any

from geoevents.models import Candidate, Mention, Place
from geoevents.resolve.features import Context


def _point(lat: float | None, lon: float | None) -> dict[str, Any]:
    if lat is None or lon is None:
        return {"type": "Point", "coordinates": []}
    return {"type": "Point", "coordinates": [lon, lat]}


_GEOMETRIES: dict[tuple, Any] = {}


def _cached(gazetteer: Any, method: str, *args: Any) -> Any:
    """``gazetteer.method(*args)``, remembered per process (GeoJSON of areas is costly)."""
    key = (id(gazetteer), method, *args)
    if key not in _GEOMETRIES:
        if len(_GEOMETRIES) > 4096:
            _GEOMETRIES.clear()
        _GEOMETRIES[key] = getattr(gazetteer, method)(*args)
    return _GEOMETRIES[key]


def _country_name(gazetteer: Any, code: str | None) -> str | None:
    if not code:
        return None
    entry = _cached(gazetteer, "country", code)
    return entry.name if entry is not None else None


def entry_place(
    gazetteer: Any,
    mention: Mention,
    entry: Any,
    confidence: float,
    alternatives: tuple[Candidate, ...],
) -> Place:
    """The place of a gazetteer entry: an area for admin-1/regions, a line for rivers."""
    kind = "point"
    geometry = _point(entry.lat, entry.lon)
    approximate = bool(entry.approximate)
    shape = None
    if entry.feature_code == "ADM1" and entry.admin1_code:
        shape = _cached(gazetteer, "admin1_geometry", entry.country_code, entry.admin1_code)
        approximate = True
    elif not entry.feature_code.startswith("PCL"):
        shape = _cached(gazetteer, "get_geometry", entry.geonameid)
    if shape:
        geometry = shape
        kind = "line" if "LineString" in shape.get("type", "") else "area"
        if kind == "area":
            approximate = True
    admin1 = entry.admin1_name
    return Place(
        mention=mention,
        name=entry.name,
        kind=kind,
        geometry=geometry,
        geonameid=entry.geonameid if entry.geonameid > 0 else None,
        feature_class=entry.feature_class,
        feature_code=entry.feature_code,
        country_code=entry.country_code,
        country=_country_name(gazetteer, entry.country_code),
        admin1=admin1,
        admin1_code=entry.admin1_code,
        lat=entry.lat,
        lon=entry.lon,
        population=entry.population or None,
        confidence=round(float(confidence), 4),
        approximate=approximate,
        alternatives=alternatives,
        raw=entry.to_dict() if hasattr(entry, "to_dict") else None,
    )


def _partner(gazetteer: Any, code: str, ctx: Context) -> str | None:
    """The other country of "the Turkish border": the neighbour the document names most."""
    for other, _ in sorted(ctx.countries.items(), key=lambda kv: -kv[1]):
        if other != code and _cached(gazetteer, "border", code, other):
            return other
    return None


def border_place(gazetteer: Any, mention: Mention, ctx: Context) -> Place | None:
    """A line along the border of ``mention.countries`` (the partner guessed if one)."""
    codes = list(mention.countries)[:2]
    confidence = 0.9
    if len(codes) == 1:
        other = _partner(gazetteer, codes[0], ctx)
        if other is None:
            return None
        codes.append(other)
        confidence = 0.6
    if len(codes) < 2:
        return None
    geometry = _cached(gazetteer, "border", codes[0], codes[1])
    if not geometry:
        return None
    coords = _line_coords(geometry)
    mid = coords[len(coords) // 2] if coords else None
    names = [_country_name(gazetteer, c) or c for c in codes]
    return Place(
        mention=mention,
        name=f"{names[0]}–{names[1]} border",
        kind="line",
        geometry=geometry,
        country_code=codes[0],
        country=names[0],
        lat=mid[1] if mid else None,
        lon=mid[0] if mid else None,
        confidence=confidence,
        approximate=True,
        raw={"countries": codes},
    )


def _line_coords(geometry: dict[str, Any]) -> list[list[float]]:
    if geometry.get("type") == "LineString":
        return list(geometry["coordinates"])
    if geometry.get("type") == "MultiLineString":
        return max(geometry["coordinates"], key=len, default=[])
    return []


def fallback_place(mention: Mention, target: Place, confidence: float) -> Place:
    """A name the gazetteer lacks (a street, a building), placed at ``target``'s point."""
    return Place(
        mention=mention,
        name=mention.name,
        kind="point",
        geometry=_point(target.lat, target.lon),
        country_code=target.country_code,
        country=target.country,
        admin1=target.admin1,
        admin1_code=target.admin1_code,
        lat=target.lat,
        lon=target.lon,
        confidence=confidence,
        approximate=True,
        raw={"fallback": target.geonameid, "within": target.name},
    )
