"""Which period a relative expression names: the candidate periods picked by the tense
(past looks back from the reference date, future forward, present takes the nearest)."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Optional

from tocsin.extract.time.calendar import Point


def pick_period(cands: list[Point], dct: date, tense: Optional[str], default: str = "past") -> Optional[Point]:
    """Among candidate periods, the one the tense points to relative to publication."""
    ref = dct
    if not cands:
        return None
    direction = {"past": "past", "future": "future"}.get(tense or "", default)

    def contains_or_before(p: Point) -> bool:
        return p.start <= ref

    if direction == "past":
        ok = [p for p in cands if contains_or_before(p)]
        return max(ok, key=lambda p: p.start) if ok else min(cands, key=lambda p: p.start)
    if direction == "future":
        ok = [p for p in cands if _end(p) > ref]
        return min(ok, key=lambda p: p.start) if ok else max(cands, key=lambda p: p.start)
    # nearest
    return min(cands, key=lambda p: (_distance(p, ref), -p.start.toordinal()))


def _end(p: Point) -> date:
    return p.shift(1).start


def _distance(p: Point, d: date) -> int:
    if p.start <= d < _end(p):
        return 0
    return min(abs((p.start - d).days), abs((_end(p) - timedelta(days=1) - d).days))


def weekday_near(ref: date, wd: int, how: str) -> date:
    """The weekday ``wd`` (1 = Monday) relative to ``ref``: on_or_before, on_or_after,
    before, after, same_week, nearest."""
    delta = wd - ref.isoweekday()
    if how == "same_week":
        return ref + timedelta(days=delta)
    back = (ref.isoweekday() - wd) % 7
    fwd = (wd - ref.isoweekday()) % 7
    if how == "on_or_before":
        return ref - timedelta(days=back)
    if how == "on_or_after":
        return ref + timedelta(days=fwd)
    if how == "before":
        return ref - timedelta(days=back or 7)
    if how == "after":
        return ref + timedelta(days=fwd or 7)
    # nearest; a tie (3 vs 4 days) goes back
    return ref - timedelta(days=back) if back <= fwd else ref + timedelta(days=fwd)


def pick_day(cands: list[Point], dct: date, tense: Optional[str]) -> Point:
    """A month-day without a year: the one behind publication or the one ahead, whichever is
    nearer, weighted by the tense (past: ahead only when four times nearer; future: behind only
    when four times nearer; otherwise news looks back unless ahead is twice as near)."""
    back = max((p for p in cands if p.start <= dct), key=lambda p: p.start, default=None)
    ahead = min((p for p in cands if p.start > dct), key=lambda p: p.start, default=None)
    if back is None or ahead is None:
        return back or ahead
    db, da = (dct - back.start).days, (ahead.start - dct).days
    if tense == "future":
        return back if 4 * db < da else ahead
    if tense == "past":
        return ahead if 4 * da < db else back
    return ahead if 2 * da < db else back


def weekday_how(tense: Optional[str]) -> str:
    """News reports what happened: a weekday looks back unless the verb says future
    (present tense: the nearest, "talks open Friday")."""
    return {"future": "on_or_after", "present": "nearest"}.get(tense or "", "on_or_before")
