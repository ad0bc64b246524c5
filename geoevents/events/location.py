"""Tie an event to a place, as ACLED does, and give its ``geo_precision``.

Order: the place syntactically linked to the event in its sentence (the most
specific one when several are); else the nearest named place in the sentence;
else the document's focus. ACLED's precision: 1 the place itself, 2 near it or
part of a region, 3 a larger area (a province, a border line, a country).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from geoevents.events.actors import actor_from_token, actor_words
from geoevents.events.linker import (
    CLAUSE_DEPS,
    Linker,
    hangs_from,
    link_features,
    shipped_linker,
)
from geoevents.events.memo import memoised
from geoevents.models import Place

_NEAR_CUES = {
    "near", "outskirts", "outside", "around", "vicinity", "countryside", "suburb", "suburbs",
    "km", "kilometres", "kilometers", "miles", "north", "south", "east", "west", "northern",
    "southern", "eastern", "western", "northeast", "northwest", "southeast", "southwest",
    "district", "area", "areas", "environs", "periphery", "surroundings", "close",
    "desert", "edge", "nearby", "rural", "road", "highway", "route",
}
_COUNTRY_CODES = {"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL", "TERR"}
_ADM1 = {"ADM1", "ADM1H", "RGN", "ADMD", "AREA", "DSRT", "MTS", "PLN", "VAL"}
_ADM2 = {"ADM2", "ADM3", "ADM4", "ADM2H", "ADM3H", "PPLX", "PRT"}
_LINE_LABELS = {"BORDER", "RIVER"}


@dataclass(frozen=True)
class Located:
    """The place of an event, how it was found, and ACLED's precision."""

    place: Place
    how: str  # "linked", "sentence" or "focus"
    geo_precision: int
    #: Why this place: the linker's probability and strongest features, or the fallback.
    why: tuple[str, ...] = ()


def usable(place: Place) -> bool:
    """A place an event can happen at (not an actor metonym, not a bare demonym)."""
    return not (place.mention.metonymy or place.mention.demonym)


def mention_span(doc: Doc, place: Place, offset: int) -> Span | None:
    """The doc span of a place's mention (offsets into the document text)."""
    return doc.char_span(
        place.mention.start - offset, place.mention.end - offset, alignment_mode="expand"
    )


@dataclass(frozen=True)
class PlaceSpans:
    """A section's places, each with its span in the section's doc, found once."""

    places: tuple[Place, ...]
    spans: tuple[Span | None, ...]

    @classmethod
    def of(cls, doc: Doc, places: Sequence[Place], offset: int) -> PlaceSpans:
        """The places of ``doc`` (whose text starts at ``offset``) with their spans."""
        if isinstance(places, PlaceSpans):
            return places
        places = tuple(places)
        return cls(places, tuple(mention_span(doc, p, offset) for p in places))

    def __iter__(self) -> Iterator[tuple[Place, Span | None]]:
        return zip(self.places, self.spans, strict=True)

    @cached_property
    def _by_start(self) -> tuple[list[int], list[int]]:
        order = sorted((s.start, i) for i, s in enumerate(self.spans) if s is not None)
        return [start for start, _ in order], [i for _, i in order]

    @cached_property
    def focus(self) -> Place | None:
        """:func:`document_focus` of the places."""
        return document_focus(self.places)

    def within(self, span: Span) -> list[tuple[Place, Span]]:
        """The places whose mention lies inside ``span`` (a sentence), in their order."""
        starts, index = self._by_start
        first, last = bisect_left(starts, span.start), bisect_left(starts, span.end)
        found = sorted(i for i in index[first:last] if self.spans[i].end <= span.end)
        return [(self.places[i], self.spans[i]) for i in found]

    def __len__(self) -> int:
        return len(self.places)


def specificity(place: Place) -> int:
    """0 for a town or site; higher for larger or vaguer places."""
    code = (place.feature_code or "").upper()
    if code in _COUNTRY_CODES:
        return 5
    if place.kind == "line" or place.mention.label in _LINE_LABELS:
        return 3
    if code in _ADM1 or place.feature_class == "A" and code not in _ADM2:
        return 4
    if place.kind == "area" or code in _ADM2:
        return 2
    if place.feature_class in {"P", "S"} or code.startswith("PPL"):
        return 0
    return 1


