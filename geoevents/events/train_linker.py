"""Fit the event-to-place linker (:mod:`geoevents.events.linker`) on annotated sentences.

    python -m geoevents.events.train_linker \\
        --data ../shared/events/event-location-train.jsonl -o geoevents/events/data/linker.json

The data (Halterman 2019, "Geolocating Political Events in Text", MIT) are news
sentences, each with one event verb and the spans of where that event happened
(none when the sentence does not say). Each sentence is parsed with the project's
pipeline; the places it recognises and resolves are the candidates of the verb; a
candidate whose mention overlaps a gold span is right, and "none" is right when
no candidate is. One sentence in five (by a hash of its words) is held out: the
weights are fitted on the others and the held-out share of located sentences
whose event is linked to a gold span is reported. The data stays where it is;
only the weights are written.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geoevents.events.linker import LINK_FEATURES, Linker

NONE = {"none": 1.0}


@dataclass(frozen=True)
class Sentence:
    """One annotated sentence: its candidates' features, which are right, and the split."""

    id: str
    rows: tuple[dict[str, float], ...]
    right: tuple[bool, ...]
    located: bool
    held_out: bool


def held_out(text: str, folds: int = 5) -> bool:
    """The fixed held-out part: sentences whose hash falls in the first of ``folds`` buckets.
    The sentence's words, not its id, are hashed: the data holds some sentences under
    several ids, and a copy must not sit on both sides."""
    key = " ".join(text.split()).lower()
    return int(hashlib.md5(key.encode()).hexdigest(), 16) % folds == 0


def read_records(path: str | Path) -> list[dict[str, Any]]:
    """The annotated sentences of a JSONL file."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def sentences(records: Sequence[dict[str, Any]], *, model: str | None = None) -> list[Sentence]:
    """Parse every record and describe its verb's candidate places."""
    from geoevents.events.arguments import arguments
    from geoevents.events.location import PlaceSpans, candidate_places, link_rows
    from geoevents.events.patterns import find_triggers
    from geoevents.ingest import document_from_text
    from geoevents.nlp import find_mentions
    from geoevents.pipeline import Geoparser

    geoparser = Geoparser(model=model)
    out: list[Sentence] = []
    docs = geoparser.nlp.pipe((r["text"] for r in records), batch_size=64)
    for record, doc in zip(records, docs, strict=True):
        verb = record["verbs"][0]
        span = doc.char_span(verb["start"], verb["end"], alignment_mode="expand")
        if span is None:
            continue
        trigger = span.root
        document = document_from_text(record["text"], id=str(record["id"]))
        places = geoparser.resolver.resolve(find_mentions(doc), document=document)
        candidates = candidate_places(trigger, PlaceSpans.of(doc, places, 0))
        others = [m.span.root for m in find_triggers(doc)
                  if m.span.root != trigger and m.span.root.pos_ in {"VERB", "AUX"}]
        rows = link_rows(trigger, arguments(trigger).anchors[1:], candidates, others)
        gold = [(g["start"], g["end"]) for g in record.get("locations", [])]
        right = tuple(
            any(_overlaps((p.mention.start, p.mention.end), g) for g in gold) for p, _, _ in rows
        )
        out.append(Sentence(str(record["id"]), tuple(f for _, _, f in rows), right, bool(gold),
                            held_out(record["text"])))
    return out


def fit(data: Sequence[Sentence], *, l2: float = 1.0, steps: int = 2000, rate: float = 1.0
        ) -> dict[str, float]:
    """Conditional-logit weights: softmax over each sentence's candidates and "none".

    A sentence whose gold place is not among its candidates (not recognised or not
    resolved) says nothing about linking and is left out; "none" is right for the
    sentences that name no place of their event."""
    import numpy as np

    index = {k: i for i, k in enumerate(LINK_FEATURES)}

    def matrix(rows: Iterable[dict[str, float]]) -> Any:
        rows = list(rows)
        x = np.zeros((len(rows), len(LINK_FEATURES)))
        for r, feats in enumerate(rows):
            for k, v in feats.items():
                x[r, index[k]] = v
        return x

    kept = [s for s in data if s.rows and (any(s.right) or not s.located)]
    x = matrix(f for s in kept for f in (*s.rows, NONE))
    y = np.array([v for s in kept for v in (*s.right, not any(s.right))], dtype=float)
    sizes = np.array([len(s.rows) + 1 for s in kept])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    group = np.repeat(np.arange(len(kept)), sizes)
    target = y / np.add.reduceat(y, starts)[group]  # several right spans share the mass
    w = np.zeros(len(LINK_FEATURES))
    n = max(len(kept), 1)
    for _ in range(steps):
        scores = x @ w
        scores -= np.maximum.reduceat(scores, starts)[group]
        e = np.exp(scores)
        p = e / np.add.reduceat(e, starts)[group]
        w += rate * (x.T @ (target - p) / n - l2 / n * w)
    return {k: round(float(v), 4) for k, v in zip(LINK_FEATURES, w, strict=True) if abs(v) > 1e-6}


def accuracy(linker: Linker, data: Sequence[Sentence]) -> dict[str, float]:
    """Of the sentences whose event has a place: the share linked to a gold span, and
    the share whose gold place is among the candidates (the ceiling)."""
    located = [s for s in data if s.located]
    right = ceiling = 0
    for s in located:
        ceiling += any(s.right)
        picked = linker.pick(s.rows)
        if picked is not None:
            right += s.right[picked[0]]
    n = len(located) or 1
    return {"sentences": len(located), "linked_right": round(right / n, 3),
            "candidates_ceiling": round(ceiling / n, 3)}


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: fit on the annotated sentences, report on the held-out part."""
    ap = argparse.ArgumentParser(prog="python -m geoevents.events.train_linker",
                                 description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="event-location-train.jsonl")
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--none-threshold", type=float, default=0.5,
                    help='link no place when "none" is at least this probable')
    ap.add_argument("--limit", type=int, help="use the first N sentences only")
    ap.add_argument("--model", help="spaCy model (default: the project's)")
    ap.add_argument("-o", "--output", required=True, help="where the weights go (JSON)")
    a = ap.parse_args(argv)
    records = read_records(a.data)
    records = records[: a.limit] if a.limit else records
    data = sentences(records, model=a.model)
    train = [s for s in data if not s.held_out]
    test = [s for s in data if s.held_out]
    linker = Linker(fit(train, l2=a.l2), {"sentences": len(train), "data": Path(a.data).name},
                    a.none_threshold)
    report = {"train": accuracy(linker, train), "held_out": accuracy(linker, test)}
    linker.meta.update(report)
    linker.save(a.output)
    print(json.dumps(report), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
