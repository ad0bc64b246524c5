"""Hand-written and synthetic event GeoJSON for tests, benchmarks and screenshots.

:func:`sample_collection` is a few events in Syria (points, a border line, a
region, a reader comment) whose texts carry hostile strings; :func:`synthetic_collection`
makes any number of plausible events for scale tests. Neither runs the pipeline.
"""

from __future__ import annotations

import random
from typing import Any

from geoevents.export import EVENT_PROPERTIES

#: Strings that would run script or break the page if they reached it as HTML.
HOSTILE = {
    "script": "<script>window.__xss = 'script'</script>",
    "img": "<img src=x onerror=\"window.__xss='img'\">",
    "quote": "\"'><svg onload=\"window.__xss='svg'\">",
    "js_url": "javascript:window.__xss='url'",
    "close": "</script><script>window.__xss='close'</script><!--",
}


def event_feature(geometry: dict[str, Any] | None, **props: Any) -> dict[str, Any]:
    """An event feature with every key of :data:`EVENT_PROPERTIES` (``None`` by default)."""
    properties = dict.fromkeys(EVENT_PROPERTIES)
    properties.update(props)
    return {
        "type": "Feature",
        "id": properties.get("event_id"),
        "geometry": geometry,
        "properties": properties,
    }


def _point(lat: float, lon: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [lon, lat]}


def sample_collection() -> dict[str, Any]:
    """Seven events in Syria over three dates: points, a border line, a region, a comment."""
    features = [
        event_feature(
            _point(34.6953, 40.8306),
            event_id="doc1-1", event_type="Explosions/Remote violence",
            sub_event_type="Air/drone strike", actor1="Military Forces of Syria",
            event_date="2024-03-01", location="Hajin", admin1="Deir ez-Zor", country="Syria",
            geo_precision=1, time_precision=1, place_kind="point", country_code="SY",
            source_sentence="On 1 March an airstrike hit the town of Hajin, killing four.",
            trigger="airstrike", trigger_start=14, trigger_end=23,
            location_start=41, location_end=46, source_section="body",
            source="https://example.org/news/hajin?a=1&b=2", confidence=0.91, fatalities=4,
        ),
        event_feature(
            _point(35.9306, 36.6339),
            event_id="doc1-2", event_type="Battles", sub_event_type="Armed clash",
            actor1="HTS", actor2="Military Forces of Syria", event_date="2024-03-02",
            location="Idlib", admin1="Idlib", country="Syria", geo_precision=1,
            place_kind="point", country_code="SY",
            source_sentence="Fighters clashed with government troops near Idlib.",
            trigger="clashed", source_section="body", source="doc1", confidence=0.8,
        ),
        event_feature(
            _point(36.2021, 37.1343),
            event_id="doc2-1", event_type="Protests", sub_event_type="Peaceful protest",
            actor1="Protesters (Syria)", event_date="2024-03-03", location="Aleppo",
            admin1="Aleppo", country="Syria", geo_precision=1, place_kind="point",
            country_code="SY",
            source_sentence="Hundreds protested in Aleppo " + HOSTILE["script"] + ".",
            trigger="protested", source_section="body",
            source=HOSTILE["js_url"], confidence=0.7,
        ),
        event_feature(
            _point(35.9528, 39.0079),
            event_id="doc2-2", event_type="Violence against civilians",
            sub_event_type="Attack", actor1=HOSTILE["quote"], event_date="2024-03-03",
            location=HOSTILE["close"], admin1="Raqqa", country="Syria", geo_precision=2,
            place_kind="point", country_code="SY",
            source_sentence="Gunmen attacked a bus " + HOSTILE["img"] + " near Raqqa.",
            trigger="attacked", source_section="body", source=HOSTILE["img"],
        ),
        event_feature(
            {"type": "LineString",
             "coordinates": [[40.93, 34.43], [41.2, 34.62], [41.38, 34.92], [41.2, 35.6]]},
            event_id="doc3-1", event_type="Strategic developments",
            sub_event_type="Change to group/activity", actor1="Military Forces of Iraq",
            event_date="2024-03-02", location="Syrian-Iraqi border", country="Syria",
            geo_precision=2, place_kind="line", country_code="SY", approximate=True,
            source_sentence="Iraq sent reinforcements to the Syrian-Iraqi border.",
            trigger="sent reinforcements", source_section="body", source="doc3",
        ),
        event_feature(
            _point(35.2, 40.2),
            event_id="doc3-2", event_type="Battles", sub_event_type="Armed clash",
            actor1="SDF", actor2="Islamic State", event_date="2024-03-01",
            location="Deir ez-Zor", admin1="Deir ez-Zor", country="Syria", geo_precision=3,
            place_kind="area", country_code="SY", admin1_code="07", approximate=True,
            source_sentence="Clashes continued across the Deir ez-Zor countryside.",
            trigger="Clashes", source_section="body", source="doc3",
        ),
        event_feature(
            _point(34.7324, 36.7137),
            event_id="doc3-3", event_type="Riots", sub_event_type="Mob violence",
            event_date="2024-03-02", location="Homs", country="Syria", geo_precision=1,
            place_kind="point", country_code="SY",
            source_sentence="A reader says a mob burned shops in Homs.",
            trigger="burned", source_section="comments", source="doc3",
        ),
    ]
    return {"type": "FeatureCollection", "features": features}


