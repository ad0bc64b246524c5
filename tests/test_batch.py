"""Batch runs on real parts: streaming outputs, errors file, workers, resume after a real kill."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geoevents.batch import _FileOutput, run_batch
from geoevents.errors import InputError
from geoevents.export import dumps_csv, dumps_geojson, dumps_jsonl, event_feature
from geoevents.ingest import CorpusFields, read_documents
from tests.conftest import EXAMPLES, ROOT

PLACES = [
    ("the town of Saraqib", "Idlib province"),
    ("the city of Aleppo", "northern Syria"),
    ("the town of Nawa", "Daraa province"),
    ("the city of Deir ez-Zor", "eastern Syria"),
    ("the city of Raqqa", "northern Syria"),
    ("the city of Homs", "central Syria"),
    ("the city of Mosul", "northern Iraq"),
    ("the city of Kirkuk", "northern Iraq"),
    ("the city of Kharkiv", "eastern Ukraine"),
    ("the town of Maarat al-Numan", "the southern Idlib countryside"),
]
EVENTS = [
    "Russian warplanes carried out airstrikes on {place}, in {region}, killing four civilians.",
    "Fighters of Hayat Tahrir al-Sham clashed with government forces near {place} in {region}.",
    "Hundreds of residents protested peacefully in {place}, in {region}, against fuel shortages.",
    "A roadside bomb exploded near an army patrol in {place} in {region}, wounding three soldiers.",
    "Artillery shelled {place}, in {region}, destroying several houses.",
]
FILLER = [
    "Local officials said the situation remained tense.",
    "Aid groups called for calm and for access to the wounded.",
    "The report could not be independently verified.",
    "Residents described long queues at the bakeries in the morning.",
]


def make_articles(count: int, *, seed: int = 7) -> list[dict]:
    """``count`` short, varied news articles (a fixed seed gives the same corpus)."""
    rng = random.Random(seed)
    articles = []
    for i in range(count):
        day = rng.randint(1, 27)
        place, region = rng.choice(PLACES)
        event = rng.choice(EVENTS).format(place=place, region=region)
        text = f"On March {day}, {event[0].lower()}{event[1:]} " + " ".join(rng.sample(FILLER, 2))
        articles.append({"id": f"a{i:03d}", "date": "2024-03-28", "title": "News", "text": text})
    return articles


#: Lines that must each fail with a reason, whatever the engine.
BAD_LINES = [
    b"this is not json\n",
    b'{"id": "blank", "text": "   "}\n',
    b'{"id": "latin1", "text": "caf\xe9 in Aleppo"}\n',
    b"[1, 2, 3]\n",
]


def write_corpus(path: Path, count: int, *, bad: bool = True) -> Path:
    """A JSONL corpus of ``count`` generated articles, bad lines spread through it."""
    lines = [json.dumps(a).encode() + b"\n" for a in make_articles(count)]
    if bad:
        for offset, line in enumerate(BAD_LINES):
            lines.insert(min(len(lines), 3 + offset * 5), line)
        lines.insert(2, b"\n")  # a blank line is skipped, not an error
    path.write_bytes(b"".join(lines))
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "corpus.jsonl", 24)


@pytest.fixture(scope="module")
def reference(corpus, geoparser) -> list:
    """Each document of the corpus through :meth:`Geoparser.process_many`, one by one."""
    return list(geoparser.process_many(read_documents([corpus])))


def _events(results) -> list:
    return [e for r in results if not r.error for e in r.events]


def test_geojson_equals_processing_one_by_one(tmp_path, corpus, reference):
    out = tmp_path / "events.geojson"
    summary = run_batch([corpus], out, progress=False)
    expected = dumps_geojson({"features": [event_feature(e) for e in _events(reference)]})
    assert out.read_text(encoding="utf-8") == expected
    assert summary.documents == 28 and summary.failed == 4
    assert summary.events == len(_events(reference)) > 15
    assert not (tmp_path / "events.geojson.partial").exists()
    assert not (tmp_path / "events.geojson.done").exists()


def test_errors_file_has_id_source_reason(tmp_path, corpus):
    out = tmp_path / "events.geojsonl"
    summary = run_batch([corpus], out, progress=False)
    errors = [json.loads(line) for line in Path(summary.errors_path).read_text().splitlines()]
    assert summary.errors_path == str(out) + ".errors.jsonl"
    assert [sorted(e) for e in errors] == [["id", "reason", "source"]] * 4
    by_id = {e["id"]: e for e in errors}
    assert "not valid JSON" in by_id[f"{corpus}:5"]["reason"]
    assert "empty 'text'" in by_id["blank"]["reason"]
    assert "not valid UTF-8" in next(e["reason"] for e in errors if e["id"].endswith(":15"))
    assert all(e["source"].startswith(f"{corpus}:") for e in errors)


@pytest.mark.parametrize("suffix", [".geojsonl", ".ndjson", ".geojsons", ".csv", ".jsonl"])
def test_streamed_formats_equal_the_exports(tmp_path, corpus, reference, suffix):
    out = tmp_path / f"events{suffix}"
    run_batch([corpus], out, progress=False)
    events = _events(reference)
    text = out.read_text(encoding="utf-8")
    features = [json.dumps(event_feature(e), ensure_ascii=False) for e in events]
    expected = {
        ".geojsonl": "".join(f + "\n" for f in features),
        ".ndjson": "".join(f + "\n" for f in features),
        ".geojsons": "".join("\x1e" + f + "\n" for f in features),
        ".csv": dumps_csv(events),
        ".jsonl": dumps_jsonl(events),
    }[suffix]
    assert text == expected


def test_geoparquet_reads_back_with_geopandas(tmp_path, corpus, reference):
    geopandas = pytest.importorskip("geopandas")
    out = tmp_path / "events.parquet"
    run_batch([corpus], out, progress=False)
    frame = geopandas.read_parquet(out)
    events = _events(reference)
    assert list(frame["event_id"]) == [e.event_id for e in events]
    assert frame.crs.to_string() == "OGC:CRS84"
    first = event_feature(events[0])
    assert [frame.geometry[0].x, frame.geometry[0].y] == first["geometry"]["coordinates"]
    assert frame["iso"].dtype.kind == "i" or frame["iso"].isna().any()


def test_stdout_keeps_the_single_file_behaviour(tmp_path):
    """No -o: a FeatureCollection on stdout; a failed input: one line, exit 1, the rest written."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    example = EXAMPLES / "border-base-airstrike.txt"
    missing = tmp_path / "missing.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "geoevents", "extract", str(example), str(missing)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    assert proc.returncode == 1
    collection = json.loads(proc.stdout)
    assert collection["type"] == "FeatureCollection" and collection["features"]
    lines = proc.stderr.strip().splitlines()
    assert lines[0] == f"geoevents: {missing}: no such file"
    assert "1 of 2 documents processed; 1 failed" in lines[-1]
    assert "Traceback" not in proc.stderr