def precision(place: Place, doc_span: Span | None) -> int:
    """ACLED's ``geo_precision`` of an event located at ``place`` as written."""
    spec = specificity(place)
    if spec >= 3:
        return 3
    near = False
    if doc_span is not None:
        window = doc_span.doc[max(doc_span.start - 6, doc_span.sent.start) : doc_span.start]
        near = any(t.lower_ in _NEAR_CUES for t in window)
        after = doc_span.doc[doc_span.end : min(doc_span.end + 2, doc_span.sent.end)]
        near = near or any(t.lower_ in {"countryside", "outskirts", "area", "suburbs"}
                           for t in after)
        cue = (place.mention.cue or "").lower()
        near = near or cue in {"countryside", "outskirts", "area", "district", "suburbs"}
    if spec == 2:
        return 2
    return 2 if near else 1


def tree_distance(a: Token, b: Token) -> int:
    """Edges between two tokens in the parse (99 when in different trees)."""
    anc_a = [a, *a.ancestors]
    anc_b = [b, *b.ancestors]
    index_b = {t.i: n for n, t in enumerate(anc_b)}
    for n, t in enumerate(anc_a):
        if t.i in index_b:
            return n + index_b[t.i]
    return 99


def clause_root(tok: Token) -> Token:
    """The verb whose clause holds the token (the token itself for a verb)."""
    cur = tok
    while cur.pos_ not in {"VERB", "AUX"} and cur.head.i != cur.i:
        cur = cur.head
    return cur


def locate(
    doc: Doc,
    trigger: Token,
    places: Sequence[Place] | PlaceSpans,
    *,
    offset: int,
    anchors: Sequence[Token] = (),
    exclude: Sequence[Span] = (),
    other_triggers: Sequence[Token] = (),
    linker: Linker | None = None,
) -> Located | None:
    """The place of the event triggered at ``trigger`` (None when no place is known).

    ``places`` are the section's places, or a :class:`PlaceSpans` of them that
    saves finding their spans again for each trigger. The sentence's usable
    places are weighed by the linker (:mod:`geoevents.events.linker`); when it
    links none, a settlement the clause refers back to, then the document's
    focus, is the place.
    """
    placed = PlaceSpans.of(doc, places, offset)
    # "the attack on the town": the town named before is the event's place
    noun = _settlement_noun(trigger, anchors)
    coref = coreferent_place(doc, noun, placed, offset) if noun is not None else None
    if coref is not None and any(h.is_ancestor(noun) for h in (trigger, *anchors)):
        return Located(coref, "linked", precision(coref, None), ("place: the town named before",))
    spans = candidate_places(trigger, placed, exclude)
    link = (linker or shipped_linker()).choose(
        link_rows(trigger, anchors, spans, other_triggers)
    ) if spans else None
    if link is not None and _in_own_clause(link.span.root, trigger, anchors):
        place, span = _most_specific_within(link.place, link.span, spans, trigger, anchors)
        why = link.why if place is link.place else (*link.why, "place: most specific within")
        return Located(place, "linked", precision(place, span), why)
    if coref is not None:
        return Located(coref, "linked", precision(coref, None), ("place: the town named before",))
    if link is not None:
        return Located(link.place, "sentence", precision(link.place, link.span), link.why)
    focus = placed.focus
    if focus is None:
        return None
    return Located(focus, "focus", max(2, precision(focus, None)), ("place: the story's place",))


def _most_specific_within(
    place: Place,
    span: Span,
    spans: Sequence[tuple[Place, Span]],
    trigger: Token,
    anchors: Sequence[Token],
) -> tuple[Place, Span]:
    """ACLED codes the most specific place the text gives: a linked country or province
    gives way to a place of its own that it qualifies ("Azaz, in northern Syria") or
    that is an argument of the trigger itself ("the push into Afrin, in the Syrian
    north-west"; not "an assault in Hama, targeting X": X belongs to another clause)."""
    if specificity(place) < 4 or not place.country_code:
        return place, span
    inside = [
        (p, s) for p, s in spans
        if p.country_code == place.country_code and specificity(p) < specificity(place)
        and not hangs_from(span.root, s.root)  # "the Ghouta region of rural Damascus"
        and (hangs_from(s.root, span.root) or any(_argument_of(h, s.root)
                                                  for h in (trigger, *anchors)))
    ]
    if not inside:
        return place, span
    return min(inside, key=lambda ps: (specificity(ps[0]), abs(ps[1].start - trigger.i)))


