"""Exports of stored (or freshly coded) events: ACLED-style CSV, PLOVER JSON, GeoJSON, Parquet.

Each format module gives ``chunks(items) -> Iterator[bytes]``, ``MEDIA_TYPE`` and ``SUFFIX``;
the CLI writes the chunks to a file, the API streams them.
"""
from __future__ import annotations

from types import ModuleType
from typing import Iterable, Iterator

from tocsin.errors import UsageError
from tocsin.export.items import ExportItem, from_records, from_store_rows

FORMATS = ("csv", "plover", "geojson", "parquet")


def format_module(name: str) -> ModuleType:
    name = (name or "").strip().lower()
    if name == "csv" or name == "acled":
        from tocsin.export import acled as mod
    elif name == "plover" or name == "json":
        from tocsin.export import plover as mod
    elif name == "geojson":
        from tocsin.export import geojson as mod
    elif name == "parquet":
        from tocsin.export import parquet as mod
    else:
        raise UsageError(f"format: {name!r} is not one of {', '.join(FORMATS)}")
    return mod


def export_chunks(fmt: str, items: Iterable[ExportItem]) -> Iterator[bytes]:
    return format_module(fmt).chunks(items)


__all__ = ["FORMATS", "ExportItem", "export_chunks", "format_module", "from_records", "from_store_rows"]
