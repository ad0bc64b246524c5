"""The gazetteer under faults: many reader processes, builds that fail or die halfway,
read-only and corrupt files. Through the public API (``Gazetteer``, ``build``,
``ensure_built``, ``GEOEVENTS_GAZETTEER``); ``test_bad_input_cli.py`` covers the
corrupt store through the command.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geoevents.errors import GazetteerError
from geoevents.gazetteer.build import default_path
from geoevents.gazetteer.store import Gazetteer, store_state

NAMES = ["Hajin", "Aleppo", "Idlib", "Deir ez-Zor", "Raqqa", "Baghdad", "Mosul", "Al-Qaim"]
pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="module")
def real_store() -> Path:
    """The built default store (built on first use, as the product does)."""
    Gazetteer.open_default()
    path = default_path()
    assert store_state(path) == "ok"
    return path


@pytest.fixture
def store_copy(real_store, tmp_path) -> Path:
    target = tmp_path / "gaz" / "gazetteer.sqlite"
    target.parent.mkdir()
    shutil.copyfile(real_store, target)
    return target


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _answers(gazetteer: Gazetteer) -> list[tuple[str, int | None]]:
    return [(n, (gazetteer.lookup(n) or [None])[0] and gazetteer.lookup(n)[0].geonameid)
            for n in NAMES]  # fmt: skip


# --- several processes read one file --------------------------------------------------------


def _reader(path: str, seconds: float, use_default: bool) -> tuple[int, list]:
    """Look names up for ``seconds`` in a fresh process; how many lookups, and the answers."""
    if use_default:
        os.environ["GEOEVENTS_GAZETTEER"] = path
        gazetteer = Gazetteer.open_default(build_if_missing=False)
    else:
        gazetteer = Gazetteer(path)
    answers = _answers(gazetteer)
    count = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        for name in NAMES:
            gazetteer.lookup(name)
            gazetteer.lookup(name + "x")  # a miss: not in any cache
            count += 2
        assert _answers(gazetteer) == answers
    return count, answers


def test_several_processes_read_one_store_while_it_is_rebuilt(store_copy, tmp_path):
    expected = _answers(Gazetteer(store_copy))
    assert all(geonameid for _, geonameid in expected[:3])
    replacement = tmp_path / "replacement.sqlite"
    shutil.copyfile(store_copy, replacement)
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        jobs = [pool.apply_async(_reader, (str(store_copy), 4.0, i % 2 == 0)) for i in range(4)]
        time.sleep(3.0)  # the readers are running (spawn and imports take ~2 s)
        os.replace(replacement, store_copy)  # what a rebuild does at its end
        results = [job.get(timeout=120) for job in jobs]
    for count, answers in results:
        assert count > 100 and answers == expected
    assert _answers(Gazetteer(store_copy)) == expected


def _ensure_built_with_slow_fake_build(path: str, source: str, marker: str) -> str:
    """``ensure_built`` in a fresh process, its build replaced by a slow copy of ``source``."""
    import geoevents.gazetteer.build as build_module

    def fake_build(target: Path, **_: object) -> Path:
        with open(marker, "a") as handle:
            handle.write(f"{os.getpid()}\n")
        time.sleep(1.5)
        tmp = target.with_name(target.name + ".tmp-copy")
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
        return target

    build_module._build = fake_build
    build_module.ensure_built(Path(path))
    return store_state(Path(path))


def test_processes_starting_together_build_once(real_store, tmp_path):
    target = tmp_path / "new" / "gazetteer.sqlite"
    marker = tmp_path / "builds.txt"
    context = multiprocessing.get_context("spawn")
    with context.Pool(3) as pool:
        args = (str(target), str(real_store), str(marker))
        states = pool.starmap(_ensure_built_with_slow_fake_build, [args] * 3)
    assert states == ["ok"] * 3
    assert len(marker.read_text().splitlines()) == 1


# --- builds that fail halfway ----------------------------------------------------------------


def _failing_build(monkeypatch, error: BaseException) -> None:
    """Make the next build write part of its store, then fail with ``error``."""
    import geoevents.gazetteer.build as build_module

    def write(conn, records, admin_names):
        conn.execute(
            "INSERT INTO entries (geonameid, name, feature_class, feature_code, source) "
            "VALUES (1, 'half', 'P', 'PPL', 'test')"
        )
        conn.commit()
        raise error

    monkeypatch.setattr(build_module, "collect", lambda progress: ({}, {}))
    monkeypatch.setattr(build_module, "derive", lambda records, countries, progress: {})
    monkeypatch.setattr(build_module, "write", write)


def _assert_previous_store_intact(path: Path, digest: str, expected: list) -> None:
    assert _digest(path) == digest
    assert store_state(path) == "ok"
    assert _answers(Gazetteer(path)) == expected
    leftovers = [p.name for p in path.parent.iterdir() if ".building-" in p.name]
    assert not leftovers


@pytest.mark.parametrize(
    "error",
    [
        OSError(28, "No space left on device"),
        RuntimeError("a bug halfway through the build"),
        KeyboardInterrupt(),
    ],
    ids=["disk-full", "bug", "ctrl-c"],
)
def test_build_that_fails_halfway_leaves_the_previous_store(store_copy, monkeypatch, error):
    from geoevents.gazetteer.build import build

    digest, expected = _digest(store_copy), _answers(Gazetteer(store_copy))
    _failing_build(monkeypatch, error)
    with pytest.raises((GazetteerError, type(error))):
        build(store_copy, progress=lambda message: None)
    _assert_previous_store_intact(store_copy, digest, expected)


def test_sqlite_disk_full_during_build_is_a_gazetteer_error(store_copy, monkeypatch):
    from geoevents.gazetteer.build import build

    digest, expected = _digest(store_copy), _answers(Gazetteer(store_copy))
    _failing_build(monkeypatch, sqlite3.OperationalError("database or disk is full"))
    try:
        with pytest.raises(GazetteerError):
            build(store_copy, progress=lambda message: None)
    finally:
        _assert_previous_store_intact(store_copy, digest, expected)


_KILLED_BUILD = """
import sys, time
import geoevents.gazetteer.build as b
b.collect = lambda progress: ({}, {})
b.derive = lambda records, countries, progress: {}
def write(conn, records, admin_names):
    conn.execute("INSERT INTO entries (geonameid, name, feature_class, feature_code, source) "
                 "VALUES (1, 'half', 'P', 'PPL', 'test')")
    conn.commit()
    print("halfway", flush=True)
    time.sleep(60)
