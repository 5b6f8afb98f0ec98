"""Code a corpus on a Dask cluster with the same pipeline as a local run.

The client reads the inputs as a stream and skips what the store or the shards already hold;
batches (the corpus's partitions) go to the workers, at most ``max_pending`` at a time; each
worker loads the models once (a worker plugin runs :func:`tocsin.scale.worker.setup` when it
starts); the coded batches come back in order and are written to the store and/or Parquet
shards exactly as a local ``tocsin ingest`` writes them.
"""
from __future__ import annotations

from collections import deque
from typing import Callable, Iterable, Iterator, Optional, Union

from tocsin.errors import InputError, UsageError
from tocsin.ingest.readers import ArticleInput
from tocsin.scale import worker


PLUGIN_NAME = "tocsin-models"


def _model_plugin(settings: worker.WorkerSettings):
    """A Dask worker plugin that applies tocsin's settings and loads the models when a worker
    starts (and on workers that join later)."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class ModelPlugin(WorkerPlugin):
        def __init__(self, settings):
            self.settings = settings

        def setup(self, worker=None):
            from tocsin.scale import worker as w

            w.setup(self.settings)

    return ModelPlugin(settings)


def _code_on_worker(items: list[ArticleInput], settings: worker.WorkerSettings) -> worker.BatchResult:
    from tocsin.scale import worker as w

    return w.code_batch(items, settings)  # setup() is a no-op once the plugin has run


def _client(scheduler):
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("--dask needs the 'scale' extra: pip install 'tocsin[scale]'") from None
    if scheduler is None:
        raise UsageError("--dask: a scheduler address (tcp://host:8786) or a Client is needed")
    if isinstance(scheduler, Client):
        return scheduler, False
    try:
        return Client(scheduler, timeout="30s"), True
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"--dask: cannot reach the scheduler at {scheduler} ({exc})") from None


def dask_map(
    client, batches: Iterable[list[ArticleInput]], settings: worker.WorkerSettings, max_pending: int
) -> Iterator[worker.BatchResult]:
    """Submit batches to the cluster, keeping ``max_pending`` in flight; results in order."""
    pending: deque = deque()
    for batch in batches:
        pending.append(client.submit(_code_on_worker, batch, settings, pure=False))
        while len(pending) >= max_pending:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def dask_run(
    paths: list[str],
    scheduler: Union[str, object, None],
    db: Optional[str] = None,
    parquet: Optional[str] = None,
    published: Optional[str] = None,
    batch: int = 32,
    on_error: Optional[Callable[[InputError], None]] = None,
    progress: Optional[Callable[[int], None]] = None,
    actor_files: tuple = (),
    max_pending: Optional[int] = None,
):
    """Code every article under ``paths`` on the Dask cluster at ``scheduler`` (an address or a
    ``distributed.Client``), writing to the store ``db`` and/or Parquet shards under ``parquet``.
    Returns an :class:`~tocsin.ingest.run.IngestSummary`."""
    from tocsin.ingest.run import _run

    if not db and not parquet:
        raise UsageError("a Dask run needs somewhere to write: a store (--db) or --parquet DIR")
    client, owned = _client(scheduler)
    try:
        settings = worker.WorkerSettings.current(actor_files)
        client.register_plugin(_model_plugin(settings), name=PLUGIN_NAME)
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        limit = max_pending or 2 * n_workers
        return _run(
            paths, db, parquet, published, batch, on_error, progress,
            lambda batches: dask_map(client, batches, settings, limit),
        )
    finally:
        if owned:
            client.close()
