"""Quotation marks to quoted stretches of text, before any reading of who said them.

Curly and straight double marks pair up by nesting depth within a paragraph (an inner quote
inside a quote stays inside it). A quote left open at the end of a paragraph continues into the
next paragraph when that paragraph opens with a quotation mark (the newspaper convention for a
quotation running over several paragraphs); otherwise it ends with its paragraph. Curly single
marks count only as a top-level pair that opens at the start of a word and closes at the end of
one, so apostrophes (``militias’``, ``it’s``) are never quotation marks. Excluded regions
(pull-quote boxes, bylines) are not read. A closing curly mark that opens a paragraph before a
word (a typesetting slip, ``”We will …``) opens a quotation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

OPEN_D, CLOSE_D, STRAIGHT_D = "“", "”", '"'
OPEN_S, CLOSE_S = "‘", "’"
_DOUBLE = re.compile('[“”"]')
_OPENERS_BEFORE = set(" \t\n([{—–-/:;,“‘")


@dataclass
class Marked:
    """A quoted stretch: ``start``/``end`` bound the content without the outer marks; ``open``
    and ``close`` are the positions of the outer marks (``close`` is None when the quote ran to
    the end of a paragraph without closing). ``pieces`` are the per-paragraph parts."""

    open: int
    close: int | None
    start: int
    end: int
    pieces: list[tuple[int, int]] = field(default_factory=list)
    single: bool = False


_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_NEWLINE = re.compile(r"\n\s*")


def line_paragraphs(text: str) -> bool:
    """True when each line is a paragraph: a text without blank lines whose lines are long (or
    few). Blank lines, where the text has any, are what separates paragraphs; a text without
    them made of short lines is hard-wrapped."""
    lines = sorted(len(ln) for ln in text.split("\n") if ln.strip())
    if not lines:
        return True
    if _BLANK_LINE.search(text):
        return False
    return lines[len(lines) // 2] > 100 or len(lines) < 3


_SINGLE_BREAK = re.compile(r"(?<=[.!?”\"’)])[ \t\r\f\v\xa0]*\n(?![ \t\r\f\v]*\n)\s*")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans (see :func:`line_paragraphs`). In a text whose paragraphs are mostly
    separated by blank lines but whose lines are long (not hard-wrapped), a single line break
    after a sentence's end also separates paragraphs (web pages mix the two); a line ending on
    a colon runs on into the next ("Sanders said:" / "“…”")."""
    if line_paragraphs(text):
        cuts = [(m.start(), m.end()) for m in _NEWLINE.finditer(text)]
    else:
        cuts = [(m.start(), m.end()) for m in _BLANK_LINE.finditer(text)]
        lines = sorted(len(ln) for ln in text.split("\n") if ln.strip())
        if lines and lines[len(lines) // 2] > 100:
            cuts += [(m.start(), m.end()) for m in _SINGLE_BREAK.finditer(text)]
            cuts.sort()
    out, pos = [], 0
    for a, b in cuts:
        if a < pos:
            continue
        if text[pos:a].strip():
            out.append(_trim(text, pos, a))
        pos = b
    if text[pos:].strip():
        out.append(_trim(text, pos, len(text)))
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _is_open_straight(text: str, i: int, pstart: int) -> bool:
    before = text[i - 1] if i > pstart else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before in _OPENERS_BEFORE:
        return not after.isspace()
    return False


def _singles(text: str, s: int, e: int) -> list[Marked]:
    """Top-level ‘…’ pairs in a paragraph without double marks."""
    out = []
    i = s
    while True:
        o = text.find(OPEN_S, i, e)
        if o < 0:
            break
        before = text[o - 1] if o > s else " "
        if before not in _OPENERS_BEFORE or o + 1 >= e or not text[o + 1].isalnum():
            i = o + 1
            continue
        c = o + 1
        found = None
        while True:
            c = text.find(CLOSE_S, c, e)
            if c < 0:
                break
            after = text[c + 1] if c + 1 < e else " "
            if not after.isalnum() and not text[c - 1].isspace() and " " in text[o + 1:c]:
                found = c
                break
            c += 1
        if found is None:
            i = o + 1
            continue
        out.append(Marked(o, found, o + 1, found, [(o + 1, found)], single=True))
        i = found + 1
    return out


def find(text: str, excluded: Callable[[int, int], bool]) -> list[Marked]:
    """Every top-level quotation in the text, in order."""
    paras = [p for p in paragraphs(text) if not excluded(*p)]
    out: list[Marked] = []
    cur: Marked | None = None  # a quotation still open (possibly carried from the last paragraph)
    for pi, (ps, pe) in enumerate(paras):
        marks = [m.start() for m in _DOUBLE.finditer(text, ps, pe)]
        depth, seg = 0, ps
        if cur is not None:
            if marks and marks[0] == ps and text[ps] != CLOSE_D:
                depth, seg, marks = 1, ps + 1, marks[1:]
            else:
                out.append(cur)
                cur = None
        if cur is None and not marks:
            out.extend(_singles(text, ps, pe))
            continue
        for i in marks:
            ch = text[i]
            if ch == STRAIGHT_D and depth == 1 and cur is not None and text[cur.open] == STRAIGHT_D:
                is_open = False  # straight quotes do not nest: this one closes
            else:
                is_open = (ch == OPEN_D or (ch == STRAIGHT_D and _is_open_straight(text, i, ps))
                           or (ch == CLOSE_D and depth == 0 and i == ps and i + 1 < pe and text[i + 1].isalnum()))
            if is_open:
                if depth == 0:
                    cur, seg = Marked(i, None, i + 1, i + 1), i + 1
                depth += 1
            elif depth > 0:
                depth -= 1
                if depth == 0 and cur is not None:
                    cur.pieces.append((seg, i))
                    cur.close = i
                    out.append(cur)
                    cur = None
        if cur is not None:
            cur.pieces.append((seg, pe))
            nxt = paras[pi + 1] if pi + 1 < len(paras) else None
            if nxt is None or text[nxt[0]] not in "“\"":
                out.append(cur)
                cur = None
    if cur is not None:
        out.append(cur)
    for m in out:
        m.start, m.end = m.pieces[0][0], m.pieces[-1][1]
    out = [m for m in out if m.end > m.start and text[m.start:m.end].strip()]
    out.sort(key=lambda m: m.start)
    return out