def test_folder_of_text_and_html_with_bad_files(tmp_path, geoparser):
    folder = tmp_path / "pages"
    folder.mkdir()
    articles = make_articles(3, seed=3)
    (folder / "a.txt").write_text(articles[0]["text"], encoding="utf-8")
    html = f"<html><head><title>T</title></head><body><p>{articles[1]['text']}</p></body></html>"
    (folder / "b.html").write_text(html, encoding="utf-8")
    (folder / "c.txt").write_text("", encoding="utf-8")
    (folder / "d.txt").write_bytes(b"\x00\x01\x02binary" * 100)
    (folder / "e.txt").write_bytes(b"x" * 5_100_000)
    out = tmp_path / "out.csv"
    summary = run_batch([folder], out, progress=False)
    assert (summary.documents, summary.failed) == (5, 3)
    lines = Path(summary.errors_path).read_text().splitlines()
    reasons = [json.loads(line)["reason"] for line in lines]
    assert "empty document" in reasons[0]
    assert "binary" in reasons[1]
    assert "too large" in reasons[2]
    expected = list(geoparser.process_many(read_documents([folder / "a.txt", folder / "b.html"])))
    assert out.read_text(encoding="utf-8") == dumps_csv(_events(expected))


def test_configurable_field_names(tmp_path, geoparser):
    articles = make_articles(2, seed=5)
    corpus = tmp_path / "renamed.jsonl"
    corpus.write_text(
        "".join(json.dumps({"uid": a["id"], "body": a["text"]}) + "\n" for a in articles)
    )
    out = tmp_path / "out.geojsonl"
    summary = run_batch(
        [corpus], out, fields=CorpusFields(id="uid", text="body"), date="2024-03-28"
    )
    assert summary.failed == 0
    ids = {json.loads(line)["properties"]["source"] for line in out.read_text().splitlines()}
    assert ids == {"a000", "a001"}


