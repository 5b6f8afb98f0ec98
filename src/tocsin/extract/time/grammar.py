"""Recognition: the rules of ``data/time/patterns.yaml`` compiled once, run over a text.

``find(text)`` returns non-overlapping :class:`Candidate` matches (longest first, then rule
order), each with its rule's kind and named groups; the normaliser decides what they mean
and may still reject one (a lower-case "may", "the fall in prices").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tocsin.data_files import load_yaml
from tocsin.errors import DataError
from tocsin.extract.time.lexicon import lexicon, macros

# a match starts at a word start, or right after "mid-", "pre-", "post-", "late-", "early-"
_START = ("(?:\\b|(?=['’]\\d))(?:(?<![\\w$£€#'’-])|(?<=mid-)|(?<=pre-)|(?<=post-)|(?<=late-)|(?<=early-))")
_PLACEHOLDER = re.compile(r"\{([A-Z0-9]+)\}")


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    order: int
    regex: re.Pattern
    source: str
    needs: frozenset = frozenset()


@dataclass
class Candidate:
    start: int
    end: int
    rule: Rule
    groups: dict

    @property
    def kind(self) -> str:
        return self.rule.kind

    def g(self, name: str):
        return self.groups.get(name)


def _expand(pattern: str, macro: dict[str, str], rule: str) -> str:
    def sub(m: re.Match) -> str:
        name = m.group(1)
        if name not in macro:
            raise DataError(f"time/patterns.yaml: rule {rule!r} uses unknown placeholder {{{name}}}")
        return macro[name]

    return _PLACEHOLDER.sub(sub, pattern)


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    macro = dict(macros(), PRE="")
    out = []
    for i, r in enumerate(load_yaml("time/patterns.yaml")["rules"]):
        # {PRE} (mods and positions) is matched backwards from each hit, not at every offset
        body = _expand(r["regex"], macro, r["name"])
        flags = 0 if r.get("case_sensitive") else re.IGNORECASE
        try:
            rx = re.compile(rf"{_START}(?:{body})(?![\w]|-\w)", flags)
        except re.error as exc:
            raise DataError(f"time/patterns.yaml: rule {r['name']!r}: {exc}") from None
        out.append(Rule(r["name"], r["kind"], i, rx, r["regex"], frozenset(r.get("needs", ()))))
    return tuple(out)


@lru_cache(maxsize=1)
def _prefix() -> re.Pattern:
    """The optional mod/position words right before a match ({PRE}), matched at the end of
    the text preceding it."""
    return re.compile(rf"(?<![\w-])(?:{macros()['PRE']})$", re.IGNORECASE)


_CLASSES = {"months": "month", "weekdays": "weekday", "seasons": "season", "parts_of_day": "pod",
            "units": "unit", "holidays": "holiday", "refs": "ref", "set_adverbs": "setadv",
            "decade_words": "decade"}


@lru_cache(maxsize=1)
def _trigger_words() -> dict[str, frozenset[str]]:
    """Words that can be part of a time expression, each with its lexicon classes: rules run
    only in windows around these (and around digits, class "digit"), and only where a word of
    a class they need (``needs`` in patterns.yaml) occurs. Triggers listed in patterns.yaml
    have class "word"."""
    lx = lexicon()
    out: dict[str, set[str]] = {}
    singles = {str(e).lower() for k in _CLASSES for e in lx[k] if _WORD.fullmatch(str(e).lower())}
    for k, cls in _CLASSES.items():
        for e in lx[k]:
            e = str(e).lower()
            words = set(w for w in _WORD.findall(e) if w in singles)
            first = e.split()[0]
            if first not in ("the", "a", "an", "at", "in", "as"):
                words.add(first)
            if _WORD.fullmatch(e):
                words.add(e)
            for w in words:
                out.setdefault(w, set()).add(cls)
    for w in load_yaml("time/patterns.yaml").get("triggers", []):
        out.setdefault(w.lower(), set()).add("word")
    return {w: frozenset(c) for w, c in out.items()}


_WORD = re.compile(r"[^\W\d_]+|\d+")
_DIGIT = frozenset({"digit"})


def _regions(text: str, before: int = 28, after: int = 22) -> list[tuple[int, int, set]]:
    """Merged windows of text around trigger words and numbers, cut at whitespace, each with
    the classes of the triggers inside."""
    out: list[list] = []
    n = len(text)
    trig = _trigger_words()
    for m in _WORD.finditer(text):
        w = m.group()
        if w[0].isdigit():
            cls = _DIGIT
        else:
            lw = w.lower()
            cls = trig.get(lw) or (trig.get(lw[:-1]) if lw.endswith("s") else None)
            if not cls:
                continue
        s, e = max(0, m.start() - before), min(n, m.end() + after)
        while s > 0 and not text[s - 1].isspace():
            s -= 1
        while e < n and not text[e].isspace():
            e += 1
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
            out[-1][2].update(cls)
        else:
            out.append([s, e, set(cls)])
    return [(s, e, c) for s, e, c in out]


def find(text: str) -> list[Candidate]:
    """All rule matches in ``text``, overlaps resolved (longest, then earlier rule)."""
    found: list[Candidate] = []
    pre = _prefix()
    regions = _regions(text)
    for rule in rules():
        for rs, re_, classes in regions:
            if rule.needs and not (rule.needs & classes):
                continue
            for m in rule.regex.finditer(text, rs, re_):
                if m.end() <= m.start():
                    continue
                groups = {k: v for k, v in m.groupdict().items() if v}
                start = m.start()
                if "{PRE}" in rule.source and start > 0:
                    pm = pre.search(text, max(0, start - 40), start)
                    if pm and pm.end() > pm.start():
                        groups.update({k: v for k, v in pm.groupdict().items() if v})
                        groups["_pre_start"] = pm.start()
                        groups["_core_start"] = start
                        start = pm.start()
                found.append(Candidate(start, m.end(), rule, groups))
    return select(found)


def select(found: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, ties to the earlier rule."""
    found.sort(key=lambda c: (-(c.end - c.start), c.rule.order, c.start))
    taken: list[tuple[int, int]] = []
    out = []
    for c in found:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        taken.append((c.start, c.end))
        out.append(c)
    out.sort(key=lambda c: c.start)
    return out
