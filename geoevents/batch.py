"""Streaming batch runs: a corpus in, events out, with progress, isolation and resume.

:func:`run_batch` reads inputs lazily (a JSONL corpus line by line, a folder
file by file), sends them in chunks to the pipeline (in this process, in a pool
of ``workers`` processes, or on a Dask cluster, see :mod:`geoevents.distributed`)
and writes each chunk's events as they come, in input order, so memory stays
flat however large the corpus.

Output files are never left truncated. While a run goes on, records are
appended to ``OUT.partial`` and, after each chunk, one line per document is
appended to the journal ``OUT.done`` (``{"key", "id", "end", ...}``, where
``end`` is the size of ``OUT.partial`` once that document's records are in).
At the end ``OUT.partial`` becomes ``OUT`` by a rename (``.geojson`` and
``.parquet`` are first converted into a temporary file, then renamed), and the
journal is removed. A killed run leaves both files; ``--resume`` truncates
``OUT.partial`` back to the last document in the journal, skips every
document the journal names (failed ones too: their reasons are kept), and
goes on. Documents are known by their *key*: ``path:line`` for a JSONL line,
the path for a file; a resumed run must read the same inputs in the same order
(lines appended to a corpus since are fine).

A document that fails (bad encoding, too large, empty, an exception in a
component, a worker process that dies on it) becomes one line
``{"id", "source", "reason"}`` of the errors file and the run goes on.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import json
import os
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from geoevents.errors import GeoeventsError, InputError, OutputError
from geoevents.ingest import (
    JSONL_SUFFIXES,
    MAX_DOCUMENT_BYTES,
    CorpusFields,
    Rejected,
    expand_paths,
    jsonl_record,
    read_bytes,
    read_data,
    read_path,
)
from geoevents.models import Document
from geoevents.outputs import temp_file_beside, write_lines_atomic

if TYPE_CHECKING:
    from geoevents.pipeline import DocumentResult, Geoparser

#: Output format of each file extension.
FORMATS: dict[str, str] = {
    ".geojson": "geojson",
    ".json": "geojson",
    ".geojsonl": "geojsonl",
    ".ndjson": "geojsonl",
    ".geojsons": "geojsonseq",
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".parquet": "parquet",
    ".geoparquet": "parquet",
}
#: Every format :func:`run_batch` writes.
FORMAT_NAMES: tuple[str, ...] = ("geojson", "geojsonl", "geojsonseq", "csv", "jsonl", "parquet")
#: Documents per chunk: one ``nlp.pipe`` call, one task for a worker.
DEFAULT_BATCH_SIZE = 32
#: How many failed documents are kept in memory to print (all go to the errors file).
SHOWN_ERRORS = 20
_FSYNC_EVERY = 5.0  # seconds between fsyncs of the partial output and the journal


class NothingToResume(GeoeventsError):
    """``--resume`` found a finished output and no journal: there is nothing left to do."""


def format_for(output: str, fmt: str | None = None) -> str:
    """The format to write: ``fmt`` when given, else the output's extension, else GeoJSON."""
    if fmt:
        if fmt not in FORMAT_NAMES:
            raise InputError(f"unknown format {fmt!r} (one of {', '.join(FORMAT_NAMES)})")
        return fmt
    return FORMATS.get(Path(output).suffix.lower(), "geojson") if output != "-" else "geojson"


# --- what flows through ---------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One unit of input, read and parsed by whoever processes it.

    A JSONL line (``lineno`` and its bytes in ``data``), a file (``data`` holds
    its bytes when it must travel to another machine, else the worker reads
    ``path``), or a document read already (``document``).
    """

    key: str
    path: str
    lineno: int | None = None
    data: bytes | None = None
    document: Document | Rejected | None = None


@dataclass(frozen=True)
class BatchConfig:
    """What every worker needs to turn items into output records (picklable)."""

    fmt: str = "geojsonl"
    model: str | None = None
    date: str | None = None
    fields: CorpusFields = CorpusFields()
    max_bytes: int = MAX_DOCUMENT_BYTES
    batch_size: int = DEFAULT_BATCH_SIZE
    #: Events below this confidence are left out (the decision's own threshold still holds).
    min_confidence: float = 0.0


@dataclass(frozen=True)
class Outcome:
    """One document's output records (serialised for ``fmt``), or why it failed."""

    key: str
    id: str
    records: tuple[str, ...] = ()
    error: str | None = None
    #: the id the document came with, when another document had it first
    original_id: str | None = None


