"""An event mention's date: the one place a timex is attached to an event.

``event_date(ctx, sent, mention_tokens, paragraph_start, other_tokens, reporting)`` returns the
record's ``EventDate`` for a mention (its trigger and argument tokens in ``sent``):

1. ``source="modifier"``: a calendar timex hanging from the mention's clause ("on Sunday",
   "late Friday", "the Dec. 27 attack").
2. ``source="discourse"``: else the nearest calendar timex elsewhere in the sentence, then the
   latest one earlier in the paragraph. A timex is not taken when it belongs to another
   event's clause, to the reporting verb ("said on Monday that …"), or to a relative clause
   describing a name, which dates background ("Kataib Hezbollah, which Washington designated … in 2009").
3. ``source="published"``: else the publication date, with precision ``unknown`` because the
   text did not say.

Only DATE/TIME timexes with a calendar value count; ``PRESENT_REF`` and the like do not.

``shifted_date(t, date, lex)`` then moves a date by an interval a clause states before or
after the dated event ("on Sunday, two days after a strike killed X": the strike is Friday).
"""
from __future__ import annotations

from datetime import date as _date, timedelta
from typing import Iterable, Optional

from spacy.tokens import Span, Token

from tocsin.context import Context
from tocsin.extract.clauses import attached, governing_verb, describes_name
from tocsin.extract.timexes import precision_of
from tocsin.record import EventDate, Timex


def calendar_dates(timexes: Iterable[Timex]) -> list[Timex]:
    """The DATE/TIME timexes with a calendar value, in text order."""
    return sorted((t for t in timexes if t.type in ("DATE", "TIME") and t.value and t.value[:1].isdigit()),
                  key=lambda t: t.start)


def _from(t: Timex, source: str) -> EventDate:
    return EventDate(value=t.value, start=t.start, end=t.end, text=t.text, precision=precision_of(t.value), source=source)


def _background(span: Span, mention_tokens: set[int]) -> bool:
    """The timex dates a description of a name that the mention is not in."""
    verb = governing_verb(span.root)
    return describes_name(verb) and not any(t.i in mention_tokens for t in verb.subtree)


def event_date(ctx: Context, sent: Span, mention_tokens: set[int], paragraph_start: int,
               other_tokens: set[int] = frozenset(), reporting: frozenset = frozenset(),
               dates: Optional[list[Timex]] = None) -> Optional[EventDate]:
    """The date of the mention whose tokens are ``mention_tokens`` (see the module's rules).
    ``dates`` is ``calendar_dates(ctx.timexes)``, passed in by callers dating many mentions."""
    if dates is None:
        dates = calendar_dates(ctx.timexes)
    doc = sent.doc
    free = []
    for t in dates:
        if not (sent.start_char <= t.start and t.end <= sent.end_char):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        if attached(span.root, mention_tokens):
            return _from(t, "modifier")
        gov = governing_verb(span.root)
        if gov.i in other_tokens or (gov.pos_ in ("VERB", "AUX") and gov.lemma_.lower() in reporting and span.start > gov.i):
            continue
        if _background(span, mention_tokens):
            continue
        free.append(t)
    if free and mention_tokens:
        trig_pos = min(doc[i].idx for i in mention_tokens)
        return _from(min(free, key=lambda x: abs(x.start - trig_pos)), "discourse")
    for t in reversed([t for t in dates if paragraph_start <= t.start < sent.start_char]):
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None and _background(span, mention_tokens):
            continue
        return _from(t, "discourse")
    if ctx.published is not None:
        return EventDate(value=ctx.published.isoformat(), precision="unknown", source="published")
    return None


def shifted_date(t: Token, date: Optional[EventDate], lex) -> Optional[EventDate]:
    """The date of an event a clause puts a stated time before or after the sentence's dated
    event ("voted on Sunday, two days after a U.S. strike killed X": Friday), or None. The
    units and their days are the events lexicon's ``interval_days``."""
    from tocsin.extract.events.counts import number_of

    if date is None or date.source not in ("modifier", "discourse") or not date.value or len(date.value) != 10:
        return None
    verb = t if t.pos_ in ("VERB", "AUX") else t.head if t.dep_ in ("nsubj", "nsubjpass", "dobj") else None
    if t.dep_ == "pobj" and t.head.lower_ in ("after", "before"):
        mark = t.head
    elif verb is not None and verb.dep_ == "advcl":
        mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
    else:
        mark = None
    if mark is None:
        return None
    span = next((c for c in mark.children if c.dep_ == "npadvmod"), None)
    if span is None and verb is not None:  # the parser may hang "two days" on the clause's verb
        span = next((c for c in verb.children if c.dep_ == "npadvmod" and c.i < mark.i), None)
    units = lex.cues.get("interval_days") or {}
    if span is None or span.lemma_.lower() not in units:
        return None
    n = number_of(span, lex)
    if n is None:
        return None
    days = n * int(units[span.lemma_.lower()])
    try:
        d = _date.fromisoformat(date.value)
    except ValueError:
        return None
    d = d - timedelta(days=days) if mark.lower_ == "after" else d + timedelta(days=days)
    return EventDate(value=d.isoformat(), precision="day", source=date.source)
