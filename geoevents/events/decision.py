"""The decision: is a candidate event real, once, at a place and a time; recent or background?

Candidate generation (:mod:`geoevents.events.extract`) finds every trigger with
its arguments, place and date. This module describes each candidate by named
features (:data:`FEATURE_NAMES`: factuality, specificity, anchoring in time,
where it stands in the article) and weighs them with two logistic models whose
weights are fitted on coded articles (``python -m geoevents.events.train``) and
shipped in ``data/decision.json``:

* ``event``: the probability that the candidate is a real event; it is kept
  when that probability reaches the model's threshold and becomes the event's
  ``confidence``;
* ``background``: the probability that a real event is told for context, not
  as the news of the article (``status`` ``background`` or ``recent``).

Each decision carries its reasons: the features that pushed it most, as short
strings (the event's ``why``).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from spacy.tokens import Span, Token

from geoevents.events.memo import memoised
from geoevents.events.taxonomy import EVENT_TYPES

#: The features every candidate is described by, in a fixed order.
FEATURE_NAMES: tuple[str, ...] = (
    "bias",
    "own_date",
    "date_within_month",
    "date_months_before",
    "date_years_before",
    "other_year_in_sentence",
    "doc_year_in_sentence",
    "perfect_aspect",
    "pluperfect",
    "present_tense",
    "passive",
    "trigger_is_noun",
    "trigger_is_plural",
    "subordinate_clause",
    "relative_clause",
    "in_quotes",
    "reported_by_source",
    "first_person",
    "aggregate_cues",
    "big_number",
    "past_cues",
    "current_cues",
    "hedge_cues",
    "generic_cues",
    "lead_sentence",
    "position_in_article",
    "comments",
    "place_linked",
    "place_in_sentence",
    "place_from_focus",
    "no_place",
    "region_only",
    "place_abroad",
    "has_actor",
    "has_target",
    "anaphoric",
    "deaths_told",
    "sentence_events",
    "article_events",
    "repeats_earlier",
) + tuple(f"type:{t}" for t in EVENT_TYPES)

_CUE_SETS = ("aggregate", "past", "current", "hedge", "generic", "person")
_QUOTES = "\"“”"
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_SUBORDINATORS = {"when", "after", "before", "as", "while", "until", "once", "since"}


@lru_cache(maxsize=1)
def cue_words() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The cue sets of ``data/cues.tsv``: set name -> its words and phrases as word tuples."""
    text = resources.files("geoevents.events").joinpath("data/cues.tsv").read_text("utf-8")
    out: dict[str, list[tuple[str, ...]]] = {name: [] for name in _CUE_SETS}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, phrase = line.split("\t")[:2]
        out[name].append(tuple(phrase.split()))
    return {name: tuple(phrases) for name, phrases in out.items()}


@dataclass(frozen=True)
class Candidate:
    """What the decision knows of a candidate event, as candidate generation found it."""

    head: Token
    event_type: str
    #: How the place was found: "linked", "sentence", "focus", or None when there is none.
    place_how: str | None
    geo_precision: int | None
    place_country: str | None
    #: The event's own date (from its clause) and the document's.
    date: str | None
    document_date: dt.date | None
    has_actor: bool
    has_target: bool
    reported: bool
    anaphoric: bool
    deaths: int
    section: str
    #: Which sentence of the section the trigger is in (0 first).
    sentence_index: int
    #: Candidates in the trigger's sentence and in the whole section.
    sentence_events: int
    article_events: int
    #: The countries most places of the document are in.
    focus_countries: frozenset[str]
    #: An earlier candidate of the section has the same sub-event type and place.
    repeats_earlier: bool = False


@lru_cache(maxsize=1)
def _cues_by_first_word() -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """The cue phrases indexed by their first word: first word -> ((set name, phrase), ...)."""
    index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for name, phrases in cue_words().items():
        for phrase in phrases:
            index.setdefault(phrase[0], []).append((name, phrase))
    return {word: tuple(entries) for word, entries in index.items()}


