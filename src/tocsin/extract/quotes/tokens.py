"""Index a parsed document once: character offsets to tokens, sentences and paragraphs."""
from __future__ import annotations

import bisect

from spacy.attrs import IDX
from spacy.tokens import Doc

from .marks import paragraphs


class DocIndex:
    def __init__(self, doc: Doc, text: str):
        self.doc = doc
        self.text = text
        n = len(doc)
        self.starts = doc.to_array(IDX).tolist() if n else []
        self.sent_start = [0] * n
        self.sent_end = [0] * n
        for s in doc.sents:
            a, b = s.start, s.end
            self.sent_start[a:b] = [a] * (b - a)
            self.sent_end[a:b] = [b] * (b - a)
        self.paras = paragraphs(text)
        self._pstarts = [p[0] for p in self.paras]

    def tok_at(self, char: int) -> int:
        """Index of the token covering (or first after) ``char``."""
        i = bisect.bisect_right(self.starts, char) - 1
        if i < 0:
            return 0
        t = self.doc[i]
        if char >= t.idx + len(t.text) and i + 1 < len(self.doc):
            return i + 1
        return i

    def tok_before(self, char: int) -> int:
        """Index of the last token starting before ``char``."""
        return max(0, bisect.bisect_left(self.starts, char) - 1)

    def para_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self._pstarts, char) - 1)

    def char_end(self, i: int) -> int:
        t = self.doc[i]
        return t.idx + len(t.text)
