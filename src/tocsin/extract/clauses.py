"""Where a phrase hangs in the dependency parse: the tests the date and place attachment share."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

# edges a modifier climbs through to reach the clause it belongs to (noun phrases, prepositions,
# complements), never through another verb
LINKS = frozenset(("prep", "pobj", "compound", "appos", "conj", "npadvmod", "nmod", "amod", "dobj", "nsubjpass",
                   "nsubj", "acl", "relcl", "advcl", "xcomp", "agent"))


def attached(tok: Token, mention_tokens: set[int], limit: int = 6, near_tokens: frozenset = frozenset()) -> bool:
    """``tok`` hangs (through noun phrases and prepositions, not through another verb) from one
    of the mention's tokens; from a ``near_tokens`` one (a support verb) only directly."""
    node = tok
    for hop in range(limit):
        if node.i in mention_tokens and (node.i not in near_tokens or hop <= 2):
            return True
        if node.head.i == node.i or node.dep_ not in LINKS:
            return False
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node.i not in mention_tokens:
            return False
    return node.i in mention_tokens and node.i not in near_tokens


def governing_verb(tok: Token, limit: int = 6) -> Token:
    """The nearest verb above ``tok`` (``tok``'s own head chain), else the last node reached."""
    node = tok
    for _ in range(limit):
        if node.head.i == node.i or node.pos_ in ("VERB", "AUX") and node is not tok:
            break
        node = node.head
    return node


def describes_name(verb: Token) -> bool:
    """``verb`` heads a relative or reduced relative clause on a name ("Kataib Hezbollah, which
    Washington designated … in 2009", "Hamas, founded in 1987"): a description of who someone
    is, whose date is background, not the story's time. A clause on an event noun ("attacks
    attributed to Iran in May") does date that event, and is not one."""
    return verb.dep_ in ("relcl", "acl") and (verb.head.pos_ == "PROPN" or bool(verb.head.ent_type_))


def clause_of(tok: Token, limit: int = 12) -> Optional[Token]:
    """The verb heading the clause ``tok`` sits in (its nearest verb ancestor, or itself)."""
    node = tok
    for _ in range(limit):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        node = node.head
    return node