@dataclass
class BatchSummary:
    """How a run went."""

    output: str
    fmt: str
    documents: int = 0
    failed: int = 0
    events: int = 0
    resumed: int = 0
    errors_path: str | None = None
    #: ``(id, reason)`` of the first failures (all of them when no errors file is written).
    errors: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0


# --- reading ------------------------------------------------------------------------------

_BOMS_NOT_UTF8 = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


def iter_items(
    paths: Sequence[str | Path], config: BatchConfig, *, read_files: bool = False
) -> Iterator[Item]:
    """The inputs as items, lazily: one per JSONL line, one per other file.

    ``read_files`` puts each file's bytes into its item (for workers on other
    machines); otherwise workers read the files themselves.
    """
    for path in expand_paths(paths):
        if path == "-":
            yield from _stdin_items(config)
        elif Path(path).suffix.lower() in JSONL_SUFFIXES:
            yield from _jsonl_items(path, config)
        elif read_files:
            try:
                data = read_bytes(path, max_bytes=config.max_bytes)
            except InputError as err:
                yield Item(path, path, document=Rejected(Path(path).stem, path, str(err)))
                continue
            yield Item(path, path, data=data)
        else:
            yield Item(path, path)


def _jsonl_items(path: str, config: BatchConfig) -> Iterator[Item]:
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below; a generator holds it
    except OSError:
        for document in read_path(path, date=config.date, fields=config.fields):
            yield Item(path, path, document=document)
        return
    with handle:
        head = handle.read(4)
        handle.seek(0)
        if head.startswith(_BOMS_NOT_UTF8):  # UTF-16/32: read whole, as ingest does
            documents = read_path(
                path, date=config.date, fields=config.fields, max_bytes=config.max_bytes
            )
            for index, document in enumerate(documents):
                yield Item(f"{path}:#{index}", path, document=document)
            return
        yield from _jsonl_lines(handle, path, config)


def _jsonl_lines(lines: Iterable[bytes], path: str, config: BatchConfig) -> Iterator[Item]:
    """One item per non-blank line of a JSONL corpus (the line's bytes, decoded later)."""
    limit = 4 * config.max_bytes + 1000  # JSON escapes can quadruple a text
    for lineno, line in enumerate(lines, 1):
        if lineno == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        key = f"{path}:{lineno}"
        if len(line) > limit:
            reason = f"{key}: document too large ({len(line) / 1e6:.1f} MB)"
            yield Item(key, path, lineno, document=Rejected(key, path, reason))
        else:
            yield Item(key, path, lineno, data=line)


def _stdin_items(config: BatchConfig) -> Iterator[Item]:
    """Standard input: a JSONL corpus streamed line by line (any size), else one document."""
    from geoevents.ingest import _looks_like_jsonl, decode

    stream = sys.stdin.buffer
    head: list[bytes] = []
    for line in iter(lambda: stream.readline(4 * config.max_bytes + 1001), b""):
        head.append(line)
        if line.strip():
            break
    first = head[-1].removeprefix(b"\xef\xbb\xbf").strip() if head else b""
    if first.startswith(b"{") and first.endswith(b"}"):  # UTF-8 JSONL: stream it
        yield from _jsonl_lines(itertools.chain(head, stream), "-", config)
        return
    try:
        data = b"".join(head)
        data += stream.read(max(config.max_bytes + 1 - len(data), 0))
        if len(data) > config.max_bytes:
            raise InputError(
                f"-: standard input: too large (more than {config.max_bytes / 1e6:.1f} MB "
                "per document): split it into articles"
            )
        text = decode(data, "-")
    except InputError as err:
        yield Item("-", "-", document=Rejected("stdin", "-", str(err)))
        return
    if _looks_like_jsonl(text):  # JSONL in another encoding (UTF-16): small, read whole
        for lineno, line in enumerate(text.split("\n"), 1):
            if line.strip():
                yield Item(f"-:{lineno}", "-", lineno, data=line.encode("utf-8"))
    else:
        yield Item("-", "-", data=data)


