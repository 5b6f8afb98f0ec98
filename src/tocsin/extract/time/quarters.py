"""Fiscal quarters and halves ("the third quarter", "the year-earlier period", "the first half")."""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

from tocsin.extract.time.calendar import Point, floor
from tocsin.extract.time.direction import pick_period
from tocsin.extract.time.grammar import Candidate
from tocsin.extract.time.reading import key, position_mod, trim_mod
from tocsin.extract.time.resolution import PUBLISHED, Env, Resolved


_QORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
         "final": 4}
_EARLIER = ("year-earlier", "year-ago", "year earlier", "year ago", "comparable", "corresponding")


def _last_completed_quarter(dct: date) -> Point:
    return floor(dct, "quarter").shift(-1)


def norm_quarter(c: Candidate, env: Env) -> Optional[Resolved]:
    g = c.groups
    dct = env.dct
    mod, start = position_mod(c), trim_mod(c, env)
    qmods = key(g.get("qmods"))
    det = key(g.get("det"))
    qu = key(g["qu"])
    qword = key(g.get("q"))
    q = _QORD.get(qword)
    year_m = re.search(r"\b(1\d\d\d|20\d\d)\b", qmods)
    y = int(year_m.group(1)) if year_m else (int(g["y2"]) if g.get("y2") else None)
    if qword == "last":
        # "the last half of 1989" is the second half; "the last quarter" alone the previous one
        if qu == "half" or y is not None:
            q = 2 if qu == "half" else 4
        else:
            det = "last"
    earlier = any(e in qmods for e in _EARLIER) or bool(g.get("agodir"))
    if g.get("plural"):
        if q and qu == "quarter":
            return Resolved("SET", f"XXXX-Q{q}", mod, None, start)   # "fourth quarters"
        return None
    if qu == "half":
        if q not in (1, 2):
            return None
        if y is None and re.match(r"\s+of\b", env.text[c.end:c.end + 4]):
            return None                                # "the first half of the '80s", "of the game"
        if y is None:
            if dct is None:
                return Resolved("DATE", None, mod, None, start)
            cands = [Point("half", date(dct.year + k, 1 if q == 1 else 7, 1)) for k in (-1, 0, 1)]
            p = pick_period(cands, dct, env.tense)
            anchor = PUBLISHED
        else:
            p, anchor = Point("half", date(y, 1 if q == 1 else 7, 1)), None
        if earlier:
            p = p.shift(-2)
        return Resolved("DATE", p.value(), mod, anchor, start)
    if not q and not qmods and det not in ("the", "its", "this", "last", "next", "that", "their"):
        return None
    if det == "a" and not q:
        return None
    if qu == "period" and not q and not qmods:
        return None
    anchor = PUBLISHED
    if "this year's" in qmods:
        y = dct.year if dct else None
    elif "last year's" in qmods:
        y = dct.year - 1 if dct else None
    elif "next year's" in qmods:
        y = dct.year + 1 if dct else None
    if q:
        if y is not None:
            p, anchor = Point("quarter", date(y, 3 * q - 2, 1)), None
        else:
            if dct is None:
                return Resolved("DATE", None, mod, None, start)
            here = floor(dct, "quarter")
            cands = [Point("quarter", date(dct.year + k, 3 * q - 2, 1)) for k in (-1, 0, 1)]
            if det == "last":
                p = max((x for x in cands if x.start < here.start), key=lambda x: x.start)
            elif det == "next":
                p = min((x for x in cands if x.start > here.start), key=lambda x: x.start)
            else:
                # the quarter of this year, or of last year when this year's is still to come
                p = max((x for x in cands if x.start <= here.start), key=lambda x: x.start)
    else:
        if y is not None:
            a = env.anchor(gran="quarter", unshifted=True)
            if a is not None:
                p, anchor = Point("quarter", date(y, a.point.start.month, 1)), a.index
            elif qu == "period":
                p, anchor = Point("year", date(y, 1, 1)), None
            else:
                p, anchor = Point("quarter", date(y, _last_completed_quarter(dct).start.month if dct else 1, 1)), None
        else:
            if dct is None:
                return Resolved("DATE", None, mod, None, start)
            a = env.anchor(gran="quarter", unshifted=True, ended=earlier)
            if det == "last" or "previous" in qmods or "prior" in qmods:
                p = (a.point if a else floor(dct, "quarter")).shift(-1)
                anchor = a.index if a else PUBLISHED
            elif det == "next":
                p = floor(dct, "quarter").shift(1)
            elif "current" in qmods or det == "this":
                p = floor(dct, "quarter")
            elif a is not None and not ("latest" in qmods or "recent" in qmods):
                p, anchor = a.point, a.index
            else:
                p = _last_completed_quarter(dct)
    if earlier:
        p = p.shift(-4)
    return Resolved("DATE", p.value(), mod, anchor, start, shifted=earlier)
