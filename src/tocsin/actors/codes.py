"""Coding a stretch of a parsed document as an actor: the KB actor a span names, the country a
modifier gives ("Iraqi soldiers", "Iraq's parliament", "forces from Turkey"), the sector a
generic agent noun gives, and the CAMEO-style code built from them."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Span, Token

from tocsin import doc_memo
from tocsin.actors.kb import KB, Actor


def code_of(country: Optional[str], sector: Optional[str]) -> Optional[str]:
    """CAMEO-style code: ``USA`` + ``GOV`` -> ``USAGOV``; no country -> ``---GOV``."""
    if not country and not sector:
        return None
    return (country or "---") + (sector or "")


@dataclass
class KBIndex:
    """The KB matches of one document by token: token index -> (span, kb key)."""

    by_token: dict[int, Span] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc, key: str = "tocsin_actors") -> "KBIndex":
        """The index of ``doc``'s span group ``key``, built once per document (the events stage
        asks for it sentence by sentence, see :mod:`tocsin.doc_memo`); callers only read it."""
        group = doc.spans.get(key)
        size = len(group) if group is not None else 0
        built = doc_memo.get(doc, f"kb_index:{key}", lambda: (group, size, cls._build(group)))
        if built[0] is group and built[1] == size:
            return built[2]
        return cls._build(group)  # the group was replaced or grew since: not expected

    @classmethod
    def _build(cls, group) -> "KBIndex":
        idx = cls()
        for sp in group if group is not None else ():
            for i in range(sp.start, sp.end):
                idx.by_token[i] = sp
        return idx

    def at(self, i: int) -> Optional[Span]:
        return self.by_token.get(i)


def state_of_key(kb: KB, key: str) -> Optional[str]:
    """The ISO3 / region code a KB key stands for (``dem:IRQ`` -> IRQ, ``cap:USAGOV`` -> USA)."""
    if key.startswith("dem:"):
        return key[4:]
    if key.startswith("cap:"):
        return key[4:7]
    a = kb.actors.get(key)
    if a is not None and a.kind == "country":
        return a.code
    return None


def is_patron(tok_end: Token, kb: KB) -> bool:
    """True when a state name is followed by "-backed"/"-led"... ("Iranian-backed")."""
    doc = tok_end.doc
    i = tok_end.i + 1
    if i < len(doc) and doc[i].text in ("-", "–") and i + 1 < len(doc):
        return doc[i + 1].lower_ in kb.agents_file.patron_suffixes
    return False


def hyphen_state(tok: Token, kb: KB) -> Optional[tuple[str, bool]]:
    """'U.S.-led' as one token: (state code, True when the suffix marks a patron)."""
    if "-" not in tok.text:
        return None
    head, _, tail = tok.text.rpartition("-")
    a = kb.lookup(head)
    code = None
    if a is not None and a.kind == "country":
        code = a.code
    elif head in kb.demonyms:
        code = kb.demonyms[head]
    if code is None:
        return None
    return code, tail.lower() in kb.agents_file.patron_suffixes


def modifier_states(doc: Doc, start: int, end: int, kb: KB, idx: KBIndex) -> list[tuple[str, Span]]:
    """States named by modifiers in tokens [start, end): demonyms, state names, possessives;
    patrons ("Iranian-backed") excluded. Returns (code, span) in text order."""
    out = []
    seen = set()
    for i in range(start, end):
        sp = idx.at(i)
        if sp is not None:
            if sp.start in seen:
                continue
            seen.add(sp.start)
        elif doc[i].text.split("-")[-1].lower() in ("iran", "iraq"):
            continue
        code = state_named_at(doc[i], kb, idx)
        if code:
            out.append((code, sp if sp is not None else doc[i:i + 1]))
    return out


def prep_state(head: Token, kb: KB, idx: KBIndex, preps) -> Optional[str]:
    """Country given by a prepositional phrase on the head: "officials of Iraq"."""
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in preps:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    # the object itself or a state inside it ("the mayor of the West Bank city of
                    # Nablus", "ministers from the Georgian government")
                    for t in sorted(obj.subtree, key=lambda t: abs(t.i - obj.i)):
                        if t.dep_ in ("relcl", "acl", "appos"):
                            continue
                        sp = idx.at(t.i)
                        if sp is not None:
                            code = state_of_key(kb, sp.kb_id_)
                            if code and not is_patron(t.doc[sp.end - 1], kb):
                                return code
    return None


def actor_code(actor: Actor) -> Optional[str]:
    return actor.code or code_of(actor.country, actor.sector)


def state_named_at(tok: Token, kb: KB, idx: KBIndex) -> Optional[str]:
    """The state a single token names as a modifier ("U.S." in "a U.S. strike", "American" in
    "American air raids", "U.S.-led"), not a patron ("Iranian-backed"); else None."""
    sp = idx.at(tok.i)
    if sp is not None:
        code = state_of_key(kb, sp.kb_id_)
        return code if code and not is_patron(tok.doc[sp.end - 1], kb) else None
    hs = hyphen_state(tok, kb)
    return hs[0] if hs and not hs[1] else None
