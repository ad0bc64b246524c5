"""The trigger lexicon (data/triggers.tsv) and its loader."""

from __future__ import annotations

import pytest

from geoevents.events import lexicon
from geoevents.events.patterns import DEP_PATTERNS, TOKEN_PATTERNS


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


def test_shipped_lexicon():
    rows = lexicon.entries()
    assert {r.source.split(":")[0] for r in rows} <= {"geoevents", "petrarch2"}
    assert all(r.kind.isupper() for r in rows)
    assert "AIR" in TOKEN_PATTERNS and "BASE" not in TOKEN_PATTERNS
    expel = next(p for kind, p in DEP_PATTERNS if kind == "EXPEL")
    assert "expel" in expel[0]["RIGHT_ATTRS"]["LEMMA"]["IN"]