def test_every_document_failing_publishes_no_output(tmp_path):
    corpus = tmp_path / "bad.jsonl"
    corpus.write_bytes(b"".join(BAD_LINES))
    out = tmp_path / "out.geojson"
    summary = run_batch([corpus], out, progress=False)
    assert (summary.documents, summary.failed) == (4, 4)
    assert not out.exists() and Path(summary.errors_path).exists()
    assert not list(tmp_path.glob("out.geojson.*[!l]"))  # no .partial, no .done


def test_progress_bar_only_when_asked_or_on_a_terminal(tmp_path, corpus, capsys):
    run_batch([corpus], tmp_path / "a.geojsonl")
    assert capsys.readouterr().err == ""  # stderr is not a terminal under pytest
    run_batch([corpus], tmp_path / "b.geojsonl", progress=True)
    err = capsys.readouterr().err
    assert "doc/s" in err and "28/28" in err


def test_bad_options_are_clear_errors(tmp_path, corpus):
    with pytest.raises(InputError, match="--resume needs an output file"):
        run_batch([corpus], "-", resume=True)
    with pytest.raises(InputError, match="GeoParquet needs an output file"):
        run_batch([corpus], "-", fmt="parquet")
    with pytest.raises(InputError, match="not a date"):
        run_batch([corpus], tmp_path / "x.geojson", date="yesterday-ish")


# --- journal and resume -----------------------------------------------------------------------


def test_journal_truncates_a_torn_tail(tmp_path):
    """Unit test of the journal alone (no pipeline): torn records and lines are dropped."""
    from geoevents.batch import Outcome

    target = tmp_path / "out.geojsonl"
    sink = _FileOutput(target, "geojsonl", resume=False)
    sink.write([Outcome("k1", "a", ('{"n": 1}',)), Outcome("k2", "b", error="bad")])
    sink.write([Outcome("k3", "c", ('{"n": 3}', '{"n": 4}'))])
    sink.close()
    with open(sink.partial, "ab") as handle:
        handle.write(b'{"n": 5}\n{"n": ')  # records of a document never journaled
    with open(sink.journal_path, "ab") as handle:
        handle.write(b'{"key": "k4", "id": "d", "end": 99')  # a torn journal line
    resumed = _FileOutput(target, "geojsonl", resume=True)
    assert resumed.done == {"k1", "k2", "k3"}
    assert (resumed.documents, resumed.failed, resumed.events) == (3, 1, 3)
    assert resumed.partial.read_bytes() == b'{"n": 1}\n{"n": 3}\n{"n": 4}\n'
    resumed.write([Outcome("k4", "d", ('{"n": 5}',))])
    resumed.finish(None)
    assert target.read_bytes() == b'{"n": 1}\n{"n": 3}\n{"n": 4}\n{"n": 5}\n'
    assert not resumed.journal_path.exists() and not resumed.partial.exists()


def test_a_second_run_on_the_same_output_is_refused(tmp_path):
    from geoevents.errors import OutputError

    target = tmp_path / "out.geojsonl"
    first = _FileOutput(target, "geojsonl", resume=False)
    try:
        for resume in (True, False):
            with pytest.raises(OutputError, match="^another geoevents run is writing"):
                _FileOutput(target, "geojsonl", resume=resume)
        assert first.journal_path.read_bytes().startswith(b'{"geoevents_journal"')
    finally:
        first.close()


def test_resume_of_a_finished_output_does_nothing(tmp_path, corpus):
    from geoevents.batch import NothingToResume

    out = tmp_path / "out.geojsonl"
    run_batch([corpus], out, progress=False)
    before = out.read_bytes()
    with pytest.raises(NothingToResume):
        run_batch([corpus], out, resume=True)
    assert out.read_bytes() == before


def _start(corpus: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "geoevents", "extract", str(corpus), "-o", str(out), *extra],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONIOENCODING="utf-8"),
    )


