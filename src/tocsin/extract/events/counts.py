"""How many were killed, injured or arrested: integers from digits and number words.

A casualty word ("killed", "wounding", "deaths", "arrested") names its victims through the
parse (object, passive subject, "death of X"); the victims' number modifiers, digits, number
words ("one American contractor" -> 1, "a civilian" -> 1, a named person -> 1) are summed over
coordinated victims. A vague amount ("dozens", "several", a bare plural) leaves the count
null.
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Token

from tocsin.extract.events.lexicon import Lexicon

_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")


def parse_number(words: list[str], lex: Lexicon) -> Optional[int]:
    """``["24"]`` -> 24, ``["twenty-four"]`` -> 24, ``["two", "hundred"]`` -> 200."""
    total, current, seen = 0, 0, False
    for w in words:
        w = w.lower().strip()
        if not w or w in ("and", "at", "least", "about", "some", "nearly", "almost", "over", "more", "than"):
            if w in ("about", "some", "nearly", "almost"):
                pass
            continue
        if _DIGITS.match(w):
            current += int(w.replace(",", ""))
            seen = True
            continue
        value = word_value(w, lex)
        if value is not None:
            current += value
            seen = True
            continue
        if w in lex.multipliers:
            if not seen:
                return None  # "hundreds", "thousand" alone are vague
            current = max(current, 1) * lex.multipliers[w]
            if lex.multipliers[w] >= 1000:
                total += current
                current = 0
            continue
        return None
    return total + current if seen else None


def word_value(w: str, lex: Lexicon) -> Optional[int]:
    """The value of one number word: "six" -> 6, "twenty-four" -> 24, and the run-together
    "thirtythree" -> 33 that wire copy writes; None for any other word."""
    parts = w.split("-")
    if all(p in lex.numbers for p in parts):
        return sum(lex.numbers[p] for p in parts)
    for k in range(4, len(w) - 2):
        tens, unit = w[:k], w[k:]
        if tens in lex.numbers and unit in lex.numbers and lex.numbers[tens] % 10 == 0 \
                and lex.numbers[tens] >= 20 and 0 < lex.numbers[unit] < 10:
            return lex.numbers[tens] + lex.numbers[unit]
    return None


def number_word(t: Token, lex: Lexicon) -> bool:
    """Whether a token is a number: digits, a NUM, or a number word of the lexicon."""
    low = t.lower_
    return t.pos_ == "NUM" or t.like_num or (low in lex.numbers and low not in ("a", "an", "no")) or _run_together(t)


def _run_together(t: Token) -> bool:
    """A tens and a unit written as one word ("THIRTYTHREE"), which the tagger does not read as
    a number."""
    from tocsin.extract.events.lexicon import load

    lex = load()
    return len(t.text) > 7 and t.is_alpha and t.lower_ not in lex.numbers and word_value(t.lower_, lex) is not None


def _year(t: Token) -> bool:
    """A year the parser hangs on a noun as a number ("the 1932 massacre")."""
    return t.ent_type_ == "DATE" and len(t.text) == 4 and t.text.isdigit() and 1800 <= int(t.text) <= 2100


def _code_name(t: Token) -> bool:
    """A name of letters and digits the tagger may take for a number ("M-19", "AK-47")."""
    return any(ch.isdigit() for ch in t.text) and any(ch.isalpha() for ch in t.text) and not t.like_num


def _number_tokens(t: Token) -> list[Token]:
    toks = [t] if (t.pos_ == "NUM" or t.like_num or _run_together(t)) and not _year(t) and not _code_name(t) else []
    for c in t.children:
        if _year(c) or _code_name(c):
            continue  # "the 1932 massacre": a year, not a toll; "M-19 candidate X": a name
        if (c.dep_ in ("nummod", "compound", "quantmod") and (c.pos_ == "NUM" or c.like_num)) or (
                c.dep_ in ("nummod", "compound", "quantmod", "amod", "nmod") and _run_together(c)):
            toks.append(c)
            toks.extend(x for x in c.children if x.dep_ in ("compound", "quantmod") and (x.pos_ == "NUM" or x.like_num))
    return sorted(set(toks), key=lambda x: x.i)


def is_person_name(t: Token) -> bool:
    """Whether a token is (part of) a person's name: a PERSON, or a proper noun that is no
    place, organisation or nationality."""
    return t.ent_type_ == "PERSON" or (t.pos_ == "PROPN" and t.ent_type_ not in ("GPE", "LOC", "ORG", "FAC", "NORP"))


def number_of(t: Token, lex: Lexicon) -> Optional[int]:
    """The number a token is or carries ("59", "59 people", "twenty-four"), else None."""
    nums = _number_tokens(t)
    return parse_number([n.text for n in nums], lex) if nums else None


_NO_ONE = frozenset({"nobody", "none", "noone", "no-one", "nothing"})


def names_no_one(t: Token) -> bool:
    """Whether a noun phrase names no one: "nobody", "none", "no one", "no soldiers", "neither
    the guerrillas nor any other organization"."""
    if t.lower_ in _NO_ONE or any(c.dep_ == "det" and c.lower_ == "no" for c in t.children):
        return True
    first = t.head if t.dep_ == "conj" else t
    return any(c.dep_ == "preconj" and c.lower_ == "neither" for c in first.children)


