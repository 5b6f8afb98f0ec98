"""Victims named in a sentence of their own: "The victims were identified as A, B and C."

Such a sentence has no attack word; it names the people of the attack just reported. It
becomes a participant-only mention (definite, so it points back to that attack) whose victims
are the listed people; it adds no count (the attack's own sentence gave it).
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from tocsin.extract.events.arguments import ArgumentFinder
from tocsin.extract.events.lexicon import Lexicon
from tocsin.extract.events.merge import Mention


def _listed(t: Token) -> list[Token]:
    out, stack = [t], [t]
    while stack:
        cur = stack.pop()
        for c in cur.children:
            if c.dep_ in ("conj", "appos") and c.pos_ in ("NOUN", "PROPN"):
                out.append(c)
                stack.append(c)
    return sorted(out, key=lambda x: x.i)


def victim_list(sent: Span, si: int, lex: Lexicon, args: ArgumentFinder, text: str) -> Optional[Mention]:
    """The mention of a victim-identification sentence, or None."""
    nouns = lex.cue_set("victim_nouns")
    for v in sent:
        if v.pos_ not in ("VERB", "AUX") or v.lemma_.lower() not in lex.cue_set("identifying_verbs"):
            continue
        subj = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subj or subj[0].lemma_.lower() not in nouns and subj[0].lower_ not in nouns:
            continue
        if not any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") or c.dep_ == "poss"
                   for c in subj[0].children):
            continue  # "the victims", "their victims": not "victims of violence"
        named: list[Token] = []
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ == "as":
                named += [x for p in c.children if p.dep_ == "pobj" for x in _listed(p)]
            elif c.dep_ in ("attr", "oprd"):
                named += _listed(c)
        named = [x for x in named if x.pos_ == "PROPN" or x.ent_type_ == "PERSON"]
        if not named:
            continue
        parts = [p for p in (args.participant(x) for x in named) if p is not None]
        if not parts:
            continue
        s = subj[0]
        return Mention(type="ASSAULT", mode=None, start=s.idx, end=s.idx + len(s.text),
                       text=text[s.idx:s.idx + len(s.text)], sent_index=si, victims=parts,
                       recipients=list(parts), definite=True, casualty_only=True, confidence=0.3)
    return None
