"""Temporal expressions: TIMEX3 recognition and normalisation against the publication date.

``extract(ctx) -> list[Timex]`` finds DATE, TIME, DURATION and SET expressions in the body
sentences (patterns in ``data/time/patterns.yaml``, words in ``data/time/lexicon.yaml``),
resolves each to a TIMEX3 value (``2019-12-27``, ``2019-05``, ``2019-SU``, ``2019-W52``,
``1989-Q3``, ``199``, ``P1Y`` with ``mod`` MORE_THAN, ``PRESENT_REF``, ``P1W`` for "every week")
and says what it was resolved from: ``anchor`` is ``"published"``, or the id of the earlier
timex it was counted from ("two days before that"), or None for absolute dates, durations
and sets. Ids are ``t1, t2...`` in text order. Without a publication date relative
expressions keep value None. Nothing raises on odd text.

``precision_of(value) -> str`` gives a value's granularity (day, week, month, season, quarter,
year, decade or unknown); ``tocsin.extract.event_dates`` attaches these timexes to events.

The work is split in ``tocsin.extract.time``: ``lexicon`` (word lists, number words),
``grammar`` (compiled patterns, candidate spans), ``tense`` (the governing verb's tense from
the parse), ``calendar`` (periods as TIMEX3 values) and ``normalize`` (the dispatch from rule
kind to normaliser; one module per kind: ``dates``, ``deictic``, ``relative_units``,
``offsets``, ``holidays``, ``clock``, ``quarters``, ``years``, ``seasons``, ``durations``,
``refs_sets``, sharing ``resolution``, ``reading`` and ``direction``).
"""
from __future__ import annotations

import bisect
import logging
import re
from functools import lru_cache
from typing import Optional

from spacy.attrs import IDX, SENT_START

from tocsin.context import Context
from tocsin.extract.time.calendar import parse_value
from tocsin.extract.time.grammar import find
from tocsin.extract.time.normalize import PUBLISHED, Env, Prior, normalise
from tocsin.extract.time.tense import governing_tense
from tocsin.record import Timex

log = logging.getLogger(__name__)


def extract(ctx: Context) -> list[Timex]:
    """The TIMEX3 expressions of the article's body, in text order."""
    try:
        return _extract(ctx)
    except Exception:  # noqa: BLE001 - a date stage must never sink an article
        log.exception("timex extraction failed on article %s", ctx.article.id)
        return []


def _body_sentences(ctx: Context) -> list[tuple[int, int]]:
    """(start, end) of every parsed sentence, read from the doc's arrays (cheap). Candidates in
    excluded regions are dropped one by one: a sentence that runs into a blanked pull quote
    still has body text."""
    doc = ctx.doc
    if len(doc) == 0:
        return []
    arr = doc.to_array([SENT_START, IDX])
    starts = [int(i) for i in arr[arr[:, 0] == 1, 1]]
    if not starts or starts[0] != 0:
        starts.insert(0, int(arr[0, 1]))
    ends = starts[1:] + [len(ctx.text)]
    return list(zip(starts, ends))


def _extract(ctx: Context) -> list[Timex]:
    text = ctx.text
    sents = _body_sentences(ctx)
    starts = [s for s, _ in sents]
    dct = ctx.published
    out: list[Timex] = []
    priors: list[Prior] = []
    for cand in find(text):
        i = bisect.bisect_right(starts, cand.start) - 1
        if i < 0 or cand.start >= sents[i][1]:
            continue
        s_start, s_end = sents[i]
        end = min(cand.end, s_end) if cand.end > s_end else cand.end
        if ctx.excluded(cand.start, end):
            continue
        core = cand.groups.get("_core_start", cand.start)
        tense = governing_tense(ctx.doc, core, end)
        env = Env(text=text, dct=dct, tense=tense, doc=ctx.doc, sent_start=s_start, sent_index=i, priors=priors)
        try:
            res = normalise(cand, env)
        except Exception:  # noqa: BLE001 - one odd expression: leave it unresolved
            log.debug("cannot normalise %r", text[cand.start:end], exc_info=True)
            continue
        if res is None:
            continue
        start = res.start if res.start is not None else cand.start
        if res.end is not None:
            end = res.end
        span_text = text[start:end]
        # a sentence-final period is not part of the expression ("next week.")
        while span_text and span_text[-1] in ".,;:" and not re.search(r"\b[A-Za-z]\.$|\b[ap]\.m\.$", span_text, re.I):
            span_text = span_text[:-1]
            end -= 1
        if not span_text.strip() or _opens_name(env, end):
            continue
        idx = len(out)
        anchor = res.anchor
        if isinstance(anchor, int):
            anchor = out[anchor].id
        tx = Timex(id=f"t{idx + 1}", start=start, end=end, text=span_text, type=res.type,
                   value=res.value, anchor=anchor, mod=res.mod)
        out.append(tx)
        if res.type in ("DATE", "TIME"):
            point = parse_value(res.value)
            if point is not None:
                priors.append(Prior(idx, start, end, s_start, point, i, res.shifted))
    return out


@lru_cache(maxsize=1)
def _name_heads() -> frozenset:
    from tocsin.extract.time.lexicon import lexicon

    return frozenset(str(w).lower() for w in lexicon().get("name_heads") or ())


def _opens_name(env: Env, end: int) -> bool:
    """Whether a date is the start of a name: a capitalised name head follows it ("the 19 April
    Movement"; ``name_heads`` in data/time/lexicon.yaml)."""
    m = re.match(r"\s+([A-Za-z]+)", env.cased(end, end + 24))
    return bool(m) and m.group(1)[0].isupper() and m.group(1).lower() in _name_heads()


# ---------------------------------------------------------------- for the events stage

def precision_of(value: Optional[str]) -> str:
    """The granularity of a TIMEX3 value, in the record's precision vocabulary."""
    p = parse_value(value)
    if p is None:
        return "unknown"
    return {"weekend": "week", "half": "quarter", "century": "decade"}.get(p.gran, p.gran)


__all__ = ["extract", "precision_of", "PUBLISHED"]
