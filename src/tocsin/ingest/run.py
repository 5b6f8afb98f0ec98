"""Ingest: read inputs as a stream, skip what is already stored, code the rest, store in batches.

Resumable by construction: before anything is parsed, each batch's text hashes are checked
against the store (and the Parquet shards), and each coded batch is written in one transaction,
so a run killed at any point (even ``kill -9``) is resumed by running it again: what was stored
is skipped, what was not is coded, nothing is stored twice (the store's text hash is unique).
Coding runs in this process, in ``workers`` local processes or on a Dask cluster; all three give
the same records.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Optional

from tocsin.errors import InputError
from tocsin.ids import text_sha256
from tocsin.ingest.readers import ArticleInput, Item, iter_inputs

Progress = Callable[[int], None]  # called with the number of input items just finished


@dataclass
class IngestSummary:
    added: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0
    peak_rss_mb: dict = field(default_factory=dict)  # worker pid -> peak resident MB

    @property
    def done(self) -> int:
        return self.added + self.skipped + self.failed


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for it in items:
        chunk.append(it)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class Sink:
    """Where coded batches go: the store (one transaction per batch) and/or Parquet shards."""

    def __init__(self, db: Optional[str] = None, parquet: Optional[str] = None):
        from tocsin.store import open_store

        self.store = open_store(db) if db else None
        self.shards = None
        self._shard_hashes: set[str] = set()
        if parquet:
            from tocsin.scale.shards import ShardWriter

            self.shards = ShardWriter(parquet)
            if self.store is None:  # shards alone: resume from what they hold
                self._shard_hashes = self.shards.known_hashes()

    def known(self, hashes: list[str]) -> set[str]:
        known = set(self.store.known_hashes(hashes)) if self.store is not None else set()
        return known | (self._shard_hashes.intersection(hashes))

    def write(self, records: list) -> tuple[int, int]:
        """Store a batch; returns (added, skipped as already stored)."""
        if self.store is not None:
            res = self.store.add(records)
            if self.shards is not None:
                self.shards.write(records)
            return res.added, res.skipped
        fresh = [r for r in records if r.article.text_sha256 not in self._shard_hashes]
        if self.shards is not None:
            self.shards.write(fresh)
            self._shard_hashes.update(r.article.text_sha256 for r in fresh)
        return len(fresh), len(records) - len(fresh)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


def plan_batches(
    items: Iterable[Item],
    sink: Sink,
    batch: int,
    summary: IngestSummary,
    report: Callable[[InputError], None],
    progress: Optional[Progress] = None,
) -> Iterator[list[ArticleInput]]:
    """Batches of articles still to code: read errors reported, stored texts skipped (checked
    by hash before any parsing), texts repeated within a batch coded once."""
    for chunk in _chunks(items, max(1, batch)):
        good: list[ArticleInput] = []
        finished = 0
        for item in chunk:
            if isinstance(item, InputError):
                report(item)
                finished += 1
            else:
                good.append(item)
        hashes = [text_sha256(i.text) for i in good]
        known = sink.known(hashes)
        todo, seen = [], set(known)
        for item, h in zip(good, hashes):
            if h in seen:
                summary.skipped += 1
                finished += 1
            else:
                seen.add(h)
                todo.append(item)
        if progress and finished:
            progress(finished)
        if todo:
            yield todo


def consume(results, sink: Sink, summary: IngestSummary, report, progress: Optional[Progress]) -> None:
    """Write each coded batch as it comes back and account for it."""
    for res in results:
        for origin, reason in res.errors:
            report(InputError(origin, reason))
        added, skipped = sink.write(res.records)
        summary.added += added
        summary.skipped += skipped
        summary.events += sum(len(r.events) for r in res.records)
        summary.peak_rss_mb[res.pid] = max(summary.peak_rss_mb.get(res.pid, 0.0), res.peak_rss_mb)
        if progress:
            progress(len(res.records) + len(res.errors))


def ingest_paths(
    paths: list[str],
    db: Optional[str] = "sqlite:///tocsin.db",
    published: Optional[str] = None,
    batch: int = 16,
    on_error: Optional[Callable[[InputError], None]] = None,
    workers: int = 1,
    progress: Optional[Progress] = None,
    parquet: Optional[str] = None,
    actor_files: tuple = (),
) -> IngestSummary:
    """Code and store every article under ``paths`` with ``workers`` local processes."""
    from tocsin.scale.pool import map_batches
    from tocsin.scale.worker import WorkerSettings

    return _run(
        paths, db, parquet, published, batch, on_error, progress,
        lambda batches: map_batches(batches, workers, WorkerSettings.current(actor_files)),
    )


def _run(paths, db, parquet, published, batch, on_error, progress, mapper) -> IngestSummary:
    sink = Sink(db, parquet)
    summary = IngestSummary()

    def report(exc: InputError) -> None:
        summary.failed += 1
        if on_error:
            on_error(exc)

    try:
        items = iter_inputs(paths, published=published)
        batches = plan_batches(items, sink, batch, summary, report, progress)
        consume(mapper(batches), sink, summary, report, progress)
    finally:
        sink.close()
    return summary


def count_inputs(paths: list[str]) -> Optional[int]:
    """How many items ``paths`` hold (files, JSON Lines records), counted without parsing;
    ``None`` for stdin. Cheap next to coding: a newline count per JSONL file."""
    from tocsin.scale.counting import count_items

    return count_items(paths)
