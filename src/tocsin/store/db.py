"""Open a store by URL and write records to it idempotently, one transaction per batch."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable, Iterator, Optional

from sqlalchemy import create_engine, event, select
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from tocsin.errors import StoreError
from tocsin.record import Record
from tocsin.store.tables import ArticleRow, Base, EntityRow, EventRow, QuoteRow

DEFAULT_URL = "sqlite:///tocsin.db"


def _normalise_url(url: str) -> str:
    if "://" not in url:  # a bare path means an SQLite file
        return f"sqlite:///{url}"
    return url


@dataclass
class AddResult:
    added: int = 0
    skipped: int = 0


class Store:
    """A record store. ``add`` is idempotent by article text hash."""

    def __init__(self, url: str = DEFAULT_URL):
        self.url = _normalise_url(url)
        try:
            kwargs = {}
            if self.url.startswith("sqlite"):
                kwargs["connect_args"] = {"timeout": 60}
            self.engine = create_engine(self.url, future=True, **kwargs)
            if self.url.startswith("sqlite"):
                event.listen(self.engine, "connect", _sqlite_pragmas)
            Base.metadata.create_all(self.engine)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StoreError(f"{url}: cannot open the store ({_first_line(exc)})") from None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------
    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        hashes = list(hashes)
        if not hashes:
            return set()
        with Session(self.engine) as s:
            rows = s.scalars(select(ArticleRow.text_sha256).where(ArticleRow.text_sha256.in_(hashes)))
            return set(rows)

    def add(self, records: Iterable[Record]) -> AddResult:
        """Store records in one transaction; articles already stored (same text) are skipped."""
        records = list(records)
        result = AddResult()
        if not records:
            return result
        try:
            with Session(self.engine) as s, s.begin():
                known = set(
                    s.scalars(
                        select(ArticleRow.text_sha256).where(
                            ArticleRow.text_sha256.in_([r.article.text_sha256 for r in records])
                        )
                    )
                )
                for rec in records:
                    if rec.article.text_sha256 in known:
                        result.skipped += 1
                        continue
                    known.add(rec.article.text_sha256)
                    s.add(_article_row(rec))
                    result.added += 1
        except IntegrityError:
            # another writer stored one of these meanwhile: fall back to one at a time
            if len(records) == 1:
                return AddResult(added=0, skipped=1)
            result = AddResult()
            for rec in records:
                r = self.add([rec])
                result.added += r.added
                result.skipped += r.skipped
        except OperationalError as exc:
            raise StoreError(f"{self.url}: write failed ({_first_line(exc)})") from None
        return result

    # -- reading ---------------------------------------------------------------------------
    def count_articles(self) -> int:
        from sqlalchemy import func

        with Session(self.engine) as s:
            return s.scalar(select(func.count()).select_from(ArticleRow)) or 0

    def records(self) -> Iterator[Record]:
        with Session(self.engine) as s:
            for row in s.scalars(select(ArticleRow).order_by(ArticleRow.pk)):
                yield Record.model_validate(row.record)

    def events(
        self,
        type: Optional[str] = None,
        country: Optional[str] = None,
        actor: Optional[str] = None,
        modality: Optional[str] = None,
        since: Optional[str] = None,
        until: Optional[str] = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[tuple[EventRow, ArticleRow]]:
        q = select(EventRow, ArticleRow).join(ArticleRow, EventRow.article_pk == ArticleRow.pk)
        if type:
            q = q.where(EventRow.type == type.upper())
        if country:
            q = q.where(EventRow.country == country.upper())
        if modality:
            q = q.where(EventRow.modality == modality)
        if actor:
            like = f"%{actor}%"
            q = q.where(
                EventRow.actors.ilike(like) | EventRow.recipients.ilike(like) | EventRow.actor_codes.ilike(like)
            )
        if since:
            q = q.where(EventRow.date >= since)
        if until:
            q = q.where(EventRow.date <= until + "\uffff")
        q = q.order_by(EventRow.date, EventRow.pk).limit(limit).offset(offset)
        with Session(self.engine) as s:
            return [(e, a) for e, a in s.execute(q).all()]


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _first_line(exc: Exception) -> str:
    msg = str(getattr(exc, "orig", None) or exc)
    return msg.strip().splitlines()[0] if msg.strip() else exc.__class__.__name__


def _names(parts) -> str:
    return "; ".join(p.name for p in parts)


def _article_row(rec: Record) -> ArticleRow:
    a = rec.article
    row = ArticleRow(
        id=a.id,
        text_sha256=a.text_sha256,
        title=a.title,
        source=a.source,
        url=a.url,
        published=a.published,
        text=a.text,
        record=rec.model_dump(mode="json"),
        extractor_version=a.extractor.version,
        ingested_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
    )
    for ev in rec.events:
        loc = ev.location
        row_ev = EventRow(
            event_id=ev.id,
            type=ev.type,
            mode=ev.mode,
            modality=ev.modality,
            date=ev.date.value if ev.date else None,
            date_precision=ev.date.precision if ev.date else None,
            country=loc.country if loc else None,
            location=loc.name if loc else None,
            lat=loc.lat if loc else None,
            lon=loc.lon if loc else None,
            actors=_names(ev.actors),
            recipients=_names(ev.recipients),
            actor_codes=" ".join(p.code for p in ev.actors + ev.recipients if p.code),
            dead=ev.dead,
            injured=ev.injured,
            arrested=ev.arrested,
            intensity=ev.intensity,
            trigger=ev.trigger.text,
            data=ev.model_dump(mode="json"),
        )
        row.events.append(row_ev)
    for q in rec.quotes:
        row.quotes.append(
            QuoteRow(
                quote_id=q.id,
                kind=q.kind,
                speaker=q.speaker.name if q.speaker else None,
                text=q.text,
                data=q.model_dump(mode="json"),
            )
        )
    for en in rec.entities:
        row.entities.append(
            EntityRow(entity_id=en.id, name=en.name[:300], kind=en.kind, code=en.code, country=en.country)
        )
    return row


def open_store(url: Optional[str] = None) -> Store:
    return Store(url or DEFAULT_URL)
