"""The fast trigger matchers find exactly what spaCy's own matchers find, on real parses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.matcher import DependencyMatcher, Matcher

from geoevents.events.patterns import DEP_PATTERNS, TOKEN_PATTERNS, _anchor, matchers

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).parents[1] / "examples"


def _texts() -> list[str]:
    texts = [(EXAMPLES / "border-base-airstrike.txt").read_text(encoding="utf-8")]
    for path in sorted(DATA.glob("events*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            texts.extend(json.loads(line)["text"] for line in handle if line.strip())
    with (EXAMPLES / "corpus.jsonl").open(encoding="utf-8") as handle:
        texts.extend(json.loads(line)["text"] for line in handle if line.strip())
    # patterns at the very start and end of a doc, and across windows
    texts += ["Airstrike", "They set the house on fire", "Rebels took two aid workers hostage."]
    return texts


@pytest.fixture(scope="module")
def parsed(geoparser):
    return list(geoparser.nlp.pipe(_texts()))


def test_same_matches_as_spacy_matchers(geoparser, parsed):
    vocab = geoparser.nlp.vocab
    token = Matcher(vocab)
    for kind, patterns in TOKEN_PATTERNS.items():
        token.add(kind, patterns)
    dep = DependencyMatcher(vocab)
    for i, (kind, pattern) in enumerate(DEP_PATTERNS):
        dep.add(f"{kind}#{i}", [pattern])
    fast = matchers(vocab)
    strings = vocab.strings
    total = trees = 0
    for doc in parsed:
        expected = {(strings[key], start, end) for key, start, end in token(doc)}
        expected |= {(strings[key].split("#")[0], ids[0], ids[0] + 1) for key, ids in dep(doc)}
        found = fast.matches(doc)
        assert set(found) == expected, doc.text[:200]
        total += len(expected)
        trees += len(dep(doc))
    assert total > 500 and trees > 10  # the texts exercise both kinds of pattern


def test_anchor_is_a_required_literal_token():
    assert _anchor([{"OP": "?", "LOWER": "the"}, {"LEMMA": {"IN": ["set"]}}]) == (1, 0, ["set"])
    assert _anchor([{"POS": "DET"}, {"LOWER": "fire"}]) == (1, 1, ["fire"])
    assert _anchor([{"POS": "VERB"}, {"OP": "*"}]) is None


def test_repeated_specs_match_around_their_anchor_up_to_their_reach(geoparser):
    from geoevents.events.patterns import REPEAT_REACH

    fast = matchers(geoparser.nlp.vocab)
    repeated = sum(
        1 for patterns in TOKEN_PATTERNS.values() for p in patterns
        if any(spec.get("OP") in {"*", "+"} for spec in p)
    )
    assert repeated and REPEAT_REACH >= 6
    doc = geoparser.nlp("The two sides signed a new peace deal in Doha.")
    assert ("AGREE", 3, 8) in fast.matches(doc)  # "signed a new peace deal"
    long = geoparser.nlp("The two sides signed a new, long-awaited and hard-won peace deal.")
    assert any(kind == "AGREE" for kind, _, _ in fast.matches(long))
