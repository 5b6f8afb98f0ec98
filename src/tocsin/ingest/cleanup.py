"""Find regions of an article that are not body text, without changing the text.

Pull-quote boxes (a short paragraph repeating body text, followed by a lone attribution line),
bylines, datelines ("KIRKUK, Iraq (Tigris Wire) —", the prefix only) and boilerplate lines are returned as :class:`~tocsin.record.Excluded` regions; offsets
into the text stay valid because nothing is deleted. Patterns live in ``data/cleanup.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tocsin.data_files import load_yaml
from tocsin.record import Excluded

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _patterns():
    cfg = load_yaml("cleanup.yaml")
    case_sensitive = {"attribution_line", "dateline"}
    comp = lambda key: [re.compile(p, 0 if key in case_sensitive else re.IGNORECASE) for p in cfg[key]]
    return comp("byline"), comp("boilerplate"), comp("attribution_line"), cfg["pull_quote"], comp("dateline")


def _lines(text: str) -> list[_Line]:
    out = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            out.append(_Line(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(raw)
    return out


def _words(s: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(s)]


def _ngrams(words: list[str], n: int = 4) -> set[tuple[str, ...]]:
    if len(words) < n:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _is_attribution(line: _Line, pats, max_words: int) -> bool:
    if len(line.text.split()) > max_words or line.text[-1] in ".!?:;\"”’":
        return False
    return any(p.match(line.text) for p in pats)


def _names_place(prefix: str) -> bool:
    """Whether a dateline prefix opens with a place the gazetteer knows ("PEREIRA --")."""
    from tocsin.geo.gazetteer import load

    name = re.split(r"\s*[,(—–]|\s+-", prefix, maxsplit=1)[0].strip()
    return any(c.kind == 0 for c in load().lookup(name))


def find_excluded(text: str) -> list[Excluded]:
    """Regions of ``text`` that cleanup marks as not body text, in text order."""
    bylines, boiler, attribution, pq, datelines = _patterns()
    lines = _lines(text)
    out: list[Excluded] = []
    taken: set[int] = set()
    for i, line in enumerate(lines):
        if i < 4 and any(p.match(line.text) for p in bylines) and len(line.text) < 160:
            out.append(Excluded(start=line.start, end=line.end, reason="byline"))
            taken.add(i)
        elif any(p.match(line.text) for p in boiler):
            out.append(Excluded(start=line.start, end=line.end, reason="boilerplate"))
            taken.add(i)
    after_body = False
    for i, line in enumerate(lines[:3]):
        if i in taken:
            continue
        m = next((m for p in datelines if (m := p.match(line.text))), None)
        if m and m.end() < len(line.text) and (not after_body or _names_place(m.group(0))):
            out.append(Excluded(start=line.start, end=line.start + len(m.group(0).rstrip()), reason="dateline"))
            break
        # after a line of body text only a known place opens a dateline ("PEREIRA --"), not a
        # capitalised subject ("TWO U.S. MISSIONARIES -- AGED 19 AND 21 -- WERE SHOT")
        after_body = after_body or line.text.rstrip()[-1:] in (".", "!", "?")
    for i, line in enumerate(lines):
        if i == 0 or i in taken or (i - 1) in taken:
            continue
        if not _is_attribution(line, attribution, pq["attribution_max_words"]):
            continue
        box = lines[i - 1]
        box_words = _words(box.text)
        if not box_words or len(box_words) > pq["max_words"]:
            continue
        n = min(4, len(box_words))
        grams = _ngrams(box_words, n)
        rest_words: list[str] = []
        for j, other in enumerate(lines):
            if j not in (i - 1, i):
                rest_words.extend(_words(other.text))
                rest_words.append("\u2029")  # do not let n-grams run across lines
        rest = _ngrams(rest_words, n)
        overlap = len(grams & rest) / len(grams)
        if overlap >= pq["min_overlap"]:
            out.append(Excluded(start=box.start, end=box.end, reason="pull_quote"))
            out.append(Excluded(start=line.start, end=line.end, reason="pull_quote_attribution"))
            taken.update({i - 1, i})
    out.sort(key=lambda e: e.start)
    return out


def mask(text: str, excluded: list[Excluded]) -> str:
    """``text`` with excluded regions blanked (same length, newlines kept) for the parser."""
    if not excluded:
        return text
    chars = list(text)
    for ex in excluded:
        for k in range(ex.start, ex.end):
            if chars[k] not in "\r\n":
                chars[k] = " "
    return "".join(chars)
