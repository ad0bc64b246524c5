"""Gazetteer benchmark: exact lookups/s, fuzzy median, cold open, memory, eval coverage.

Run from the repository root::

    python benchmarks/bench_gazetteer.py [--db PATH] [--n 20000]

Targets (issue 3): >= 50,000 exact lookups/s, fuzzy median <= 5 ms, open <= 0.2 s,
<= 200 MB resident while serving, coverage of gold GeoNames ids >= 0.88.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"

_COLD = """
import sys, time
t0 = time.perf_counter()
from geoevents.gazetteer import Gazetteer
t1 = time.perf_counter()
gaz = Gazetteer(sys.argv[1]); gaz.check(); gaz.lookup("Deir Ezzor")
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident set size in MB, from /proc."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def cold_open(path: Path, runs: int = 5) -> tuple[float, float]:
    """Median (import, open + first lookup) seconds over fresh interpreters."""
    imports, opens = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _COLD, str(path)], capture_output=True, text=True, check=True
        ).stdout.split()
        imports.append(float(out[0]))
        opens.append(float(out[1]))
    return statistics.median(imports), statistics.median(opens)


def misspell(name: str, rng: random.Random) -> str:
    """Swap two adjacent inner letters or drop one: "Deir" -> "Dier"."""
    if len(name) < 5:
        return name
    i = rng.randrange(1, len(name) - 2)
    if rng.random() < 0.5:
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    return name[:i] + name[i + 1 :]


def eval_names() -> list[str]:
    """Toponym strings of ../shared/eval/*.jsonl in article order (empty when absent)."""
    names: list[str] = []
    for path in sorted(EVAL.glob("*.jsonl")) if EVAL.is_dir() else []:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                names += [t["name"] for t in json.loads(line).get("toponyms", [])]
    return names


def gold_ids() -> list[int] | None:
    """Gold GeoNames ids of ../shared/eval/*.jsonl (None when absent)."""
    files = sorted(EVAL.glob("*.jsonl")) if EVAL.is_dir() else []
    if not files:
        return None
    ids = []
    for path in files:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                for topo in json.loads(line).get("toponyms", []):
                    if topo.get("geonameid"):
                        ids.append(int(topo["geonameid"]))
    return ids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=None, help="store (default: the default path)")
    parser.add_argument("--n", type=int, default=20000, help="exact lookups to time")
    parser.add_argument("--fuzzy-n", type=int, default=300, help="fuzzy lookups to time")
    args = parser.parse_args()

    from geoevents.gazetteer import Gazetteer
    from geoevents.gazetteer.build import default_path

    path = args.db or default_path()
    if args.db is None:
        Gazetteer.open_default()  # builds when missing
    gaz = Gazetteer(path)
    gaz.check()
    meta = gaz.meta()
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []
    print(f"machine: {os.cpu_count()} CPUs, load average {' '.join(load)}")
    print(f"store: {path} ({path.stat().st_size / 1e6:.1f} MB, {meta.get('entries')} entries, "
          f"built in {meta.get('build_seconds')} s)")

    imp, opened = cold_open(path)
    print(f"cold open (open + first lookup, median of 5 fresh processes): {opened * 1000:.1f} ms"
          f"  [package import {imp * 1000:.0f} ms]")

    rng = random.Random(3)
    rows = gaz.conn.execute(
        "SELECT name FROM entries WHERE geonameid IN "
        "(SELECT geonameid FROM entries ORDER BY random() LIMIT ?)", (2 * args.n,)
    ).fetchall()
    names, others = [r[0] for r in rows[: args.n]], [r[0] for r in rows[args.n :]]
    start, cpu = time.perf_counter(), time.process_time()
    hits = sum(1 for name in names if gaz.lookup(name, limit=10))
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"exact lookups: {len(names) / took:,.0f}/s wall ({len(names) / cpu:,.0f}/s of CPU "
          f"time) over {len(names)} distinct random entry names, cache cold "
          f"(limit=10; {hits / len(names):.1%} found)")
    ro = Gazetteer(path, immutable=True, lookup_cache=0)
    start, cpu = time.perf_counter(), time.process_time()
    for name in others:
        ro.lookup(name, limit=10)
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"exact lookups: {len(others) / took:,.0f}/s wall ({len(others) / cpu:,.0f}/s of CPU "
          f"time) over {len(others)} other random entry names, store opened immutable=True "
          f"(no locking), no cache")
    ro.close()
    stream = eval_names()
    for cache in (0, 4096) if stream else ():
        fresh = Gazetteer(path, lookup_cache=cache)
        start, cpu = time.perf_counter(), time.process_time()
        for name in stream:
            fresh.lookup(name)
        took, cpu = time.perf_counter() - start, time.process_time() - cpu
        label = "no lookup cache" if not cache else "repeats hit the lookup cache"
        print(f"exact lookups: {len(stream) / took:,.0f}/s wall ({len(stream) / cpu:,.0f}/s of "
              f"CPU time) over the {len(stream)} toponyms of the eval articles in order "
              f"(limit=25, {label})")
        fresh.close()

    big = [r[0] for r in gaz.conn.execute(
        "SELECT name FROM entries WHERE population > 20000 AND name GLOB '[A-Z]*' "
        "ORDER BY random() LIMIT ?", (args.fuzzy_n,)
    )]
    start = time.perf_counter()
    gaz.fuzzy("Dier ez-Zor")
    print(f"fuzzy index load (first fuzzy call): {(time.perf_counter() - start) * 1000:.0f} ms")
    times, found = [], 0
    for name in big:
        query = misspell(name, rng)
        t0 = time.perf_counter()
        result = gaz.fuzzy(query, limit=10)
        times.append(time.perf_counter() - t0)
        found += any(e.name == name for e, _ in result)
    times.sort()
    print(f"fuzzy lookups: median {statistics.median(times) * 1000:.2f} ms, "
          f"p90 {times[int(len(times) * 0.9)] * 1000:.2f} ms over {len(times)} misspelt names "
          f"({found / max(len(times), 1):.1%} recovered the name)")

    rss, peak = rss_mb()
    print(f"resident memory while serving: {rss:.0f} MB (peak {peak:.0f} MB)")

    ids = gold_ids()
    if ids is None:
        print(f"coverage: skipped ({EVAL} absent)")
    else:
        present = sum(1 for gid in ids if gaz.get(gid) is not None)
        distinct = set(ids)
        present_d = sum(1 for gid in distinct if gaz.get(gid) is not None)
        print(f"coverage of gold GeoNames ids: {present / len(ids):.3f} of {len(ids)} toponyms "
              f"({present_d / len(distinct):.3f} of {len(distinct)} distinct ids)")


if __name__ == "__main__":
    main()
