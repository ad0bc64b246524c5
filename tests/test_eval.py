"""geoevents eval: reading gold sets, the measures, and the command."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from geoevents.cli import main
from geoevents.errors import InputError
from geoevents.evaluate import evaluate, read_dataset
from tests.conftest import SHARED, needs_shared
from tests.test_resolve_support import FakeGazetteer

TEXT = "Jets struck the town of Hajin, in Syria. Later, Syrian officials met in Springfield."
KEYS = {
    "acc161",
    "exact",
    "mean_km",
    "median_km",
    "auc",
    "precision",
    "recall",
    "f1",
    "n",
    "docs_per_s",
}


def _topo(name, lat, lon, gid=None, **kw):
    start = TEXT.index(name)
    return {
        "start": start,
        "end": start + len(name),
        "name": name,
        "lat": lat,
        "lon": lon,
        "geonameid": gid,
        **kw,
    }


@pytest.fixture
def dataset(tmp_path):
    record = {
        "doc_id": "d1",
        "text": TEXT,
        "toponyms": [
            _topo("Hajin", 34.695, 40.831, "174506", type="Literal"),
            _topo("Syria", 35.0, 38.0, "163843", type="Literal"),
            _topo("Syrian", 35.0, 38.0, "163843", type="Demonym"),
            _topo("Springfield", 42.1, -72.6, None, type="Literal"),  # Massachusetts: a miss
        ],
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def test_resolve_mode_measures(dataset):
    report = evaluate(dataset, gazetteer=FakeGazetteer())
    m = report.metrics()
    assert set(m) >= KEYS
    assert m["n"] == 4 and m["acc161"] == 0.75 and m["exact"] == 1.0
    assert m["precision"] is None and m["recall"] is None and m["f1"] is None
    assert m["median_km"] == 0.0 and 0 <= m["auc"] <= 1
    assert [x["name"] for x in report.misses] == ["Springfield"]


def test_types_keep_only_listed_types(dataset):
    m = evaluate(dataset, gazetteer=FakeGazetteer(), types=["Demonym"]).metrics()
    assert m["n"] == 1 and m["acc161"] == 1.0


def test_end_to_end_mode_measures_recognition(dataset):
    m = evaluate(dataset, mode="end-to-end", gazetteer=FakeGazetteer()).metrics()
    assert 0 < m["precision"] <= 1 and 0 < m["recall"] <= 1 and 0 < m["f1"] <= 1
    assert m["f1_overlap"] >= m["f1"]


def test_training_on_the_evaluated_set_is_refused(dataset):
    with pytest.raises(InputError, match="cannot train"):
        evaluate(dataset, gazetteer=FakeGazetteer(), train=[dataset])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not JSON"),
        ('{"toponyms": []}', "not an evaluation record"),
        ('{"text": "x", "toponyms": [{"start": 0}]}', "not an evaluation record"),
    ],
)
def test_bad_input_is_an_input_error(tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(content + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        list(read_dataset(path))


def test_missing_file_is_a_one_line_cli_error(tmp_path):
    result = CliRunner().invoke(main, ["eval", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 1
    assert "no such evaluation file" in result.output and "Traceback" not in result.output


def test_eval_command_has_help():
    result = CliRunner().invoke(main, ["eval", "--help"])
    assert result.exit_code == 0 and "--mode" in result.output and "--errors" in result.output


@needs_shared
@pytest.mark.shared
@pytest.mark.parametrize("name", ["tr-news", "geowebnews"])
def test_cli_json_on_a_slice_of_the_shared_sets(tmp_path, name):
    errors = tmp_path / "misses.jsonl"
    args = [
        "eval",
        str(SHARED / "eval" / f"{name}.jsonl"),
        "--json",
        "--limit",
        "8",
        "--errors",
        str(errors),
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    m = json.loads(result.output)
    assert set(m) >= KEYS and m["n"] > 0
    assert m["acc161"] >= 0.75
    assert errors.exists()
