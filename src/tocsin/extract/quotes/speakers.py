"""From the token that heads a speaker phrase to a :class:`~tocsin.record.Speaker`.

The speaker's span is the noun phrase itself (determiners, titles and compounds included,
appositions and relative clauses left out); its ``role`` is the title before the name
("Secretary of State") or an appositive description ("a security consultant"), or the
description itself when no name is given ("one former senior military officer"). The name
and ``entity_id`` come from the document's entities through ``ctx.entity_at`` (coreference
lives in the entity stage, not here). Until an entity stage provides entities, the name falls
back to the spaCy PERSON/ORG span under the head, a lone surname taking the fullest earlier
name that ends with it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Span as SpacySpan, Token

from tocsin.context import Context
from tocsin.record import Speaker

from .lexicon import Lexicon

_LEFT = {"compound", "det", "amod", "nummod", "poss", "nmod", "quantmod", "case", "predet", "advmod", "npadvmod", "punct"}
_RIGHT_PREP = {"of", "from", "at", "for", "with", "in", "on", "to", "by"}
_QUOTE_TOKENS = {'"', "“", "”", "‘", "’", "'", "``", "''"}
_NAME_ENTS = {"PERSON", "ORG", "NORP", "GPE", "FAC"}
_PLURAL_TAGS = {"NNS", "NNPS"}
_RELATIVE = {"who", "that", "which"}


@dataclass
class Found:
    """A speaker as the quote stages see it: the record's Speaker plus what focus rules need."""

    speaker: Speaker
    group: str  # person | group | self | other
    pronoun: bool = False  # a personal pronoun that no entity resolved (focus rules may)

    def copy_to(self, ctx: Context, tok_start: int, tok_end: int) -> "Found":
        """This speaker, named at another place (a pronoun that refers back to it)."""
        sp = self.speaker.model_copy()
        sp.start, sp.end = tok_start, tok_end
        sp.text = ctx.text[tok_start:tok_end]
        return Found(sp, self.group)


def phrase_bounds(tok: Token) -> tuple[int, int]:
    """Token indices [i, j) of the noun phrase headed by ``tok`` (no appositions or clauses)."""
    left = tok.i
    for ch in reversed(list(tok.lefts)):
        if ch.dep_ in _LEFT and ch.text not in _QUOTE_TOKENS and not (ch.dep_ == "punct" and ch.i == left - 1 and ch.text in ",;:"):
            left = min(left, ch.left_edge.i)
        else:
            break
    right = tok.i + 1
    if tok.pos_ != "PRON":
        for ch in tok.rights:
            if ch.i != right:
                break
            if ch.dep_ == "compound" or (ch.dep_ == "prep" and ch.lower_ in _RIGHT_PREP and tok.pos_ != "PRON"):
                right = ch.right_edge.i + 1
            else:
                break
    doc = tok.doc
    # never run across punctuation that ends a phrase or into quotation marks
    for k in range(tok.i + 1, right):
        if doc[k].text in _QUOTE_TOKENS or doc[k].text in {",", ";", "(", ")", "—", "–"} or doc[k].is_space:
            right = k
            break
    for k in range(tok.i - 1, left - 1, -1):
        if doc[k].text in _QUOTE_TOKENS or doc[k].text in {",", ";", "(", ")", "—", "–", ":"} or doc[k].is_space:
            left = k + 1
            break
    while left < tok.i and (doc[left].is_punct or doc[left].dep_ == "cc" or doc[left].tag_ in ("VBD", "VBZ", "VBP")):
        left += 1  # a finite verb is no part of a name ("Said Ellis:")
    return left, right


def _name_ent(tok: Token):
    """The named-entity span (PERSON, ORG …) that ``tok`` is part of, or None."""
    if tok.ent_iob_ not in ("B", "I") or tok.ent_type_ not in _NAME_ENTS:
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return SpacySpan(doc, start, end, label=tok.ent_type_)


def _appositive(tok: Token) -> Optional[str]:
    for ch in tok.rights:
        if ch.dep_ == "appos" and ch.pos_ in ("NOUN",) and ch.tag_ != "NNP":
            sub = [t for t in ch.subtree]
            while sub and (sub[-1].is_punct or sub[-1].is_space):
                sub.pop()
            if sub:
                doc = tok.doc
                return doc[sub[0].i:sub[-1].i + 1].text
    return None


def _fallback_name(ctx: Context, ent, tok: Token) -> str:
    """A lone surname takes the fullest earlier PERSON name ending with it (only while no entity
    stage has run: coreference proper belongs to ``tocsin.extract.coref``)."""
    name = ent.text
    if ent.label_ == "PERSON" and len(ent) == 1:
        best = None
        for other in ctx.doc.ents:
            if other.start >= ent.start:
                break
            if other.label_ == "PERSON" and len(other) > 1 and other[-1].text == ent[-1].text:
                if best is None or len(other) >= len(best):
                    best = other
        if best is not None:
            name = best.text
    return name


