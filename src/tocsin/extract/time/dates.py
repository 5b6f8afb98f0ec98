"""Month-day dates, months and weekdays ("May 5", "in May", "last March", "on Friday",
"the following Monday"), absolute or resolved against publication or the discourse."""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

from tocsin.extract.time import lexicon as lx
from tocsin.extract.time.calendar import Point, floor, valid_day
from tocsin.extract.time.direction import pick_day, weekday_how, weekday_near
from tocsin.extract.time.grammar import Candidate
from tocsin.extract.time.reading import (
    ahead_cued, capitalised, key, pod_suffix, position_mod, trim_mod, type_of, year_of,
)
from tocsin.extract.time.resolution import PUBLISHED, Env, Resolved


def _is_modal_may(c: Candidate, env: Env) -> bool:
    """'May' the modal verb ("May I", sentence-initial "May God ...")."""
    if env.doc is None:
        return False
    start = c.start if "_core_start" not in c.groups else c.g("_core_start")
    span = env.doc.char_span(start, start + 3, alignment_mode="expand")
    return bool(span is not None and len(span) and span[0].tag_ == "MD")


def norm_date(c: Candidate, env: Env) -> Optional[Resolved]:
    g = c.groups
    dct = env.dct
    mod = position_mod(c)
    start = trim_mod(c, env)
    mon_word, wd_word = g.get("mon"), g.get("wd")
    mon = lx.month_number(mon_word) if mon_word else None
    wd = lx.weekday_number(wd_word) if wd_word else None
    if mon_word and (not capitalised(mon_word) and not g.get("d")):
        return None
    if wd_word and not capitalised(wd_word):
        return None
    amb = lx.lexicon()["ambiguous_abbreviations"]
    for w in (mon_word, wd_word):
        if w and key(w) in amb and not w.endswith(".") and not g.get("d") and key(w) != "may":
            return None
    if mon_word and key(mon_word) == "may" and not g.get("d") and not g.get("y"):
        if _is_modal_may(c, env) or not capitalised(mon_word):
            return None
    if mon_word and key(mon_word) == "march" and not g.get("d") and not g.get("y") and not g.get("rel"):
        # "March" capitalised only at a sentence start may be the noun/verb; after an article
        # it names a march ("the annual March for Life", "the March of the Mothers")
        nxt = env.text[c.end:c.end + 12]
        if re.match(r"\s+(on|to|through|against|for|in|of)\b", nxt):
            before = env.text[max(env.sent_start, c.start - 12):c.start]
            if c.start == env.sent_start or re.search(r"\b(the|a|an|annual)\s+[`'\"‘“]*$", before, re.I):
                return None
    suffix = pod_suffix(g.get("pod"))
    if wd and not mon and suffix and key(g.get("pod")).endswith("s") and not g.get("rel"):
        return Resolved("SET", f"XXXX-WXX-{wd}{suffix}", None, None)   # "Tuesday nights": every one
    if g.get("h"):
        suffix = f"T{int(g['h']):02d}:{g['mi']}"

    def done(p: Optional[Point], anchor=PUBLISHED) -> Resolved:
        if p is None:
            return Resolved("DATE", None, mod, None, start)
        if g.get("weekof") and p.gran == "day":
            p = floor(p.start, "week")                  # "the week of March 6"
        p = Point(p.gran, p.start, suffix if p.gran == "day" else "")
        v = p.value()
        return Resolved(type_of(v), v, mod, anchor if v else None, start)

    y = year_of(g.get("y"), dct) if g.get("y") else None
    if g.get("y") and y is None:
        return Resolved("DATE", None, mod, None, start)
    if c.rule.name == "slash_date":
        m, d = int(g["m"]), int(g["d"])
        y = year_of(g["y"], dct)
        day = valid_day(y, m, d) if y else None
        return done(Point("day", day) if day else None, None)
    if c.rule.name == "iso_date":
        day = valid_day(int(g["y"]), int(g["m"]), int(g["d"]))
        return done(Point("day", day) if day else None, None)
    d = lx.ordinal(g["d"]) if g.get("d") else None
    if mon and d:
        if y:
            day = valid_day(y, mon, d)
            return done(Point("day", day) if day else None, None)
        if valid_day(2000, mon, d) is None:         # February 30
            return done(None)
        if dct is None:
            return done(None)
        cands = [Point("day", x) for x in (valid_day(dct.year + k, mon, d) for k in (-1, 0, 1)) if x]
        if wd:
            same = [p for p in cands if p.start.isoweekday() == wd]
            if same:
                cands = same
        return done(pick_day(cands, dct, "future" if ahead_cued(c, env) else env.tense))
    if mon:
        if y:
            return done(Point("month", date(y, mon, 1)), None)
        if dct is None:
            return done(None)
        if g.get("yrel"):
            dy = {"last": -1, "this": 0, "next": 1}[key(g["yrel"])]
            return done(Point("month", date(dct.year + dy, mon, 1)))
        cands = [Point("month", date(dct.year + k, mon, 1)) for k in (-1, 0, 1)]
        here = date(dct.year, dct.month, 1)
        rel = key(g.get("rel"))
        if rel in ("last", "this past", "the previous"):
            ok = [p for p in cands if p.start < here]
            return done(max(ok, key=lambda p: p.start))
        if rel in ("next", "this coming", "the following"):
            ok = [p for p in cands if p.start > here]
            return done(min(ok, key=lambda p: p.start))
        if rel == "this":
            return done(Point("month", date(dct.year, mon, 1)))
        if rel == "that":
            a = env.anchor()
            return done(Point("month", date(a.point.start.year, mon, 1)), a.index) if a else done(None)
        tense = "future" if ahead_cued(c, env) else env.tense
        if tense == "future":
            ok = [p for p in cands if p.start >= here]
            return done(min(ok, key=lambda p: p.start))
        if tense == "present":
            return done(min(cands, key=lambda p: (abs((p.start - here).days), p.start > here)))
        ok = [p for p in cands if p.start <= here]
        return done(max(ok, key=lambda p: p.start))
    if wd:
        rel = key(g.get("rel"))
        if rel in ("the previous", "the following", "the next", "that"):
            a = env.anchor()
            if a is not None and a.point.gran == "day":
                how = {"the previous": "before", "the following": "after", "the next": "after"}.get(rel, "nearest")
                return done(Point("day", weekday_near(a.point.start, wd, how)), a.index)
            if dct is None:
                return done(None)
            how = {"the previous": "before", "the following": "after", "the next": "after"}.get(rel, "on_or_before")
            return done(Point("day", weekday_near(dct, wd, how)))
        if dct is None:
            return done(None)
        if rel in ("last", "past", "this past"):
            how = "before"
        elif rel in ("next", "coming", "this coming"):
            how = "after"
        elif rel == "this":
            how = "same_week" if env.tense not in ("past", "future") else (
                "on_or_before" if env.tense == "past" else "on_or_after")
        else:
            how = weekday_how("future" if ahead_cued(c, env) else env.tense)
        return done(Point("day", weekday_near(dct, wd, how)))
    return None