def victim_count(t: Token, lex: Lexicon) -> Optional[int]:
    """Number of people a victim phrase names, or None when the text gives no number."""
    if names_no_one(t):
        return 0
    vague = lex.cue_set("vague_amounts")
    if t.lower_ in vague:
        return None
    nums = _number_tokens(t)
    if nums:
        return parse_number([n.text for n in nums], lex)
    for c in t.children:
        if c.dep_ in ("det", "nummod", "amod", "quantmod") and c.lower_ in vague:
            return None
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ == "of" and (
                t.pos_ not in ("NOUN", "PROPN") or t.lemma_.lower() in lex.cue_set("collective_nouns")):
            # "a group of peasants", "most of the guards"; not "a technician of the network"
            return None
    # the verb's number overrides a tag misled by a name's ending ("Meneses was wounded")
    agrees_singular = t.dep_ in ("nsubj", "nsubjpass") and any(
        a.dep_ in ("aux", "auxpass") and a.lower_ in ("was", "is", "has") for a in t.head.children)
    singular = t.tag_ in ("NN", "NNP") or agrees_singular
    if singular:
        for c in t.children:
            if c.dep_ == "det" and c.lower_ in lex.numbers and lex.numbers[c.lower_] <= 1:
                return lex.numbers[c.lower_]
            if c.dep_ == "det" and c.lower_ in ("the", "this", "that", "another"):
                return 1
        if t.pos_ == "PROPN" or t.ent_type_ == "PERSON":
            return 1
        if agrees_singular and t.is_title and t.i > t.sent.start and not any(c.dep_ in ("det", "poss") for c in t.children):
            return 1  # a capitalised name the tagger took for a plural noun ("Torres was killed")
        if any(c.dep_ == "poss" for c in t.children) and t.lower_ in lex.cue_set("person_nouns"):
            return 1  # "his wife", "the mayor's bodyguard"
        if (t.dep_ == "conj" and t.lower_ in lex.cue_set("person_nouns") and t.head.tag_ == "NN"
                and not any(c.dep_ in ("det", "poss") for c in t.children)
                and any(c.dep_ in ("det", "poss") for c in t.head.children)):
            return victim_count(t.head, lex)  # "his bodyguard and driver": the determiner is shared
        if not any(c.dep_ in ("det", "poss") for c in t.children) and any(c.dep_ == "compound" for c in t.children):
            return 1  # a bare singular name-like phrase ("police chief X", a lower-cased name)
        if t.lower_ in lex.cue_set("person_nouns") and not any(c.dep_ in ("det", "poss") for c in t.children) \
                and any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children):
            return 1  # a title with no article is one person's: "X, leader of the movement"
    if t.pos_ == "PRON" and t.lower_ in ("he", "she", "him", "her", "his", "another"):
        return 1  # "his assassination" names one victim; "killing two and injuring another"
    return None


def is_nationality(t: Token) -> bool:
    """Whether a noun names people by nationality ("Salvadorans", "a Netherlander")."""
    from tocsin.actors.kb import load

    return t.ent_type_ == "NORP" or t.text.title() in load().demonyms


