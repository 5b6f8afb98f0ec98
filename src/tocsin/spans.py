"""Checks that a record's evidence really points into its article text."""
from __future__ import annotations

from typing import Iterator

from tocsin.record import Record


def iter_spans(obj, path: str = "") -> Iterator[tuple[str, dict]]:
    """Every object with ``start`` and ``end`` in a dumped record, with its path."""
    if isinstance(obj, dict):
        if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int):
            yield path, obj
        for k, v in obj.items():
            if k != "article":
                yield from iter_spans(v, f"{path}.{k}" if path else k)
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from iter_spans(v, f"{path}[{i}]")


def span_problems(record: Record) -> list[str]:
    """What is wrong with the record's offsets: out of range, reversed, or ``text`` not the slice."""
    text = record.article.text
    problems = []
    for path, span in iter_spans(record.model_dump(mode="json")):
        s, e = span["start"], span["end"]
        if not 0 <= s <= e <= len(text):
            problems.append(f"{path}: [{s}, {e}) outside the text (length {len(text)})")
        elif "text" in span and span["text"] is not None and span["text"] != text[s:e]:
            problems.append(f"{path}: text {span['text'][:40]!r} is not the slice {text[s:e][:40]!r}")
    return problems
