"""The Dask engine: the same pipeline on a Dask distributed cluster.

The client (the machine running ``geoevents extract``) reads the corpus and
sends it in partitions of ``batch_size`` documents, texts included, so the
workers need no shared file system; at most twice as many partitions as there
are worker threads are in flight, so memory stays flat on both sides. Each
task is :func:`geoevents.batch.run_chunk`, the function the local engine runs:
a worker process loads the model and the gazetteer on its first task and keeps
them, and the results come back in input order, so the output equals the local
engine's byte for byte. Start workers with ``--nthreads 1`` (spaCy holds the GIL;
run one process per core with ``--nworkers``).

Needs ``dask[distributed]`` (``pip install 'geoevents[dask]'``) on the client
and on every worker, with geoevents and the same spaCy model installed there.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from geoevents.batch import BatchConfig, Item, Outcome, run_chunk
from geoevents.errors import GeoeventsError

#: How often (in partitions) to ask the scheduler how many worker threads there are.
_RECOUNT_EVERY = 50


def _client(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    """A connected ``distributed.Client`` and the local cluster it owns (or None)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as err:
        raise GeoeventsError(
            "the dask engine needs dask's distributed scheduler: "
            "pip install 'geoevents[dask]' (on the workers too)"
        ) from err
    if scheduler:
        try:
            return Client(scheduler), None  # timeout: distributed.comm.timeouts.connect
        except (OSError, TimeoutError) as err:
            raise GeoeventsError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from err
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    )
    return Client(cluster), cluster


def dask_outcomes(
    chunks: Iterable[list[Item]],
    config: BatchConfig,
    *,
    scheduler: str | None = None,
    workers: int = 1,
) -> Iterator[list[Outcome]]:
    """Every chunk processed on the cluster at ``scheduler`` (or a local one), in order.

    A partition whose worker dies too often (:class:`distributed.KilledWorker`)
    is rerun one document at a time, so only the document that kills workers
    is lost, with a reason.
    """
    from distributed import KilledWorker

    client, cluster = _client(scheduler, workers)
    pending: deque[tuple[list[Item], Any]] = deque()

    def capacity() -> int:
        return max(4, 2 * sum(client.nthreads().values()))

    def pop() -> list[Outcome]:
        chunk, future = pending.popleft()
        try:
            return future.result()
        except KilledWorker:
            outcomes: list[Outcome] = []
            for item in chunk:
                single = client.submit(run_chunk, [item], config, pure=False)
                try:
                    outcomes.extend(single.result())
                except KilledWorker:
                    outcomes.extend(_killed(item, config))
            return outcomes

    try:
        limit = capacity()
        for count, chunk in enumerate(chunks, 1):
            pending.append((chunk, client.submit(run_chunk, chunk, config, pure=False)))
            if count % _RECOUNT_EVERY == 0:
                limit = capacity()
            while len(pending) >= limit:
                yield pop()
        while pending:
            yield pop()
    finally:
        for _chunk, future in pending:
            future.cancel()
        client.close()
        if cluster is not None:
            cluster.close()


def _killed(item: Item, config: BatchConfig) -> list[Outcome]:
    from geoevents.batch import item_documents
    from geoevents.ingest import Rejected

    reason = "Dask workers died while processing it (a crash in native code, or memory)"
    documents = item_documents(item, config) or [Rejected(item.key, item.path, "")]
    return [Outcome(item.key, d.id, error=reason) for d in documents]
