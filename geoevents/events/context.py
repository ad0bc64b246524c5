"""An empty or unnamed first actor filled from the article: "the group claimed the attack",
"the battle for Baghuz" told after "Kurdish-led forces pressed on Baghuz".

Every named actor of the section is a candidate; a small linear scorer over named features
(how near before the event it was named, how often, how often as a subject, whether the
event's own words call for a group) picks one. The weights were fitted on the
helper-coded training split (``tests/data/events/guardian-dev.coded-by-helpers.jsonl``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from geoevents.events.actors import (
    ALIASES,
    actor_country,
    actor_from_token,
    actor_words,
    is_country_name,
    is_state_actor,
    may_name_actor,
    normalise,
)
from geoevents.events.memo import memoised

#: Feature weights of the scorer: a conditional logit (softmax over an event's candidates, L2
#: 0.1) fitted on the 46 training events whose right actor is among the candidates; it picks
#: 22 of them (hand-set weights: 21; two-fold: 21 of 46 either way).
WEIGHTS: dict[str, float] = {
    "before": -0.18,
    "near": 2.25,
    "mentions": 0.12,
    "subjects": 0.47,
    "same_sentence": -0.71,
    "group_for_group": 1.81,
    "lead": 0.46,
    "home": 0.66,
}
#: Subject-like dependencies: the actor did something there.
_SUBJECTS = {"nsubj", "agent", "poss"}


@dataclass(frozen=True)
class Mention:
    """A named actor in the section: its name, sentence number and whether it is a subject."""

    name: str
    sentence: int
    subject: bool


def is_reference(name: str | None) -> bool:
    """The name only points back to a group named before ("group", "insurgents",
    "jihadist group"): lower-case, its head word one of the reference words."""
    if not name or name != name.lower():
        return False
    head = name.split()[-1]
    return head in actor_words("reference") or head.removesuffix("s") in actor_words("reference")


def _named(tok: Token, name: str) -> bool:
    """The actor is named, not described ("the SDF", "Turkish forces"; not "fighters")."""
    if tok.ent_type_ in {"GPE", "LOC", "FAC"} and not is_country_name(tok.text):
        return False  # a place ("Damascus said") is no actor of the field
    if name.startswith("Civilians") or is_reference(name):
        return False
    return armed(name)


def armed(name: str) -> bool:
    """The name is of an armed actor: a known group, a state or its forces, or a name whose
    head is an armed word ("Kurdish fighters"); not a person, a monitor or a place."""
    key = normalise(name).lower()
    head = key.split()[-1] if key else ""
    return key in ALIASES or is_country_name(name) or is_state_actor(name) or (
        head in actor_words("armed") or head.removesuffix("s") in actor_words("armed")
    )


@memoised
def _mentions(span: Span) -> tuple[Mention, ...]:
    """The named actors of the section (``span`` is the whole doc), in order."""
    out: list[Mention] = []
    for number, sent in enumerate(span.doc.sents):
        for tok in sent:
            if tok.pos_ not in {"NOUN", "PROPN"} or tok.dep_ in {"compound", "amod"} or (
                not may_name_actor(tok)
            ):
                continue
            name = actor_from_token(tok)
            if name and _named(tok, name):
                subject = tok.dep_ in _SUBJECTS or tok.head.dep_ == "agent"
                out.append(Mention(name, number, subject))
    return tuple(out)


def _sentence_number(doc: Doc, tok: Token) -> int:
    return next(i for i, s in enumerate(doc.sents) if s.start <= tok.i < s.end)


def features(
    mentions: tuple[Mention, ...], name: str, at: int, *, wants_group: bool, iso: str | None
) -> dict[str, float]:
    """The named features of actor ``name`` for an event in sentence ``at``."""
    own = [m for m in mentions if m.name == name]
    before = [m.sentence for m in own if m.sentence <= at]
    gap = at - max(before) if before else min(m.sentence for m in own) - at
    return {
        "before": float(bool(before)),
        "near": 1.0 / (1.0 + gap),
        "mentions": math.log1p(len(own)),
        "subjects": math.log1p(sum(m.subject for m in own)),
        "same_sentence": float(any(m.sentence == at for m in own)),
        "group_for_group": float(wants_group and not is_state_actor(name)),
        "lead": float(min(m.sentence for m in own) <= 2),
        "home": float(iso is not None and actor_country(name) == iso),
    }


def score(feats: dict[str, float], weights: dict[str, float] | None = None) -> float:
    """The scorer's value for one candidate actor."""
    w = WEIGHTS if weights is None else weights
    return sum(w.get(k, 0.0) * v for k, v in feats.items())


def context_actor(
    head: Token, *, exclude: list[str], wants_group: bool = False, iso: str | None = None
) -> str | None:
    """The article's actor most likely to have done the event of ``head``, or None when the
    section names none (``exclude``: the event's targets; ``wants_group``: the text called
    the doer "the group" or "the militants"; ``iso``: the event's country)."""
    doc = head.doc
    mentions = _mentions(doc[0 : len(doc)])
    names = {m.name for m in mentions} - set(exclude)
    if not names:
        return None
    at = _sentence_number(doc, head)
    return max(
        sorted(names),
        key=lambda n: score(features(mentions, n, at, wants_group=wants_group, iso=iso)),
    )