def _argument_of(head: Token, tok: Token) -> bool:
    """``tok`` hangs from ``head`` with no clause of its own between them."""
    cur = tok
    while cur.head.i != cur.i and cur != head:
        if cur.dep_ in CLAUSE_DEPS:
            return False
        cur = cur.head
    return cur == head and tok != head


def _in_own_clause(tok: Token, trigger: Token, anchors: Sequence[Token]) -> bool:
    """The token is under the trigger or an anchor, or in the trigger's own clause."""
    heads = [trigger, *anchors]
    return any(h == tok or h.is_ancestor(tok) for h in heads) or (
        tok.i in _trigger_clause(trigger, anchors)
    )


def stands_for_actor(root: Token) -> bool:
    """A place name that owns or names an actor ("Ankara's forces", "the Damascus government",
    "the Middle East's leaders"): no place of an event; "Syria's north-west" still is one."""
    if root.dep_ not in {"poss", "compound"}:
        return False
    head = root.head
    return head.lemma_.lower() in actor_words("office") or (
        actor_from_token(head) is not None and head.ent_type_ not in {"GPE", "LOC", "FAC"}
    )


def candidate_places(
    trigger: Token, placed: PlaceSpans, exclude: Sequence[Span] = ()
) -> list[tuple[Place, Span]]:
    """The places of the trigger's sentence an event can be at: usable (or used as a
    location), not standing for an actor, not inside an actor's span, not where talks were
    or who spoke."""
    out = []
    for place, span in placed.within(trigger.sent):
        if not usable(place) and not _locative(place, span):
            continue
        if stands_for_actor(span.root):
            continue
        if any(span.start < x.end and x.start < span.end for x in exclude):
            continue
        if _aside(span.root, trigger):
            continue
        out.append((place, span))
    return out


def link_rows(
    trigger: Token,
    anchors: Sequence[Token],
    spans: Sequence[tuple[Place, Span]],
    other_triggers: Sequence[Token] = (),
) -> list[tuple[Place, Span, dict[str, float]]]:
    """Each candidate place of a trigger with its link features (:mod:`geoevents.events.linker`)."""
    heads = [trigger, *anchors]
    root = clause_root(trigger)
    own = _trigger_clause(trigger, anchors)
    others: set[int] = set()
    for other in other_triggers:
        if clause_root(other) != root:
            others |= own_clause(other)
    nearest = [min(((h, tree_distance(h, s.root)) for h in heads), key=lambda hd: hd[1])
               for _, s in spans]
    order = sorted(range(len(spans)),
                   key=lambda i: (nearest[i][1], abs(spans[i][1].start - nearest[i][0].i)))
    rank = {i: r for r, i in enumerate(order)}
    return [
        (place, span, link_features(
            heads, span, place, nearest=nearest[i], specificity=specificity(place),
            own_clause=own, other_clauses=others, rank=rank[i], candidates=len(spans),
            other_places=[s.root for j, (_, s) in enumerate(spans) if j != i],
        ))
        for i, (place, span) in enumerate(spans)
    ]


#: Nouns that point back to a settlement named before ("the town", "the city").
_SETTLEMENT_NOUNS = {"town", "city", "village", "settlement", "locality", "hamlet", "capital",
                     "district", "area", "township"}


def _settlement_noun(trigger: Token, anchors: Sequence[Token]) -> Token | None:
    """A definite settlement noun in the trigger's clause ("the town"), which may point back
    to a place named before; None when there is none."""
    nouns = [t for t in trigger.sent if t.lemma_.lower() in _SETTLEMENT_NOUNS
             and any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in t.children)
             and not any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children)]
    if not nouns:
        return None
    own = _trigger_clause(trigger, anchors)
    return next((t for t in nouns if t.i in own), None)


