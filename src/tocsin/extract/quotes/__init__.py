"""Quotes and who said them: direct and partial quotations (marked), indirect speech (parsed).

``extract(ctx)`` returns :class:`~tocsin.record.Quote` objects, ids ``q1, q2 …`` in text order.
A quote's span is its content: for a quotation, the text between the outer quotation marks
(marks excluded; a quotation running over paragraphs spans them, inner paragraph breaks
included); for indirect speech, the reported clause. Speakers are resolved through the
document's entities (``ctx.entity_at``); a pronoun no entity resolves, in a quote or "he said"
that follows another quote, takes the previous speaker it can refer to; a quotation with no cue
that fills its sentence takes the speaker of its paragraph (or of the paragraph before when that
one ends on an attribution). See docs/quotes.md.
"""
from __future__ import annotations

import bisect
from typing import Optional

from tocsin.context import Context
from tocsin.record import Quote, Span

from . import cues, direct, indirect, marks, speakers
from .direct import Cand
from .lexicon import lexicon
from .tokens import DocIndex

_FOCUS_PARAS = 3


def _compatible(pron_group: str, cand: Cand) -> bool:
    sp = cand.speaker
    if sp is None or not (sp.speaker.name or sp.speaker.role):
        return False
    if pron_group == "person":
        return sp.group in ("person", "other")
    if pron_group == "group":
        return sp.group in ("group", "other")
    return False


def _focus_source(c: Cand) -> bool:
    """Can this attribution's speaker carry over to a quotation with no cue? Quotations and
    reported speech can; thoughts and intentions ("women who want to …") cannot."""
    if c.speaker is None or c.needs_speaker:
        return False
    return c.marked or c.how in ("speech", "short-term")


def _resolve_focus(ctx: Context, cands: list[Cand], ix: DocIndex) -> None:
    """Pronoun speakers no entity resolved, and quotations with no cue, take a nearby speaker."""
    for n, c in enumerate(cands):
        if c.pronoun and c.speaker is not None:
            group = c.speaker.group
            for prev in reversed(cands[:n]):
                if c.para - prev.para > _FOCUS_PARAS:
                    break
                if prev.pronoun:
                    continue
                if _compatible(group, prev):
                    sp = prev.speaker.speaker
                    c.speaker.speaker.name = sp.name
                    c.speaker.speaker.entity_id = sp.entity_id
                    c.speaker.speaker.role = sp.role
                    c.pronoun = False
                    c.how += "+pronoun-focus"
                    break
    for n, c in enumerate(cands):
        if not c.needs_speaker:
            continue
        src: Optional[Cand] = None
        for prev in reversed(cands[:n]):
            if prev.para != c.para:
                break
            if _focus_source(prev):
                src = prev
                break
        if src is None:
            for nxt in cands[n + 1:]:
                if nxt.para != c.para:
                    break
                if nxt.marked and _focus_source(nxt):
                    src = nxt
                    break
        if src is None and c.para > 0:
            ps, pe = ix.paras[c.para - 1]
            last_sent_start = ix.doc[ix.sent_start[ix.tok_before(pe)]].idx
            for prev in reversed(cands[:n]):
                if prev.para < c.para - 1:
                    break
                if prev.para == c.para - 1 and _focus_source(prev):
                    if prev.end >= last_sent_start or (prev.cue and prev.cue[1] >= last_sent_start):
                        src = prev
                    break
        if src is not None:
            c.speaker = src.speaker
            c.needs_speaker = False
            c.how += "+focus"
        elif c.marked:
            found = _previous_sentence_speaker(ctx, c, ix)
            if found is not None:
                c.speaker = found
                c.needs_speaker = False
                c.how += "+prev-sentence"


def _previous_sentence_speaker(ctx: Context, c: Cand, ix: DocIndex):
    """"Lynch announced the lawsuit. “We are seeking …”": the subject of a speech verb in the
    sentence just before a quotation that has no cue of its own (same paragraph, or the last
    sentence of the paragraph before)."""
    doc = ix.doc
    o = ix.tok_before(c.start)  # the opening mark
    if o <= 0:
        return None
    prev = o - 1
    while prev > 0 and doc[prev].is_space:
        prev -= 1
    if ix.para_of(doc[prev].idx) < c.para - 1:
        return None
    lo = ix.sent_start[prev]
    lex = lexicon()
    for k in range(prev, lo - 1, -1):
        t = doc[k]
        if t.text in direct.QUOTE_TOKENS:
            return None
        if cues.is_speech(t, lex):
            s = cues.subject(t, lex)
            if s is not None and s.i < o and cues.same_paragraph(s, t):
                return speakers.build(ctx, s, lex)
    return None


def extract(ctx: Context) -> list[Quote]:
    text = ctx.text
    if not text.strip() or not len(ctx.doc):
        return []
    lex = lexicon()
    ix = DocIndex(ctx.doc, text)
    cues.set_paragraphs(ix.paras)
    cands: list[Cand] = []
    for m in marks.find(text, ctx.excluded):
        try:
            c = direct.attribute(ctx, m, lex, ix)
        except (IndexError, ValueError):
            c = None
        if c is not None:
            cands.append(c)
    spans = sorted((c.start - 1, c.end + 1) for c in cands)
    starts = [s for s, _ in spans]

    def taken(a: int, b: int) -> bool:
        i = bisect.bisect_left(starts, b) - 1
        while i >= 0:
            s, e = spans[i]
            if s < b and a < e:
                return True
            i -= 1
            if i >= 0 and spans[i][1] < a - 2000:
                break
        return False

    cands.extend(indirect.extract(ctx, lex, ix, taken))
    cands.sort(key=lambda c: (c.start, c.end))
    _resolve_focus(ctx, cands, ix)
    out: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for c in cands:
        if (c.start, c.end) in seen:
            continue
        seen.add((c.start, c.end))
        out.append(Quote(
            id=f"q{len(out) + 1}",
            start=c.start,
            end=c.end,
            text=text[c.start:c.end],
            kind=c.kind,
            speaker=c.speaker.speaker if c.speaker is not None else None,
            cue=Span(start=c.cue[0], end=c.cue[1], text=text[c.cue[0]:c.cue[1]]) if c.cue else None,
            channel=c.channel,
        ))
    return out
