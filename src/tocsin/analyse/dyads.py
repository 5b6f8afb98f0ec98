"""Dyad timelines: per actor pair and period (day or ISO week), what each side did to the other,
counted over deduplicated incidents (one incident counts once however many outlets report it):
counts by PLOVER type and the summed intensity (conflict < 0 < cooperation), both directions.

Actors are compared at ``level="country"`` (the state an actor belongs to; with ``aligned=True``
an armed group counts for its patron state, so Kataib Hezbollah is on Iran's side) or at
``level="full"`` (the full actor code, ``USAMIL``, ``IRQREB``; a query code matches every code
it begins).
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Iterable, Literal, Optional, Sequence, Union

from tocsin.analyse.dedupe import incidents as incidents_of
from tocsin.analyse.models import DirectionCounts, DyadPeriod, DyadSummary, DyadTimeline, Incident, Side
from tocsin.errors import UsageError
from tocsin.record import Record

Level = Literal["country", "full"]
Period = Literal["day", "week"]


def as_incidents(items: Union[Iterable[Record], Iterable[Incident]]) -> list[Incident]:
    """Incidents, from records (deduplicated here) or from incidents already built."""
    items = list(items)
    if items and isinstance(items[0], Incident):
        return items  # type: ignore[return-value]
    return incidents_of(items)  # type: ignore[arg-type]


def side_code(s: Side, level: Level, aligned: bool) -> Optional[str]:
    """What a participant counts as in a dyad."""
    if level == "full":
        code = s.code if s.code and not s.code.startswith(("---", "UNK")) else None
        return code or s.country
    if aligned and s.patrons:
        return s.patrons[0]
    return s.country


def directed_pairs(inc: Incident, level: Level = "country", aligned: bool = True) -> set[tuple[str, str]]:
    """The (actor side, recipient side) pairs of an incident, self-pairs left out."""
    acts = {side_code(s, level, aligned) for s in inc.actors}
    recs = {side_code(s, level, aligned) for s in inc.recipients}
    return {(a, r) for a in acts for r in recs if a and r and a != r}


def incident_day(inc: Incident) -> Optional[date]:
    """The day an incident is placed on in timelines and alerts: its day (or the first day of its
    week); an undated incident goes on the day of its first report; an incident known only to
    the month or year is not placed (None)."""
    if inc.precision in ("day", "week"):
        values = (inc.date, inc.date_first)
    elif inc.precision is None:
        values = (inc.first_report,)
    else:
        return None
    for v in values:
        if v and len(v) >= 10:
            try:
                return date.fromisoformat(v[:10])
            except ValueError:
                continue
    return None


def period_of(d: date, period: Period) -> tuple[str, date, date]:
    """Label, first and last day of the period holding ``d``."""
    if period == "day":
        return d.isoformat(), d, d
    if period == "week":
        y, w, _ = d.isocalendar()
        start = d - timedelta(days=d.weekday())
        return f"{y}-W{w:02d}", start, start + timedelta(days=6)
    raise UsageError(f"period must be day or week, got {period!r}")


def _matches(code: str, query: str, level: Level) -> bool:
    q = query.strip().upper()
    return code.startswith(q) if level == "full" else code == q


def _add(dc: DirectionCounts, inc: Incident) -> None:
    dc.count += 1
    dc.by_type[inc.type] = dc.by_type.get(inc.type, 0) + 1
    v = inc.intensity or 0.0
    dc.intensity = round(dc.intensity + v, 2)
    if v < 0:
        dc.conflict = round(dc.conflict + v, 2)
    elif v > 0:
        dc.cooperation = round(dc.cooperation + v, 2)
    dc.incidents.append(inc.id)


def dyad_timeline(
    items: Union[Iterable[Record], Sequence[Incident]],
    a: str,
    b: str,
    period: Period = "week",
    level: Level = "country",
    aligned: bool = True,
    since: Optional[str] = None,
    until: Optional[str] = None,
) -> DyadTimeline:
    """The timeline of actor pair ``a``/``b``: one row per period from the pair's first incident to
    its last (empty periods included), both directions."""
    if period not in ("day", "week"):
        raise UsageError(f"period must be day or week, got {period!r}")
    if level not in ("country", "full"):
        raise UsageError(f"level must be country or full, got {level!r}")
    if not a or not b:
        raise UsageError("a dyad needs two actor codes")
    lo = _parse_day(since, "since")
    hi = _parse_day(until, "until")
    rows: dict[str, DyadPeriod] = {}
    for inc in as_incidents(items):
        d = incident_day(inc)
        if d is None or (lo and d < lo) or (hi and d > hi):
            continue
        pairs = directed_pairs(inc, level, aligned)
        ab = any(_matches(x, a, level) and _matches(y, b, level) for x, y in pairs)
        ba = any(_matches(x, b, level) and _matches(y, a, level) for x, y in pairs)
        if not (ab or ba):
            continue
        label, start, end = period_of(d, period)
        row = rows.get(label)
        if row is None:
            row = rows[label] = DyadPeriod(period=label, start=start.isoformat(), end=end.isoformat(),
                                           a_to_b=DirectionCounts(), b_to_a=DirectionCounts(), intensity=0.0)
        if ab:
            _add(row.a_to_b, inc)
        if ba:
            _add(row.b_to_a, inc)
        row.intensity = round(row.a_to_b.intensity + row.b_to_a.intensity, 2)
    periods = _fill(rows, period)
    return DyadTimeline(a=a.upper(), b=b.upper(), level=level, aligned=aligned, period=period, periods=periods)


def _parse_day(v: Optional[str], name: str) -> Optional[date]:
    if not v:
        return None
    try:
        return date.fromisoformat(v)
    except ValueError:
        raise UsageError(f"--{name}: invalid date {v!r} (expected YYYY-MM-DD)") from None


def _fill(rows: dict[str, DyadPeriod], period: Period) -> list[DyadPeriod]:
    if not rows:
        return []
    ordered = sorted(rows.values(), key=lambda r: r.start)
    out = []
    d = date.fromisoformat(ordered[0].start)
    last = date.fromisoformat(ordered[-1].start)
    step = timedelta(days=1 if period == "day" else 7)
    while d <= last:
        label, start, end = period_of(d, period)
        out.append(rows.get(label) or DyadPeriod(period=label, start=start.isoformat(), end=end.isoformat(),
                                                 a_to_b=DirectionCounts(), b_to_a=DirectionCounts(), intensity=0.0))
        d += step
    return out


def dyads(
    items: Union[Iterable[Record], Sequence[Incident]],
    level: Level = "country",
    aligned: bool = True,
) -> list[DyadSummary]:
    """Every actor pair with at least one incident, most active first. ``a`` < ``b`` by code;
    ``a_to_b``/``b_to_a`` count the incidents in each direction."""
    acc: dict[tuple[str, str], dict] = defaultdict(lambda: {"ids": set(), "ab": 0, "ba": 0, "by_type": defaultdict(int),
                                                             "intensity": 0.0, "conflict": 0.0, "coop": 0.0,
                                                             "days": []})
    for inc in as_incidents(items):
        d = incident_day(inc)
        seen: set[tuple[str, str]] = set()
        for x, y in sorted(directed_pairs(inc, level, aligned)):
            key = (x, y) if x < y else (y, x)
            e = acc[key]
            if x < y:
                e["ab"] += 1
            else:
                e["ba"] += 1
            if key in seen:
                continue
            seen.add(key)
            e["ids"].add(inc.id)
            e["by_type"][inc.type] += 1
            v = inc.intensity or 0.0
            e["intensity"] += v
            e["conflict"] += min(v, 0.0)
            e["coop"] += max(v, 0.0)
            if d:
                e["days"].append(d)
    out = [
        DyadSummary(a=k[0], b=k[1], incidents=len(e["ids"]), a_to_b=e["ab"], b_to_a=e["ba"],
                    intensity=round(e["intensity"], 2), conflict=round(e["conflict"], 2),
                    cooperation=round(e["coop"], 2),
                    first=min(e["days"]).isoformat() if e["days"] else None,
                    last=max(e["days"]).isoformat() if e["days"] else None,
                    by_type=dict(sorted(e["by_type"].items())))
        for k, e in acc.items()
    ]
    out.sort(key=lambda s: (-s.incidents, s.conflict, s.a, s.b))
    return out
