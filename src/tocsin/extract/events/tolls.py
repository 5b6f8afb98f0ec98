"""Tolls: "the death toll rose to 59", "the number of victims is 59", "a toll of 12 dead".

A toll phrase states how many were killed or hurt without naming a victim. Its noun
(`toll_nouns` in ``cues.yaml``: "toll", or "number"/"total" of a word in `toll_subjects`:
"the number of dead") is a casualty word whose count is the number the sentence gives it: the
complement of "be", the object of "reach", the object of "to"/"at" after "rise"/"stand", or
its own "of" phrase ("a toll of 59").
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from tocsin.extract.events.counts import number_of
from tocsin.extract.events.lexicon import Lexicon

_VALUE_PREPS = ("to", "at", "of")


def toll_kind(t: Token, lex: Lexicon) -> Optional[str]:
    """"dead" or "injured" when ``t`` heads a toll phrase, else None."""
    if t.pos_ not in ("NOUN", "PROPN"):
        return None
    nouns = lex.cues.get("toll_nouns") or {}
    subjects = lex.cues.get("toll_subjects") or {}
    lem = t.lemma_.lower()
    if lem not in nouns:
        return None
    for c in t.children:  # "death toll", "casualty toll", "injury toll"
        if c.dep_ in ("compound", "amod") and c.lemma_.lower() in subjects:
            return subjects[c.lemma_.lower()]
    for c in t.children:  # "the number of dead", "the total of victims"
        if c.dep_ == "prep" and c.lower_ == "of":
            for o in c.children:
                if o.dep_ == "pobj" and (o.lemma_.lower() in subjects or o.lower_ in subjects):
                    return subjects.get(o.lemma_.lower()) or subjects[o.lower_]
    return nouns[lem]  # "toll" alone is the dead; "number" alone is nothing (None)


def toll_value(t: Token, lex: Lexicon) -> Optional[int]:
    """The number a sentence gives a toll noun, or None."""
    verbs = lex.cue_set("toll_verbs")
    candidates: list[Token] = []
    for c in t.children:  # "a toll of 59"
        if c.dep_ == "prep" and c.lower_ == "of":
            candidates += [o for o in c.children if o.dep_ == "pobj" and (o.pos_ == "NUM" or o.like_num)]
    if t.dep_ in ("nsubj", "nsubjpass"):
        v = t.head
        if v.lemma_.lower() == "be":
            candidates += [c for c in v.children if c.dep_ in ("attr", "acomp")]
        elif v.lemma_.lower() in verbs:
            candidates += [c for c in v.children if c.dep_ == "dobj"]
            for p in v.children:
                if p.dep_ == "prep" and p.lower_ in _VALUE_PREPS:
                    candidates += [o for o in p.children if o.dep_ == "pobj"]
    for c in candidates:
        n = number_of(c, lex)
        if n is not None:
            return n
    return None
