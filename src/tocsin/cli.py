"""The ``tocsin`` command line: extract, ingest, events, schema, evaluate and the command groups
registered by modules under :mod:`tocsin.commands`.

Errors become one line on stderr and a non-zero exit code; never a traceback.
"""
from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from tocsin.errors import InputError, OutputError, TocsinError, UsageError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="tocsin reads news and writes the event record: who did what to whom, when, where.",
    pretty_exceptions_enable=False,
)
evaluate_app = typer.Typer(no_args_is_help=True, help="Score an extractor against a public benchmark.")
app.add_typer(evaluate_app, name="evaluate")


class Format(str, Enum):
    json = "json"
    jsonl = "jsonl"
    table = "table"


def err(message: str) -> None:
    """One line on stderr."""
    typer.echo(f"tocsin: {message}".replace("\n", " "), err=True)


def fail(exc: TocsinError) -> "typer.Exit":
    err(str(exc))
    return typer.Exit(code=exc.exit_code)


def _published(value: Optional[str]) -> Optional[str]:
    from tocsin.ingest.readers import parse_published

    return parse_published(value, "--published")


def _open_output(path: Optional[Path]):
    if path is None or str(path) == "-":
        return sys.stdout
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc.__class__.__name__})") from None


@app.command()
def extract(
    paths: List[str] = typer.Argument(..., help="Files, folders, globs or - for stdin."),
    published: Optional[str] = typer.Option(None, help="Publication date (YYYY-MM-DD) where the input gives none."),
    format: Optional[Format] = typer.Option(None, "--format", "-f", help="json, jsonl or table (default: json for one article, jsonl for many)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
    actors: Optional[Path] = typer.Option(None, "--actors", help="Your own actor file (YAML); its entries win."),
) -> None:
    """Code articles and print their records (nothing is stored)."""
    from tocsin.ingest.readers import iter_inputs
    from tocsin.pipeline import extract_many
    from tocsin.render import render_table

    try:
        pub = _published(published)
        _use_actor_file(actors)
        out = _open_output(output)
    except TocsinError as exc:
        raise fail(exc)
    failures = []

    def on_error(exc: InputError) -> None:
        failures.append(exc)
        err(str(exc))

    jsonl_input = any(Path(p).suffix in (".jsonl", ".ndjson") or p.endswith((".jsonl.gz", ".ndjson.gz")) for p in paths)
    fmt = format or (Format.jsonl if (jsonl_input or len(paths) > 1 or any(Path(p).is_dir() for p in paths)) else Format.json)
    n = 0
    try:
        for rec in extract_many(iter_inputs(paths, published=pub), on_error=on_error):
            n += 1
            if fmt is Format.json:
                out.write(rec.model_dump_json(indent=2) + "\n")
            elif fmt is Format.jsonl:
                out.write(rec.model_dump_json() + "\n")
            else:
                out.write(render_table(rec) + "\n")
            out.flush()
    except TocsinError as exc:
        raise fail(exc)
    except BrokenPipeError:
        raise typer.Exit(code=0)
    finally:
        if out is not sys.stdout:
            out.close()
    if failures:
        raise typer.Exit(code=2 if n == 0 else 1)


@app.command()
def ingest(
    paths: List[str] = typer.Argument(..., help="Files, folders, globs, JSONL (.gz too) or - for stdin."),
    db: str = typer.Option("sqlite:///tocsin.db", "--db", help="Store URL (sqlite:///file.db or postgresql://...)."),
    published: Optional[str] = typer.Option(None, help="Publication date (YYYY-MM-DD) where the input gives none."),
    batch: int = typer.Option(16, help="Articles per transaction."),
    actors: Optional[Path] = typer.Option(None, "--actors", help="Your own actor file (YAML); its entries win."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes (each loads the models once)."),
    errors: Optional[Path] = typer.Option(None, "--errors", help="Append failed articles here (JSONL: origin, reason)."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress bar on stderr (default: when stderr is a terminal)."),
    parquet: Optional[Path] = typer.Option(None, "--parquet", help="Also write the records as Parquet shards in this folder."),
    dask: Optional[str] = typer.Option(None, "--dask", help="Code on a Dask cluster: the scheduler address (tcp://host:8786)."),
) -> None:
    """Code articles and store them; an article already stored (same text) is skipped, so an
    interrupted run resumes where it stopped when run again."""
    from tocsin.ingest.run import count_inputs, ingest_paths
    from tocsin.scale.progress import Bar, ErrorLog

    bar = log = None
    try:
        pub = _published(published)
        _use_actor_file(actors)
        show = sys.stderr.isatty() if progress is None else progress
        bar = Bar(count_inputs(paths) if show else None, show)
        log = ErrorLog(errors, bar.write)
        opts = dict(published=pub, batch=batch, on_error=log, progress=bar.update,
                    parquet=str(parquet) if parquet else None,
                    actor_files=(str(actors),) if actors else ())
        if dask:
            from tocsin.scale.dask_runner import dask_run

            summary = dask_run(paths, dask, db=db, **opts)
        else:
            summary = ingest_paths(paths, db, workers=workers, **opts)
    except TocsinError as exc:
        raise fail(exc)
    finally:
        if bar is not None:
            bar.close()
        if log is not None:
            log.close()
    where = f" (see {errors})" if errors and summary.failed else ""
    typer.echo(
        f"stored {summary.added} new article(s), skipped {summary.skipped} already stored, "
        f"{summary.failed} failed{where}; {summary.events} event(s) coded",
        err=True,
    )
    if summary.failed and not (summary.added or summary.skipped):
        raise typer.Exit(code=2)
    if summary.failed:
        raise typer.Exit(code=1)


@app.command()
def events(
    db: str = typer.Option("sqlite:///tocsin.db", "--db", help="Store URL."),
    type: Optional[str] = typer.Option(None, "--type", help="PLOVER event type, e.g. ASSAULT."),
    country: Optional[str] = typer.Option(None, help="ISO alpha-2 country of the event's place."),
    actor: Optional[str] = typer.Option(None, help="Actor or recipient name or code (substring)."),
    modality: Optional[str] = typer.Option(None, help="asserted, negated, hypothetical, planned, claimed."),
    since: Optional[str] = typer.Option(None, help="Earliest event date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, help="Latest event date (YYYY-MM-DD)."),
    limit: int = typer.Option(100, help="At most this many rows."),
    format: Format = typer.Option(Format.table, "--format", "-f"),
) -> None:
    """List stored events."""
    from tocsin.render import events_table
    from tocsin.store import open_store

    try:
        for d, name in ((since, "--since"), (until, "--until")):
            if d:
                _published_check(d, name)
        store = open_store(db)
        rows = store.events(type=type, country=country, actor=actor, modality=modality,
                            since=since, until=until, limit=limit)
    except TocsinError as exc:
        raise fail(exc)
    if format is Format.table:
        typer.echo(events_table(rows))
    else:
        for ev, art in rows:
            obj = dict(ev.data, article_id=art.id, source=art.source)
            typer.echo(json.dumps(obj, ensure_ascii=False, indent=2 if format is Format.json else None))


def _published_check(value: str, name: str) -> None:
    from tocsin.ingest.readers import parse_published

    parse_published(value, name)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the record."""
    from tocsin.record import json_schema

    typer.echo(json.dumps(json_schema(), indent=2))


@app.command()
def version() -> None:
    """Print tocsin's version."""
    from tocsin import __version__

    typer.echo(__version__)


def _use_actor_file(path: Optional[Path]) -> None:
    if path is None:
        return
    try:
        mod = importlib.import_module("tocsin.actors.kb")
    except ImportError:
        raise UsageError("--actors: the actor knowledge base is not available") from None
    mod.use_user_file(path)


def _register_plugins() -> None:
    import tocsin.commands as commands
    import tocsin.evaluate as evaluators

    for info in pkgutil.iter_modules(commands.__path__):
        mod = importlib.import_module(f"tocsin.commands.{info.name}")
        if hasattr(mod, "register"):
            mod.register(app)
    for info in pkgutil.iter_modules(evaluators.__path__):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"tocsin.evaluate.{info.name}")
        if hasattr(mod, "command"):
            evaluate_app.command(info.name, help=(mod.command.__doc__ or "").strip().split("\n")[0])(mod.command)


_register_plugins()


def main() -> None:
    try:
        app()
    except TocsinError as exc:
        err(str(exc))
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err("interrupted")
        sys.exit(130)
    except Exception as exc:  # a bug: still one line, unless debugging
        import os

        if os.environ.get("TOCSIN_DEBUG"):
            raise
        msg = " ".join(str(exc).split())[:300]
        err(f"internal error ({type(exc).__name__}: {msg}); set TOCSIN_DEBUG=1 for the traceback")
        sys.exit(70)
