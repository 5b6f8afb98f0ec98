"""Reported speech without quotation marks, from the dependency parse.

A cue verb (speech, thought, intention) with a clause complement is an attribution: the clause
is the content ("U.S. officials said [they would send additional troops]"), the verb's subject
the speaker. Intention verbs take a "to"-infinitive as content ("vowed [to retaliate]"). "X,
he said" (the cue hung on the reported clause) and "…, according to X" work the same way.
Cues inside quotations or inside another attribution's content are skipped (one attribution per
stretch of text, outermost first).
"""
from __future__ import annotations

import bisect
from typing import Callable, Optional

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Span as SpacySpan, Token

from tocsin.context import Context

from . import cues
from .direct import QUOTE_TOKENS, Cand, _cue_span
from .lexicon import Lexicon
from .speakers import build
from .tokens import DocIndex


def _trim(doc, i: int, j: int) -> tuple[int, int]:
    while i < j and (doc[i].is_punct or doc[i].is_space or doc[i].text in QUOTE_TOKENS or doc[i].lower_ in ("that",) and doc[i].dep_ == "mark"):
        i += 1
    while j > i and (doc[j - 1].is_punct or doc[j - 1].is_space or doc[j - 1].text in QUOTE_TOKENS):
        j -= 1
    return i, j


def _content(cue: Token, lex: Lexicon) -> Optional[tuple[int, int]]:
    """Token range [i, j) of what the cue attributes, or None."""
    lem = cue.lemma_.lower()
    doc = cue.doc
    for ch in cue.children:
        if ch.dep_ == "ccomp":
            return ch.left_edge.i, ch.right_edge.i + 1
    if lem in lex.intention:
        for ch in cue.children:
            if ch.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in ch.children):
                return ch.left_edge.i, ch.right_edge.i + 1
    if lem in lex.speech and cue.dep_ in ("parataxis",) and cues.is_verb(cue.head):
        head = cue.head
        lo, hi = head.left_edge.i, head.right_edge.i + 1
        if cue.left_edge.i > head.i:
            return lo, cue.left_edge.i
        if cue.right_edge.i < head.i:
            return cue.right_edge.i + 1, hi
    return None


def _according(sent: SpacySpan, k: int) -> Optional[tuple[int, int]]:
    doc = sent.doc
    acc = doc[k]
    pp = acc if acc.dep_ == "prep" else acc
    lo = acc.i
    hi = max(acc.right_edge.i, doc[k + 1].right_edge.i) + 1
    left = (sent.start, lo)
    right = (hi, sent.end)
    a = left if (left[1] - left[0]) >= (right[1] - right[0]) else right
    return a if a[1] - a[0] >= 3 else None


def _possible_cues(doc, lex: Lexicon) -> list[int]:
    """Indices of the tokens the loop below can take as a cue: "according", or a word whose
    lemma (lower-cased) is a speech, cognition or intention cue. Read from the token hashes, each
    distinct lemma looked at once, so no Token object is made for the other words."""
    if not len(doc):
        return []
    arr = doc.to_array([LOWER, LEMMA])
    words = lex.speech | lex.cognition | lex.intention
    strings = doc.vocab.strings
    lemmas = [h for h in numpy.unique(arr[:, 1]).tolist() if strings[h].lower() in words]
    hit = (arr[:, 0] == get_string_id("according")) | numpy.isin(arr[:, 1], numpy.array(lemmas, dtype=arr.dtype))
    return numpy.nonzero(hit)[0].tolist()


def extract(ctx: Context, lex: Lexicon, ix: DocIndex, taken: Callable[[int, int], bool]) -> list[Cand]:
    doc = ix.doc
    cands: list[Cand] = []
    cue_tokens = _possible_cues(doc, lex)
    for sent in ctx.sentences():
        found: list[tuple[int, Token, tuple[int, int]]] = []
        lo, hi = bisect.bisect_left(cue_tokens, sent.start), bisect.bisect_left(cue_tokens, sent.end)
        for t in (doc[k] for k in cue_tokens[lo:hi]):
            if cues.is_according(t):
                rng = _according(sent, t.i)
                if rng:
                    found.append((0, t, rng))
                continue
            if not cues.is_verb(t):
                continue
            lem = t.lemma_.lower()
            if lem not in lex.speech and lem not in lex.cognition and lem not in lex.intention:
                continue
            rng = _content(t, lex)
            if rng is None:
                continue
            depth, h = 0, t
            while h.head.i != h.i and depth < 50:
                h, depth = h.head, depth + 1
            found.append((depth, t, rng))
        found.sort(key=lambda f: f[0])
        used: list[tuple[int, int]] = []
        for _, cue, (i, j) in found:
            if any(a <= cue.i < b for a, b in used):
                continue
            i, j = _trim(doc, i, j)
            if j - i < 2:
                continue
            start, end = doc[i].idx, ix.char_end(j - 1)
            if taken(cue.idx, cue.idx + len(cue.text)) or taken(start, end) or ctx.excluded(start, end):
                continue
            if any(a < j and i < b for a, b in used):
                continue
            used.append((i, j))
            spk_tok = cues.according_object(cue) if cues.is_according(cue) else cues.subject(cue, lex)
            if spk_tok is not None and i <= spk_tok.i < j:
                spk_tok = None
            speaker = build(ctx, spk_tok, lex) if spk_tok is not None else None
            pronoun = bool(speaker and speaker.pronoun)
            chan = None if cues.is_according(cue) else cues.channel(cue, lex)
            said = cues.is_according(cue) or cue.lemma_.lower() in lex.speech
            cands.append(Cand(start, end, "indirect", _cue_span(cue), speaker, chan,
                              ix.para_of(start), False, pronoun=pronoun,
                              how="speech" if said else "thought"))
    return cands
