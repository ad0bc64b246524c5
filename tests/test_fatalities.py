"""Reported fatalities, counted from the evidence sentence as ACLED counts them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from geoevents.events.evaluate import evaluate_events
from geoevents.events.fatalities import deaths_in
from geoevents.export import dumps_csv

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    ("sentence", "people"),
    [
        ("Russian warplanes struck Saraqib, killing four civilians and wounding ten.", 4),
        ("At least 12 people were killed when a car bomb exploded in Mogadishu.", 12),
        ("Gunmen killed a village chief and two of his sons in Zamfara.", 3),
        ("The clashes left dozens dead.", 12),  # ACLED: "dozens" is 12
        ("Three soldiers died in the attack.", 3),
        ("The death toll rose to 27.", 27),
        ("No one was killed in the shelling.", 0),
        ("Militants killed more than 30 people in Borno state.", 30),
        ("The explosion killed between 10 and 15 people.", 10),  # the conservative figure
        ("Hundreds of people were killed in the fighting.", 100),
        ("Two policemen and a civilian were killed.", 3),
        ("Security forces shot dead three protesters.", 3),
        ("Jets bombed the market, killing civilians.", 10),  # a plural without a number
        ("The militants threatened to kill the hostages.", 0),  # not a death
        ("Police fired tear gas at protesters in Nairobi.", 0),
        ("A suicide bomber killed himself and 14 worshippers at a mosque.", 15),
        ("Twenty-two people were killed and 40 wounded.", 22),  # the wounded are not counted
        ("The attack killed 1,200 people.", 1200),
        ("Two hundred people died.", 200),
    ],
)
def test_deaths_in_a_sentence(geoparser, sentence, people):
    doc = geoparser.nlp(sentence)
    assert sum(n for _, n in deaths_in(doc[:])) == people


def test_each_report_of_deaths_goes_to_its_own_event(geoparser):
    text = (
        "On 3 May 2024 jets bombed Saraqib, killing six civilians, while rebels clashed with "
        "government forces near Aleppo. Police arrested two men in Idlib."
    )
    result = geoparser.extract(text)
    by_type = {e.sub_event_type: e.fatalities for e in result.events}
    assert by_type["Air/drone strike"] == 6
    assert by_type.get("Armed clash", 0) == 0 and by_type.get("Arrests", 0) == 0


def test_fatalities_in_geojson_and_the_acled_csv(geoparser):
    result = geoparser.extract("On 3 May 2024 an airstrike on Hajin in Syria killed 9 people.")
    (event,) = [e for e in result.events if e.sub_event_type == "Air/drone strike"]
    assert event.fatalities == 9
    assert result.to_geojson()["features"][0]["properties"]["fatalities"] == 9
    (row,) = csv.DictReader(io.StringIO(dumps_csv(result.events)))
    assert row["fatalities"] == "9"


def test_fresh_fatality_set(geoparser):
    """tests/data/events_fatalities.jsonl: 25 records written after the counter, scored
    before any change to it (the first score was 1.0)."""
    report = evaluate_events(
        DATA / "events_fatalities.jsonl", process=lambda d: geoparser.process(d).events
    )
    assert report.metrics()["fatalities_accuracy"] == 1.0
    records = [json.loads(line) for line in (DATA / "events_fatalities.jsonl").open()]
    assert len(records) == 25
