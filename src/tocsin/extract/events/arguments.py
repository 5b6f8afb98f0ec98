"""Who did it and to whom: actors and recipients of a trigger from the dependency parse.

Verbal triggers: subject or "by"-agent -> actor; object, or "on"/"against"/"at" -> recipient;
passives swap. Nominal triggers: possessor, name modifiers ("U.S. airstrikes"), "by X",
"attributed to X" -> actor; "on"/"against"/"at"/"of" -> recipient; a support verb's subject
("launched a strike") -> actor. Relative clauses take their antecedent ("Kataib Hezbollah,
which launched ..."), participial clauses and infinitives take the governing clause's subject,
pronouns take the coreferent entity or the subject of the reporting verb above them.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Optional

from spacy.tokens import Token

from tocsin.actors import codes, kb
from tocsin.context import Context
from tocsin.extract.events.counts import elided_passive, late_subject, named_gerund, names_no_one, singular_agreement, stranded_subject
from tocsin.extract.events.lexicon import Lexicon, load
from tocsin.extract.events.triggers import Trigger, counted_by, died_by_result, participle_lemma, shot_dead_modifier, through_quantity
from tocsin.record import Participant

_RELPRON = {"which", "that", "who", "whom", "whose"}
_PARTITIVE = {"one", "some", "each", "none", "several", "many", "most", "all", "both", "dozens", "hundreds",
              "thousands", "scores", "millions", "tens"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them", "us", "you"}
_SUBJ = ("nsubj", "csubj")
_RECIPIENT_PREPS = {"on", "against", "at", "upon", "targeting", "into", "toward", "towards"}
_LEFT_SKIP = {"det", "predet", "punct", "cc", "case", "prep", "advmod", "nummod", "quantmod"}


def _children(t: Token, deps: Iterable[str]) -> list[Token]:
    deps = set(deps)
    return [c for c in t.children if c.dep_ in deps]


def _with_conjuncts(t: Token) -> list[Token]:
    if t.ent_type_ in ("DATE", "TIME"):
        return []
    out = [t]
    for c in t.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and (c.ent_type_ == "GPE") == (t.ent_type_ == "GPE"):
            out.extend(_with_conjuncts(c))
    return out


@lru_cache(maxsize=1)
def _casualty_participles() -> frozenset:
    """Casualty verbs of dead and injured (cues.yaml ``casualty_verbs``): "the assassinated X"."""
    return frozenset(v for v, kind in (load().cues.get("casualty_verbs") or {}).items() if kind in ("dead", "injured"))


def span_of(t: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by ``t`` without its determiner,
    trailing prepositional phrases and relative clauses."""
    start = t.i
    for c in t.lefts:
        if c.dep_ in _LEFT_SKIP:
            continue
        if (c.dep_ == "poss" and c.pos_ == "PRON") or (
                c.dep_ == "amod" and participle_lemma(c, _casualty_participles())) or (
                c.dep_ == "amod" and t.dep_ == "dobj" and getattr(shot_dead_modifier(t.head), "i", -1) == c.i):
            continue  # "the assassinated Carlos Pizarro" is Carlos Pizarro; "his home" is "home";
            # "shot dead two policemen": the result word is the verb's
        start = min(start, min(x.i for x in c.subtree))
        break
    end = t.i + 1
    # names split by the tagger ("Kataib Hezbollah", "Donald Trump"): keep flat right parts
    for c in t.rights:
        if c.dep_ in ("compound", "flat", "nmod") and c.i == end:
            end = c.i + 1
        else:
            break
    if t.ent_iob_ != "O" and t.ent_type_ in ("ORG", "PERSON", "NORP", "FAC"):
        # a name that goes on past its head ("the Armed Forces of Liberation")
        ent_end = t.i + 1
        while ent_end < len(t.doc) and t.doc[ent_end].ent_iob_ == "I":
            ent_end += 1
        if ent_end > end and t.doc[end].lower_ == "of" and all(
                t.doc[k].head.i in range(t.i, ent_end) and t.doc[k].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "CCONJ")
                for k in range(end + 1, ent_end)):
            end = ent_end  # not a span the NER ran on past the name ("Shining Path in Ayacucho")
    if end == t.i + 1:
        # "one of the demonstrators", "a group of terrorists", "members of the FMLN": the
        # partitive or collective head keeps its "of" phrase, which says who they are; so
        # does a building ("the offices of the electoral council"), which says whose it is
        obj = who_of(t) or _whose_of(t)
        if obj is not None:
            end = span_of(obj)[1]
    # nor the blank left by a dateline cleanup removed ("TEHRAN (Observer) — Iran's leader X")
    while start < t.i and (t.doc[start].is_space or t.doc[start].dep_ in _LEFT_SKIP | {"cc"} or (
            t.doc[start].dep_ == "npadvmod" and t.doc[start].ent_type_ in ("DATE", "TIME"))):
        w = t.doc[start]
        if w.dep_ == "advmod" and w.head.dep_ == "amod" and w.head.head.i == t.i and w.head.i > w.i:
            break  # "heavily armed men": the adverb belongs to the adjective
        start += 1  # nor a time the parser hangs inside it ("yesterday heavily armed terrorists")
    # a possessive marker ending the span is not part of the name
    if end - 1 > start and t.doc[end - 1].tag_ == "POS":
        end -= 1
    return start, end


def weapon_start(d: Token, lo: int, lex: Lexicon) -> int:
    """Where a weapon's phrase begins: its compounds ("car bomb"), and a measure that counts it
    ("500 kg of dynamite", "over 55 kg of dynamite")."""
    start = modifier_start(d, lo, ("compound",))
    if d.dep_ == "pobj" and d.head.lower_ == "of" and _lemma(d.head.head) in lex.cue_set("measure_nouns"):
        nums = [x.i for c in d.head.head.children if c.dep_ in ("nummod", "quantmod") for x in c.subtree]
        if nums and min(nums) >= lo:
            start = min(nums)
    return start


def modifier_start(d: Token, lo: int, deps: tuple = ("compound", "amod")) -> int:
    """Where a noun's pre-modifiers begin (not before token ``lo``): its compounds (and
    adjectives), and what a hyphen joins to them ("car bomb", "105-mm field guns",
    ".38-caliber revolver")."""
    doc, s = d.doc, d.i
    while s > lo:
        if doc[s - 1].dep_ in deps and doc[s - 1].head.i == d.i:
            s -= 1
        elif doc[s - 1].text == "-" and s - 2 >= lo and d.i >= doc[s - 2].head.i >= s:
            s -= 2
        else:
            break
    return s


