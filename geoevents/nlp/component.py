"""The ``geoevents_places`` spaCy component: place mentions in ``doc.spans["places"]``.

It starts from spaCy's entities and adds what NER gets wrong in news about
places: ORG/PERSON spans that the gazetteer knows as places ("al-Bukamal"),
names NER misses, compounds ("the Syrian-Iraqi border", "Idlib province",
"the southeastern Deir Ezzor countryside"), demonyms ("Syrian", flagged) and
metonymy ("the Damascus government", "Washington said", flagged).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from geoevents.nlp.cues import container_after, cue_for
from geoevents.nlp.evidence import STRONG_CLUES, Evidence, is_not_place, place_score
from geoevents.nlp.lexicon import (
    ACTOR_HEADS,
    ACTOR_VERBS,
    AREA_ALIASES,
    AREA_CUES,
    BORDER_WORDS,
    DIRECTIONS,
    LOCATIVE_PREPS,
    NAME_PARTICLES,
    REGION_ABBREVIATIONS,
    SETTLEMENT_CUES,
    WATER_CUES,
    words,
)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
NUMERIC_LABELS = frozenset({"CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "TIME"})
RELABEL_LABELS = frozenset({"ORG", "PERSON", "NORP"})
#: Span extensions set on every span in ``doc.spans["places"]`` (label is ``span.label_``).
EXTENSIONS: dict[str, Any] = {
    "geo_name": None,
    "geo_cue": None,
    "geo_countries": (),
    "geo_metonymy": False,
    "geo_demonym": False,
    "geo_container": None,
}
_SEPARATORS = frozenset({"-", "–", "—", "/", "and", "&"})
_PARTICIPLES = words(
    "backed led funded sponsored brokered allied supported trained armed imposed "
    "controlled aligned friendly"
)
_SKIP_WORDS = words(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday i the a an mr mrs ms dr "
    "god christmas easter"
)


_GENERIC = words(
    "federal national central centre center union republic kingdom state city county act "
    "king queen saint st la le el de al new old great royal"
)


def _fold(name: str) -> str:
    from geoevents.gazetteer.normalize import fold

    return fold(name)


def register_extensions() -> None:
    """Add the ``geo_*`` span extensions (idempotent)."""
    for name, default in EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


@Language.factory(
    "geoevents_places",
    default_config={"spans_key": "places", "relabel": True, "match_missing": True},
)
def make_place_finder(
    nlp: Language, name: str, spans_key: str, relabel: bool, match_missing: bool
) -> PlaceFinder:
    """spaCy factory of :class:`PlaceFinder` (set ``.gazetteer`` after adding it)."""
    return PlaceFinder(nlp, name, spans_key=spans_key, relabel=relabel, match_missing=match_missing)


_FACTS_KEY = "geoevents.place_facts"


class _DocFacts(NamedTuple):
    """Per-doc facts the place evidence reads."""

    person_words: frozenset[str]
    place_tokens: frozenset[int]


class PlaceFinder:
    """Find place mentions; results in ``doc.spans[spans_key]`` with ``geo_*`` extensions."""

    def __init__(
        self,
        nlp: Language | None = None,
        name: str = "geoevents_places",
        *,
        spans_key: str = "places",
        relabel: bool = True,
        match_missing: bool = True,
        gazetteer: Any = None,
    ):
        register_extensions()
        self.name = name
        self.spans_key = spans_key
        self.relabel = relabel
        self.match_missing = match_missing
        self.gazetteer = gazetteer
        self._country_cache: dict[str, str | None] = {}
        self._known_cache: dict[str, int] = {}
        self._population_cache: dict[str, int] = {}

    # -- gazetteer helpers -------------------------------------------------
    def country_of(self, text: str) -> str | None:
        """The ISO code a country name or demonym stands for, else None."""
        text = text.strip()
        if not text or self.gazetteer is None:
            return None
        if text not in self._country_cache:
            code = None
            try:
                code = self.gazetteer.country_code_for(text)
            except (KeyError, LookupError):
                code = None
            if code is None and text[:1].isupper():
                for entry in self.gazetteer.lookup(text, limit=5):
                    if entry.is_country:
                        code = entry.country_code
                        break
            self._country_cache[text] = code
        return self._country_cache[text]

    def known(self, text: str) -> int:
        """0: unknown; 1: some place's name; 2: the main name of a country, admin-1 or city."""
        if self.gazetteer is None:
            return 0
        if text not in self._known_cache:
            level = 0
            population = 0
            key = REGION_ABBREVIATIONS.get(text.lower().replace(".", ""), text)
            if self.gazetteer.has_name(key):
                level = 1
                folded = _fold(key)
                for entry in self.gazetteer.lookup(key, limit=5):
                    if _fold(entry.name) == folded:
                        population = max(population, entry.population or 0)
                    major = (
                        entry.is_country
                        or entry.feature_code == "ADM1"
                        or (entry.population or 0) >= 100_000
                    )
                    if major and (_fold(entry.name) == folded or key != text):
                        level = 2
                        break
            self._known_cache[text] = level
            self._population_cache[text] = population
        return self._known_cache[text]

    def population(self, text: str) -> int:
        """The largest population of a place whose main name is ``text`` (0 if unknown)."""
        self.known(text)
        return self._population_cache.get(text, 0)

    def evidence(self, doc: Doc, start: int, end: int, label: str) -> Evidence:
        """The weighed evidence that ``doc[start:end]`` (labelled ``label``) is a place."""
        text = doc[start:end].text
        level = self.known(text)
        if level == 2 and not self._plain_name(doc, start, end):
            level = 1  # "Central", "South": names of places too, but rarely meant
        return place_score(
            doc,
            start,
            end,
            label=label,
            level=level,
            population=self.population(text) if level == 2 else 0,
            known_place=self._facts(doc).place_tokens,
            person_words=self._facts(doc).person_words,
        )

    def _facts(self, doc: Doc) -> _DocFacts:
        """What the doc's entities say before this component relabels them: the title-case
        words of multi-word person names, and the tokens of known places (kept in the doc,
        so a call about one doc never reads another's)."""
        facts = doc.user_data.get(_FACTS_KEY)
        if facts is None:
            facts = doc.user_data[_FACTS_KEY] = _DocFacts(
                frozenset(tok.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
                          for tok in ent if tok.is_title),
                frozenset(i for ent in doc.ents
                          if ent.label_ in PLACE_LABELS and self.known(ent.text)
                          for i in range(ent.start, ent.end)),
            )
        return facts

    # -- the pipe ------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        doc.user_data.pop(_FACTS_KEY, None)
        self._facts(doc)  # read before any entity is relabelled
        borders = list(self._borders(doc))
        taken = {i for span in borders for i in range(span.start, span.end)}
        spans: list[Span] = []
        for ent in doc.ents:
            if any(i in taken for i in range(ent.start, ent.end)):
                continue
            spans.extend(self._from_entity(doc, ent))
        if self.match_missing and self.gazetteer is not None:
            covered = {i for ent in doc.ents for i in range(ent.start, ent.end)} | taken
            spans.extend(self._missing(doc, covered))
        spans = filter_spans(borders + spans)
        self._annotate(doc, spans)
        doc.spans[self.spans_key] = sorted(spans, key=lambda s: s.start)
        doc.user_data.pop(_FACTS_KEY, None)
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        """Process a stream of docs."""
        for doc in stream:
            yield self(doc)

    # -- borders ---------------------------------------------------------------
    def _borders(self, doc: Doc) -> Iterable[Span]:
        for tok in doc:
            if tok.lower_ not in BORDER_WORDS:
                continue
            nxt = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else ""
            left_start, left = self._countries_left(doc, tok.i)
            right_end, right = self._countries_right(doc, tok.i)
            if nxt in {"crossing", "crossings"} and len(left) < 2:
                continue
            countries = tuple(dict.fromkeys(left + right))
            if not countries:
                continue
            start = left_start if left else tok.i
            end = right_end if right else tok.i + 1
            span = Span(doc, start, end, label="BORDER")
            span._.geo_name = span.text
            span._.geo_countries = countries
            span._.geo_cue = tok.lower_
            yield span

    def _countries_left(self, doc: Doc, i: int) -> tuple[int, list[str]]:
        j = i - 1
        if j >= 0 and doc[j].lower_ in {"'s", "’s", "'"}:
            j -= 1
        end = j + 1
        while j >= 0 and end - j <= 8:
            t = doc[j]
            if t.is_title or t.is_upper or t.text in _SEPARATORS or t.lower_ == "and":
                j -= 1
                continue
            break
        start = j + 1
        while start < end and doc[start].text in _SEPARATORS:
            start += 1
        if start >= end:
            return i, []
        parts: list[list[Any]] = [[]]
        for t in doc[start:end]:
            if t.text in _SEPARATORS:
                parts.append([])
            else:
                parts[-1].append(t)
        codes: list[str] = []
        first = end
        for part in reversed(parts):
            if not part:
                continue
            code = self.country_of(" ".join(t.text for t in part))
            if code is None:
                break
            codes.insert(0, code)
            first = part[0].i
        return first, codes

    def _countries_right(self, doc: Doc, i: int) -> tuple[int, list[str]]:
        j = i + 1
        if j >= len(doc) or doc[j].lower_ not in {"with", "between", "into"}:
            return i + 1, []
        if doc[j].lower_ == "into":
            return i + 1, []
        j += 1
        codes: list[str] = []
        end = i + 1
        while j < len(doc) and len(codes) < 2:
            if doc[j].lower_ == "the":
                j += 1
            k = j
            while k < len(doc) and (doc[k].is_title or doc[k].is_upper) and k - j < 4:
                k += 1
            if k == j:
                break
            code = self.country_of(doc[j:k].text)
            if code is None:
                break
            codes.append(code)
            end = k
            if k < len(doc) and doc[k].lower_ in {"and", "&"}:
                j = k + 1
            else:
                break
        return end, codes

    # -- entities --------------------------------------------------------------
    def _from_entity(self, doc: Doc, ent: Span) -> list[Span]:
        start, end = ent.start, ent.end
        while start < end and doc[start].lower_ in {"the", "a", "an"}:
            start += 1
        while end > start and doc[end - 1].lower_ in {"'s", "’s", "'", "’"}:
            end -= 1
        if start >= end or ent.label_ in NUMERIC_LABELS:
            return []
        end = self._extend_particles(doc, end)
        text = doc[start:end].text
        label = ent.label_
        if label == "NORP":
            return self._norp(doc, start, end)
        if label in {"ORG", "PERSON"}:
            if not (self.relabel and self._is_place(doc, start, end, person=label == "PERSON")):
                return [] if label == "PERSON" else self._embedded(doc, start, end)
            label = "GPE"
        elif label not in PLACE_LABELS:
            if (
                self.relabel
                and self._titled(doc, start, end)
                and self._unlabelled_place(doc, start, end, label)
            ):
                label = "GPE"
            else:
                return self._embedded(doc, start, end)
        if label in {"GPE", "LOC"} and not self._plausible(doc, start, end):
            return []
        if end - start == 1 and text in self._facts(doc).person_words:
            return []  # "Georgia" after "Georgia Stevens": a person
        span_start, span_end = start, end
        if end < len(doc) and doc[end].lower_ in AREA_CUES:
            span_end = end + 1
            if start > 0 and doc[start - 1].lower_ in DIRECTIONS:
                span_start = start - 1
            label = "REGION"
        span = Span(doc, span_start, span_end, label=label)
        span._.geo_name = text
        return [span]

    def _plausible(self, doc: Doc, start: int, end: int) -> bool:
        """A GPE/LOC the gazetteer knows, or one in a place context ("in Oudshoorn")."""
        if self.gazetteer is None:
            return True
        text = doc[start:end].text
        if self.known(text) or self.country_of(text) or len(text) < 4:
            return True
        name_end = self._name_end(doc, start, end)
        if name_end < end and self.known(doc[start:name_end].text):
            return True  # "Nagpur city", "Bama Town"
        before, after = self._context(doc, start, end)
        if before in LOCATIVE_PREPS or after in AREA_CUES | SETTLEMENT_CUES | WATER_CUES:
            return True
        if self.evidence(doc, start, end, "").clue in STRONG_CLUES:
            return True  # "the village of X"
        return bool(self.gazetteer.fuzzy(text, limit=1, cutoff=90.0))

    def _norp(self, doc: Doc, start: int, end: int) -> list[Span]:
        """A demonym ("Syrian", flagged), "Turkish-Russian" as two, or a mislabelled place."""
        text = doc[start:end].text
        code = self.country_of(text)
        if code is None and text.lower() in AREA_ALIASES:
            span = Span(doc, start, end, label="NORP")
            span._.geo_name, span._.geo_demonym = text, True
            return [span]
        if code is not None:
            if self._is_people(text):
                return []
            span = Span(doc, start, end, label="NORP")
            span._.geo_name, span._.geo_demonym, span._.geo_countries = text, True, (code,)
            return [span]
        parts = [t for t in doc[start:end] if t.text not in _SEPARATORS]
        if len(parts) > 1 and all(self.country_of(t.text) for t in parts):
            out = []
            for t in parts:
                span = Span(doc, t.i, t.i + 1, label="NORP")
                span._.geo_name, span._.geo_demonym = t.text, True
                span._.geo_countries = (self.country_of(t.text),)
                out.append(span)
            return out
        plain = self._plain_name(doc, start, end)
        if (
            self.relabel
            and not is_not_place(text)
            and (
                (self.known(text) == 2 and plain)
                or (self.known(text) and self.evidence(doc, start, end, "NORP").is_place)
            )
        ):
            span = Span(doc, start, end, label="GPE")
            span._.geo_name = text
            return [span]
        return []

    def _is_people(self, text: str) -> bool:
        """A plural demonym for people ("Syrians", "Turks"), not an adjective."""
        low = text.lower()
        return (
            low.endswith("s")
            and not low.endswith("ss")
            and (self.country_of(text[:-1]) is not None or low.endswith(("ians", "ans", "ers")))
        )

    @staticmethod
    def _plain_name(doc: Doc, start: int, end: int) -> bool:
        """Not a generic word ("Central", "South") nor a short acronym ("GTM")."""
        text = doc[start:end].text
        if text.lower() in DIRECTIONS or (len(text) <= 4 and text.isupper()):
            return False
        return not any(t.lower_ in AREA_CUES or t.lower_ in _GENERIC for t in doc[start:end])

    @staticmethod
    def _titled(doc: Doc, start: int, end: int) -> bool:
        return all(
            t.is_title or t.is_upper or t.lower_ in NAME_PARTICLES or t.text in _SEPARATORS
            for t in doc[start:end]
        ) and not any(t.like_num for t in doc[start:end])

    def _embedded(self, doc: Doc, start: int, end: int) -> list[Span]:
        """Countries, demonyms and major places inside an organisation's or event's name."""
        if self.gazetteer is None or not self.relabel:
            return []
        out: list[Span] = []
        i = start
        while i < end:
            found = None
            for j in range(min(end, i + 4), i, -1):
                if (j - i == end - start) or not self._titled(doc, i, j):
                    continue
                if doc[i].is_stop or doc[j - 1].is_stop:
                    continue
                text = doc[i:j].text
                code = self.country_of(text)
                if code is not None or (self.known(text) == 2 and self._plain_name(doc, i, j)):
                    found = Span(
                        doc, i, j, label="NORP" if code and self._is_adjective(text) else "GPE"
                    )
                    found._.geo_name = text
                    if found.label_ == "NORP":
                        found._.geo_demonym, found._.geo_countries = True, (code,)
                    break
            if found is not None:
                out.append(found)
                i = found.end
            else:
                i += 1
        return out

    def _is_adjective(self, text: str) -> bool:
        """A demonym rather than the country's own name."""
        if self.gazetteer is None:
            return False
        return not any(e.is_country for e in self.gazetteer.lookup(text, limit=5))

    @staticmethod
    def _extend_particles(doc: Doc, end: int) -> int:
        """Take in "ez-Zor" after "Dier" and similar hyphenated name tails."""
        while end + 1 < len(doc):
            a, b = doc[end], doc[end + 1]
            if a.text == "-" and b.is_title and not b.is_space:
                end += 2
                continue
            if (
                a.lower_ in NAME_PARTICLES
                and end + 2 < len(doc)
                and b.text == "-"
                and doc[end + 2].is_title
                and doc[end - 1].whitespace_ != ""
            ):
                end += 3
                continue
            break
        return end

    @staticmethod
    def _name_end(doc: Doc, start: int, end: int) -> int:
        """The end of the name in a span that ends with its kind word ("Tel Abyad city")."""
        if end - start > 1 and doc[end - 1].lower_ in SETTLEMENT_CUES | AREA_CUES:
            return end - 1
        return end

    def _unlabelled_place(self, doc: Doc, start: int, end: int, label: str) -> bool:
        """Whether a name tagged PRODUCT, EVENT, DATE... is a place the gazetteer knows."""
        text = doc[start:end].text
        if is_not_place(text) or not self.known(text):
            return False
        return self.known(text) == 2 or self.evidence(doc, start, end, label).is_place

    def _context(self, doc: Doc, start: int, end: int) -> tuple[str, str]:
        """The word before a name (skipping "the" and spaces) and the word after it."""
        j = start - 1
        while j >= 0 and (doc[j].is_space or doc[j].lower_ in {"the", "a", "an"} | DIRECTIONS):
            j -= 1
        before = doc[j].lower_ if j >= 0 else ""
        after = doc[end].lower_ if end < len(doc) else ""
        return before, after

    def _is_place(self, doc: Doc, start: int, end: int, *, person: bool = False) -> bool:
        """Whether an ORG/PERSON span is a place: one the gazetteer knows, when the
        evidence (:mod:`geoevents.nlp.evidence`) says so; an unknown one in a place context
        that is a near-spelling of a known place."""
        end = self._name_end(doc, start, end)  # "Bama Town": the name before its kind word
        text = doc[start:end].text
        if is_not_place(text):
            return False
        before, after = self._context(doc, start, end)
        if before == "," and start >= 2 and doc[start - 2].ent_type_ in {"GPE", "LOC"}:
            before = "in"  # "Barrie, Ont.": the second name of a place pair
        cue = after in AREA_CUES | SETTLEMENT_CUES | WATER_CUES | BORDER_WORDS or (
            before == "of" and start >= 2 and doc[start - 2].lower_ in SETTLEMENT_CUES | AREA_CUES
        )
        locative = before in LOCATIVE_PREPS
        if after in ACTOR_HEADS:
            return False
        level = self.known(text)
        if level:
            evidence = self.evidence(doc, start, end, "PERSON" if person else "ORG")
            if text.lower().startswith(("al-", "el-", "al ", "el ")):
                return evidence.score + 1.0 >= 1.0  # an Arabic article: rarely a person
            return evidence.is_place
        if self._titled(doc, start, end):
            # Unknown to the gazetteer, but "the village of X", "X district": the resolver
            # places it in its container or the document's focus, approximately.
            evidence = self.evidence(doc, start, end, "PERSON" if person else "ORG")
            if evidence.clue in STRONG_CLUES and evidence.is_place:
                return True
        if (cue or locative) and self.gazetteer is not None and len(text) >= 5:
            return bool(self.gazetteer.fuzzy(text, limit=1, cutoff=88.0))
        return False

    # -- names NER missed -------------------------------------------------------
    def _missing(self, doc: Doc, covered: set[int]) -> Iterable[Span]:
        i = 0
        n = len(doc)
        while i < n:
            tok = doc[i]
            if i in covered or not (tok.is_title or (tok.is_upper and len(tok) > 2)):
                i += 1
                continue
            j = i
            while j < n and j not in covered and (doc[j].is_title or doc[j].is_upper) and j - i < 4:
                j += 1
            yield from self._match_run(doc, i, j)
            i = j

    def _match_run(self, doc: Doc, start: int, end: int) -> Iterable[Span]:
        for i in range(start, end):
            for j in range(end, i, -1):
                span = self._match(doc, i, j)
                if span is not None:
                    yield span
                    yield from self._match_run(doc, j, end) if j < end else ()
                    return

    def _match(self, doc: Doc, start: int, end: int) -> Span | None:
        text = doc[start:end].text
        if text.lower() in _SKIP_WORDS or len(text) < 3 or doc[start].is_stop:
            return None
        tagged = doc.has_annotation("TAG")
        if tagged and not any(t.pos_ == "PROPN" for t in doc[start:end]):
            return None
        level = self.known(text)
        if not level:
            return None
        before, after = self._context(doc, start, end)
        cue = after in AREA_CUES | SETTLEMENT_CUES | WATER_CUES
        line_start = start == 0 or "\n" in doc[start - 1].text_with_ws or doc[start - 1].is_space
        dateline = line_start and doc[start].is_upper and after in {"—", "–", "-", ",", "("}
        sentence_start = doc[start].is_sent_start or start == 0
        if is_not_place(text):
            return None
        if (
            before in LOCATIVE_PREPS
            or cue
            or dateline
            or (level == 2 and not sentence_start and self._plain_name(doc, start, end))
            or self.evidence(doc, start, end, "").is_place
        ):
            span = Span(doc, start, end, label="LOC" if after in WATER_CUES else "GPE")
            span._.geo_name = text
            return span
        return None

    # -- flags -----------------------------------------------------------------
    def _annotate(self, doc: Doc, spans: list[Span]) -> None:
        text = doc.text
        names = []
        for span in spans:
            name = span._.geo_name or span.text
            offset = span.text.find(name)
            s = span.start_char + max(offset, 0)
            names.append((s, s + len(name), name))
        others = sorted(
            (n for n, span in zip(names, spans, strict=True) if not span._.geo_demonym),
        )
        for (s, e, _), span in zip(names, spans, strict=True):
            if span._.geo_name is None:
                span._.geo_name = span.text
            if span.label_ == "BORDER":
                continue
            if span._.geo_cue is None:
                span._.geo_cue = cue_for(text, s, e)
            if not span._.geo_demonym:
                span._.geo_container = container_after(text, e, others)
                span._.geo_metonymy = self._metonymy(doc, span)

    @staticmethod
    def _metonymy(doc: Doc, span: Span) -> bool:
        if span.label_ not in {"GPE", "LOC"}:
            return False
        end = span.end
        if end < len(doc) and doc[end].lower_ in {"'s", "’s", "'", "’"}:
            end += 1
        nxt = doc[end] if end < len(doc) else None
        if nxt is None:
            return False
        if nxt.lower_ in ACTOR_HEADS:
            return True
        if nxt.text == "-" and end + 1 < len(doc) and doc[end + 1].lower_ in _PARTICIPLES:
            return True
        root = span.root
        if doc.has_annotation("DEP") and root.dep_ == "nsubj":
            return root.head.lemma_.lower() in ACTOR_VERBS
        return nxt.lower_ in {"said", "says", "announced", "warned", "claimed", "denied"}