@memoised
def _cue_counts(sent: Span) -> Mapping[str, int]:
    """How many phrases of each cue set the sentence holds (one pass over its words)."""
    words = tuple(t.lower_ for t in sent if not t.is_space)
    index = _cues_by_first_word()
    counts = dict.fromkeys(_CUE_SETS, 0)
    for i, word in enumerate(words):
        for name, phrase in index.get(word, ()):
            if words[i : i + len(phrase)] == phrase:
                counts[name] += 1
    return MappingProxyType(counts)  # memoised: read-only


def _clause_verb(tok: Token) -> Token:
    """The verb of the trigger's clause (the trigger itself when it is one)."""
    cur = tok
    while cur.pos_ not in {"VERB", "AUX"} and cur.head.i != cur.i:
        cur = cur.head
    return cur


def _aux(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}


def _in_clause(tok: Token, deps: set[str], marks: set[str] | None = None) -> bool:
    cur = tok
    while cur.head.i != cur.i:
        if cur.dep_ in deps and (
            marks is None or any(  # "when" is parsed as advmod, "after" as mark
                c.dep_ in {"mark", "advmod"} and c.lower_ in marks for c in cur.children
            )
        ):
            return True
        cur = cur.head
    return False


@memoised
def _big_number(sent: Span) -> bool:
    for t in sent:
        if t.like_num and not _YEAR.match(t.text):
            digits = t.text.replace(",", "")
            if digits.isdigit() and int(digits) >= 100:
                return True
        if t.lower_ in {"hundreds", "thousands", "millions"}:
            return True
    return False


def _date_age(date: str | None, ref: dt.date | None) -> int | None:
    """Days from the event's date (its first day) to the document's date."""
    if not date or ref is None:
        return None
    parts = [int(p) for p in date.split("-")]
    year, month, day = (parts + [1, 1])[:3]
    try:
        when = dt.date(year, month, day)
    except ValueError:
        return None
    return (ref - when).days


@memoised
def _years_in(sent: Span) -> frozenset[int]:
    return frozenset(int(t.text) for t in sent if _YEAR.match(t.text))


def features(c: Candidate) -> dict[str, float]:
    """The named features of a candidate (binary, or scaled to about 0..1)."""
    head, sent = c.head, c.head.sent
    cues = _cue_counts(sent)
    verb = _clause_verb(head)
    aux = _aux(verb)
    age = _date_age(c.date, c.document_date)
    years = _years_in(sent)
    doc_year = c.document_date.year if c.document_date else None
    sent_index = c.sentence_index
    text = sent.text
    f = {
        "bias": 1.0,
        "own_date": float(c.date is not None),
        "date_within_month": float(age is not None and -3 <= age <= 45),
        "date_months_before": float(age is not None and 45 < age <= 365),
        "date_years_before": float(age is not None and age > 365),
        "other_year_in_sentence": float(bool(years - {doc_year})),
        "doc_year_in_sentence": float(doc_year in years),
        "perfect_aspect": float(bool(aux & {"has", "have", "'ve", "’ve"})),
        "pluperfect": float("had" in aux or "'d" in aux),
        "present_tense": float(verb.tag_ in {"VBZ", "VBP"} or (
            verb.tag_ == "VBG" and bool(aux & {"is", "are", "am"}))),
        "passive": float(any(c2.dep_ in {"auxpass", "nsubjpass"} for c2 in verb.children)),
        "trigger_is_noun": float(head.pos_ in {"NOUN", "PROPN"}),
        "trigger_is_plural": float(head.tag_ == "NNS"),
        "subordinate_clause": float(_in_clause(head, {"advcl"}, _SUBORDINATORS)),
        "relative_clause": float(_in_clause(head, {"relcl", "acl"})),
        "in_quotes": float(any(q in text for q in _QUOTES)),
        "reported_by_source": float(c.reported),
        "first_person": min(cues["person"], 2) / 2,
        "aggregate_cues": min(cues["aggregate"], 3) / 3,
        "big_number": float(_big_number(sent)),
        "past_cues": min(cues["past"], 2) / 2,
        "current_cues": min(cues["current"], 2) / 2,
        "hedge_cues": min(cues["hedge"], 2) / 2,
        "generic_cues": min(cues["generic"], 2) / 2,
        "lead_sentence": float(c.section == "body" and sent_index < 3),
        "position_in_article": min(sent_index, 60) / 60,
        "comments": float(c.section == "comments"),
        "place_linked": float(c.place_how == "linked"),
        "place_in_sentence": float(c.place_how == "sentence"),
        "place_from_focus": float(c.place_how == "focus"),
        "no_place": float(c.place_how is None),
        "region_only": float(c.geo_precision == 3),
        "place_abroad": float(
            c.place_country is not None and bool(c.focus_countries)
            and c.place_country not in c.focus_countries
        ),
        "has_actor": float(c.has_actor),
        "has_target": float(c.has_target),
        "anaphoric": float(c.anaphoric),
        "deaths_told": float(c.deaths > 0),
        "sentence_events": min(c.sentence_events - 1, 3) / 3,
        "article_events": min(math.log1p(c.article_events) / math.log(30), 1.0),
        "repeats_earlier": float(c.repeats_earlier),
    }
    for t in EVENT_TYPES:
        f[f"type:{t}"] = float(c.event_type == t)
    return f