def item_documents(item: Item, config: BatchConfig) -> list[Document | Rejected]:
    """The document (or rejection) an item holds; none for a blank JSONL line."""
    if item.document is not None:
        return [item.document]
    if item.lineno is not None:
        data = item.data or b""
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            where = f"{item.path}:{item.lineno}"
            reason = f"{where}: not valid UTF-8 (bad byte at offset {err.start}); save it as UTF-8"
            return [Rejected(where, item.path, reason)]
        found = jsonl_record(
            text,
            source=item.path,
            lineno=item.lineno,
            date=config.date,
            fields=config.fields,
            max_bytes=config.max_bytes,
        )
        return [] if found is None else [found]
    options = {"date": config.date, "fields": config.fields, "max_bytes": config.max_bytes}
    if item.data is not None:
        return list(read_data(item.data, item.path, **options))
    return list(read_path(item.path, **options))


def chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Lists of ``size`` items (the last one shorter)."""
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# --- processing (runs in workers) ------------------------------------------------------------

_geoparsers: dict[str | None, Geoparser] = {}
_geoparser_lock = threading.Lock()


def worker_geoparser(model: str | None = None) -> Geoparser:
    """This process's :class:`Geoparser` for ``model``: model and gazetteer loaded once."""
    with _geoparser_lock:
        if model not in _geoparsers:
            from geoevents.pipeline import Geoparser

            geoparser = Geoparser(model=model)
            geoparser.nlp  # noqa: B018 - load the model and the gazetteer now
            geoparser.resolver  # noqa: B018
            _geoparsers[model] = geoparser
        return _geoparsers[model]


def run_chunk(items: Sequence[Item], config: BatchConfig) -> list[Outcome]:
    """The outcomes of a chunk of items, in order: the work of one task.

    Exceptions in one document become that document's error; an exception here
    (the model cannot be loaded, say) is the run's and stops it.
    """
    geoparser = worker_geoparser(config.model)
    keyed: list[tuple[str, Document | Rejected]] = []
    for item in items:
        for index, document in enumerate(item_documents(item, config)):
            keyed.append((item.key if index == 0 else f"{item.key}#{index}", document))
    with _geoparser_lock:  # one document at a time per process, whatever the threads
        results = geoparser.process_batch([d for _, d in keyed], batch_size=config.batch_size)
    return [
        _outcome(key, result, config) for (key, _), result in zip(keyed, results, strict=True)
    ]


def _outcome(key: str, result: DocumentResult, config: BatchConfig) -> Outcome:
    doc_id = result.document.id
    if result.error:
        return Outcome(key, doc_id, error=result.error)
    events = [e for e in result.events if e.confidence >= config.min_confidence]
    try:
        return Outcome(key, doc_id, tuple(serialise(events, config.fmt)))
    except (ValueError, TypeError) as err:
        return Outcome(key, doc_id, error=f"cannot write its events: {err}")


def serialise(events: Iterable[Any], fmt: str) -> Iterator[str]:
    """One record per event as ``fmt`` writes it (a JSON text, or a CSV row with its newline)."""
    from geoevents.export import dumps_csv, dumps_jsonl, event_feature

    if fmt == "csv":
        header = len(_csv_header())
        for event in events:
            yield dumps_csv([event])[header:]
    elif fmt == "jsonl":
        for event in events:
            yield dumps_jsonl([event]).rstrip("\n")
    else:
        for event in events:
            yield json.dumps(event_feature(event), ensure_ascii=False, allow_nan=False)


def unique_id(outcome: Outcome, seen: Counter[str], fmt: str) -> Outcome:
    """The outcome with a repeated document id made unique ("x", then "x~2"), as
    :func:`geoevents.ingest.read_documents` does, in its events' ids too."""
    seen[outcome.id] += 1
    count = seen[outcome.id]
    if count == 1:
        return outcome
    new = f"{outcome.id}~{count}"
    records = tuple(_renamed(r, outcome.id, new, fmt) for r in outcome.records)
    return dataclasses.replace(outcome, id=new, records=records, original_id=outcome.id)


def _renamed(record: str, old: str, new: str, fmt: str) -> str:
    """A serialised event of document ``old`` as if the document were ``new``."""
    if fmt == "csv":
        import csv
        import io

        from geoevents.export import ACLED_COLUMNS, _csv_cell

        row = next(csv.reader(io.StringIO(record)))
        old_cell, new_cell = _csv_cell(old), _csv_cell(new)
        at = ACLED_COLUMNS.index("event_id_cnty")
        if row[at].startswith(old_cell + "-"):
            row[at] = new_cell + row[at][len(old_cell) :]
        at = ACLED_COLUMNS.index("source")
        if row[at] == old_cell:
            row[at] = new_cell
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow(row)
        return out.getvalue()
    obj = json.loads(record)
    props = obj if fmt == "jsonl" else obj["properties"]
    if str(props.get("event_id", "")).startswith(old + "-"):
        props["event_id"] = new + props["event_id"][len(old) :]
    if props.get("source") == old:
        props["source"] = new
    return json.dumps(obj, ensure_ascii=False, allow_nan=False)


