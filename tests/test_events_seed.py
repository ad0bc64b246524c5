"""The acceptance page end to end: E1-E4 and the comment events, nothing from not_events."""

from __future__ import annotations

import json

import pytest

from geoevents.events.evaluate import same_actor, same_place

from .conftest import SEED, needs_shared

pytestmark = [needs_shared, pytest.mark.shared, pytest.mark.slow]


@pytest.fixture(scope="module")
def seed(geoparser):
    if not SEED.exists():
        pytest.skip("../shared/corpus is absent")
    expected = json.loads(SEED.with_name(SEED.stem + ".expected.json").read_text())
    result = geoparser.extract_files([SEED])
    assert not result.errors
    text = result.documents[0].document.text
    return text, result.events, expected


def _at(text: str, events, phrase: str):
    start = text.find(phrase)
    if start < 0:  # the page has typographic apostrophes
        start = text.find(phrase.replace("'", "\u2019"))
    assert start >= 0, phrase
    return [e for e in events if start <= e.trigger_start < start + len(phrase)]


def test_expected_events(seed):
    text, events, expected = seed
    for gold in expected["events"]:
        found = _at(text, events, gold["evidence"])
        assert len(found) == 1, (gold["id"], [(e.sub_event_type, e.trigger) for e in found])
        event = found[0]
        assert event.source_section == gold["section"]
        assert event.event_type in gold["event_type"].split(" or ")
        if "sub_event_type" in gold:
            allowed = gold["sub_event_type"]
            assert event.sub_event_type == allowed or event.sub_event_type in allowed.split(" or ")
        actors = gold.get("actors") or [gold[k] for k in ("actor1", "actor2") if k in gold]
        predicted = [event.actor1, event.assoc_actor_1, event.actor2]
        for actor in actors:
            assert any(same_actor(actor, p) for p in predicted), (gold["id"], actor, predicted)
        location = gold["location"].split(" (")[0]
        assert same_place(location, event) or (
            "border" in location and event.place and event.place.kind == "line"
        ), (gold["id"], event.place)
        if "event_date" in gold:
            assert event.event_date == gold["event_date"], gold["id"]
        for key in ("time_precision", "geo_precision"):
            if key in gold:
                assert getattr(event, key) == gold[key], (gold["id"], key)


def test_nothing_from_not_events_and_nothing_extra(seed):
    text, events, expected = seed
    for item in expected["not_events"]:
        assert _at(text, events, item["text"]) == [], item["why"]
    assert len(events) == len(expected["events"])
    assert all(e.event_id and e.source for e in events)