def breaks_down(first: Token, rest: list[Token], lex: Lexicon) -> bool:
    """Whether the victims after a numbered one only say who it was by nationality ("three
    reporters, two Salvadorans and a Netherlander" is three people): each is a nationality and
    their numbers add up to the first's."""
    n = number_of(first, lex)
    if n is None or n < 2 or not rest or not all(is_nationality(x) for x in rest):
        return False
    parts = [victim_count(x, lex) for x in rest]
    return None not in parts and sum(parts) == n


def _died_by_result(c: Token) -> bool:
    from tocsin.extract.events.lexicon import load
    from tocsin.extract.events.triggers import died_by_result

    return died_by_result(c, load())


def lex_subject_victims() -> frozenset:
    """Casualty verbs whose subject is the victim ("died", "lost their lives", "perished")."""
    from tocsin.extract.events.lexicon import load

    return load().cue_set("subject_victim_verbs") | {"die"}


def _listed_as(c: Token) -> list[Token]:
    """The victims a nominalised casualty word names through "be" or "include" ("the injured
    were A, B and C", "among the dead are X", "the wounded include a child")."""
    if c.pos_ not in ("ADJ", "VERB") or not any(x.dep_ == "det" and x.lower_ == "the" for x in c.children):
        return []  # not "the murder of X was an action by Y"
    if c.dep_ == "nsubj" and c.head.lemma_.lower() in ("be", "include"):
        return [x for x in c.head.children if x.dep_ in ("attr", "dobj")][:1]
    if c.dep_ == "pobj" and c.head.lower_ == "among" and c.head.head.lemma_.lower() in ("be", "include"):
        return [x for x in c.head.head.children if x.dep_ in ("nsubj", "attr") and x.i > c.i][:1]
    return []


def _partial_list(c: Token) -> bool:
    """Whether a nominalised casualty word names only some of its victims ("the dead included
    two policemen", "among the injured are X")."""
    among = c.dep_ == "pobj" and c.head.lower_ == "among"
    gov = c.head.head if among else c.head
    return bool(_listed_as(c)) and (among or gov.lemma_.lower() == "include")


