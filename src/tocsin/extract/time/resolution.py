"""What a normaliser reads and returns: the environment of a candidate (publication date,
governing tense, the timexes resolved so far for discourse anchoring) and its resolution."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Optional

from tocsin.extract.time.calendar import Point


PUBLISHED = "published"


@dataclass
class Resolved:
    type: str
    value: Optional[str]
    mod: Optional[str] = None
    anchor: Optional[object] = None      # "published" or the index of an earlier timex
    start: Optional[int] = None          # a new start when leading words are trimmed
    end: Optional[int] = None            # a new end when trailing words are trimmed
    shifted: bool = False                # counted back from another period ("year-earlier")


@dataclass
class Prior:
    """A timex already resolved in this document, as a possible discourse anchor."""
    index: int
    start: int
    end: int
    sent_start: int
    point: Point
    sent_index: int = 0
    shifted: bool = False


@dataclass
class Env:
    text: str
    dct: Optional[date]
    tense: Optional[str]
    doc: object = None
    sent_start: int = 0
    sent_index: int = 0
    priors: list[Prior] = field(default_factory=list)

    def cased(self, start: int, end: int) -> str:
        """The text as the parser read it: all-capitals text truecased (same offsets), so that
        capitals still tell a title ("USA Today") from a time word ("... WAS KILLED TODAY")."""
        doc_text = getattr(self.doc, "text", None)
        if doc_text is not None and len(doc_text) == len(self.text):
            return doc_text[start:end]
        return self.text[start:end]

    def anchor(self, same_sentence: bool = False, gran: Optional[str] = None, within: Optional[int] = None,
               unshifted: bool = False, ended: bool = False,
               skip: Optional[Callable[[Prior], bool]] = None) -> Optional[Prior]:
        """The nearest preceding resolved calendar timex (optionally of one granularity, within
        ``within`` sentences, not itself counted back from another, ``ended`` by publication:
        a year-ago comparison is made with a reported period, not a forecast one; none that
        ``skip`` rules out)."""
        for p in reversed(self.priors):
            if same_sentence and p.sent_start != self.sent_start:
                return None
            if within is not None and self.sent_index - p.sent_index > within:
                return None
            if ended and self.dct is not None and p.point.shift(1).start > self.dct:
                continue
            if skip is not None and skip(p):
                continue
            if (gran is None or p.point.gran == gran) and not (unshifted and p.shifted):
                return p
        return None
