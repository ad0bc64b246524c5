"""The map's data, HTML and writer, without a browser (see test_map_browser.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import folium
import pytest

from geoevents.errors import OutputError
from geoevents.maps import render, render_map, write_map
from geoevents.maps.records import event_records, highlight, valid_geometry
from geoevents.maps.samples import HOSTILE, sample_collection, sample_places


def _data(html: str) -> dict:
    """The JSON record embedded in a rendered map."""
    match = re.search(r'<script type="application/json" id="[^"]+">(.*?)</script>', html, re.S)
    assert match, "no data element"
    return json.loads(match.group(1))


@pytest.fixture
def no_gazetteer(monkeypatch):
    """Render without the gazetteer (no area shapes), whatever is installed."""
    monkeypatch.setattr(render, "gazetteer_area_lookup", lambda: None)


@pytest.fixture
def square_areas(monkeypatch):
    """A gazetteer stand-in whose every area is a square around Deir ez-Zor."""
    ring = [[39.5, 34.5], [41.0, 34.5], [41.0, 36.0], [39.5, 36.0], [39.5, 34.5]]
    square = {"type": "Polygon", "coordinates": [ring]}
    calls = []

    def lookup(country, admin1):
        calls.append((country, admin1))
        return square

    monkeypatch.setattr(render, "gazetteer_area_lookup", lambda: lookup)
    return calls


def test_render_map_returns_a_folium_map(no_gazetteer):
    fmap = render_map(sample_collection(), places=sample_places(), title="Syria")
    assert isinstance(fmap, folium.Map)
    html = fmap.get_root().render()
    assert "GeoeventsMap.init" in html
    assert "<title>Syria</title>" in html


def test_a_layer_and_legend_entry_per_event_type(no_gazetteer):
    data = _data(render_map(sample_collection()).get_root().render())
    names = [t["name"] for t in data["types"]]
    # ACLED's order; Riots only appears through a comment event, left off by default.
    assert names == ["Battles", "Explosions/Remote violence", "Violence against civilians",
                     "Protests", "Strategic developments"]
    assert len({t["colour"] for t in data["types"]}) == len(names)
    assert sum(t["count"] for t in data["types"]) == len(data["events"]) == 6


def test_comment_events_only_on_request():
    collection = sample_collection()
    without = event_records(collection)
    with_comments = event_records(collection, include_comments=True)
    assert all(e.get("sec") != "comments" for e in without["events"])
    assert [e["loc"] for e in with_comments["events"] if e.get("sec") == "comments"] == ["Homs"]


def test_border_events_keep_their_line_and_dates_are_listed():
    data = event_records(sample_collection())
    lines = [e for e in data["events"] if "geom" in e]
    assert [e["geom"]["type"] for e in lines] == ["LineString"]
    assert data["dates"] == ["2024-03-01", "2024-03-02", "2024-03-03"]


def test_area_events_get_the_gazetteer_shape(square_areas):
    data = _data(render_map(sample_collection()).get_root().render())
    assert square_areas == [("SY", "07")]
    area_events = [e for e in data["events"] if e.get("kind") == "area"]
    assert [e["area"] for e in area_events] == ["SY-07"]
    assert data["areas"]["SY-07"]["type"] == "Polygon"


def test_no_gazetteer_means_no_shading_but_the_event_stays(no_gazetteer):
    data = _data(render_map(sample_collection()).get_root().render())
    assert data["areas"] == {}
    assert any(e.get("kind") == "area" and "ll" in e for e in data["events"])


def test_unavailable_gazetteer_is_not_an_error(monkeypatch):
    import geoevents.gazetteer as gazetteer

    monkeypatch.delattr(gazetteer, "Gazetteer", raising=False)
    assert render.gazetteer_area_lookup() is None


def test_evidence_highlights_trigger_and_place():
    runs = highlight("An airstrike hit Hajin.", "airstrike", ["Hajin"])
    assert runs == [["An ", ""], ["airstrike", "trigger"], [" hit ", ""],
                    ["Hajin", "place"], [".", ""]]
    assert "".join(r[0] for r in runs) == "An airstrike hit Hajin."


def test_highlight_uses_offsets_to_pick_the_right_repeat():
    sentence = "Shelling in Idlib; later shelling near Idlib city."
    runs = highlight(sentence, "shelling", ["Idlib"], trigger_start=125, place_start=139)
    marked = [(sentence.find(r[0], i), r[1]) for i, r in enumerate(runs) if r[1]]
    assert [r for r in runs if r[1]] == [["shelling", "trigger"], ["Idlib", "place"]]
    assert marked  # both found
    assert "".join(r[0] for r in runs) == sentence
    # the place kept is the one 14 characters after the trigger, not the first Idlib
    text_before_place = "".join(r[0] for r in runs[: runs.index(["Idlib", "place"])])
    assert len(text_before_place) == sentence.rindex("Idlib")


def test_highlight_without_matches_is_the_plain_sentence():
    assert highlight("Nothing here.", "raid", ["Homs"]) == [["Nothing here.", ""]]


@pytest.mark.parametrize(
    "geometry",
    [None, {}, {"type": "Point"}, {"type": "Point", "coordinates": [float("nan"), 1]},
     {"type": "Point", "coordinates": [500, 1]}, {"type": "LineString", "coordinates": []},
     {"type": "Point", "coordinates": ["1", "2"]}, {"type": "Circle", "coordinates": [1, 2]}],
)
def test_broken_geometries_are_skipped_and_counted(geometry):
    assert not valid_geometry(geometry)
    collection = sample_collection()
    collection["features"][0]["geometry"] = geometry
    data = event_records(collection)
    assert data["skipped"] == 1
    assert len(data["events"]) == 5


def test_junk_input_makes_an_empty_map(no_gazetteer):
    for junk in ({}, {"features": "x"}, {"features": [1, None, {"geometry": 3}]}):
        html = render_map(junk).get_root().render()
        assert _data(html)["events"] == []


def test_hostile_strings_reach_the_page_only_as_json_text(no_gazetteer):
    title = HOSTILE["close"]
    html = render_map(sample_collection(), places=sample_places(), title=title).get_root().render()
    for raw in ("<script>window.__xss", "<img src=x", "<svg onload", "</script><script>"):
        assert raw not in html
    assert html.count("<script") == html.count("</script>")
    data = _data(html)
    assert data["title"] == title
    sentences = ["".join(r[0] for r in e["seg"]) for e in data["events"]]
    assert any(HOSTILE["img"] in s for s in sentences)
    assert "<title>&lt;/script&gt;" in html


def test_offline_map_has_no_web_url_and_a_country_basemap(no_gazetteer):
    html = render_map(sample_collection(), places=sample_places(), offline=True).get_root().render()
    assert not re.search(r"https?://", html, re.I)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, re.I)
    data = _data(html)
    assert data["tiles"] == []
    names = {f["properties"]["name"] for f in data["basemap"]["features"]}
    assert {"Syria", "Iraq", "Turkey"} <= names


def test_online_map_offers_several_tile_layers_and_needs_no_cdn(no_gazetteer):
    html = render_map(sample_collection()).get_root().render()
    data = _data(html)
    assert [t["name"] for t in data["tiles"]][0] == "OpenStreetMap"
    assert len(data["tiles"]) >= 2
    assert data["basemap"] is None
    # Leaflet and the plugins are inlined: no <script src> or <link href> at all.
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=", html)


def test_view_fits_the_events(no_gazetteer):
    data = _data(render_map(sample_collection()).get_root().render())
    (south, west), (north, east) = data["bounds"]
    assert 34.4 <= south < north <= 36.3
    assert 36.6 <= west < east <= 41.4


def test_write_map_is_atomic_and_defaults_to_maps(tmp_path, monkeypatch, no_gazetteer):
    monkeypatch.chdir(tmp_path)
    path = write_map(sample_collection())
    assert path == Path("maps/map.html")
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    named = write_map(sample_collection(), tmp_path / "out" / "syria.html", title="x")
    assert named.is_file()
    assert [p.name for p in named.parent.iterdir()] == ["syria.html"]


def test_write_map_into_a_folder(tmp_path, no_gazetteer):
    assert write_map(sample_collection(), tmp_path) == tmp_path / "map.html"


def test_unwritable_output_is_an_output_error(tmp_path, no_gazetteer):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot write map"):
        write_map(sample_collection(), blocker / "map.html")


def test_result_to_map_draws_its_events_and_places(no_gazetteer):
    from geoevents.models import Document, Event, Mention, Place
    from geoevents.pipeline import DocumentResult, Result

    text = "On 1 March an airstrike hit Hajin. A reader: a mob burned shops in Hajin."
    mention = Mention("Hajin", 28, 33, "GPE", "Hajin")
    place = Place(mention, "Hajin", "point", {"type": "Point", "coordinates": [40.83, 34.69]},
                  country_code="SY", lat=34.69, lon=40.83, confidence=0.9)
    strike = Event("d-1", "Explosions/Remote violence", "Air/drone strike",
                   "On 1 March an airstrike hit Hajin.", "body", "airstrike", 13, 22,
                   place=place, event_date="2024-03-01", geo_precision=1)
    comment = Event("d-2", "Riots", "Mob violence", "A reader: a mob burned shops in Hajin.",
                    "comments", "burned", 49, 55, place=place, event_date="2024-03-01")
    result = Result([DocumentResult(Document("d", text), [place], [strike, comment])])
    data = _data(result.to_map(title="Hajin").get_root().render())
    assert [e["id"] for e in data["events"]] == ["d-1"]
    assert data["events"][0]["seg"][1] == ["airstrike", "trigger"]
    assert [p["p"]["name"] for p in data["places"]] == ["Hajin"]
    with_comments = _data(result.to_map(include_comments=True).get_root().render())
    assert [e["id"] for e in with_comments["events"]] == ["d-1", "d-2"]


def test_area_shapes_are_simplified():
    import math

    from geoevents.maps.records import place_records, simplify_area

    ring = [[40 + math.cos(i / 1000 * 2 * math.pi), 35 + math.sin(i / 1000 * 2 * math.pi)]
            for i in range(1000)]
    ring.append(ring[0])
    circle = {"type": "Polygon", "coordinates": [ring]}
    simple = simplify_area(circle)
    assert simple["type"] == "Polygon"
    assert 8 < len(simple["coordinates"][0]) < 200
    places = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": circle, "properties": {"name": "Round", "kind": "area"}},
        {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[1, 1]]]},
         "properties": {"name": "Broken"}},
    ]}
    records = place_records(places)
    assert [r["p"]["name"] for r in records] == ["Round"]
    assert len(records[0]["geom"]["coordinates"][0]) < 200
    assert simplify_area({"type": "Point", "coordinates": [1, 2]}) is None


@pytest.mark.parametrize("module", ["geoevents.maps.records", "geoevents.maps.render"])
def test_docstring_examples_run(module, no_gazetteer):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0
    assert result.failed == 0
