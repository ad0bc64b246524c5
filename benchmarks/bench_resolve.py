"""Resolution benchmark: documents per second of ``geoevents eval --mode resolve``, one core.

Run from the repository root::

    python benchmarks/bench_resolve.py [--db PATH] [--repeat 3]

Resolves the gold spans of both sets in ``../shared/eval`` (cues and
containers read from the text, two-pass ranking in context) and prints the
best of ``--repeat`` runs per set, with its acc@161km. Target (issue 4):
>= 50 documents/s. The gazetteer's fuzzy index is loaded before timing.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="gazetteer file (default: the built default store)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from geoevents.evaluate import evaluate
    from geoevents.gazetteer import Gazetteer

    gazetteer = Gazetteer(args.db) if args.db else Gazetteer.open_default()
    if not EVAL.is_dir():
        raise SystemExit(f"{EVAL} is absent: nothing to measure")
    out = {}
    for name in ("geowebnews", "tr-news"):
        runs = [
            evaluate(EVAL / f"{name}.jsonl", gazetteer=gazetteer).metrics()
            for _ in range(args.repeat)
        ]
        best = max(runs, key=lambda m: m["docs_per_s"])
        out[name] = {"docs_per_s": best["docs_per_s"], "acc161": best["acc161"], "n": best["n"]}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
