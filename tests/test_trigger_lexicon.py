"""The trigger lexicon (data/triggers.tsv) and its loader."""

from __future__ import annotations

from importlib import resources

import pytest

from geoevents.events import lexicon
from geoevents.events.patterns import DEP_PATTERNS, TOKEN_PATTERNS
from tests.test_events import nlp, only, run  # noqa: F401  (nlp is a fixture)


def test_token_specs():
    assert lexicon.parse_token("bomb") == {"LEMMA": {"IN": ["bomb"]}}
    assert lexicon.parse_token("=fired|shot") == {"LOWER": {"IN": ["fired", "shot"]}}
    assert lexicon.parse_token("@DET?") == {"POS": "DET", "OP": "?"}
    assert lexicon.parse_token("@ADJ|NOUN*") == {"POS": {"IN": ["ADJ", "NOUN"]}, "OP": "*"}
    assert lexicon.parse_token("_?") == {"OP": "?"}
    assert lexicon.parse_token("=-?") == {"LOWER": {"IN": ["-"]}, "OP": "?"}
    assert lexicon.parse_token("bomb|device@NOUN|PROPN") == {
        "LEMMA": {"IN": ["bomb", "device"]}, "POS": {"IN": ["NOUN", "PROPN"]}}


def test_phrase_pos_constrains_the_first_token():
    assert lexicon.parse_phrase("fire =on|at", "VERB") == [
        {"LEMMA": {"IN": ["fire"]}, "POS": {"IN": ["VERB"]}}, {"LOWER": {"IN": ["on", "at"]}}]


def test_single_words_of_a_kind_make_one_pattern():
    rows = lexicon.read_entries(
        "# a comment\n"
        "KILL\tkill\tVERB|NOUN\tgeoevents\n"
        "KILL\tmurder\tVERB|NOUN\tgeoevents\n"
        "KILL\t=slain\t\tgeoevents\n"
        "ATTACK\tfire =on|at\tVERB\tpetrarch2:190\n"
        "EXPEL\tpush\ttree-root\tgeoevents\n"
    )
    patterns = lexicon.token_patterns(rows)
    assert list(patterns) == ["KILL", "ATTACK"]  # tree word lists are no token patterns
    assert patterns["KILL"] == [
        [{"LEMMA": {"IN": ["kill", "murder"]}, "POS": {"IN": ["VERB", "NOUN"]}}],
        [{"LOWER": {"IN": ["slain"]}}],
    ]
    assert lexicon.tree_words(rows, "EXPEL", "tree-root") == ["push"]


def test_bad_rows_are_refused():
    with pytest.raises(ValueError, match="line 1"):
        lexicon.read_entries("KILL\tkill\n")


def test_petrarch2_rows_take_the_kind_of_their_cameo_code():
    text = resources.files("geoevents.events").joinpath("data/cameo_kinds.tsv").read_text("utf-8")
    kinds = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            code, kind = line.split("\t")[:2]
            kinds[code] = kind.strip()
    rows = [r for r in lexicon.entries() if r.source.startswith("petrarch2:")]
    assert rows
    for row in rows:
        assert kinds.get(row.source.split(":")[1]) == row.kind, row


def test_shipped_lexicon():
    rows = lexicon.entries()
    assert {r.source.split(":")[0] for r in rows} <= {"geoevents", "petrarch2"}
    assert all(r.kind.isupper() for r in rows)
    assert "AIR" in TOKEN_PATTERNS and "BASE" not in TOKEN_PATTERNS
    expel = next(p for kind, p in DEP_PATTERNS if kind == "EXPEL")
    assert "expel" in expel[0]["RIGHT_ATTRS"]["LEMMA"]["IN"]


# New triggers (own lists and PETRARCH2 CAMEO verbs), each on wording unlike the dev articles'.
@pytest.mark.parametrize(
    ("text", "sub", "trigger"),
    [
        ("Gunmen fired on a minibus carrying villagers near Hajin on Monday.", "Attack",
         "fired on"),
        ("Soldiers fired at militants hiding in an orchard outside Kirkuk.", "Armed clash",
         "fired at"),
        ("The rebels were pushed out of Hajin by government troops on Sunday.",
         "Government regains territory", "pushed out"),
        ("The army launched a large-scale operation against insurgents in Hajin.",
         "Armed clash", "launched a large-scale operation"),
        ("Militia units encircled Hajin and cut the road to Kirkuk.", "Armed clash",
         "encircled"),
        ("A government air onslaught on Hajin continued for a third day.",
         "Air/drone strike", "onslaught"),
        ("Police confiscated a shipment of rifles and ammunition in Kirkuk.",
         "Disrupted weapons use", "confiscated"),
        ("Armed men gunned down two farmers near Hajin.", "Attack", "gunned down"),
        ("Militants fired on the widows of the guards as they left Hajin.", "Attack",
         "fired on"),
    ],
)
def test_new_triggers(nlp, text, sub, trigger):  # noqa: F811
    event = only(run(nlp, text))
    assert (event.sub_event_type, event.trigger) == (sub, trigger)


@pytest.mark.parametrize(
    "text",
    [
        "Police denied firing on protesters in Baghdad.",
        "The singer's biggest hit was recorded in Kirkuk.",
        "Officials hope to launch a vaccination campaign in Mosul next month.",
    ],
)
def test_new_triggers_no_event(nlp, text):  # noqa: F811
    assert run(nlp, text) == []
