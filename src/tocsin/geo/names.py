"""Name keys: the one normalisation used both to build the gazetteer index and to look names up."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

_ABBREV = [
    (re.compile(r"\bst\b\.?"), "saint"),
    (re.compile(r"\bste\b\.?"), "sainte"),
    (re.compile(r"\bmt\b\.?"), "mount"),
    (re.compile(r"\bft\b\.?"), "fort"),
]
_PUNCT = re.compile(r"[\s\-\u2010-\u2015_/,]+")
_DROP = re.compile(r"[.'’‘`\"()\[\]]")


def _latin(s: str) -> bool:
    return all(ord(ch) < 0x250 or not ch.isalpha() for ch in s)


def name_key(name: str) -> str:
    """Lower-case, accent-free, punctuation-light key: "U.S." -> "us", "St. Louis" -> "saint louis",
    "Kirkūk" -> "kirkuk". Non-Latin scripts (Arabic...) are kept as they are, case-folded."""
    s = unicodedata.normalize("NFKC", name).strip()
    if _latin(s):
        s = unidecode(s)
    s = s.casefold()
    s = _DROP.sub("", s)
    s = _PUNCT.sub(" ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    for pat, rep in _ABBREV:
        s = pat.sub(rep, s)
    return s


@lru_cache(maxsize=16384)
def lookup_key(name: str) -> str:
    """:func:`name_key`, memoised for look-ups (an article asks for the same names many times);
    the index build calls :func:`name_key` directly."""
    return name_key(name)
