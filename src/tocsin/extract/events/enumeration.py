"""Victim enumerations read from the words, where the parse breaks the list.

"the murders of the governor of Antioquia, another judge, and the police commander" is three
people, but the small parser often hangs the second and third items on the sentence's verb or
takes one for an apposition. Read left to right from the first victim: items are separated by
commas, semicolons and "and"; the list ends at a verb, a relative pronoun, a preposition other than "of",
or other punctuation (a bracketed aside is skipped). Each item counts by its own words: a
number ("six Jesuits"), a singular person noun with an article or possessive ("a woman", "her
daughter"), or a name. After a comma, a title after a name ("X, director of the newspaper", "X,
a Reuter photographer") or a name after a title ("the mayor, X") describes it and is no other
victim, and names after a number spell it out ("two reporters, A and B"). A list needs "and"
or "or"; after an item with an "of" phrase a name must be a PERSON, since "and" may join inside
the phrase; a bare number after a name is an age ("A, 53; B, 24; and C"). ``list_ending_at``
reads back from a last item the parser kept alone ("a colonel, a judge, and X were murdered").
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from tocsin.extract.events.counts import is_nationality, is_person_name, number_word, parse_number
from tocsin.extract.events.lexicon import Lexicon

_SINGLE_DETS = frozenset({"a", "an", "another", "the", "this", "that", "one"})
_POSSESSIVES = frozenset({"his", "her", "its", "their", "my", "our", "your"})
_RELATIVES = frozenset({"who", "whom", "whose", "which", "that", "including", "among"})


def _stops(t: Token) -> bool:
    if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound"):
        return True  # "killed", "was" end the list; "the wounded soldier" does not
    if t.lower_ in _RELATIVES and t.dep_ != "det":
        return True
    if t.pos_ in ("ADP", "SCONJ") and t.lower_ != "of":
        return True
    return t.is_punct and t.text not in (",", "-", "'", "’")


def _split(first: int, end: int, doc) -> list[tuple[str, list[Token]]]:
    """(separator before it: "", "," or "and", tokens) of each item from ``first`` on."""
    items: list[tuple[str, list[Token]]] = []
    cur: list[Token] = []
    sep, nxt = "", ""
    i = first
    while i < end:
        t = doc[i]
        if t.text in (",", ";") or (t.pos_ == "CCONJ" and t.lower_ in ("and", "or")):
            if cur:
                items.append((sep, cur))
                cur, nxt = [], ""
            nxt = "and" if t.pos_ == "CCONJ" or nxt == "and" else ","
            i += 1
            continue
        if t.text in ("(", "["):  # "the leader of the movement (MNR)": an aside, skipped
            close = next((j for j in range(i + 1, min(end, i + 12)) if doc[j].text in (")", "]")), None)
            if close is None:
                break
            i = close + 1
            continue
        if _stops(t):
            break
        if not cur and t.lower_ == "of" and items:
            i += 1  # "of X, of Y and of Z"
            continue
        if not cur:
            sep = nxt
        cur.append(t)
        i += 1
    if cur:
        items.append((sep, cur))
    return items


def _core(item: list[Token]) -> list[Token]:
    """The item up to its "of" phrase ("the governor" of "the governor of Antioquia")."""
    return next((item[:k] for k, t in enumerate(item) if t.lower_ == "of" and k > 0), item)


def _item_count(item: list[Token], sep: str, prev: str, lex: Lexicon, after_of: bool = False) -> Optional[int]:
    """People one item names; 0 for an apposition to the item before it (after a comma: a title
    after a name, "X, a Reuter photographer", or a name after a title, "the mayor, X"); None
    when vague. After an item with an "of" phrase a name must be a PERSON: "and" may join
    inside the phrase ("wife of X of the administration and logistics department")."""
    core = _core(item)
    head = core[-1]
    if sep == "," and prev == "name" and len(core) == 1 and head.like_num:
        return 0  # "Pedro Ortiz, 24": an age
    if head.pos_ == "NUM" and len(core) == 1 and len(core) < len(item):
        return parse_number([head.text], lex)  # a partitive: "two of his bodyguards"
    if head.pos_ not in ("NOUN", "PROPN"):
        return None  # "two dead and three injured" are no list of people
    if head.lower_ in lex.cue_set("vague_amounts") or head.lemma_.lower() in lex.cue_set("collective_nouns"):
        return None
    nums = [t for t in core if number_word(t, lex) and t.lower_ not in _NOT_COUNTS]
    if nums:
        return parse_number([t.text for t in nums], lex)
    first = core[0].lower_
    if is_person_name(head):
        if head.tag_ == "NNPS" and first not in _SINGLE_DETS or (after_of and head.ent_type_ != "PERSON"):
            return None
        return 0 if sep == "," and prev == "title" else 1
    if head.tag_ != "NN":
        return None  # a plural with no number: "the peasants"
    if not _personal(head, lex):
        return None  # "the administration and logistics department": no person
    if sep == "," and prev == "name" and first not in _POSSESSIVES:
        return 0
    if first in _SINGLE_DETS or first in _POSSESSIVES or any(t.lower_ in ("'s", "’s") for t in core):
        return 1
    return 0 if sep == "," and prev == "name" else None


def _personal(t: Token, lex: Lexicon) -> bool:
    """Whether a common noun names a person ("judge", "police commander", "photographer")."""
    people = lex.cue_set("person_nouns")
    return t.lemma_.lower() in people or t.lower_ in people or t.lower_.endswith(("ist", "er", "or", "ian"))


_NOT_COUNTS = frozenset({"a", "an", "one", "no", "both", "pair", "couple", "single", "lone"})


def enumerated(start: Token, lex: Lexicon) -> Optional[tuple[int, list[Token]]]:
    """(people, item heads) of a list of two or more victims, joined by "and", that begins at
    ``start`` and is read from the words; None when it is no such list or an item gives no
    number."""
    items = _split(start.i, start.sent.end, start.doc)
    total, heads, prev, coordinated, after_of = 0, [], "", False, False
    for sep, item in items:
        n = _item_count(item, sep, prev, lex, after_of)
        after_of = len(_core(item)) < len(item)
        if n is None or (coordinated and n):
            break  # past the item after "and" only appositions belong to the list
        if prev == "many" and sep == "," and (is_person_name(_core(item)[-1]) or is_nationality(_core(item)[-1])):
            return None  # "two reporters, A and B", "three reporters, two Salvadorans and a
            # Netherlander": the names or nationalities spell out the number
        coordinated = coordinated or sep == "and"
        total += n
        head = _core(item)[-1]
        if n:
            heads.append(head)
        prev = "many" if n > 1 else "other" if n != 1 else "name" if is_person_name(head) else "title"
    if len(heads) < 2 or not coordinated:
        return None
    return total, heads


def list_ending_at(last: Token, lex: Lexicon) -> Optional[tuple[int, list[Token]]]:
    """The list whose last item begins at ``last`` when the parser kept only that item as the
    verb's subject ("after a police colonel, a judge, and Senator X were murdered"): read back
    over "and" and comma-separated items to a stop word, then forward as :func:`enumerated`.
    None when no such list is there."""
    doc, lo = last.doc, last.sent.start
    j = last.i - 1
    if j < lo or doc[j].lower_ not in ("and", "or"):
        return None
    j -= 1
    if j >= lo and doc[j].text == ",":
        j -= 1
    starts = []
    while j >= lo:
        k = j
        while k >= lo and doc[k].text != "," and not _stops(doc[k]):
            k -= 1
        if k == j:
            break
        starts.append(k + 1)
        if k < lo or doc[k].text != ",":
            break
        j = k - 1
    for s in reversed(starts):  # the longest list first
        got = enumerated(doc[s], lex)
        if got is not None and got[1][-1].i >= last.i and not any(h.ent_type_ in _NOT_PEOPLE for h in got[1]):
            return got  # not "attacked on 30 July, and one person was killed"
    return None


_NOT_PEOPLE = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "ORG", "MONEY", "QUANTITY", "PERCENT", "EVENT"})
