"""Entities: who is named in the article, grouped into one entity per actor and coded with the
actor knowledge base (``kind``, CAMEO-style ``code``, ``country``, ``sector``).

Mentions come from the NER repaired by the KB ruler (persons, organisations, states, armed
groups, media), from generic agent nouns ("U.S. officials", "one former senior military
officer", "Iraqi politicians") and from titles and party tags ("Sen.", "(R-SC)").
Coreference (:mod:`tocsin.extract.coref`) then links surnames, pronouns and "the group" to them.
"""
from __future__ import annotations

import bisect
import logging
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from spacy.attrs import IDX, LEMMA, LENGTH, LOWER
from spacy.tokens import Doc, Span, Token

from tocsin.actors import codes
from tocsin.actors import kb as kb_mod
from tocsin.actors.kb import KB
from tocsin.context import Context
from tocsin.record import Entity, Mention

log = logging.getLogger(__name__)
_STRICT = bool(os.environ.get("TOCSIN_STRICT"))  # tests: let errors surface

_TRIM = set("“”\"'‘’[](){}.,;:?!-–— \n\t")
MODIFIER_DEPS = {"det", "amod", "compound", "nummod", "poss", "quantmod", "advmod", "nmod", "npadvmod", "predet", "case", "punct"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}


@dataclass
class Cand:
    """One mention before grouping."""

    start: int
    end: int
    key: str
    name: str
    kind: str
    code: Optional[str] = None
    country: Optional[str] = None
    sector: Optional[str] = None
    gender: Optional[str] = None
    number: str = "sg"
    title: Optional[str] = None
    head: int = -1  # token index of the head
    source: str = "name"  # name | agent | surname | pronoun | nominal | appos


@dataclass
class EntityInfo:
    """What coreference needs to know about an entity beyond the record."""

    gender: Optional[str] = None
    number: str = "sg"
    title: Optional[str] = None
    surname: Optional[str] = None
    first_surname: Optional[str] = None  # of two: "Meneses" in "Luis Antonio Meneses Benavides"


_WS = re.compile(r"\s+")
_DET = re.compile(r"^(the|The|a|an|An|A)\s+")


def _norm(text: str) -> str:
    return _DET.sub("", _WS.sub(" ", text.replace("’", "'")).strip())


@lru_cache(maxsize=4)
def _title_re(version: int) -> tuple[re.Pattern, dict]:
    kb = kb_mod.load()
    words = [w for w, _ in kb.titles]
    table = {w.lower(): t for w, t in kb.titles}
    alt = "|".join(re.escape(w) for w in words)
    return re.compile(r"(?:^|(?<=[\s(“\"'’,]))(" + alt + r")\s+$", re.IGNORECASE), table


@lru_cache(maxsize=4)
def _party_re(version: int) -> Optional[re.Pattern]:
    kb = kb_mod.load()
    pat = kb.agents_file.party_tag
    return re.compile(r"^\s*" + pat) if pat else None


@lru_cache(maxsize=4)
def _agent_words(version: int) -> frozenset:
    kb = kb_mod.load()
    return frozenset(w.split()[-1] for w in kb.agents)


def agent_words(kb: KB) -> frozenset:
    """Lower-case words that may head a generic agent ("troops", "forces")."""
    return _agent_words(kb.version)


@lru_cache(maxsize=16)
def _keys(words: frozenset) -> frozenset:
    """The hashes spaCy gives these strings (the same whatever the vocabulary)."""
    from spacy.strings import get_string_id

    return frozenset(get_string_id(w) for w in words)


def token_indices(doc: Doc, words) -> list[int]:
    """Indices of tokens whose lower-case form or lemma is in ``words``, without making a
    Token object per token (the hot path of the stage)."""
    if not len(doc):
        return []
    import numpy

    arr = doc.to_array([LOWER, LEMMA])
    keys = numpy.fromiter(_keys(frozenset(words)), dtype=arr.dtype)
    hit = numpy.isin(arr[:, 0], keys) | numpy.isin(arr[:, 1], keys)
    return numpy.nonzero(hit)[0].tolist()


