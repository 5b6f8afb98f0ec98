"""From a :class:`~tocsin.record.Record` to its table rows, and back to the record."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from tocsin.record import Record
from tocsin.store.tables import (
    ArticleRow, EntityRow, EventRow, ParticipantRow, PlaceRow, QuoteRow,
)


def _cut(value: str | None, n: int) -> str | None:
    return value[:n] if value else value


def _names(parts) -> str:
    return "; ".join(p.name for p in parts)


@dataclass
class ArticleValues:
    """One record's rows as column values: the article, each event with its participants, the
    quotes, entities and places (``*_pk`` foreign keys are filled in when written)."""

    article: dict
    events: list[tuple[dict, list[dict]]] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)


def article_values(rec: Record) -> ArticleValues:
    """The article row with its events, participants, quotes, entities and places."""
    a = rec.article
    record = rec.model_dump(mode="json")
    record["article"]["text"] = ""  # the text lives once, in articles.text (see record_of)
    out = ArticleValues(article=dict(
        id=_cut(a.id, 200),
        text_sha256=a.text_sha256,
        title=a.title,
        source=_cut(a.source, 300),
        url=a.url,
        published=a.published,
        language=_cut(a.language, 10),
        text=a.text,
        record=record,
        extractor_version=_cut(a.extractor.version, 40),
        ingested_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
    ))
    places = {p.id: p for p in rec.places}
    for ev in rec.events:
        loc = ev.location
        place = places.get(loc.place_id) if loc and loc.place_id else None
        ev_row = dict(
            event_id=_cut(ev.id, 40),
            type=ev.type,
            mode=_cut(ev.mode, 40),
            context=_cut(ev.context, 60),
            cameo=_cut(ev.cameo, 10),
            acled_event_type=_cut(ev.acled.event_type, 60) if ev.acled else None,
            acled_sub_event_type=_cut(ev.acled.sub_event_type, 80) if ev.acled else None,
            modality=ev.modality,
            date=_cut(ev.date.value, 20) if ev.date else None,
            date_precision=ev.date.precision if ev.date else None,
            country=_cut(loc.country.upper(), 2) if loc and loc.country else None,
            location=_cut(loc.name, 300) if loc else None,
            admin1=_cut(place.admin1, 300) if place else None,
            geo_precision=loc.precision if loc else None,
            lat=loc.lat if loc else None,
            lon=loc.lon if loc else None,
            actors=_names(ev.actors),
            recipients=_names(ev.recipients),
            actor_codes=" ".join(p.code for p in ev.actors + ev.recipients if p.code),
            dead=ev.dead,
            injured=ev.injured,
            arrested=ev.arrested,
            intensity=ev.intensity,
            confidence=ev.confidence,
            trigger=ev.trigger.text,
            data=ev.model_dump(mode="json"),
        )
        parts = []
        for role, people in (("actor", ev.actors), ("recipient", ev.recipients)):
            for p in people:
                parts.append(dict(
                    role=role, name=p.name[:300], name_lower=p.name.lower()[:300],
                    code=_cut(p.code.upper(), 40) if p.code else None, entity_id=_cut(p.entity_id, 40),
                ))
        out.events.append((ev_row, parts))
    for q in rec.quotes:
        out.quotes.append(dict(
            quote_id=_cut(q.id, 40), kind=q.kind, speaker=_cut(q.speaker.name, 300) if q.speaker else None,
            start=q.start, end=q.end, text=q.text, data=q.model_dump(mode="json"),
        ))
    for en in rec.entities:
        out.entities.append(dict(
            entity_id=_cut(en.id, 40), name=en.name[:300], kind=en.kind, code=_cut(en.code, 40),
            country=_cut(en.country, 3), mentions=len(en.mentions),
        ))
    for p in rec.places:
        out.places.append(dict(
            place_id=_cut(p.id, 40), name=_cut(p.name or p.text, 300), geonameid=p.geonameid, lat=p.lat,
            lon=p.lon, country=_cut(p.country, 2), admin1=_cut(p.admin1, 300), feature=p.feature,
        ))
    return out


def insert_all(conn, batch: list[ArticleValues]) -> None:
    """Write the rows of ``batch`` on ``conn`` (inside its transaction) with Core inserts, each
    table's rows in the order the ORM's unit of work gave them, so keys come out the same."""
    from sqlalchemy import insert

    events, parts, quotes, entities, places = [], [], [], [], []
    add_article, add_event = insert(ArticleRow.__table__), insert(EventRow.__table__)
    for v in batch:
        pk = conn.execute(add_article, v.article).inserted_primary_key[0]
        for ev, ps in v.events:
            events.append((dict(ev, article_pk=pk), ps))
        quotes += [dict(q, article_pk=pk) for q in v.quotes]
        entities += [dict(e, article_pk=pk) for e in v.entities]
        places += [dict(p, article_pk=pk) for p in v.places]
    for ev, ps in events:
        epk = conn.execute(add_event, ev).inserted_primary_key[0]
        parts += [dict(p, event_pk=epk) for p in ps]
    for table, rows in ((QuoteRow, quotes), (EntityRow, entities), (PlaceRow, places), (ParticipantRow, parts)):
        if rows:
            conn.execute(insert(table.__table__), rows)


def record_dict(row: ArticleRow) -> dict:
    """The stored record as a JSON-ready dict, its text put back."""
    rec = dict(row.record)
    rec["article"] = dict(rec["article"], text=row.text)
    return rec


def record_of(row: ArticleRow) -> Record:
    return Record.model_validate(record_dict(row))
