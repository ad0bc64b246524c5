"""Turn event and place GeoJSON into the compact records the map's script draws.

Every value from the input stays plain data here: the browser puts it into the
page with ``textContent`` only, never as HTML. This module also drops what
cannot be drawn (missing or broken geometry) and counts it.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable, Iterable
from typing import Any

from geoevents.maps.style import ACLED_TYPES, type_style

log = logging.getLogger(__name__)

#: ``(country_code, admin1_code) -> GeoJSON geometry | None``: shapes of areas.
AreaLookup = Callable[[str, str | None], dict[str, Any] | None]

#: Event properties copied to the popup, as ``record key: property``.
_TEXT_FIELDS = {
    "id": "event_id",
    "st": "sub_event_type",
    "a1": "actor1",
    "a2": "actor2",
    "aa": "assoc_actor_1",
    "d": "event_date",
    "loc": "location",
    "adm1": "admin1",
    "cty": "country",
    "src": "source",
    "sec": "source_section",
    "kind": "place_kind",
    "trig": "trigger",
}


def text(value: Any) -> str | None:
    """A property value as display text (``None`` stays ``None``)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        return str(value)
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _valid_position(pos: Any) -> bool:
    if not isinstance(pos, list | tuple) or len(pos) < 2:
        return False
    lon, lat = _number(pos[0]), _number(pos[1])
    return lon is not None and lat is not None and -180 <= lon <= 180 and -90 <= lat <= 90


def _valid_coords(coords: Any, depth: int) -> bool:
    """True when ``coords`` is a well-formed nested position list of ``depth``."""
    if depth == 0:
        return _valid_position(coords)
    if not isinstance(coords, list | tuple) or not coords:
        return False
    return all(_valid_coords(c, depth - 1) for c in coords)


_DEPTH = {
    "Point": 0,
    "MultiPoint": 1,
    "LineString": 1,
    "MultiLineString": 2,
    "Polygon": 2,
    "MultiPolygon": 3,
}


def valid_geometry(geometry: Any) -> bool:
    """True when a GeoJSON geometry can be drawn (types and numbers checked)."""
    if not isinstance(geometry, dict):
        return False
    kind = geometry.get("type")
    if kind == "GeometryCollection":
        parts = geometry.get("geometries")
        return isinstance(parts, list) and bool(parts) and all(map(valid_geometry, parts))
    if kind not in _DEPTH:
        return False
    return _valid_coords(geometry.get("coordinates"), _DEPTH[kind])


def _find(haystack: str, needle: str) -> list[int]:
    """Start offsets of ``needle`` in ``haystack`` (exact case first, then any case)."""
    if not needle:
        return []
    for hay, pin in ((haystack, needle), (haystack.casefold(), needle.casefold())):
        if len(hay) != len(haystack):  # casefold changed lengths: offsets unusable
            break
        found, start = [], hay.find(pin)
        while start != -1:
            found.append(start)
            start = hay.find(pin, start + 1)
        if found:
            return found
    return []


def highlight(
    sentence: str,
    trigger: str | None,
    place: Iterable[str | None] = (),
    *,
    trigger_start: int | None = None,
    place_start: int | None = None,
) -> list[list[str]]:
    """The sentence cut into ``[text, kind]`` runs, kind ``""``, ``"trigger"`` or ``"place"``.

    Document offsets (``trigger_start``, ``place_start``) choose among repeated
    words: the place run kept is the one as far from the trigger as in the
    document.

    >>> highlight("Shelling hit Hajin.", "Shelling", ["Hajin"])
    [['Shelling', 'trigger'], [' hit ', ''], ['Hajin', 'place'], ['.', '']]
    """
    spans: list[tuple[int, int, str]] = []
    trig_at = _find(sentence, trigger or "")
    if trig_at:
        spans.append((trig_at[0], trig_at[0] + len(trigger or ""), "trigger"))
    for name in place:
        at = _find(sentence, name or "")
        if not at:
            continue
        best = at[0]
        if trig_at and trigger_start is not None and place_start is not None:
            gap = place_start - trigger_start
            pairs = [(t, p) for t in trig_at for p in at if p - t == gap]
            if pairs:
                t, best = pairs[0]
                spans[0] = (t, t + len(trigger or ""), "trigger")
        end = best + len(name or "")
        if not any(s < end and best < e for s, e, _ in spans):
            spans.append((best, end, "place"))
        break
    runs: list[list[str]] = []
    pos = 0
    for start, end, kind in sorted(spans):
        if start > pos:
            runs.append([sentence[pos:start], ""])
        runs.append([sentence[start:end], kind])
        pos = end
    if pos < len(sentence):
        runs.append([sentence[pos:], ""])
    return runs


