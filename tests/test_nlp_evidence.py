"""Weighing the evidence that a name is a place: the real model and the real gazetteer."""

from __future__ import annotations

import pytest

from geoevents.nlp.evidence import (
    context_score,
    is_not_place,
    person_likeness,
    place_score,
)


@pytest.fixture(scope="module")
def nlp(geoparser):
    return geoparser.nlp


def _places(nlp, text: str) -> dict[str, str]:
    doc = nlp(text)
    return {s.text: s.label_ for s in doc.spans["places"]}


def _span(doc, surface: str):
    start = doc.text.index(surface)
    return doc.char_span(start, start + len(surface))


# -- the parts -------------------------------------------------------------------------------
def test_person_likeness_follows_name_frequency():
    assert person_likeness(["Jordan"]) > 1.0
    assert person_likeness(["Aleppo"]) == 0.0
    assert person_likeness(["John", "Smith"]) > person_likeness(["Santo", "Domingo"])


def test_not_places_ignore_case_and_article():
    assert is_not_place("the Guardian") and is_not_place("ISLAMIC STATE")
    assert not is_not_place("Guardian Street")


@pytest.mark.parametrize(
    ("text", "name", "clue"),
    [
        ("Jets struck the town of Dana on Sunday.", "Dana", "kind-of"),
        ("Clashes erupted in the vicinity of Mallah at dawn.", "Mallah", "place-of"),
        ("The army stormed Grozny at night.", "Grozny", "verb"),
        ("Isis fighters attacked the checkpoint.", "Isis", "group"),
        ("President Jordan spoke on Monday.", "Jordan", "title"),
    ],
)
def test_context_clues(nlp, text, name, clue):
    doc = nlp(text)
    span = _span(doc, name)
    weight, got = context_score(doc, span.start, span.end, set())
    assert got == clue
    assert (weight > 0) == (clue in {"kind-of", "place-of", "verb"})


def _person_score(nlp, text: str, name: str):
    doc = nlp(text)
    span = _span(doc, name)
    return place_score(doc, span.start, span.end, label="PERSON", level=1, population=0,
                       known_place=set(), person_words=set())


def test_a_kind_word_outweighs_a_given_name(nlp):
    kind = _person_score(
        nlp, "Two guards died on Friday outside the small town of Dana, officials said.", "Dana"
    )
    assert kind.clue == "kind-of" and kind.is_place
    assert not _person_score(nlp, "Dana said the talks would resume on Friday.", "Dana").is_place


# -- the component ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("After a long winter siege the army finally took Grozny.", "Grozny"),
        ("A convoy was ambushed close to the town of Dana at dawn.", "Dana"),
        ("Shops reopened in the town of Rastan after a week of curfew.", "Rastan"),
        ("Gunmen seized Birao after a short exchange of fire.", "Birao"),
        ("Soldiers guarded Nagpur city, which stayed calm.", "Nagpur"),
    ],
)
def test_mislabelled_names_in_a_place_context_are_places(nlp, text, name):
    assert name in _places(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Jordan said he would stay with the team for another season.",
        "Michael Jordan scored 40 points. Jordan left the court early.",
        "Dana said the talks would resume on Friday.",
    ],
)
def test_people_named_like_places_stay_out(nlp, text):
    places = _places(nlp, text)
    assert "Jordan" not in places and "Dana" not in places


@pytest.mark.parametrize(
    ("text", "organisation", "place"),
    [
        ("Militants from al-Shabaab attacked a base near Mogadishu.", "al-Shabaab", "Mogadishu"),
        ("Isis fighters attacked a checkpoint near Raqqa on Monday.", "Isis", "Raqqa"),
        ("Fighters from Islamic State stormed the village of Tal Abyad.", "Islamic State", None),
        ("He told the Guardian that police fired on protesters in Tunis.", "Guardian", "Tunis"),
        ("Al Jazeera said government troops entered Homs overnight.", "Al Jazeera", "Homs"),
        ("Leaders of the Commonwealth met in London on Friday.", "Commonwealth", "London"),
    ],
)
def test_groups_and_outlets_are_not_places(nlp, text, organisation, place):
    places = _places(nlp, text)
    assert not any(organisation in name for name in places)
    if place:
        assert place in places


def test_unknown_name_with_a_kind_cue_goes_to_its_town(geoparser):
    """ "The Homs neighbourhood of Baba Amr": not in the gazetteer, placed at Homs, coarsely."""
    text = "Residents of the Homs neighbourhood of Baba Amr queued for bread on Sunday."
    from geoevents.ingest import document_from_text

    places = {p.mention.text: p for p in geoparser.process(document_from_text(text)).places}
    assert places["Baba Amr"].name == "Homs" or places["Baba Amr"].lat == places["Homs"].lat
    assert places["Baba Amr"].confidence < 0.5 and places["Baba Amr"].mention.cue
