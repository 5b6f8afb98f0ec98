"""The store: open by URL (SQLite file or PostgreSQL), migrate, write records idempotently one
transaction per batch, and read events, quotes, actors and dyads back."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

from sqlalchemy import case, func, select
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, defer

from tocsin.errors import StoreError
from tocsin.record import Record
from tocsin.store import filters as F
from tocsin.store import schema, search
from tocsin.store.filters import EventFilter
from tocsin.store.rows import article_values, insert_all, record_of
from tocsin.store.tables import ArticleRow, EventRow, ParticipantRow, QuoteRow

DEFAULT_URL = "sqlite:///tocsin.db"
# Listing events or quotes needs the article's id, title, source and date, not its text or record.
_LIGHT_ARTICLE = (defer(ArticleRow.text, raiseload=True), defer(ArticleRow.record, raiseload=True))


def normalise_url(url: str) -> str:
    """A store URL; a bare path means an SQLite file."""
    url = (url or "").strip()
    if not url:
        raise StoreError("the store URL is empty")
    if "://" not in url:
        return f"sqlite:///{url}"
    scheme, rest = url.split("://", 1)
    if scheme in ("postgres", "postgresql"):
        # SQLAlchemy 2.1 maps a bare postgresql:// to psycopg 3; use whichever driver is installed.
        return f"postgresql+{_pg_driver()}://{rest}"
    return url


def _pg_driver() -> str:
    import importlib.util

    return "psycopg" if importlib.util.find_spec("psycopg") else "psycopg2"


@dataclass
class AddResult:
    added: int = 0
    skipped: int = 0
    ids: list[str] = field(default_factory=list)  # article ids of the records added


class Store:
    """A record store. ``add`` is idempotent by article text hash, also across processes."""

    def __init__(self, url: str = DEFAULT_URL):
        self.url = normalise_url(url)
        try:
            self.engine = schema.make_engine(self.url)
            schema.upgrade(self.engine)
        except StoreError:
            raise
        except (SQLAlchemyError, ArgumentError, ImportError, ValueError, OSError) as exc:
            raise StoreError(f"{_safe(self.url)}: cannot open the store ({_first_line(exc)})") from None
        self.dialect = self.engine.dialect.name
        self._writer = self.engine.execution_options(**{schema.WRITE: True})

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _read(self) -> Session:
        return Session(self.engine)

    # -- writing ---------------------------------------------------------------------------
    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of these article text hashes the store already holds."""
        hashes = list(dict.fromkeys(hashes))
        found: set[str] = set()
        with self._read() as s:
            for i in range(0, len(hashes), 500):
                chunk = hashes[i:i + 500]
                found.update(s.scalars(select(ArticleRow.text_sha256).where(ArticleRow.text_sha256.in_(chunk))))
        return found

    def add(self, records: Iterable[Record]) -> AddResult:
        """Store records in one transaction; an article already stored (same text) is skipped.

        Two writers racing on the same article cannot both store it: the unique text hash
        rejects the second, whose batch is then retried one record at a time."""
        records = list(records)
        if not records:
            return AddResult()
        try:
            return self._add_batch(records)
        except IntegrityError:
            if len(records) == 1:
                return AddResult(skipped=1)
            result = AddResult()
            for rec in records:
                r = self.add([rec])
                result.added += r.added
                result.skipped += r.skipped
                result.ids += r.ids
            return result
        except SQLAlchemyError as exc:
            raise StoreError(f"{_safe(self.url)}: write failed ({_first_line(exc)})") from None

    def _add_batch(self, records: list[Record]) -> AddResult:
        result = AddResult()
        with self._writer.begin() as conn:  # Core inserts: the ORM's unit of work cost more than SQLite
            hashes = [r.article.text_sha256 for r in records]
            known = set(conn.scalars(select(ArticleRow.text_sha256).where(ArticleRow.text_sha256.in_(hashes))))
            batch = []
            for rec in records:
                if rec.article.text_sha256 in known:
                    result.skipped += 1
                    continue
                known.add(rec.article.text_sha256)
                batch.append(article_values(rec))
                result.added += 1
                result.ids.append(rec.article.id)
            insert_all(conn, batch)
        return result

    def delete_article(self, article_id: str) -> int:
        """Delete the articles with this id (and everything coded from them); how many went."""
        with Session(self._writer) as s, s.begin():
            rows = list(s.scalars(select(ArticleRow).where(ArticleRow.id == article_id)))
            for row in rows:
                s.delete(row)
        return len(rows)

    # -- articles --------------------------------------------------------------------------
    def count_articles(self) -> int:
        with self._read() as s:
            return s.scalar(select(func.count()).select_from(ArticleRow)) or 0

    def records(self, batch: int = 200) -> Iterator[Record]:
        """Every stored record, oldest first, read in pages so a large store streams."""
        last = 0
        while True:
            with self._read() as s:
                rows = list(s.scalars(select(ArticleRow).where(ArticleRow.pk > last)
                                      .order_by(ArticleRow.pk).limit(batch)))
            if not rows:
                return
            for row in rows:
                yield record_of(row)
            last = rows[-1].pk

    def state(self) -> tuple[int, int]:
        """(number of articles, highest article key): changes whenever articles come or go."""
        with self._read() as s:
            n, top = s.execute(select(func.count(), func.max(ArticleRow.pk))).one()
        return int(n or 0), int(top or 0)

    def recent_records(self, limit: int) -> list[Record]:
        """The ``limit`` most recently stored records, oldest first."""
        with self._read() as s:
            rows = list(s.scalars(select(ArticleRow).order_by(ArticleRow.pk.desc()).limit(limit)))
        return [record_of(r) for r in reversed(rows)]

    def event_pks(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
        """Store ids of events named by (article id, event id)."""
        keys = set(keys)
        out: dict[tuple[str, str], int] = {}
        articles = sorted({a for a, _ in keys})
        with self._read() as s:
            for i in range(0, len(articles), 500):
                q = (select(ArticleRow.id, EventRow.event_id, EventRow.pk)
                     .join(ArticleRow, EventRow.article_pk == ArticleRow.pk)
                     .where(ArticleRow.id.in_(articles[i:i + 500])))
                for aid, eid, pk in s.execute(q):
                    if (aid, eid) in keys:
                        out.setdefault((aid, eid), pk)
        return out

    def article(self, article_id: str) -> Optional[ArticleRow]:
        with self._read() as s:
            return s.scalars(select(ArticleRow).where(ArticleRow.id == article_id).order_by(ArticleRow.pk)).first()

    def article_by_pk(self, pk: int) -> Optional[ArticleRow]:
        with self._read() as s:
            return s.get(ArticleRow, pk)

    # -- events ----------------------------------------------------------------------------
    def _event_query(self, f: EventFilter, full: bool = False):
        """Events with their articles; the article's text and record stay unloaded unless ``full``."""
        q = select(EventRow, ArticleRow).join(ArticleRow, EventRow.article_pk == ArticleRow.pk)
        if not full:
            q = q.options(*_LIGHT_ARTICLE)
        return F.apply(q, f, self.dialect)

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
        *,
        mode: Optional[str] = None,
        bbox=None,
        text: Optional[str] = None,
        article: Optional[str] = None,
        filter: Optional[EventFilter] = None,
    ) -> list[tuple[EventRow, ArticleRow]]:
        """Stored events (with their article rows) ordered by date, filtered and paged."""
        f = filter or EventFilter(type=type, mode=mode, modality=modality, actor=actor, country=country,
                                  since=since, until=until, bbox=bbox, text=text, article=article)
        q = self._event_query(f).order_by(EventRow.date, EventRow.pk).limit(max(0, limit)).offset(max(0, offset))
        with self._read() as s:
            return [(e, a) for e, a in s.execute(q).all()]

    def count_events(self, filter: Optional[EventFilter] = None) -> int:
        q = self._event_query(filter or EventFilter())
        with self._read() as s:
            return s.scalar(F.count_of(q)) or 0

    def iter_events(self, filter: Optional[EventFilter] = None, batch: int = 500) -> Iterator[tuple[EventRow, ArticleRow]]:
        """Every matching event, in pages (for exports)."""
        f = filter or EventFilter()
        last = 0
        while True:
            q = self._event_query(f, full=True).where(EventRow.pk > last).order_by(EventRow.pk).limit(batch)
            with self._read() as s:
                rows = [(e, a) for e, a in s.execute(q).all()]
            if not rows:
                return
            yield from rows
            last = rows[-1][0].pk

    def event(self, pk: int) -> Optional[tuple[EventRow, ArticleRow]]:
        with self._read() as s:
            row = s.execute(select(EventRow, ArticleRow).join(ArticleRow, EventRow.article_pk == ArticleRow.pk)
                            .where(EventRow.pk == pk)).first()
            return (row[0], row[1]) if row else None

    def timeline(self, filter: Optional[EventFilter] = None) -> list[tuple[str, str, int]]:
        """(day, type, count) for the matching events dated to a day, in date order."""
        sub = self._event_query(filter or EventFilter()).with_only_columns(EventRow.pk).subquery()
        day = func.substr(EventRow.date, 1, 10)
        q = (select(day, EventRow.type, func.count())
             .where(EventRow.pk.in_(select(sub.c.pk)), EventRow.date_precision == "day",
                    func.length(EventRow.date) >= 10)
             .group_by(day, EventRow.type).order_by(day, EventRow.type))
        with self._read() as s:
            return [(d, t, n) for d, t, n in s.execute(q).all()]

    # -- quotes, actors, dyads -------------------------------------------------------------
    def quotes(
        self,
        speaker: Optional[str] = None,
        text: Optional[str] = None,
        kind: Optional[str] = None,
        article: Optional[str] = None,
        limit: int = 100,
        offset: int = 0,
    ) -> tuple[int, list[tuple[QuoteRow, ArticleRow]]]:
        """(total, page) of stored quotes, newest articles first."""
        F.printable("speaker", speaker)
        q = (select(QuoteRow, ArticleRow).join(ArticleRow, QuoteRow.article_pk == ArticleRow.pk)
             .options(*_LIGHT_ARTICLE))
        if speaker and speaker.strip():
            q = q.where(func.lower(QuoteRow.speaker).contains(speaker.strip().lower(), autoescape=True))
        if text is not None:
            q = q.where(QuoteRow.pk.in_(search.matching_pks("quotes", text, self.dialect)))
        if kind:
            q = q.where(QuoteRow.kind == kind)
        if article:
            q = q.where(ArticleRow.id == article)
        with self._read() as s:
            total = s.scalar(F.count_of(q)) or 0
            page = q.order_by(ArticleRow.published.desc(), ArticleRow.pk, QuoteRow.start)
            rows = [(r, a) for r, a in s.execute(page.limit(max(0, limit)).offset(max(0, offset))).all()]
        return total, rows

    def actors(self, q: Optional[str] = None, limit: int = 100, offset: int = 0) -> tuple[int, list[dict]]:
        """Participants grouped by name and code, most events first."""
        F.printable("q", q)
        as_actor = func.sum(case((ParticipantRow.role == "actor", 1), else_=0))
        as_recipient = func.sum(case((ParticipantRow.role == "recipient", 1), else_=0))
        events = func.count(func.distinct(ParticipantRow.event_pk))
        name = func.min(ParticipantRow.name)
        sel = select(ParticipantRow.name_lower, ParticipantRow.code, name, events, as_actor, as_recipient)
        if q and q.strip():
            needle = q.strip()
            sel = sel.where((ParticipantRow.name_lower.contains(needle.lower(), autoescape=True))
                            | (ParticipantRow.code == needle.upper()))
        sel = sel.group_by(ParticipantRow.name_lower, ParticipantRow.code)
        with self._read() as s:
            total = s.scalar(F.count_of(sel)) or 0
            rows = s.execute(sel.order_by(events.desc(), ParticipantRow.name_lower)
                             .limit(max(0, limit)).offset(max(0, offset))).all()
        return total, [
            {"name": r[2], "code": r[1], "events": r[3], "as_actor": int(r[4] or 0), "as_recipient": int(r[5] or 0)}
            for r in rows
        ]

    def dyad_events(self, a: str, b: str, limit: int = 10000) -> list[tuple[EventRow, ArticleRow]]:
        """Events between ``a`` and ``b`` (either direction; names or codes, case-insensitive), the
        ``limit`` latest by date, in date order."""
        q = (select(EventRow, ArticleRow).join(ArticleRow, EventRow.article_pk == ArticleRow.pk)
             .options(*_LIGHT_ARTICLE)
             .where(F.dyad_condition(a, b)).order_by(EventRow.date.desc(), EventRow.pk.desc()).limit(limit))
        with self._read() as s:
            return [(e, r) for e, r in reversed(s.execute(q).all())]

    def dyad_days(self, a: str, b: str) -> list[dict]:
        """Per day and direction: events, mean intensity, conflict (summed negative intensity) and
        dead, over every day-dated event between ``a`` and ``b`` (aggregated in the database)."""
        day = func.substr(EventRow.date, 1, 10)
        conflict = func.sum(case((EventRow.intensity < 0, -EventRow.intensity), else_=0.0))
        out = []
        with self._read() as s:
            for direction, (x, y) in (("a_to_b", (a, b)), ("b_to_a", (b, a))):
                q = (select(day, func.count(), func.avg(EventRow.intensity), conflict,
                            func.sum(func.coalesce(EventRow.dead, 0)))
                     .where(EventRow.pk.in_(F.participant_events(x, True, "actor")),
                            EventRow.pk.in_(F.participant_events(y, True, "recipient")),
                            EventRow.date_precision == "day", func.length(EventRow.date) >= 10)
                     .group_by(day))
                for d, n, mean, conf, dead in s.execute(q):
                    out.append({"date": d, "direction": direction, "count": n, "mean_intensity": mean,
                                "conflict": float(conf or 0), "dead": int(dead or 0)})
        return out

    def count_dyad_events(self, a: str, b: str) -> int:
        with self._read() as s:
            return s.scalar(select(func.count()).select_from(EventRow).where(F.dyad_condition(a, b))) or 0

    def participants(self, event_pks: list[int]) -> dict[int, list[ParticipantRow]]:
        out: dict[int, list[ParticipantRow]] = {pk: [] for pk in event_pks}
        with self._read() as s:
            for i in range(0, len(event_pks), 500):
                for p in s.scalars(select(ParticipantRow).where(ParticipantRow.event_pk.in_(event_pks[i:i + 500]))):
                    out[p.event_pk].append(p)
        return out


def _safe(url: str) -> str:
    """The URL with any password hidden."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparseable URL: show it as given, it holds no parsed password
        return url


def _first_line(exc: Exception) -> str:
    msg = str(getattr(exc, "orig", None) or exc)
    return msg.strip().splitlines()[0] if msg.strip() else exc.__class__.__name__


def open_store(url: Optional[str] = None) -> Store:
    return Store(url or DEFAULT_URL)


__all__ = ["AddResult", "DEFAULT_URL", "EventFilter", "Store", "open_store", "normalise_url"]
