"""Parquet shards of coded records: one ``articles-NNNNNN.parquet`` (the whole record as JSON,
plus its key fields) and one ``events-NNNNNN.parquet`` (events flattened) per batch.

A shard is written to a temporary name and renamed, so a killed run leaves no half shard; a new
run numbers its shards after the highest one present and can read the hashes already written.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Iterable

from tocsin.errors import OutputError
from tocsin.record import Record

_SHARD = re.compile(r"^articles-(\d{6,})\.parquet$")


def _arrow():
    import pyarrow as pa
    import pyarrow.parquet as pq

    return pa, pq


class ShardWriter:
    """Writes batches of records as numbered Parquet shards under ``folder``."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"{folder}: cannot create ({exc.strerror})") from None
        nums = [int(m.group(1)) for p in self.folder.iterdir() if (m := _SHARD.match(p.name))]
        self.next = max(nums, default=0) + 1
        self.written = 0

    def known_hashes(self) -> set[str]:
        """Text hashes of the articles already in this folder's shards."""
        _, pq = _arrow()
        out: set[str] = set()
        for p in sorted(self.folder.glob("articles-*.parquet")):
            out.update(pq.read_table(p, columns=["text_sha256"]).column(0).to_pylist())
        return out

    def write(self, records: Iterable[Record]) -> int:
        records = list(records)
        if not records:
            return 0
        pa, pq = _arrow()
        n = self.next
        self.next += 1
        arts = pa.table(
            {
                "id": [r.article.id for r in records],
                "text_sha256": [r.article.text_sha256 for r in records],
                "published": [r.article.published for r in records],
                "source": [r.article.source for r in records],
                "title": [r.article.title for r in records],
                "url": [r.article.url for r in records],
                "n_events": [len(r.events) for r in records],
                "record": [r.model_dump_json() for r in records],
            }
        )
        rows = [_event_row(r, ev) for r in records for ev in r.events]
        columns = ["article_id", "event_id", "type", "mode", "modality", "date", "country",
                   "location", "lat", "lon", "actors", "recipients", "dead", "injured",
                   "arrested", "intensity", "trigger", "event"]
        events = pa.table({c: [row[c] for row in rows] for c in columns}, schema=_event_schema(pa))
        self._write(pq, arts, f"articles-{n:06d}.parquet")
        self._write(pq, events, f"events-{n:06d}.parquet")
        self.written += len(records)
        return len(records)

    def _write(self, pq, table, name: str) -> None:
        final = self.folder / name
        tmp = self.folder / f".{name}.tmp"
        try:
            pq.write_table(table, tmp)
            os.replace(tmp, final)
        except OSError as exc:
            raise OutputError(f"{final}: cannot write ({exc.strerror or exc})") from None


def _event_schema(pa):
    s, f, i = pa.string(), pa.float64(), pa.int64()
    return pa.schema([
        ("article_id", s), ("event_id", s), ("type", s), ("mode", s), ("modality", s),
        ("date", s), ("country", s), ("location", s), ("lat", f), ("lon", f), ("actors", s),
        ("recipients", s), ("dead", i), ("injured", i), ("arrested", i), ("intensity", f),
        ("trigger", s), ("event", s),
    ])


def _event_row(rec: Record, ev) -> dict:
    loc = ev.location
    return {
        "article_id": rec.article.id,
        "event_id": ev.id,
        "type": ev.type,
        "mode": ev.mode,
        "modality": ev.modality,
        "date": ev.date.value if ev.date else None,
        "country": loc.country if loc else None,
        "location": loc.name if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "actors": "; ".join(p.name for p in ev.actors),
        "recipients": "; ".join(p.name for p in ev.recipients),
        "dead": ev.dead,
        "injured": ev.injured,
        "arrested": ev.arrested,
        "intensity": ev.intensity,
        "trigger": ev.trigger.text,
        "event": json.dumps(ev.model_dump(mode="json"), ensure_ascii=False),
    }


def read_records(folder: str | os.PathLike) -> list[Record]:
    """Every record in a folder's shards, in shard order."""
    _, pq = _arrow()
    out = []
    for p in sorted(Path(folder).glob("articles-*.parquet")):
        for raw in pq.read_table(p, columns=["record"]).column(0).to_pylist():
            out.append(Record.model_validate_json(raw))
    return out
