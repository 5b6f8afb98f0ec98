"""Years, fiscal years, decades and centuries ("1998", "fiscal 1990", "the 1990s",
"the nineties", "the last century")."""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

from tocsin.extract.time import lexicon as lx
from tocsin.extract.time.calendar import Point
from tocsin.extract.time.grammar import Candidate
from tocsin.extract.time.reading import key, position_mod, trim_mod, year_of
from tocsin.extract.time.resolution import PUBLISHED, Env, Resolved


def _quantity_follows(c: Candidate, env: Env) -> bool:
    """'1990 people': a number followed by a counted noun is not a year."""
    m = re.match(r"\s+([a-z]+)", env.text[c.end:c.end + 30])
    if not m:
        return False
    w = m.group(1)
    if w in ("and", "or", "to", "through", "in", "on", "at", "for", "by", "when", "as", "that", "with",
             "from", "until", "was", "were", "is", "the", "after", "before", "while", "because"):
        return False
    if env.doc is not None:
        span = env.doc.char_span(c.end + m.start(1), c.end + m.end(1), alignment_mode="expand")
        if span is not None and len(span) and span[0].tag_ in ("NNS",) and span[0].lemma_ not in lx.lexicon()["units"]:
            return True
    return False


def _in_name(c: Candidate, env: Env) -> bool:
    """'Orion 1980' (a company), 'Kopp's 1987 Chevrolet' (a model year): a four-digit year
    after a capitalised name word, or between a possessive and a capitalised name."""
    before = env.text[max(env.sent_start, c.start - 30):c.start]
    after = env.text[c.end:c.end + 30]
    m = re.search(r"(?:^|\s)([A-Z][a-z]+)\s+$", before)
    if m and c.start - len(m.group(0)) > env.sent_start and not _time_word(m.group(1)):
        return True
    return bool(re.search(r"['’]s\s+$", before) and re.match(r"\s+[A-Z][a-z]", after))


def _time_word(word: str) -> bool:
    lex = lx.lexicon()
    w = key(word)
    return any(w in lex[k] for k in ("months", "weekdays", "seasons", "holidays")) or w in ("fiscal", "calendar")


def norm_year(c: Candidate, env: Env) -> Optional[Resolved]:
    g = c.groups
    dct = env.dct
    mod, start = position_mod(c), trim_mod(c, env)
    if c.rule.name == "fiscal_year":
        fy = key(g.get("fy"))
        if fy == "fiscal" and not g.get("y"):
            return None
        qmods = key(g.get("qmods"))
        det = key(g.get("det"))
        if g.get("y"):
            y = year_of(g["y"], dct)
            return Resolved("DATE", str(y) if y else None, mod, None, start)
        if not det and not qmods:
            return None
        if dct is None:
            return Resolved("DATE", None, mod, None, start)
        dy = 0
        if det == "last" or any(w in qmods for w in ("latest", "previous", "prior", "past")):
            dy = -1
        elif det == "next" or any(w in qmods for w in ("coming", "new")):
            dy = 1
        if any(w in qmods for w in ("year-earlier", "year-ago")):
            dy -= 1
        if det == "the" and not qmods and fy == "fiscal year" and env.tense != "future":
            return Resolved("DURATION", "P1Y", mod, None, start)
        return Resolved("DATE", str(dct.year + dy), mod, PUBLISHED, start)
    y = year_of(g.get("y"), dct)
    if y is None:
        return Resolved("DATE", None, mod, None, start)
    if "_pre_start" not in c.groups and not g.get("det") and _in_name(c, env):
        return None
    if "_pre_start" not in c.groups and not g.get("det") and _quantity_follows(c, env):
        return None
    if dct and y > dct.year + 100:
        return Resolved("DATE", None, mod, None, start)
    if g.get("period") and key(g["period"]) in ("period", "quarter"):
        a = env.anchor(gran="quarter")
        if a is not None:
            return Resolved("DATE", Point("quarter", date(y, a.point.start.month, 1)).value(), mod, a.index, start)
    return Resolved("DATE", str(y), mod, None, start)


# ---------------------------------------------------------------- decades, centuries

def norm_decade(c: Candidate, env: Env) -> Optional[Resolved]:
    g = c.groups
    mod = position_mod(c) or (lx.lexicon()["positions"].get(key(g.get("pos2"))) if g.get("pos2") else None)
    start = trim_mod(c, env)
    if g.get("dec"):
        return Resolved("DATE", g["dec"][:3], mod, None, start)
    if env.dct is None:
        return Resolved("DATE", None, mod, None, start)
    century = env.dct.year // 100
    if g.get("dec2"):
        d = int(g["dec2"][0])
        cen = century if century * 100 + d * 10 <= env.dct.year else century - 1
        return Resolved("DATE", f"{cen}{d}", mod, PUBLISHED, start)
    d = lx.lexicon()["decade_words"][key(g["decw"])]
    cen = century if century * 100 + d * 10 <= env.dct.year else century - 1
    return Resolved("DATE", f"{cen}{d}", mod, PUBLISHED, start)


def norm_century(c: Candidate, env: Env) -> Optional[Resolved]:
    g = c.groups
    mod, start = position_mod(c), trim_mod(c, env)
    if g.get("cord"):
        n = lx.ordinal(g["cord"])
        if not n or n > 22:
            return None
        return Resolved("DATE", f"{n - 1:02d}", mod, None, start)
    if env.dct is None:
        return Resolved("DATE", None, mod, None, start)
    rel = key(g.get("crel"))
    dc = {"this": 0, "last": -1, "the last": -1, "the previous": -1, "the past": -1, "next": 1, "the next": 1}.get(rel, 0)
    if rel in ("the past", "the last") and env.tense != "past":
        return Resolved("DURATION", "P100Y", mod, None, start)
    return Resolved("DATE", f"{env.dct.year // 100 + dc:02d}", mod, PUBLISHED, start)
