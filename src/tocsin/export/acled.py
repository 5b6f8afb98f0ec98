"""ACLED-style CSV: one row per event, ACLED's column names first (``notes`` is the evidence
sentence), tocsin's extra columns after them. A value the text does not give is left empty; text
that a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``) is prefixed with ``'``."""
from __future__ import annotations

import csv
import io
from typing import Iterable, Iterator

from tocsin.export.items import FLAT_COLUMNS, ExportItem, flat_row

MEDIA_TYPE = "text/csv; charset=utf-8"
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> object:
    """A CSV cell; text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value
SUFFIX = ".csv"


def chunks(items: Iterable[ExportItem], batch: int = 200) -> Iterator[bytes]:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=FLAT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for item in items:
        writer.writerow({k: _cell(v) for k, v in flat_row(item).items()})
        n += 1
        if n % batch == 0:
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue().encode("utf-8")
