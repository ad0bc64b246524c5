"""``geoevents eval-events``: scoring, the report, and errors on bad input."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from geoevents.cli import main
from geoevents.errors import InputError
from geoevents.events.evaluate import read_records, same_actor

RECORDS = [
    {"id": "a", "text": "Turkish drones struck a car in Qamishli on Friday.", "date": "2022-11-27",
     "events": [{"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
                 "actor1": "Turkey", "location": "Qamishli", "event_date": "2022-11-25"}]},
    {"id": "b", "text": "The army will shell the town of Qamishli.", "date": "2022-11-27",
     "events": []},
]


def test_eval_events_reports_accuracies(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS))
    out = CliRunner().invoke(main, ["eval-events", str(path), "--json"])
    assert out.exit_code == 0, out.output
    metrics = json.loads(out.output)
    assert metrics["gold_events"] == 1
    assert metrics["type_accuracy"] == 1.0
    assert metrics["no_event_accuracy"] == 1.0
    for key in ("actor_accuracy", "location_accuracy", "date_accuracy"):
        assert key in metrics


def test_eval_events_rejects_bad_input(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "x", "events": "nope"}\n')
    with pytest.raises(InputError):
        list(read_records(bad))
    out = CliRunner().invoke(main, ["eval-events", str(tmp_path / "missing.jsonl")])
    assert out.exit_code == 1 and "no such file" in out.output


def test_own_sentence_set_is_large_and_covers_every_sub_event_type():
    from pathlib import Path

    from geoevents.events.taxonomy import SUB_EVENT_TYPES

    path = Path(__file__).parent / "data" / "events.jsonl"
    records = list(read_records(path))
    subs = {e["sub_event_type"] for r in records for e in r.events}
    assert sum(len(r.events) for r in records) >= 80
    assert subs == set(SUB_EVENT_TYPES)
    assert sum(1 for r in records if not r.events) >= 15


def test_same_actor_normalises_names_and_countries():
    assert same_actor("Syrian Democratic Forces", "the SDF")
    assert same_actor("ISIS", "Isis")
    assert same_actor("Turkey", "Turkish forces")
    assert not same_actor("ISIS", "Syrian Arab Army")
