"""GeoJSON: a FeatureCollection with one Point feature per event (geometry null where the
event has no coordinates), the flat export row as its properties."""
from __future__ import annotations

import json
from typing import Iterable, Iterator

from tocsin.export.items import ExportItem, flat_row

MEDIA_TYPE = "application/geo+json"
SUFFIX = ".geojson"


def feature(item: ExportItem) -> dict:
    row = flat_row(item)
    lat, lon = row.get("latitude"), row.get("longitude")
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
    if item.store_id is not None:
        row["store_id"] = item.store_id
    return {"type": "Feature", "id": row["event_id"], "geometry": geometry, "properties": row}


def chunks(items: Iterable[ExportItem]) -> Iterator[bytes]:
    yield b'{"type": "FeatureCollection", "features": ['
    first = True
    for item in items:
        yield (b"\n" if first else b",\n") + json.dumps(feature(item), ensure_ascii=False).encode("utf-8")
        first = False
    yield b"\n]}\n"