def strongest_reasons(
    weights: Mapping[str, float], feats: Mapping[str, float], n: int
) -> list[str]:
    """The ``n`` features that pushed a linear score most ("lead_sentence +0.88"), leaving
    out the bias and contributions under 0.05."""
    parts = sorted(((weights.get(k, 0.0) * v, k) for k, v in feats.items() if k != "bias" and v),
                   key=lambda wk: -abs(wk[0]))
    return [f"{k} {w:+.2f}" for w, k in parts[:n] if abs(w) >= 0.05]


@dataclass(frozen=True)
class Decision:
    """A candidate's verdict: kept or not, how sure, recent or background, and why."""

    keep: bool
    confidence: float
    status: str
    why: tuple[str, ...]


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))


class DecisionModel:
    """Two logistic models over :data:`FEATURE_NAMES` and the event model's threshold."""

    def __init__(
        self,
        event: Mapping[str, float],
        background: Mapping[str, float],
        threshold: float = 0.5,
        meta: Mapping[str, object] | None = None,
    ):
        self.event = dict(event)
        self.background = dict(background)
        self.threshold = threshold
        self.meta = dict(meta or {})

    @staticmethod
    def _score(weights: Mapping[str, float], feats: Mapping[str, float]) -> float:
        return sum(weights.get(k, 0.0) * v for k, v in feats.items())

    def decide(self, feats: Mapping[str, float], *, reasons: int = 4) -> Decision:
        """Keep the candidate when the event model's probability reaches the threshold."""
        p_event = _sigmoid(self._score(self.event, feats))
        p_background = _sigmoid(self._score(self.background, feats))
        status = "background" if p_background >= 0.5 else "recent"
        why = [f"event p={p_event:.2f} (threshold {self.threshold:.2f})"]
        why += strongest_reasons(self.event, feats, reasons)
        why.append(f"{status} p={max(p_background, 1 - p_background):.2f}")
        return Decision(p_event >= self.threshold, round(p_event, 3), status, tuple(why))

    def to_json(self) -> dict[str, object]:
        """The weights file's content."""
        return {"threshold": self.threshold, "event": self.event,
                "background": self.background, "meta": self.meta}

    def save(self, path: str | Path) -> None:
        """Write the weights as JSON."""
        Path(path).write_text(json.dumps(self.to_json(), indent=1, sort_keys=True) + "\n")

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> DecisionModel:
        """A model from :meth:`to_json`'s content."""
        return cls(data["event"], data["background"], float(data.get("threshold", 0.5)),
                   data.get("meta"))  # type: ignore[arg-type]


#: Keeps every candidate (for training and for looking at what generation finds).
KEEP_ALL = DecisionModel({"bias": 30.0}, {}, threshold=0.0)


@lru_cache(maxsize=1)
def shipped_model() -> DecisionModel:
    """The fitted model shipped in the package (``data/decision.json``)."""
    text = resources.files("geoevents.events").joinpath("data/decision.json").read_text("utf-8")
    return DecisionModel.from_json(json.loads(text))
