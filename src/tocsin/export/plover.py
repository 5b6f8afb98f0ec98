"""PLOVER JSON: a list of event objects named after the PLOVER manual's fields (event, mode,
context, actor, recipient, dead, injured, ...), each with its location, the evidence sentence
(``eventText``) and its source article."""
from __future__ import annotations

import json
from typing import Iterable, Iterator

from tocsin.export import evidence
from tocsin.export.items import ExportItem, country_name

MEDIA_TYPE = "application/json"
SUFFIX = ".json"


def plover_event(item: ExportItem) -> dict:
    ev = item.event
    loc = ev.get("location") or {}
    place = item.places.get(loc.get("place_id") or "") or {}
    date = ev.get("date") or {}
    acled = ev.get("acled")

    def side(parts):
        return [{"name": p.get("name"), "code": p.get("code"), "text": p.get("text")} for p in parts or []]

    return {
        "id": f"{item.article.get('id')}/{ev.get('id')}",
        "date": date.get("value"),
        "date_precision": date.get("precision"),
        "event": ev.get("type"),
        "mode": ev.get("mode"),
        "context": ev.get("context"),
        "cameo": ev.get("cameo"),
        "acled": acled,
        "actor": side(ev.get("actors")),
        "recipient": side(ev.get("recipients")),
        "dead": ev.get("dead"),
        "injured": ev.get("injured"),
        "arrested": ev.get("arrested"),
        "modality": ev.get("modality"),
        "attribution": (ev.get("attribution") or {}).get("text"),
        "intensity": ev.get("intensity"),
        "confidence": ev.get("confidence"),
        "location": {
            "name": loc.get("name"),
            "geonameid": loc.get("geonameid"),
            "lat": loc.get("lat"),
            "lon": loc.get("lon"),
            "country": loc.get("country"),
            "country_name": country_name(loc.get("country")),
            "admin1": place.get("admin1"),
            "precision": loc.get("precision"),
        } if loc else None,
        "eventText": evidence.sentence(item.text, ev),
        "triggerText": (ev.get("trigger") or {}).get("text"),
        "source": dict(item.article),
    }


def chunks(items: Iterable[ExportItem]) -> Iterator[bytes]:
    yield b"["
    first = True
    for item in items:
        yield (b"\n" if first else b",\n") + json.dumps(plover_event(item), ensure_ascii=False).encode("utf-8")
        first = False
    yield b"\n]\n"
