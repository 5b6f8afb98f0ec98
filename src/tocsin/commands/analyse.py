"""CLI of the analyses: ``tocsin incidents``, ``tocsin dyads``, ``tocsin alerts`` over a store."""
from __future__ import annotations

import json
from enum import Enum
from typing import List, Optional

import typer

from tocsin.errors import TocsinError, UsageError


class OutFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


def _records(db: str):
    from tocsin.store import open_store

    store = open_store(db)
    try:
        return list(store.records())
    finally:
        store.close()


def _fail(exc: TocsinError) -> typer.Exit:
    typer.echo(f"tocsin: {exc}".replace("\n", " "), err=True)
    return typer.Exit(code=exc.exit_code)


def _dump(items, fmt: OutFormat) -> None:
    if fmt is OutFormat.json:
        typer.echo(json.dumps([i.model_dump(mode="json") for i in items], ensure_ascii=False, indent=2))
    else:
        for i in items:
            typer.echo(json.dumps(i.model_dump(mode="json"), ensure_ascii=False))


def _check_day(v: Optional[str], name: str) -> None:
    if v:
        from tocsin.ingest.readers import parse_published

        parse_published(v, name)


def _table(headers, rows, widths) -> str:
    from tocsin.render import _fmt_table

    return _fmt_table(headers, rows, widths)


def incidents_cmd(
    db: str = typer.Option("sqlite:///tocsin.db", "--db", help="Store URL."),
    type: Optional[str] = typer.Option(None, "--type", help="Keep incidents of this PLOVER type."),
    min_sources: int = typer.Option(1, "--min-sources", help="Keep incidents reported by at least this many articles."),
    since: Optional[str] = typer.Option(None, help="Earliest incident date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, help="Latest incident date (YYYY-MM-DD)."),
    format: OutFormat = typer.Option(OutFormat.table, "--format", "-f"),
) -> None:
    """Incidents: the same event reported by many articles, merged, with its sources and counts."""
    from tocsin.analyse import incidents

    try:
        _check_day(since, "--since")
        _check_day(until, "--until")
        incs = incidents(_records(db))
    except TocsinError as exc:
        raise _fail(exc)
    keep = []
    for i in incs:
        d = i.date or i.date_first or ""
        if type and i.type != type.upper():
            continue
        if i.n_articles < min_sources or (since and d and d[:10] < since) or (until and d and d[:10] > until):
            continue
        keep.append(i)
    if format is not OutFormat.table:
        _dump(keep, format)
        return
    rows = []
    for i in keep:
        rows.append((
            i.date or "?", i.type, ", ".join(s.name for s in i.actors[:2]), ", ".join(s.name for s in i.recipients[:2]),
            i.location.name if i.location else None, _count(i.dead), _count(i.injured), i.n_articles, i.n_outlets,
            f"{i.first_report or '?'}..{i.last_report or '?'}", i.id,
        ))
    typer.echo(_table(("date", "type", "actor", "recipient", "place", "dead", "injured", "arts", "outl", "reported", "id"),
                      rows, (10, 9, 22, 22, 16, 7, 7, 4, 4, 22, 16)))
    typer.echo(f"{len(keep)} incident(s) from {sum(i.n_articles for i in keep)} report(s)")


def _count(c) -> str:
    if c is None:
        return ""
    return str(c.value) if c.min == c.max else f"{c.value} ({c.min}-{c.max})"


def dyads_cmd(
    pair: Optional[List[str]] = typer.Argument(None, help="Two actor codes (USA IRN) for their timeline; none lists every pair."),
    db: str = typer.Option("sqlite:///tocsin.db", "--db", help="Store URL."),
    period: str = typer.Option("week", "--period", help="day or week."),
    level: str = typer.Option("country", "--level", help="country (USA, IRN) or full (USAMIL, IRQREB)."),
    aligned: bool = typer.Option(True, "--aligned/--no-aligned", help="An armed group counts for its patron state."),
    since: Optional[str] = typer.Option(None, help="Earliest date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, help="Latest date (YYYY-MM-DD)."),
    format: OutFormat = typer.Option(OutFormat.table, "--format", "-f"),
) -> None:
    """Actor pairs: every pair with its totals, or one pair's timeline by day or week."""
    from tocsin.analyse import dyad_timeline, dyads

    try:
        if period not in ("day", "week"):
            raise UsageError(f"--period must be day or week, got {period!r}")
        if level not in ("country", "full"):
            raise UsageError(f"--level must be country or full, got {level!r}")
        if pair and len(pair) != 2:
            raise UsageError("give two actor codes (e.g. USA IRN) or none")
        _check_day(since, "--since")
        _check_day(until, "--until")
        records = _records(db)
        if pair:
            tl = dyad_timeline(records, pair[0], pair[1], period=period, level=level, aligned=aligned,  # type: ignore[arg-type]
                               since=since, until=until)
        else:
            summary = dyads(records, level=level, aligned=aligned)  # type: ignore[arg-type]
    except TocsinError as exc:
        raise _fail(exc)
    if pair:
        if format is OutFormat.json:
            typer.echo(json.dumps(tl.model_dump(mode="json"), ensure_ascii=False, indent=2))
            return
        if format is OutFormat.jsonl:
            _dump(tl.periods, format)
            return
        a, b = tl.a, tl.b
        rows = [(p.period, p.a_to_b.count, _types(p.a_to_b.by_type), p.a_to_b.intensity, p.b_to_a.count,
                 _types(p.b_to_a.by_type), p.b_to_a.intensity, p.intensity) for p in tl.periods]
        typer.echo(_table(("period", f"{a}>{b}", "types", "int.", f"{b}>{a}", "types", "int.", "total"),
                          rows, (10, 8, 26, 7, 8, 26, 7, 7)))
        return
    if format is not OutFormat.table:
        _dump(summary, format)
        return
    rows = [(s.a, s.b, s.incidents, s.a_to_b, s.b_to_a, s.conflict, s.cooperation, s.intensity,
             f"{s.first or '?'}..{s.last or '?'}", _types(s.by_type)) for s in summary]
    typer.echo(_table(("a", "b", "inc", "a>b", "b>a", "conflict", "coop", "total", "dates", "types"),
                      rows, (8, 8, 4, 4, 4, 8, 6, 7, 22, 30)))


def _types(by_type: dict) -> str:
    return " ".join(f"{t}:{n}" for t, n in sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0])))


