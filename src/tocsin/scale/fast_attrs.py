"""A faster, identical ``attribute_ruler`` match for the English pipelines.

spaCy's attribute ruler runs a general ``Matcher`` over every token to apply ~180 short patterns
(tag -> POS/morph maps, lemma and POS exceptions); on the small English model that is ~15% of the
whole parse. Every pattern there is one or two tokens of equality / IN / NOT_IN / REGEX tests on
TAG, LOWER, DEP and IS_SPACE, so the same matches can be found by testing each distinct token row
once and remembering the answer (:class:`_FastMatcher`). ``install``
replaces only the ruler's ``match`` step; the matches (and so the annotations set from them, in
the same order) are the ruler's own. Patterns of any other shape leave the ruler untouched.
``TOCSIN_FAST_ATTRS=0`` turns it off.
"""
from __future__ import annotations

import os
import re
import types
from typing import Callable, Optional

_FIELDS = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}
_MARK = "_tocsin_fast_match"


def _predicate(value, h: Callable[[str], int]) -> Optional[Callable[[int], bool]]:
    """A test on one attribute's value as ``Doc.to_array`` gives it (string hashes, 0/1)."""
    if isinstance(value, bool):
        return lambda v, x=int(value): v == x
    if isinstance(value, str):
        return lambda v, x=h(value): v == x
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN" and isinstance(arg, list):
            s = frozenset(h(a) for a in arg)
            return lambda v: v in s
        if op == "NOT_IN" and isinstance(arg, list):
            s = frozenset(h(a) for a in arg)
            return lambda v: v not in s
        if op == "REGEX" and isinstance(arg, str):
            return ("REGEX", re.compile(arg))  # resolved against the string, see _FastMatcher
    return None


def _keys(value, h) -> Optional[list[int]]:
    """The hashes an equality / IN test accepts (an index key), else None."""
    if isinstance(value, str):
        return [h(value)]
    if isinstance(value, dict) and list(value) == ["IN"] and isinstance(value["IN"], list):
        return [h(a) for a in value["IN"]]
    return None


class _FastMatcher:
    """Patterns are indexed by their first token's TAG and/or LOWER test. A one-token pattern's
    match depends only on that token's (TAG, LOWER, DEP, IS_SPACE), so the patterns matching each
    distinct row are found once and remembered; the few longer patterns are remembered as
    candidates by their first token and checked on the next tokens."""

    MEMO_MAX = 50_000  # distinct rows remembered (at most ~15 MB); emptied when full

    def __init__(self, ruler):
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        strings = ruler.vocab.strings
        self.strings = strings
        self.attr_ids = [TAG, LOWER, DEP, IS_SPACE]
        h = lambda s: strings.add(s) if s else 0
        self.index: dict = {}   # (kind, key...) -> [(attr_id, [checks per token])]
        self.rest: list = []    # patterns with nothing to index on
        for attr_id, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                toks = []
                for spec in pattern:
                    checks = []
                    for key, value in spec.items():
                        if key not in _FIELDS:
                            raise ValueError("unsupported attribute")
                        pred = _predicate(value, h)
                        if pred is None:
                            raise ValueError("unsupported test")
                        checks.append((list(_FIELDS).index(key), pred))
                    toks.append(checks)
                first = pattern[0]
                tags = _keys(first.get("TAG"), h) if "TAG" in first else None
                lowers = _keys(first.get("LOWER"), h) if "LOWER" in first else None
                item = (attr_id, toks)
                if tags and lowers:
                    for t in tags:
                        for low in lowers:
                            self.index.setdefault(("TL", t, low), []).append(item)
                elif tags:
                    for t in tags:
                        self.index.setdefault(("T", t), []).append(item)
                elif lowers:
                    for low in lowers:
                        self.index.setdefault(("L", low), []).append(item)
                else:
                    self.rest.append(item)
        self.match_ids = [strings.add(str(i)) for i in range(len(ruler.attrs))]
        self._memo: dict = {}  # row -> (attr ids of one-token matches, longer candidates)

    def _fits(self, row, checks) -> bool:
        for f, pred in checks:
            if isinstance(pred, tuple):  # REGEX on the string
                if not pred[1].search(self.strings[row[f]] if row[f] else ""):
                    return False
            elif not pred(row[f]):
                return False
        return True

    def _ok(self, rows, i: int, toks) -> bool:
        if i + len(toks) > len(rows):
            return False
        return all(self._fits(rows[i + j], checks) for j, checks in enumerate(toks))

    def _row(self, row) -> tuple:
        """(attr ids of the one-token patterns matching ``row``, longer patterns whose first
        token it fits)."""
        ones, longer = [], []
        tag, low = row[0], row[1]
        index = self.index
        for items in (index.get(("TL", tag, low), ()), index.get(("T", tag), ()), index.get(("L", low), ()),
                      self.rest):
            for attr_id, toks in items:
                if self._fits(row, toks[0]):
                    if len(toks) == 1:
                        ones.append(attr_id)
                    else:
                        longer.append((attr_id, toks))
        return tuple(ones), tuple(longer)

    def __call__(self, doc) -> list:
        rows = doc.to_array(self.attr_ids).tolist() if len(doc) else []
        found = set()
        memo = self._memo
        if len(memo) > self.MEMO_MAX:
            memo.clear()
        for i, row in enumerate(rows):
            key = tuple(row)
            hit = memo.get(key)
            if hit is None:
                hit = memo[key] = self._row(row)
            for attr_id in hit[0]:
                found.add((attr_id, i, i + 1))
            for attr_id, toks in hit[1]:
                if self._ok(rows, i, toks):
                    found.add((attr_id, i, i + len(toks)))
        ids = self.match_ids
        return sorted((a, ids[a], s, e) for a, s, e in found)


def enabled() -> bool:
    return os.environ.get("TOCSIN_FAST_ATTRS", "1").strip().lower() not in ("0", "false", "no", "off")


def install(nlp) -> bool:
    """Give ``nlp``'s attribute ruler the fast match (once); False when not applicable."""
    if not enabled() or "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    if getattr(ruler, _MARK, False):
        return True
    try:
        fast = _FastMatcher(ruler)
    except ValueError:
        return False
    ruler.match = types.MethodType(lambda self, doc: fast(doc), ruler)
    setattr(ruler, _MARK, True)
    return True
