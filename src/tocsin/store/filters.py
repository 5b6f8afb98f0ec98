"""Event filters: what a user may ask of the stored events, checked once, turned into SQL."""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Optional

from sqlalchemy import Select, and_, func, or_, select

from tocsin.errors import UsageError
from tocsin.record import EVENT_TYPES, Modality
from tocsin.store import search
from tocsin.store.tables import ArticleRow, EventRow, ParticipantRow

MODALITIES: tuple[str, ...] = Modality.__args__  # type: ignore[attr-defined]
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass
class EventFilter:
    """Every field is optional; given ones must all hold. ``bbox`` is (west, south, east, north)
    in degrees; west > east means the box crosses the antimeridian."""

    type: Optional[str] = None
    mode: Optional[str] = None
    modality: Optional[str] = None
    actor: Optional[str] = None
    country: Optional[str] = None
    since: Optional[str] = None
    until: Optional[str] = None
    bbox: Optional[tuple[float, float, float, float]] = None
    text: Optional[str] = None
    article: Optional[str] = None

    def __post_init__(self) -> None:
        if self.type:
            self.type = self.type.strip().upper()
            if self.type not in EVENT_TYPES:
                raise UsageError(f"type: {self.type!r} is not a PLOVER event type ({', '.join(EVENT_TYPES)})")
        if self.modality:
            self.modality = self.modality.strip().lower()
            if self.modality not in MODALITIES:
                raise UsageError(f"modality: {self.modality!r} is not one of {', '.join(MODALITIES)}")
        if self.country:
            self.country = self.country.strip().upper()
            if not re.fullmatch(r"[A-Z]{2}", self.country):
                raise UsageError(f"country: {self.country!r} is not an ISO 3166-1 alpha-2 code")
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None:
                value = value.strip()
                if not _DATE.match(value) or not _real_date(value):
                    raise UsageError(f"{name}: {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
                setattr(self, name, value)
        if self.bbox is not None:
            self.bbox = parse_bbox(self.bbox)
        if self.text is not None:
            search.words(self.text)
        for name in ("actor", "mode", "article"):
            value = getattr(self, name)
            printable(name, value)
            if value is not None and not value.strip():
                setattr(self, name, None)

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def printable(name: str, value: Optional[str]) -> None:
    """Refuse control characters in a substring filter: SQLite reads a LIKE pattern only up to a
    NUL, so "%\x00%" would match everything."""
    if value is not None and _CONTROL.search(value):
        raise UsageError(f"{name}: control characters are not allowed")


def _real_date(value: str) -> bool:
    from datetime import date

    y, m, d = (value.split("-") + ["01", "01"])[:3]
    try:
        date(int(y), int(m), int(d))
    except ValueError:
        return False
    return True


def parse_bbox(value) -> tuple[float, float, float, float]:
    """``"west,south,east,north"`` (or a 4-sequence) checked for ranges."""
    parts = value.split(",") if isinstance(value, str) else list(value)
    try:
        w, s, e, n = (float(p) for p in parts)
    except (TypeError, ValueError):
        raise UsageError("bbox: give west,south,east,north in degrees") from None
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
        raise UsageError("bbox: longitudes in -180..180, latitudes in -90..90 with south <= north")
    return (w, s, e, n)


def apply(q: Select, f: EventFilter, dialect: str) -> Select:
    """Add the filter's conditions to a query over ``EventRow`` (joined to ``ArticleRow``)."""
    if f.type:
        q = q.where(EventRow.type == f.type)
    if f.mode:
        q = q.where(EventRow.mode == f.mode.strip())
    if f.modality:
        q = q.where(EventRow.modality == f.modality)
    if f.country:
        q = q.where(EventRow.country == f.country)
    if f.since or f.until:
        q = q.where(EventRow.date.is_not(None), EventRow.date < "A")  # a calendar value, not PAST_REF
    if f.since:
        q = q.where(EventRow.date >= f.since)
    if f.until:
        q = q.where(func.substr(EventRow.date, 1, len(f.until)) <= f.until)
    if f.bbox:
        w, s, e, n = f.bbox
        lon = EventRow.lon.between(w, e) if w <= e else or_(EventRow.lon >= w, EventRow.lon <= e)
        q = q.where(EventRow.lat.between(s, n), lon)
    if f.actor:
        q = q.where(EventRow.pk.in_(participant_events(f.actor, exact=False)))
    if f.text:
        q = q.where(EventRow.article_pk.in_(search.matching_pks("articles", f.text, dialect)))
    if f.article:
        q = q.where(ArticleRow.id == f.article.strip())
    return q


def participant_events(actor: str, exact: bool, role: Optional[str] = None) -> Select:
    """``SELECT event_pk`` of events with a participant named (or coded) ``actor``.

    ``exact``: the whole name (case-insensitive) or the code; otherwise a name substring or the code.
    """
    actor = actor.strip()
    name_cond = (ParticipantRow.name_lower == actor.lower()) if exact else \
        ParticipantRow.name_lower.contains(actor.lower(), autoescape=True)
    q = select(ParticipantRow.event_pk).where(or_(name_cond, ParticipantRow.code == actor.upper()))
    if role:
        q = q.where(ParticipantRow.role == role)
    return q


def dyad_condition(a: str, b: str):
    """Events where ``a`` acts on ``b`` or ``b`` on ``a`` (exact names or codes)."""
    return or_(
        and_(EventRow.pk.in_(participant_events(a, True, "actor")),
             EventRow.pk.in_(participant_events(b, True, "recipient"))),
        and_(EventRow.pk.in_(participant_events(b, True, "actor")),
             EventRow.pk.in_(participant_events(a, True, "recipient"))),
    )


def count_of(q: Select):
    return select(func.count()).select_from(q.order_by(None).subquery())
