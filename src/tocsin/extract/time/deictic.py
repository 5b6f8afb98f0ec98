"""Deictic days and parts of day: "today", "yesterday", "tonight", "this morning",
"the next evening"."""
from __future__ import annotations

import re
from datetime import timedelta
from typing import Optional

from tocsin.extract.time.calendar import Point
from tocsin.extract.time.grammar import Candidate
from tocsin.extract.time.reading import key, pod_suffix, position_mod, trim_mod, type_of
from tocsin.extract.time.resolution import PUBLISHED, Env, Resolved


DEICTIC_SHIFT = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "overnight": 0,
            "the day before yesterday": -2, "the day after tomorrow": 2}


def _title(c: Candidate, env: Env) -> bool:
    """'USA Today', 'VOA Today': a capitalised deictic word after a capitalised name, inside
    a sentence, is part of a title."""
    word = env.cased(c.start, c.end)
    if not word[:1].isupper() or c.start == env.sent_start:
        return False
    return bool(re.search(r"(?<![.!?]\s)\b[A-Z][A-Za-z]*\s+$", env.cased(max(env.sent_start, c.start - 20), c.start)))


def norm_deictic(c: Candidate, env: Env) -> Optional[Resolved]:
    g = c.groups
    dct = env.dct
    mod = position_mod(c)
    start = trim_mod(c, env)
    suffix = pod_suffix(g.get("pod"))
    dei = key(g.get("dei"))
    if dei and _title(c, env):
        return None
    anchor = PUBLISHED
    base = dct
    if dei:
        shift = DEICTIC_SHIFT[dei]
        if dei == "tonight":
            suffix = "TNI"
        elif dei == "overnight":
            suffix = "TNI"
            if env.tense == "past":
                shift = -1
    else:
        rel = key(g.get("podrel"))
        shift = {"this": 0, "last": -1, "tomorrow": 1, "yesterday": -1}.get(rel)
        if shift is None:      # that / the next / the following / the previous + part of day
            a = env.anchor()
            shift = {"the next": 1, "the following": 1, "the previous": -1}.get(rel, 0)
            if a is not None and a.point.gran == "day":
                base, anchor = a.point.start, a.index
        if rel == "last" and suffix not in ("TNI", "TEV"):
            shift = -1
    if base is None:
        return Resolved(type_of(suffix or "", "DATE") if suffix else "DATE", None, mod, None, start)
    p = Point("day", base + timedelta(days=shift), suffix)
    v = p.value()
    return Resolved(type_of(v), v, mod, anchor, start)
