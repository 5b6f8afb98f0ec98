"""Plain-text tables of records and stored events for the terminal."""
from __future__ import annotations

from typing import Iterable, Sequence

from tocsin.record import Record


def _fmt_table(headers: Sequence[str], rows: list[Sequence[object]], widths: Sequence[int]) -> str:
    def cell(v: object, w: int) -> str:
        s = "" if v is None else str(v)
        s = " ".join(s.split())
        return (s[: w - 1] + "…") if len(s) > w else s.ljust(w)

    lines = ["  ".join(cell(h, w) for h, w in zip(headers, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        lines.append("  ".join(cell(v, w) for v, w in zip(r, widths)).rstrip())
    return "\n".join(lines)


EVENT_HEADERS = ("date", "type", "mode", "actor", "recipient", "place", "dead", "inj", "modality", "trigger")
EVENT_WIDTHS = (10, 9, 14, 22, 22, 14, 4, 4, 12, 16)


def _names(parts) -> str:
    return "; ".join(p.name for p in parts)


def render_table(rec: Record) -> str:
    """The events of one record as a table, titled by the article."""
    a = rec.article
    title = f"{a.id}  {a.published or 'no date'}  {a.title or ''}".rstrip()
    rows = []
    for ev in rec.events:
        rows.append((
            ev.date.value if ev.date else None, ev.type, ev.mode, _names(ev.actors), _names(ev.recipients),
            ev.location.name if ev.location else None, ev.dead, ev.injured, ev.modality, ev.trigger.text,
        ))
    return title + "\n" + _fmt_table(EVENT_HEADERS, rows, EVENT_WIDTHS)


def events_table(rows: Iterable) -> str:
    """Stored (event row, article row) pairs as a table."""
    out = []
    for ev, art in rows:
        out.append((ev.date, ev.type, ev.mode, ev.actors, ev.recipients, ev.location, ev.dead, ev.injured,
                    ev.modality, ev.trigger))
    return _fmt_table(EVENT_HEADERS, out, EVENT_WIDTHS) + f"\n{len(out)} event(s)"