def sample_places() -> dict[str, Any]:
    """Resolved places matching :func:`sample_collection` (with a hostile name)."""
    rows = [
        ("Hajin", "Hajin", 34.6953, 40.8306, 41, 46),
        ("Idlib", "Idlib", 35.9306, 36.6339, 100, 105),
        (HOSTILE["close"], "Raqqa", 35.9528, 39.0079, 200, 205),
    ]
    features = [
        {
            "type": "Feature",
            "id": f"{s}-{e}",
            "geometry": _point(lat, lon),
            "properties": {"name": name, "mention": mention, "kind": "point",
                           "geonameid": None, "feature_code": "PPL", "country_code": "SY",
                           "admin1": None, "confidence": 0.9, "approximate": False,
                           "section": "body", "start": s, "end": e},
        }
        for name, mention, lat, lon, s, e in rows
    ]
    return {"type": "FeatureCollection", "features": features}


_TYPES = (
    ("Battles", "Armed clash", "clashed"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "shelled"),
    ("Violence against civilians", "Attack", "attacked"),
    ("Protests", "Peaceful protest", "protested"),
    ("Riots", "Violent demonstration", "rioted"),
    ("Strategic developments", "Looting/property destruction", "looted"),
)


def synthetic_collection(n: int, *, seed: int = 0, days: int = 30) -> dict[str, Any]:
    """``n`` random events over the Levant and Iraq, a tenth of them border lines."""
    rng = random.Random(seed)
    features = []
    for i in range(n):
        event_type, sub, verb = _TYPES[i % len(_TYPES)]
        lat, lon = rng.uniform(31.0, 37.5), rng.uniform(35.5, 45.0)
        town = f"Town {i % 997}"
        if i % 10 == 9:
            geometry: dict[str, Any] = {
                "type": "LineString",
                "coordinates": [[round(lon, 5), round(lat, 5)],
                                [round(lon + 0.3, 5), round(lat + 0.2, 5)]],
            }
            kind = "line"
        else:
            geometry = _point(round(lat, 5), round(lon, 5))
            kind = "point"
        features.append(event_feature(
            geometry,
            event_id=f"synthetic-{i}", event_type=event_type, sub_event_type=sub,
            actor1="Group A", actor2="Group B", event_date=f"2024-03-{1 + i % days:02d}",
            location=town, country="Syria", geo_precision=1 + i % 3, place_kind=kind,
            country_code="SY",
            source_sentence=f"Witnesses said fighters {verb} in {town} on Monday.",
            trigger=verb, source_section="body", source=f"https://example.org/a/{i}",
            confidence=0.8,
        ))
    return {"type": "FeatureCollection", "features": features}
