"""Fuzzy name matching: rapidfuzz over the Latin keys, blocked by first letter and length."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from geoevents.gazetteer.normalize import GENERIC_WORDS, fold, fold_parts, latin_token

if TYPE_CHECKING:
    from geoevents.gazetteer.entry import Entry
    from geoevents.gazetteer.store import Gazetteer


class FuzzyIndex:
    """Folded keys grouped by first letter, sorted by length, loaded once per store."""

    def __init__(self, keys: list[str]) -> None:
        groups: dict[str, list[str]] = {}
        for key in keys:
            groups.setdefault(key[0], []).append(key)
        self.groups = {c: sorted(ks, key=len) for c, ks in groups.items()}
        self.lengths = {c: [len(k) for k in ks] for c, ks in self.groups.items()}

    @classmethod
    def load(cls, store: Gazetteer) -> FuzzyIndex:
        """Read the store's ``fuzzy_keys`` table."""
        return cls([r[0] for r in store.conn.execute("SELECT key FROM fuzzy_keys")])

    def candidates(self, key: str, cutoff: float) -> list[str]:
        """Keys with the same first letter whose length allows a ratio >= ``cutoff``."""
        group = self.groups.get(key[0], [])
        lengths = self.lengths.get(key[0], [])
        c = max(cutoff, 1.0) / 100.0
        lo = int(len(key) * c / (2 - c))
        hi = int(len(key) * (2 - c) / c) + 1
        return group[bisect.bisect_left(lengths, lo) : bisect.bisect_right(lengths, hi)]

    def search(
        self, store: Gazetteer, name: str, *, country: str | None, limit: int, cutoff: float
    ) -> list[tuple[Entry, float]]:
        """Best entries for ``name``: score, then feature rank, then population."""
        key = fold(name)
        if not key:
            return []
        scored: dict[str, float] = {}
        exact = store.lookup_key(key, country=country, limit=limit)
        if exact:
            scored[key] = 100.0
        for variant, penalty in query_variants(name, key):
            choices = self.candidates(variant, cutoff)
            for match, score, _ in process.extract(
                variant, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit * 3
            ):
                score -= penalty
                if score >= cutoff:
                    scored[match] = max(score, scored.get(match, 0.0))
        results: dict[int, tuple[Entry, float]] = {}
        for match, score in scored.items():
            for entry in store.lookup_key(match, country=country, limit=limit):
                if entry.geonameid not in results or results[entry.geonameid][1] < score:
                    results[entry.geonameid] = (entry, round(score, 1))
        ranked = sorted(
            results.values(), key=lambda es: (-es[1], es[0].rank, -es[0].population)
        )
        return ranked[:limit]


def query_variants(name: str, key: str) -> list[tuple[str, float]]:
    """(key, penalty): the folded query, and the query with a misspelt generic word
    ("Dier" for "Deir", "Shiekh" for "Sheikh") corrected, a few points down."""
    out = [(key, 0.0)]
    parts = fold_parts(name)
    for i, (raw, tok) in enumerate(parts):
        if not raw.isascii() or raw in GENERIC_WORDS or len(raw) < 4:
            continue
        for word, canonical in GENERIC_WORDS.items():
            if len(word) >= 4 and OSA.distance(raw, word) == 1 and canonical != tok:
                fixed = [t for _, t in parts]
                fixed[i] = latin_token(canonical)
                out.append(("".join(fixed), 100.0 * (1 - OSA.normalized_similarity(raw, word)) / 4))
                break
    return out