def _gender_of_name(kb: KB, name: str) -> Optional[str]:
    first = name.split()[0].lower() if name.split() else ""
    if first in kb.male:
        return "m"
    if first in kb.female:
        return "f"
    return None


class _Builder:
    def __init__(self, ctx: Context, kb: KB):
        self.ctx = ctx
        self.doc: Doc = ctx.doc
        self.text = ctx.text
        self.kb = kb
        self.idx = codes.KBIndex.of(self.doc)
        self.cands: list[Cand] = []
        self.used: set[int] = set()  # tokens inside a mention
        self.title_re, self.title_table = _title_re(kb.version)
        self.party_re = _party_re(kb.version)
        self.title_tokens: set[int] = set()
        self.persons: dict[int, Cand] = {}  # head token -> person cand (for appositions)
        self._tok_ends: Optional[list[int]] = None

    # -- helpers -------------------------------------------------------------------------
    def add(self, c: Cand, toks: range) -> None:
        # trim stray punctuation and possessives glued on by the tokenizer ("”Venezuela", "Aissami’s")
        orig = _norm(self.text[c.start:c.end])
        while c.start < c.end and self.text[c.start] in _TRIM:
            c.start += 1
        while c.end > c.start and self.text[c.end - 1] in _TRIM:
            c.end -= 1
        m = re.search(r"['’][sS]?$", self.text[c.start:c.end])  # "ALVARADO'S" too
        if m and c.end - c.start > 3:
            c.end -= len(m.group(0))
        if c.name == orig:
            c.name = _norm(self.text[c.start:c.end])
        if c.kind == "person" and c.source == "name" and c.key.startswith("person:"):
            t = self.text[c.start:c.end]
            if not t[:1].isupper() or any(ch in t for ch in "“”\"?[]()") or self.kb.lookup(t) is not None:
                return  # tokenizer debris ("job?”Venezuela", "toothpasteVenezuela") or a KB non-person
        if self.ctx.excluded(c.start, c.end) or c.end <= c.start:
            return
        self.cands.append(c)
        self.used.update(toks)

    def title_before(self, start_char: int):
        """A title cue ending right before start_char: (title, match start)."""
        window = self.text[max(0, start_char - 80):start_char]
        m = self.title_re.search(window)
        if not m:
            return None
        t = self.title_table.get(re.sub(r"\s+", " ", m.group(1)).lower())
        return t, m.group(1), start_char - len(window) + m.start(1)

    def country_before(self, char: int) -> Optional[str]:
        """A state/demonym span ending right before char ("US Deputy Secretary", "Iraq's")."""
        if self._tok_ends is None:
            arr = self.doc.to_array([IDX, LENGTH])
            self._tok_ends = (arr[:, 0] + arr[:, 1]).tolist() if len(arr) else []
        tok_i = bisect.bisect_right(self._tok_ends, char) - 1
        if tok_i < 0:
            return None
        # skip a possessive marker
        if tok_i is not None and self.doc[tok_i].tag_ == "POS":
            tok_i -= 1
        if tok_i is None or tok_i < 0:
            return None
        between = self.text[self.doc[tok_i].idx + len(self.doc[tok_i]):char]
        if between.strip(" '’s"):
            return None
        sp = self.idx.at(tok_i)
        if sp is None:
            hs = codes.hyphen_state(self.doc[tok_i], self.kb)
            return hs[0] if hs and not hs[1] else None
        return codes.state_of_key(self.kb, sp.kb_id_)

    # -- persons -------------------------------------------------------------------------
    def person(self, ent: Span) -> None:
        kb = self.kb
        name_span = ent
        # strip a title the NER swallowed ("President Donald Trump")
        actor = kb.actors.get(ent.kb_id_) if ent.kb_id_ else None
        text = self.text[ent.start_char:ent.end_char]
        if actor is None:
            actor = kb.lookup(text)
            if actor is not None and actor.kind != "person":
                actor = None
        title = None
        country = actor.country if actor else None
        sector = actor.sector if actor else None
        gender = actor.gender if actor else None
        tb = self.title_before(ent.start_char)
        tstart = ent.start_char
        if tb:
            t, ttext, tstart = tb
            title = ttext
            sector = sector or t.sector
            country = country or t.country
            gender = gender or t.gender
            span = self.doc.char_span(tstart, ent.start_char, alignment_mode="expand")
            for i in range(span.start, min(span.end, ent.start)) if span is not None else ():
                self.title_tokens.add(i)
                self.used.add(i)
        if country is None:
            country = self.country_before(tstart)
        after = self.text[ent.end_char:ent.end_char + 20]
        if self.party_re and self.party_re.match(after):
            country = country or kb.agents_file.party_tag_country
            sector = sector or kb.agents_file.party_tag_sector
        # an apposition ("Alex Mello, a security consultant"; "the Iraqi prime minister")
        appos = None
        for tok in ent:
            for child in tok.children:
                if child.dep_ == "appos" and child.i >= ent.end:
                    appos = child
        if appos is not None:
            info = self.agent_info(appos)
            if info is not None:
                sector = sector or info[0].sector
                s, e = self.np_bounds(appos)
                st = codes.modifier_states(self.doc, s, e, kb, self.idx)
                if st:
                    country = country or st[0][0]
                title = title or self.text[self.doc[s].idx:appos.idx + len(appos)]
        gender = gender or _gender_of_name(kb, text)
        key = "actor:" + ent.kb_id_ if actor is not None and ent.kb_id_ else "person:" + _norm(text)
        if actor is not None and not ent.kb_id_:
            key = "actor:" + next((k for k, v in kb.actors.items() if v is actor), _norm(text))
        name = actor.name if actor else _norm(text)
        code = (actor.code if actor and actor.code else None) or codes.code_of(country, sector)
        c = Cand(ent.start_char, ent.end_char, key, name, "person", code, country, sector, gender,
                 "sg", title or (actor.role if actor else None), ent.root.i)
        self.add(c, range(name_span.start, name_span.end))
        self.persons[ent.root.i] = c
        if appos is not None:
            s, e = self.np_bounds(appos)
            if self.agent_info(appos) is not None:
                a = Cand(self.doc[s].idx, appos.idx + len(appos), key, name, "person", code, country,
                         sector, gender, "sg", title, appos.i, "appos")
                self.add(a, range(s, appos.i + 1))

    # -- named actors ----------------------------------------------------------------------
    def named(self, ent: Span) -> None:
        kb = self.kb
        key = ent.kb_id_
        if key.startswith("dem:"):
            return self.demonym(ent, key[4:])
        if key.startswith("cap:"):
            if self.metonymy(ent):
                gov = kb.actors.get(key[4:])
                if gov is not None:
                    c = Cand(ent.start_char, ent.end_char, "actor:" + key[4:], gov.name, "government",
                             gov.code, gov.country, "GOV", head=ent.root.i)
                    self.add(c, range(ent.start, ent.end))
            return
        actor = kb.actors.get(key) if key else None
        text = self.text[ent.start_char:ent.end_char]
        if actor is None:
            actor = kb.lookup(text)
        if actor is not None and actor.kind == "person":
            return self.person(ent)
        if actor is not None and actor.kind == "country":
            if self.is_modifier(ent):
                return
            c = Cand(ent.start_char, ent.end_char, "actor:" + actor.code, actor.name, "country",
                     actor.code, actor.country, None, head=ent.root.i)
            return self.add(c, range(ent.start, ent.end))
        if actor is not None:
            if actor.kind == "other" and self.is_modifier(ent):
                return
            aid = key or next((k for k, v in kb.actors.items() if v is actor), _norm(text))
            country = actor.country
            if actor.kind in ("government", "military") and country:
                # "Rwanda's Senate", "the Iraqi parliament": the modifier names the state
                own = codes.modifier_states(self.doc, ent.root.left_edge.i, ent.start, kb, self.idx) or \
                    codes.modifier_states(self.doc, ent.start, ent.end - 1, kb, self.idx)
                cb = own[0][0] if own else self.country_before(ent.start_char)
                if cb and cb != country and cb in kb.actors and kb.actors[cb].kind == "country":
                    country = cb
                    c = Cand(ent.start_char, ent.end_char, f"inst:{cb}:{actor.sector}:{_norm(text).lower()}",
                             _norm(text), actor.kind, codes.code_of(cb, actor.sector), cb, actor.sector, head=ent.root.i)
                    return self.add(c, range(ent.start, ent.end))
            # a named body is one actor ("it"/"they" both fit it); only groups of people are plural
            number = "pl" if ent.root.tag_ in ("NNS", "NNPS") and actor.kind == "group" else "sg"
            c = Cand(ent.start_char, ent.end_char, "actor:" + aid, actor.name, actor.kind,
                     codes.actor_code(actor), country, actor.sector, number=number, head=ent.root.i)
            return self.add(c, range(ent.start, ent.end))
        # an organisation the KB does not name: code it by what it contains
        if ent.label_ in ("ORG", "NORP"):
            if ent.label_ == "NORP" and (ent.root.pos_ != "PROPN" or self.is_modifier(ent)):
                return
            if all(t.i in self.title_tokens for t in ent):
                return
            if not ent.kb_id_ and self.is_modifier(ent):
                return  # "the CT effort"
            inner = [self.idx.at(i) for i in range(ent.start, ent.end) if self.idx.at(i) is not None]
            inner_actor = next((kb.actors.get(s.kb_id_) for s in inner if kb.actors.get(s.kb_id_) and kb.actors[s.kb_id_].kind not in ("country", "person")), None)
            states = codes.modifier_states(self.doc, ent.start, ent.end, kb, self.idx)
            country = inner_actor.country if inner_actor else (states[0][0] if states else None)
            if country is None:
                country = self.country_before(ent.start_char)
            sector, kind = None, "organization"
            if inner_actor is not None:
                sector, kind = inner_actor.sector, inner_actor.kind
            else:
                info = self.agent_info(ent.root, allow_propn=True)
                if info is not None:
                    sector, kind = info[0].sector, info[0].kind
            name = _norm(text)
            c = Cand(ent.start_char, ent.end_char, "org:" + name.lower(), name, kind,
                     codes.code_of(country, sector) if (country or sector) else None, country, sector, head=ent.root.i)
            self.add(c, range(ent.start, ent.end))

    def demonym(self, ent: Span, code: str) -> None:
        """A demonym that heads its own phrase ("Iraqis", "the Americans") is a people."""
        root = ent.root
        if root.pos_ not in ("NOUN", "PROPN") or self.is_modifier(ent) or root.dep_ in ("amod", "compound"):
            return
        if root.tag_ not in ("NNS", "NNPS") and not root.text.endswith("s"):
            return
        st = self.kb.actors.get(code)
        country = code if (st is not None and st.kind == "country") else None
        c = Cand(ent.start_char, ent.end_char, "people:" + code, self.text[ent.start_char:ent.end_char],
                 "group", code, country, None, number="pl", head=root.i)
        self.add(c, range(ent.start, ent.end))

    def is_modifier(self, ent: Span) -> bool:
        root = ent.root
        while root.dep_ == "conj" and root.head.i < root.i and root.head.dep_ in ("compound", "amod", "nmod"):
            root = root.head  # "US and British activists"
        if root.dep_ in ("compound", "amod", "nmod", "npadvmod") and root.head.i >= ent.end:
            return True
        if root.dep_ == "poss" and root.head.i >= ent.end:
            return self.agent_info(root.head) is not None
        # "U.S.-led" etc. glued to the next word
        if ent.end < len(self.doc) and self.doc[ent.end].text in ("-", "–") and ent.end + 1 < len(self.doc):
            return True
        return False

    def metonymy(self, ent: Span) -> bool:
        """Does a capital stand for its government here ("Washington said", "with Tehran")?"""
        af = self.kb.agents_file
        tok = ent.root
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ in af.metonymy_deps:
            return tok.dep_ != "dobj" or tok.head.pos_ == "VERB"
        if tok.dep_ == "pobj" and tok.head.lower_ in af.metonymy_preps:
            # "in Baghdad" is a place; "with Tehran" an actor; "from Moscow" only after a noun
            return not (tok.head.lower_ == "from" and tok.head.head.pos_ == "VERB")
        return False

    # -- generic agents ----------------------------------------------------------------------
    def agent_info(self, tok: Token, allow_propn: bool = False):
        """(Agent, first token) when tok heads a generic agent noun (one or two words)."""
        if tok.pos_ not in ("NOUN", "PROPN") and not (tok.pos_ == "ADJ" and tok.lower_ in ("military",)):
            return None
        if tok.pos_ == "PROPN" and not allow_propn and tok.lower_ not in ("police",):
            # proper nouns are names, unless it is a capitalised agent word ("Iraqi Security Forces")
            pass
        doc = self.doc
        if tok.i > 0:
            two = f"{doc[tok.i - 1].lower_} {tok.lower_}"
            ag = self.kb.agents.get(two) or self.kb.agents.get(f"{doc[tok.i - 1].lower_} {tok.lemma_.lower()}")
            if ag is not None:
                return ag, tok.i - 1
        ag = self.kb.agents.get(tok.lower_) or self.kb.agents.get(tok.lemma_.lower())
        if ag is not None:
            return ag, tok.i
        return None

    def owner(self, head: Token):
        """A KB organisation that owns or contains the agent: "the Pentagon's inspector",
        "leaders of Kataib Hezbollah"."""
        for child in head.children:
            obj = None
            if child.dep_ == "poss":
                obj = child
            elif child.dep_ == "prep" and child.lower_ == "of":
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            sp = self.idx.at(obj.i)
            if sp is not None:
                a = self.kb.actors.get(sp.kb_id_)
                if a is not None and a.kind not in ("country", "person"):
                    return a
        return None

    def np_bounds(self, head: Token) -> tuple[int, int]:
        """Tokens [start, end) of the noun phrase headed by head, up to the head."""
        start = head.i
        for child in head.lefts:
            if child.dep_ in MODIFIER_DEPS:
                start = min(start, child.left_edge.i)
        while start < head.i and (self.doc[start].is_punct or self.doc[start].pos_ in ("ADP", "CCONJ", "PART")
                                  or self.doc[start].tag_ == "POS" or self.doc[start].dep_ == "case"):
            start += 1
        for i in range(head.i - 1, start - 1, -1):  # never across a quotation mark
            if self.doc[i].is_quote:
                start = i + 1
                break
        return start, head.i + 1

    def agent(self, tok: Token) -> None:
        info = self.agent_info(tok)
        if info is None:
            return
        ag, first = info
        doc, kb = self.doc, self.kb
        if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i:
            return  # "police station", "government consent"
        if tok.dep_ == "amod" or (tok.pos_ == "ADJ"):
            return
        if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in ("-", "–"):
            return
        if tok.i > 0 and doc[tok.i - 1].is_quote and tok.i + 1 < len(doc) and doc[tok.i + 1].is_quote:
            return  # a word quoted as a word: the term "protesters"
        if tok.dep_ == "appos" and tok.head.i in self.persons:
            return  # handled as the person's role
        named = next((self.persons[c.i] for c in tok.children if c.dep_ == "appos" and c.i in self.persons), None)
        if named is not None and ag.human and not ag.collective:
            # "The Minister of Health, Nancy Perez": the title phrase is the person
            named.sector = named.sector or ag.sector
            if named.code is None or named.code.startswith("---"):
                named.code = codes.code_of(named.country, named.sector)
            s0, _ = self.np_bounds(tok)
            c = Cand(doc[s0].idx, tok.idx + len(tok), named.key, named.name, "person", named.code, named.country,
                     named.sector, named.gender, "sg", named.title or tok.lower_, tok.i, "appos")
            self.add(c, range(s0, tok.i + 1))
            return
        start, end = self.np_bounds(tok)
        start = min(start, first)
        raw_start = start
        # do not swallow names already taken (persons/organisations inside the phrase)
        while start < tok.i and start in self.used and (self.idx.at(start) is None or
                                                         codes.state_of_key(kb, self.idx.at(start).kb_id_) is None):
            start += 1
        while start < tok.i and (doc[start].is_punct or doc[start].tag_ == "POS" or doc[start].dep_ == "case"):
            start += 1
        if any(i in self.used for i in range(first, end)):
            return
        states = codes.modifier_states(doc, start, first, kb, self.idx)
        if states and states[0][1].start == start:
            # a coordinated list of states before the phrase: "Japanese, European, and Saudi"
            i = start - 1
            while i > 0:
                j = i
                while j >= 0 and doc[j].lower_ in (",", "and", "or", "&"):
                    j -= 1
                sp = self.idx.at(j) if j >= 0 and j < i + 1 and j != i + 0 or (j >= 0 and j < i) else None
                if j == i or sp is None or codes.state_of_key(kb, sp.kb_id_) is None or any(t in self.used for t in range(sp.start, sp.end)):
                    break
                states.insert(0, (codes.state_of_key(kb, sp.kb_id_), sp))
                start = sp.start
                i = sp.start - 1
        # possessive state: "Iraq's parliament"
        countries = [c for c, _ in states]
        if not countries:
            pc = codes.prep_state(tok, kb, self.idx, kb.agents_file.country_preps)
            if pc is None and (ag.sector == "REB" or (ag.collective and ag.human)):
                # "militias in Iraq", "a court in Guyana" (not "U.S. troops in Iraq")
                pc = codes.prep_state(tok, kb, self.idx, ("in",))
            if pc:
                countries = [pc]
        org = None
        inner_keys = [self.idx.at(i).kb_id_ for i in range(raw_start, first) if self.idx.at(i) is not None
                      and not codes.is_patron(doc[self.idx.at(i).end - 1], kb)]
        member_of = next((k for k in inner_keys if k in kb.actors and kb.actors[k].kind == "armed_group"), None)
        if member_of and ag.sector in ("REB", "MIL") and ag.human:
            # "Hashd al-Shaabi fighters", "Taliban militants": the group itself
            a = kb.actors[member_of]
            c = Cand(doc[raw_start].idx, tok.idx + len(tok), "actor:" + member_of, a.name, a.kind,
                     codes.actor_code(a), a.country, a.sector, head=tok.i, source="agent")
            self.add(c, range(raw_start, end))
            return
        if not countries:
            inner = [self.idx.at(i) for i in range(start, first) if self.idx.at(i) is not None]
            inner_orgs = [kb.actors.get(sp.kb_id_) for sp in inner if kb.actors.get(sp.kb_id_) is not None]
            inner_orgs = [a for a in inner_orgs if a.kind not in ("country", "person") and a.country]
            if inner_orgs:
                countries = [inner_orgs[0].country]
        if not countries:
            org = self.owner(tok)
            if org is not None and org.country:
                countries = [org.country]
        plural = tok.tag_ in ("NNS", "NNPS") or (tok.lemma_.lower() != tok.lower_ and not ag.collective)
        kind = ag.kind
        det = doc[start].lower_ if start < tok.i else ""
        human_single = ag.human and not ag.collective and not plural
        if human_single:
            kind = "person"
        number = "pl" if plural else "sg"
        s_char, e_char = doc[start].idx, tok.idx + len(tok)
        text = self.text[s_char:e_char]
        # compound actors: "Japanese, European, and Saudi oil tankers"
        listed = len(states) > 1 and all(
            re.fullmatch(r"[\s,]*(?:and|or|&)?[\s,]*", self.text[a[1].end_char:b[1].start_char])
            for a, b in zip(states, states[1:]))
        if listed:
            head_words = self.text[states[-1][1].end_char:e_char].strip()
            for n, (code, sp) in enumerate(states):
                last = n == len(states) - 1
                ms, me = (sp.start_char, e_char) if last else (sp.start_char, sp.end_char)
                st_actor = kb.actors.get(code)
                country = code if st_actor is not None and st_actor.kind == "country" else None
                c = Cand(ms, me, f"agent:{code}:{head_words.lower()}:{ms}", f"{sp.text} {head_words}", kind,
                         codes.code_of(code, ag.sector), country, ag.sector, number=number, head=tok.i, source="agent")
                self.add(c, range(sp.start, sp.end) if not last else range(sp.start, end))
            return
        code = countries[0] if countries else None
        st_actor = kb.actors.get(code) if code else None
        country = code if st_actor is not None and st_actor.kind == "country" else None
        name = _norm(text)
        if human_single and det in ("a", "an", "one", "another") or (human_single and det not in ("the", "this", "that")):
            key = f"agent:{name.lower()}:{s_char}"  # an individual: never merged by wording
        else:
            key = f"agent:{(code or '')}:{name.lower()}"
        sector = ag.sector
        if org is None:
            org = self.owner(tok)
        if org is not None and org.sector in ("REB", "IGO", "OPP", "NGO", "PTY") and ag.sector in ("GOV", "MIL"):
            sector = org.sector  # "leaders of Kataib Hezbollah" are the group's, not a state's
            if kind != "person":
                kind = org.kind
        c = Cand(s_char, e_char, key, name, kind, codes.code_of(code, sector), country, sector,
                 number=number, head=tok.i, source="agent")
        c.title = tok.lower_
        self.add(c, range(start, end))

    # -- run -------------------------------------------------------------------------------
    def run(self) -> list[Cand]:
        doc = self.doc
        ents = sorted(doc.ents, key=lambda e: e.start)
        for ent in ents:
            if ent.label_ == "PERSON":
                self.person(ent)
        for ent in ents:
            if ent.label_ in ("ORG", "GPE", "NORP", "LOC", "FAC") and (ent.kb_id_ or ent.label_ in ("ORG", "NORP")):
                if any(i in self.used for i in range(ent.start, ent.end)):
                    continue
                self.named(ent)
        for i in token_indices(doc, agent_words(self.kb)):
            if i in self.used:
                continue
            self.agent(doc[i])
        self.cands.sort(key=lambda c: (c.start, -c.end))
        return self.cands


