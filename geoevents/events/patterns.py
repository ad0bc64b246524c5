"""Trigger patterns: token patterns on lemmas and dependency patterns on the parse.

Each match is labelled with a trigger *kind* (AIR, SHELL, CLASH, TAKE...);
:mod:`geoevents.events.classify` turns a kind plus its context into an ACLED
sub-event type. Matchers are built lazily, once per ``Vocab``. The words are
data: ``data/triggers.tsv``, read by :mod:`geoevents.events.lexicon`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.matcher import Matcher
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from geoevents.events import lexicon

#: The trigger lexicon (``data/triggers.tsv``).
LEXICON = lexicon.entries()

#: kind -> token patterns, built from the lexicon (kinds in the lexicon's order).
TOKEN_PATTERNS: dict[str, list[list[dict[str, Any]]]] = lexicon.token_patterns(LEXICON)

#: Nouns that name a base, post or headquarters.
BASE_NOUNS = lexicon.tree_words(LEXICON, "BASE", "tree-object")
_BASE_VERBS = lexicon.tree_words(LEXICON, "BASE", "tree-root")
_EXPEL_VERBS = lexicon.tree_words(LEXICON, "EXPEL", "tree-root")
_QUANT = ["series", "number", "network", "chain", "string", "set", "couple", "line", "ring",
          "group", "dozen", "handful"]

#: Dependency patterns: (kind, pattern); the first node is the trigger.
DEP_PATTERNS: list[tuple[str, list[dict[str, Any]]]] = [
    ("BASE", [
        {"RIGHT_ID": "v", "RIGHT_ATTRS": {"LEMMA": {"IN": _BASE_VERBS}}},
        {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "o",
         "RIGHT_ATTRS": {"DEP": {"IN": ["dobj", "nsubjpass"]}, "LEMMA": {"IN": BASE_NOUNS}}},
    ]),
    ("BASE", [
        {"RIGHT_ID": "v", "RIGHT_ATTRS": {"LEMMA": {"IN": _BASE_VERBS}}},
        {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "q",
         "RIGHT_ATTRS": {"DEP": {"IN": ["dobj", "nsubjpass"]}, "LEMMA": {"IN": _QUANT}}},
        {"LEFT_ID": "q", "REL_OP": ">", "RIGHT_ID": "p", "RIGHT_ATTRS": {"LOWER": "of"}},
        {"LEFT_ID": "p", "REL_OP": ">", "RIGHT_ID": "o",
         "RIGHT_ATTRS": {"DEP": "pobj", "LEMMA": {"IN": BASE_NOUNS}}},
    ]),
    ("BASE", [
        {"RIGHT_ID": "v", "RIGHT_ATTRS": {"LEMMA": {"IN": ["establishment", "construction"]}}},
        {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "p", "RIGHT_ATTRS": {"LOWER": "of"}},
        {"LEFT_ID": "p", "REL_OP": ">>", "RIGHT_ID": "o",
         "RIGHT_ATTRS": {"LEMMA": {"IN": BASE_NOUNS}}},
    ]),
    ("EXPEL", [  # "pushed Russian troops out of the villages", "expelled ISIS from the town"
        {"RIGHT_ID": "v", "RIGHT_ATTRS": {"LEMMA": {"IN": _EXPEL_VERBS}}},
        {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "o", "RIGHT_ATTRS": {"DEP": "dobj"}},
        {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "p",
         "RIGHT_ATTRS": {"LOWER": {"IN": ["out", "from"]}, "DEP": {"IN": ["prep", "prt"]}}},
    ]),
    ("TAKE", [  # "the town fell to ISIS"
        {"RIGHT_ID": "v", "RIGHT_ATTRS": {"LEMMA": "fall", "POS": "VERB"}},
        {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "p",
         "RIGHT_ATTRS": {"LOWER": {"IN": ["to", "into"]}}},
        {"LEFT_ID": "p", "REL_OP": ">", "RIGHT_ID": "o", "RIGHT_ATTRS": {"DEP": "pobj"}},
    ]),
]


@dataclass(frozen=True)
class TriggerMatch:
    """One trigger found in a doc: its kind and its token span."""

    kind: str
    span: Span

    @property
    def head(self):
        """The syntactic head of the trigger span."""
        return self.span.root


_ANCHOR_ATTRS = {"LEMMA": 0, "LOWER": 1, "ORTH": 2, "TEXT": 2}


def _anchor(pattern: list[dict[str, Any]]) -> tuple[int, int, list[str]] | None:
    """A token every match of the pattern has: its position in the pattern, the
    column of its attribute (LEMMA, LOWER, ORTH) and its values."""
    for position, spec in enumerate(pattern):
        if "OP" in spec:
            continue
        for attr, column in _ANCHOR_ATTRS.items():
            value = spec.get(attr)
            if isinstance(value, str):
                return position, column, [value]
            if isinstance(value, dict) and set(value) == {"IN"}:
                return position, column, list(value["IN"])
    return None


_TOKEN_ATTRS = {
    "LEMMA": lambda t: t.lemma_, "LOWER": lambda t: t.lower_, "DEP": lambda t: t.dep_,
    "POS": lambda t: t.pos_,
}


class _TreePattern:
    """One dependency pattern (``DependencyMatcher`` format, ``>`` and ``>>`` only).

    Matched in Python from the roots that pass a lemma pre-filter: the
    ``DependencyMatcher`` first runs a token matcher for every node over the
    whole doc, which costs more than all our patterns need.
    """

    def __init__(self, kind: str, pattern: list[dict[str, Any]]) -> None:
        self.kind = kind
        self.root = pattern[0]["RIGHT_ID"]
        self.attrs: dict[str, list[tuple[str, Any]]] = {}
        self.links: dict[str, list[tuple[str, str]]] = {}
        for node in pattern:
            attrs = [
                (key, frozenset(want["IN"]) if isinstance(want, dict) else want)
                for key, want in node["RIGHT_ATTRS"].items()
            ]
            unsupported = any(key not in _TOKEN_ATTRS for key, _ in attrs)
            if unsupported or node.get("REL_OP", ">") not in {">", ">>"}:
                raise ValueError(f"unsupported dependency pattern node: {node}")
            self.attrs[node["RIGHT_ID"]] = attrs
            self.links[node["RIGHT_ID"]] = []
            if "LEFT_ID" in node:
                self.links[node["LEFT_ID"]].append((node["REL_OP"], node["RIGHT_ID"]))
        lemmas = dict(self.attrs[self.root]).get("LEMMA")
        lemmas = frozenset([lemmas]) if isinstance(lemmas, str) else lemmas
        #: hashes of the lemmas a root may have (None: any)
        self.root_lemmas = None if lemmas is None else np.array(
            sorted(hash_string(v) for v in lemmas), dtype=np.uint64
        )

    def _passes(self, tok: Token, node: str) -> bool:
        for key, want in self.attrs[node]:
            have = _TOKEN_ATTRS[key](tok)
            if isinstance(want, frozenset):
                if have not in want:
                    return False
            elif have != want:
                return False
        return True

    def _holds(self, tok: Token, node: str) -> bool:
        """Some assignment of the node's pattern subtree under ``tok`` holds."""
        for op, child in self.links[node]:
            pool = tok.children if op == ">" else (t for t in tok.subtree if t.i != tok.i)
            if not any(self._passes(u, child) and self._holds(u, child) for u in pool):
                return False
        return True

    def roots(self, doc: Doc, lemmas: np.ndarray) -> list[int]:
        """Token ids where the pattern matches (``lemmas``: the doc's lemma hashes)."""
        if self.root_lemmas is None:
            ids: Iterable[int] = range(len(doc))
        else:
            ids = np.flatnonzero(np.isin(lemmas, self.root_lemmas)).tolist()
        return [i for i in ids if self._passes(doc[i], self.root)
                and self._holds(doc[i], self.root)]


