"""How much the words around a name say it is a place, weighed as one score.

The place finder asks this about names spaCy tags PERSON, ORG, NORP or PRODUCT,
or leaves untagged, when the gazetteer knows them. :func:`place_score` adds up:

* the context: a settlement or area cue ("the town of X", "X province": strong),
  "the outskirts of X", a locative preposition ("in X"; "from X" counts less), the
  object of a verb that takes places ("troops captured X"), a compass word
  ("eastern X"), apposition to a known place ("X, Idlib");
* the gazetteer: a major place (country, admin-1, 100,000 people) counts more
  than a village's name;
* against: how common the name is as a given name or surname, a title before it
  ("President X"), the same word in a person's full name elsewhere in the text,
  an armed group's or organisation's head noun ("X fighters"), the model's label.

The word lists are in ``data/place_context.tsv``, ``data/person_names.tsv`` and
``data/not_places.txt``.
"""

from __future__ import annotations

import math
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Doc

from geoevents.nlp.lexicon import (
    ACTOR_HEADS,
    ACTOR_VERBS,
    AREA_CUES,
    DIRECTIONS,
    LOCATIVE_PREPS,
    SETTLEMENT_CUES,
    WATER_CUES,
)

#: Cue words that make a name a place on their own ("the town of X", "X province").
KIND_CUES = AREA_CUES | SETTLEMENT_CUES | WATER_CUES | frozenset({"area", "settlements"})
#: What the model's label says before the context is read.
LABEL_PRIOR = {"PERSON": -1.0, "ORG": -0.5, "NORP": -0.5, "PRODUCT": -0.25, "": 0.0}
#: Clues that say what kind of place a name is ("the town of X", "X province").
STRONG_CLUES = frozenset({"kind-after", "kind-of", "kind-before"})
#: A name is taken as a place from this score on.
THRESHOLD = 1.0
_ARTICLES = frozenset({"the", "a", "an"})


def _data(name: str) -> str:
    return resources.files("geoevents.nlp").joinpath(f"data/{name}").read_text("utf-8")


