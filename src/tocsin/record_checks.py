"""Consistency checks of a record beyond its schema, for records that come from outside (the
API's ``/articles`` takes coded records): every offset inside the article's text, and the ids
of timexes, places, entities, quotes and events unique and non-empty. The pipeline's own
records hold these by construction."""
from __future__ import annotations

from typing import Any

from tocsin.record import Record

_ID_LISTS = ("timexes", "places", "entities", "quotes", "events")


def problems(rec: Record) -> list[str]:
    """What is wrong with ``rec`` (empty when nothing is), one short line each."""
    out: list[str] = []
    n = len(rec.article.text)
    data = rec.model_dump(mode="python")
    _offsets(data, n, "record", out)
    for name in _ID_LISTS:
        seen: set[str] = set()
        for k, item in enumerate(data.get(name) or []):
            ident = item.get("id")
            if not ident:
                out.append(f"{name}[{k}]: empty id")
            elif ident in seen:
                out.append(f"{name}[{k}]: id {ident!r} repeated")
            seen.add(ident)
    return out


def _offsets(node: Any, n: int, where: str, out: list[str]) -> None:
    if isinstance(node, dict):
        start, end = node.get("start"), node.get("end")
        if isinstance(start, int) and isinstance(end, int) and not (0 <= start <= end <= n):
            out.append(f"{where}: offsets {start}..{end} outside the text (length {n})")
        for key, val in node.items():
            if isinstance(val, (dict, list)):
                _offsets(val, n, f"{where}.{key}", out)
    elif isinstance(node, list):
        for k, val in enumerate(node):
            _offsets(val, n, f"{where}[{k}]", out)
