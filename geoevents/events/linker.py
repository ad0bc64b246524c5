"""Which place of its sentence an event happened at: a linker over named features.

For an event trigger, every usable place mention of its sentence is a candidate,
described by named features of the parse path between trigger and place (the
preposition that governs the place, its role, clause boundaries, distance), the
place's kind and what else the sentence says of it (a list, a comparison, where
talks were held). A conditional-logit model (softmax over the candidates and a
"none" option) picks one or none. Its weights are fitted on 9,144 news sentences
annotated with their event verb and where that event happened
(``python -m geoevents.events.train_linker``; data: Halterman 2019, "Geolocating
Political Events in Text", MIT) and shipped in ``data/linker.json``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.tokens import Span, Token

from geoevents.events.decision import strongest_reasons
from geoevents.models import Place
from geoevents.nlp.lexicon import SETTLEMENT_CUES

_PREPOSITIONS = {
    "in": "in", "inside": "in", "within": "in",
    "at": "at",
    "near": "near", "outside": "near", "around": "near", "nearby": "near", "off": "near",
    "close": "near", "beside": "near",
    "on": "on", "onto": "on", "upon": "on",
    "from": "from",
    "to": "to", "into": "to", "toward": "to", "towards": "to",
    "of": "of",
    "across": "across", "along": "across", "throughout": "across", "through": "across",
    "over": "across",
    "against": "against",
}
_ROLES = {"nsubj": "subject", "nsubjpass": "subject", "dobj": "object", "compound": "modifier",
          "amod": "modifier", "nmod": "modifier", "poss": "modifier", "appos": "appos",
          "conj": "conj"}
#: Dependencies that open a clause of their own.
CLAUSE_DEPS = frozenset({"conj", "advcl", "ccomp", "relcl", "parataxis", "xcomp", "acl", "csubj"})
_COMPARISON = {"than", "like", "unlike", "compare", "similar", "as", "such"}
_KINDS = ("town", "site", "adm2", "line", "adm1", "country")

#: The features a trigger-place pair is described by, in a fixed order.
LINK_FEATURES: tuple[str, ...] = (
    *(f"prep:{p}" for p in sorted(set(_PREPOSITIONS.values()))),
    "prep:other", "prep:none",
    *(f"role:{r}" for r in sorted(set(_ROLES.values()))),
    "has_conjuncts",
    "under_trigger", "in_clause", "other_event_clause", "clause_boundaries",
    "tree_distance", "token_distance", "before_trigger", "nearest", "candidates",
    *(f"kind:{k}" for k in _KINDS),
    "label:FAC", "label:LOC", "metonymy", "comparison", "settlement_cue", "has_container",
    "inside_other", "holds_other", "sentence_initial",
    "none",
)


@dataclass(frozen=True)
class Link:
    """The place an event is linked to, its mention span, the probability, and why."""

    place: Place
    span: Span
    probability: float
    why: tuple[str, ...]


def _kind(specificity: int, place: Place) -> str:
    if specificity >= 5:
        return "country"
    if specificity == 4:
        return "adm1"
    if specificity == 3:
        return "line"
    if specificity == 2:
        return "adm2"
    return "town" if specificity == 0 else "site"


def _path_to(tok: Token, ancestor: Token) -> list[Token]:
    """Tokens from ``tok`` up to (not including) ``ancestor``."""
    out = []
    cur = tok
    while cur != ancestor and cur.head.i != cur.i:
        out.append(cur)
        cur = cur.head
    return out


def _common_ancestor(a: Token, b: Token) -> Token | None:
    ancestors = {t.i for t in (a, *a.ancestors)}
    return next((t for t in (b, *b.ancestors) if t.i in ancestors), None)


def _preposition(root: Token) -> str:
    if root.dep_ == "pobj":
        return _PREPOSITIONS.get(root.head.lower_, "other")
    return "none"


def link_features(
    heads: Sequence[Token],
    span: Span,
    place: Place,
    *,
    nearest: tuple[Token, int],
    specificity: int,
    own_clause: AbstractSet[int],
    other_clauses: AbstractSet[int],
    rank: int,
    candidates: int,
    other_places: Sequence[Token] = (),
) -> dict[str, float]:
    """The named features of one trigger-place pair (``heads``: the trigger and its anchors;
    ``nearest``: the head nearest to the place in the parse and its distance in edges;
    ``other_places``: the roots of the sentence's other candidate places)."""
    root = span.root
    head, distance = nearest
    common = _common_ancestor(head, root)
    path = (_path_to(root, common) + _path_to(head, common)) if common is not None else []
    f: dict[str, float] = {f"prep:{_preposition(root)}": 1.0}
    role = _ROLES.get(root.dep_)
    if role:
        f[f"role:{role}"] = 1.0
    f["has_conjuncts"] = float(any(c.dep_ == "conj" for c in root.children))
    f["under_trigger"] = float(any(h.is_ancestor(root) for h in heads))
    f["in_clause"] = float(root.i in own_clause)
    f["other_event_clause"] = float(root.i in other_clauses and root.i not in own_clause)
    f["clause_boundaries"] = min(sum(t.dep_ in CLAUSE_DEPS for t in path), 3) / 3
    f["tree_distance"] = min(distance, 10) / 10
    f["token_distance"] = min(abs(root.i - head.i), 20) / 20
    f["before_trigger"] = float(root.i < head.i)
    f["nearest"] = float(rank == 0)
    f["candidates"] = min(candidates - 1, 4) / 4
    f[f"kind:{_kind(specificity, place)}"] = 1.0
    if place.mention.label in {"FAC", "LOC"}:
        f[f"label:{place.mention.label}"] = 1.0
    f["metonymy"] = float(place.mention.metonymy)
    f["comparison"] = float(any(t.lemma_.lower() in _COMPARISON for t in path)
                            or any(c.lower_ in _COMPARISON for t in path for c in t.children
                                   if c.dep_ in {"prep", "mark", "advmod"}))
    f["settlement_cue"] = float((place.mention.cue or "").lower() in SETTLEMENT_CUES)
    f["has_container"] = float(place.mention.container is not None)
    f["inside_other"] = float(any(hangs_from(other, root) for other in other_places))
    f["holds_other"] = float(any(hangs_from(root, other) for other in other_places))
    f["sentence_initial"] = float(span.start - span.sent.start <= 2)
    return f


def hangs_from(ancestor: Token, tok: Token, hops: int = 3) -> bool:
    """``tok`` hangs from ``ancestor`` within a few edges ("a hospital in Oakland":
    Oakland from hospital; "the province of Narathiwat")."""
    cur = tok
    for _ in range(hops):
        if cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur == ancestor:
            return True
    return False


def _softmax(scores: Sequence[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


class Linker:
    """Weights over :data:`LINK_FEATURES`; the ``none`` weight scores linking no place."""

    def __init__(
        self,
        weights: Mapping[str, float],
        meta: Mapping[str, object] | None = None,
        none_threshold: float = 0.5,
    ):
        self.weights = dict(weights)
        self.meta = dict(meta or {})
        #: "none" wins when its probability reaches this.
        self.none_threshold = none_threshold

    def score(self, feats: Mapping[str, float]) -> float:
        """The linear score of one candidate (or of ``{"none": 1}``)."""
        return sum(self.weights.get(k, 0.0) * v for k, v in feats.items())

    def pick(self, rows: Sequence[Mapping[str, float]]) -> tuple[int, float] | None:
        """The index and probability of the most probable candidate of feature rows, or
        None when there is none or "none" reaches its threshold."""
        if not rows:
            return None
        probabilities = _softmax([self.score(f) for f in rows] + [self.score({"none": 1.0})])
        if probabilities[-1] >= self.none_threshold:
            return None
        best = max(range(len(rows)), key=probabilities.__getitem__)
        return best, probabilities[best]

    def choose(
        self, rows: Sequence[tuple[Place, Span, dict[str, float]]], *, reasons: int = 3
    ) -> Link | None:
        """The linked candidate with its probability and reasons, or None."""
        picked = self.pick([f for _, _, f in rows])
        if picked is None:
            return None
        index, probability = picked
        place, span, feats = rows[index]
        why = (f"place p={probability:.2f}",
               *strongest_reasons(self.weights, feats, reasons))
        return Link(place, span, round(probability, 3), why)

    def to_json(self) -> dict[str, object]:
        """The weights file's content."""
        return {"weights": self.weights, "meta": self.meta, "none_threshold": self.none_threshold}

    def save(self, path: str | Path) -> None:
        """Write the weights as JSON."""
        Path(path).write_text(json.dumps(self.to_json(), indent=1, sort_keys=True) + "\n")

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Linker:
        """A linker from :meth:`to_json`'s content."""
        return cls(data["weights"], data.get("meta"),  # type: ignore[arg-type]
                   float(data.get("none_threshold", 0.5)))  # type: ignore[arg-type]


@lru_cache(maxsize=1)
def shipped_linker() -> Linker:
    """The fitted linker shipped in the package (``data/linker.json``)."""
    text = resources.files("geoevents.events").joinpath("data/linker.json").read_text("utf-8")
    return Linker.from_json(json.loads(text))