@cache
def context_words() -> dict[str, frozenset[str]]:
    """The word sets of ``data/place_context.tsv``: set name -> words."""
    out: dict[str, frozenset[str]] = {}
    for line in _data("place_context.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, text = line.partition("\t")
            out[key.strip()] = frozenset(text.split())
    return out


@cache
def person_names() -> dict[str, tuple[float, float]]:
    """Lower-case word -> (given-name, surname) frequency per 100,000 people."""
    out: dict[str, tuple[float, float]] = {}
    for line in _data("person_names.tsv").splitlines():
        if not line or line.startswith("#") or line.startswith("name\t"):
            continue
        name, given, surname = line.split("\t")
        out[name] = (float(given), float(surname))
    return out


@cache
def not_places() -> frozenset[str]:
    """Lower-case names of organisations that are never places (``data/not_places.txt``)."""
    lines = (line.strip().lower() for line in _data("not_places.txt").splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


def is_not_place(text: str) -> bool:
    """Whether ``text`` names an armed group, a news outlet or a union of states."""
    low = " ".join(text.lower().split())
    if low.startswith("the "):
        low = low[4:]
    return low in not_places()


def person_likeness(words: list[str]) -> float:
    """How much ``words`` look like a person's name, 0 (not at all) to about 3.

    One word: the log of its frequency as a given name or surname ("Jordan" is
    both, "Aleppo" neither). Several: a given name followed by a surname.
    """
    names = person_names()
    low = [w.lower() for w in words if w[:1].isalpha()]
    if not low:
        return 0.0
    if len(low) == 1:
        given, surname = names.get(low[0], (0.0, 0.0))
        freq = max(given, surname)
    else:
        freq = min(names.get(low[0], (0.0, 0.0))[0], names.get(low[-1], (0.0, 0.0))[1])
    return min(3.0, 0.8 * math.log10(1.0 + freq))


@dataclass(frozen=True)
class Evidence:
    """The parts of a name's place score (see :func:`place_score`)."""

    context: float
    gazetteer: float
    person: float
    label: float
    #: The strongest context clue, for debugging and tests ("of-cue", "prep", ...).
    clue: str | None = None

    @property
    def score(self) -> float:
        """The sum of the parts."""
        return self.context + self.gazetteer - self.person + self.label

    @property
    def is_place(self) -> bool:
        """Whether the score reaches :data:`THRESHOLD`."""
        return self.score >= THRESHOLD


def _before(doc: Doc, start: int) -> int:
    """The index of the word before ``start``, skipping articles, spaces and "#"."""
    j = start - 1
    while j >= 0 and (doc[j].is_space or doc[j].lower_ in _ARTICLES or doc[j].text in "#‘'"):
        j -= 1
    return j


def context_score(
    doc: Doc, start: int, end: int, known_place: AbstractSet[int]
) -> tuple[float, str | None]:
    """What the words around ``doc[start:end]`` say: (weight, clue).

    ``known_place`` holds token indices of names already taken as places, for
    apposition ("X, Idlib") and possessives ("Kandahar's X").
    """
    words = context_words()
    clues: list[tuple[float, str]] = []
    nxt = doc[end] if end < len(doc) else None
    j = _before(doc, start)
    prev = doc[j] if j >= 0 else None
    # Compass words before the name: "eastern Ghouta", "the southern Aleppo districts".
    k = j
    direction = False
    while k >= 0 and doc[k].lower_ in DIRECTIONS:
        direction, k = True, _before(doc, k)
    anchor = doc[k] if k >= 0 else None
    if nxt is not None and nxt.lower_ in KIND_CUES:
        clues.append((3.0, "kind-after"))
    if anchor is not None and anchor.lower_ == "of" and k >= 1:
        head = doc[_before(doc, k)] if _before(doc, k) >= 0 else None
        if head is not None and head.lower_ in KIND_CUES:
            clues.append((3.0, "kind-of"))
        elif head is not None and head.lower_ in words["of_nouns"] | DIRECTIONS:
            clues.append((2.0, "place-of"))
        elif head is not None and head.lower_ in words["group_heads"]:
            clues.append((-2.5, "group-of"))
    if prev is not None and prev.lower_ in {"town", "city", "village", "capital"}:
        clues.append((2.0, "kind-before"))
    if anchor is not None and anchor.lower_ in LOCATIVE_PREPS:
        weak = anchor.lower_ in words["weak_preps"]
        group = k >= 1 and doc[_before(doc, k)].lower_ in words["group_heads"]
        if group:
            clues.append((-2.5, "group-from"))
        else:
            clues.append((1.0 if weak else 1.5, "prep"))
    if direction:
        clues.append((1.0, "direction"))
    if prev is not None and prev.lower_ in {"'s", "’s"} and (prev.i - 1) in known_place:
        clues.append((1.0, "possessive"))
    if nxt is not None and nxt.text == "," and end + 1 in known_place:
        clues.append((1.5, "apposition"))
    if prev is not None and prev.lower_ in {",", "and", "or"} and prev.i - 1 in known_place:
        clues.append((1.5, "list"))  # "in Aleppo, Idlib and Hama"
    root = doc[start:end].root
    if doc.has_annotation("DEP"):
        lemma = root.head.lemma_.lower()
        if root.dep_ == "dobj" and lemma in words["place_verbs"]:
            clues.append((1.5, "verb"))
        reporting = lemma in words["reporting_verbs"] or root.dep_ == "nsubj" and lemma == "say"
        if root.dep_ in {"nsubj", "dobj", "dative"} and reporting:
            clues.append((-1.5, "source"))
        elif root.dep_ == "nsubj" and lemma in ACTOR_VERBS:
            clues.append((-1.0, "actor"))
    if nxt is not None and nxt.lower_ in words["group_heads"]:
        clues.append((-2.5, "group"))
    if nxt is not None and nxt.lower_ in ACTOR_HEADS:
        clues.append((-3.0, "actor-head"))
    if prev is not None and prev.lower_ in words["honorifics"]:
        clues.append((-3.0, "title"))
    if not clues:
        return 0.0, None
    positive = sorted((w for w, _ in clues if w > 0), reverse=True)
    negative = sum(w for w, _ in clues if w < 0)
    # The best clue counts fully, a second one half: two clues agree more than one.
    total = sum(w * (1.0 if i == 0 else 0.5) for i, w in enumerate(positive[:2])) + negative
    best = max(clues, key=lambda c: abs(c[0]))[1]
    return total, best


def gazetteer_score(level: int, population: int) -> float:
    """What the gazetteer says: ``level`` from :meth:`PlaceFinder.known` and the largest
    population of a place of that name."""
    if level == 0:
        return 0.0
    base = 1.5 if level == 2 else 0.5
    return base + (0.5 if population >= 100_000 else 0.0)


def place_score(
    doc: Doc,
    start: int,
    end: int,
    *,
    label: str,
    level: int,
    population: int,
    known_place: AbstractSet[int],
    person_words: AbstractSet[str],
) -> Evidence:
    """Weigh the evidence that ``doc[start:end]`` is a place.

    ``label`` is the model's label ("" when untagged); ``person_words`` are the
    words of multi-word PERSON names elsewhere in the doc.
    """
    context, clue = context_score(doc, start, end, known_place)
    tokens = [t.text for t in doc[start:end]]
    person = person_likeness(tokens)
    if clue in STRONG_CLUES:
        person /= 2  # "the town of Dana": a kind word leaves little room for a person
    if len(tokens) == 1 and tokens[0] in person_words:
        person += 2.5  # "Georgia" after "Georgia Stevens"
    return Evidence(
        context=context,
        gazetteer=gazetteer_score(level, population),
        person=person,
        label=LABEL_PRIOR.get(label, 0.0),
        clue=clue,
    )
