"""Offsets from a reference: "two days ago" (publication), "a week later", "two days before
that" (the nearest preceding calendar timex in the discourse), "a year earlier" (the quarter
under discussion a year before)."""
from __future__ import annotations

import re
from typing import Optional

from tocsin.extract.time import lexicon as lx
from tocsin.extract.time.calendar import ORDER, floor
from tocsin.extract.time.durations import UNIT_GRAN, duration_value, unit_letter
from tocsin.extract.time.grammar import Candidate
from tocsin.extract.time.reading import key, mod_of, trim_mod, type_of
from tocsin.extract.time.resolution import PUBLISHED, Env, Resolved


def norm_offset(c: Candidate, env: Env) -> Optional[Resolved]:
    g = c.groups
    mod = mod_of(c)
    num = key(g["num"])
    n = 1.0 if num in ("the", "a", "that") else lx.number(g["num"])
    unit = key(g["unit"])
    letter, clock = unit_letter(unit)
    d = key(g["dir"])
    sign = -1 if d in ("ago", "earlier", "before", "back", "previously") else 1
    dct = env.dct
    followed = re.match(r"\s*[\w$]", env.text[c.end:c.end + 3]) is not None
    if (d in ("before", "after") and not g.get("that") and followed) or clock:
        # "two years after the war": a duration before a preposition, not a date
        if num in ("the", "that"):
            return None
        end = c.end - len(g["dir"])
        while end > c.start and env.text[end - 1].isspace():
            end -= 1
        if clock or d in ("before", "after"):
            start = None
            if g.get("mod") and key(g.get("mod")) in ("over", "under", "some") and not re.match(r"\d", g["num"]):
                start, mod = trim_mod(c, env), None
            return Resolved("DURATION", duration_value(n, g["unit"]), mod, None, start, end)
    m = re.fullmatch(r"(\d+)([A-Z]+)", letter)
    mult = 1
    if m:
        mult, letter = int(m.group(1)), m.group(2)
    gran = UNIT_GRAN.get(letter)
    if gran is None:
        return Resolved("DATE", None, mod)
    if n is None:
        if d in ("ago", "back", "earlier", "previously", "before"):
            return Resolved("DATE", "PAST_REF", mod)
        return Resolved("DATE", "FUTURE_REF", mod)
    if n != int(n):
        return Resolved("DATE", None, mod)
    steps = int(n) * mult * sign
    discourse = d in ("earlier", "later", "before", "after") or bool(g.get("that"))
    a = None
    if gran == "year" and int(n) == 1 and (d in ("ago", "earlier")):
        # "up from $2 a year ago/earlier": the same quarter a year before
        a = env.anchor(gran="quarter", within=2, unshifted=True, ended=True)
    if a is None and discourse:
        a = env.anchor(unshifted=gran == "year")
    if a is not None:
        p = a.point
        if ORDER.index(gran if gran != "weekend" else "week") < ORDER.index(p.gran if p.gran != "weekend" else "week"):
            return Resolved("DATE", None, mod, a.index)
        shifted = p.shift(steps, gran)
        if gran == "year" and p.gran not in ("quarter", "half", "year"):
            # TimeML: the offset's unit sets the granularity ("a year earlier" than a month or
            # day is that year); a fiscal quarter stays a quarter ("up from $2 a year earlier")
            shifted = floor(shifted.start, "year")
        return Resolved(type_of(shifted.value()), shifted.value(), mod, a.index, shifted=True)
    if dct is None:
        return Resolved("DATE", None, mod)
    p = floor(dct, gran).shift(steps, gran)
    return Resolved("DATE", p.value(), mod, PUBLISHED)
