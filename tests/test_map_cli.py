"""``geoevents map`` on GeoJSON files (the language pipeline is not run here)."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from geoevents.cli import main
from geoevents.maps import render
from geoevents.maps.samples import sample_collection


@pytest.fixture(autouse=True)
def no_gazetteer(monkeypatch):
    monkeypatch.setattr(render, "gazetteer_area_lookup", lambda: None)


def _events(html: str) -> list[dict]:
    match = re.search(r'<script type="application/json" id="[^"]+">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))["events"]


def _split(tmp_path):
    """The sample collection as two GeoJSON files that share one feature."""
    features = sample_collection()["features"]
    first, second = tmp_path / "a.geojson", tmp_path / "b.geojson"
    first.write_text(json.dumps({"type": "FeatureCollection", "features": features[:4]}))
    second.write_text(json.dumps({"type": "FeatureCollection", "features": features[3:]}))
    return first, second


def test_map_merges_geojson_files(tmp_path):
    first, second = _split(tmp_path)
    out = tmp_path / "corpus.html"
    result = CliRunner().invoke(main, ["map", str(first), str(second), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(out)
    ids = [e["id"] for e in _events(out.read_text(encoding="utf-8"))]
    assert ids == ["doc1-1", "doc1-2", "doc2-1", "doc2-2", "doc3-1", "doc3-2"]


def test_include_comments_and_offline(tmp_path):
    first, second = _split(tmp_path)
    out = tmp_path / "all.html"
    args = ["map", str(first), str(second), "-o", str(out), "--include-comments", "--offline"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "doc3-3" in {e["id"] for e in _events(html)}
    assert not re.search(r"https?://", html)


def test_default_output_is_in_maps(tmp_path, monkeypatch):
    first, _ = _split(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["map", str(first)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "maps" / "a.html").is_file()


def test_open_uses_the_web_browser(tmp_path, monkeypatch):
    first, _ = _split(tmp_path)
    opened = []
    monkeypatch.setattr("webbrowser.open", opened.append)
    out = tmp_path / "m.html"
    result = CliRunner().invoke(main, ["map", str(first), "-o", str(out), "--open"])
    assert result.exit_code == 0, result.output
    assert opened == [out.resolve().as_uri()]


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not valid JSON"), ('{"type": "Point"}', "not a GeoJSON FeatureCollection"),
     ('{"type": "FeatureCollection", "features": 3}', "'features' is not a list")],
)
def test_bad_geojson_is_a_one_line_error(tmp_path, content, message):
    bad = tmp_path / "bad.geojson"
    bad.write_text(content)
    result = CliRunner().invoke(main, ["map", str(bad), "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_missing_file_and_unwritable_output(tmp_path):
    result = CliRunner().invoke(main, ["map", str(tmp_path / "nope.geojson")])
    assert result.exit_code == 1
    assert "no such file" in result.output
    first, _ = _split(tmp_path)
    (tmp_path / "blocker").write_text("")
    out = tmp_path / "blocker" / "m.html"
    result = CliRunner().invoke(main, ["map", str(first), "-o", str(out)])
    assert result.exit_code == 1
    assert "cannot write map" in result.output


def test_bad_date_is_a_usage_error(tmp_path):
    first, _ = _split(tmp_path)
    result = CliRunner().invoke(main, ["map", str(first), "--date", "03/01/2024"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_help_text():
    result = CliRunner().invoke(main, ["map", "--help"])
    assert result.exit_code == 0
    for option in ("--offline", "--include-comments", "--open", "--date", "-o"):
        assert option in result.output


def test_geojson_on_standard_input(tmp_path):
    out = tmp_path / "piped.html"
    text = json.dumps(sample_collection())
    result = CliRunner().invoke(main, ["map", "-", "-o", str(out)], input=text)
    assert result.exit_code == 0, result.output
    assert len(_events(out.read_text(encoding="utf-8"))) == 6