def _csv_header() -> str:
    from geoevents.export import dumps_csv

    return dumps_csv([])


# --- engines: where chunks are processed --------------------------------------------------


def local_outcomes(chunks: Iterable[list[Item]], config: BatchConfig) -> Iterator[list[Outcome]]:
    """Every chunk processed in this process, in order."""
    for chunk in chunks:
        yield run_chunk(chunk, config)


def _init_pool_worker() -> None:
    # Worker processes share the cores: keep numeric libraries to one thread each.
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")


def pool_outcomes(
    chunks: Iterable[list[Item]], config: BatchConfig, workers: int
) -> Iterator[list[Outcome]]:
    """Every chunk processed by ``workers`` processes (each loads the pipeline once), in order.

    At most ``2 * workers`` chunks are in flight. When a worker process dies
    (a crash in native code, the OOM killer), the chunks in flight are rerun
    one document at a time in a fresh pool, so only the document that kills a
    worker is lost, with a reason.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_pool_worker,
        )

    pool = new_pool()
    pending: deque[tuple[list[Item], Any]] = deque()

    def isolate(chunk_list: list[list[Item]]) -> Iterator[list[Outcome]]:
        nonlocal pool
        pool.shutdown(wait=False, cancel_futures=True)
        pool = new_pool()
        for chunk in chunk_list:
            outcomes: list[Outcome] = []
            for item in chunk:
                try:
                    outcomes.extend(pool.submit(run_chunk, [item], config).result())
                except BrokenProcessPool:
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = new_pool()
                    outcomes.extend(_died(item, config))
            yield outcomes

    def pop() -> Iterator[list[Outcome]]:
        chunk, future = pending.popleft()
        try:
            yield future.result()
        except BrokenProcessPool:
            rest = [chunk] + [c for c, _ in pending]
            pending.clear()
            yield from isolate(rest)

    try:
        for chunk in chunks:
            try:
                pending.append((chunk, pool.submit(run_chunk, chunk, config)))
            except BrokenProcessPool:
                pending.append((chunk, _broken_future()))
            while len(pending) >= 2 * workers:
                yield from pop()
        while pending:
            yield from pop()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _broken_future() -> Any:
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    future: Future = Future()
    future.set_exception(BrokenProcessPool("the pool broke before the chunk was sent"))
    return future


def _died(item: Item, config: BatchConfig) -> list[Outcome]:
    """Outcomes for an item whose worker process died: ids read here, the reason given."""
    reason = "the worker process died while processing it (a crash in native code, or memory)"
    documents = item_documents(item, config) or [Rejected(item.key, item.path, "")]
    return [Outcome(item.key, d.id, error=reason) for d in documents]


# --- writing ----------------------------------------------------------------------------------


def _frame(fmt: str, record: str) -> str:
    if fmt == "csv":
        return record
    if fmt == "geojsonseq":
        return "\x1e" + record + "\n"  # RFC 8142 text sequence
    return record + "\n"


class _FileOutput:
    """``OUT.partial`` + journal ``OUT.done`` while running; ``OUT`` at the end."""

    def __init__(self, target: Path, fmt: str, *, resume: bool) -> None:
        if not target.name or target.name in (".", ".."):
            raise OutputError(f"cannot write {str(target) or repr('')}: not a file name")
        self.target = target
        self.fmt = fmt
        self.partial = target.with_name(target.name + ".partial")
        self.journal_path = target.with_name(target.name + ".done")
        self.done: set[str] = set()
        self.ids: Counter[str] = Counter()  # document ids written, for unique_id
        self.documents = self.failed = self.events = 0
        self._last_sync = time.monotonic()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if resume:
                self._resume()
            else:
                self._start(note=True)
        except OutputError:
            raise
        except OSError as err:
            raise OutputError(f"cannot write {target}: {err.strerror or err}") from err

    def _start(self, *, note: bool = False) -> None:
        header = _csv_header() if self.fmt == "csv" else ""
        self.journal = open(self.journal_path, "ab")  # noqa: SIM115 - closed in finish/close
        self._lock()  # before truncating: the journal may be another live run's
        if note and self.journal.tell():
            print(
                f"geoevents: {self.journal_path} is from an interrupted run; starting afresh "
                "(use --resume to continue it)",
                file=sys.stderr,
            )
        self.journal.truncate(0)
        self.spool = open(self.partial, "wb")  # noqa: SIM115
        self.spool.write(header.encode("utf-8"))
        self.offset = self.spool.tell()
        head = {"geoevents_journal": 1, "format": self.fmt, "start": self.offset}
        self.journal.write(json.dumps(head).encode() + b"\n")
        self.spool.flush()
        self.journal.flush()

    def _resume(self) -> None:
        if not self.journal_path.exists() or not self.partial.exists():
            if self.target.exists():
                self.journal_path.unlink(missing_ok=True)
                raise NothingToResume(f"nothing to resume: {self.target} is complete")
            self._start()
            return
        self.journal = open(self.journal_path, "r+b")  # noqa: SIM115
        self._lock()
        raw = self.journal.read()
        lines = raw.split(b"\n")[:-1]  # the piece after the last newline is a torn line
        try:
            head = json.loads(lines[0])
            if head.get("format") != self.fmt:
                raise InputError(
                    f"{self.journal_path}: that run wrote {head.get('format')}, not {self.fmt}"
                )
            start = int(head["start"])
        except (IndexError, ValueError, KeyError, TypeError) as err:
            if isinstance(err, InputError):
                raise
            self.journal.close()
            self._start()
            return
        size = self.partial.stat().st_size
        end, keep = start, len(lines[0]) + 1
        for line in lines[1:]:
            try:
                entry = json.loads(line)
                entry_end = int(entry["end"])
            except (ValueError, KeyError, TypeError):
                break
            if entry_end > size or entry_end < end:
                break
            end, keep = entry_end, keep + len(line) + 1
            self.done.add(entry["key"])
            self.ids[str(entry.get("original_id", entry.get("id")))] += 1
            self.documents += 1
            self.events += int(entry.get("events", 0))
            if entry.get("error"):
                self.failed += 1
        if size < start:
            self.journal.close()
            self._start()
            return
        self.journal.truncate(keep)
        self.journal.seek(keep)
        self.spool = open(self.partial, "r+b")  # noqa: SIM115
        self.spool.truncate(end)
        self.spool.seek(end)
        self.offset = end

    def _lock(self) -> None:
        try:
            import fcntl
        except ImportError:  # not on POSIX: no lock
            return
        try:
            fcntl.flock(self.journal.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as err:
            self.journal.close()
            raise OutputError(f"another geoevents run is writing {self.target}") from err

    def write(self, outcomes: list[Outcome]) -> None:
        """Append a chunk's records, then its journal lines (the commit)."""
        entries = []
        for outcome in outcomes:
            if outcome.records:
                data = "".join(_frame(self.fmt, r) for r in outcome.records).encode("utf-8")
                self.spool.write(data)
                self.offset += len(data)
            entry: dict[str, Any] = {"key": outcome.key, "id": outcome.id, "end": self.offset}
            if outcome.original_id is not None:
                entry["original_id"] = outcome.original_id
            if outcome.records:
                entry["events"] = len(outcome.records)
            if outcome.error:
                entry["error"] = outcome.error
                self.failed += 1
            self.documents += 1
            self.events += len(outcome.records)
            entries.append(json.dumps(entry, ensure_ascii=False) + "\n")
        self.spool.flush()
        if time.monotonic() - self._last_sync > _FSYNC_EVERY:
            os.fsync(self.spool.fileno())
        self.journal.write("".join(entries).encode("utf-8"))
        self.journal.flush()
        if time.monotonic() - self._last_sync > _FSYNC_EVERY:
            os.fsync(self.journal.fileno())
            self._last_sync = time.monotonic()

    def errors(self) -> Iterator[dict[str, str]]:
        """``{id, source, reason}`` of every failed document so far, from the journal."""
        self.journal.flush()
        with open(self.journal_path, "rb") as handle:
            next(handle, None)
            for line in handle:
                entry = json.loads(line)
                if entry.get("error"):
                    yield {"id": entry["id"], "source": entry["key"], "reason": entry["error"]}

    def finish(self, errors_path: Path | None) -> None:
        """Publish ``OUT`` (and the errors file) atomically; remove the run's files."""
        try:
            self.spool.flush()
            os.fsync(self.spool.fileno())
            self.spool.close()
            if errors_path is not None:
                write_lines_atomic(
                    errors_path, (json.dumps(e, ensure_ascii=False) + "\n" for e in self.errors())
                )
            if self.documents and self.failed == self.documents:
                self.partial.unlink()  # every input failed: nothing to publish
            elif self.fmt == "geojson":
                _convert_atomic(self.partial, self.target, _feature_collection)
            elif self.fmt == "parquet":
                _convert_atomic(self.partial, self.target, _geoparquet)
            else:
                os.replace(self.partial, self.target)
            self.journal.close()
            self.journal_path.unlink()
            self.partial.unlink(missing_ok=True)
        except OSError as err:
            raise OutputError(f"cannot write {self.target}: {err.strerror or err}") from err

    def close(self) -> None:
        """Leave the run's files for ``--resume`` (after an interruption)."""
        for handle in (getattr(self, "spool", None), getattr(self, "journal", None)):
            if handle is not None and not handle.closed:
                with contextlib.suppress(OSError):
                    handle.flush()
                handle.close()


