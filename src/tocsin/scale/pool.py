"""An ordered, bounded map of batches over worker processes.

Results come back in submission order, and at most ``max_pending`` batches are in flight, so a
corpus of any size streams through in constant memory. Each worker process loads the models once
(``worker.setup`` as the pool initializer).
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator, Optional

from tocsin.ingest.readers import ArticleInput
from tocsin.scale import worker

RECYCLE_AFTER = 500  # batches per worker process before it is replaced


def map_batches(
    batches: Iterable[list[ArticleInput]],
    workers: int = 1,
    settings: Optional[worker.WorkerSettings] = None,
    max_pending: Optional[int] = None,
) -> Iterator[worker.BatchResult]:
    """Code each batch, in order; in this process when ``workers`` is 1."""
    settings = settings or worker.WorkerSettings.current()
    if workers <= 1:
        worker.setup(settings)
        for batch in batches:
            yield worker.code_batch(batch)
        return
    limit = max_pending or 2 * workers
    ctx = multiprocessing.get_context("spawn")
    # a worker is replaced after RECYCLE_AFTER batches: spaCy's string store only grows, so a
    # long run would otherwise creep upwards in memory (records do not depend on it)
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=worker.setup, initargs=(settings,),
        max_tasks_per_child=RECYCLE_AFTER,
    ) as pool:
        pending: deque = deque()
        try:
            for batch in batches:
                pending.append(pool.submit(worker.code_batch, batch))
                while len(pending) >= limit:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for fut in pending:
                fut.cancel()