def _whose_of(t: Token) -> Optional[Token]:
    """The owner after "of" of a building or installation ("the offices of the electoral
    council", "a branch of Citicorp"), else None; not a place ("the town of X")."""
    lex = load()
    low = t.lemma_.lower()
    if low not in lex.cue_set("physical_nouns") or low in lex.cue_set("locative_nouns"):
        return None
    obj = _of_object(t)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN") or obj.ent_type_ in ("GPE", "LOC", "DATE", "TIME"):
        return None
    return obj


def _of_object(t: Token) -> Optional[Token]:
    """The object of the first "of" phrase after ``t``, or None."""
    of = next((c for c in t.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


def who_of(t: Token) -> Optional[Token]:
    """The noun after "of" that says who a partitive or collective head is ("one of the
    demonstrators", "a group of gunmen"; a collective head only with a noun), else None."""
    partitive = t.lower_ in _PARTITIVE or t.pos_ == "NUM"  # "one of the ...", "two of his bodyguards"
    if not partitive and t.lemma_.lower() not in load().cue_set("collective_heads"):
        return None
    obj = _of_object(t)
    if obj is None or not (partitive or obj.pos_ in ("NOUN", "PROPN")):
        return None
    if obj.lemma_.lower() in load().nouns:
        return None  # "accused the death squads of the murder": the "of" is the accusation's
    return obj


def accused_object(v: Token, lex: Lexicon) -> Optional[Token]:
    """The object of an accusing verb when the parser hangs the accusation's "of" on it
    ("accused [the army of assassinating X]"), for the gerund after that "of"; else None."""
    if v.dep_ != "pcomp" or v.head.lower_ not in ("of", "with", "for"):
        return None
    obj = v.head.head
    if obj.dep_ != "dobj" or _lemma(obj.head) not in lex.cue_set("claim_verbs"):
        return None
    return obj


def is_arrest(t: Token, lex: Lexicon) -> bool:
    """An arrest verb or noun ("arrested", "detention"): a casualty word that counts arrests."""
    table = "casualty_verbs" if t.pos_ == "VERB" else "casualty_nouns"
    return (lex.cues.get(table) or {}).get(_lemma(t)) == "arrested"


def arrest_of(prep: Token, lex: Lexicon) -> Optional[Token]:
    """The arrest word a "for" phrase gives the reason of, hung on it directly ("arrested for
    killing X") or on those it holds ("the arrest of 45 soldiers and 2 officers for killing X");
    else None."""
    if prep.lower_ != "for":
        return None
    gov = prep.head
    if is_arrest(gov, lex):
        return gov
    while gov.dep_ == "conj" and gov.head.pos_ in ("NOUN", "PROPN"):
        gov = gov.head
    if gov.dep_ == "pobj" and gov.head.lower_ == "of" and is_arrest(gov.head.head, lex):
        return gov.head.head
    return None


def on_route(o: Token, lex: Lexicon) -> bool:
    """Whether a noun is a road an event happened on ("ambushed a bus on the Litoral highway"):
    where, not whom or what (``route_nouns``; "blew up the highway" still names a target)."""
    return o.dep_ == "pobj" and o.head.lower_ in ("on", "along", "in", "at") and _lemma(o) in lex.cue_set("route_nouns")


def _ruled_out(v: Token) -> bool:
    """Whether a verb is "rule out" ("the embassy ruled out a terrorist attack"): its subject
    did not carry out its object."""
    return _lemma(v) == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in v.children)


def _is_passive(v: Token) -> bool:
    """A passive clause, or an elliptical one ("if attacked", "when questioned")."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children):
        return True
    return v.tag_ == "VBN" and v.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in ("if", "when", "unless", "once", "until", "while") for c in v.children) \
        and not any(c.dep_ in ("nsubj", "aux") for c in v.children)


class ArgumentFinder:
    """Finds participant head tokens for triggers and turns them into record participants."""

    def __init__(self, ctx: Context, lex: Lexicon, triggers_by_token: dict[int, Trigger]):
        self.ctx = ctx
        self.lex = lex
        self.by_token = triggers_by_token
        self.empty = lex.cue_set("empty_heads")
        self.transparent = lex.cue_set("transparent_heads")
        self.reporting = lex.cue_set("reporting_verbs")
        self.weapons = frozenset(lex.cues.get("mode_cues") or {})
        self.people = lex.cue_set("person_nouns")
        self.perpetrators = lex.cue_set("perpetrator_nouns")
        self.kb = kb.load()
        self.kb_index = codes.KBIndex.of(ctx.doc)

    # ----- resolution of a head token to the tokens that name a participant -----
    def resolve(self, t: Optional[Token], depth: int = 0) -> list[Token]:
        if t is None or depth > 4:
            return []
        low = t.lower_
        if low in _RELPRON and t.head.dep_ in ("relcl", "acl"):
            return self.resolve(_antecedent(t), depth + 1)
        if low in _PRONOUNS:
            ent = self.ctx.entity_at(t.idx, t.idx + len(t.text)) if self.ctx.entities else None
            if ent is not None and any(m.start != t.idx for m in ent.mentions):
                return [t]
            rep = self._reporting_subject(t)
            return self.resolve(rep, depth + 1) if rep is not None else []
        named = self._named_as(t)
        if named is not None:
            return self.resolve(named, depth + 1)  # "a group calling itself the X Commando"
        if _lemma(t) in self.transparent and t.pos_ != "PROPN" and t.ent_type_ != "ORG":  # not "the Armed
            # Forces of Liberation", a name
            for c in t.children:
                if c.dep_ == "poss" and c.lower_ == "whose" and t.head.dep_ == "relcl":
                    return self.resolve(t.head.head, depth + 1)  # "Iran, whose economy has been battered"
                if c.dep_ == "poss" and c.lower_ not in _PRONOUNS and c.lower_ != "whose":
                    return self.resolve(c, depth + 1)
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return self.resolve(p, depth + 1)
        if low in self.empty and low not in _RELPRON and any(
                c.dep_ == "prep" and c.lower_ == "of" and any(
                    p.dep_ == "pobj" and (_lemma(p) in self.people or _lemma(p) in self.perpetrators or p.pos_ == "PROPN")
                    for p in c.children) for c in t.children):
            return [t]  # "one of the demonstrators", "some of the gunmen"
        if low in self.empty or t.pos_ in ("PUNCT", "SPACE", "DET", "ADP", "VERB", "AUX"):
            return []
        if t.ent_type_ in ("DATE", "TIME", "QUANTITY", "PERCENT", "MONEY", "ORDINAL") or self._in_timex(t):
            return []  # "at 1700 GMT": a time, whatever the NER says
        if _lemma(t) in self.weapons and _lemma(t) not in self.people and not self._targeted_vehicle(t):
            return []  # weapons and fire are instruments, never participants
        if t.dep_ == "pobj" and t.head.lower_ in ("in", "on", "at", "into", "through") \
                and _lemma(t) in self.lex.cue_set("body_parts"):
            return []  # "shot in the head", "hit on the left hand": where on the victim
        if t.i in self.by_token and not self.by_token[t.i].casualty_only and self.by_token[t.i].nominal:
            return []  # an event noun is not a participant ("the attack killed ...")
        return _with_conjuncts(t)

    def _harms(self, v: Token) -> bool:
        """A verb that kills, wounds or attacks ("killed", "wounded", "bombed")."""
        sense = self.lex.verbs.get(_lemma(v))
        return (self.lex.cues.get("casualty_verbs") or {}).get(_lemma(v)) in ("dead", "injured") or (
            sense is not None and sense.type == "ASSAULT")

    def _in_timex(self, t: Token) -> bool:
        return any(x.start <= t.idx < x.end for x in self.ctx.timexes)

    def _named_as(self, t: Token) -> Optional[Token]:
        """The name a noun is given by a naming participle ("a group calling itself the Red
        Brigade", "a group known as the Extraditables", "a man identified as Juan Perez"), when
        it is a proper name; else None."""
        if t.pos_ != "NOUN" or _lemma(t) in self.people:
            return None  # a person keeps the noun that says who ("a man identified as X")
        for c in t.children:
            if c.dep_ == "acl" and _lemma(c) in self.lex.cue_set("naming_verbs"):
                names = [x for x in c.children if x.dep_ in ("oprd", "attr")] + [
                    o for p in c.children if p.dep_ == "prep" and p.lower_ == "as" for o in p.children if o.dep_ == "pobj"]
                for x in names[:1]:
                    if x.pos_ == "PROPN" or x.ent_type_ in ("ORG", "PERSON", "NORP"):
                        return x
        return None

    def _targeted_vehicle(self, t: Token) -> bool:
        """A vehicle in the object position is the target ("shot down a plane", "fired at the
        helicopter"), not the instrument ("attacked with helicopters")."""
        if _lemma(t) not in self.lex.cue_set("target_vehicles"):
            return False
        return t.dep_ in ("dobj", "nsubjpass") or (t.dep_ == "pobj" and t.head.lower_ in ("at", "on"))

    def owned_platform(self, s: Token) -> bool:
        """A weapon platform named with its owner ("Israeli warplanes", "U.S. aircraft",
        "Russian drones"): it stands for the owner, unlike "a bomb" or "the missiles"."""
        if _lemma(s) not in self.lex.cue_set("weapon_platforms"):
            return False
        return any(c.dep_ in ("amod", "compound", "nmod", "poss") and (
            c.ent_type_ in ("NORP", "GPE", "ORG") or c.pos_ == "PROPN") for c in s.children)

    def _place_clause(self, noun: Token) -> Optional[Token]:
        """The verb whose place phrase ends in ``noun`` ("exploded on the sixth floor of the
        hotel"), when ``noun`` names a place or building, not a party: a participle hung on it
        ("..., killing two people") belongs to that verb's clause. None otherwise."""
        low = _lemma(noun)
        if noun.ent_type_ not in ("GPE", "LOC", "FAC") and low not in self.lex.cue_set("physical_nouns"):
            return None
        if low in self.lex.cue_set("org_nouns") or noun.ent_type_ in ("ORG", "PERSON", "NORP"):
            return None
        t = noun
        while t.dep_ == "pobj" and t.head.dep_ == "prep":
            t = t.head.head
            if t.pos_ in ("VERB", "AUX"):
                return t
        return None

    def weapon_compound(self, s: Token) -> Optional[Token]:
        """The weapon word naming a common-noun head that is no person or organisation ("the
        missile barrage", "rocket fire"), or None ("the air force", "Rocket Brigade")."""
        if s.ent_type_ or s.pos_ != "NOUN":
            return None
        low = _lemma(s)
        if low in self.lex.cue_set("person_nouns") or low in self.lex.cue_set("org_nouns"):
            return None
        cues = self.lex.cues.get("mode_cues") or {}
        return next((c for c in s.children if c.dep_ == "compound" and _lemma(c) in cues), None)

    def loaded_weapon(self, s: Token) -> Optional[Token]:
        """The weapon a vehicle or container is loaded with ("a car loaded with 80 kg of
        dynamite", "a truck, packed with dynamite,", "a van carrying explosives"): the vehicle is
        a bomb, not what the blast hit. None when it carries none."""
        weapons = self.lex.cue_set("weapon_nouns")
        for c in s.children:
            if c.dep_ not in ("acl", "relcl", "amod") or _lemma(c) not in self.lex.cue_set("loading_verbs"):
                continue
            held = _children(c, ("dobj",)) + [o for p in _children(c, ("prep",)) if p.lower_ == "with"
                                              for o in _children(p, ("pobj",))]
            for o in held:
                w = through_quantity(o, self.lex)
                if _lemma(w) in weapons or w.lower_ in weapons:
                    return w
        return None

    def _reporting_subject(self, t: Token) -> Optional[Token]:
        """The subject of the nearest reporting verb above ``t`` ("Graham announced that he
        had met ..." -> Graham)."""
        node = t.head
        for _ in range(6):
            if _lemma(node) in self.reporting and node.pos_ in ("VERB", "AUX"):
                subj = _children(node, _SUBJ)
                if subj and subj[0].lower_ not in _PRONOUNS:
                    return subj[0]
            if node.head.i == node.i:
                break
            node = node.head
        return None

    # ----- actors -----
    def verb_actor(self, v: Token, depth: int = 0) -> list[Token]:
        if depth > 4:
            return []
        if _lemma(v) in self.lex.cue_set("subject_victim_verbs") or elided_passive(v) or died_by_result(v, self.lex):
            return []  # "three farmers died", "(were killed and) 30 wounded", "burned to death":
            # the subject is the victim
        if _is_passive(v):
            for c in _children(v, ("agent",)):
                for p in _children(c, ("pobj",)):
                    if _lemma(p) in (self.lex.cues.get("mode_cues") or {}):
                        # "killed by a bomb placed by X": the weapon's placer is the actor
                        return self._placer(p)
                    return self.resolve(p)
            # "were abducted and murdered by X", "were abducted by X and murdered": coordinated
            # passives share their agent
            for cj in _children(v, ("conj",)):
                if cj.pos_ == "VERB" and cj.tag_ == "VBN":
                    for c in _children(cj, ("agent",)):
                        for p in _children(c, ("pobj",)):
                            return self.resolve(p)
            if v.dep_ == "conj" and v.head.pos_ == "VERB" and _is_passive(v.head) and depth < 4:
                return self.verb_actor(v.head, depth + 1)
            return []
        subj = _children(v, _SUBJ)
        if subj:
            s = through_quantity(subj[0], self.lex)  # "a barrage of rockets hit", "a total of 55 rounds hit"
            if s.i in self.by_token and self.by_token[s.i].nominal:
                return []  # "the attack killed": the actor is the attack's, not the verb's
            cause = s.head.head if s.lower_ in _RELPRON and s.head.dep_ in ("relcl", "acl") else s
            if self._harms(v) and cause.pos_ == "NOUN" and (
                    _lemma(cause) in self.lex.nouns or _lemma(cause) in self.lex.cue_set("abstract_causes")):
                return []  # "the war, which killed 1,000 people", "the violence has killed 70,000"
            if _lemma(s) in (self.lex.cues.get("mode_cues") or {}) and _lemma(s) not in self.lex.cue_set("person_nouns"):
                if self.owned_platform(s):
                    return [s]  # "Israeli warplanes struck": the warplanes' owner acts
                return self._placer(s)  # "a bomb exploded": the instrument, not the actor; "a
                # bomb detonated by X blew up": X
            if self.weapon_compound(s) is not None:
                return []  # "the missile barrage struck": the instrument, not the actor
            if self.loaded_weapon(s) is not None:
                return self._placer(s)  # "a truck packed with dynamite exploded": a bomb
            if self._blown_up(v, s):
                return []  # "the bus blew up": what blew up, not who blew it up
            return self.resolve(s)
        if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN"):
            noun = v.head
            if _lemma(noun) in self.lex.cue_set("hypothetical_governors") or noun.lower_ in self.empty:
                if noun.dep_ in ("dobj", "attr", "nsubj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
                    got = self.verb_actor(noun.head, depth + 1)
                    if got:
                        return got
                rep = self._reporting_subject(noun)
                return self.resolve(rep) if rep is not None else []
            if v.tag_ == "VBN":
                for pp in _children(v, ("agent",)):  # "a bomb detonated by urban guerrillas"
                    for p in _children(pp, ("pobj",)):
                        return self.resolve(p)
                return []  # "the workers killed in the attack": a passive participle's noun is its patient
            clause = self._place_clause(noun) if v.tag_ == "VBG" else None
            if clause is not None:  # "a bomb exploded in the hotel, killing two": the blast kills
                return self.verb_actor(clause, depth + 1)
            return self.resolve(noun)
        if v.dep_ in ("xcomp",):
            # object control: "urged X to withdraw" -> X; else the governing subject
            objs = _children(v.head, ("dobj",))
            if objs and not (objs[0].i in self.by_token):
                return self.resolve(objs[0])
            if _lemma(v.head) in self.lex.cue_set("requesting_words"):
                for p in _children(v.head, ("prep",)):  # "called on the United States to withdraw"
                    if p.lower_ in ("on", "upon", "to") and p.i < v.i:
                        for o in _children(p, ("pobj",)):
                            return self.resolve(o)
            return self.verb_actor(v.head, depth + 1)
        if v.dep_ in ("conj", "advcl") and v.head.pos_ in ("VERB", "AUX"):
            if _lemma(v.head) in self.reporting and v.tag_ == "VBN" and self._harms(v):
                return []  # "spokesmen reported 5 soldiers killed, several wounded": the reporter
            if _lemma(v.head) in self.lex.cue_set("accident_verbs") and self._harms(v):
                return []  # "a Boeing 737 crashed, killing all 176 people": the plane killed no one
            return self.verb_actor(v.head, depth + 1)
        if v.dep_ == "relcl" and v.head.pos_ in ("NOUN", "PROPN"):
            return []
        if v.dep_ == "pcomp" and v.head.lower_ in ("with", "of", "for") and _lemma(v.head.head) in self.lex.cue_set("claim_verbs"):
            return self._accused(v.head.head)  # "five men suspected of killing X"
        if v.dep_ == "pcomp" and (arrest := arrest_of(v.head, self.lex)) is not None:
            return self.arrested_for(arrest)  # "the arrest of 45 soldiers for killing X"
        accused = accused_object(v, self.lex)
        if accused is not None:
            return self.resolve(accused)  # "accused the army of killing X"
        return []

    def _claimer(self, n: Token) -> list[Token]:
        """Who claims an attack ("the Islamic State claimed responsibility for the attack",
        "took responsibility for the bombing")."""
        if n.dep_ != "pobj" or n.head.lower_ != "for" or _lemma(n.head.head) not in self.lex.cue_set("responsibility_nouns"):
            return []
        v = n.head.head.head
        if n.head.head.dep_ != "dobj" or _lemma(v) not in self.lex.cue_set("responsibility_verbs"):
            return []
        subj = _children(v, ("nsubj",))
        if not subj or names_no_one(subj[0]) or _negated(v):
            return []  # "no group has claimed responsibility"
        return self.resolve(subj[0])

    def _blamed(self, n: Token) -> list[Token]:
        """Whom a sentence blames for an event noun ("attributed the attacks to X", "the
        bombing was blamed on X", "placed the responsibility for the murder on X", "accused X
        of the massacre", "blamed X for the attack")."""
        gov = n.head
        accusing = self.lex.cue_set("accusing_verbs")
        if n.dep_ == "pobj" and gov.lower_ in ("of", "for"):
            if gov.head.pos_ == "VERB" and _lemma(gov.head) in accusing:
                return self._accused(gov.head)
            if gov.head.dep_ == "dobj" and gov.head.pos_ in ("NOUN", "PROPN") and _lemma(gov.head.head) in accusing:
                return self.resolve(gov.head)  # the parser hangs "of the massacre" on "the rebels"
        node = n
        if n.dep_ == "pobj" and gov.lower_ == "for" and _lemma(gov.head) in self.lex.cue_set("responsibility_nouns"):
            node = gov.head  # "the responsibility for the murder"
        verb = node.head
        placing = node is not n and _lemma(verb) in self.lex.cue_set("blame_placing_verbs")
        if node.dep_ not in ("dobj", "nsubjpass") or verb.pos_ != "VERB" or not (
                placing or _lemma(verb) in self.lex.cue_set("blaming_verbs")):
            return []
        # "on X" hangs on the verb, or (misparsed) on the responsibility or on the event noun
        # ("blamed the bombing on the rebels")
        if node is not n:  # the last "on" in "the responsibility for the murder of X on Y"
            under_noun = [t for t in node.subtree if t.dep_ == "prep" and t.lower_ in ("to", "on")][-1:]
        else:
            under_noun = _children(n, ("prep",)) if _lemma(verb) in self.lex.cue_set("blaming_on_verbs") else []
        for pp in _children(verb, ("prep", "dative")) + under_noun:
            if pp.lower_ in ("to", "on"):
                for p in _children(pp, ("pobj",)):
                    return self.resolve(p)
        return []

    def _blown_up(self, v: Token, s: Token) -> bool:
        """Whether the subject of an intransitive blast verb ("exploded", "blew up") is what blew
        up: anything but a person or armed group ("the bus", "an airliner"; not "the bomber blew
        himself up"), and no weapon (handled as the instrument)."""
        if _lemma(v) not in self.lex.cue_set("blast_verbs") or _children(v, ("dobj",)) or self.loaded_weapon(s) is not None:
            return False
        people = self.lex.cue_set("person_nouns") | self.lex.cue_set("perpetrator_nouns")
        return not (s.pos_ == "PRON" or s.ent_type_ in ("PERSON", "NORP") or _lemma(s) in people
                    or _lemma(s) in (self.lex.cues.get("mode_cues") or {}))

    def _accused(self, gov: Token) -> list[Token]:
        """Whom an accusation names: the noun its participle describes ("the men charged
        with"), its passive subject ("they were accused of"), or its object ("accused X of")."""
        if gov.dep_ == "acl" and gov.head.pos_ in ("NOUN", "PROPN"):
            return self.resolve(gov.head)
        deps = ("nsubjpass",) if _is_passive(gov) else ("dobj",)
        for c in _children(gov, deps):
            return self.resolve(c)
        return []

    def arrested_for(self, gov: Token) -> list[Token]:
        """Those an arrest word holds, when an event hangs on it by "in" or "for" ("arrested
        two suspects in the attack", "the arrest of 45 soldiers for killing six priests",
        "they were jailed for the murder"): the event's alleged actors."""
        if not is_arrest(gov, self.lex):
            return []
        if gov.pos_ == "NOUN":
            for pp in _children(gov, ("prep",)):
                if pp.lower_ == "of":
                    for o in _children(pp, ("pobj",)):
                        return self.resolve(o)
            return []
        return self._accused(gov) if gov.pos_ == "VERB" else []

    def _involved(self, n: Token) -> list[Token]:
        """Those a sentence says took part in an event noun: "the soldiers involved in the
        killing", "five men accused of committing the massacre", "officers were responsible
        for the murder", "the men who took part in the raid"."""
        cues = self.lex.cue_set("involvement_cues")
        node = n
        if node.dep_ == "dobj" and _lemma(node.head) in self.lex.cue_set("perpetration_verbs") \
                and node.head.dep_ == "pcomp":
            node = node.head  # "accused of committing the massacre"
        if node.dep_ not in ("pobj", "pcomp") or node.head.lower_ not in ("in", "for", "of", "to", "with"):
            return []
        gov = node.head.head
        if node.head.lower_ in ("in", "for"):
            held = self.arrested_for(gov)
            if held:
                return held  # "arrested two suspects in the attack"
        if _lemma(gov) not in cues and gov.lower_ not in cues:
            return []
        if gov.pos_ == "NOUN" and gov.i != n.i and node.head.lower_ == "in":
            return self.resolve(gov)  # "two suspects in the attack"
        if gov.dep_ == "pcomp" and gov.head.lower_ in ("of", "in") and (
                _lemma(gov.head.head) in cues or gov.head.head.lower_ in cues):
            gov = gov.head.head  # "persons suspected of participating in the attack"
        if gov.dep_ in ("acl", "amod", "relcl") and gov.head.pos_ in ("NOUN", "PROPN") and gov.head.i != n.i:
            if gov.dep_ != "relcl":
                return self.resolve(gov.head)
        subj = _children(gov, ("nsubj", "nsubjpass"))
        if not subj and gov.dep_ == "acomp":
            subj = _children(gov.head, ("nsubj",))  # "X were responsible for the murder"
        if subj and subj[0].i != n.i:
            return self.resolve(subj[0])
        return []

    def placed_on(self, weapon: Token) -> list[Token]:
        """Where a weapon was put ("a bomb placed by X on his vehicle"): the target."""
        out: list[Token] = []
        for c in weapon.children:
            if c.dep_ == "acl" and c.tag_ == "VBN" and _lemma(c) in self.lex.cue_set("placing_verbs"):
                for p in _children(c, ("prep",)):
                    if p.lower_ in ("on", "in", "under", "inside", "at", "against"):
                        for o in _children(p, ("pobj",)):
                            out += self.resolve(o)
        return out

    def _placer(self, weapon: Token) -> list[Token]:
        """The agent of a participle on a weapon ("a bomb placed by X", "a mine planted by X")."""
        for c in weapon.children:
            if c.dep_ == "acl" and c.tag_ == "VBN":
                for pp in _children(c, ("agent",)):
                    for p in _children(pp, ("pobj",)):
                        return self.resolve(p)
        return []

    def _killing_noun(self, n: Token) -> bool:
        """A noun whose possessor is its victim ("Vargas's murder", "his assassination")."""
        return (self.lex.cues.get("casualty_nouns") or {}).get(_lemma(n)) == "dead"

    def noun_actor(self, n: Token) -> list[Token]:
        for c in n.children:
            if c.dep_ == "poss" and c.lower_ not in ("its", "their", "his", "her", "our", "my", "your") \
                    and not self._killing_noun(n):
                return self.resolve(c)
            if c.dep_ == "poss" and c.lower_ in ("its", "their") and not self._killing_noun(n) and self.ctx.entities:
                ent = self.ctx.entity_at(c.idx, c.idx + len(c.text))  # "the FMLN ... its attacks"
                if ent is not None and ent.kind not in ("country", "other") and any(m.start != c.idx for m in ent.mentions):
                    return [c]
        claimer = self._claimer(n) or self._blamed(n)
        if claimer:
            return claimer
        heads = [n]
        if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.pos_ == "NOUN":
            heads.append(n.head.head)  # "a series of attacks ... attributed to Iran"
        for c in [c for hd in heads for c in hd.children]:
            if c.dep_ == "prep" and c.lower_ == "by" and c.head.i == n.i:
                for p in _children(c, ("pobj",)):
                    return [p] if self.owned_platform(p) else self.resolve(p)  # "by U.S. warplanes"
            if c.dep_ == "prep" and c.lower_ == "of" and c.head.i == n.i:
                # "the murder of X by Y": the parser hangs "by Y" on X
                for o in _children(c, ("pobj",)):
                    for by in o.children:
                        if by.dep_ == "prep" and by.lower_ == "by":
                            for p in _children(by, ("pobj",)):
                                if p.pos_ in ("NOUN", "PROPN") and p.ent_type_ not in ("DATE", "TIME"):
                                    return self.resolve(p)
            if c.dep_ == "acl" and c.tag_ == "VBN" and _lemma(c) in self.lex.cue_set("perpetration_verbs"):
                for pp in _children(c, ("agent",)):
                    for p in _children(pp, ("pobj",)):
                        return self.resolve(p)  # "an attack perpetrated by urban guerrillas"
            if c.dep_ == "acl" and _lemma(c) in ("attribute", "blame", "claim"):
                for pp in c.children:
                    if pp.dep_ in ("prep", "agent") and pp.lower_ in ("to", "on", "by"):
                        for p in _children(pp, ("pobj",)):
                            return self.resolve(p)
        for c in n.children:
            if c.dep_ in ("compound", "amod", "nmod") and c.i < n.i and c.ent_type_ not in ("DATE", "TIME") and (
                c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or c.pos_ == "PROPN"
                or self.ctx.entity_at(c.idx, c.idx + len(c.text)) is not None
            ):
                if _lemma(c) in (self.lex.cues.get("mode_cues") or {}):
                    continue
                if self._killing_noun(n) and c.dep_ == "compound" and c.ent_type_ != "NORP" and not any(
                        p.dep_ == "prep" and p.lower_ == "of" for p in n.children):
                    continue  # "the Fenastras massacre", "the Pizarro assassination": where or whom;
                    # not "the FMLN massacre of civilians"
                return [c]
        got = self.of_actor(n) or self._culprits(n) or self._involved(n)
        if got:
            return got
        slot = counted_by(n, self.lex)  # "launched a wave of attacks": the wave stands for them
        if slot.dep_ in ("dobj", "nsubjpass", "attr") and slot.head.pos_ in ("VERB", "AUX") and not _ruled_out(slot.head) and (
                _lemma(slot.head) not in self.lex.cue_set("commenting_verbs") | self.lex.cue_set("countering_verbs")):
            return self.verb_actor(slot.head)  # not "the government condemned the murder", "to stop the attacks"
        if n.dep_ == "pobj" and n.head.lower_ == "by" and n.head.head.pos_ == "VERB":
            return []
        return []

    def _culprits(self, n: Token) -> list[Token]:
        """Those a sentence names as behind an event noun or as its authors: "X is behind the
        attack", "the authors of the massacre were X", "X, the mastermind of the attack",
        "named X as the perpetrator of the bombing"; not "the perpetrators fled", which names no
        one."""
        if n.dep_ != "pobj":
            return []
        prep, gov = n.head, n.head.head
        if prep.lower_ == "behind" and gov.lemma_ == "be" and not _negated(gov):
            return [x for s in _children(gov, ("nsubj",)) for x in self.resolve(s)]
        if prep.lower_ != "of" or _lemma(gov) not in self.lex.cue_set("perpetrator_role_nouns"):
            return []
        if gov.head.lemma_ == "be" and gov.dep_ in ("nsubj", "attr"):
            if _negated(gov.head):
                return []  # "the masterminds of the murder are not soldiers"
            other = "attr" if gov.dep_ == "nsubj" else "nsubj"
            return [x for o in _children(gov.head, (other,)) for x in self.resolve(o)]
        if gov.dep_ == "appos":
            return self.resolve(gov.head)
        for a in _children(gov, ("appos",)):
            return self.resolve(a)
        if gov.dep_ == "pobj" and gov.head.lower_ == "as" and gov.head.head.pos_ == "VERB":
            return [x for o in _children(gov.head.head, ("dobj",)) for x in self.resolve(o)]
        return []  # "the perpetrators of the massacre fled": no one named

    def of_actor(self, n: Token) -> list[Token]:
        """Who acts in an event noun's "of" phrase ("the withdrawal of U.S. troops", "the
        resignation of the prime minister"), when the phrase names people or a body of them."""
        if _lemma(n) not in self.lex.cue_set("of_actor_nouns"):
            return []
        o = _of_object(n)
        if o is None or not self._agentive(o):
            return []
        return self.resolve(o)

    def _agentive(self, t: Token) -> bool:
        """Whether a noun names people or a body of them: a name, a person or force noun."""
        low = _lemma(t)
        return t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or (
            self.ctx.entities and self.ctx.entity_at(t.idx, t.idx + len(t.text)) is not None
        ) or low in self.people or low in self.perpetrators or low in self.lex.cue_set("org_nouns") \
            or low in self.lex.cue_set("security_force_nouns") or low in self.lex.cue_set("combatant_nouns")

    # ----- recipients -----
    def verb_recipients(self, v: Token, trig: Trigger) -> list[Token]:
        out: list[Token] = []
        if _is_passive(v):
            for s in _children(v, ("nsubjpass",)) or stranded_subject(v):
                out += self.resolve(s)
            if not out and v.dep_ == "relcl":
                out += self.resolve(v.head)
            if not out and v.dep_ in ("advcl", "xcomp", "conj") and v.head.pos_ in ("VERB", "AUX"):
                out += self.verb_actor(v.head)
        elif elided_passive(v):
            for s in _children(v, ("nsubj",)):
                out += self.resolve(s)
        elif v.dep_ == "acl" and v.tag_ == "VBN" and v.head.pos_ in ("NOUN", "PROPN") and not any(
                c.dep_ in ("mark", "aux", "nsubj", "dobj") for c in v.children):
            # "a house burned by the rebels": the noun is the patient; not in "claims that
            # soldiers had killed the students", a clause of its own
            out += self.resolve(v.head)
        elif blown := [s for s in _children(v, _SUBJ)[:1] if self._blown_up(v, s)]:
            out += self.resolve(blown[0])  # "an airliner exploded in midair"
        else:
            # not "called the killing an act of terrorism", whose object is a name for it
            for o in [] if named_gerund(v) else _children(v, ("dobj",)) + _list_tail(v) or late_subject(v):
                if trig.start <= o.i < trig.end:
                    continue  # "held talks with X": the object is part of the trigger
                if o.i in self.by_token or (_lemma(v) in self.lex.verb_objects and _lemma(
                        through_quantity(o, self.lex)) in (self.lex.cues.get("mode_cues") or {})):
                    continue  # "fired rockets", "launched a barrage of missiles": the weapon
                sense = self.lex.verb_objects.get(_lemma(v), {}).get(_lemma(o))
                if sense is not None and sense.type == trig.type:
                    # "vowed revenge against the United States": the object names the event;
                    # whom it is against is the recipient
                    got = [x for p in _children(o, ("prep",)) if p.lower_ in ("against", "on", "upon")
                           for q in _children(p, ("pobj",)) for x in self.resolve(q)]
                    got = got or [x for c in _children(o, ("poss",)) if c.pos_ != "PRON" for x in self.resolve(c)]
                    if not got and trig.type == "ACCUSE":
                        got = self.resolve(o)  # "attacked the policy": what is criticised
                    out += got  # "attacked the government's policy": the government; "sent
                    continue  # troops": no one
                out += self.resolve(o)
        preps = set(_RECIPIENT_PREPS)
        if trig.type in ("CONSULT", "COOPERATE"):
            preps |= {"with"}
        if trig.type in ("REQUEST", "AID"):
            preps |= {"to", "from"}
        if self.reciprocal(trig):
            preps |= {"with"}  # "clashed with police": the other side
        for p in self._preps(v, trig):
            if p.lower_ in preps:
                for o in _children(p, ("pobj",)):
                    if trig.type == "REQUEST" and p.lower_ in ("for", "to") and p.i < trig.end:
                        continue
                    if p.lower_ == "with" and self._instrument(o):
                        continue  # "fought with rifles"
                    if on_route(o, self.lex):
                        continue  # "ambushed a bus on the highway": where, not whom
                    out += self.resolve(o)
        if not out and _lemma(v) in self.lex.cue_set("blast_verbs"):
            out += self._blast_site(v)  # "exploded near the embassy"
        if not out and trig.type == "THREATEN":
            for x in _children(v, ("xcomp",)):  # "threatened to kill the mayor": whom the threat is against
                if x.i in self.by_token:
                    out += [r for o in _children(x, ("dobj",)) for r in self.resolve(o)]
        if trig.type == "REQUEST" and not out:
            for d in v.subtree:
                if d.dep_ == "prep" and d.lower_ == "from" and d.i > v.i:
                    for o in _children(d, ("pobj",)):
                        out += self.resolve(o)
        if trig.type == "REQUEST" and not out:
            for p in self._preps(v, trig):
                if p.lower_ == "for":
                    for o in _children(p, ("pobj",)):
                        out += self.asked_to_act(o)
        return out

    def asked_to_act(self, n: Token) -> list[Token]:
        """Who is asked to act when a request names an event noun whose doer it is ("called
        for the resignation of the prime minister", "for the prime minister's resignation")."""
        if _lemma(n) not in self.lex.cue_set("of_actor_nouns"):
            return []
        for c in _children(n, ("poss",)):
            if c.pos_ != "PRON":
                return self.resolve(c)
        return self.of_actor(n)

    def _blast_site(self, v: Token) -> list[Token]:
        """The building or vehicle a blast went off beside ("exploded near the American
        embassy", "outside the mayor's office", "in front of a bank"): its target."""
        out: list[Token] = []
        physical = self.lex.cue_set("physical_nouns")
        preps = _children(v, ("prep",))
        preps += [q for p in preps if p.lower_ in ("in", "at", "on") for o in _children(p, ("pobj",))
                  for q in _children(o, ("prep",))]  # "exploded in the square near the embassy"
        for p in preps:
            objs = _children(p, ("pobj",))
            if p.lower_ == "in" and objs and objs[0].lower_ == "front":
                objs = [o for q in _children(objs[0], ("prep",)) if q.lower_ == "of" for o in _children(q, ("pobj",))]
            elif p.lower_ not in ("near", "outside", "beside", "inside", "opposite"):
                continue
            out += [x for o in objs if _lemma(o) in physical for x in self.resolve(o)]
        return out

    def reciprocal(self, trig: Trigger) -> bool:
        """Whether an attack word names fighting between two sides ("clash", "fight", "battle"),
        whose "with" phrase is the other side."""
        return trig.type == "ASSAULT" and _lemma(trig.head) in self.lex.cue_set("reciprocal_combat")

    def _instrument(self, t: Token) -> bool:
        return _lemma(t) in self.lex.cue_set("weapon_nouns") or _lemma(t) in (self.lex.cues.get("mode_cues") or {})

    def _preps(self, head: Token, trig: Trigger) -> list[Token]:
        preps = _with_prep_conjuncts(_children(head, ("prep",)))  # "at X and at Y"
        # phrase triggers "call on X", "call for X": the particle is inside the phrase; "held
        # talks with X": the preposition hangs on the phrase's noun
        for i in range(trig.start, trig.end):
            tok = head.doc[i]
            if tok.dep_ == "prep" and tok not in preps:
                preps.append(tok)
            if tok.i != head.i:
                preps += [c for c in tok.children if c.dep_ == "prep" and c not in preps and not (trig.start <= c.i < trig.end)]
        return preps

    def noun_recipients(self, n: Token, trig: Trigger) -> list[Token]:
        out: list[Token] = []
        preps = set(_RECIPIENT_PREPS)
        if trig.type == "ASSAULT":
            preps |= {"of"}
        if trig.type in ("CONSULT", "COOPERATE"):
            preps |= {"with", "between"}
        if trig.type in ("REQUEST",):
            preps |= {"from"}
        if trig.type == "AID":
            preps |= {"to", "for"}  # "delivered aid to 2 million people"
        if self.reciprocal(trig):
            preps |= {"with", "between"}  # "clashes with police", "fighting between X and Y"
        slot = counted_by(n, self.lex)  # "a series of attacks against banks"
        own = _children(n, ("prep",)) + [p for p in _children(slot, ("prep",)) if p.i > n.i] * (slot is not n)
        for p in _with_prep_conjuncts(own):
            if p.lower_ in preps:
                for o in _children(p, ("pobj",)):
                    if p.lower_ == "with" and self._instrument(o):
                        continue
                    out += self.resolve(o)
        if trig.type == "ASSAULT" and trig.mode == "explosives" and not out:
            out += self._blast_site(n)  # "the explosion outside the embassy"
        if trig.type == "ASSAULT" and self._killing_noun(n) and not out:
            for c in _children(n, ("poss",)):
                out += self.resolve(c)  # "Vargas's murder": the victim
        # "briefings ... from X": the source of what is requested
        if trig.type == "REQUEST" and not out:
            for d in n.subtree:
                if d.dep_ == "prep" and d.lower_ in ("from", "to") and d.i > n.i:
                    for o in _children(d, ("pobj",)):
                        out += self.resolve(o)
        if trig.support is not None:
            for p in _children(trig.support, ("prep",)):
                if p.lower_ in preps:
                    for o in _children(p, ("pobj",)):
                        out += self.resolve(o)
        # "the residence was the target of an attack", "the targets of the attacks were the banks"
        if n.dep_ == "pobj" and n.head.lower_ == "of" and _lemma(n.head.head) in self.lex.cue_set("target_nouns"):
            goal = n.head.head
            if goal.dep_ in ("attr", "nsubj") and goal.head.lemma_ == "be":
                other = "nsubj" if goal.dep_ == "attr" else "attr"
                for o in _children(goal.head, (other,)):
                    out += self.resolve(o)
        # "the blast caused serious damage to the embassy and to nearby structures"
        if n.dep_ == "nsubj" and _lemma(n.head) in self.lex.cue_set("causing_verbs"):
            for harm in _children(n.head, ("dobj",)):
                if _lemma(harm) in self.lex.cue_set("damage_nouns"):
                    for p in _with_prep_conjuncts([p for p in _children(harm, ("prep",)) if p.lower_ == "to"]):
                        if p.lower_ == "to":
                            for o in _children(p, ("pobj",)):
                                out += self.resolve(o)
        if n.dep_ == "nsubj" and trig.type == "ASSAULT" and _lemma(n.head) in self.lex.cue_set("impact_verbs"):
            for o in _children(n.head, ("dobj",)):
                out += self.resolve(o)  # "the attacks affected the main power line"
        # "hit by U.S. airstrikes": the passive subject of the verb whose agent the noun is (not
        # "the effectiveness ... would be degraded by a U.S. pullout")
        if n.dep_ == "pobj" and n.head.dep_ == "agent" and trig.type in ("ASSAULT", "COERCE", "SANCTION"):
            out += self.verb_recipients(n.head.head, trig) if n.head.head.pos_ in ("VERB", "AUX") else []
        return out

    def for_trigger(self, trig: Trigger) -> tuple[list[Token], list[Token]]:
        h = trig.head
        if trig.nominal:
            actors = self.noun_actor(h)
            if not actors and trig.support is not None:
                actors = self.verb_actor(trig.support)
            recips = self.noun_recipients(h, trig)
            blamed = {t.i for t in self._blamed(h)}  # "the responsibility for the murder on X":
            recips = [r for r in recips if r.i not in blamed]  # X is no target
        else:
            actors = self.verb_actor(h)
            recips = self.verb_recipients(h, trig)
            if trig.casualty_only:  # "died at the hospital": where, not whom
                recips = [r for r in recips if r.dep_ != "pobj"]
        if not recips and trig.type == "ASSAULT":
            recips = self._purpose_objects(trig)
        if not recips and trig.type == "ASSAULT" and not trig.nominal:
            for subj in _children(h, ("nsubj",)):  # "a bomb placed on his vehicle exploded"
                recips = self.placed_on(subj)
        rec_ids = {t.i for t in recips}
        actors = [a for a in actors if a.i not in rec_ids and a.i != h.i]
        recips = [r for r in recips if r.i != h.i]
        return _dedupe(actors), _dedupe(recips)

    def _purpose_objects(self, trig: Trigger) -> list[Token]:
        """Whom an attack with no recipient is aimed at by its purpose clause ("fired tear gas
        to disperse hundreds of protesters")."""
        h = trig.head
        verb = h if not trig.nominal else trig.support or (h.head if h.dep_ == "dobj" and h.head.pos_ == "VERB" else None)
        if verb is None:
            return []
        out: list[Token] = []
        for c in verb.children:
            if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                for o in _children(c, ("dobj",)):
                    out += self.resolve(o)
        return out

    # ----- record participants -----
    def participant(self, t: Token) -> Optional[Participant]:
        ctx = self.ctx
        s, e = span_of(t)
        doc = t.doc
        start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
        text = ctx.text[start:end]
        if not text.strip() or ctx.excluded(start, end):
            return None
        ent = ctx.entity_at(t.idx, t.idx + len(t.text)) if ctx.entities else None
        if ent is None and (named := name_in_apposition(ctx, t)) is not None:
            ent = ctx.entity_at(named.idx, named.idx + len(named.text))  # "the chief of the gang, Pablo Escobar": Escobar
        obj = who_of(t) if ent is None and ctx.entities else None
        if obj is not None and obj.i < e:  # "dozens of protesters", "a group of gunmen": coded as who they are
            inner = ctx.entity_at(obj.idx, obj.idx + len(obj.text))
            if inner is not None and inner.kind not in ("country", "other"):
                return Participant(entity_id=inner.id, name=inner.name, code=inner.code, start=start, end=end, text=text)
        if ent is not None:
            return Participant(entity_id=ent.id, name=ent.name, code=ent.code, start=start, end=end, text=text)
        name = text
        if t.ent_iob_ != "O" and t.ent_type_ in ("GPE", "ORG", "PERSON", "NORP"):
            ent_span = next((x for x in doc.ents if x.start <= t.i < x.end), None)
            if ent_span is not None:
                name = ctx.text[ent_span.start_char:ent_span.end_char]
        # a state named as a modifier, "a U.S. strike", "American air raids": the state acts
        state = codes.state_named_at(t, self.kb, self.kb_index) if e - s == 1 else None
        if state is not None:
            st = self.kb.actors.get(state)
            return Participant(name=st.name if st is not None else name.strip(), code=state, start=start, end=end, text=text)
        return Participant(name=name.strip(), start=start, end=end, text=text)


def name_in_apposition(ctx: Context, t: Optional[Token]) -> Optional[Token]:
    """The proper name in apposition after a common noun that the entity stage knows as a
    person or organisation ("the chief of the criminal gang, Pablo Escobar Gaviria"): the
    participant is coded as that entity. None otherwise."""
    if t is None or t.pos_ != "NOUN" or not ctx.entities:
        return None
    for a in _children(t, ("appos",)):
        if a.pos_ == "PROPN" and a.i > t.i:
            ent = ctx.entity_at(a.idx, a.idx + len(a.text))
            if ent is not None and ent.kind not in ("country", "other"):
                return a
    return None


def _list_tail(v: Token) -> list[Token]:
    """The rest of a list of objects the parser broke off after the first ("attacked the
    residence, the hotel's security corps, X's residence, and the council", whose second item
    it hangs on the verb as an adverbial noun): that item and the items in apposition to it
    (its conjuncts come with it)."""
    objs = _children(v, ("dobj",))
    if len(objs) != 1:
        return []
    end = max(x.i for x in objs[0].subtree)
    for x in v.children:
        first = min(y.i for y in x.subtree)
        if x.dep_ == "npadvmod" and x.pos_ == "NOUN" and first == end + 2 and v.doc[end + 1].text == "," \
                and any(c.dep_ in ("cc", "conj") for c in x.children) and x.ent_type_ not in ("DATE", "TIME"):
            return [x] + [a for a in x.children if a.dep_ == "appos"]
    return []


def _antecedent(rel: Token) -> Token:
    """The noun a relative pronoun stands for. After a comma, a "who" clause on a coordination whose
    last conjunct is singular stands for the whole coordination unless its verb agrees with
    one alone ("three men and a girl, who participated in the attack"); the parser hangs it on
    the last conjunct."""
    noun = rel.head.head
    if rel.lower_ != "who" or rel.i == 0 or rel.doc[rel.i - 1].text != "," or noun.dep_ != "conj" or noun.tag_ not in ("NN", "NNP"):
        return noun  # after a plural last conjunct the clause may be its alone ("guerrilla
        # groups and paramilitary bands, which have been blamed for massacres")
    if singular_agreement(rel.head):
        return noun
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    return noun


def _with_prep_conjuncts(preps: list[Token]) -> list[Token]:
    """Prepositions and the prepositions coordinated with them ("at the house of X and at the
    offices of Y"), in order."""
    out = list(preps)
    for p in preps:
        out += [c for c in p.children if c.dep_ == "conj" and c.pos_ == "ADP" and c not in out]
    return out


def _negated(v: Token) -> bool:
    return any(c.dep_ == "neg" for c in v.children)


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


def _dedupe(toks: list[Token]) -> list[Token]:
    seen, out = set(), []
    for t in toks:
        if t.i not in seen:
            seen.add(t.i)
            out.append(t)
    return out