def victims_of(c: Token) -> list[Token]:
    """Head tokens of the victims named around a casualty word."""
    out: list[Token] = _listed_as(c)
    if out:
        return out + _along_with(c)
    passive = any(x.dep_ in ("nsubjpass", "auxpass") for x in c.children) or (
        c.dep_ == "conj" and c.tag_ == "VBN" and any(x.dep_ in ("nsubjpass", "auxpass") for x in c.head.children))
    if c.pos_ in ("VERB", "AUX"):
        if c.dep_ in ("acl", "amod") and c.tag_ == "VBN" and c.head.pos_ in ("NOUN", "PROPN", "NUM") and not any(
                x.dep_ in ("mark", "aux", "nsubj", "dobj") for x in c.children):
            # "the ten workers killed in the attack", "the murdered journalist"; not "claims
            # that soldiers had killed the students"
            out = [c.head]
        elif c.dep_ == "acl" and c.tag_ == "VBN" and c.head.lower_ == "those" and c.head.dep_ == "pobj" \
                and c.head.head.lower_ == "among":
            clause = c.head.head.head  # "two policemen were among those killed"
            out = [x for x in clause.children if x.dep_ in ("nsubj", "nsubjpass")][:1]
        elif elided_passive(c):
            out = [x for x in c.children if x.dep_ == "nsubj"][:1]  # "2 were killed and 30 wounded"
        elif c.dep_ == "acomp" and c.head.lemma_ == "be" and c.i < c.head.i:
            # "also injured was a street vendor"
            out = [x for x in c.head.children if x.dep_ in ("attr", "nsubj") and x.i > c.head.i][:1]
        elif c.dep_ in ("oprd", "xcomp") and c.tag_ == "VBN" and not any(x.dep_ == "dobj" for x in c.children):
            out = [x for x in c.head.children if x.dep_ == "dobj"][:1]  # "left him seriously wounded"
        elif passive or c.lemma_.lower() in lex_subject_victims() or _died_by_result(c):
            subj = [x for x in c.children if x.dep_ in ("nsubjpass", "nsubj")] or stranded_subject(c)
            if not subj and c.dep_ in ("relcl", "acl"):
                subj = [c.head]
            if not subj and c.dep_ == "conj":
                subj = [x for x in c.head.children if x.dep_ in ("nsubjpass", "nsubj")]
            if not subj:  # "also injured was a street vendor": the subject after the auxiliary
                subj = [x for a in c.children if a.dep_ == "auxpass" and a.i > c.i
                        for x in a.children if x.dep_ == "attr"]
            out = subj[:1]
            if out and out[0].lower_ in ("who", "that", "which") and c.dep_ == "relcl":
                out = [c.head]
        elif named_gerund(c):
            out = []  # "called the killing an act of terrorism": "act" is what it is called
        else:
            out = [x for x in c.children if x.dep_ in ("dobj",)][:1]
            if not out:
                out = late_subject(c)
            if not out:  # "assassinated in less than 48 hours, magistrate X, ...": the parser
                # takes an object after an inserted phrase for an adverbial noun
                out = [x for x in c.children if x.dep_ == "npadvmod" and x.i > c.i and is_person_name(x)
                       and x.ent_type_ not in ("DATE", "TIME")][:1]
            if out and out[0].lemma_.lower() == "life":  # "claimed the lives of 100 people"
                out = [x for p in out[0].children if p.dep_ == "prep" and p.lower_ == "of"
                       for x in p.children if x.dep_ == "pobj"][:1]
    elif c.pos_ == "ADJ":
        # "leaving five people dead", "five people were wounded", "12 dead soldiers"
        hd = c.head
        if c.dep_ == "amod":
            out = [hd]
        elif any(x.dep_ in ("nummod",) and not _year(x) for x in c.children):
            return [c]
        elif hd.pos_ in ("VERB", "AUX"):
            out = [x for x in hd.children if x.dep_ in ("dobj", "nsubj", "nsubjpass") and x.i < c.i][-1:]
    else:
        out = _noun_victims(c)
        if not out and any(x.dep_ == "nummod" and not _year(x) for x in c.children):
            return [c]  # "24 deaths"; not "the 1932 massacre"
    out = [_through_total(t) for t in out]
    if out:
        out += _along_with(c)
    expanded: list[Token] = []
    for t in out:
        expanded += _conjuncts(t)
        for a in (x for x in t.children if x.dep_ == "appos"):
            if t.pos_ == "PROPN" and any(x.dep_ == "poss" and x.lower_ in ("his", "her", "their") for x in a.children) \
                    and any(x.dep_ == "conj" for x in a.children):
                expanded += _conjuncts(a)  # "X, his wife, and two other people": a list, not "X, its candidate"
    return expanded


def _through_total(t: Token) -> Token:
    """The victims "a total of" counts ("a total of 12 people" -> people); other quantity
    words ("dozens of people") stay, since they say the count is vague."""
    if t.lower_ != "total":
        return t
    from tocsin.extract.events.lexicon import load
    from tocsin.extract.events.triggers import through_quantity

    return through_quantity(t, load())


def _conjuncts(t: Token) -> list[Token]:
    """A victim and its coordinated victims; a name right after a noun is that noun's name, not
    another victim ("their mother Marta Ochoa", which the parser may coordinate)."""
    out, stack = [t], [t]
    while stack:
        cur = stack.pop()
        for x in cur.children:
            if x.dep_ == "conj" and x.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
                if x.ent_type_ in ("CARDINAL", "MONEY") and not any(c.dep_ == "nummod" for c in x.children) \
                        and x.i + 1 < len(x.doc) and x.doc[x.i + 1].lower_ == "in":
                    continue  # "six people and millions in losses": an amount, no victim
                first = min(y.i for y in x.subtree)
                if x.pos_ == "PROPN" and first > 0 and x.doc[first - 1].pos_ == "NOUN":
                    continue
                out.append(x)
                stack.append(x)
    return out


def named_list_count(t: Token, lex: Lexicon) -> Optional[int]:
    """People a plural with no number names in apposition, one by one ("the Jesuit priests
    A, B and C" -> 3), or None."""
    if t.tag_ not in ("NNS", "NNPS") or _number_tokens(t):
        return None
    names = [a for a in t.children if a.dep_ == "appos" and (a.pos_ == "PROPN" or a.ent_type_ == "PERSON")]
    if not names:
        return None
    total = 0
    for x in _conjuncts(names[0]):
        n = victim_count(x, lex)
        if n is None:
            return None
        total += n
    return total


