"""Fuzzing the whole pipeline (spaCy model, gazetteer, events, exports), bounded in time.

Hypothesis builds texts from news-like pieces, place names, dates, markup and
arbitrary Unicode. Whatever comes in, :func:`geoevents.extract` gives a result
or a :class:`~geoevents.errors.GeoeventsError`, never another exception, and the
exports are valid RFC 7946 GeoJSON and CSV. ``GEOEVENTS_FUZZ_EXAMPLES`` sets how
many texts (default 300, about ten seconds on two cores).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from geoevents.errors import GeoeventsError
from geoevents.export import dumps_csv, dumps_geojson, dumps_jsonl
from tests.test_properties import check_feature_collection

EXAMPLES = int(os.environ.get("GEOEVENTS_FUZZ_EXAMPLES", "300"))
pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

PIECES = [
    "On 3 March 2024 an airstrike hit the town of Hajin in Syria.",
    "Clashes erupted near the Syrian-Iraqi border.",
    "Protesters gathered in Baghdad on Monday.",
    "Turkish forces shelled villages north of Manbij last week.",
    "Rockets struck Deir ez-Zor, Idlib and Aleppo.",
    "The Syrian Democratic Forces said two fighters were killed.",
    "Yesterday, an IED exploded at the Al-Qaim crossing.",
    "Nothing happened in the committee.",
    '=HYPERLINK("http://evil.test")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
    "<script>alert(1)</script>",
    "<p onclick='x'>Jets struck Raqqa.</p>",
    "javascript:alert(1)",
    "\u0642\u0635\u0641 \u062c\u0648\u064a \u0639\u0644\u0649 \u062d\u0644\u0628",
    "\u202eevil\u202c",
    "Ḩasakah ʿAyn al-ʿArab Khān Shaykhūn",
    "\ufffd\u200b\ufeff",
    "View all comments",
    "Leave a reply",
    "MAY 2020",
    "in 1066",
    "on 31 December 9999",
    "\n",
    "\n\n",
    " ",
    ", ",
]
TEXTS = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), min_size=0, max_size=14
).map(" ".join)
DATES = st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(str)


@pytest.fixture(scope="module")
def geoparser_loaded(geoparser):
    geoparser.nlp  # noqa: B018 - load before the clock starts
    return geoparser


def _check_result(result, text: str) -> None:
    check_feature_collection(json.loads(dumps_geojson(result.to_geojson())))
    check_feature_collection(json.loads(dumps_geojson(result.places_geojson())))
    lines = dumps_jsonl(result.events).split("\n")  # not splitlines: U+0085 is text
    assert lines[-1] == "" and len(lines) == len(result.events) + 1
    for line in lines[:-1]:
        json.loads(line)
    rows = list(csv.DictReader(io.StringIO(dumps_csv(result.events))))
    assert len(rows) == len(result.events)
    for row in rows:
        for value in row.values():
            if value.startswith(("=", "+", "-", "@", "\t", "\r")):
                float(value)
    document = result.documents[0].document
    for place in result.places:
        mention = place.mention
        assert 0 <= mention.start <= mention.end <= len(document.text)
        assert document.text[mention.start : mention.end] == mention.text
    for event in result.events:
        assert 0 <= event.trigger_start <= event.trigger_end <= len(document.text)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=True,
)
@given(text=TEXTS, date=DATES, html=st.booleans())
@example(text="", date=None, html=False)
@example(text=" ".join(PIECES), date="2024-03-05", html=False)
@example(text=" ".join(PIECES), date=None, html=True)
def test_extract_never_raises_anything_but_geoevents_errors(geoparser_loaded, text, date, html):
    start = time.monotonic()
    try:
        result = geoparser_loaded.extract(text, date=date, html=html)
    except GeoeventsError:
        return
    _check_result(result, text)
    assert time.monotonic() - start < 30


def test_a_thousand_places_in_one_document(geoparser_loaded):
    towns = ["Aleppo", "Idlib", "Hama", "Homs", "Raqqa", "Hajin", "Palmyra", "Daraa", "Manbij",
             "Afrin"]  # fmt: skip
    sentences = [
        "Clashes were reported in " + ", ".join(towns[i % 10 :] + towns[: i % 10]) + "."
        for i in range(100)
    ]
    text = " ".join(sentences)
    start = time.monotonic()
    result = geoparser_loaded.extract(text, date="2024-03-05", html=False)
    seconds = time.monotonic() - start
    assert len(result.places) >= 900
    _check_result(result, text)
    assert seconds < 60


@pytest.mark.timeout(300, method="signal")
def test_thousands_of_events_in_one_section_are_not_quadratic(geoparser_loaded, monkeypatch):
    from geoevents.events.decision import KEEP_ALL

    monkeypatch.setattr(geoparser_loaded, "decision", KEEP_ALL)  # every repeat is a candidate

    def seconds(sentences: int) -> float:
        start = time.monotonic()
        result = geoparser_loaded.extract("Shelling hit Hajin. " * sentences, html=False)
        assert len(result.events) >= sentences // 2
        return time.monotonic() - start

    seconds(50)  # warm up
    small, large = seconds(500), seconds(2000)
    assert large < 8 * small, (small, large)  # linear: about 4 times


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Shelling hit Idlib last Tuesday.", "0001-01-01"),
        ("Shelling hit Idlib yesterday.", "0001-01-01"),
        ("Shelling hit Idlib three days ago.", "0001-01-02"),
        ("Shelling hit Idlib in December.", "0001-01-03"),
    ],
)
def test_relative_dates_at_the_start_of_the_calendar(geoparser_loaded, text, date):
    result = geoparser_loaded.extract(text, date=date, html=False)
    for event in result.events:
        assert event.event_date is None or not event.event_date.startswith("0000")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Rockets hit Aleppo on 2 May 1066.", "1066-05-02"),
        ("Shelling hit Idlib tomorrow.", "9999-12-31"),
        ("Shelling hit Idlib next week.", "9999-12-31"),
        ("Shelling hit Idlib on 31 December 9999.", None),
    ],
)
def test_dates_far_in_the_past_or_future(geoparser_loaded, text, date):
    result = geoparser_loaded.extract(text, date=date, html=False)
    _check_result(result, text)
    for event in result.events:
        if event.event_date:
            assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", event.event_date), event.event_date
            assert event.event_date[:4] != "0000"


@pytest.mark.parametrize(
    "text",
    [
        "\u0642\u0635\u0641 \u062c\u0648\u064a \u0639\u0644\u0649 \u0645\u062f\u064a\u0646\u0629 "
        "\u062d\u0644\u0628 \u0641\u064a \u0633\u0648\u0631\u064a\u0627.",
        "Des frappes a\u00e9riennes ont touch\u00e9 Alep le 3 mars 2024.",
        "\u041e\u0431\u0441\u0442\u0440\u0435\u043b \u0414\u043e\u043d\u0435\u0446\u043a\u0430.",
        "\u53d9\u5229\u4e9a\u963f\u52d2\u9887\u53d1\u751f\u7a7a\u88ad\u3002",
        "The committee met on Tuesday and agreed the budget.",
    ],
)
def test_non_english_and_placeless_text(geoparser_loaded, text):
    result = geoparser_loaded.extract(text, date="2024-03-05", html=False)
    _check_result(result, text)
