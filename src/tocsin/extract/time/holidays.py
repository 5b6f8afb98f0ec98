"""Holidays ("Christmas", "Thanksgiving", "Easter") from the rules in lexicon.yaml."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Optional

from tocsin.extract.time import lexicon as lx
from tocsin.extract.time.calendar import floor, valid_day
from tocsin.extract.time.direction import pick_period
from tocsin.extract.time.grammar import Candidate
from tocsin.extract.time.reading import capitalised, key, position_mod, trim_mod, year_of
from tocsin.extract.time.resolution import PUBLISHED, Env, Resolved


def _holiday_date(spec, year: int) -> Optional[date]:
    from dateutil.easter import easter

    if spec == "easter":
        return easter(year)
    if isinstance(spec, str):
        m, d = spec.split("-")
        return valid_day(year, int(m), int(d))
    if "easter" in spec:
        return easter(year) + timedelta(days=int(spec["easter"]))
    month, wd, nth = spec["month"], spec["weekday"], spec["nth"]
    if nth > 0:
        first = date(year, month, 1)
        d = first + timedelta(days=(wd - first.isoweekday()) % 7) + timedelta(weeks=nth - 1)
        if spec.get("after_monday"):      # election day: the Tuesday after the first Monday
            mon1 = first + timedelta(days=(1 - first.isoweekday()) % 7)
            d = mon1 + timedelta(days=1)
        return d
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1))
    return last - timedelta(days=(last.isoweekday() - wd) % 7)


def norm_holiday(c: Candidate, env: Env) -> Optional[Resolved]:
    g = c.groups
    word = g["hol"]
    if not capitalised(word.lstrip("the ").strip() or word) and not word.lower().startswith("the"):
        return None
    spec = lx.lexicon()["holidays"].get(key(word))
    if spec is None:
        return None
    mod, start = position_mod(c), trim_mod(c, env)
    # "Easter week", "the Thanksgiving weekend": the week (weekend) the holiday falls in
    gran = key(g.get("holweek")) or "day"
    y = year_of(g.get("y"), env.dct) if g.get("y") else None
    if y:
        d = _holiday_date(spec, y)
        return Resolved("DATE", floor(d, gran).value() if d else None, mod, None, start)
    if env.dct is None:
        return Resolved("DATE", None, mod, None, start)
    dct = env.dct
    cands = [floor(d, gran) for d in (_holiday_date(spec, dct.year + k) for k in (-1, 0, 1)) if d]
    rel = key(g.get("rel"))
    if rel in ("last", "this past"):
        p = max((p for p in cands if p.start < dct), key=lambda p: p.start)
    elif rel in ("next", "this coming"):
        p = min((p for p in cands if p.start > dct), key=lambda p: p.start)
    else:
        p = pick_period(cands, dct, env.tense, default="nearest")
    return Resolved("DATE", p.value(), mod, PUBLISHED, start)