def elided_passive(c: Token) -> bool:
    """A participle with a subject and no auxiliary or object, after a passive: "two people
    were killed and 30 wounded", "his driver was killed and his bodyguard wounded"."""
    if c.tag_ not in ("VBN", "VBD") or any(x.dep_ in ("aux", "auxpass", "dobj", "ccomp", "xcomp") for x in c.children):
        return False
    subj = [x for x in c.children if x.dep_ == "nsubj"]
    if not subj:
        return False
    after_passive = c.dep_ == "conj" and any(x.dep_ in ("nsubjpass", "auxpass") for x in c.head.children)
    return after_passive or (c.tag_ == "VBN" and (subj[0].pos_ == "NUM" or subj[0].like_num))


def late_subject(v: Token) -> list[Token]:
    """An object the parser took for a second subject, after the verb ("the gunfire wounded
    one of the agents"), when the verb has a subject before it and no object."""
    subj = [x for x in v.children if x.dep_ == "nsubj"]
    if len(subj) < 2 or subj[0].i > v.i or any(x.dep_ == "dobj" for x in v.children):
        return []
    return [x for x in subj if x.i > v.i][:1]


def named_gerund(v: Token) -> bool:
    """Whether a verb is a gerund with a determiner that a naming verb calls something ("called
    the killing an act of terrorism"), whose "object" is that name."""
    from tocsin.extract.events.lexicon import load

    return v.dep_ == "dobj" and v.head.lemma_.lower() in load().cue_set("naming_verbs") and any(
        c.dep_ == "det" for c in v.children)


def stranded_subject(v: Token) -> list[Token]:
    """The subject of a passive verb that the parser hung inside a sentence-opening "according
    to" phrase ("According to sources from the curia, X, five other priests and two women were
    murdered"): the first apposition after a comma in that phrase, when the verb has none."""
    if any(x.dep_ in ("nsubjpass", "nsubj") for x in v.children):
        return []
    for p in v.children:
        if p.dep_ == "prep" and p.lower_ == "according" and p.i < v.i:
            for x in p.subtree:
                if x.dep_ == "appos" and x.i > p.i + 2 and x.doc[min(y.i for y in x.subtree) - 1].text == "," \
                        and x.pos_ in ("NOUN", "PROPN"):
                    return [x]
    return []


def _noun_victims(c: Token) -> list[Token]:
    """Victims of a casualty noun: its "of" phrase ("the murder of X"), a coordinated one ("of
    X and of Y"), one hung on a date or place between ("the assassination in February of X"),
    or a possessive ("his assassination", "Oqueli's death")."""
    ofs = [p for p in c.children if p.dep_ == "prep" and p.lower_ == "of"]
    if not ofs:  # "the kidnapping and assassination of X": coordinated nouns share the "of"
        for n in [c.head] if c.dep_ == "conj" and c.head.pos_ == "NOUN" else [x for x in c.children if x.dep_ == "conj" and x.pos_ == "NOUN"]:
            ofs = [p for p in n.children if p.dep_ == "prep" and p.lower_ == "of" and p.i > c.i]
            if ofs:
                break
    if not ofs:  # "in February of X": the parser hangs "of X" on the date, and the date on
        # the noun or on the verb governing it ("condemned the murder on 15 September of X")
        ends = [c] + [x for x in c.children if x.dep_ == "conj" and x.pos_ == "NOUN"]
        for p in (c.doc[e.i + 1] for e in ends if e.i + 1 < e.sent.end):
            if p.dep_ == "prep" and p.lower_ != "of":
                for o in p.children:
                    if o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME", "GPE", "LOC"):
                        ofs += [q for q in o.children if q.dep_ == "prep" and q.lower_ == "of"
                                and any(x.dep_ == "pobj" and x.ent_type_ not in ("DATE", "TIME", "CARDINAL")
                                        and x.pos_ in ("PROPN", "NOUN") for x in q.children)]
    out = [x for p in ofs[:1] for x in p.children if x.dep_ == "pobj"][:1]
    if out:
        gov = [ofs[0]] + ([c.head] if c.dep_ == "pobj" and c.head.dep_ == "prep" else [])
        for g in gov:  # "the assassination of X and of Y": the second "of" is a conjunct
            for q in g.children:
                if q.dep_ == "conj" and q.lower_ == "of" and q.i > c.i:
                    out += [x for x in q.children if x.dep_ == "pobj"][:1]
        return out
    poss = [x for x in c.children if x.dep_ == "poss" and (
        x.pos_ == "PROPN" or x.lower_ in ("his", "her") or any(n.dep_ == "nummod" for n in x.children))]
    if not poss:  # "the Pizarro assassination": a person's name before the noun is its victim
        poss = [x for x in c.children if x.dep_ == "compound" and x.i < c.i and x.ent_type_ == "PERSON"]
    return poss[:1]  # "Oqueli's death", "his assassination", "the six Jesuits' slaying"


