"""What an export writes: one :class:`ExportItem` per event, with its article, text and places,
and the flat row every tabular format shares."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Iterator, Optional

from tocsin.export import evidence
from tocsin.record import Record


@dataclass
class ExportItem:
    event: dict                     # the record's event object (JSON form)
    article: dict                   # id, title, source, url, published
    text: str                       # the article text (for the evidence sentence)
    places: dict = field(default_factory=dict)  # place id -> place object (JSON form)
    store_id: Optional[int] = None  # the event's id in the store, when it came from one


def _article_meta(a: dict) -> dict:
    return {k: a.get(k) for k in ("id", "title", "source", "url", "published")}


def from_records(records: Iterable[Record]) -> Iterator[ExportItem]:
    for rec in records:
        places = {p.id: p.model_dump(mode="json") for p in rec.places}
        meta = _article_meta(rec.article.model_dump(mode="json"))
        for ev in rec.events:
            yield ExportItem(event=ev.model_dump(mode="json"), article=meta, text=rec.article.text, places=places)


def from_store_rows(rows: Iterable) -> Iterator[ExportItem]:
    """Items from ``(EventRow, ArticleRow)`` pairs, as :meth:`Store.iter_events` yields them."""
    cache: dict[int, tuple[dict, dict]] = {}
    for ev, art in rows:
        if art.pk not in cache:
            cache.clear()  # rows come grouped closely enough; keep memory flat
            record = art.record or {}
            cache[art.pk] = (
                _article_meta(dict(record.get("article") or {}, id=art.id, title=art.title, source=art.source,
                                   url=art.url, published=art.published)),
                {p.get("id"): p for p in record.get("places") or []},
            )
        meta, places = cache[art.pk]
        yield ExportItem(event=ev.data, article=meta, text=art.text, places=places, store_id=ev.pk)


# ACLED's geo_precision: 1 the exact town or site, 2 a part of a region or near a town,
# 3 only a larger region (province, country).
GEO_PRECISION = {"site": 1, "city": 1, "admin2": 2, "admin1": 3, "region": 3, "country": 3, "water": 3,
                 "article": 3}


@lru_cache(maxsize=512)
def country_name(code: Optional[str]) -> Optional[str]:
    if not code:
        return None
    try:
        import pycountry

        c = pycountry.countries.get(alpha_2=code.upper())
        if c is None:
            return code
        return getattr(c, "common_name", None) or c.name
    except (ImportError, LookupError, KeyError):
        return code


def _names(parts) -> str:
    return "; ".join(p.get("name") or "" for p in parts or [])


def _codes(parts) -> str:
    return "; ".join(p.get("code") or "" for p in parts or [] if p.get("code"))


FLAT_COLUMNS = [
    # ACLED-style columns, in ACLED's order
    "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "location",
    "latitude", "longitude", "geo_precision", "fatalities", "notes", "source",
    # tocsin's own, after them
    "event_id", "article_id", "plover_type", "mode", "cameo", "actor1_code", "actor2_code", "injured",
    "arrested", "modality", "intensity", "confidence", "date_precision", "country_code", "url",
]


def flat_row(item: ExportItem) -> dict:
    """The event as one flat row: ACLED's columns first, then tocsin's."""
    ev = item.event
    loc = ev.get("location") or {}
    place = item.places.get(loc.get("place_id") or "") or {}
    date = ev.get("date") or {}
    acled = ev.get("acled") or {}
    country = loc.get("country") or place.get("country")
    return {
        "event_date": date.get("value"),
        "event_type": acled.get("event_type"),
        "sub_event_type": acled.get("sub_event_type"),
        "actor1": _names(ev.get("actors")),
        "actor2": _names(ev.get("recipients")),
        "country": country_name(country),
        "admin1": place.get("admin1"),
        "location": loc.get("name") or place.get("name"),
        "latitude": loc.get("lat"),
        "longitude": loc.get("lon"),
        "geo_precision": GEO_PRECISION.get(loc.get("precision") or ""),
        "fatalities": ev.get("dead"),
        "notes": evidence.sentence(item.text, ev),
        "source": item.article.get("source"),
        "event_id": f"{item.article.get('id')}/{ev.get('id')}",
        "article_id": item.article.get("id"),
        "plover_type": ev.get("type"),
        "mode": ev.get("mode"),
        "cameo": ev.get("cameo"),
        "actor1_code": _codes(ev.get("actors")),
        "actor2_code": _codes(ev.get("recipients")),
        "injured": ev.get("injured"),
        "arrested": ev.get("arrested"),
        "modality": ev.get("modality"),
        "intensity": ev.get("intensity"),
        "confidence": ev.get("confidence"),
        "date_precision": date.get("precision"),
        "country_code": country,
        "url": item.article.get("url"),
    }
