"""The Dask engine on a real cluster: ``dask scheduler`` and two ``dask worker`` on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geoevents.batch import run_batch
from tests.test_batch import write_corpus

distributed = pytest.importorskip("distributed", reason="the dask engine needs dask[distributed]")

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _dask(*args: str, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "dask", *args],
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
        env=dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1"),
    )


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A scheduler and two single-threaded worker processes, all on 127.0.0.1."""
    logs = tmp_path_factory.mktemp("dask")
    address = f"tcp://127.0.0.1:{_free_port()}"
    port = address.rsplit(":", 1)[1]
    processes = [
        _dask(
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            port,
            "--no-dashboard",
            log=logs / "scheduler.log",
        )
    ]
    try:
        for name in ("w1", "w2"):
            processes.append(
                _dask(
                    "worker",
                    address,
                    "--name",
                    name,
                    "--nthreads",
                    "1",
                    "--host",
                    "127.0.0.1",
                    "--no-dashboard",
                    log=logs / f"{name}.log",
                )
            )
        with distributed.Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def test_dask_cluster_output_equals_the_local_engine(tmp_path, cluster):
    corpus = write_corpus(tmp_path / "corpus.jsonl", 30)
    local, remote = tmp_path / "local.geojsonl", tmp_path / "dask.geojsonl"
    run_batch([corpus], local, progress=False)
    summary = run_batch(
        [corpus], remote, engine="dask", scheduler=cluster, batch_size=4, progress=False
    )
    assert remote.read_bytes() == local.read_bytes()
    assert summary.failed == 4 and summary.events > 20
    local_errors = Path(str(local) + ".errors.jsonl").read_text()
    assert Path(str(remote) + ".errors.jsonl").read_text() == local_errors

    # Both workers took part, and each loaded the pipeline once and kept it.
    def loaded() -> list:
        from geoevents import batch

        return [id(g) for g in batch._geoparsers.values()]

    with distributed.Client(cluster) as client:
        first = client.run(loaded)
        run_batch(
            [corpus],
            tmp_path / "again.csv",
            engine="dask",
            scheduler=cluster,
            batch_size=4,
            progress=False,
        )
        assert client.run(loaded) == first
    assert len(first) == 2 and all(len(ids) == 1 for ids in first.values()), first


def test_files_travel_to_the_workers_with_their_bytes(tmp_path, cluster, geoparser):
    """Workers need no shared file system: a folder's files are sent, not their paths."""
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "On March 3, Russian warplanes carried out airstrikes on the town of Saraqib, "
        "in Idlib province, killing four civilians.",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_text("", encoding="utf-8")
    local, remote = tmp_path / "local.geojson", tmp_path / "dask.geojson"
    run_batch([folder], local, date="2024-03-05", progress=False)
    started = time.monotonic()
    summary = run_batch(
        [folder], remote, engine="dask", scheduler=cluster, date="2024-03-05", progress=False
    )
    assert time.monotonic() - started < 60
    assert remote.read_bytes() == local.read_bytes()
    assert (summary.documents, summary.failed, summary.events) == (2, 1, 1)


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    import dask

    from geoevents.errors import GeoeventsError

    corpus = write_corpus(tmp_path / "c.jsonl", 2, bad=False)
    with (
        dask.config.set({"distributed.comm.timeouts.connect": "2s"}),
        pytest.raises(GeoeventsError, match="cannot reach the Dask scheduler"),
    ):
        run_batch(
            [corpus],
            tmp_path / "o.geojsonl",
            engine="dask",
            scheduler=f"tcp://127.0.0.1:{_free_port()}",
            progress=False,
        )