def _along_with(v: Token) -> list[Token]:
    """Victims joined by "along with" / "together with" ("X was killed, along with two
    bodyguards")."""
    out = []
    for p in v.children:
        if p.dep_ not in ("prep", "advmod") or p.lower_ not in ("along", "together", "with"):
            continue
        for w in [p] + [x for x in p.children if x.dep_ == "prep" and x.lower_ == "with"]:
            if w.lower_ == "with" and (w is not p or any(x.lower_ in ("along", "together") for x in v.children)):
                out += [x for x in w.children if x.dep_ == "pobj" and x.pos_ in ("NOUN", "PROPN", "NUM")]
    return out


def count_victims(c: Token, lex: Lexicon) -> tuple[Optional[int], list[Token]]:
    """(number, victim tokens) for one casualty word; number None unless every victim phrase
    gives one."""
    from tocsin.extract.events.tolls import toll_kind, toll_value

    if toll_kind(c, lex) is not None:
        return toll_value(c, lex), []
    victims = victims_of(c)
    if not victims:
        return None, []
    if victims == [c]:
        return victim_count(c, lex), []
    if _partial_list(c):  # "the wounded include a child and a woman": some of them, not how many
        return None, [x for v in victims for x in _conjuncts(v)]
    if breaks_down(victims[0], victims[1:], lex):
        return victim_count(victims[0], lex), victims
    total: Optional[int] = 0
    for v in victims:
        n = victim_count(v, lex)
        if n is None:
            n = named_list_count(v, lex)
        if n is None:
            total = None
            break
        total += n
    listed = _listed(c, victims[0], lex)
    if listed is not None and (total is None or listed[0] > total):
        return listed[0], victims + [h for h in listed[1] if h not in victims]
    return total, victims


def singular_agreement(v: Token) -> bool:
    """Whether a verb agrees with a singular subject ("who was wounded", "who lives")."""
    return v.tag_ == "VBZ" or any(a.dep_ in ("aux", "auxpass") and (a.tag_ == "VBZ" or a.lower_ == "was")
                                  for a in v.children)


def _listed(c: Token, first: Token, lex: Lexicon) -> Optional[tuple[int, list[Token]]]:
    """The victim enumeration that starts with a casualty word's first victim, read from the
    words (:mod:`tocsin.extract.events.enumeration`): after "of" for a noun ("the murders of
    A, B, and C"), from the victim phrase's first word for a verb."""
    from tocsin.extract.events.enumeration import enumerated, list_ending_at

    if c.pos_ == "NOUN":
        of = first.head
        if first.dep_ != "pobj" or of.lower_ != "of" or of.i < c.i:
            return None
        start = of.i + 1
    else:
        start = first.i
        phrase = {x.i for x in first.subtree}
        while start > first.sent.start and start - 1 in phrase and start - 1 != c.i:
            start -= 1
        if first.i > c.i and start <= c.i:
            start = c.i + 1
        if first.i < c.i and not (c.dep_ == "relcl" and singular_agreement(c)):
            # "a police colonel, a judge, and Senator X were murdered"; not "the driver and a
            # woman who was wounded", whose clause is the woman's alone
            before = list_ending_at(first.doc[start], lex)
            if before is not None:
                return before
    return enumerated(first.doc[start], lex)