def _document_writer(doc_tok: Token, lex: Lexicon) -> Optional[Token]:
    """Who wrote or issued the document ``doc_tok`` names, when a verb says so: the agent of
    "filed by X", the subject of "X released a statement"."""
    for ch in doc_tok.children:
        if ch.dep_ in ("acl", "relcl"):
            for g in ch.children:
                if g.dep_ == "agent":
                    for p in g.children:
                        if p.dep_ == "pobj":
                            return p
    h = doc_tok.head
    if doc_tok.dep_ == "dobj" and h.lemma_.lower() in lex.authoring:
        for ch in h.children:
            if ch.dep_ == "nsubj" and ch.pos_ in ("PROPN", "PRON", "NOUN"):
                return ch
    return None


def build(ctx: Context, tok: Token, lex: Lexicon) -> Found:
    """The speaker headed by ``tok``."""
    doc: Doc = tok.doc
    i, j = phrase_bounds(tok)
    start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
    text = ctx.text[start:end]
    name = entity_id = role = None
    group = "other"
    low = tok.lower_
    if low in _RELATIVE and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "relcl" \
            and tok.head.head.i != tok.i:
        # "Beck, who said …": the relative pronoun is where the text names the speaker (as
        # PolNeAR marks it); who it is comes from the noun it refers to
        ante = build(ctx, tok.head.head, lex)
        sp = ante.speaker.model_copy()
        sp.start, sp.end, sp.text = tok.idx, tok.idx + len(tok.text), tok.text
        return Found(sp, ante.group)
    if tok.pos_ == "PRON" or low in lex.pronouns:
        group = lex.pronouns.get(low, "other")
        ent = ctx.entity_at(tok.idx, tok.idx + len(tok.text))
        if ent is not None:
            name, entity_id = ent.name, ent.id
            group = "person" if ent.kind == "person" else "group"
        return Found(Speaker(entity_id=entity_id, name=name, start=start, end=end, text=text), group,
                     pronoun=name is None)

    head = tok
    # a document stands for its author: "a press statement from Kataib Hezbollah"
    author = None
    if tok.lemma_.lower() in lex.documents:
        for ch in tok.rights:
            if ch.dep_ == "prep" and ch.lower_ in ("from", "by", "of"):
                for g in ch.children:
                    if g.dep_ == "pobj":
                        author = g
        for ch in tok.lefts:
            if (ch.dep_ in ("poss", "compound") and (ch.pos_ == "PROPN" or ch.ent_type_)) or \
                    (ch.dep_ == "poss" and ch.pos_ == "PRON"):
                author = author or ch
        if author is None:
            writer = _document_writer(tok, lex)
            if writer is not None:
                # "she released a statement saying …", "a court document filed by X": the
                # writer is named outside the document's phrase, and is the speaker
                return build(ctx, writer, lex)
    name_tok = author or head
    ent_span = _name_ent(name_tok)
    if ent_span is not None:
        e = ctx.entity_at(ent_span.start_char, ent_span.end_char)
    else:
        e = ctx.entity_at(name_tok.idx, name_tok.idx + len(name_tok.text))
    if e is not None:
        name, entity_id = e.name, e.id
        group = "person" if e.kind == "person" else "group"
    elif ent_span is not None:
        name = _fallback_name(ctx, ent_span, name_tok) if not ctx.entities else ent_span.text
        group = "person" if ent_span.label_ == "PERSON" else "group"
    elif name_tok.pos_ == "PROPN":
        a, b = phrase_bounds(name_tok)
        k = a
        while k < b and doc[k].pos_ != "PROPN":
            k += 1
        name = doc[k:b].text if k < b else name_tok.text
        group = "group"
    if tok.pos_ == "PROPN" and ent_span is not None and author is None:
        title_toks = [t for t in doc[i:ent_span.start] if not t.is_punct]
        title = doc[title_toks[0].i:title_toks[-1].i + 1].text if title_toks else None
        if title and title_toks[0].lower_ in ("the", "a", "an") and len(title_toks) == 1:
            title = None
        appos = _appositive(tok)
        honorific_only = title is not None and all(t.lower_.rstrip(".") in lex.honorifics for t in title_toks)
        if title and not honorific_only:
            role = title
        elif appos:
            role = appos
        else:
            role = title
    elif tok.pos_ == "PROPN":
        role = _appositive(tok)
    else:
        # a description stands in for a name: "one former senior military officer"
        role = text if author is None else None
        if group == "other":
            group = "group" if tok.tag_ in _PLURAL_TAGS else "person"
        appos = _appositive(tok)
        if appos and name is None:
            pass
    return Found(Speaker(entity_id=entity_id, name=name, start=start, end=end, text=text, role=role), group)