def _kill_midway(proc: subprocess.Popen, journal: Path, sig: int, *, entries: int = 6) -> None:
    """Send ``sig`` once the journal holds ``entries`` documents (the run is half-way)."""
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if journal.exists() and journal.read_bytes().count(b"\n") > entries:
            proc.send_signal(sig)
            break
        time.sleep(0.01)
    proc.wait(timeout=120)
    assert journal.exists(), "the run ended before it could be interrupted"


@pytest.mark.slow
def test_resume_after_sigkill_gives_the_uninterrupted_output(tmp_path, corpus):
    reference = tmp_path / "reference.geojsonl"
    run_batch([corpus], reference, progress=False)
    out = tmp_path / "out.geojsonl"
    proc = _start(corpus, out, "--batch-size", "1")
    _kill_midway(proc, out.with_name("out.geojsonl.done"), signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    assert not out.exists()  # nothing published, nothing truncated
    partial = out.with_name("out.geojsonl.partial")
    with open(partial, "ab") as handle:
        handle.write(b'{"type": "Feature", "id": "torn')  # as a write cut short would
    proc = _start(corpus, out, "--resume")
    _, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 1, stderr  # the corpus has bad lines
    assert out.read_bytes() == reference.read_bytes()
    errors = out.with_name("out.geojsonl.errors.jsonl").read_text()
    assert errors == reference.with_name("reference.geojsonl.errors.jsonl").read_text()
    assert not partial.exists() and not out.with_name("out.geojsonl.done").exists()


@pytest.mark.slow
def test_resume_after_sigterm_with_workers_to_geoparquet(tmp_path, corpus):
    geopandas = pytest.importorskip("geopandas")
    reference = tmp_path / "reference.parquet"
    run_batch([corpus], reference, progress=False)
    out = tmp_path / "out.parquet"
    proc = _start(corpus, out, "--batch-size", "1", "--workers", "2")
    _kill_midway(proc, out.with_name("out.parquet.done"), signal.SIGTERM)
    assert proc.returncode == 130
    assert "--resume" in proc.stderr.read()
    assert not out.exists()
    proc = _start(corpus, out, "--resume", "--workers", "2")
    proc.communicate(timeout=300)
    assert proc.returncode == 1
    got, expected = geopandas.read_parquet(out), geopandas.read_parquet(reference)
    assert got.to_json() == expected.to_json() and len(got) > 15


@pytest.mark.slow
def test_two_workers_equal_one(tmp_path, corpus):
    one, two = tmp_path / "one.geojson", tmp_path / "two.geojson"
    run_batch([corpus], one, progress=False)
    summary = run_batch([corpus], two, workers=2, batch_size=3, progress=False)
    assert two.read_bytes() == one.read_bytes()
    assert summary.failed == 4
    assert (
        Path(str(two) + ".errors.jsonl").read_text() == Path(str(one) + ".errors.jsonl").read_text()
    )


def _pool_workers(pid: int) -> list[int]:
    """Worker processes of the process pool under ``pid`` (Linux /proc)."""
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children += [int(c) for c in (task / "children").read_text().split()]
    workers = []
    for child in children:
        cmdline = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ")
        if b"spawn_main" in cmdline and b"resource_tracker" not in cmdline:
            workers.append(child)
    return workers


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_a_worker_killed_midway_loses_no_document(tmp_path, corpus):
    """The OOM killer takes a worker: its chunks are rerun, the output is complete."""
    reference = tmp_path / "reference.geojsonl"
    run_batch([corpus], reference, progress=False)
    out = tmp_path / "out.geojsonl"
    journal = out.with_name("out.geojsonl.done")
    proc = _start(corpus, out, "--batch-size", "1", "--workers", "2")
    killed = None
    deadline = time.monotonic() + 240
    while killed is None and time.monotonic() < deadline and proc.poll() is None:
        if journal.exists() and journal.read_bytes().count(b"\n") > 4:
            workers = _pool_workers(proc.pid)
            if workers:
                os.kill(workers[0], signal.SIGKILL)
                killed = workers[0]
        time.sleep(0.01)
    _, stderr = proc.communicate(timeout=300)
    assert killed, "the run ended before a worker could be killed"
    assert proc.returncode == 1, stderr  # the corpus's bad lines, nothing else
    assert "Traceback" not in stderr
    assert out.read_bytes() == reference.read_bytes()
    errors = out.with_name("out.geojsonl.errors.jsonl").read_text()
    assert errors == reference.with_name("reference.geojsonl.errors.jsonl").read_text()


def test_an_exception_in_a_component_fails_only_its_document(tmp_path, geoparser):
    """A component that raises on one text (a test-only spaCy component on the real pipeline)."""
    from spacy.language import Language

    from geoevents.batch import worker_geoparser

    name = "test_batch_raises_on_boom"
    if not Language.has_factory(name):

        @Language.component(name)
        def raises_on_boom(doc):
            if "BOOM" in doc.text:
                raise ZeroDivisionError("boom in a component")
            return doc

    articles = make_articles(3, seed=11)
    articles[1]["text"] += " BOOM"
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in articles))
    nlp = worker_geoparser(None).nlp
    nlp.add_pipe(name, last=True)
    try:
        summary = run_batch([corpus], tmp_path / "out.geojsonl", progress=False)
    finally:
        nlp.remove_pipe(name)
    assert (summary.documents, summary.failed) == (3, 1)
    assert summary.errors == [("a001", "ZeroDivisionError: boom in a component")]
    sources = {
        json.loads(line)["properties"]["source"]
        for line in (tmp_path / "out.geojsonl").read_text().splitlines()
    }
    assert sources == {"a000", "a002"}


