"""Per-doc memos of the events stage: same answers as without them, and nothing left behind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geoevents.events import extract_events
from geoevents.events.actors import _np_text, actor_from_token
from geoevents.events.classify import lemmas, sentence_lemmas
from geoevents.events.decision import shipped_model
from geoevents.events.extract import _extract
from geoevents.events.memo import memoised, memos
from geoevents.events.modality import not_event_reason, source_actor
from geoevents.ingest import document_from_text

DATA = Path(__file__).parent / "data"


def _texts() -> list[str]:
    with (DATA / "events.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle if line.strip()][:60]


@pytest.fixture(scope="module")
def parsed(geoparser):
    return list(geoparser.nlp.pipe(_texts()))


def _answers(t):
    return not_event_reason(t), source_actor(t), _np_text(t), actor_from_token(t)


def test_memoised_answers_equal_fresh_ones(parsed):
    for doc in parsed:
        fresh = [_answers(t) for t in doc]
        fresh_sents = [frozenset(lemmas(s)) for s in doc.sents]
        with memos(doc):
            for _ in range(2):  # the second pass answers from the store
                assert [_answers(t) for t in doc] == fresh
                assert [sentence_lemmas(s) for s in doc.sents] == fresh_sents
        assert "geoevents.events.memo" not in doc.user_data


def test_same_function_names_in_two_modules_keep_their_own_answers(parsed):
    def first(span):
        return "first"

    def second(span):
        return "second"

    second.__qualname__ = first.__qualname__  # the same name, defined in another module
    second.__module__ = "geoevents.elsewhere"
    one, other = memoised(first), memoised(second)
    doc = parsed[0]
    sent = next(iter(doc.sents))
    with memos(doc):
        assert (one(sent), other(sent)) == ("first", "second")
        assert (other(sent), one(sent)) == ("second", "first")


def test_events_with_and_without_memos_are_equal(geoparser, parsed):
    for text, doc in zip(_texts(), parsed, strict=True):
        document = document_from_text(text)
        places = geoparser.process(document).places
        plain = _extract(doc, document, places, 0, "body", shipped_model())  # no memos
        assert extract_events(doc, document, places) == plain
        assert "geoevents.events.memo" not in doc.user_data


def test_store_is_removed_after_an_error_and_nesting_keeps_the_outer_store(parsed):
    doc = parsed[0]
    calls = []

    @memoised
    def first_word(token):
        calls.append(token.i)
        return token.sent[0].text

    with pytest.raises(RuntimeError), memos(doc):
        first_word(doc[0])
        with memos(doc):  # an inner block for the same doc shares the store
            first_word(doc[0])
        first_word(doc[0])
        raise RuntimeError("boom")
    assert calls == [0]
    assert "geoevents.events.memo" not in doc.user_data
    first_word(doc[0])  # outside a block: computed every time
    first_word(doc[0])
    assert calls == [0, 0, 0]
