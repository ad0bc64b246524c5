"""Throughput of batch runs against bare spaCy, scaling with workers, memory, cold start.

Generates a corpus of varied synthetic news articles (2,000 of about 500 words
by default, a fixed seed), then prints documents/s for

a. bare spaCy: ``nlp.pipe`` with the same model and components over the same texts;
b. geoevents end to end (read JSONL, every stage, write GeoJSON lines), one process;

the ratio b/a; geoevents with ``--workers`` processes and its speedup over one;
the peak memory (RSS) of each worker process; and the cold start of
``geoevents extract`` on one short article (a fresh interpreter, best of 3).

Usage::

    python benchmarks/bench_batch.py                 # the full run (a few minutes)
    python benchmarks/bench_batch.py --docs 200      # a quick look
    python benchmarks/bench_batch.py --json out.json # the numbers as JSON too

(a) and (b) are timed after a warm-up of 20 articles each (a process's one-time
costs are what (e) measures), in alternating slices of the corpus (``--rounds``), so a
machine whose speed drifts during the run slows both alike; the spread of the
per-slice ratios is printed beside the overall one.

Needs ``psutil`` for the memory figures (``pip install 'geoevents[bench]'``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

PLACES = [
    ("Saraqib", "Idlib province", "Syria"),
    ("Maarat al-Numan", "the southern Idlib countryside", "Syria"),
    ("Aleppo", "northern Syria", "Syria"),
    ("Deir ez-Zor", "eastern Syria", "Syria"),
    ("Raqqa", "northern Syria", "Syria"),
    ("Homs", "central Syria", "Syria"),
    ("Hama", "central Syria", "Syria"),
    ("Daraa", "southern Syria", "Syria"),
    ("Hajin", "the Deir Ezzor countryside", "Syria"),
    ("Mosul", "Nineveh province", "Iraq"),
    ("Kirkuk", "northern Iraq", "Iraq"),
    ("Fallujah", "Anbar province", "Iraq"),
    ("Ramadi", "Anbar province", "Iraq"),
    ("Basra", "southern Iraq", "Iraq"),
    ("Kharkiv", "eastern Ukraine", "Ukraine"),
    ("Bakhmut", "the Donetsk region", "Ukraine"),
    ("Kherson", "southern Ukraine", "Ukraine"),
    ("Zaporizhzhia", "southern Ukraine", "Ukraine"),
    ("Sumy", "northern Ukraine", "Ukraine"),
    ("Taiz", "southwestern Yemen", "Yemen"),
    ("Marib", "central Yemen", "Yemen"),
    ("Hodeidah", "western Yemen", "Yemen"),
    ("Aden", "southern Yemen", "Yemen"),
    ("El Fasher", "North Darfur", "Sudan"),
    ("Omdurman", "Khartoum state", "Sudan"),
    ("Nyala", "South Darfur", "Sudan"),
    ("Kismayo", "southern Somalia", "Somalia"),
    ("Baidoa", "southwestern Somalia", "Somalia"),
    ("Mogadishu", "the Banadir region", "Somalia"),
    ("Gao", "northern Mali", "Mali"),
    ("Mopti", "central Mali", "Mali"),
    ("Timbuktu", "northern Mali", "Mali"),
    ("Maiduguri", "Borno state", "Nigeria"),
    ("Kandahar", "southern Afghanistan", "Afghanistan"),
    ("Herat", "western Afghanistan", "Afghanistan"),
    ("Jalalabad", "eastern Afghanistan", "Afghanistan"),
    ("Goma", "North Kivu", "DR Congo"),
    ("Bunia", "Ituri province", "DR Congo"),
    ("Lashio", "northern Shan state", "Myanmar"),
    ("Sittwe", "Rakhine state", "Myanmar"),
]
ACTORS = [
    "government forces",
    "Russian warplanes",
    "rebel fighters",
    "militants of the Islamic State",
    "the Rapid Support Forces",
    "al-Shabaab fighters",
    "an armed group",
    "security forces",
    "unidentified gunmen",
    "army troops",
]
EVENTS = [
    "{actor} carried out airstrikes on {place}, in {region}, killing {n} civilians.",
    "{actor} clashed with local defence units near {place} in {region}.",
    "hundreds of residents protested peacefully in {place}, in {region}, against fuel shortages.",
    "a roadside bomb exploded near a military convoy in {place} in {region}, "
    "wounding {n} soldiers.",
    "{actor} shelled the outskirts of {place}, in {region}, destroying several houses.",
    "{actor} took control of {place}, in {region}, after heavy fighting.",
    "{actor} attacked a checkpoint at the entrance of {place} in {region}, killing {n} guards.",
    "a drone struck a market in {place}, in {region}, and {n} people were hurt.",
    "{actor} established a new base near {place} in {region}.",
    "demonstrators gathered in the centre of {place} to demand the release of detainees.",
]
CONTEXT = [
    "Local officials said the situation remained tense and that more people had fled.",
    "Aid groups called for calm and for safe access to the wounded.",
    "The report could not be independently verified by journalists on the ground.",
    "Residents described long queues at bakeries and petrol stations in the morning.",
    "A spokesman for the ministry declined to comment on the casualty figures.",
    "Humanitarian workers warned that hospitals were running short of medicine.",
    "The fighting is the heaviest in the area since the ceasefire agreed last year.",
    "Witnesses said the sound of explosions could be heard across the city at night.",
    "Schools in the district have been closed for a week because of the violence.",
    "Prices of flour and fuel have doubled since the start of the month.",
    "Observers said both sides had reinforced their positions along the front line.",
    "Thousands of families are sheltering in camps with little water or electricity.",
    "The United Nations said it was deeply concerned by the reports of civilian deaths.",
    "Farmers said they could not reach their fields because of the risk of mines.",
    "The road linking the two towns has been closed to traffic since Tuesday.",
]
QUOTES = [
    '"We heard the planes and then everything shook," said a resident who asked not to be named.',
    '"The hospital is full and we have no more beds," a doctor told reporters.',
    '"We will not leave our homes," said a local teacher.',
    '"The attacks must stop now," an aid official said in a statement.',
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August"]


def make_article(rng: random.Random, index: int, words: int) -> dict:
    """One synthetic news article of about ``words`` words."""
    month = rng.randrange(len(MONTHS))
    year = rng.choice([2022, 2023, 2024])
    title_place = rng.choice(PLACES)
    paragraphs: list[str] = []
    count = 0
    while count < words:
        sentences = []
        for _ in range(rng.randint(3, 5)):
            roll = rng.random()
            if roll < 0.45:
                place, region, _country = rng.choice(PLACES)
                event = rng.choice(EVENTS).format(
                    actor=rng.choice(ACTORS), place=place, region=region, n=rng.randint(2, 30)
                )
                day = rng.randint(1, 28)
                lead = rng.choice([f"On {MONTHS[month]} {day}, ", "On Sunday, ", "Earlier, ", ""])
                sentence = lead + event
                sentences.append(sentence[0].upper() + sentence[1:])
            elif roll < 0.55:
                sentences.append(rng.choice(QUOTES))
            else:
                sentences.append(rng.choice(CONTEXT))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return {
        "id": f"bench-{index:05d}",
        "date": f"{year}-{month + 1:02d}-28",
        "title": f"Violence in {title_place[0]}",
        "url": f"https://example.org/news/{index}",
        "text": "\n\n".join(paragraphs),
    }


def make_corpus(path: Path, docs: int, words: int, *, seed: int = 2024) -> list[str]:
    """Write ``docs`` articles to a JSONL corpus at ``path``; their texts."""
    rng = random.Random(seed)
    articles = [make_article(rng, i, words) for i in range(docs)]
    with path.open("w", encoding="utf-8") as handle:
        for article in articles:
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    return [a["text"] for a in articles]


class PeakMemory:
    """The peak RSS (MB) of each worker process of this one, sampled every 0.1 s."""

    def __init__(self) -> None:
        self.peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.is_set():
            for child in me.children(recursive=True):
                try:
                    if "resource_tracker" in " ".join(child.cmdline()):
                        continue
                    rss = child.memory_info().rss / 1e6
                except psutil.Error:
                    continue
                self.peaks[child.pid] = max(self.peaks.get(child.pid, 0.0), rss)
            time.sleep(0.1)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def cold_start(folder: Path) -> list[float]:
    """Wall seconds of ``geoevents extract`` on one short article in a fresh interpreter."""
    article = folder / "short.txt"
    article.write_text(
        "On 3 March 2024 an airstrike hit the town of Hajin in Syria, killing two civilians.\n",
        encoding="utf-8",
    )
    times = []
    for attempt in range(3):
        started = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "geoevents",
                "extract",
                str(article),
                "-o",
                str(folder / f"short{attempt}.geojson"),
            ],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - started)
    return times


def write_part(lines: list[str], path: Path) -> Path:
    """Some of the corpus's JSONL lines (with their newlines) as a corpus of their own."""
    path.write_text("".join(lines), encoding="utf-8")
    return path


