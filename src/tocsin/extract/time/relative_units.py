"""Calendar units named relative to publication or the discourse: "last week", "this year",
"the next day", "the previous month", "that same week", "the weekend"."""
from __future__ import annotations

import re
from typing import Optional

from tocsin.extract.time.calendar import ORDER, Point, floor
from tocsin.extract.time.durations import duration_value
from tocsin.extract.time.grammar import Candidate
from tocsin.extract.time.reading import key, pod_suffix, position_mod, trim_mod, type_of
from tocsin.extract.time.resolution import PUBLISHED, Env, Resolved


def _capital(c: Candidate, env: Env, group: str) -> bool:
    """Whether a matched group starts with a capital as the parser read the text (all-capitals
    text truecased): "This Week" is a title, "THIS YEAR" in a capitals story is not."""
    word = c.groups.get(group) or ""
    cased = env.cased(c.start, c.end)
    at = cased.lower().find(word.lower())
    return (cased[at:at + 1] if at >= 0 else word[:1]).isupper()


def norm_rel_unit(c: Candidate, env: Env) -> Optional[Resolved]:
    g = c.groups
    dct = env.dct
    mod, start = position_mod(c), trim_mod(c, env)
    unit = key(g["unit"])
    if c.rule.name == "year_end":
        yend = key(g["yend"])
        if dct is None:
            return Resolved("DATE", None, mod, None, start)
        if yend == "end":
            p = floor(dct, unit)
            return Resolved("DATE", p.value(), "END", PUBLISHED, start)
        if unit == "year":
            a = env.anchor(gran="quarter", unshifted=True, ended=True)
            if a is not None:
                return Resolved("DATE", a.point.shift(-4).value(), mod, a.index, start, shifted=True)
            return Resolved("DATE", str(dct.year - 1), mod, PUBLISHED, start)
        return Resolved("DATE", floor(dct, unit).shift(-1).value(), mod, PUBLISHED, start)
    rel = key(g["rel"])
    if _capital(c, env, "unit") and _capital(c, env, "rel") and c.start != env.sent_start:
        return None                                    # a title: ABC's "This Week"
    pods = {"morning", "afternoon", "evening", "night"}
    gran = "day" if unit in pods else unit
    suffix = pod_suffix(unit) if unit in pods else ""
    if rel in ("the past", "the last") and not mod:
        if unit == "year":
            if dct is None:
                return Resolved("DATE", None, mod, None, start)
            return Resolved("DATE", str(dct.year - 1), mod, PUBLISHED, start)
        if unit in pods:
            return None
        return Resolved("DURATION", duration_value(1, unit), mod, None, start)
    anchor_rel = {"the previous": -1, "the prior": -1, "the preceding": -1, "the following": 1,
                  "the same": 0, "that same": 0, "that": 0}
    dct_rel = {"last": -1, "this past": -1, "the past": -1, "the last": -1, "this": 0, "the current": 0,
               "the present": 0, "the whole": 0, "the entire": 0, "the full": 0, "next": 1,
               "this coming": 1, "the coming": 1, "the new": 1, "the latest": -1, "the most recent": -1}
    if rel == "the next":
        if gran == "day" or env.tense == "past":
            anchor_rel["the next"] = 1
        else:
            dct_rel["the next"] = 1
    if rel == "the":
        return _norm_the_unit(c, env, unit, gran, suffix, mod, start)
    if rel in anchor_rel:
        a = env.anchor()
        if a is not None and ORDER.index(a.point.gran) <= ORDER.index(gran if gran != "weekend" else "week"):
            p = a.point.coarser(gran).shift(anchor_rel[rel])
            p = Point(p.gran, p.start, suffix)
            return Resolved(type_of(p.value()), p.value(), mod, a.index, start)
        if rel in ("that", "the same", "that same"):
            if a is not None:
                # "that day" after "in October": the known parts kept, the rest unspecified
                v = underspecified(a.point, gran)
                return Resolved("DATE", v, mod, a.index if v else None, start)
            return Resolved("DATE", None, mod, None, start)
        dct_rel[rel] = anchor_rel[rel]
    if rel not in dct_rel:
        return None
    if dct is None:
        return Resolved("DATE", None, mod, None, start)
    if gran == "weekend":
        base = floor(dct, "week")
        if rel in ("last", "this past"):
            p = Point("weekend", base.start if dct.isoweekday() == 7 and False else base.shift(-1).start)
        elif rel in ("next", "this coming", "the coming"):
            p = Point("weekend", base.shift(1).start if dct.isoweekday() >= 6 else base.start)
        else:
            p = Point("weekend", base.start)
        return Resolved("DATE", p.value(), mod, PUBLISHED, start)
    if gran == "decade":
        p = floor(dct, "decade").shift(dct_rel[rel])
    else:
        p = floor(dct, gran).shift(dct_rel[rel])
    p = Point(p.gran, p.start, suffix)
    return Resolved(type_of(p.value()), p.value(), mod, PUBLISHED, start)


def _norm_the_unit(c, env, unit, gran, suffix, mod, start) -> Optional[Resolved]:
    """'the year', 'the week', 'the weekend', 'the morning' (no last/next/this)."""
    dct = env.dct
    prev = env.text[max(0, c.start - 12):c.start].lower()
    if unit == "night":
        return None                                    # "the night" rarely names a date
    if unit in ("morning", "afternoon", "evening"):
        a = env.anchor()
        if a is not None and a.point.gran == "day":
            p = Point("day", a.point.start, suffix)
            return Resolved("TIME", p.value(), mod, a.index, start)
        return None
    if unit == "day" and not mod:
        return None
    if dct is None:
        return Resolved("DATE", None, mod, None, start)
    if unit == "year" and not mod and re.search(r"\b(for|over|through|throughout)\s+$", prev):
        return Resolved("DURATION", "P1Y", mod, None, start)
    if gran == "weekend":
        base = floor(dct, "week")
        if env.tense == "future":
            p = Point("weekend", base.start if dct.isoweekday() < 6 else base.shift(1).start)
        else:
            p = Point("weekend", base.start if dct.isoweekday() >= 6 else base.shift(-1).start)
        return Resolved("DATE", p.value(), mod, PUBLISHED, start)
    if unit == "week":
        # "for the week", "during the week": a week the text does not pin down (TimeML: the
        # known year with the week left unspecified)
        return Resolved("DATE", f"{dct.year}-WXX", mod, PUBLISHED, start)
    if unit in ("month", "year", "decade", "day"):
        p = floor(dct, gran)
        return Resolved("DATE", p.value(), mod, PUBLISHED, start)
    return None


def underspecified(p: Point, gran: str) -> Optional[str]:
    """A ``gran`` period inside the coarser period ``p``, known only as far as ``p`` goes
    (TimeML X placeholders): a day in October 1998 is ``1998-10-XX``, a week in 1998
    ``1998-WXX``, a month in 1998 ``1998-XX``."""
    y = p.start.year
    if gran == "day":
        return f"{y}-{p.start.month:02d}-XX" if p.gran == "month" else f"{y}-XX-XX"
    if gran in ("week", "weekend"):
        return f"{y}-WXX"
    if gran == "month":
        return f"{y}-XX"
    return None
