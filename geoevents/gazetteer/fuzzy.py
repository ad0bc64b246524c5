"""Fuzzy name matching: rapidfuzz over the Latin keys, blocked by first letter and length."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from geoevents.gazetteer.normalize import fold

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
        choices = self.candidates(key, cutoff)
        for match, score, _ in process.extract(
            key, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit * 3
        ):
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
