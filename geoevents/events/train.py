"""Fit the event decision (:mod:`geoevents.events.decision`) on coded articles.

    python -m geoevents.events.train \\
        --gold CODED.jsonl --articles ../shared/corpus/guardian-dev.jsonl \\
        --scorer ../shared/events/score.py -o geoevents/events/data/decision.json

Every candidate event generation finds in the coded articles is matched to the
analysts' events with the scorer's own matching (``match_article`` of
``score.py``): a candidate matched by its evidence is a real event, an unmatched one is not (one
matched by type and distance only is left out: its label is not clean), and a
matched candidate's gold ``status`` says whether it is background. Two
L2-regularised logistic regressions (numpy) are fitted on those labels; the
event threshold is the one that maximises F1 as the scorer counts it (precision
over real candidates, recall over recent ones), judged on out-of-fold
probabilities (five folds by article). The data stays where it
is; only the weights are written.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from geoevents.events.decision import FEATURE_NAMES, KEEP_ALL, DecisionModel


@dataclass(frozen=True)
class Example:
    """One candidate of a coded article: its features and what the analysts say of it."""

    article: str
    features: dict[str, float]
    real: bool
    background: bool
    #: The candidate's evidence sentence and sub-event type, to read what the model gets wrong.
    sentence: str = ""
    sub_event_type: str = ""


def load_scorer(path: str | Path) -> ModuleType:
    """The scorer module (``score.py``), for its matching."""
    spec = importlib.util.spec_from_file_location("geoevents_scorer", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSONL file."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def examples(
    golds: Sequence[dict[str, Any]], articles: dict[str, dict[str, Any]], scorer: ModuleType,
    *, model: str | None = None,
) -> list[Example]:
    """Every candidate of every coded article, labelled by the scorer's matching."""
    from geoevents.export import dumps_jsonl
    from geoevents.ingest import document_from_text
    from geoevents.pipeline import Geoparser

    geoparser = Geoparser(model=model, decision=KEEP_ALL)
    out: list[Example] = []
    for gold in golds:
        record = articles[gold["id"]]
        document = document_from_text(
            record["text"], id=gold["id"], date=record.get("date"), source=gold["id"]
        )
        gold = with_evidence(gold, record["text"])
        events = geoparser.process(document).events
        preds = [json.loads(line) for line in dumps_jsonl(events).splitlines()]
        pairs = scorer.match_article(gold, document.text, preds)
        matched = {id(p): g for g, p in pairs}
        for event, pred in zip(events, preds, strict=True):
            g = matched.get(id(pred))
            if g is not None and not _same_text(scorer, document.text, g, pred):
                continue  # matched by type and distance only: not a clean label either way
            out.append(Example(
                gold["id"], dict((event.raw or {})["features"]), g is not None,
                g is not None and g.get("status") == "background",
                event.source_sentence, event.sub_event_type,
            ))
    return out


def _same_text(scorer: ModuleType, text: str, gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """The prediction's sentence overlaps the gold evidence (the scorer's first way to match)."""
    return scorer.overlaps(scorer.span_of(text, gold.get("evidence")),
                           scorer.span_of(text, pred.get("source_sentence")))


def with_evidence(gold: dict[str, Any], text: str) -> dict[str, Any]:
    """The coded article with evidence as text: the project keeps its own coding as
    character offsets (``{"start", "end"}``) into the article, never the article's words."""
    def resolved(event: dict[str, Any]) -> dict[str, Any]:
        where = event.get("evidence")
        if isinstance(where, dict):
            return dict(event, evidence=text[where["start"] : where["end"]])
        return event

    return dict(gold, events=[resolved(e) for e in gold.get("events", [])],
                not_events=[resolved(e) for e in gold.get("not_events", [])])


def fit_logistic(
    rows: Sequence[dict[str, float]], labels: Sequence[bool], *, l2: float = 1.0,
    steps: int = 3000, rate: float = 0.5,
) -> dict[str, float]:
    """L2-regularised logistic regression weights (the bias is not penalised)."""
    import numpy as np

    x = np.array([[r.get(k, 0.0) for k in FEATURE_NAMES] for r in rows], dtype=float)
    y = np.array(labels, dtype=float)
    w = np.zeros(len(FEATURE_NAMES))
    penalty = np.full(len(FEATURE_NAMES), l2 / max(len(rows), 1))
    penalty[FEATURE_NAMES.index("bias")] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) / max(len(rows), 1) + penalty * w
        w -= rate * grad
    return {k: round(float(v), 4) for k, v in zip(FEATURE_NAMES, w, strict=True) if abs(v) > 1e-6}