@dataclass
class _AnchorGroup:
    """The patterns anchored on one word, and how far their matches reach around it."""

    matcher: Matcher
    before: int = 0
    after: int = 0


@dataclass
class TriggerMatchers:
    """The trigger matchers of one vocab.

    spaCy's ``Matcher`` tries every pattern at every token, which costs more
    than a pass of the parser. Most patterns are short and hold a word every
    match must have (an *anchor*: "airstrike", "shell", "clash"), so each
    anchor word has a small matcher of its own patterns, run only over the few
    tokens around each of its occurrences that they can reach (a repeated spec
    reaches :data:`REPEAT_REACH` tokens); the patterns without an anchor go to
    ``whole``, run over the whole doc. The matches are those of one ``Matcher``
    and one ``DependencyMatcher`` over the whole doc, save repeats longer than
    that reach (tests/test_trigger_matchers.py checks it on real parses); equal
    spans keep the order of ``TOKEN_PATTERNS``.
    """

    whole: Matcher
    trees: list[_TreePattern]
    #: per column (lemma, lower, orth): anchor hash -> its group
    groups: tuple[dict[int, _AnchorGroup], ...]
    anchors: tuple[np.ndarray, ...]
    kind_order: dict[str, int]

    def matches(self, doc: Doc) -> list[tuple[str, int, int]]:
        """``(kind, start, end)`` of every token pattern, then of every dependency
        pattern (its root token) when the doc is parsed."""
        strings = doc.vocab.strings
        found: set[tuple[str, int, int]] = set()
        if len(self.whole):  # an empty Matcher warns on every call
            found = {(strings[key], s, e) for key, s, e in self.whole(doc)}
        columns = doc.to_array([LEMMA, LOWER, ORTH]) if len(doc) else None
        if columns is not None:
            hit = np.zeros(len(doc), dtype=bool)
            for column, values in enumerate(self.anchors):
                hit |= np.isin(columns[:, column], values)
            for i in np.flatnonzero(hit).tolist():
                for column, groups in enumerate(self.groups):
                    group = groups.get(int(columns[i, column]))
                    if group is None:
                        continue
                    start = max(i - group.before, 0)
                    window = doc[start : min(i + group.after + 1, len(doc))]
                    found.update((strings[key], start + s, start + e)
                                 for key, s, e in group.matcher(window))
        ordered = sorted(found, key=lambda m: (m[1], m[2], self.kind_order[m[0]]))
        if columns is not None and doc.has_annotation("DEP"):
            for tree in self.trees:
                ordered.extend((tree.kind, i, i + 1) for i in tree.roots(doc, columns[:, 0]))
        return ordered