class _StreamOutput:
    """Records straight to a stream (stdout), for small runs and pipes."""

    def __init__(self, stream: IO[str], fmt: str) -> None:
        if fmt == "parquet":
            raise InputError("GeoParquet needs an output file: use -o OUT.parquet")
        self.stream = stream
        self.fmt = fmt
        self.done: set[str] = set()
        self.ids: Counter[str] = Counter()
        self.documents = self.failed = self.events = 0
        self._opened = False

    def _open(self) -> None:
        if not self._opened:
            self._opened = True
            if self.fmt == "csv":
                self.stream.write(_csv_header())
            elif self.fmt == "geojson":
                self.stream.write('{"type": "FeatureCollection", "features": [\n')

    def write(self, outcomes: list[Outcome]) -> None:
        for outcome in outcomes:
            self.documents += 1
            if outcome.error:
                self.failed += 1
                continue
            self._open()
            for record in outcome.records:
                if self.fmt == "geojson":
                    self.stream.write(",\n" + record if self.events else record)
                else:
                    self.stream.write(_frame(self.fmt, record))
                self.events += 1
        self.stream.flush()

    def finish(self) -> None:
        if self.documents and self.failed == self.documents:
            return  # every input failed: write nothing, as for a single file
        if self.fmt == "geojson" and self.events:
            self.stream.write("\n]}\n")
        elif self.fmt == "geojson":
            if self._opened:
                self.stream.write("]}\n")
            else:
                self.stream.write('{"type": "FeatureCollection", "features": []}\n')
        else:
            self._open()
        self.stream.flush()


