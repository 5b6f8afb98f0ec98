"""Parquet: the flat export rows as a typed Arrow table (pyarrow), written in row groups."""
from __future__ import annotations

import io
from typing import Iterable, Iterator

from tocsin.errors import UsageError
from tocsin.export.items import FLAT_COLUMNS, ExportItem, flat_row

MEDIA_TYPE = "application/vnd.apache.parquet"
SUFFIX = ".parquet"

_FLOATS = {"latitude", "longitude", "intensity", "confidence"}
_INTS = {"geo_precision", "fatalities", "injured", "arrested"}


def _schema():
    import pyarrow as pa

    def typ(name: str):
        if name in _FLOATS:
            return pa.float64()
        if name in _INTS:
            return pa.int64()
        return pa.string()

    return pa.schema([(c, typ(c)) for c in FLAT_COLUMNS])


def chunks(items: Iterable[ExportItem], batch: int = 5000) -> Iterator[bytes]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError("parquet export needs pyarrow (pip install pyarrow)") from None
    schema = _schema()
    buf = io.BytesIO()
    with pq.ParquetWriter(buf, schema, compression="zstd") as writer:
        rows: list[dict] = []
        for item in items:
            rows.append(flat_row(item))
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows = []
        # the last rows (none at all still makes a valid file with the schema)
        writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    yield buf.getvalue()
