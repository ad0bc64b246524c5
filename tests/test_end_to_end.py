"""The whole product on real parts: the spaCy model, the SQLite gazetteer, the CLI, a browser."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT

EXAMPLE = EXAMPLES / "border-base-airstrike.txt"


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(
        (lon2 - lon1) / 2
    ) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _lines(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "LineString":
        return [geometry["coordinates"]]
    assert geometry["type"] == "MultiLineString"
    return geometry["coordinates"]


def _length_km(geometry: dict) -> float:
    return sum(_km(p, q) for line in _lines(geometry) for p, q in zip(line, line[1:], strict=False))


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "geoevents", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def _by_sub_type(collection: dict, sub_event_type: str) -> list[dict]:
    return [
        f for f in collection["features"] if f["properties"]["sub_event_type"] == sub_event_type
    ]


@pytest.fixture(scope="module")
def example_geojson(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("example") / "example.geojson"
    proc = _run("extract", str(EXAMPLE), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def test_example_base_at_the_border_is_a_line(example_geojson):
    bases = _by_sub_type(example_geojson, "Headquarters or base established")
    assert bases, [f["properties"]["sub_event_type"] for f in example_geojson["features"]]
    base = bases[0]
    assert base["properties"]["event_type"] == "Strategic developments"
    assert base["properties"]["event_date"] == "2024-03-12"
    assert base["geometry"]["type"] in ("LineString", "MultiLineString")
    # The Syria-Turkey boundary is about 900 km long.
    assert 600 < _length_km(base["geometry"]) < 1200


def test_example_airstrike_on_a_town_in_a_province(example_geojson):
    strikes = _by_sub_type(example_geojson, "Air/drone strike")
    assert strikes
    props = strikes[0]["properties"]
    assert props["event_type"] == "Explosions/Remote violence"
    assert "Maarat" in props["location"] or "Ma" in props["location"]
    assert props["country_code"] == "SY"
    assert props["admin1"] and "Idlib" in props["admin1"]
    lon, lat = strikes[0]["geometry"]["coordinates"]
    assert _km((lon, lat), (36.6717, 35.6436)) < 15  # Maarat al-Numan


def test_example_comment_section_is_marked(example_geojson):
    sections = {f["properties"]["source_section"] for f in example_geojson["features"]}
    assert sections <= {"body", "comments"}


def test_example_geojson_reads_with_geopandas(tmp_path, example_geojson):
    geopandas = pytest.importorskip("geopandas")
    path = tmp_path / "e.geojson"
    path.write_text(json.dumps(example_geojson), encoding="utf-8")
    frame = geopandas.read_file(path)
    assert len(frame) == len(example_geojson["features"]) > 0
    assert {"event_type", "sub_event_type", "actor1", "event_date"} <= set(frame.columns)


def test_python_api_matches_the_cli(geoparser):
    result = geoparser.extract(EXAMPLE.read_text(encoding="utf-8"), source="example")
    names = {p.name for p in result.places}
    assert any("Idlib" in n for n in names)
    collection = result.to_geojson()
    assert collection["type"] == "FeatureCollection" and collection["features"]


# --- the real scraped page in ../shared -------------------------------------------------


@pytest.fixture(scope="module")
def seed_geojson(seed_path, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("seed") / "seed.geojson"
    proc = _run("extract", str(seed_path), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def test_seed_e1_joint_border_posts_on_the_syria_iraq_line(seed_geojson):
    bases = _by_sub_type(seed_geojson, "Headquarters or base established")
    assert bases
    e1 = bases[0]
    assert e1["properties"]["event_type"] == "Strategic developments"
    assert e1["properties"]["event_date"] == "2021-05-24"
    assert e1["properties"]["source_section"] == "body"
    geometry = e1["geometry"]
    assert geometry["type"] in ("LineString", "MultiLineString")
    assert 450 < _length_km(geometry) < 800
    ends = [pt for line in _lines(geometry) for pt in (line[0], line[-1])]
    assert min(_km(p, (42.36, 37.11)) for p in ends) < 40  # Turkey tripoint
    assert min(_km(p, (38.78, 33.37)) for p in ends) < 40  # Jordan tripoint


def test_seed_e2_iraqi_airstrike_on_hajin(seed_geojson):
    strikes = [
        f
        for f in _by_sub_type(seed_geojson, "Air/drone strike")
        if f["properties"]["source_section"] == "body"
    ]
    assert strikes
    props = strikes[0]["properties"]
    assert props["location"] == "Hajin"
    assert props["geonameid"] == 174506
    assert props["actor1"] == "Military Forces of Iraq"
    assert props["actor2"] == "Islamic State"
    assert props["geo_precision"] == 1
    lon, lat = strikes[0]["geometry"]["coordinates"]
    assert _km((lon, lat), (40.83138, 34.69508)) < 1


def test_seed_map_draws_both(seed_path, tmp_path):
    out = tmp_path / "seed.html"
    proc = _run("map", str(seed_path), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    assert "Hajin" in html
    assert "Headquarters or base established" in html


@pytest.mark.browser
def test_example_map_in_headless_chromium(tmp_path):
    from tests.browser import CHROMIUM, open_page

    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    out = tmp_path / "example.html"
    proc = _run("map", str(EXAMPLE), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    with open_page(out) as (page, log):
        page.wait_for_timeout(300)
        markers = page.locator(".leaflet-marker-pane .ge-marker").count()
        lines = page.locator("path.ge-line").count()
        assert markers >= 2  # the airstrike and the clash (comments are off the map)
        assert lines >= 1  # the base on the Turkish-Syrian border
        page.locator(".ge-marker.ge-explosions").first.click()
        popup = page.wait_for_selector(".leaflet-popup-content").inner_text()
        assert "Air/drone strike" in popup and "Maarat al-Numan" in popup
        assert log.errors() == []