def _convert_atomic(source: Path, target: Path, convert: Callable[[Path, Path], None]) -> None:
    fd, tmp = temp_file_beside(target)
    os.close(fd)
    try:
        convert(source, Path(tmp))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _feature_collection(source: Path, target: Path) -> None:
    """Newline-delimited features into one FeatureCollection (as :func:`dumps_geojson`)."""
    with open(source, encoding="utf-8") as src, open(target, "w", encoding="utf-8") as out:
        first = True
        for line in src:
            if first:
                out.write('{"type": "FeatureCollection", "features": [\n')
                first = False
            else:
                out.write(",\n")
            out.write(line.rstrip("\n"))
        out.write('{"type": "FeatureCollection", "features": []}\n' if first else "\n]}\n")
        out.flush()
        os.fsync(out.fileno())


#: Arrow types of the typed event properties; the others are strings.
_INT_COLUMNS = frozenset(
    {
        "time_precision",
        "iso",
        "geonameid",
        "geo_precision",
        "trigger_start",
        "trigger_end",
        "location_start",
        "location_end",
    }
)
_FLOAT_COLUMNS = frozenset({"confidence", "latitude", "longitude"})
_BOOL_COLUMNS = frozenset({"approximate"})
_PARQUET_ROWS = 20_000


def require_parquet() -> None:
    """Raise a clear error when the GeoParquet writer's packages are missing."""
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError as err:
        raise GeoeventsError(
            "writing GeoParquet needs pyarrow: pip install 'geoevents[parquet]'"
        ) from err


