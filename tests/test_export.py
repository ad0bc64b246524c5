"""Exports: RFC 7946 GeoJSON read back by geopandas, JSONL, ACLED-style CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest

from geoevents.export import (
    CSV_COLUMNS,
    EVENT_PROPERTIES,
    dumps_csv,
    dumps_geojson,
    dumps_jsonl,
    events_to_geojson,
)
from geoevents.models import Event, Mention, Place


def _place(kind="point", name="Hajin") -> Place:
    mention = Mention(text=name, start=10, end=15, label="GPE", name=name)
    if kind == "line":
        geometry = {"type": "LineString", "coordinates": [[42.3612345678, 37.1], [38.79, 33.38]]}
        return Place(mention, "Syria-Iraq border", "line", geometry, country_code="SY",
                     approximate=False)
    geometry = {"type": "Point", "coordinates": [40.83138, 34.69508]}
    return Place(mention, name, kind, geometry, geonameid=174506, country_code="SY",
                 admin1="Deir ez-Zor", admin1_code="07", lat=34.69508, lon=40.831381234)


def _event(place=None, section="body", sentence="Jets struck Hajin.") -> Event:
    return Event(
        event_id="doc-1",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        source_sentence=sentence,
        source_section=section,
        trigger="struck",
        trigger_start=5,
        trigger_end=11,
        place=place,
        actor1="Iraqi Air Force",
        actor2="ISIS",
        geo_precision=1,
        confidence=0.81234,
    )


def test_every_feature_has_the_same_keys_and_acled_names():
    collection = events_to_geojson([_event(_place()), _event(_place("line")), _event(None)])
    keys = {tuple(f["properties"]) for f in collection["features"]}
    assert keys == {EVENT_PROPERTIES}
    point, line, nowhere = collection["features"]
    assert point["id"] == "doc-1"
    assert point["geometry"] == {"type": "Point", "coordinates": [40.831381, 34.69508]}
    assert point["properties"]["country"] == "Syria"
    assert point["properties"]["iso"] == 760
    assert point["properties"]["confidence"] == 0.812
    assert line["geometry"]["type"] == "LineString"
    assert line["geometry"]["coordinates"][0] == [42.361235, 37.1]
    assert nowhere["geometry"] is None and nowhere["properties"]["location"] is None


def test_comment_events_can_be_left_out():
    events = [_event(_place()), _event(_place(), section="comments")]
    assert len(events_to_geojson(events)["features"]) == 2
    assert len(events_to_geojson(events, include_comments=False)["features"]) == 1


def test_geojson_reads_back_with_geopandas(tmp_path):
    geopandas = pytest.importorskip("geopandas")
    path = tmp_path / "events.geojson"
    path.write_text(dumps_geojson(events_to_geojson([_event(_place()), _event(_place("line"))])))
    frame = geopandas.read_file(path)
    assert list(frame.geometry.geom_type) == ["Point", "LineString"]
    assert frame.crs.to_epsg() == 4326
    assert list(frame["sub_event_type"]) == ["Air/drone strike"] * 2
    assert frame.geometry.iloc[0].x == pytest.approx(40.831381)


def test_jsonl_has_properties_and_geometry():
    rows = [json.loads(line) for line in dumps_jsonl([_event(_place())]).splitlines()]
    assert set(rows[0]) == set(EVENT_PROPERTIES) | {"geometry"}
    assert rows[0]["geometry"]["type"] == "Point"


def test_csv_has_acled_columns_and_neutralises_formulas():
    text = dumps_csv([_event(_place(), sentence="=HYPERLINK(\"http://x\")"), _event(_place())])
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0]["notes"].startswith("'=")
    assert rows[0]["disorder_type"] == "Political violence"
    assert rows[1]["longitude"] == "40.831381"
    assert rows[1]["country"] == "Syria" and rows[1]["iso"] == "760"


def test_nan_coordinates_are_refused():
    place = _place()
    bad = Place(place.mention, "x", "point", place.geometry, lat=float("nan"), lon=1.0)
    with pytest.raises(ValueError):
        events_to_geojson([_event(bad)])
