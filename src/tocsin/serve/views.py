"""JSON shapes of stored rows for the API: event summaries, an event with its evidence, quotes."""
from __future__ import annotations

from tocsin.export import evidence
from tocsin.store.tables import ArticleRow, EventRow, QuoteRow


def _side(parts: list[dict]) -> list[dict]:
    return [{"name": p.get("name"), "code": p.get("code"), "entity_id": p.get("entity_id")} for p in parts or []]


def event_summary(ev: EventRow, art: ArticleRow) -> dict:
    data = ev.data or {}
    return {
        "id": ev.pk,
        "event_id": ev.event_id,
        "article_id": art.id,
        "type": ev.type,
        "mode": ev.mode,
        "context": ev.context,
        "cameo": ev.cameo,
        "acled": data.get("acled"),
        "modality": ev.modality,
        "date": ev.date,
        "date_precision": ev.date_precision,
        "country": ev.country,
        "location": ev.location,
        "admin1": ev.admin1,
        "lat": ev.lat,
        "lon": ev.lon,
        "actors": _side(data.get("actors")),
        "recipients": _side(data.get("recipients")),
        "dead": ev.dead,
        "injured": ev.injured,
        "arrested": ev.arrested,
        "intensity": ev.intensity,
        "confidence": ev.confidence,
        "trigger": ev.trigger,
        "title": art.title,
        "source": art.source,
        "url": art.url,
        "published": art.published,
    }


def article_meta(art: ArticleRow) -> dict:
    return {"id": art.id, "title": art.title, "source": art.source, "url": art.url, "published": art.published}


def event_detail(ev: EventRow, art: ArticleRow) -> dict:
    """The summary plus the record's event, the article text and the evidence spans in it."""
    record = art.record or {}
    places = {p.get("id"): p for p in record.get("places") or []}
    data = ev.data or {}
    trig = data.get("trigger") or {}
    out = event_summary(ev, art)
    out["event"] = data
    out["article"] = dict(article_meta(art), text=art.text)
    out["evidence"] = evidence.spans(art.text, data, places)
    s, e = evidence.sentence_bounds(art.text, trig.get("start", 0), trig.get("end", 0))
    out["sentence"] = {"start": s, "end": e, "text": art.text[s:e]}
    return out


def quote_view(q: QuoteRow, art: ArticleRow) -> dict:
    data = q.data or {}
    return {
        "id": q.pk,
        "quote_id": q.quote_id,
        "article_id": art.id,
        "kind": q.kind,
        "text": q.text,
        "start": q.start,
        "end": q.end,
        "speaker": data.get("speaker"),
        "cue": data.get("cue"),
        "channel": data.get("channel"),
        "title": art.title,
        "source": art.source,
        "published": art.published,
    }