def _geoparquet(source: Path, target: Path) -> None:
    """Newline-delimited features into GeoParquet 1.1 (WKB geometry, OGC:CRS84)."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    import shapely
    from shapely.geometry import shape

    from geoevents.export import EVENT_PROPERTIES

    def arrow_type(key: str) -> pa.DataType:
        if key in _INT_COLUMNS:
            return pa.int64()
        if key in _FLOAT_COLUMNS:
            return pa.float64()
        if key in _BOOL_COLUMNS:
            return pa.bool_()
        return pa.string()

    columns = list(EVENT_PROPERTIES)
    schema = pa.schema([(key, arrow_type(key)) for key in columns] + [("geometry", pa.binary())])
    types: set[str] = set()
    bbox = [float("inf"), float("inf"), float("-inf"), float("-inf")]

    def text(value: Any) -> Any:
        if value is None or isinstance(value, str):
            return value
        return json.dumps(value, ensure_ascii=False)

    def write(writer: Any, features: list[dict[str, Any]]) -> None:
        data: dict[str, list[Any]] = {}
        for key in columns:
            values = [f["properties"].get(key) for f in features]
            if schema.field(key).type == pa.string():
                values = [text(v) for v in values]
            data[key] = values
        geometries = [shape(f["geometry"]) if f.get("geometry") else None for f in features]
        present = [g for g in geometries if g is not None]
        if present:
            types.update(g.geom_type for g in present)
            bounds = shapely.total_bounds(present)
            bbox[:] = [
                min(bbox[0], bounds[0]),
                min(bbox[1], bounds[1]),
                max(bbox[2], bounds[2]),
                max(bbox[3], bounds[3]),
            ]
        data["geometry"] = [None if g is None else shapely.to_wkb(g) for g in geometries]
        writer.write_table(pa.table(data, schema=schema))

    with pq.ParquetWriter(target, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        with open(source, encoding="utf-8") as src:
            for line in src:
                batch.append(json.loads(line))
                if len(batch) >= _PARQUET_ROWS:
                    write(writer, batch)
                    batch = []
        if batch or not types:
            write(writer, batch)
        column: dict[str, Any] = {"encoding": "WKB", "geometry_types": sorted(types)}
        if types:
            column["bbox"] = bbox
        geo = {"version": "1.1.0", "primary_column": "geometry", "columns": {"geometry": column}}
        writer.add_key_value_metadata({"geo": json.dumps(geo)})


# --- the run ----------------------------------------------------------------------------------


def _progress_bar(enabled: bool | None, items_total: Callable[[], int | None], initial: int):
    """A tqdm bar on a terminal (documents/s, ETA once the total is counted), else None."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return None
    from tqdm import tqdm

    bar = tqdm(
        total=None, initial=initial, unit="doc", file=sys.stderr, dynamic_ncols=True, smoothing=0.1
    )

    def count() -> None:
        total = items_total()
        if total is not None:
            bar.total = total
            bar.refresh()

    threading.Thread(target=count, daemon=True).start()
    return bar


def count_items(paths: Sequence[str | Path]) -> int | None:
    """How many documents the inputs hold, roughly (non-blank JSONL lines + files)."""
    total = 0
    for path in expand_paths(paths):
        if path == "-":
            return None
        if Path(path).suffix.lower() not in JSONL_SUFFIXES:
            total += 1
            continue
        try:
            with open(path, "rb") as handle:
                last = b"\n"
                while block := handle.read(1 << 20):
                    total += block.count(b"\n") - block.count(b"\n\n")
                    last = block[-1:]
                total += last != b"\n"
        except OSError:
            total += 1
    return total


