"""Durations ("three days", "more than a year", "the past two weeks", "years") and their
TIMEX3 values (P3D, P1Y, PXY); "a day" after a count is a SET ("twice a day")."""
from __future__ import annotations

import re
from typing import Optional

from tocsin.extract.time import lexicon as lx
from tocsin.extract.time.grammar import Candidate
from tocsin.extract.time.reading import key, mod_of, trim_mod
from tocsin.extract.time.resolution import Env, Resolved


UNIT_GRAN = {"S": None, "M_clock": None, "H": None, "D": "day", "W": "week", "2W": "week", "WE": "weekend",
             "M": "month", "Q": "quarter", "Y": "year", "10Y": "year", "100Y": "year"}
_SMALLER = {"Y": ("M", 12), "Q": ("M", 3), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24)}
_SMALLER_CLOCK = {"H": ("M", 60), "M": ("S", 60)}


def unit_letter(word: str) -> tuple[str, bool]:
    letter, clock = lx.lexicon()["units"][key(word)]
    return str(letter), bool(clock)


def duration_value(n: Optional[float], unit_word: str) -> Optional[str]:
    """'P2D', 'PT3H', 'P10Y' (a decade), 'PXY' for a vague count."""
    letter, clock = unit_letter(unit_word)
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


_FREQUENCY_CONTEXT = re.compile(r"\b(times|twice|once|thrice)\b[^.;:!?]{0,40}$", re.I)
_RATE_CONTEXT = re.compile(r"(\d|%|\bper\b|\bpercent\b)[^.;:!?]{0,40}$", re.I)
_DURATION_LEAD = re.compile(r"\b(in|for|over|within|than|after|before|about|nearly|almost|only|just)\s+$", re.I)


def norm_duration(c: Candidate, env: Env) -> Optional[Resolved]:
    g = c.groups
    mod = mod_of(c)
    if c.rule.name == "duration_bare":
        v = duration_value(None, g["unit"])
        return Resolved("DURATION", v, None)
    if c.rule.name == "duration_long":                 # "a day-long strike", "decades-long"
        unit = key(g["unit"])
        if key(g.get("num")) in ("a", "an"):          # "a day-long strike": the article is not in it
            start = c.start + env.text[c.start:c.end].lower().index(unit.split()[0], len(g["num"]))
            return Resolved("DURATION", duration_value(1, g["unit"]), None, None, start)
        n = lx.number(g["num"]) if g.get("num") else (None if unit.endswith("s") else 1)
        return Resolved("DURATION", duration_value(n, g["unit"]), None)
    if c.rule.name == "duration_open":
        if key(g.get("ddet")) == "recent" and key(g.get("unit")) in ("years", "decades"):
            return Resolved("DATE", "PAST_REF", None)
        return Resolved("DURATION", duration_value(None, g.get("unit") or g["unit2"]), None)
    if g.get("old") or re.match(r"[\s-]+old\b", env.text[c.end:c.end + 6]):
        return None                                    # an age: "the 6-year-old", "52 years old"
    start = None
    if g.get("mod") and (g.get("ddet") or key(g.get("mod")) in ("over", "under", "some")) and \
            (g.get("ddet") or not re.match(r"\d", g.get("num", ""))):
        start, mod = trim_mod(c, env), None
    num = key(g.get("num"))
    n = lx.number(g["num"])
    unit = key(g["unit"])
    if n is not None and n > 10000:
        return None
    if unit in ("quarters",) and re.search(r"-\s*$", env.text[c.start:c.end][:-len(g["unit"])]):
        return None                                    # "three-quarters": a fraction
    if unit in ("second", "seconds") and num in ("a", "an", "one", "the") :
        if re.match(r"\s+[a-z]", env.text[c.end:c.end + 3]):
            return None
    if num == "one" and unit == "day" and not g.get("ddet") and not g.get("mod") and _before_verb(c, env):
        return Resolved("DATE", "FUTURE_REF", None)   # "Islam will one day be ...": someday
    if unit in ("night", "nights") and num in ("a", "an"):
        return None
    if num in ("a", "an") and not g.get("ddet") and not g.get("mod") and not g.get("extra"):
        core = c.g("_core_start") if "_core_start" in c.groups else c.start
        before = env.text[max(0, core - 60):core]
        if not _DURATION_LEAD.search(before):
            if _FREQUENCY_CONTEXT.search(before):          # "three times a week": a SET
                return Resolved("SET", duration_value(1, g["unit"]), None, None, start)
            if _RATE_CONTEXT.search(before):
                return None       # "$2 million a year", "700 seats a week": a rate, not a time
    approx = key(g.get("approx"))
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


def _before_verb(c: Candidate, env: Env) -> bool:
    """Whether the expression stands right before a verb, as an adverb of the clause ("he may
    one day follow", "will one day be")."""
    if env.doc is None:
        return False
    span = env.doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None or span.end >= len(env.doc):
        return False
    return env.doc[span.end].pos_ in ("VERB", "AUX")
