"""Reported events flattened for the analyses: one :class:`Observation` per coded event of an
article, with its date as an interval, its participants reduced to sides, and its intensity.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable, Optional

from tocsin.analyse.config import dedupe_config, types_config
from tocsin.analyse.sides import ActorInfo, actor_info
from tocsin.record import Event, Record


@dataclass(frozen=True)
class Observation:
    """One article's report of one event."""

    article_id: str
    event_id: str
    source: Optional[str]
    title: Optional[str]
    url: Optional[str]
    published: Optional[date]
    type: str
    family: str
    trigger: str
    mode: Optional[str]
    actors: tuple[ActorInfo, ...]
    recipients: tuple[ActorInfo, ...]
    lo: Optional[date]  # earliest day it may have happened
    hi: Optional[date]  # latest day
    dated: bool  # the text gives the date (not a fallback to publication)
    precision: str
    date_value: Optional[str]
    date_text: Optional[str]
    place: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    country: Optional[str]
    loc_precision: Optional[str]
    dead: Optional[int]
    injured: Optional[int]
    arrested: Optional[int]
    modality: str
    intensity: float
    confidence: float
    actor_sides: frozenset = frozenset()  # states the actors stand for (own and patron)
    recipient_sides: frozenset = frozenset()

    @property
    def key(self) -> tuple[str, str]:
        return (self.article_id, self.event_id)

    @property
    def day(self) -> Optional[date]:
        """The day it happened when the text says so exactly."""
        return self.lo if self.dated and self.lo == self.hi else None


def _iso(s: Optional[str]) -> Optional[date]:
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


_SEASONS = {"WI": (12, 2), "SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11)}


def _month_end(y: int, m: int) -> date:
    return (date(y + (m == 12), m % 12 + 1, 1)) - timedelta(days=1)


def timex_interval(value: Optional[str]) -> Optional[tuple[date, date, str]]:
    """The days a TIMEX3 date value covers: ``2019-12-27``, ``2019-W52``, ``2019-12``, ``2019-Q4``,
    ``2019-SU``, ``2019``, ``201`` (decade). ``None`` for anything else (``PAST_REF``, ``P2D``)."""
    if not value:
        return None
    v = value.strip().upper()
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(T.*)?", v):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d, "day"
        if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", v):
            lo = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:  # the weekend
                return lo + timedelta(days=5), lo + timedelta(days=6), "week"
            return lo, lo + timedelta(days=6), "week"
        if m := re.fullmatch(r"(\d{4})-(\d{2})", v):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1), _month_end(y, mo), "month"
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
            y, q = int(m[1]), int(m[2])
            return date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter"
        if m := re.fullmatch(r"(\d{4})-(WI|SP|SU|FA|AU)", v):
            y = int(m[1])
            a, b = _SEASONS[m[2]]
            if m[2] == "WI":
                return date(y - 1, 12, 1), _month_end(y, 2), "season"
            return date(y, a, 1), _month_end(y, b), "season"
        if m := re.fullmatch(r"(\d{4})", v):
            y = int(m[1])
            return date(y, 1, 1), date(y, 12, 31), "year"
        if m := re.fullmatch(r"(\d{3})", v):
            y = int(m[1]) * 10
            return date(y, 1, 1), date(y + 9, 12, 31), "decade"
    except ValueError:
        return None
    return None


def _participants(parts, entities: dict) -> tuple[ActorInfo, ...]:
    out = []
    for p in parts:
        ent = entities.get(p.entity_id) if p.entity_id else None
        out.append(actor_info(p.name, p.code or (ent.code if ent else None),
                              ent.name if ent else None, ent.country if ent else None,
                              ent.kind if ent else None))
    return tuple(out)


def observe(rec: Record, ev: Event) -> Observation:
    """Flatten one event of a record."""
    cfg, types = dedupe_config(), types_config()
    art = rec.article
    published = _iso(art.published)
    entities = {e.id: e for e in rec.entities}
    d = ev.date
    iv = None if d is None or d.source == "published" else timex_interval(d.value)
    if iv is not None and d is not None and d.precision == "unknown" and published and iv[0] == published:
        iv = None  # a silent fallback to the publication date
    if iv is not None:
        lo, hi, precision = iv
        dated = True
    elif published is not None:
        lo, hi = published - timedelta(days=cfg.undated_lookback_days), published
        precision, dated = "unknown", False
    else:
        lo = hi = None
        precision, dated = "unknown", False
    loc = ev.location
    intensity = ev.intensity if ev.intensity is not None else types.intensity.get(ev.type, 0.0)
    actors, recipients = _participants(ev.actors, entities), _participants(ev.recipients, entities)
    return Observation(
        article_id=art.id, event_id=ev.id, source=art.source, title=art.title, url=art.url,
        published=published, type=ev.type, family=types.family(ev.type), trigger=ev.trigger.text, mode=ev.mode,
        actors=actors, recipients=recipients,
        actor_sides=frozenset().union(*(p.sides(True) for p in actors)),
        recipient_sides=frozenset().union(*(p.sides(True) for p in recipients)),
        lo=lo, hi=hi, dated=dated, precision=precision,
        date_value=d.value if d else None, date_text=d.text if d else None,
        place=loc.name if loc else None, lat=loc.lat if loc else None, lon=loc.lon if loc else None,
        country=(loc.country or None) if loc else None, loc_precision=loc.precision if loc else None,
        dead=ev.dead, injured=ev.injured, arrested=ev.arrested, modality=ev.modality,
        intensity=float(intensity), confidence=ev.confidence,
    )


def observations(records: Iterable[Record]) -> list[Observation]:
    """Every event of ``records`` that happened (asserted or claimed, per ``dedupe.yaml``)."""
    keep = set(dedupe_config().modalities)
    out = []
    for rec in records:
        for ev in rec.events:
            if ev.modality in keep:
                out.append(observe(rec, ev))
    return out
