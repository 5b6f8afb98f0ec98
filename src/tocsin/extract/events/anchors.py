"""When and where: an event mention's date and place.

Date: the timex stage's attachment (``tocsin.extract.event_dates``). Place: a place attached to the clause by "in/near/at X" (or
inside a participant, "a base near Kirkuk"), else one named in the sentence, else the
article's focus, with the precision of what was found.
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Span

from tocsin.context import Context
from tocsin.extract.clauses import attached, clause_of
from tocsin.extract.event_dates import calendar_dates, event_date
from tocsin.extract.events.lexicon import load
from tocsin.extract.places import article_focus, is_approximate
from tocsin.record import EventDate, Location, Place

class Anchors:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.dates = calendar_dates(ctx.timexes)
        # a place the gazetteer could not identify only borrows a nearby point (geo stage): it
        # is no event's location
        self.places = [p for p in ctx.places if not p.metonymy and not is_approximate(p)] or _entity_places(ctx)
        self._focus: Optional[Location] = None
        self._focus_done = False

    # ---------------- dates ----------------
    def date(self, sent: Span, mention_tokens: set[int], paragraph_start: int,
             other_tokens: set[int] = frozenset(), reporting: frozenset = frozenset()) -> Optional[EventDate]:
        """The timex stage's date for the mention (``tocsin.extract.event_dates``)."""
        return event_date(self.ctx, sent, mention_tokens, paragraph_start, other_tokens, reporting, self.dates)

    # ---------------- places ----------------
    def location(self, sent: Span, mention_tokens: set[int], excluded_tokens: set[int],
                 near_tokens: frozenset = frozenset()) -> tuple[Optional[Location], bool]:
        """(location, attached to the clause?)"""
        doc = sent.doc
        in_sent = [p for p in self.places if sent.start_char <= p.start and p.end <= sent.end_char]
        cands: list[tuple[int, Place]] = []
        representing = load().cue_set("representing_nouns")
        for p in in_sent:
            span = doc.char_span(p.start, p.end, alignment_mode="expand")
            if span is None or any(t.i in excluded_tokens for t in span):
                continue
            root = span.root
            prep = root.head if root.dep_ == "pobj" else None
            if prep is not None and prep.lower_ == "of" and prep.head.lemma_.lower() in representing:
                continue  # "the embassies of the PRC": whose, not where
            if prep is not None and prep.lower_ in ("in", "near", "at", "outside", "inside", "across", "throughout", "around", "from", "into", "to", "on", "of") and attached(root, mention_tokens, 8, near_tokens):
                cands.append((0 if prep.lower_ in ("in", "near", "at") else 1, p))
        if cands:
            cands.sort(key=lambda x: (x[0], _rank(x[1])))
            return _loc(cands[0][1]), True
        usable = []
        for p in in_sent:
            span = doc.char_span(p.start, p.end, alignment_mode="expand")
            if span is None or any(t.i in excluded_tokens for t in span):
                continue
            if span.root.dep_ != "pobj" or span.root.head.lower_ not in ("in", "near", "at", "across", "inside", "outside", "throughout", "around"):
                continue  # "U.S. officials", "Iraqi airspace": a nationality, not where it happened
            usable.append(p)
        if usable:
            head = clause_of(doc[min(mention_tokens)]) if mention_tokens else None

            def outside(p: Place) -> bool:
                """Named in another clause than the mention's ("crashed near X, hours after Iran
                had fired missiles at bases in Iraq": X is not where the missiles went)."""
                span = doc.char_span(p.start, p.end, alignment_mode="expand")
                return head is not None and span is not None and not (
                    span.root is head or head in span.root.ancestors)

            usable.sort(key=lambda p: (outside(p), _rank(p)))
            return _loc(usable[0]), False
        return self.focus(), False

    def focus(self) -> Optional[Location]:
        """The article's place: the one most often named as where something is ("in Iraq"),
        else the geo stage's ``article_focus``."""
        if self._focus_done:
            return self._focus
        self._focus_done = True
        counts: dict = {}
        doc = self.ctx.doc
        for p in self.places:
            span = doc.char_span(p.start, p.end, alignment_mode="expand")
            if span is None or span.root.dep_ != "pobj" or span.root.head.lower_ not in ("in", "near", "at", "across", "inside", "outside", "throughout"):
                continue  # count places named as where something is, not "U.S. officials"
            key = p.geonameid or p.name or p.text
            counts.setdefault(key, [0, p])[0] += 1
        if counts:
            best = max(counts.values(), key=lambda x: x[0])[1]
            self._focus = _loc(best, "article")
            return self._focus
        got = article_focus(self.ctx)
        if got is not None:
            self._focus = _loc(got, "article")
        return self._focus


def _entity_places(ctx: Context) -> list[Place]:
    """Until the geo stage resolves places: the parser's GPE/LOC/FAC names, unresolved."""
    out = []
    for e in ctx.doc.ents:
        if e.label_ in ("GPE", "LOC", "FAC") and not ctx.excluded(e.start_char, e.end_char):
            text = ctx.text[e.start_char:e.end_char]
            name = re.sub(r"^(the|The)\s+", "", text)
            out.append(Place(id="", start=e.start_char, end=e.end_char, text=text, name=name))
    return out


def _rank(p: Place) -> int:
    order = {"site": 0, "city": 1, "admin2": 2, "admin1": 3, "region": 4, "water": 4, "country": 5}
    return order.get(p.feature or "", 3)


def _loc(p: Place, precision: Optional[str] = None) -> Location:
    text = re.sub(r"^(the|The)\s+", "", p.text)
    return Location(place_id=p.id or None, name=text if p.feature != "site" else (p.name or text), geonameid=p.geonameid, lat=p.lat, lon=p.lon,
                    country=p.country, precision=precision or p.feature)