def coreferent_place(
    doc: Doc,
    noun: Token,
    places: Sequence[Place] | PlaceSpans,
    offset: int,
) -> Place | None:
    """The place a settlement noun ("the town") refers to: the last fitting place named
    before it, in its sentence or the two before ("... advanced on Maarat al-Numan. They
    entered the town."), or None."""
    earliest = noun.sent.start
    for _ in range(2):  # the two sentences before
        if earliest > 0:
            earliest = doc[earliest - 1].sent.start
    best: tuple[int, Place] | None = None
    for place, span in PlaceSpans.of(doc, places, offset):
        if not usable(place):
            continue
        if span is None or span.end > noun.i or span.start < earliest:
            continue
        spec = specificity(place)
        if spec > (4 if noun.lemma_.lower() in {"area", "district"} else 2):
            continue
        if best is None or span.start > best[0]:
            best = (span.start, place)
    return best[1] if best else None




@memoised
def own_clause(tok: Token) -> frozenset[int]:
    """Token ids of the clause a token is in, without the other clauses hanging from it."""
    return frozenset(_clause_tokens(clause_root(tok), [tok]))


def _trigger_clause(trigger: Token, anchors: Sequence[Token]) -> frozenset[int] | set[int]:
    if not anchors:
        return own_clause(trigger)
    return _clause_tokens(clause_root(trigger), [trigger, *anchors])


def _clause_tokens(root: Token, heads: Sequence[Token]) -> set[int]:
    """Token ids of the root's own clause, without other clauses that hold none of ``heads``."""
    keep: set[int] = set()
    head_ids = {h.i for h in heads}
    stack = [root]
    while stack:
        tok = stack.pop()
        keep.add(tok.i)
        for child in tok.children:
            if child.dep_ in CLAUSE_DEPS and not any(
                h == child or child.is_ancestor(h) for h in heads
            ) and child.i not in head_ids:
                continue
            stack.append(child)
    return keep


_ASIDE_NOUNS = {"talk", "meeting", "summit", "visit", "conference", "negotiation", "statement",
                "speech", "interview", "ceremony", "trip", "election", "office", "embassy",
                "spokesman", "spokesperson", "official", "ministry", "minister", "source",
                "correspondent", "reporter", "analyst", "observer", "monitor", "activist"}
_REPORTING = {"say", "claim", "report", "announce", "state", "tell", "confirm", "reveal", "add"}


def _aside(place: Token, trigger: Token) -> bool:
    """The place only says where talks were or who spoke ("after talks in Doha",
    "officials in Baghdad said")."""
    cur = place
    while cur.head.i != cur.i and cur != trigger:
        head = cur.head
        if head.lemma_.lower() in _ASIDE_NOUNS and head != trigger:
            return True
        if cur.dep_ == "nsubj" and head.lemma_.lower() in _REPORTING and _reported(trigger, head):
            return True
        if head == trigger or head.is_ancestor(trigger):
            return False
        cur = head
    return False


def _reported(trigger: Token, verb: Token) -> bool:
    """The trigger sits in a clause that ``verb`` reports ("said jets struck")."""
    cur = trigger
    while cur.head.i != cur.i:
        if cur.head == verb:
            return cur.dep_ in {"ccomp", "xcomp", "parataxis", "advcl"}
        cur = cur.head
    return False


def _locative(place: Place, span: Span) -> bool:
    """A metonymy-flagged mention used as a location ("factions in Idlib")."""
    if place.mention.demonym:
        return False
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in {"in", "at", "near", "around", "outside"}


def document_focus(places: Sequence[Place]) -> Place | None:
    """The place the text is most about: the most often named usable place below country
    level in the country the text names most (that country itself when it names no place
    of it below country level)."""
    pool = [p for p in places if usable(p)]
    if not pool:
        return None
    by_country = Counter(p.country_code for p in pool if p.country_code)
    main = max(by_country, key=lambda cc: by_country[cc]) if by_country else None
    sub = [p for p in pool if specificity(p) < 5 and (main is None or p.country_code == main)]
    if not sub:
        sub = [p for p in pool if p.country_code == main] or pool
    counts = Counter((p.name, p.geonameid) for p in sub)
    first = {}
    for p in sub:
        first.setdefault((p.name, p.geonameid), p)
    key = max(counts, key=lambda k: (counts[k], -first[k].mention.start))
    return first[key]
