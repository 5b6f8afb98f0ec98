"""Ingest: read inputs, skip what the store already holds, code the rest, store in batches."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Optional

from tocsin.errors import InputError
from tocsin.ids import text_sha256
from tocsin.ingest.readers import ArticleInput, iter_inputs
from tocsin.store import open_store


@dataclass
class IngestSummary:
    added: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for it in items:
        chunk.append(it)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def ingest_paths(
    paths: list[str],
    db: str,
    published: Optional[str] = None,
    batch: int = 16,
    on_error: Optional[Callable[[InputError], None]] = None,
) -> IngestSummary:
    """Code and store every article under ``paths``; one transaction per batch."""
    from tocsin.pipeline import extract_many

    store = open_store(db)
    summary = IngestSummary()

    def report(exc: InputError) -> None:
        summary.failed += 1
        if on_error:
            on_error(exc)

    try:
        for chunk in _chunks(iter_inputs(paths, published=published), max(1, batch)):
            good: list[ArticleInput] = []
            for item in chunk:
                if isinstance(item, InputError):
                    report(item)
                else:
                    good.append(item)
            known = store.known_hashes(text_sha256(i.text) for i in good)
            todo, seen = [], set(known)
            for i in good:
                h = text_sha256(i.text)
                if h in seen:
                    summary.skipped += 1
                else:
                    seen.add(h)
                    todo.append(i)
            records = list(extract_many(todo, on_error=report))
            res = store.add(records)
            summary.added += res.added
            summary.skipped += res.skipped
            summary.events += sum(len(r.events) for r in records)
    finally:
        store.close()
    return summary
