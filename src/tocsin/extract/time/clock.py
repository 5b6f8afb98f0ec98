"""Clock times ("10:35 a.m.", "six o'clock in the evening") on the day they belong to."""
from __future__ import annotations

import re
from datetime import timedelta
from typing import Optional

from tocsin.extract.time import lexicon as lx
from tocsin.extract.time.calendar import Point, valid_day
from tocsin.extract.time.deictic import DEICTIC_SHIFT
from tocsin.extract.time.direction import pick_day, weekday_how, weekday_near
from tocsin.extract.time.grammar import Candidate
from tocsin.extract.time.reading import ahead_cued, key, mod_of
from tocsin.extract.time.resolution import PUBLISHED, Env, Resolved


_BOUND = re.compile(r"\b(?:since|until|till|through)\s+$", re.I)


def norm_clock(c: Candidate, env: Env) -> Optional[Resolved]:
    g = c.groups
    h = lx.number(g["h"]) if not g["h"].isdigit() else int(g["h"])
    if h is None or h != int(h):
        return None
    h = int(h)
    mi = int(g.get("mi") or 0)
    ampm = (g.get("ampm") or "").lower().replace(".", "")
    pod = key(g.get("pod"))
    if ampm or pod:
        if h > 12 or h == 0:
            return Resolved("TIME", None, mod_of(c))
        if (ampm == "pm" or pod in ("afternoon", "evening", "night")) and h != 12:
            h += 12
        if ampm == "am" and h == 12:
            h = 0
    if h > 24 or mi > 59:
        return Resolved("TIME", None, mod_of(c))
    day = env.dct
    anchor = PUBLISHED
    w = g.get("wd")
    if g.get("mon2"):                                  # "at 0630 on March 22"
        g = {**g, "mon": g["mon2"], "d": g["d2"], "y": g.get("y2")}
    if g.get("mon"):                                   # "5 p.m. EST Nov. 9", "at 0630 on 22 March"
        mon, d = lx.month_number(g["mon"]), lx.ordinal(g["d"])
        if g.get("y"):
            day, anchor = valid_day(int(g["y"]), mon, d), None
        elif day is not None and valid_day(2000, mon, d):
            cands = [Point("day", x) for x in (valid_day(day.year + k, mon, d) for k in (-1, 0, 1)) if x]
            day = pick_day(cands, day, env.tense).start
        else:
            day = None
    elif w and day is not None:
        k = key(w)
        if k in DEICTIC_SHIFT:
            day = day + timedelta(days=DEICTIC_SHIFT[k])
        else:
            wd = lx.weekday_number(w)
            day = weekday_near(day, wd, weekday_how("future" if ahead_cued(c, env) else env.tense))
    elif day is not None:
        # a bare clock time is on the day the story is telling: the last one named shortly before,
        # not the bound of a period ("a curfew in effect since 30 August")
        a = env.anchor(gran="day", within=5, skip=lambda p: bool(_BOUND.search(env.text[max(0, p.start - 8):p.start])))
        if a is not None:
            day, anchor = a.point.start, a.index
    if day is None:
        return Resolved("TIME", None, mod_of(c))
    v = f"{day.isoformat()}T{h:02d}:{mi:02d}"
    return Resolved("TIME", v, mod_of(c), anchor)
