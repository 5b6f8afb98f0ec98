"""The words of time (``data/time/lexicon.yaml``) and the regex fragments built from them.

``lexicon()`` returns the loaded word lists plus lookup helpers; ``macros()`` the
non-capturing alternations the patterns in ``data/time/patterns.yaml`` refer to as
``{PLACEHOLDERS}``. Also here: reading a number ("twenty-four", "a couple of", "1.5") and a
spoken year ("nineteen ninety-six").
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from tocsin.data_files import load_yaml


@lru_cache(maxsize=1)
def lexicon() -> dict:
    return load_yaml("time/lexicon.yaml")


def _alt(words, abbrev_dot: bool = False) -> str:
    """A non-capturing alternation, longest first; spaces match any whitespace."""
    parts = []
    for w in sorted({str(w) for w in words}, key=len, reverse=True):
        p = re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]")
        if abbrev_dot and len(w) <= 4:
            p += r"\.?"
        parts.append(p)
    return "(?:" + "|".join(parts) + ")"


_UNITS_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


@lru_cache(maxsize=1)
def macros() -> dict[str, str]:
    lx = lexicon()
    unit1 = "(?:" + "|".join(_UNITS_WORDS[1:]) + ")"
    tens = "(?:" + "|".join(_TENS) + ")"
    teens = "(?:" + "|".join(_TEENS) + ")"
    word_num = rf"(?:{tens}(?:[\s-]{unit1})?|{teens}|{unit1})"
    spoken_year = (
        rf"(?:(?:nineteen|eighteen|seventeen|twenty)[\s-](?:{tens}(?:[\s-]{unit1})?|{teens}|oh[\s-]{unit1}|hundred)"
        rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{tens}(?:[\s-]{unit1})?|{teens}|{unit1}))?)"
    )
    numbers = [k for k in lx["numbers"] if k not in _UNITS_WORDS + _TEENS + _TENS]
    num = (
        rf"(?:\d+\s+[13]/[24]|\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{spoken_year}|{word_num}(?:\s+hundred)?"
        rf"|{_alt(numbers)}|{_alt(lx['vague_numbers'])})"
    )
    ords = _alt(lx["ordinals"])
    daynum = rf"(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:,.]\d)|{ords})"
    year4 = rf"(?:1[0-9]\d\d|20\d\d)(?![\d,.%-]\d|%|\s*percent|\s+{_alt(lx['measure_words'])}\b)"
    year = rf"(?:{year4}|'\d\d(?!\w)|{spoken_year})"
    mods = sorted(lx["mods"], key=len, reverse=True)
    positions = sorted(lx["positions"], key=len, reverse=True)
    pre = (
        rf"(?:(?P<mod>{_alt(mods)})\s+)?"
        rf"(?:(?P<pos>{_alt(positions)})(?:\s+|-))?"
    )
    return {
        "PRE": pre,
        "MONTH": _alt(lx["months"], abbrev_dot=True),
        "WEEKDAY": _alt(lx["weekdays"], abbrev_dot=True),
        "SEASON": _alt(lx["seasons"]),
        "POD": _alt(lx["parts_of_day"]),
        "UNIT": _alt(lx["units"]),
        "HOLIDAY": _alt(lx["holidays"]),
        "REF": _alt(lx["refs"]),
        "SETADV": _alt(lx["set_adverbs"]),
        "DECADEWORD": _alt(lx["decade_words"]),
        "NUM": num,
        "ORD": ords,
        "DAYNUM": daynum,
        "YEAR": year,
        "YEAR4": year4,
    }


def key(word: str) -> str:
    """A lexicon key for a matched word: lower case, single spaces, no trailing dot."""
    return re.sub(r"\s+", " ", word.lower().replace("’", "'")).rstrip(".")


def month_number(word: str) -> Optional[int]:
    return lexicon()["months"].get(key(word))


def weekday_number(word: str) -> Optional[int]:
    return lexicon()["weekdays"].get(key(word))


def _word_value(w: str) -> Optional[int]:
    if w in _UNITS_WORDS:
        return _UNITS_WORDS.index(w)
    if w in _TEENS:
        return 10 + _TEENS.index(w)
    if w in _TENS:
        return 20 + 10 * _TENS.index(w)
    return None


def _compound(words: list[str]) -> Optional[int]:
    """'twenty four' -> 24; 'two hundred' -> 200; None when not a number."""
    total, cur = 0, 0
    if not words or all(w == "and" for w in words):
        return None
    for w in words:
        if w == "and":
            continue
        if w == "hundred":
            cur = (cur or 1) * 100
        elif w == "thousand":
            total += (cur or 1) * 1000
            cur = 0
        else:
            v = _word_value(w)
            if v is None:
                return None
            cur += v
    return total + cur


def spoken_year(text: str) -> Optional[int]:
    """'nineteen ninety-six' -> 1996; 'two thousand one' -> 2001; '1998' -> 1998; "'98" -> None
    (the caller decides the century)."""
    t = key(text)
    if re.fullmatch(r"\d{4}", t):
        return int(t)
    words = re.split(r"[\s-]+", t)
    if words[:2] == ["two", "thousand"]:
        rest = _compound(words[2:]) if len(words) > 2 else 0
        return None if rest is None else 2000 + rest
    if len(words) >= 2:
        head = _word_value(words[0])
        if words[1] == "hundred" and len(words) == 2:
            return None if head is None else head * 100
        tail_words = words[2:] if words[1] == "oh" else words[1:]
        tail = _compound(tail_words)
        if head is not None and tail is not None and 10 <= head <= 20 and tail < 100:
            return head * 100 + tail
    return None


def number(text: str) -> Optional[float]:
    """The value of a count: '3', '1,500', 'twenty-four', 'a couple of' -> 2; None for vague
    ('several', 'a few') and for anything unreadable."""
    t = key(text)
    lx = lexicon()
    if t in lx["vague_numbers"]:
        return None
    if t in lx["numbers"]:
        return float(lx["numbers"][t])
    m = re.fullmatch(r"(\d+)\s+([13])/([24])", t)
    if m:
        return int(m.group(1)) + int(m.group(2)) / int(m.group(3))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?", t):
        return float(t.replace(",", ""))
    v = _compound(re.split(r"[\s-]+", t))
    return float(v) if v is not None else None


def ordinal(text: str) -> Optional[int]:
    t = key(text)
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", t)
    if m:
        return int(m.group(1))
    return lexicon()["ordinals"].get(t)