@pytest.mark.parametrize("suffix", [".geojsonl", ".csv", ".jsonl"])
def test_a_repeated_document_id_gets_a_suffix_as_in_the_api(tmp_path, geoparser, suffix):
    text = "On March 3, Russian warplanes carried out airstrikes on the town of Saraqib."
    lines = [{"id": "=x", "text": text}, {"id": "=x", "text": text}, {"id": "y", "text": text}]
    corpus = tmp_path / "repeated.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    api = [r.document.id for r in geoparser.process_many(read_documents([corpus]))]
    assert api == ["=x", "=x~2", "y"]
    out = tmp_path / f"events{suffix}"
    run_batch([corpus], out, progress=False)
    if suffix == ".csv":
        import csv

        rows = list(csv.DictReader(out.open(encoding="utf-8")))
        ids = [(r["event_id_cnty"], r["source"]) for r in rows]
        assert ids == [("'=x-1", "'=x"), ("'=x~2-1", "'=x~2"), ("y-1", "y")]  # formulas kept safe
    else:
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        props = [r.get("properties", r) for r in records]
        ids = [(p["event_id"], p["source"]) for p in props]
        assert ids == [("=x-1", "=x"), ("=x~2-1", "=x~2"), ("y-1", "y")]


def test_repeated_ids_stay_unique_across_a_resume(tmp_path):
    """Unit test of the journal: the ids written before the kill are counted again."""
    from geoevents.batch import Outcome, unique_id

    target = tmp_path / "out.geojsonl"
    sink = _FileOutput(target, "geojsonl", resume=False)
    feature = '{"type": "Feature", "properties": {"event_id": "a-1", "source": "a"}}'
    sink.write([unique_id(Outcome(k, "a", (feature,)), sink.ids, "geojsonl") for k in "12"])
    sink.close()
    resumed = _FileOutput(target, "geojsonl", resume=True)
    third = unique_id(Outcome("3", "a", (feature,)), resumed.ids, "geojsonl")
    assert third.id == "a~3" and third.original_id == "a"
    assert json.loads(third.records[0])["properties"] == {"event_id": "a~3-1", "source": "a~3"}
    resumed.close()


def test_a_jsonl_corpus_on_stdin_streams_past_the_document_size_limit(tmp_path, monkeypatch):
    import io

    text = "On March 3, Russian warplanes carried out airstrikes on the town of Saraqib."
    padding = "x" * 1_200_000  # an extra field: six lines make 7 MB, over the 5 MB limit
    lines = [json.dumps({"id": f"d{i}", "text": text, "padding": padding}) for i in range(6)]
    data = ("\n" + "\n".join(lines) + "\n").encode("utf-8")
    assert len(data) > 5_000_000
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    out = tmp_path / "events.geojsonl"
    summary = run_batch(["-"], out, progress=False)
    assert (summary.documents, summary.failed) == (6, 0)
    sources = [json.loads(line)["properties"]["source"] for line in out.read_text().splitlines()]
    assert sources == [f"d{i}" for i in range(6)]