def first_of_two_surnames(name: str, kb: KB) -> Optional[str]:
    """The first of a Spanish or Portuguese name's two surnames, which stands for the person
    on its own ("Escobar" for "Pablo Escobar Gaviria", "Oqueli" for "Hector Oqueli
    Colindres"): the next-to-last word of a name of three or more words, when it is a
    capitalised word of three letters or more and no given name ("Luis Carlos Galan": Galan)."""
    words = name.split()
    particles = frozenset((kb.coref or {}).get("non_hispanic_name_particles") or ())
    prefixes = tuple(p for p in particles if p.endswith("-"))  # "al-Muhandis"
    if len(words) < 3 or any(w.lower() in particles or w.lower().startswith(prefixes) for w in words):
        return None
    w = words[-2]
    if len(w) < 3 or not all(x[:1].isupper() for x in words[-2:]) or not w.replace("-", "").isalpha() \
            or w in kb.demonyms:  # not "a Chinese-born American citizen"
        return None
    return None if w.lower() in kb.given_names() else w


def group(cands: list[Cand], kb: KB, text: str) -> tuple[list[Entity], dict[str, EntityInfo], list[tuple[Cand, str]]]:
    """One entity per actor key; surname-only person mentions join the full name."""
    persons_full = {}
    singles = {c.name for c in cands if c.kind == "person" and c.source == "name" and len(c.name.split()) == 1}
    for c in cands:
        words = c.name.split()
        if (c.key.startswith("org:") and len(words) > 1 and words[-1] in singles and not c.code
                and all(w[:1].isupper() for w in words)):
            # "Maria Eugenia Landaeta" taken for an organisation, "Landaeta" a person later on
            c.key, c.kind = "person:" + c.name, "person"
    tails = {}  # "Garcia Alvarado" -> the key of "Roberto Garcia Alvarado" (two surnames)
    firsts = {}  # "Meneses" -> the key of "Luis Antonio Meneses Benavides"
    for c in cands:
        if c.kind == "person" and c.source == "name" and len(c.name.split()) > 1:
            persons_full.setdefault(c.name.split()[-1], c.key)
            if (first := first_of_two_surnames(c.name, kb)) is not None:
                firsts.setdefault(first, c.key)
            words = c.name.split()
            for k in range(1, len(words) - 1):
                tails.setdefault(" ".join(words[k:]), c.key)
    for c in cands:
        if c.kind == "person" and c.source == "name" and c.name in tails and tails[c.name] != c.key:
            c.key = tails[c.name]
    for c in cands:
        single = len(c.name.split()) == 1
        if c.kind == "person" and c.source == "name" and single and c.key.startswith("person:"):
            full = persons_full.get(c.name) or firsts.get(c.name)
            if full:
                c.key = full
        elif single and c.key.startswith("org:") and c.name in persons_full:
            # the NER's "Maduro" as an organisation, after "Nicolás Maduro"
            c.key, c.kind, c.source = persons_full[c.name], "person", "name"
    by_key: dict[str, Entity] = {}
    info: dict[str, EntityInfo] = {}
    linked = []
    order = []
    for c in cands:
        ent = by_key.get(c.key)
        if ent is None:
            ent = Entity(id="", name=c.name, kind=c.kind, code=c.code, country=c.country, sector=c.sector)
            by_key[c.key] = ent
            info[c.key] = EntityInfo(gender=c.gender, number=c.number, title=c.title)
            order.append(c.key)
        else:
            # a fuller name or more specific code wins
            if len(c.name) > len(ent.name) and c.source == "name" and c.kind == ent.kind:
                ent.name = c.name
            ent.country = ent.country or c.country
            ent.sector = ent.sector or c.sector
            ent.code = ent.code or c.code
            inf = info[c.key]
            inf.gender = inf.gender or c.gender
            inf.title = inf.title or c.title
        ent.mentions.append(Mention(start=c.start, end=c.end, text=text[c.start:c.end]))
        linked.append((c, c.key))
    ents = []
    infos = {}
    for n, key in enumerate(order, start=1):
        e = by_key[key]
        e.id = f"e{n}"
        if e.kind == "person":
            parts = e.name.split()
            infos[e.id] = info[key]
            infos[e.id].surname = parts[-1] if len(parts) > 1 else None
            infos[e.id].first_surname = first_of_two_surnames(e.name, kb)
        else:
            infos[e.id] = info[key]
        ents.append(e)
    return ents, infos, [(c, by_key[k].id) for c, k in linked]


def extract(ctx: Context) -> list[Entity]:
    """The article's entities, coded, with their coreferent mentions (pronouns, surnames,
    "the group"), ids e1, e2... in order of first mention."""
    from tocsin.extract import coref

    try:
        kb = kb_mod.load()
        cands = coref.link_nominals(ctx, _Builder(ctx, kb).run(), kb)
        entities, infos, linked = group(cands, kb, ctx.text)
        coref.resolve_document(ctx, entities, infos, linked)
        for e in entities:
            e.mentions.sort(key=lambda m: (m.start, m.end))
        return entities
    except Exception:  # an extractor never raises on odd text
        if _STRICT:
            raise
        log.exception("entity extraction failed")
        return []
