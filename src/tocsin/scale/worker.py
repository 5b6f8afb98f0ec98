"""What one worker (a local process or a Dask worker) does: set up once, then code batches.

``setup`` loads the models and applies the parent's settings (actor files, limits); it runs once
per worker process. ``code_batch`` codes a list of articles and returns the records, the
per-article failures and the worker's peak resident memory.
"""
from __future__ import annotations

import dataclasses
import os
import resource
from dataclasses import dataclass, field
from typing import Optional

from tocsin.errors import InputError
from tocsin.ingest.readers import ArticleInput
from tocsin.record import Record


@dataclass(frozen=True)
class WorkerSettings:
    """What a worker needs from the process that started it."""

    actor_files: tuple[str, ...] = ()
    limits: Optional[dict] = None
    env: tuple[tuple[str, str], ...] = ()

    @classmethod
    def current(cls, actor_files=()) -> "WorkerSettings":
        from tocsin import limits

        env = tuple((k, v) for k, v in os.environ.items() if k.startswith("TOCSIN_"))
        return cls(tuple(str(a) for a in actor_files), dataclasses.asdict(limits.current()), env)


@dataclass
class BatchResult:
    records: list[Record] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)
    pid: int = 0
    peak_rss_mb: float = 0.0


_ready: Optional[WorkerSettings] = None


def setup(settings: WorkerSettings) -> None:
    """Apply ``settings`` and load the models, once per process."""
    global _ready
    if _ready == settings:
        return
    for k, v in settings.env:
        os.environ.setdefault(k, v)
    if settings.limits:
        from tocsin import limits

        limits.configure(**settings.limits)
    if settings.actor_files:
        import importlib

        kb = importlib.import_module("tocsin.actors.kb")
        for path in settings.actor_files:
            kb.use_user_file(path)
    from tocsin import nlp

    nlp.load()
    _ready = settings


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB: VmHWM on Linux (``ru_maxrss`` there carries
    the parent's peak into a spawned child), else ``ru_maxrss``."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def code_batch(items: list[ArticleInput], settings: Optional[WorkerSettings] = None) -> BatchResult:
    """Code ``items``; failures become ``(origin, reason)`` pairs instead of exceptions."""
    from tocsin.pipeline import extract_many

    if settings is not None:
        setup(settings)
    out = BatchResult(pid=os.getpid())
    by_id = {}

    def on_error(exc: InputError) -> None:
        origin = getattr(exc, "origin", "?")
        origin = by_id.get(origin, origin)
        out.errors.append((origin, getattr(exc, "reason", str(exc))))

    # errors raised after parsing name the article id; map it back to where it was read
    from tocsin.ids import article_id

    for it in items:
        by_id.setdefault(it.id or article_id(it.text), it.origin)
    out.records = list(extract_many(items, on_error=on_error))
    out.peak_rss_mb = peak_rss_mb()
    return out
