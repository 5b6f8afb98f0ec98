"""Reading a candidate's named groups: lexicon keys, mods, positions, years, parts of day."""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Optional

from tocsin.extract.time import lexicon as lx
from tocsin.extract.time.calendar import MAX_YEAR, MIN_YEAR
from tocsin.extract.time.grammar import Candidate
from tocsin.extract.time.resolution import Env
from tocsin.extract.time.tense import pluperfect


def key(s: Optional[str]) -> str:
    return lx.key(s) if s else ""


def mod_of(c: Candidate) -> Optional[str]:
    lex = lx.lexicon()
    if c.g("mod"):
        return lex["mods"].get(key(c.g("mod")))
    if c.g("pos"):
        return lex["positions"].get(key(c.g("pos")).rstrip("-"))
    return None


def trim_mod(c: Candidate, env: Env) -> Optional[int]:
    """For calendar expressions a quantity modifier ("over the summer") is not part of the
    timex: the new start after it."""
    if not c.g("mod") or "_pre_start" not in c.groups:
        return None
    start = c.g("_pre_start") + len(c.g("mod"))
    while start < len(env.text) and env.text[start].isspace():
        start += 1
    return start


def position_mod(c: Candidate) -> Optional[str]:
    if c.g("pos"):
        return lx.lexicon()["positions"].get(key(c.g("pos")).rstrip("-"))
    return None


def capitalised(word: Optional[str]) -> bool:
    return bool(word) and word[0].isupper()


def year_of(text: Optional[str], dct: Optional[date]) -> Optional[int]:
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


def type_of(value: Optional[str], default: str = "DATE") -> str:
    if value and re.search(r"\dT|^T", value):
        return "TIME"
    return default


POD_CODE = {"MO": "TMO", "AF": "TAF", "EV": "TEV", "NI": "TNI", "MI": "TMI"}


def pod_suffix(word: Optional[str]) -> str:
    if not word:
        return ""
    code = lx.lexicon()["parts_of_day"].get(key(word))
    if code is None:
        return ""
    code = str(code)
    return POD_CODE.get(code, "T" + code)


@lru_cache(maxsize=1)
def _ahead_cue() -> re.Pattern:
    words = sorted(lx.lexicon()["ahead_cues"], key=len, reverse=True)
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"\b(?:{alt})\s+(?:the\s+end\s+of\s+)?$", re.I)


def ahead_cued(c: Candidate, env: Env) -> bool:
    """A date cued as still ahead (``ahead_cues`` in lexicon.yaml): "loans through January",
    "extended its deadline until Tuesday", "effective Feb. 1"; not the end of a range after
    another timex ("this year through August", "Monday through Friday")."""
    in_range = bool(env.priors) and 0 <= c.start - env.priors[-1].end <= 12
    if in_range or not _ahead_cue().search(env.text[max(0, c.start - 30):c.start]):
        return False
    # "until Thursday, they had not called him a suspect": a state that ended in the past
    return env.doc is None or not pluperfect(env.doc, c.start, c.end)
