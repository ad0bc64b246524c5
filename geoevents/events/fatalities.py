"""Reported fatalities, counted as ACLED counts them, from an event's own sentence.

ACLED codes the number of reported deaths of each event, the most conservative
figure when reports differ, and fixed numbers for vague ones: 10 for "tens",
12 for "dozens", 100 for "hundreds". We read deaths from the parse of the
event's sentence: the victims of "kill", "execute", "shoot dead"..., the
subjects of "die", "left N dead", "N deaths", "the death toll rose to N". A
phrase names its count ("four civilians", "at least 12 people", "a soldier":
1, "more than 30": 30, "between 10 and 15": 10); victims in the plural with no
number ("killing civilians", "several", "many") count 10. Wounded people are
not fatalities. A toll told in another sentence is not seen.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Span, Token

from geoevents.events.modality import not_event_reason

_KILL_VERBS = {"kill", "execute", "massacre", "murder", "behead", "slaughter", "assassinate",
               "slay", "lynch", "martyr"}
_DIE_VERBS = {"die", "perish", "succumb"}
_DEATH_NOUNS = {"death", "fatality"}
_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "a dozen": 12, "dozen": 12, "a hundred": 100, "a thousand": 1000,
}
#: ACLED's figures for vague counts ("tens", "dozens", "hundreds"); vague plurals count 10.
_VAGUE = {"tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000,
          "several": 10, "many": 10, "numerous": 10, "multiple": 10, "some": 10}
_NOBODY = {"nobody", "none", "no-one"}
_NUMBER = re.compile(r"^\d{1,3}(,\d{3})*$|^\d+$")


def number_of(tok: Token) -> int | None:
    """The value of a number token ("12", "1,200", "twelve", "forty-two", "dozens")."""
    text = tok.lower_
    if _NUMBER.match(text):
        return int(text.replace(",", ""))
    if text in _WORDS:
        value = _WORDS[text]
        for child in tok.children:
            if child.dep_ in {"compound", "nummod", "quantmod"} and child.lower_ in _WORDS:
                part = _WORDS[child.lower_]
                if value >= 100:
                    value *= part  # "two hundred", "three thousand"
                elif value < 10 and part in range(20, 100, 10):
                    value += part  # "twenty-two", split by the tokenizer
        return value
    if "-" in text and all(part in _WORDS for part in text.split("-")):
        return sum(_WORDS[part] for part in text.split("-"))  # "forty-two"
    return _VAGUE.get(text)


def victims_count(tok: Token) -> int | None:
    """How many people a victim phrase headed by ``tok`` names (None: no count in it)."""
    if tok.lower_ in _NOBODY or any(
        c.dep_ == "det" and c.lower_ in {"no", "neither"} for c in tok.children
    ):
        return 0  # "no one was killed", "no soldiers died"
    value = number_of(tok)
    if value is not None:
        return value
    for child in tok.children:
        if child.dep_ in {"nummod", "quantmod", "amod", "det"}:
            value = number_of(child)
            if value is not None:
                return value
    if tok.pos_ == "PRON":
        return 1 if tok.lower_ in {"him", "her", "he", "she", "himself", "herself"} else None
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return None
    if tok.tag_ in {"NNS", "NNPS"}:
        return 10  # plural, no number: ACLED's "several"
    return 1  # "a soldier", "the commander", "Ahmed Ali"


def _all_victims(heads: Iterable[Token]) -> list[Token]:
    out: list[Token] = []
    for head in heads:
        for tok in (head, *head.conjuncts):
            if tok not in out:
                out.append(tok)
    return out


def _victims(tok: Token) -> list[Token]:
    """The heads of the phrases naming who died by the death word ``tok``."""
    lemma = tok.lemma_.lower()
    heads: list[Token] = []
    if tok.pos_ == "VERB" and (lemma in _KILL_VERBS or (lemma in {"shoot", "gun"} and any(
        c.lower_ in {"dead", "down"} for c in tok.children
    ))):
        passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children)
        heads = [c for c in tok.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
        if not heads and tok.dep_ in {"acl", "relcl"} and tok.head.pos_ in {"NOUN", "NUM"}:
            heads = [tok.head]  # "12 people killed in the attack"
        heads += [c for c in tok.children if c.dep_ == "conj" and c.like_num]  # misparsed
    elif tok.pos_ == "VERB" and lemma in _DIE_VERBS:
        heads = [c for c in tok.children if c.dep_ == "nsubj"]
    elif lemma == "dead" and tok.pos_ == "ADJ":
        if tok.dep_ in {"oprd", "ccomp", "xcomp"}:  # "left dozens dead"
            heads = [c for c in tok.head.children if c.dep_ == "dobj"]
        elif tok.dep_ == "acomp" and tok.head.lemma_.lower() in {"be", "lie"}:
            heads = [c for c in tok.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        elif tok.dep_ == "amod" and tok.head.like_num:
            heads = [tok.head]  # "five dead"
    elif lemma in _DEATH_NOUNS and tok.pos_ == "NOUN":
        heads = [tok] if any(c.dep_ == "nummod" for c in tok.children) else []
    elif lemma == "toll" and any(c.lower_ in {"death", "casualty"} for c in tok.children):
        verb = tok.head  # "the death toll rose to 27", "... stood at 27", "... reached 27"
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in {"to", "at"}:
                heads += [g for g in c.children if g.dep_ == "pobj" and g.like_num]
            elif c.dep_ in {"dobj", "attr"} and c.like_num:
                heads.append(c)
    return _all_victims(heads)


def deaths_in(sent: Span) -> list[tuple[Token, int]]:
    """Every report of deaths in the sentence: ``(death word, people)``."""
    found: list[tuple[Token, int]] = []
    counted: set[int] = set()
    for tok in sent:
        victims = [v for v in _victims(tok) if v.i not in counted]
        if not victims or not_event_reason(tok) is not None:  # "threatened to kill"
            continue
        total = 0
        for victim in victims:
            count = victims_count(victim)
            if count is not None:
                total += count
                counted.add(victim.i)
        if counted & {v.i for v in victims}:
            found.append((tok, total))
    return found
