"""Cue words and what hangs on them: the cue's subject (the speaker), its channel ("on
Twitter", "told The Daily Beast") and "according to X"."""
from __future__ import annotations

import bisect
import threading
from typing import Optional

from spacy.tokens import Token

from .lexicon import Lexicon

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_CLIMB = {"advcl", "xcomp", "conj", "acl", "ccomp", "relcl", "pcomp", "prep", "dep", "parataxis", "acomp"}


_state = threading.local()


def set_paragraphs(paras: list[tuple[int, int]]) -> None:
    """Tell :func:`same_paragraph` the current document's paragraph spans (set once per
    document by the extractor, from :func:`.marks.paragraphs`)."""
    _state.starts = [p[0] for p in paras]


def same_paragraph(a: Token, b: Token) -> bool:
    """No paragraph break between two tokens (the parser may run a sentence across one)."""
    starts = getattr(_state, "starts", None) or [0]
    return bisect.bisect_right(starts, a.idx) == bisect.bisect_right(starts, b.idx)


def is_verb(tok: Token) -> bool:
    return tok.tag_.startswith("VB") or tok.pos_ in ("VERB", "AUX")


def is_speech(tok: Token, lex: Lexicon) -> bool:
    """A verb of saying, or a phrasal one ("shot back", "weighed in")."""
    if not is_verb(tok):
        return False
    lem = tok.lemma_.lower()
    if lem in lex.speech:
        return True
    return any(ch.dep_ == "prt" and f"{lem} {ch.lower_}" in lex.phrasal for ch in tok.children)


def is_according(tok: Token) -> bool:
    return tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"


def according_object(tok: Token) -> Optional[Token]:
    """The object of "according to": the source."""
    to = tok.doc[tok.i + 1]
    for ch in to.children:
        if ch.dep_ == "pobj":
            return ch
    for ch in tok.children:
        if ch.dep_ == "pobj":
            return ch
    # a loose parse: the first noun after "to"
    for k in range(tok.i + 2, min(len(tok.doc), tok.i + 8)):
        t = tok.doc[k]
        if t.pos_ in ("PROPN", "NOUN", "PRON"):
            while t.dep_ in ("compound", "amod", "poss", "nmod") and t.head.i > t.i:
                t = t.head
            return t
    return None


def _agent(tok: Token) -> Optional[Token]:
    for ch in tok.children:
        if ch.dep_ == "agent":
            for g in ch.children:
                if g.dep_ == "pobj":
                    return g
    return None


def subject(cue: Token, lex: Lexicon, outside=None) -> Optional[Token]:
    """Who speaks through ``cue``: its subject, the agent of a passive, or for a participle or
    infinitive ("..., saying", "went on to say") the subject of the verb it hangs on."""
    tok = cue
    if cue.tag_ == "VBG" and cue.dep_ in ("advcl", "xcomp", "conj", "dep"):
        # "Graham announced that he had met Trump, saying …": the participle goes with the
        # nearest speech verb above it when there is one
        h, steps = cue.head, 0
        while steps < 4 and (outside is None or outside(h)) and same_paragraph(h, cue):
            if h.i != cue.i and is_speech(h, lex) and h.tag_ != "VBG":
                tok = h
                break
            if h.head.i == h.i:
                break
            h, steps = h.head, steps + 1
    for _ in range(5):
        for ch in tok.children:
            if ch.dep_ in ("nsubj", "csubj") and (outside is None or outside(ch)) and same_paragraph(ch, tok):
                return ch
        ag = _agent(tok)
        if ag is not None:
            return ag
        for ch in tok.children:
            if ch.dep_ == "nsubjpass" and tok.i != cue.i and (outside is None or outside(ch)):
                return ch
        if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return tok.head
        if tok.dep_ not in _CLIMB or tok.head.i == tok.i or not same_paragraph(tok, tok.head):
            return None
        if outside is not None and not outside(tok.head):
            return None
        tok = tok.head
    return None


def _words(tok: Token) -> list[str]:
    return [t.lower_ for t in tok.subtree if not t.is_punct]


def channel(cue: Token, lex: Lexicon) -> Optional[str]:
    """Where the cue's words were said or written, when the text names it."""
    doc = cue.doc
    for ch in cue.children:
        if ch.dep_ in ("dobj", "dative", "iobj") and cue.lemma_.lower() in ("tell", "inform", "email", "text", "write", "assure"):
            name = _outlet(ch, lex)
            if name:
                return name
        if ch.dep_ == "prep" and ch.lower_ in ("on", "in", "via", "through", "during", "to"):
            for g in ch.children:
                if g.dep_ != "pobj":
                    continue
                outlet = None
                for gg in g.subtree:
                    if gg.dep_ == "pobj" and gg.i != g.i:
                        outlet = _outlet(gg, lex) or outlet
                if outlet:
                    return outlet
                words = [t.lower_ for t in g.subtree if t.dep_ not in ("det", "punct", "amod")]
                key = " ".join(w for w in words if w not in ("a", "an", "the"))
                for n in (3, 2, 1):
                    for k in range(len(words) - n + 1):
                        cand = " ".join(words[k:k + n])
                        if cand in lex.platforms:
                            return lex.platforms[cand]
                if key in lex.platforms:
                    return lex.platforms[key]
                name = _outlet(g, lex)
                if name and ch.lower_ == "to":
                    return name
    return None


def _outlet(tok: Token, lex: Lexicon) -> Optional[str]:
    """The news outlet named by the phrase at ``tok`` ("The Daily Beast", "Fox News")."""
    doc = tok.doc
    for ent in doc.ents:
        if ent.start <= tok.i < ent.end or (tok.left_edge.i <= ent.start and ent.end <= tok.i + 1):
            if ent.label_ in ("ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "GPE"):
                words = {w.lower() for w in ent.text.replace("’", "'").split()}
                if words & lex.media_words or ent.text.lower() in lex.outlets or (words & lex.outlets):
                    return ent.text
    if tok.pos_ == "PROPN":
        span = [t for t in tok.subtree if t.i <= tok.i and (t.pos_ == "PROPN" or t.dep_ == "det")]
        if span:
            text = doc[span[0].i:tok.i + 1].text
            words = {w.lower() for w in text.split()}
            if words & lex.media_words or text.lower() in lex.outlets or words & lex.outlets:
                return text
    return None
