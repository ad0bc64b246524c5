"""The geoevents_places component on spacy.blank("en") with a small fake gazetteer."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from geoevents.nlp import find_mentions
from geoevents.nlp.component import PlaceFinder
from tests.test_resolve_support import FakeGazetteer


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.fixture(scope="module")
def finder():
    return PlaceFinder(gazetteer=FakeGazetteer())


def _doc(nlp, text: str, ents: dict[str, str] = {}):  # noqa: B006 - read only
    doc = nlp(text)
    spans = []
    for surface, label in ents.items():
        start = text.index(surface)
        spans.append(doc.char_span(start, start + len(surface), label=label))
    doc.ents = [s for s in spans if isinstance(s, Span)]
    return doc


def _places(finder, doc):
    return {s.text: s for s in finder(doc).spans["places"]}


def test_compound_border_names_both_countries(nlp, finder):
    doc = _doc(
        nlp,
        "Posts went up along the Syrian-Iraqi border on Monday.",
        {"Syrian": "NORP", "Iraqi": "NORP"},
    )
    places = _places(finder, doc)
    border = places["Syrian-Iraqi border"]
    assert border.label_ == "BORDER"
    assert border._.geo_countries == ("SY", "IQ")
    assert "Syrian" not in places and "Iraqi" not in places


def test_border_with_a_country(nlp, finder):
    doc = _doc(nlp, "Troops massed near the border with Turkey.", {"Turkey": "GPE"})
    border = [s for s in finder(doc).spans["places"] if s.label_ == "BORDER"]
    assert [b._.geo_countries for b in border] == [("TR",)]


def test_region_compound_keeps_the_name_and_the_cue(nlp, finder):
    doc = _doc(
        nlp,
        "Hajin, in the southeastern Deir Ezzor countryside, was hit.",
        {"Hajin": "GPE", "Deir Ezzor": "GPE"},
    )
    places = _places(finder, doc)
    region = places["southeastern Deir Ezzor countryside"]
    assert region.label_ == "REGION"
    assert region._.geo_name == "Deir Ezzor"
    assert region._.geo_cue == "countryside"
    assert places["Hajin"]._.geo_container == "Deir Ezzor"


def test_org_that_is_a_place_is_relabelled(nlp, finder):
    doc = _doc(nlp, "They have not reopened the al-Bukamal border crossing.", {"al-Bukamal": "ORG"})
    span = _places(finder, doc)["al-Bukamal"]
    assert span.label_ == "GPE"
    assert span._.geo_cue == "border crossing"


def test_org_that_is_not_a_place_stays_out(nlp, finder):
    doc = _doc(nlp, "The Iraqi Army said so.", {"Iraqi Army": "ORG"})
    assert "Iraqi Army" not in _places(finder, doc)


def test_misspelled_name_after_a_preposition_is_kept_whole(nlp, finder):
    doc = _doc(nlp, "Fighters in Dier ez-Zor have no supplies.", {"Dier": "ORG"})
    assert "Dier ez-Zor" in _places(finder, doc)


def test_lone_demonym_is_flagged(nlp, finder):
    doc = _doc(nlp, "Syrian activists believe it.", {"Syrian": "NORP"})
    span = _places(finder, doc)["Syrian"]
    assert span._.geo_demonym and span._.geo_countries == ("SY",)


def test_metonymy_is_flagged(nlp, finder):
    doc = _doc(
        nlp,
        "Tensions with the Damascus government grew as Syria said no.",
        {"Damascus": "GPE", "Syria": "GPE"},
    )
    places = _places(finder, doc)
    assert places["Damascus"]._.geo_metonymy
    assert places["Syria"]._.geo_metonymy


def test_gazetteer_matcher_finds_names_ner_missed(nlp, finder):
    doc = _doc(nlp, "The convoy drove to Hajin at night.")
    assert "Hajin" in _places(finder, doc)


def test_cue_word_before_the_name(nlp, finder):
    doc = _doc(nlp, "Airstrikes hit the town of Hajin.", {"Hajin": "GPE"})
    assert _places(finder, doc)["Hajin"]._.geo_cue == "town"


def test_find_mentions_shifts_offsets(nlp, finder):
    doc = finder(_doc(nlp, "Smoke rose over Hajin.", {"Hajin": "GPE"}))
    (mention,) = find_mentions(doc, offset=100, section="comments")
    assert (mention.start, mention.end, mention.section) == (116, 121, "comments")
    assert mention.name == mention.text == "Hajin"


def test_find_mentions_without_our_component_uses_entities(nlp):
    doc = _doc(nlp, "Smoke rose over Hajin.", {"Hajin": "GPE"})
    assert [m.text for m in find_mentions(doc)] == ["Hajin"]


def test_factory_is_registered(nlp):
    blank = spacy.blank("en")
    pipe = blank.add_pipe("geoevents_places")
    pipe.gazetteer = FakeGazetteer()
    doc = blank("Nothing here.")
    assert list(doc.spans["places"]) == []
