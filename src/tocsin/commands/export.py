"""``tocsin export``: stored (or freshly coded) events as ACLED-style CSV, PLOVER JSON, GeoJSON
or Parquet."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Iterator, Optional

import typer


class ExportFormat(str, Enum):
    csv = "csv"
    plover = "plover"
    geojson = "geojson"
    parquet = "parquet"


def _read_records(path: str) -> Iterator:
    """Records from a JSON Lines file (as ``tocsin extract`` writes), a JSON file, or - for stdin."""
    import json

    from tocsin.errors import InputError
    from tocsin.record import Record

    try:
        fh = sys.stdin if path == "-" else open(path, encoding="utf-8")
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or exc.__class__.__name__})") from None
    with fh:
        data = fh.read()
    stripped = data.lstrip()
    try:
        if stripped.startswith("[") or (stripped.startswith("{") and "\n{" not in stripped.rstrip()):
            objs = json.loads(stripped)
            objs = objs if isinstance(objs, list) else [objs]
        else:
            objs = [json.loads(line) for line in data.splitlines() if line.strip()]
        for obj in objs:
            yield Record.model_validate(obj)
    except (ValueError, TypeError) as exc:
        raise InputError(path, f"not a record file ({str(exc).splitlines()[0]})") from None


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export(
        format: ExportFormat = typer.Option(..., "--format", "-f", help="csv (ACLED-style), plover, geojson or parquet."),
        db: str = typer.Option("sqlite:///tocsin.db", "--db", help="Store URL."),
        output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
        records: Optional[str] = typer.Option(None, "--records", help="Export these records (JSON Lines or JSON, - for stdin) instead of a store."),
        type: Optional[str] = typer.Option(None, "--type", help="PLOVER event type."),
        mode: Optional[str] = typer.Option(None, help="PLOVER mode."),
        modality: Optional[str] = typer.Option(None, help="asserted, negated, hypothetical, planned, claimed."),
        actor: Optional[str] = typer.Option(None, help="Actor or recipient name (substring) or code."),
        country: Optional[str] = typer.Option(None, help="ISO alpha-2 country of the event's place."),
        since: Optional[str] = typer.Option(None, help="Earliest event date (YYYY[-MM[-DD]])."),
        until: Optional[str] = typer.Option(None, help="Latest event date (YYYY[-MM[-DD]])."),
        bbox: Optional[str] = typer.Option(None, help="west,south,east,north in degrees."),
        text: Optional[str] = typer.Option(None, help="Words the article must contain (full-text)."),
    ) -> None:
        """Export events: ACLED-style CSV, PLOVER JSON, GeoJSON or Parquet."""
        from tocsin.cli import fail
        from tocsin.errors import OutputError, TocsinError, UsageError
        from tocsin.export import export_chunks, from_records, from_store_rows
        from tocsin.store import EventFilter, open_store

        store = None
        try:
            f = EventFilter(type=type, mode=mode, modality=modality, actor=actor, country=country, since=since,
                            until=until, bbox=bbox, text=text)
            if records is not None:
                if not f.is_empty():
                    raise UsageError("filters apply to a store; with --records every event is exported")
                items = from_records(_read_records(records))
            else:
                store = open_store(db)
                items = from_store_rows(store.iter_events(f))
            if output is None and format is ExportFormat.parquet and sys.stdout.isatty():
                raise UsageError("parquet is binary: give -o FILE (or redirect stdout)")
            try:
                out = sys.stdout.buffer if output is None or str(output) == "-" else open(output, "wb")
            except OSError as exc:
                raise OutputError(f"{output}: cannot write ({exc.strerror or exc.__class__.__name__})") from None
            try:
                for chunk in export_chunks(format.value, items):
                    out.write(chunk)
                out.flush()
            except BrokenPipeError:
                raise typer.Exit(code=0)
            finally:
                if out is not sys.stdout.buffer:
                    out.close()
        except TocsinError as exc:
            raise fail(exc)
        finally:
            if store is not None:
                store.close()
