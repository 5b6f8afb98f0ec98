"""Normalisation: a recognised candidate -> TIMEX3 type, value, mod and anchor.

Each rule kind of ``data/time/patterns.yaml`` has a normaliser here. They read the candidate's
named groups and an :class:`Env` (publication date, governing tense, the timexes resolved so
far for discourse anchoring) and return a :class:`Resolved`, or None when the match is not a
time expression after all ("may" the verb, "the fall in prices").

Conventions (news, TimeML):
- relative expressions resolve against the publication date (``anchor="published"``); with no
  publication date their value is None, never guessed from today;
- a weekday or a bare month in past tense is the latest one on or before publication, in
  future tense the next one on or after it, otherwise the nearest (weekday) or the latest
  (month, season);
- "two days before that", "a year earlier", "the next day", "that year" resolve from the
  nearest preceding calendar date in the discourse (``anchor`` = that timex's index);
- impossible dates and absurd years give value None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Callable, Optional

from tocsin.extract.time import lexicon as lx
from tocsin.extract.time.calendar import (
    MAX_YEAR, MIN_YEAR, ORDER, Point, floor, season_point, valid_day,
)
from tocsin.extract.time.grammar import Candidate

PUBLISHED = "published"


@dataclass
class Resolved:
    type: str
    value: Optional[str]
    mod: Optional[str] = None
    anchor: Optional[object] = None      # "published" or the index of an earlier timex
    start: Optional[int] = None          # a new start when leading words are trimmed
    end: Optional[int] = None            # a new end when trailing words are trimmed
    shifted: bool = False                # counted back from another period ("year-earlier")


@dataclass
class Prior:
    """A timex already resolved in this document, as a possible discourse anchor."""
    index: int
    start: int
    end: int
    sent_start: int
    point: Point
    sent_index: int = 0
    shifted: bool = False


@dataclass
class Env:
    text: str
    dct: Optional[date]
    tense: Optional[str]
    doc: object = None
    sent_start: int = 0
    sent_index: int = 0
    priors: list[Prior] = field(default_factory=list)

    def anchor(self, same_sentence: bool = False, gran: Optional[str] = None, within: Optional[int] = None,
               unshifted: bool = False) -> Optional[Prior]:
        """The nearest preceding resolved calendar timex (optionally of one granularity, within
        ``within`` sentences, not itself counted back from another)."""
        for p in reversed(self.priors):
            if same_sentence and p.sent_start != self.sent_start:
                return None
            if within is not None and self.sent_index - p.sent_index > within:
                return None
            if (gran is None or p.point.gran == gran) and not (unshifted and p.shifted):
                return p
        return None


def _key(s: Optional[str]) -> str:
    return lx.key(s) if s else ""


def _mod(c: Candidate) -> Optional[str]:
    lex = lx.lexicon()
    if c.g("mod"):
        return lex["mods"].get(_key(c.g("mod")))
    if c.g("pos"):
        return lex["positions"].get(_key(c.g("pos")).rstrip("-"))
    return None


def _trim_mod(c: Candidate, env: Env) -> Optional[int]:
    """For calendar expressions a quantity modifier ("over the summer") is not part of the
    timex: the new start after it."""
    if not c.g("mod") or "_pre_start" not in c.groups:
        return None
    start = c.g("_pre_start") + len(c.g("mod"))
    while start < len(env.text) and env.text[start].isspace():
        start += 1
    return start


def _pos_mod(c: Candidate) -> Optional[str]:
    if c.g("pos"):
        return lx.lexicon()["positions"].get(_key(c.g("pos")).rstrip("-"))
    return None


def _capitalised(word: Optional[str]) -> bool:
    return bool(word) and word[0].isupper()


def _year(text: Optional[str], dct: Optional[date]) -> Optional[int]:
    if not text:
        return None
    t = text.strip()
    m = re.fullmatch(r"['’](\d\d)", t) or re.fullmatch(r"(\d\d)", t)
    if m:
        yy = int(m.group(1))
        century = (dct.year // 100 * 100) if dct else 1900
        y = century + yy
        if dct and y > dct.year + 20:
            y -= 100
        return y
    t = re.sub(r"^the\s+year\s+", "", t, flags=re.I)
    y = lx.spoken_year(t)
    if y is None or not MIN_YEAR <= y <= MAX_YEAR:
        return None
    return y


def _type_of(value: Optional[str], default: str = "DATE") -> str:
    if value and re.search(r"\dT|^T", value):
        return "TIME"
    return default


def _pick(cands: list[Point], dct: date, tense: Optional[str], default: str = "past") -> Optional[Point]:
    """Among candidate periods, the one the tense points to relative to publication."""
    ref = dct
    if not cands:
        return None
    direction = {"past": "past", "future": "future"}.get(tense or "", default)

    def contains_or_before(p: Point) -> bool:
        return p.start <= ref

    if direction == "past":
        ok = [p for p in cands if contains_or_before(p)]
        return max(ok, key=lambda p: p.start) if ok else min(cands, key=lambda p: p.start)
    if direction == "future":
        ok = [p for p in cands if _end(p) > ref]
        return min(ok, key=lambda p: p.start) if ok else max(cands, key=lambda p: p.start)
    # nearest
    return min(cands, key=lambda p: (_distance(p, ref), -p.start.toordinal()))


def _end(p: Point) -> date:
    return p.shift(1).start


def _distance(p: Point, d: date) -> int:
    if p.start <= d < _end(p):
        return 0
    return min(abs((p.start - d).days), abs((_end(p) - timedelta(days=1) - d).days))


# ---------------------------------------------------------------- calendar dates and weekdays

_POD_CODE = {"MO": "TMO", "AF": "TAF", "EV": "TEV", "NI": "TNI", "MI": "TMI"}


def _pod_suffix(word: Optional[str]) -> str:
    if not word:
        return ""
    code = lx.lexicon()["parts_of_day"].get(_key(word))
    if code is None:
        return ""
    code = str(code)
    return _POD_CODE.get(code, "T" + code)


def _weekday_near(ref: date, wd: int, how: str) -> date:
    """The weekday ``wd`` (1 = Monday) relative to ``ref``: on_or_before, on_or_after,
    before, after, same_week, nearest."""
    delta = wd - ref.isoweekday()
    if how == "same_week":
        return ref + timedelta(days=delta)
    back = (ref.isoweekday() - wd) % 7
    fwd = (wd - ref.isoweekday()) % 7
    if how == "on_or_before":
        return ref - timedelta(days=back)
    if how == "on_or_after":
        return ref + timedelta(days=fwd)
    if how == "before":
        return ref - timedelta(days=back or 7)
    if how == "after":
        return ref + timedelta(days=fwd or 7)
    # nearest; a tie (3 vs 4 days) goes back
    return ref - timedelta(days=back) if back <= fwd else ref + timedelta(days=fwd)


def _pick_day(cands: list[Point], dct: date, tense: Optional[str]) -> Point:
    """A month-day without a year: the one behind publication or the one ahead, whichever is
    nearer, weighted by the tense (past: ahead only when four times nearer; future: behind only
    when four times nearer; otherwise news looks back unless ahead is twice as near)."""
    back = max((p for p in cands if p.start <= dct), key=lambda p: p.start, default=None)
    ahead = min((p for p in cands if p.start > dct), key=lambda p: p.start, default=None)
    if back is None or ahead is None:
        return back or ahead
    db, da = (dct - back.start).days, (ahead.start - dct).days
    if tense == "future":
        return back if 4 * db < da else ahead
    if tense == "past":
        return ahead if 4 * da < db else back
    return ahead if 2 * da < db else back


def _weekday_how(tense: Optional[str]) -> str:
    """News reports what happened: a weekday looks back unless the verb says future
    (present tense: the nearest, "talks open Friday")."""
    return {"future": "on_or_after", "present": "nearest"}.get(tense or "", "on_or_before")


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
    mod = _pos_mod(c)
    start = _trim_mod(c, env)
    mon_word, wd_word = g.get("mon"), g.get("wd")
    mon = lx.month_number(mon_word) if mon_word else None
    wd = lx.weekday_number(wd_word) if wd_word else None
    if mon_word and (not _capitalised(mon_word) and not g.get("d")):
        return None
    if wd_word and not _capitalised(wd_word):
        return None
    amb = lx.lexicon()["ambiguous_abbreviations"]
    for w in (mon_word, wd_word):
        if w and _key(w) in amb and not w.endswith(".") and not g.get("d") and _key(w) != "may":
            return None
    if mon_word and _key(mon_word) == "may" and not g.get("d") and not g.get("y"):
        if _is_modal_may(c, env) or not _capitalised(mon_word):
            return None
    if mon_word and _key(mon_word) == "march" and not g.get("d") and not g.get("y") and not g.get("rel"):
        # "March" capitalised only at a sentence start may be the noun/verb
        nxt = env.text[c.end:c.end + 12]
        if re.match(r"\s+(on|to|through|against|for|in)\b", nxt) and c.start == env.sent_start:
            return None
    suffix = _pod_suffix(g.get("pod"))
    if g.get("h"):
        suffix = f"T{int(g['h']):02d}:{g['mi']}"

    def done(p: Optional[Point], anchor=PUBLISHED) -> Resolved:
        if p is None:
            return Resolved("DATE", None, mod, None, start)
        p = Point(p.gran, p.start, suffix if p.gran == "day" else "")
        v = p.value()
        return Resolved(_type_of(v), v, mod, anchor if v else None, start)

    y = _year(g.get("y"), dct) if g.get("y") else None
    if g.get("y") and y is None:
        return Resolved("DATE", None, mod, None, start)
    if c.rule.name == "slash_date":
        m, d = int(g["m"]), int(g["d"])
        y = _year(g["y"], dct)
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
        return done(_pick_day(cands, dct, env.tense))
    if mon:
        if y:
            return done(Point("month", date(y, mon, 1)), None)
        if dct is None:
            return done(None)
        if g.get("yrel"):
            dy = {"last": -1, "this": 0, "next": 1}[_key(g["yrel"])]
            return done(Point("month", date(dct.year + dy, mon, 1)))
        cands = [Point("month", date(dct.year + k, mon, 1)) for k in (-1, 0, 1)]
        here = date(dct.year, dct.month, 1)
        rel = _key(g.get("rel"))
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
        tense = env.tense
        in_range = bool(env.priors) and 0 <= c.start - env.priors[-1].end <= 12
        if not in_range and re.search(r"\b(until|till|through|thru)\s+(the\s+end\s+of\s+)?$",
                                      env.text[max(0, c.start - 30):c.start], re.I):
            # "loans through January", "until mid-November": an end still ahead; not the end of
            # a range after another timex ("this year through August")
            tense = "future"
        if tense == "future":
            ok = [p for p in cands if p.start >= here]
            return done(min(ok, key=lambda p: p.start))
        if tense == "present":
            return done(min(cands, key=lambda p: (abs((p.start - here).days), p.start > here)))
        ok = [p for p in cands if p.start <= here]
        return done(max(ok, key=lambda p: p.start))
    if wd:
        rel = _key(g.get("rel"))
        if rel in ("the previous", "the following", "the next", "that"):
            a = env.anchor()
            if a is not None and a.point.gran == "day":
                how = {"the previous": "before", "the following": "after", "the next": "after"}.get(rel, "nearest")
                return done(Point("day", _weekday_near(a.point.start, wd, how)), a.index)
            if dct is None:
                return done(None)
            how = {"the previous": "before", "the following": "after", "the next": "after"}.get(rel, "on_or_before")
            return done(Point("day", _weekday_near(dct, wd, how)))
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
            how = _weekday_how(env.tense)
        return done(Point("day", _weekday_near(dct, wd, how)))
    return None


# ---------------------------------------------------------------- today, yesterday, this morning

_DEICTIC = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "overnight": 0,
            "the day before yesterday": -2, "the day after tomorrow": 2}


def norm_deictic(c: Candidate, env: Env) -> Optional[Resolved]:
    g = c.groups
    dct = env.dct
    mod = _pos_mod(c)
    start = _trim_mod(c, env)
    suffix = _pod_suffix(g.get("pod"))
    dei = _key(g.get("dei"))
    anchor = PUBLISHED
    base = dct
    if dei:
        shift = _DEICTIC[dei]
        if dei == "tonight":
            suffix = "TNI"
        elif dei == "overnight":
            suffix = "TNI"
            if env.tense == "past":
                shift = -1
    else:
        rel = _key(g.get("podrel"))
        shift = {"this": 0, "last": -1, "tomorrow": 1, "yesterday": -1}.get(rel)
        if shift is None:      # that / the next / the following / the previous + part of day
            a = env.anchor()
            shift = {"the next": 1, "the following": 1, "the previous": -1}.get(rel, 0)
            if a is not None and a.point.gran == "day":
                base, anchor = a.point.start, a.index
        if rel == "last" and suffix not in ("TNI", "TEV"):
            shift = -1
    if base is None:
        return Resolved(_type_of(suffix or "", "DATE") if suffix else "DATE", None, mod, None, start)
    p = Point("day", base + timedelta(days=shift), suffix)
    v = p.value()
    return Resolved(_type_of(v), v, mod, anchor, start)


# ---------------------------------------------------------------- holidays

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
    if not _capitalised(word.lstrip("the ").strip() or word) and not word.lower().startswith("the"):
        return None
    spec = lx.lexicon()["holidays"].get(_key(word))
    if spec is None:
        return None
    mod, start = _pos_mod(c), _trim_mod(c, env)
    y = _year(g.get("y"), env.dct) if g.get("y") else None
    if y:
        d = _holiday_date(spec, y)
        return Resolved("DATE", d.isoformat() if d else None, mod, None, start)
    if env.dct is None:
        return Resolved("DATE", None, mod, None, start)
    dct = env.dct
    cands = [Point("day", d) for d in (_holiday_date(spec, dct.year + k) for k in (-1, 0, 1)) if d]
    rel = _key(g.get("rel"))
    if rel in ("last", "this past"):
        p = max((p for p in cands if p.start < dct), key=lambda p: p.start)
    elif rel in ("next", "this coming"):
        p = min((p for p in cands if p.start > dct), key=lambda p: p.start)
    else:
        p = _pick(cands, dct, env.tense, default="nearest")
    return Resolved("DATE", p.value(), mod, PUBLISHED, start)


# ---------------------------------------------------------------- clock times

def norm_clock(c: Candidate, env: Env) -> Optional[Resolved]:
    g = c.groups
    h = lx.number(g["h"]) if not g["h"].isdigit() else int(g["h"])
    if h is None or h != int(h):
        return None
    h = int(h)
    mi = int(g.get("mi") or 0)
    ampm = (g.get("ampm") or "").lower().replace(".", "")
    pod = _key(g.get("pod"))
    if ampm or pod:
        if h > 12 or h == 0:
            return Resolved("TIME", None, _mod(c))
        if (ampm == "pm" or pod in ("afternoon", "evening", "night")) and h != 12:
            h += 12
        if ampm == "am" and h == 12:
            h = 0
    if h > 24 or mi > 59:
        return Resolved("TIME", None, _mod(c))
    day = env.dct
    anchor = PUBLISHED
    w = g.get("wd")
    if w and day is not None:
        k = _key(w)
        if k in _DEICTIC:
            day = day + timedelta(days=_DEICTIC[k])
        else:
            wd = lx.weekday_number(w)
            day = _weekday_near(day, wd, _weekday_how(env.tense))
    elif day is not None:
        a = env.anchor()
        if a is not None and a.point.gran == "day" and a.sent_start == env.sent_start:
            day, anchor = a.point.start, a.index
    if day is None:
        return Resolved("TIME", None, _mod(c))
    v = f"{day.isoformat()}T{h:02d}:{mi:02d}"
    return Resolved("TIME", v, _mod(c), anchor)


# ---------------------------------------------------------------- quarters, halves, periods

_QORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
         "final": 4}
_EARLIER = ("year-earlier", "year-ago", "year earlier", "year ago", "comparable", "corresponding")


def _last_completed_quarter(dct: date) -> Point:
    return floor(dct, "quarter").shift(-1)


def norm_quarter(c: Candidate, env: Env) -> Optional[Resolved]:
    g = c.groups
    dct = env.dct
    mod, start = _pos_mod(c), _trim_mod(c, env)
    qmods = _key(g.get("qmods"))
    det = _key(g.get("det"))
    qu = _key(g["qu"])
    qword = _key(g.get("q"))
    q = _QORD.get(qword)
    year_m = re.search(r"\b(1\d\d\d|20\d\d)\b", qmods)
    y = int(year_m.group(1)) if year_m else (int(g["y2"]) if g.get("y2") else None)
    earlier = any(e in qmods for e in _EARLIER) or bool(g.get("agodir"))
    if g.get("plural"):
        if q and qu == "quarter":
            return Resolved("SET", f"XXXX-Q{q}", mod, None, start)   # "fourth quarters"
        return None
    if qu == "half":
        if q not in (1, 2):
            return None
        if y is None:
            if dct is None:
                return Resolved("DATE", None, mod, None, start)
            cands = [Point("half", date(dct.year + k, 1 if q == 1 else 7, 1)) for k in (-1, 0, 1)]
            p = _pick(cands, dct, env.tense)
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
            a = env.anchor(gran="quarter", unshifted=True)
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


# ---------------------------------------------------------------- years, fiscal years

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


def norm_year(c: Candidate, env: Env) -> Optional[Resolved]:
    g = c.groups
    dct = env.dct
    mod, start = _pos_mod(c), _trim_mod(c, env)
    if c.rule.name == "fiscal_year":
        fy = _key(g.get("fy"))
        if fy == "fiscal" and not g.get("y"):
            return None
        qmods = _key(g.get("qmods"))
        det = _key(g.get("det"))
        if g.get("y"):
            y = _year(g["y"], dct)
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
    y = _year(g.get("y"), dct)
    if y is None:
        return Resolved("DATE", None, mod, None, start)
    if "_pre_start" not in c.groups and not g.get("det") and _quantity_follows(c, env):
        return None
    if dct and y > dct.year + 100:
        return Resolved("DATE", None, mod, None, start)
    if g.get("period") and _key(g["period"]) in ("period", "quarter"):
        a = env.anchor(gran="quarter")
        if a is not None:
            return Resolved("DATE", Point("quarter", date(y, a.point.start.month, 1)).value(), mod, a.index, start)
    return Resolved("DATE", str(y), mod, None, start)


# ---------------------------------------------------------------- decades, centuries

def norm_decade(c: Candidate, env: Env) -> Optional[Resolved]:
    g = c.groups
    mod = _pos_mod(c) or (lx.lexicon()["positions"].get(_key(g.get("pos2"))) if g.get("pos2") else None)
    start = _trim_mod(c, env)
    if g.get("dec"):
        return Resolved("DATE", g["dec"][:3], mod, None, start)
    if env.dct is None:
        return Resolved("DATE", None, mod, None, start)
    century = env.dct.year // 100
    if g.get("dec2"):
        d = int(g["dec2"][0])
        cen = century if century * 100 + d * 10 <= env.dct.year else century - 1
        return Resolved("DATE", f"{cen}{d}", mod, PUBLISHED, start)
    d = lx.lexicon()["decade_words"][_key(g["decw"])]
    cen = century if century * 100 + d * 10 <= env.dct.year else century - 1
    return Resolved("DATE", f"{cen}{d}", mod, PUBLISHED, start)


def norm_century(c: Candidate, env: Env) -> Optional[Resolved]:
    g = c.groups
    mod, start = _pos_mod(c), _trim_mod(c, env)
    if g.get("cord"):
        n = lx.ordinal(g["cord"])
        if not n or n > 22:
            return None
        return Resolved("DATE", f"{n - 1:02d}", mod, None, start)
    if env.dct is None:
        return Resolved("DATE", None, mod, None, start)
    rel = _key(g.get("crel"))
    dc = {"this": 0, "last": -1, "the last": -1, "the previous": -1, "the past": -1, "next": 1, "the next": 1}.get(rel, 0)
    if rel in ("the past", "the last") and env.tense != "past":
        return Resolved("DURATION", "P100Y", mod, None, start)
    return Resolved("DATE", f"{env.dct.year // 100 + dc:02d}", mod, PUBLISHED, start)


# ---------------------------------------------------------------- seasons

_SEASON_CONTEXT = re.compile(
    r"\b(in|during|over|since|until|till|by|through|throughout|this|last|next|that|early|late|mid|"
    r"before|after|from|of|past|coming)\s+(the\s+)?$", re.I)


def norm_season(c: Candidate, env: Env) -> Optional[Resolved]:
    g = c.groups
    dct = env.dct
    code = lx.lexicon()["seasons"][_key(g["season"])]
    mod, start = _pos_mod(c), _trim_mod(c, env)
    rel = _key(g.get("rel"))
    ystr = g.get("y") or g.get("y2")
    if _key(g["season"]) in lx.lexicon()["ambiguous_seasons"]:
        core = c.g("_core_start") if "_core_start" in c.groups else c.start
        strong = rel not in ("", "the") or ystr or g.get("pos")
        if not strong and not _SEASON_CONTEXT.search(env.text[max(0, core - 20):core]):
            return None
    if ystr:
        y = _year(ystr, dct)
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


# ---------------------------------------------------------------- durations

_UNIT_GRAN = {"S": None, "M_clock": None, "H": None, "D": "day", "W": "week", "2W": "week", "WE": "weekend",
              "M": "month", "Q": "quarter", "Y": "year", "10Y": "year", "100Y": "year"}
_SMALLER = {"Y": ("M", 12), "Q": ("M", 3), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24)}
_SMALLER_CLOCK = {"H": ("M", 60), "M": ("S", 60)}


def _unit(word: str) -> tuple[str, bool]:
    letter, clock = lx.lexicon()["units"][_key(word)]
    return str(letter), bool(clock)


def duration_value(n: Optional[float], unit_word: str) -> Optional[str]:
    """'P2D', 'PT3H', 'P10Y' (a decade), 'PXY' for a vague count."""
    letter, clock = _unit(unit_word)
    mult = 1
    m = re.fullmatch(r"(\d+)([A-Z]+)", letter)
    if m:
        mult, letter = int(m.group(1)), m.group(2)
    if letter == "WE":
        return "P" + ("X" if n is None else f"{int(n) * 2}") + "D"
    if n is None:
        if mult == 10:
            return "PXE" if not clock else None
        if mult == 100:
            return "PXC"
        return ("PT" if clock else "P") + "X" + letter
    n = n * mult
    table = _SMALLER_CLOCK if clock else _SMALLER
    whole, frac = int(n), n - int(n)
    parts = f"{whole}{letter}" if whole else ""
    if frac:
        # "2 1/2 years" -> P2Y6M, "a minute and a half" -> PT1M30S
        if letter not in table:
            return None
        small, k = table[letter]
        rest = frac * k
        if rest != int(rest):
            return None
        if clock or small != "H":
            parts += f"{int(rest)}{small}"
        else:                                   # days and hours: P1DT12H
            return f"P{parts}T{int(rest)}H" if parts else f"PT{int(rest)}H"
    return ("PT" if clock else "P") + parts


_SET_CONTEXT = re.compile(r"(\d|%|\bper\b|\bpercent\b|\btimes\b|\btwice\b|\bonce\b|\bthrice\b)[^.;:!?]{0,40}$", re.I)


def norm_duration(c: Candidate, env: Env) -> Optional[Resolved]:
    g = c.groups
    mod = _mod(c)
    if c.rule.name == "duration_bare":
        v = duration_value(None, g["unit"])
        return Resolved("DURATION", v, None)
    if c.rule.name == "duration_open":
        if _key(g.get("ddet")) == "recent" and _key(g.get("unit")) in ("years", "decades"):
            return Resolved("DATE", "PAST_REF", None)
        return Resolved("DURATION", duration_value(None, g.get("unit") or g["unit2"]), None)
    if g.get("old") or re.match(r"[\s-]+old\b", env.text[c.end:c.end + 6]):
        return None                                    # an age: "the 6-year-old", "52 years old"
    start = None
    if g.get("mod") and (g.get("ddet") or _key(g.get("mod")) in ("over", "under", "some")) and \
            (g.get("ddet") or not re.match(r"\d", g.get("num", ""))):
        start, mod = _trim_mod(c, env), None
    num = _key(g.get("num"))
    n = lx.number(g["num"])
    unit = _key(g["unit"])
    if n is not None and n > 10000:
        return None
    if unit in ("quarters",) and re.search(r"-\s*$", env.text[c.start:c.end][:-len(g["unit"])]):
        return None                                    # "three-quarters": a fraction
    if unit in ("second", "seconds") and num in ("a", "an", "one", "the") :
        if re.match(r"\s+[a-z]", env.text[c.end:c.end + 3]):
            return None
    if unit in ("night", "nights") and num in ("a", "an"):
        return None
    if num in ("a", "an") and not g.get("ddet") and not g.get("mod") and not g.get("extra"):
        core = c.g("_core_start") if "_core_start" in c.groups else c.start
        if _SET_CONTEXT.search(env.text[max(0, core - 60):core]):
            letter, clock = _unit(unit)
            return Resolved("SET", duration_value(1, g["unit"]), None, None, start)
    approx = _key(g.get("approx"))
    if approx == "and a half" and n is not None:
        n += 0.5
    elif approx == "or so":
        mod = mod or "APPROX"
    elif approx in ("or more", "or longer"):
        mod = mod or "EQUAL_OR_MORE"
    elif approx == "or less":
        mod = mod or "EQUAL_OR_LESS"
    v = duration_value(n, g["unit"])
    return Resolved("DURATION", v, mod, None, start)


# ---------------------------------------------------------------- offsets: ago, later, before that

def norm_offset(c: Candidate, env: Env) -> Optional[Resolved]:
    g = c.groups
    mod = _mod(c)
    num = _key(g["num"])
    n = 1.0 if num in ("the", "a", "that") else lx.number(g["num"])
    unit = _key(g["unit"])
    letter, clock = _unit(unit)
    d = _key(g["dir"])
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
            if g.get("mod") and _key(g.get("mod")) in ("over", "under", "some") and not re.match(r"\d", g["num"]):
                start, mod = _trim_mod(c, env), None
            return Resolved("DURATION", duration_value(n, g["unit"]), mod, None, start, end)
    m = re.fullmatch(r"(\d+)([A-Z]+)", letter)
    mult = 1
    if m:
        mult, letter = int(m.group(1)), m.group(2)
    gran = _UNIT_GRAN.get(letter)
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
        a = env.anchor(gran="quarter", within=2, unshifted=True)
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
        return Resolved(_type_of(shifted.value()), shifted.value(), mod, a.index, shifted=True)
    if dct is None:
        return Resolved("DATE", None, mod)
    p = floor(dct, gran).shift(steps, gran)
    return Resolved("DATE", p.value(), mod, PUBLISHED)


# ---------------------------------------------------------------- last week, this year, the next day

def norm_rel_unit(c: Candidate, env: Env) -> Optional[Resolved]:
    g = c.groups
    dct = env.dct
    mod, start = _pos_mod(c), _trim_mod(c, env)
    unit = _key(g["unit"])
    if c.rule.name == "year_end":
        yend = _key(g["yend"])
        if dct is None:
            return Resolved("DATE", None, mod, None, start)
        if yend == "end":
            p = floor(dct, unit if unit != "quarter" else "quarter")
            return Resolved("DATE", p.value(), "END", PUBLISHED, start)
        if unit == "year":
            a = env.anchor(gran="quarter", unshifted=True)
            if a is not None:
                return Resolved("DATE", a.point.shift(-4).value(), mod, a.index, start, shifted=True)
            return Resolved("DATE", str(dct.year - 1), mod, PUBLISHED, start)
        return Resolved("DATE", floor(dct, unit).shift(-1).value(), mod, PUBLISHED, start)
    rel = _key(g["rel"])
    pods = {"morning", "afternoon", "evening", "night"}
    gran = "day" if unit in pods else unit
    suffix = _pod_suffix(unit) if unit in pods else ""
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
            return Resolved(_type_of(p.value()), p.value(), mod, a.index, start)
        if rel in ("that", "the same", "that same"):
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
    return Resolved(_type_of(p.value()), p.value(), mod, PUBLISHED, start)


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
    if unit in ("week", "month", "year", "decade", "day"):
        p = floor(dct, gran)
        return Resolved("DATE", p.value(), mod, PUBLISHED, start)
    return None


# ---------------------------------------------------------------- refs and sets

def _proper_name(c: Candidate, env: Env) -> bool:
    """'Daily Beast', 'Current Affairs': a capitalised word inside a name."""
    word = env.text[c.start:c.end]
    if not word[:1].isupper() or c.start == env.sent_start:
        return False
    return bool(re.match(r"\s+[A-Z]", env.text[c.end:c.end + 3]))


def norm_ref(c: Candidate, env: Env) -> Optional[Resolved]:
    if _proper_name(c, env):
        return None
    v = lx.lexicon()["refs"].get(_key(c.g("ref")))
    return Resolved("DATE", v) if v else None


def norm_set(c: Candidate, env: Env) -> Optional[Resolved]:
    g = c.groups
    if g.get("setadv"):
        if _proper_name(c, env) or (env.text[c.start:c.end][:1].isupper() and c.start != env.sent_start):
            return None
        return Resolved("SET", str(lx.lexicon()["set_adverbs"][_key(g["setadv"])]))
    if g.get("wdpl"):
        wd = lx.weekday_number(g["wdpl"][:-1])
        return Resolved("SET", f"XXXX-WXX-{wd}" + _pod_suffix(g.get("pod")))
    if g.get("freq") or g.get("q") and g.get("unit"):
        if _key(g.get("q")) == "per" and _key(g.get("unit")) in ("second", "minute", "hour"):
            return None                                # a rate ("20 metres per second")
        n = 2 if g.get("other") else (lx.number(g["num"]) if g.get("num") else 1)
        if g.get("freq"):
            n = 1
        return Resolved("SET", duration_value(n, g["unit"]))
    if g.get("wd"):
        return Resolved("SET", f"XXXX-WXX-{lx.weekday_number(g['wd'])}")
    if g.get("mon"):
        if not _capitalised(g["mon"]):
            return None
        return Resolved("SET", f"XXXX-{lx.month_number(g['mon']):02d}")
    if g.get("season"):
        return Resolved("SET", "XXXX-" + lx.lexicon()["seasons"][_key(g["season"])])
    if g.get("pod"):
        return Resolved("SET", "XXXX-XX-XX" + _pod_suffix(g["pod"]))
    return None


NORMALISERS: dict[str, Callable[[Candidate, Env], Optional[Resolved]]] = {
    "date": norm_date,
    "deictic": norm_deictic,
    "holiday": norm_holiday,
    "clock": norm_clock,
    "quarter": norm_quarter,
    "year": norm_year,
    "decade": norm_decade,
    "century": norm_century,
    "season": norm_season,
    "duration": norm_duration,
    "offset": norm_offset,
    "rel_unit": norm_rel_unit,
    "ref": norm_ref,
    "set": norm_set,
}


def normalise(c: Candidate, env: Env) -> Optional[Resolved]:
    fn = NORMALISERS.get(c.kind)
    return fn(c, env) if fn else None