b.write = write
b.build(sys.argv[1], progress=lambda m: None)
"""


def test_build_killed_halfway_leaves_the_previous_store_and_no_lock(store_copy):
    digest, expected = _digest(store_copy), _answers(Gazetteer(store_copy))
    proc = subprocess.Popen(
        [sys.executable, "-c", _KILLED_BUILD, str(store_copy)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout.readline().strip() == "halfway"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert _digest(store_copy) == digest and store_state(store_copy) == "ok"
    assert _answers(Gazetteer(store_copy)) == expected
    # The lock died with the process: the next run does not wait for it.
    from geoevents.gazetteer.build import ensure_built

    leftover = [p for p in store_copy.parent.iterdir() if ".building-" in p.name]
    assert leftover  # SIGKILL runs no clean-up ...
    start = time.monotonic()
    ensure_built(store_copy)
    assert time.monotonic() - start < 5
    assert not any(p.exists() for p in leftover)  # ... the next process to take the lock does


# --- read-only and corrupt files ---------------------------------------------------------------


def test_read_only_store_answers_lookups(store_copy, monkeypatch):
    """A store SQLite can only open read-only (a read-only file, folder or mount)."""
    import geoevents.gazetteer.store as store_module

    expected = _answers(Gazetteer(store_copy))
    connect = sqlite3.connect

    def read_only(target, *args, **kwargs):
        if target != ":memory:" and not str(target).startswith("file:"):
            kwargs["uri"] = True
            target = f"{Path(target).resolve().as_uri()}?mode=ro"
        return connect(target, *args, **kwargs)

    monkeypatch.setattr(store_module.sqlite3, "connect", read_only)
    monkeypatch.setenv("GEOEVENTS_GAZETTEER", str(store_copy))
    Gazetteer.reset_default()
    try:
        assert _answers(Gazetteer.open_default(build_if_missing=False)) == expected
        assert _answers(Gazetteer(store_copy)) == expected
    finally:
        Gazetteer.reset_default()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files anyway")
def test_read_only_file_and_folder_through_the_command(store_copy, tmp_path):
    (tmp_path / "a.txt").write_text("Jets struck the town of Hajin in Syria.\n", "utf-8")
    store_copy.chmod(0o444)
    store_copy.parent.chmod(0o555)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "geoevents", "extract", "a.txt", "-o", "out.geojson"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env=dict(os.environ, GEOEVENTS_GAZETTEER=str(store_copy)),
            timeout=300,
        )
    finally:
        store_copy.parent.chmod(0o755)
        store_copy.chmod(0o644)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    "content",
    [b"", b"not sqlite at all " * 100, b"SQLite format 3\x00" + b"\x00" * 200],
    ids=["empty", "garbage", "header-only"],
)
def test_corrupt_or_empty_store_is_refused_or_rebuilt_clearly(tmp_path, monkeypatch, content):
    path = tmp_path / "gazetteer.sqlite"
    path.write_bytes(content)
    monkeypatch.setenv("GEOEVENTS_GAZETTEER", str(path))
    Gazetteer.reset_default()
    try:
        with pytest.raises(GazetteerError) as info:
            Gazetteer.open_default(build_if_missing=False)
        message = str(info.value)
        assert str(path) in message and "\n" not in message
        assert "build" in message
    finally:
        Gazetteer.reset_default()
