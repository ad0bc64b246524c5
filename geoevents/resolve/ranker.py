"""A learned linear ranker: conditional-logit weights over the rule features.

Train it on one gold set and measure it on another (``geoevents eval
--train OTHER.jsonl``): for each gold toponym the candidates within 161 km
of gold (or with its GeoNames id) are the right ones, and the weights
maximise their softmax probability (L2-regularised gradient ascent, numpy).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from geoevents.resolve.features import FEATURE_NAMES, WEIGHTS, haversine_km

Group = tuple[list[list[float]], list[bool]]


class LinearRanker:
    """Score = weights · features; a drop-in ``ranker`` for :class:`Resolver`."""

    def __init__(self, weights: dict[str, float]):
        self.weights = dict(weights)

    def __call__(self, feats: dict[str, float]) -> float:
        return sum(self.weights.get(k, 0.0) * v for k, v in feats.items())

    def save(self, path: str | Path) -> None:
        """Write the weights as JSON."""
        Path(path).write_text(json.dumps(self.weights, indent=1, sort_keys=True) + "\n")

    @classmethod
    def load(cls, path: str | Path) -> LinearRanker:
        """Read weights written by :meth:`save`."""
        return cls(json.loads(Path(path).read_text()))


def training_groups(datasets: Iterable[str | Path], gazetteer: Any) -> list[Group]:
    """Per gold toponym with a right and a wrong candidate: feature rows and labels."""
    from geoevents.evaluate import gold_mentions, read_dataset
    from geoevents.resolve.resolver import Resolver

    resolver = Resolver(gazetteer, keep_demonyms=True)
    groups: list[Group] = []
    for path in datasets:
        for _, text, golds in read_dataset(path):
            ranked, _ = resolver.ranked(gold_mentions(text, golds))
            for gold, cands in zip(golds, ranked, strict=True):
                rows, labels = [], []
                for entry, feats, _ in cands[:25]:
                    if entry.lat is None:
                        continue
                    right = (gold.geonameid is not None and entry.geonameid == gold.geonameid) or (
                        haversine_km(gold.lat, gold.lon, entry.lat, entry.lon) <= 161
                    )
                    rows.append([feats.get(k, 0.0) for k in FEATURE_NAMES])
                    labels.append(right)
                if any(labels) and not all(labels):
                    groups.append((rows, labels))
    return groups


def fit(
    groups: Sequence[Group], *, l2: float = 0.01, steps: int = 400, rate: float = 0.5
) -> LinearRanker:
    """Conditional-logit weights from ``groups``, starting at the rule weights."""
    import numpy as np

    w = np.array([WEIGHTS.get(k, 0.0) for k in FEATURE_NAMES], dtype=float)
    w0 = w.copy()
    xs = [np.array(rows, dtype=float) for rows, _ in groups]
    ys = [np.array(labels, dtype=bool) for _, labels in groups]
    n = max(len(groups), 1)
    for _ in range(steps):
        grad = np.zeros_like(w)
        for x, y in zip(xs, ys, strict=True):
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            q = p * y
            q /= q.sum()
            grad += x.T @ (q - p)
        grad = grad / n - l2 * (w - w0)
        w += rate * grad
    return LinearRanker({k: round(float(v), 4) for k, v in zip(FEATURE_NAMES, w, strict=True)})
