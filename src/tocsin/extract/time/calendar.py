"""Calendar points as TIMEX3 values: a granularity plus the first day of the period.

``Point("week", date(2019, 12, 23))`` prints as ``2019-W52``; shifting by whole units keeps
the granularity. ``parse_value`` reads a TIMEX3 value back (for discourse anchoring).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional

from dateutil.relativedelta import relativedelta

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
MONTH_SEASON = {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU", 9: "FA", 10: "FA", 11: "FA",
                12: "WI", 1: "WI", 2: "WI"}
# granularity -> (relativedelta keyword, amount) for one step
STEP = {
    "day": ("days", 1), "week": ("weeks", 1), "weekend": ("weeks", 1), "month": ("months", 1),
    "quarter": ("months", 3), "half": ("months", 6), "season": ("months", 3), "year": ("years", 1),
    "decade": ("years", 10), "century": ("years", 100),
}
ORDER = ["day", "weekend", "week", "month", "season", "quarter", "half", "year", "decade", "century"]
MIN_YEAR, MAX_YEAR = 1000, 2200


@dataclass(frozen=True)
class Point:
    gran: str
    start: date
    suffix: str = ""   # a part of day or clock time after a day: "TMO", "T10:00"

    def value(self) -> Optional[str]:
        d = self.start
        if not MIN_YEAR <= d.year <= MAX_YEAR:
            return None
        g = self.gran
        if g == "day":
            return d.isoformat() + self.suffix
        if g in ("week", "weekend"):
            y, w, _ = d.isocalendar()
            return f"{y}-W{w:02d}" + ("-WE" if g == "weekend" else "")
        if g == "month":
            return f"{d.year}-{d.month:02d}"
        if g == "quarter":
            return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
        if g == "half":
            return f"{d.year}-H{1 if d.month <= 6 else 2}"
        if g == "season":
            code = MONTH_SEASON[d.month]
            return f"{d.year}-{code}"
        if g == "year":
            return f"{d.year}"
        if g == "decade":
            return f"{d.year // 10}"
        if g == "century":
            return f"{d.year // 100}"
        return None

    def shift(self, n: int, gran: Optional[str] = None) -> "Point":
        """``n`` steps of ``gran`` (default: this point's own granularity)."""
        kw, amount = STEP[gran or self.gran]
        try:
            return Point(self.gran, self.start + relativedelta(**{kw: n * amount}), self.suffix)
        except (OverflowError, ValueError):
            return Point(self.gran, date(1, 1, 1))

    def coarser(self, gran: str) -> "Point":
        """This point seen at a coarser granularity (a day -> its month)."""
        return floor(self.start, gran)


def floor(d: date, gran: str) -> Point:
    """The period of granularity ``gran`` containing day ``d``."""
    if gran == "day":
        return Point("day", d)
    if gran in ("week", "weekend"):
        return Point(gran, d - timedelta(days=d.weekday()))
    if gran == "month":
        return Point("month", d.replace(day=1))
    if gran == "quarter":
        return Point("quarter", date(d.year, (d.month - 1) // 3 * 3 + 1, 1))
    if gran == "half":
        return Point("half", date(d.year, 1 if d.month <= 6 else 7, 1))
    if gran == "season":
        m = d.month
        if m <= 2:
            return Point("season", date(d.year - 1, 12, 1))
        return Point("season", date(d.year, (m - 3) // 3 * 3 + 3, 1))
    if gran == "year":
        return Point("year", date(d.year, 1, 1))
    if gran == "decade":
        return Point("decade", date(d.year // 10 * 10 or 10, 1, 1))
    if gran == "century":
        return Point("century", date(max(1, d.year // 100 * 100), 1, 1))
    raise ValueError(gran)


def season_point(year: int, code: str) -> Point:
    return Point("season", date(year, SEASON_START[code], 1))


_VALUE = [
    (re.compile(r"^(\d{4})-(\d\d)-(\d\d)(T.*)?$"), "day"),
    (re.compile(r"^(\d{4})-W(\d\d)(-WE)?$"), "week"),
    (re.compile(r"^(\d{4})-(\d\d)$"), "month"),
    (re.compile(r"^(\d{4})-Q([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})-H([12])$"), "half"),
    (re.compile(r"^(\d{4})-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^(\d{3})$"), "decade"),
]


def parse_value(value: Optional[str]) -> Optional[Point]:
    """A TIMEX3 value of a calendar period back as a Point (None for durations, refs, X's)."""
    if not value:
        return None
    for rx, gran in _VALUE:
        m = rx.match(value)
        if not m:
            continue
        y = int(m.group(1))
        try:
            if gran == "day":
                return Point("day", date(y, int(m.group(2)), int(m.group(3))))
            if gran == "week":
                return Point("weekend" if m.group(3) else "week", date.fromisocalendar(y, int(m.group(2)), 1))
            if gran == "month":
                return Point("month", date(y, int(m.group(2)), 1))
            if gran == "quarter":
                return Point("quarter", date(y, 3 * int(m.group(2)) - 2, 1))
            if gran == "half":
                return Point("half", date(y, 1 if m.group(2) == "1" else 7, 1))
            if gran == "season":
                return season_point(y, m.group(2))
            if gran == "year":
                return Point("year", date(y, 1, 1))
            if gran == "decade":
                return Point("decade", date(y * 10, 1, 1))
        except ValueError:
            return None
    return None


def valid_day(y: int, m: int, d: int) -> Optional[date]:
    try:
        if not MIN_YEAR <= y <= MAX_YEAR:
            return None
        return date(y, m, d)
    except ValueError:
        return None