_CACHE: dict[int, tuple[Vocab, TriggerMatchers]] = {}
#: Tokens a repeated spec ("*", "+") may cover in an anchored match: "signed a
#: (long-awaited, UN-brokered ...) deal" is found while the modifiers run to this many.
REPEAT_REACH = 8


def _reach(spec: dict[str, Any]) -> int:
    """Tokens one spec of a pattern can cover."""
    return REPEAT_REACH if spec.get("OP") in {"*", "+"} else 1


def matchers(vocab: Vocab) -> TriggerMatchers:
    """The trigger matchers for a vocab (built on first use)."""
    cached = _CACHE.get(id(vocab))
    if cached is not None and cached[0] is vocab:
        return cached[1]
    whole = Matcher(vocab)
    groups: tuple[dict[int, _AnchorGroup], ...] = ({}, {}, {})
    for kind, patterns in TOKEN_PATTERNS.items():
        for pattern in patterns:
            anchor = _anchor(pattern)
            if anchor is None:
                whole.add(kind, [pattern])
                continue
            position, column, values = anchor
            reach = [_reach(spec) for spec in pattern]
            for value in set(values):
                key = vocab.strings.add(value)
                group = groups[column].setdefault(key, _AnchorGroup(Matcher(vocab)))
                group.matcher.add(kind, [pattern])
                group.before = max(group.before, sum(reach[:position]))
                group.after = max(group.after, sum(reach[position + 1 :]))
    trees = [_TreePattern(kind, pattern) for kind, pattern in DEP_PATTERNS]
    anchors = tuple(np.array(sorted(g), dtype=np.uint64) for g in groups)
    kind_order = {kind: n for n, kind in enumerate(TOKEN_PATTERNS)}
    built = TriggerMatchers(whole, trees, groups, anchors, kind_order)
    _CACHE[id(vocab)] = (vocab, built)
    return built


def find_triggers(doc: Doc) -> list[TriggerMatch]:
    """Every trigger in the doc, longest first where they overlap, in text order."""
    found = [TriggerMatch(kind, doc[start:end])
             for kind, start, end in matchers(doc.vocab).matches(doc)]
    # Keep the longest span per starting token; BASE/dep matches win over plain ones.
    found.sort(key=lambda m: (m.span.start, -len(m.span), -(m.kind in {"BASE"}),
                              m.kind == "REFER"))
    kept: list[TriggerMatch] = []
    taken: set[int] = set()
    for m in found:
        ids = set(range(m.span.start, m.span.end))
        if ids & taken:
            continue
        kept.append(m)
        taken |= ids
    return kept
