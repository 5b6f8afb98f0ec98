"""Seasons ("the summer", "last winter", "spring 1998"); "spring" and "fall" only in a
temporal context."""
from __future__ import annotations

import re
from typing import Optional

from tocsin.extract.time import lexicon as lx
from tocsin.extract.time.calendar import floor, season_point
from tocsin.extract.time.grammar import Candidate
from tocsin.extract.time.reading import key, position_mod, trim_mod, year_of
from tocsin.extract.time.resolution import PUBLISHED, Env, Resolved


_SEASON_CONTEXT = re.compile(
    r"\b(in|during|over|since|until|till|by|through|throughout|this|last|next|that|early|late|mid|"
    r"before|after|from|of|past|coming)\s+(the\s+)?$", re.I)


def norm_season(c: Candidate, env: Env) -> Optional[Resolved]:
    g = c.groups
    dct = env.dct
    code = lx.lexicon()["seasons"][key(g["season"])]
    mod, start = position_mod(c), trim_mod(c, env)
    rel = key(g.get("rel"))
    ystr = g.get("y") or g.get("y2")
    if key(g["season"]) in lx.lexicon()["ambiguous_seasons"]:
        core = c.g("_core_start") if "_core_start" in c.groups else c.start
        strong = rel not in ("", "the") or ystr or g.get("pos")
        if not strong and not _SEASON_CONTEXT.search(env.text[max(0, core - 20):core]):
            return None
    if ystr:
        y = year_of(ystr, dct)
        if y is None:
            return Resolved("DATE", None, mod, None, start)
        return Resolved("DATE", season_point(y, code).value(), mod, None, start)
    if dct is None:
        return Resolved("DATE", None, mod, None, start)
    cands = [season_point(dct.year + k, code) for k in (-2, -1, 0, 1)]
    here = floor(dct, "season")
    anchor = PUBLISHED
    if rel in ("last", "the previous", "the past", "this past"):
        p = max((x for x in cands if x.start < here.start), key=lambda x: x.start)
        if rel == "this past" and code == here.value()[-2:]:
            p = here
    elif rel in ("next", "the following", "the coming", "this coming"):
        p = min((x for x in cands if x.start > here.start), key=lambda x: x.start)
    elif rel == "this":
        same = [x for x in cands if x.start == here.start]
        p = same[0] if same else season_point(dct.year, code)
    elif rel == "that":
        a = env.anchor()
        if a is None:
            return Resolved("DATE", None, mod, None, start)
        p, anchor = season_point(a.point.start.year, code), a.index
    elif env.tense == "future":
        p = min((x for x in cands if x.start >= here.start), key=lambda x: x.start)
    else:
        p = max((x for x in cands if x.start <= here.start), key=lambda x: x.start)
    return Resolved("DATE", p.value(), mod, anchor, start)
