"""The working surface every extractor reads: the article, its parse and what earlier stages found.

Extractors are functions ``extract(ctx: Context) -> list[...]``; the pipeline runs them in order
(timexes, entities, places, quotes, events) and stores each result on the context so later stages
can use it. No stage reaches into another's internals, only into the context.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from spacy.tokens import Doc, Span as SpacySpan

from tocsin.record import Article, Entity, Event, Place, Quote, Timex


@dataclass
class Context:
    article: Article
    doc: Doc
    timexes: list[Timex] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # free-form per-document state shared between stages through documented keys
    # (e.g. "coref": the mention -> entity map built by the entity stage)
    shared: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        ex = sorted((e.start, e.end) for e in self.article.excluded)
        self._ex_starts = [s for s, _ in ex]
        self._ex = ex

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def published(self) -> Optional[date]:
        p = self.article.published
        return date.fromisoformat(p[:10]) if p else None

    def excluded(self, start: int, end: int) -> bool:
        """True when [start, end) overlaps a region marked excluded by cleanup."""
        i = bisect.bisect_right(self._ex_starts, end) - 1
        while i >= 0:
            s, e = self._ex[i]
            if s < end and start < e:
                return True
            if e <= start:
                break
            i -= 1
        return False

    def sentences(self):
        """Body sentences: not blank, and their words not in an excluded region (a sentence that
        follows a blanked dateline on the same line is body text)."""
        for sent in self.doc.sents:
            t = sent.text
            stripped = t.strip()
            if not stripped:
                continue
            start = sent.start_char + (len(t) - len(t.lstrip()))
            if not self.excluded(start, start + len(stripped)):
                yield sent

    def entity_at(self, start: int, end: int) -> Optional[Entity]:
        """The entity one of whose mentions (names, surnames, pronouns, nominals linked by
        coreference) overlaps [start, end), preferring the tightest mention."""
        best, best_len = None, None
        for ent in self.entities:
            for m in ent.mentions:
                if m.start < end and start < m.end:
                    ln = m.end - m.start
                    if best_len is None or ln < best_len:
                        best, best_len = ent, ln
        return best

    def span_text(self, start: int, end: int) -> str:
        return self.article.text[start:end]

    def char_span(self, start: int, end: int) -> Optional[SpacySpan]:
        return self.doc.char_span(start, end, alignment_mode="expand")