def _features(collection: Any) -> list[dict[str, Any]]:
    if not isinstance(collection, dict):
        return []
    features = collection.get("features")
    if not isinstance(features, list):
        return []
    return [f for f in features if isinstance(f, dict)]


def _props(feature: dict[str, Any]) -> dict[str, Any]:
    props = feature.get("properties")
    return props if isinstance(props, dict) else {}


def _mentions(places: Any) -> dict[tuple[Any, Any], str]:
    """``(start, end) -> mention text`` of the resolved places."""
    found = {}
    for feature in _features(places):
        props = _props(feature)
        mention = text(props.get("mention"))
        if mention:
            found[(props.get("start"), props.get("end"))] = mention
    return found


def _round_coords(coords: Any, digits: int = 5) -> Any:
    if isinstance(coords, list | tuple):
        return [_round_coords(c, digits) for c in coords]
    return round(float(coords), digits)


def clean_geometry(geometry: dict[str, Any]) -> dict[str, Any]:
    """A copy of a valid geometry with only its type and rounded coordinates."""
    if geometry["type"] == "GeometryCollection":
        return {"type": "GeometryCollection",
                "geometries": [clean_geometry(g) for g in geometry["geometries"]]}
    return {"type": geometry["type"], "coordinates": _round_coords(geometry["coordinates"])}


def simplify_area(geometry: Any, tolerance: float = 0.005) -> dict[str, Any] | None:
    """A (multi)polygon simplified to about ``tolerance`` degrees, else ``None``."""
    if not valid_geometry(geometry) or geometry["type"] not in ("Polygon", "MultiPolygon"):
        return None
    import shapely
    from shapely.geometry import mapping, shape

    try:
        simple = shapely.set_precision(shape(geometry).simplify(tolerance), tolerance / 50)
    except (ValueError, TypeError, shapely.errors.ShapelyError) as err:
        log.info("area geometry dropped: %s", err)
        return None
    if simple.is_empty:
        return None
    return clean_geometry(json.loads(json.dumps(mapping(simple))))


class _Types:
    """The event types met so far, each with its index in the data's ``types`` list."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.index: dict[str, int] = {}
        self.counts: list[int] = []

    def add(self, name: str) -> int:
        if name not in self.index:
            self.index[name] = len(self.names)
            self.names.append(name)
            self.counts.append(0)
        i = self.index[name]
        self.counts[i] += 1
        return i

    def table(self) -> tuple[list[dict[str, Any]], dict[int, int]]:
        """The types in ACLED's order then others by name, and old index -> new index."""
        order = list(ACLED_TYPES)
        ranked = sorted(
            range(len(self.names)),
            key=lambda i: (order.index(self.names[i]) if self.names[i] in order else 99,
                           self.names[i]),
        )
        remap = {old: new for new, old in enumerate(ranked)}
        table = []
        for old in ranked:
            style = type_style(self.names[old])
            table.append({
                "name": self.names[old],
                "key": style.key,
                "colour": style.colour,
                "glyph": style.glyph,
                "count": self.counts[old],
            })
        return table, remap