def run_batch(
    paths: Sequence[str | Path],
    output: str | Path = "-",
    *,
    fmt: str | None = None,
    model: str | None = None,
    date: str | None = None,
    fields: CorpusFields | None = None,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    resume: bool = False,
    errors: str | Path | None = None,
    progress: bool | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    stream: IO[str] | None = None,
    min_confidence: float = 0.0,
) -> BatchSummary:
    """Extract the events of every document of ``paths`` into ``output``, streaming.

    ``output`` ``-`` writes to ``stream`` (standard output). ``engine`` is
    ``local`` (this process when ``workers`` is 1, else a process pool) or
    ``dask`` (``scheduler`` ``tcp://HOST:8786``, or a local cluster of
    ``workers`` processes when None). ``errors`` defaults to
    ``OUT.errors.jsonl``, written when a document fails. Events whose
    confidence is below ``min_confidence`` are left out. Raises
    :class:`NothingToResume` when ``resume`` finds the output complete.
    """
    from geoevents.ingest import parse_date

    started = time.monotonic()
    output = str(output)
    fmt = format_for(output, fmt)
    if date is not None:
        parse_date(date)  # a bad --date is the user's to fix before anything runs
    if fmt == "parquet":
        require_parquet()
    if engine not in ("local", "dask"):
        raise InputError(f"unknown engine {engine!r} (local or dask)")
    if workers < 1:
        raise InputError("--workers must be at least 1")
    if batch_size < 1:
        raise InputError("--batch-size must be at least 1")
    if not 0.0 <= min_confidence <= 1.0:
        raise InputError("--min-confidence must be between 0 and 1")
    config = BatchConfig(
        fmt, model, date, fields or CorpusFields(), MAX_DOCUMENT_BYTES, batch_size, min_confidence
    )

    errors_path: Path | None = Path(errors) if errors else None
    sink: _FileOutput | _StreamOutput
    if output == "-":
        if resume:
            raise InputError("--resume needs an output file (-o OUT)")
        sink = _StreamOutput(stream or sys.stdout, fmt)
    else:
        sink = _FileOutput(Path(output), fmt, resume=resume)
    summary = BatchSummary(output, fmt, resumed=sink.documents)
    streamed_errors: list[dict[str, str]] = []  # only for stdout, whose runs are small

    items: Iterable[Item] = iter_items(paths, config, read_files=engine == "dask")
    if sink.done:
        done = sink.done
        items = (i for i in items if i.key not in done)
    chunks = chunked(items, batch_size)
    if engine == "dask":
        from geoevents.distributed import dask_outcomes

        outcomes = dask_outcomes(chunks, config, scheduler=scheduler, workers=workers)
    elif workers > 1:
        outcomes = pool_outcomes(chunks, config, workers)
    else:
        outcomes = local_outcomes(chunks, config)

    bar = _progress_bar(progress, lambda: count_items(paths), sink.documents)
    finished = False
    try:
        for chunk_outcomes in outcomes:
            chunk_outcomes = [unique_id(o, sink.ids, fmt) for o in chunk_outcomes]
            sink.write(chunk_outcomes)
            for outcome in (o for o in chunk_outcomes if o.error):
                if output == "-":
                    streamed_errors.append(
                        {"id": outcome.id, "source": outcome.key, "reason": outcome.error}
                    )
                if output == "-" and errors_path is None or len(summary.errors) < SHOWN_ERRORS:
                    summary.errors.append((outcome.id, outcome.error))
            if bar is not None:
                bar.update(len(chunk_outcomes))
        finished = True
    finally:
        if bar is not None:
            bar.close()
        with contextlib.suppress(Exception):
            close = getattr(outcomes, "close", None)
            if close is not None and not finished:
                close()
        if not finished and isinstance(sink, _FileOutput):
            sink.close()
            if sink.documents == 0:  # stopped before anything was done: leave no trace
                sink.partial.unlink(missing_ok=True)
                sink.journal_path.unlink(missing_ok=True)

    if isinstance(sink, _FileOutput):
        if errors_path is None and sink.failed:
            errors_path = Path(output + ".errors.jsonl")
        elif errors_path is None:
            Path(output + ".errors.jsonl").unlink(missing_ok=True)  # a stale one misleads
        if sink.failed and len(summary.errors) < min(sink.failed, SHOWN_ERRORS):
            summary.errors = [(e["id"], e["reason"]) for e in sink.errors()][:SHOWN_ERRORS]
        sink.finish(errors_path)
    else:
        sink.finish()
        if errors_path is not None:
            records = (json.dumps(e, ensure_ascii=False) + "\n" for e in streamed_errors)
            write_lines_atomic(errors_path, records)
    summary.documents, summary.failed, summary.events = sink.documents, sink.failed, sink.events
    summary.errors_path = str(errors_path) if errors_path is not None else None
    summary.seconds = time.monotonic() - started
    return summary


def replace_fields(fields: CorpusFields, **names: str | None) -> CorpusFields:
    """``fields`` with the given field names replaced (None keeps the default)."""
    return dataclasses.replace(fields, **{k: v for k, v in names.items() if v})