def best_threshold(
    probabilities: Sequence[float], labels: Sequence[bool], recent: Sequence[bool] | None = None
) -> float:
    """The threshold that maximises F1 as the scorer counts it: precision over kept real
    candidates, recall over the ``recent`` ones (all real ones when not given); ties: the
    higher threshold."""
    recent = labels if recent is None else recent
    wanted = sum(recent) or 1
    best = (-1.0, 0.5)
    for t in sorted({round(p, 2) for p in probabilities}):
        kept = [(y, r) for p, y, r in zip(probabilities, labels, recent, strict=True) if p >= t]
        if not kept:
            continue
        precision = sum(y for y, _ in kept) / len(kept)
        recall = sum(r for _, r in kept) / wanted
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if f1 >= best[0]:
            best = (f1, t)
    return best[1]


def out_of_fold(
    data: Sequence[Example], *, l2: float = 1.0, folds: int = 5
) -> list[float | None]:
    """Each candidate's event probability from a model fitted without its article's fold:
    probabilities the model would give to articles it has not seen (in-sample ones are
    too sure of themselves to choose a threshold on); None where a fold's rest has no real
    candidate to learn from."""
    articles = sorted({e.article for e in data})
    fold_of = {a: i % folds for i, a in enumerate(articles)}
    out: list[float | None] = [None] * len(data)
    for k in range(folds):
        rest = [e for e in data if fold_of[e.article] != k]
        if not rest or not any(e.real for e in rest):
            continue
        model = DecisionModel(fit_logistic([e.features for e in rest], [e.real for e in rest],
                                           l2=l2), {})
        for i, e in enumerate(data):
            if fold_of[e.article] == k:
                out[i] = model.decide(e.features).confidence
    return out


def train(data: Sequence[Example], *, l2: float = 1.0, meta: dict[str, Any] | None = None
          ) -> DecisionModel:
    """The decision model fitted on ``data``; the threshold is chosen on out-of-fold
    probabilities (:func:`out_of_fold`)."""
    event = fit_logistic([e.features for e in data], [e.real for e in data], l2=l2)
    real = [e for e in data if e.real]
    background = fit_logistic([e.features for e in real], [e.background for e in real], l2=l2)
    scored = [(p, e) for p, e in zip(out_of_fold(data, l2=l2), data, strict=True)
              if p is not None]
    threshold = best_threshold([p for p, _ in scored], [e.real for _, e in scored],
                               [e.real and not e.background for _, e in scored])
    info = dict(meta or {}, candidates=len(data), real=len(real),
                background=sum(e.background for e in real))
    return DecisionModel(event, background, threshold, info)


def _articles(paths: Iterable[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for path in paths:
        for record in read_jsonl(path):
            out[str(record["id"])] = record
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: fit on coded articles and write the weights."""
    ap = argparse.ArgumentParser(prog="python -m geoevents.events.train", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", action="append", required=True, help="coded articles (JSONL)")
    ap.add_argument("--articles", action="append", required=True, help="their texts (JSONL)")
    ap.add_argument("--scorer", required=True, help="score.py, whose matching labels the data")
    ap.add_argument("--exclude", action="append", default=[],
                    help="coded articles (JSONL) whose ids are held out: never trained on")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--limit", type=int, help="train on the first N coded articles only")
    ap.add_argument("--model", help="spaCy model (default: the project's)")
    ap.add_argument("-o", "--output", required=True, help="where the weights go (JSON)")
    a = ap.parse_args(argv)
    held_out = {str(r["id"]) for path in a.exclude for r in read_jsonl(path)}
    golds = [g for path in a.gold for g in read_jsonl(path) if str(g["id"]) not in held_out]
    golds = golds[: a.limit] if a.limit else golds
    data = examples(golds, _articles(a.articles), load_scorer(a.scorer), model=a.model)
    model = train(data, l2=a.l2, meta={"articles": len(golds),
                                      "trained_on": [Path(p).name for p in a.gold]})
    model.save(a.output)
    print(f"{len(golds)} articles, {len(data)} candidates, {sum(e.real for e in data)} real; "
          f"threshold {model.threshold}; weights in {a.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
