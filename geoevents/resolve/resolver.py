"""The :class:`Resolver`: candidates, two-pass ranking in context, places."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from geoevents.gazetteer.normalize import fold
from geoevents.models import Candidate, Document, Mention, Place
from geoevents.nlp.lexicon import (
    ADMIN1_CUES,
    AREA_ALIASES,
    FACILITY_WORDS,
    REGION_ABBREVIATIONS,
    words,
)
from geoevents.resolve.features import Context, features, rule_score
from geoevents.resolve.places import _cached, border_place, entry_place, fallback_place

_SUFFIXES = re.compile(
    r"\s+(county|province|governorate|district|region|state|city|municipality|oblast|"
    r"prefecture|river|countryside)$",
    re.IGNORECASE,
)
_THE = re.compile(r"^(the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
MAX_ALTERNATIVES = 5
#: Words inside a facility's name that are not themselves place names.
_GENERIC_PARTS = words(
    "the of and old new north south east west upper lower central great saint st "
    "high middle elementary state national international federal royal"
)
#: Buildings that name the country they represent, not the one they stand in.
_ABROAD_WORDS = words("embassy embassies consulate consulates legation")
#: Compass words, which name parts of many places ("Northwest Cancer Centre").
_COMPASS = words(
    "north south east west northwest northeast southwest southeast northern southern "
    "eastern western"
)
#: Demonym endings and what replaces them to give the country's name.
_DEMONYM_SUFFIXES = (
    ("ians", "ia"),
    ("ian", "ia"),
    ("ian", "a"),
    ("ans", "a"),
    ("an", "a"),
    ("n", ""),
    ("ese", "a"),
    ("ese", ""),
    ("ish", "y"),
    ("ish", "ey"),
    ("ish", "land"),
    ("i", ""),
    ("ic", "y"),
    ("ean", "ea"),
    ("ean", "e"),
)
#: Endings of adjectives, which fuzzy matching must not turn into places ("Russian" ~ "Ruian").
_ADJECTIVE_ENDINGS = ("ian", "ians", "ese", "ish", "an", "ans", "ic", "i")


class Resolver:
    """Resolve mentions against a gazetteer.

    ``keep_demonyms`` resolves a lone demonym ("Syrian") to its country
    instead of dropping it; ``fallback`` places names the gazetteer lacks
    (streets, buildings) at the document's main town, marked approximate.
    ``ranker`` replaces the rule score: a callable from a feature dict to a score.
    """

    def __init__(
        self,
        gazetteer: Any,
        *,
        keep_demonyms: bool = False,
        fallback: bool = True,
        ranker: Callable[[dict[str, float]], float] | None = None,
    ):
        self.gazetteer = gazetteer
        self.keep_demonyms = keep_demonyms
        self.fallback = fallback
        self.score = ranker or rule_score
        self._candidates: dict[tuple[str, str | None], list[tuple[Any, float]]] = {}
        self._countries: dict[str, str | None] = {}
        #: (folded name, id) of seas and regions found under "the " + name.
        self._article_names: set[tuple[str, int]] = set()

    # -- public ------------------------------------------------------------------
    def resolve(
        self, mentions: Sequence[Mention], *, document: Document | None = None
    ) -> list[Place]:
        """One place per resolvable mention, in mention order."""
        work = [m for m in mentions if self.keep_demonyms or not m.demonym]
        ranked, ctx = self.ranked(work)
        places: list[Place | None] = []
        for mention, cands in zip(work, ranked, strict=True):
            places.append(self._place(mention, cands, ctx))
        if self.fallback:
            focus = self._focus([p for p in places if p is not None])
            places = [
                p if p is not None else self._fallback(m, focus, places, work, ctx)
                for m, p in zip(work, places, strict=True)
            ]
        return [p for p in places if p is not None]

    def ranked(self, mentions: Sequence[Mention]) -> tuple[list[list[tuple]], Context]:
        """Per mention, ``(entry, features, score)`` best first, ranked in the document's context.

        A first pass without context finds the countries, admin-1s and sure
        places the document is about; the second pass ranks each mention with
        the context of the *other* names (a name never supports itself).
        """
        memo: dict[tuple, list[tuple]] = {}

        def rank(mention: Mention, ctx: Context) -> list[tuple]:
            # A name repeated with the same cue and container ranks the same in one context.
            key = (mention.label, mention.name, mention.cue, mention.container, id(ctx))
            if key not in memo:
                memo[key] = self._rank(mention, ctx)
            return memo[key]

        empty = Context()
        first = [rank(m, empty) for m in mentions]
        keys = [fold(m.name) for m in mentions]
        groups: dict[str, list[int]] = {}
        for i, key in enumerate(keys):
            groups.setdefault(key, []).append(i)
        whole = self._context(mentions, first)
        views: dict[str, Context] = {}
        for key, members in groups.items():
            own = self._context([mentions[i] for i in members], [first[i] for i in members])
            views[key] = whole.without(own)
        return [rank(m, views[k]) for m, k in zip(mentions, keys, strict=True)], whole

    # -- candidates ----------------------------------------------------------------
    def country_code_for(self, name: str) -> str | None:
        """The ISO code of a country name or demonym, else None (cached)."""
        if name not in self._countries:
            code = None
            try:
                code = self.gazetteer.country_code_for(name)
            except (KeyError, LookupError):
                code = None
            if code is None and name[:1].isupper():
                code = self._demonym_stem(name)
            self._countries[name] = code
        return self._countries[name]

    def _demonym_stem(self, word: str) -> str | None:
        """The country a demonym derives from: "Russian" -> RU, "Canadian" -> CA."""
        for suffix, repl in _DEMONYM_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                stem = word[: len(word) - len(suffix)] + repl
                for entry in self.gazetteer.lookup(stem, limit=3):
                    if entry.is_country and fold(entry.name) == fold(stem):
                        return entry.country_code
        return None

    def _variants(self, mention: Mention) -> list[str]:
        name = _POSSESSIVE.sub("", _THE.sub("", mention.name.strip())).strip()
        out = [name]
        abbrev = REGION_ABBREVIATIONS.get(name.lower().replace(".", "").replace(" ", ""))
        alias = AREA_ALIASES.get(name.lower())
        if abbrev or alias:
            out.insert(0, abbrev or alias)
        stripped = _SUFFIXES.sub("", name)
        if stripped != name and stripped:
            out.append(stripped)
        cue = (mention.cue or "").split()[-1:] or [""]
        if cue[0] in ADMIN1_CUES or mention.label == "REGION":
            out += [f"{name} Governorate", f"{name} Province"]
        return out

    def _lookup(self, name: str, cue_key: str | None) -> list[tuple[Any, float]]:
        key = (name, cue_key)
        if key not in self._candidates:
            found: dict[int, tuple[Any, float]] = {}
            for entry in self.gazetteer.lookup(name, limit=25):
                found.setdefault(entry.geonameid, (entry, 100.0))
            self._candidates[key] = list(found.values())
        return self._candidates[key]

    def _gather(self, mention: Mention) -> tuple[list[tuple[Any, float, bool]], bool]:
        """Candidates ``(entry, fuzzy score, via a variant)`` and whether a country is named."""
        found: dict[int, tuple[Any, float, bool]] = {}
        variants = self._variants(mention)
        raw = _POSSESSIVE.sub("", _THE.sub("", mention.name.strip())).strip()
        for name in variants:
            variant = name != raw and name != AREA_ALIASES.get(raw.lower())
            for entry, score in self._lookup(name, None):
                found.setdefault(entry.geonameid, (entry, score, variant))
        if raw[:1].isupper():
            # Seas and regions called with their article ("the Gulf", "the Levant"): a
            # text's "the" is outside the span, so try the name with it.
            for entry, score in self._lookup(f"the {raw}", None):
                if entry.feature_class in {"H", "L"}:
                    found.setdefault(entry.geonameid, (entry, score, False))
                    self._article_names.add((fold(raw), entry.geonameid))
        alias = AREA_ALIASES.get(raw.lower())
        code = self.country_code_for(alias) if alias else self.country_code_for(raw)
        country_query = False
        if code:
            country = _cached(self.gazetteer, "country", code)
            if country is not None:
                country_query = True
                found[country.geonameid] = (country, 100.0, False)
        if (
            not found
            and len(raw) >= 5
            and mention.label != "NORP"
            and not raw.lower().endswith(_ADJECTIVE_ENDINGS)
        ):
            for entry, score in self._fuzzy(raw):
                found.setdefault(entry.geonameid, (entry, score, False))
        return list(found.values()), country_query

    def _fuzzy(self, name: str) -> list[tuple[Any, float]]:
        key = (name, "~fuzzy")
        if key not in self._candidates:
            self._candidates[key] = list(self.gazetteer.fuzzy(name, limit=10, cutoff=86.0))
        return self._candidates[key]

    # -- ranking -------------------------------------------------------------------
    def _rank(self, mention: Mention, ctx: Context) -> list[tuple[Any, dict, float]]:
        if mention.label == "BORDER":
            return []
        cands, country_query = self._gather(mention)
        if not cands:
            return []
        query_key = fold(self._variants(mention)[0])
        raw = _POSSESSIVE.sub("", _THE.sub("", mention.name.strip())).strip()
        abbreviation = raw.lower().replace(".", "").replace(" ", "") in REGION_ABBREVIATIONS
        container = self._container(mention.container)
        seats: dict[tuple, int] = {}
        for e, _, via_variant in cands:
            if e.feature_class == "P" and (e.population or 0) >= 10_000 and not via_variant:
                key = (e.country_code, e.admin1_code)
                seats[key] = max(seats.get(key, 0), e.population)
        # The biggest place of this exact name: homonyms far smaller are rarely meant.
        top_pop = max(
            (math.log10((e.population or 0) + 1) for e, _, v in cands if fold(e.name) == query_key),
            default=0.0,
        )
        out = []
        for entry, fz, variant in cands:
            feats = features(
                entry,
                query_key=query_key,
                main_key=_main_key(entry),
                country_query=country_query,
                cue=mention.cue,
                label=mention.label,
                container=container,
                ctx=ctx,
                fuzzy=fz,
            )
            # A province named like a big town in it is usually the town ("New York", "Idlib").
            seat = seats.get((entry.country_code, entry.admin1_code), 0)
            share = seat / entry.population if entry.population else 1.0
            feats["adm1_namesake"] = float(entry.feature_code == "ADM1" and share >= 0.1)
            feats["adm2_namesake"] = float(entry.feature_code == "ADM2" and seat > 0)
            feats["variant"] = float(variant)
            if (query_key, entry.geonameid) in self._article_names:
                feats["main_name"] = 1.0
            if entry.feature_class == "P" and feats["main_name"]:
                feats["pop_gap"] = max(-3.0, feats["pop"] - top_pop)
            if abbreviation:
                # "Wash.", "Ky.": a postal or AP abbreviation names the state, never a town.
                feats["cue_match"] = float(entry.feature_code == "ADM1")
                feats["cue_clash"] = float(entry.feature_class == "P")
            if country_query and entry.feature_code == "ADM1":
                # "Georgia" in a text about the US: the state competes with the country.
                feats["country_query"] = feats["country_ctx"]
            out.append((entry, feats, self.score(feats)))
        out.sort(key=lambda t: -t[2])
        return out

    def _container(self, name: str | None) -> set[tuple[str, str | None]] | None:
        if not name:
            return None
        code = self.country_code_for(name)
        out: set[tuple[str, str | None]] = {(code, None)} if code else set()
        probe = Mention(text=name, start=0, end=0, label="GPE", name=name)
        for entry, *_ in self._gather(probe)[0][:10]:
            if entry.feature_code.startswith("PCL"):
                out.add((entry.country_code, None))
            elif entry.feature_class == "A" and entry.admin1_code:
                out.add((entry.country_code, entry.admin1_code))
        return out or None

    def _context(self, mentions: Sequence[Mention], ranked: list[list]) -> Context:
        countries: Counter[str] = Counter()
        admin1s: Counter[tuple[str, str]] = Counter()
        anchors: list[tuple[float, float]] = []
        for mention, cands in zip(mentions, ranked, strict=True):
            for code in mention.countries:
                countries[code] += 1.0
            if not cands:
                continue
            conf = _softmax([c[2] for c in cands])[0]
            entry = cands[0][0]
            if entry.country_code:
                countries[entry.country_code] += conf
            if entry.admin1_code and entry.feature_code not in {"PCLI", "PCLD", "PCLS"}:
                admin1s[(entry.country_code, entry.admin1_code)] += conf
            if conf >= 0.8 and entry.lat is not None and not entry.feature_code.startswith("PCL"):
                anchors.append((entry.lat, entry.lon))
        return Context(dict(countries), dict(admin1s), anchors)

    # -- places --------------------------------------------------------------------
    def _place(self, mention: Mention, ranked: list, ctx: Context) -> Place | None:
        if mention.label == "BORDER":
            return border_place(self.gazetteer, mention, ctx)
        if not ranked:
            return None
        top = ranked[0][1]
        if top.get("fuzzy", 0) > 0 and not (top.get("country_ctx") or top.get("near_anchor")):
            return None  # a near-spelling far from everything else: leave it to the fallback
        probs = _softmax([r[2] for r in ranked])
        alternatives = tuple(
            Candidate(
                geonameid=e.geonameid,
                name=e.name,
                feature_code=e.feature_code,
                country_code=e.country_code,
                lat=e.lat,
                lon=e.lon,
                score=round(p, 4),
            )
            for (e, _, _), p in list(zip(ranked, probs, strict=True))[:MAX_ALTERNATIVES]
        )
        return entry_place(self.gazetteer, mention, ranked[0][0], probs[0], alternatives)

    def _ranked_parts(
        self, mention: Mention, words: list[str], ctx: Context, skip: Callable[[list[str]], bool]
    ) -> Iterator[tuple[Mention, list]]:
        """Each capitalised sub-phrase of ``words`` (longest first) that ``skip`` keeps,
        as a probe mention with its ranked candidates, when it has any."""
        for length in range(len(words) - 1, 0, -1):
            for i in range(len(words) - length + 1):
                part = words[i : i + length]
                if skip(part) or not all(w[:1].isupper() for w in part):
                    continue
                text = " ".join(part)
                probe = Mention(
                    text=text, start=mention.start, end=mention.end, label="GPE", name=text
                )
                ranked = self._rank(probe, ctx)
                if ranked:
                    yield probe, ranked

    def _part_place(self, mention: Mention, ctx: Context) -> Place | None:
        """A place named inside an unknown name ("Old Town Manassas", "Kent State")."""
        words = [w for w in _PART_SPLIT.split(mention.name) if w]

        def skip(part: list[str]) -> bool:
            low = {w.lower().strip(".,'’") for w in part}
            return bool(low & FACILITY_WORDS or low & _GENERIC_PARTS) or len(" ".join(part)) < 4

        for probe, ranked in self._ranked_parts(mention, words, ctx, skip):
            feats = ranked[0][1]
            alone = not ctx.anchors and feats.get("main_name") and feats.get("pop", 0) >= 4
            # A continent or region ("European Commission") has no distance to anchors.
            region = ranked[0][0].feature_code in {"CONT", "RGN"} and feats.get("main_name")
            if feats.get("near_anchor", 0) >= 1 or alone or region:
                return self._place(probe, ranked, ctx)
        return None

    def _named_area(self, mention: Mention, ctx: Context) -> Place | None:
        """A country or admin-1 named by its own name inside an unknown name ("Bank of Japan")."""
        words = [w.strip(".,'’()") for w in _PART_SPLIT.split(mention.name)]
        words = [w for w in words if w]
        if len(words) < 2 or {w.lower() for w in words} & _ABROAD_WORDS:
            return None  # "Embassy of Armenia" stands in another country's capital

        def skip(part: list[str]) -> bool:
            low = {w.lower() for w in part}
            text = " ".join(part)
            if low & FACILITY_WORDS or low & _GENERIC_PARTS or low & _COMPASS:
                return True
            return len(text) < 4 and not text.isupper()

        for probe, ranked in self._ranked_parts(mention, words, ctx, skip):
            text = probe.name
            entry, feats, _ = ranked[0]
            country = entry.feature_code.startswith("PCL")
            # An admin-1 only in a country the text is about ("Light", "Michael" are
            # admin areas somewhere too).
            is_area = country or entry.feature_code == "ADM1" and feats["country_ctx"] > 0
            # Short capitals only as a country's code ("US"), never a province's ("NS").
            named = feats.get("main_name") if len(text) >= 4 else country and text.isupper()
            if not is_area or not named:
                continue
            place = self._place(probe, ranked, ctx)
            if place is not None and place.confidence >= 0.5:
                return place
        return None

    def _focus(self, places: list[Place]) -> Place | None:
        places = [p for p in places if p.lat is not None and p.lon is not None]
        regions = Counter((p.country_code, p.admin1_code) for p in places if p.admin1_code)
        towns: Counter[int] = Counter()
        for p in places:
            if p.feature_class == "P" and p.geonameid is not None:
                # The main town: named often, in the admin-1 the text names most.
                towns[p.geonameid] += 1 + 0.5 * regions[(p.country_code, p.admin1_code)]
        if not towns:
            towns = Counter(
                p.geonameid for p in places if p.feature_class == "A" and p.kind != "line"
            )
        if not towns:
            return None
        best = towns.most_common(1)[0][0]
        return next(p for p in places if p.geonameid == best)

    def _fallback(
        self, mention: Mention, focus: Place | None, places: list, mentions: list, ctx: Context
    ) -> Place | None:
        if mention.label == "BORDER" or mention.demonym:
            return None
        target = focus
        if mention.container:
            for other, place in zip(mentions, places, strict=True):
                if place is not None and other.name == mention.container:
                    target = place
                    break
        area = self._named_area(mention, ctx)
        if area is not None and not _within(target, area):
            # "University of Alberta" in a text about Toronto: the name's area, not the main town.
            return fallback_place(mention, area, 0.3)
        part = self._part_place(mention, ctx)
        if part is not None:
            return fallback_place(mention, part, 0.35)
        if target is None or target.lat is None:
            return None
        words = {w.lower().strip(".") for w in mention.name.split()}
        facility = mention.label == "FAC" or bool(words & FACILITY_WORDS)
        return fallback_place(mention, target, 0.3 if facility else 0.15)


_PART_SPLIT = re.compile(r"[\s/–-]+")


def _main_key(entry: Any) -> str:
    """The folded main name; an ocean's or sea's also without the generic word
    ("Atlantic Ocean" is called "the Atlantic")."""
    if entry.feature_code in {"OCN", "SEA"}:
        return fold(_WATER_WORD.sub("", entry.name) or entry.name)
    return fold(entry.name)


_WATER_WORD = re.compile(r"\s+(ocean|sea)$", re.IGNORECASE)


def _within(target: Place | None, area: Place) -> bool:
    """Whether ``target`` lies in ``area`` (same country, and same admin-1 for an admin-1)."""
    if target is None or target.country_code != area.country_code:
        return False
    if (area.feature_code or "").startswith("PCL"):
        return True
    return target.admin1_code == area.admin1_code


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]
