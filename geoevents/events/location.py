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
) -> Located | None:
    """The place of the event triggered at ``trigger`` (None when no place is known).

    ``places`` are the section's places, or a :class:`PlaceSpans` of them that
    saves finding their spans again for each trigger.
    """
    sent = trigger.sent
    placed = PlaceSpans.of(doc, places, offset)
    spans: list[tuple[Place, Span]] = []
    for place, span in placed.within(sent):
        if not usable(place) and not _locative(place, span):
            continue
        if any(span.start < x.end and x.start < span.end for x in exclude):
            continue
        if _aside(span.root, trigger):
            continue
        spans.append((place, span))
    if spans:
        root = clause_root(trigger)
        heads = [trigger, *anchors]
        own = _clause_tokens(root, heads)
        linked = [
            (p, s) for p, s in spans
            if any(h.is_ancestor(s.root) or h == s.root for h in heads) or s.root.i in own
        ]
        # Prefer places under the trigger itself, then its clause; most specific first.
        pool = linked or spans
        best = min(
            pool,
            key=lambda ps: (
                specificity(ps[0]) if specificity(ps[0]) < 5 else 9,
                min(tree_distance(h, ps[1].root) for h in heads),
                abs(ps[1].start - trigger.i),
            ),
        )
        if not linked:
            free = [
                (p, s) for p, s in spans
                if not any(s.root.i in _clause_tokens(clause_root(o), [o])
                           for o in other_triggers if clause_root(o) != root)
            ]
            if not free:
                return None
            best = min(
                free,
                key=lambda ps: (specificity(ps[0]) >= 5, abs(ps[1].start - trigger.i)),
            )
            return Located(best[0], "sentence", precision(*best))
        return Located(best[0], "linked", precision(*best))
    coref = coreferent_place(doc, trigger, anchors, placed, offset)
    if coref is not None:
        return Located(coref, "linked", precision(coref, None))
    focus = placed.focus
    if focus is None:
        return None
    return Located(focus, "focus", max(2, precision(focus, None)))


#: Nouns that point back to a settlement named before ("the town", "the city").
_SETTLEMENT_NOUNS = {"town", "city", "village", "settlement", "locality", "hamlet", "capital",
                     "district", "area", "township"}


def coreferent_place(
    doc: Doc,
    trigger: Token,
    anchors: Sequence[Token],
    places: Sequence[Place] | PlaceSpans,
    offset: int,
) -> Place | None:
    """The place named in the sentences before that "the town" in the trigger's clause
    refers to ("... advanced on Maarat al-Numan. They entered the town."), or None."""
    sent = trigger.sent
    root = clause_root(trigger)
    own = _clause_tokens(root, [trigger, *anchors])
    noun = next(
        (t for t in sent if t.i in own and t.lemma_.lower() in _SETTLEMENT_NOUNS
         and any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in t.children)
         and not any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children)),
        None,
    )
    if noun is None:
        return None
    earliest = sent.start
    for _ in range(2):  # the two sentences before
        if earliest > 0:
            earliest = doc[earliest - 1].sent.start
    best: tuple[int, Place] | None = None
    for place, span in PlaceSpans.of(doc, places, offset):
        if not usable(place):
            continue
        if span is None or span.start >= sent.start or span.start < earliest:
            continue
        spec = specificity(place)
        if spec > (4 if noun.lemma_.lower() in {"area", "district"} else 2):
            continue
        if best is None or span.start > best[0]:
            best = (span.start, place)
    return best[1] if best else None


_CLAUSE_DEPS = {"conj", "advcl", "ccomp", "relcl", "parataxis", "xcomp", "acl", "csubj"}


def _clause_tokens(root: Token, heads: Sequence[Token]) -> set[int]:
    """Token ids of the root's own clause, without other clauses that hold none of ``heads``."""
    keep: set[int] = set()
    head_ids = {h.i for h in heads}
    stack = [root]
    while stack:
        tok = stack.pop()
        keep.add(tok.i)
        for child in tok.children:
            if child.dep_ in _CLAUSE_DEPS and not any(
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
    """The place the text is most about: the most often named usable place below country level."""
    pool = [p for p in places if usable(p)]
    if not pool:
        return None
    sub = [p for p in pool if specificity(p) < 5] or pool
    counts = Counter((p.name, p.geonameid) for p in sub)
    first = {}
    for p in sub:
        first.setdefault((p.name, p.geonameid), p)
    key = max(counts, key=lambda k: (counts[k], -first[k].mention.start))
    return first[key]
