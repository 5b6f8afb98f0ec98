"""The cheap first pass: which sentences of an article need the full parse (parser, NER).

A regular-expression sentence split (no model) cuts the text into pieces that cover it exactly;
each piece owns the whitespace after it, so the pieces' texts concatenate back to the text. A
piece is kept when it holds a signal an extractor could use: a trigger candidate, a quote mark,
a digit or number word, a capitalised word (toponym or actor candidate), a temporal word, a
pronoun or a speech cue. Discourse needs context, so the neighbours of kept pieces and whole
paragraphs holding a quote mark are kept too. Word lists are data (``data/scale/prefilter.yaml``,
``data/events/triggers.yaml``, ``data/time/lexicon.yaml``).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Optional

from tocsin.data_files import data_path, load_yaml, read_yaml

ENV_SWITCH = "TOCSIN_PREFILTER"

_QUOTES = "\"“”«»„‘"
_WORD = re.compile(r"[^\W\d_][\w'’.\-]*", re.UNICODE)
# a sentence end: . ! ? (with closing quotes/brackets) + whitespace + a likely sentence start
_END = re.compile(r"[.!?]+[\"”’')\]]*(\s+)(?=[\"“‘(\[]?[A-Z0-9])")
_PARA = re.compile(r"\n[ \t\r\f\v]*\n\s*")


@dataclass(frozen=True)
class Selection:
    """Pieces ``(start, end)`` covering the text in order, and which of them to parse."""

    pieces: list[tuple[int, int]]
    keep: list[bool]

    def runs(self) -> Iterator[tuple[int, int, bool]]:
        """Maximal runs of kept / skipped pieces as ``(start, end, kept)``."""
        i, n = 0, len(self.pieces)
        while i < n:
            j = i
            while j + 1 < n and self.keep[j + 1] == self.keep[i]:
                j += 1
            yield self.pieces[i][0], self.pieces[j][1], self.keep[i]
            i = j + 1

    @property
    def kept_chars(self) -> int:
        return sum(e - s for (s, e), k in zip(self.pieces, self.keep) if k)


def enabled() -> bool:
    """Whether parses go through the prefilter (``TOCSIN_PREFILTER=0`` turns it off)."""
    return os.environ.get(ENV_SWITCH, "1").strip().lower() not in ("0", "false", "no", "off")


def _trigger_words() -> tuple[set[str], set[str]]:
    """Trigger surface forms (exact) and stems (prefix) from the events module or its data."""
    try:
        from tocsin.extract.events import trigger_surface_forms  # type: ignore[attr-defined]

        forms = {f.lower() for f in trigger_surface_forms()}
        words = {w for f in forms for w in f.split()}
        return words, set()
    except (ImportError, AttributeError):
        pass
    path = data_path("events/triggers.yaml")
    if not path.exists():
        return set(), set(load_yaml("scale/prefilter.yaml")["fallback_stems"])
    lemmas: set[str] = set()
    for spec in (read_yaml(path) or {}).values():
        if not isinstance(spec, dict):
            continue
        for kind, entries in spec.items():
            if not isinstance(entries, dict):
                continue
            for key in entries:
                words = str(key).lower().split()
                # a phrase needs all its words: its longest (rarest) one is a sufficient cue;
                # a verb_objects entry needs its verb
                if words:
                    lemmas.add(max(words, key=len) if kind == "phrases" else words[0])
    common = set(load_yaml("scale/prefilter.yaml")["common_initial"])
    lemmas = {w for w in lemmas if len(w) > 2 and w not in common}
    # a stem matches the inflections: "seize" -> seiz(ed), "deny" -> den(ied)
    stems = {lem[:-1] if lem[-1] in "ey" else lem for lem in lemmas if len(lem) > 3}
    return lemmas, stems


def _time_words() -> set[str]:
    path = data_path("time/lexicon.yaml")
    if not path.exists():
        return set()
    out: set[str] = set()
    skip = {"numbers", "vague_numbers", "mods", "ambiguous_abbreviations", "ambiguous_seasons"}
    for key, val in (read_yaml(path) or {}).items():
        if key in skip:
            continue
        items = val.keys() if isinstance(val, dict) else val if isinstance(val, list) else []
        for it in items:
            words = str(it).lower().split()
            if len(words) == 1:
                out.add(words[0])
    return out


@dataclass(frozen=True)
class _Lexicon:
    exact: frozenset
    stems: re.Pattern
    common_initial: frozenset
    abbreviations: frozenset


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    cfg = load_yaml("scale/prefilter.yaml")
    words, stems = _trigger_words()
    exact = set(words) | _time_words()
    for key in ("pronouns", "cues", "irregular", "temporal", "numbers"):
        exact.update(str(w).lower() for w in cfg[key])
    stem_list = sorted(stems, key=len, reverse=True) or ["\uffff"]
    stem_re = re.compile(r"(?:%s)" % "|".join(re.escape(s) for s in stem_list))
    return _Lexicon(
        exact=frozenset(exact),
        stems=stem_re,
        common_initial=frozenset(cfg["common_initial"]),
        abbreviations=frozenset(a.lower() for a in cfg["abbreviations"]),
    )


def split_pieces(text: str) -> list[tuple[int, int]]:
    """Sentence-like pieces covering ``text``: each starts at a sentence's first character and
    runs to the next one's (its trailing whitespace included); the first starts at 0."""
    lex = _lexicon()
    cuts = {0, len(text)}
    for m in _PARA.finditer(text):
        cuts.add(m.end())
    for m in _END.finditer(text):
        before = text[max(0, m.start() - 12) : m.start()]
        prev = re.search(r"([\w.]+)$", before)
        if text[m.start()] == "." and prev:
            word = prev.group(1).lower().rstrip(".")
            if word in lex.abbreviations or (len(word) == 1 and word.isalpha()):
                continue
        cuts.add(m.end(1))
    ordered = sorted(c for c in cuts if 0 <= c <= len(text))
    return [(a, b) for a, b in zip(ordered, ordered[1:]) if b > a]


def has_signal(piece: str) -> bool:
    """True when a piece holds anything an extractor could code."""
    if any(c in piece for c in _QUOTES) or any(c.isdigit() for c in piece):
        return True
    lex = _lexicon()
    first = True
    for m in _WORD.finditer(piece):
        w = m.group(0).rstrip(".’'-")
        low = w.lower()
        if w[:1].isupper() and not (first and low in lex.common_initial):
            return True
        first = False
        if low in lex.exact or lex.stems.match(low):
            return True
    return False


def select(text: str, neighbours: Optional[int] = None) -> Selection:
    """Decide which pieces of ``text`` (the parser's view: excluded regions blanked) to parse;
    ``neighbours`` kept around each piece with a signal (default 1, or
    ``TOCSIN_PREFILTER_NEIGHBOURS``)."""
    if neighbours is None:
        neighbours = int(os.environ.get("TOCSIN_PREFILTER_NEIGHBOURS", "1") or 1)
    pieces = split_pieces(text)
    signal = [has_signal(text[s:e]) for s, e in pieces]
    keep = list(signal)
    for i, sig in enumerate(signal):
        if sig:
            for j in range(max(0, i - neighbours), min(len(pieces), i + neighbours + 1)):
                keep[j] = True
    # a paragraph with a quote mark is kept whole (quotes continue across its sentences)
    for ps, pe in _paragraphs(text):
        if any(c in text[ps:pe] for c in _QUOTES):
            for i, (s, e) in enumerate(pieces):
                if s < pe and ps < e:
                    keep[i] = True
    return Selection(pieces=pieces, keep=keep)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _PARA.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out