def alerts_cmd(
    db: str = typer.Option("sqlite:///tocsin.db", "--db", help="Store URL."),
    dyad: Optional[List[str]] = typer.Option(None, "--dyad", help="Keep one pair (give twice: --dyad USA --dyad IRN)."),
    since: Optional[str] = typer.Option(None, help="Alerts ending on or after this date."),
    until: Optional[str] = typer.Option(None, help="Alerts starting on or before this date."),
    format: OutFormat = typer.Option(OutFormat.table, "--format", "-f"),
) -> None:
    """Escalation alerts (tit-for-tat, rising intensity, spread), each with the incidents behind it."""
    from tocsin.analyse import alerts

    try:
        if dyad and len(dyad) != 2:
            raise UsageError("--dyad takes two actor codes: --dyad USA --dyad IRN")
        _check_day(since, "--since")
        _check_day(until, "--until")
        out = alerts(_records(db), dyad=tuple(dyad) if dyad else None, since=since, until=until)  # type: ignore[arg-type]
    except TocsinError as exc:
        raise _fail(exc)
    if format is not OutFormat.table:
        _dump(out, format)
        return
    for a in out:
        typer.echo(f"[{a.kind}] {a.dyad[0]} <-> {a.dyad[1]}  {a.start}..{a.end}  score {a.score:g}  {a.id}")
        typer.echo(f"  {a.explanation}")
        for i in a.incidents:
            typer.echo(f"    - {i.date} {i.actor} -> {i.recipient} {i.type} {i.place or ''} ({i.n_articles} report(s)) {i.id}")
    typer.echo(f"{len(out)} alert(s)")


def register(app: typer.Typer) -> None:
    app.command("incidents")(incidents_cmd)
    app.command("dyads")(dyads_cmd)
    app.command("alerts")(alerts_cmd)