def interleaved(
    nlp: Any, lines: list[str], texts: list[str], folder: Path, rounds: int, batch_size: int
) -> dict[str, Any]:
    """Time (a) bare ``nlp.pipe`` and (b) geoevents end to end on the same articles,
    in ``rounds`` slices of the corpus that alternate a and b (a first, then b first),
    so that a machine whose speed drifts (shared cores, a busy neighbour) slows
    both alike. (b) reads each slice's JSONL file and writes GeoJSON lines; the
    slices' outputs are joined into ``folder/one.geojsonl``.
    """
    from geoevents.batch import run_batch

    size = -(-len(lines) // rounds)
    totals = dict.fromkeys(("a_wall", "a_cpu", "b_wall", "b_cpu"), 0.0)
    out: dict[str, Any] = {"events": 0, "errors": [], "round_ratios": []}
    parts = []
    for number, start in enumerate(range(0, len(lines), size)):
        piece = write_part(lines[start : start + size], folder / f"slice-{number:03d}.jsonl")
        parts.append(folder / f"one-{number:03d}.geojsonl")

        def bare(start: int = start) -> None:
            for _ in nlp.pipe(texts[start : start + size], batch_size=batch_size):
                pass

        def ours(piece: Path = piece, target: Path = parts[-1]) -> None:
            summary = run_batch([piece], target, batch_size=batch_size, progress=False)
            out["events"] += summary.events
            out["errors"].extend(summary.errors)

        spent = {}
        for name, run in (("a", bare), ("b", ours)) if number % 2 == 0 else (
            ("b", ours), ("a", bare)
        ):
            started, cpu = time.perf_counter(), time.process_time()
            run()
            spent[name] = time.process_time() - cpu
            totals[f"{name}_wall"] += time.perf_counter() - started
            totals[f"{name}_cpu"] += spent[name]
        out["round_ratios"].append(spent["a"] / spent["b"])
    with (folder / "one.geojsonl").open("wb") as joined:
        for part in parts:
            joined.write(part.read_bytes())
    return {**totals, **out}


def stage_costs(corpus: Path, docs: int, batch_size: int) -> dict[str, float]:
    """CPU milliseconds per article of each stage after spaCy, over the first ``docs``."""
    from geoevents.batch import worker_geoparser
    from geoevents.events import extract_events
    from geoevents.ingest import read_documents
    from geoevents.nlp import find_mentions

    geoparser = worker_geoparser(None)
    clock = time.process_time
    started = clock()
    documents = [d for _, d in zip(range(docs), read_documents([corpus]), strict=False)]
    costs = {"reading": clock() - started}
    parsed = [
        [(s, geoparser.nlp(d.text[s.start : s.end])) for s in d.parts("body", "comments")]
        for d in documents
    ]
    started = clock()
    mentions = [
        [m for s, doc in p for m in find_mentions(doc, offset=s.start, section=s.kind)]
        for p in parsed
    ]
    costs["mentions"] = clock() - started
    started = clock()
    places = [
        geoparser.resolver.resolve(m, document=d)
        for m, d in zip(mentions, documents, strict=True)
    ]
    costs["resolution"] = clock() - started
    started = clock()
    for document, sections, found in zip(documents, parsed, places, strict=True):
        for section, doc in sections:
            inside = [p for p in found if section.start <= p.mention.start < section.end]
            extract_events(doc, document, inside, offset=section.start, section=section.kind)
    costs["events"] = clock() - started
    return {name: round(1000 * seconds / len(documents), 2) for name, seconds in costs.items()}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000, help="articles in the corpus [2000]")
    parser.add_argument("--words", type=int, default=500, help="words per article [500]")
    parser.add_argument("--workers", type=int, default=2, help="workers of the parallel run [2]")
    parser.add_argument("--batch-size", type=int, default=32, help="documents per chunk [32]")
    parser.add_argument(
        "--rounds", type=int, default=20, help="alternating slices for the a/b timing [20]"
    )
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    args = parser.parse_args(argv)
    try:
        import psutil  # noqa: F401 - the memory figures need it
    except ImportError:
        sys.exit("bench_batch.py needs psutil (memory figures): pip install 'geoevents[bench]'")

    from geoevents.batch import run_batch, worker_geoparser

    results: dict = {"docs": args.docs, "words": args.words, "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="geoevents-bench-") as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        texts = make_corpus(corpus, args.docs, args.words)
        results["mean_words"] = round(sum(len(t.split()) for t in texts) / len(texts))
        print(f"corpus: {args.docs} articles, {results['mean_words']} words on average")

        started = time.perf_counter()
        nlp = worker_geoparser(None).nlp  # the same model and components geoevents runs
        results["load_seconds"] = round(time.perf_counter() - started, 2)
        print(f"pipeline: {nlp.pipe_names} (loaded in {results['load_seconds']} s)")
        # Warm both up on 20 articles: the one-time costs of a process (spaCy's first
        # batches; our lazy imports, trigger matchers and fuzzy index) are for (e).
        for _ in nlp.pipe(texts[:20]):
            pass
        lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
        warm = write_part(lines[:20], folder / "warm.jsonl")
        run_batch([warm], folder / "warm.geojsonl", progress=False)

        timed = interleaved(nlp, lines, texts, folder, args.rounds, args.batch_size)
        spacy_rate = args.docs / timed["a_wall"]
        spacy_cpu_rate = args.docs / timed["a_cpu"]
        one_rate = args.docs / timed["b_wall"]
        one_cpu_rate = args.docs / timed["b_cpu"]
        print(
            f"a. bare spaCy nlp.pipe, 1 process:   {spacy_rate:8.1f} docs/s "
            f"({spacy_cpu_rate:.1f} per CPU second)"
        )
        print(
            f"b. geoevents end to end, 1 process:  {one_rate:8.1f} docs/s "
            f"({one_cpu_rate:.1f} per CPU second; {timed['events']} events, "
            f"{len(timed['errors'])} failed)"
        )
        for doc_id, reason in timed["errors"][:3]:
            print(f"   failed: {doc_id}: {reason}")
        ratios = sorted(timed["round_ratios"])
        print(
            f"   b/a = {one_rate / spacy_rate:.2f} wall clock, "
            f"{one_cpu_rate / spacy_cpu_rate:.2f} CPU time   (target >= 0.8); "
            f"{len(ratios)} alternating rounds, CPU-time b/a per round "
            f"{ratios[0]:.2f} .. {ratios[len(ratios) // 2]:.2f} (median) .. {ratios[-1]:.2f}"
        )

        stages = stage_costs(corpus, min(args.docs, 200), args.batch_size)
        print(
            "   beyond spaCy, ms per article: "
            + ", ".join(f"{name} {ms:.1f}" for name, ms in stages.items())
        )
        results["stage_ms_per_doc"] = stages

        tiny = write_part(lines[:2], folder / "tiny.jsonl")
        started = time.perf_counter()
        run_batch([tiny], folder / "tiny.geojsonl", workers=args.workers, progress=False)
        startup = time.perf_counter() - started

        with PeakMemory() as memory:
            started = time.perf_counter()
            run_batch(
                [corpus],
                folder / "many.geojsonl",
                workers=args.workers,
                batch_size=args.batch_size,
                progress=False,
            )
            wall = time.perf_counter() - started
        many_rate = args.docs / wall
        steady_rate = args.docs / max(wall - startup, 1e-9)
        same = (folder / "many.geojsonl").read_bytes() == (folder / "one.geojsonl").read_bytes()
        print(
            f"c. geoevents, {args.workers} workers:            {many_rate:8.1f} docs/s "
            f"({many_rate / one_rate:.2f}x one process, wall clock with start-up)"
        )
        print(
            f"   without the {startup:.1f} s worker start-up:  {steady_rate:8.1f} docs/s "
            f"({steady_rate / one_rate:.2f}x one process; target >= 1.7x)"
        )
        print(f"   output equals the one-process output: {same}")
        peaks = sorted(memory.peaks.values(), reverse=True)[: args.workers]
        print(
            f"d. peak RSS per worker: {', '.join(f'{p:.0f} MB' for p in peaks)} (target <= 800 MB)"
        )

        colds = cold_start(folder)
        print(
            f"e. cold start of geoevents extract on one short article: "
            f"{min(colds):.2f} s best of 3 ({', '.join(f'{c:.2f}' for c in colds)}; "
            "target <= 3 s)"
        )
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
        if load is not None:
            print(f"(load average over the last minute: {load:.2f} on {os.cpu_count()} cpus)")

        results.update(
            spacy_docs_per_s=round(spacy_rate, 1),
            geoevents_docs_per_s=round(one_rate, 1),
            ratio_b_over_a=round(one_rate / spacy_rate, 3),
            spacy_docs_per_cpu_s=round(spacy_cpu_rate, 1),
            geoevents_docs_per_cpu_s=round(one_cpu_rate, 1),
            ratio_b_over_a_cpu=round(one_cpu_rate / spacy_cpu_rate, 3),
            workers=args.workers,
            workers_docs_per_s=round(many_rate, 1),
            workers_docs_per_s_without_startup=round(steady_rate, 1),
            worker_startup_s=round(startup, 2),
            speedup=round(many_rate / one_rate, 3),
            speedup_without_startup=round(steady_rate / one_rate, 3),
            outputs_equal=same,
            peak_rss_mb_per_worker=[round(p) for p in peaks],
            cold_start_s=[round(c, 2) for c in colds],
            load_average=load,
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return results


if __name__ == "__main__":
    main()