def event_records(
    collection: Any,
    *,
    places: Any = None,
    include_comments: bool = False,
    area_lookup: AreaLookup | None = None,
) -> dict[str, Any]:
    """The map's data: ``types``, ``events``, ``areas``, ``dates`` and ``skipped``."""
    mentions = _mentions(places)
    types = _Types()
    events: list[dict[str, Any]] = []
    areas: dict[str, Any] = {}
    skipped = 0
    for feature in _features(collection):
        props = _props(feature)
        if props.get("source_section") == "comments" and not include_comments:
            continue
        geometry = feature.get("geometry")
        if not valid_geometry(geometry):
            skipped += 1
            continue
        record: dict[str, Any] = {}
        for key, prop in _TEXT_FIELDS.items():
            value = text(props.get(prop))
            if value:
                record[key] = value
        if "id" not in record and text(feature.get("id")):
            record["id"] = text(feature.get("id"))
        record["ty"] = types.add(text(props.get("event_type")) or "Unknown type")
        for key, prop in (("gp", "geo_precision"), ("tp", "time_precision"),
                          ("conf", "confidence"), ("fat", "fatalities")):
            number = _number(props.get(prop))
            if number is not None:
                record[key] = number
        if props.get("approximate") is True:
            record["approx"] = 1
        if props.get("status") == "background":
            record["bg"] = 1  # told for context: hidden until the legend's toggle shows it
        why = props.get("why")
        if isinstance(why, list | tuple):
            reasons = [r for r in (text(w) for w in why) if r]
            if reasons:
                record["why"] = reasons
        sentence = text(props.get("source_sentence"))
        if sentence:
            mention = mentions.get((props.get("location_start"), props.get("location_end")))
            record["seg"] = highlight(
                sentence,
                record.get("trig"),
                [mention, record.get("loc")],
                trigger_start=_number(props.get("trigger_start")),
                place_start=_number(props.get("location_start")),
            )
        if geometry["type"] == "Point":
            lon, lat = geometry["coordinates"][:2]
            record["ll"] = [round(float(lat), 5), round(float(lon), 5)]
        else:
            record["geom"] = clean_geometry(geometry)
        if record.get("kind") == "area" and area_lookup is not None:
            key = _area_key(props)
            if key and key not in areas:
                areas[key] = area_lookup(*_area_codes(props))
            if key and areas.get(key):
                record["area"] = key
        events.append(record)
    table, remap = types.table()
    for record in events:
        record["ty"] = remap[record["ty"]]
    dates = sorted({r["d"] for r in events if "d" in r})
    return {
        "types": table,
        "events": events,
        "areas": {k: v for k, v in areas.items() if v},
        "dates": dates,
        "skipped": skipped,
    }


def _area_codes(props: dict[str, Any]) -> tuple[str, str | None]:
    return str(props.get("country_code")), text(props.get("admin1_code"))


def _area_key(props: dict[str, Any]) -> str | None:
    country = text(props.get("country_code"))
    if not country:
        return None
    admin1 = text(props.get("admin1_code"))
    return f"{country}-{admin1}" if admin1 else country


_PLACE_FIELDS = ("name", "mention", "kind", "feature_code", "country_code", "admin1")


def place_records(places: Any) -> list[dict[str, Any]]:
    """The resolved places as ``{"p": {...}, "ll" | "geom": ...}`` records."""
    records = []
    for feature in _features(places):
        geometry = feature.get("geometry")
        if not valid_geometry(geometry):
            continue
        props = _props(feature)
        record: dict[str, Any] = {
            "p": {k: text(props.get(k)) for k in _PLACE_FIELDS if text(props.get(k))}
        }
        confidence = _number(props.get("confidence"))
        if confidence is not None:
            record["p"]["confidence"] = round(confidence, 3)
        if props.get("approximate") is True:
            record["p"]["approximate"] = "yes"
        if geometry["type"] == "Point":
            lon, lat = geometry["coordinates"][:2]
            record["ll"] = [round(float(lat), 5), round(float(lon), 5)]
        elif geometry["type"] in ("Polygon", "MultiPolygon"):
            simple = simplify_area(geometry)
            if simple is None:
                continue
            record["geom"] = simple
        else:
            record["geom"] = clean_geometry(geometry)
        records.append(record)
    return records


def bounds(data: dict[str, Any], places: list[dict[str, Any]]) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` around every event (places when no event)."""
    lats: list[float] = []
    lons: list[float] = []

    def walk(coords: Any) -> None:
        if coords and isinstance(coords[0], int | float):
            lons.append(float(coords[0]))
            lats.append(float(coords[1]))
        else:
            for c in coords:
                walk(c)

    for record in data["events"] or places:
        if "ll" in record:
            lats.append(record["ll"][0])
            lons.append(record["ll"][1])
        elif record["geom"]["type"] == "GeometryCollection":
            for part in record["geom"]["geometries"]:
                walk(part["coordinates"])
        else:
            walk(record["geom"]["coordinates"])
    if not lats:
        return None
    return [[min(lats), min(lons)], [max(lats), max(lons)]]
