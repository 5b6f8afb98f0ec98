"""Finding the words that name events: PLOVER type and mode per trigger.

Single-word triggers are looked up by lemma and part of speech; multiword triggers ("rocket
attack", "call for", "hunger strike") by a spaCy ``PhraseMatcher`` built once per vocabulary; verb +
object triggers ("send troops") by the verb's object. Casualty words ("killed", "wounding")
are triggers too: they either stand as an ASSAULT of their own or become the counts of the
attack that governs them (see :mod:`.counts`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import itertools

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from tocsin.extract.events.tolls import toll_kind
from tocsin.extract.events.lexicon import Lexicon, Sense, inflections, load

_DETS = {"a", "an", "the"}


@dataclass
class Trigger:
    """One event word (or phrase) in a sentence."""

    head: Token
    start: int  # token index of the span (inclusive)
    end: int  # token index (exclusive)
    type: str
    mode: Optional[str]
    nominal: bool
    casualty: Optional[str] = None  # "dead" / "injured" / "arrested" when the word is a casualty word
    support: Optional[Token] = None  # the support verb of a nominal trigger ("launched")
    folded_into: Optional["Trigger"] = None  # another trigger this one describes
    by_result: bool = False  # an attack word made a casualty word by its result ("shot dead")
    casualty_only: bool = False  # a casualty word that names no event by itself ("died")

    @property
    def char_start(self) -> int:
        return self.head.doc[self.start].idx

    @property
    def char_end(self) -> int:
        t = self.head.doc[self.end - 1]
        return t.idx + len(t.text)


_MATCHERS: dict[int, PhraseMatcher] = {}


def _matcher(vocab, lex: Lexicon) -> PhraseMatcher:
    """A PhraseMatcher (on lower-case forms) over every inflection of every multiword trigger,
    with or without its article ("reach (an) agreement"); built once per vocabulary."""
    m = _MATCHERS.get(id(vocab))
    if m is None:
        m = PhraseMatcher(vocab, attr="LOWER")
        for words in lex.phrases:
            options = [sorted(_DETS | {""}) if w in _DETS else sorted(inflections(w, agentive=False)) for w in words]
            docs = []
            for combo in itertools.product(*options):
                toks = [w for w in combo if w]
                docs.append(Doc(vocab, words=toks))
            m.add(" ".join(words), docs)
        _MATCHERS[id(vocab)] = m
    return m


def trigger_surface_forms() -> set[str]:
    """Lower-case surface forms of every trigger and casualty word (a superset, inflected by
    rule): a sentence containing none of them holds no event this coder can find."""
    lex = load()
    words: set[str] = set()
    for lemma in list(lex.verbs) + list(lex.nouns) + list(lex.verb_objects) + list(lex.verb_preps):
        words |= inflections(lemma)
    for phrase in lex.phrases:
        for w in phrase:
            if w not in _DETS:
                words |= inflections(w)
    for name in ("casualty_verbs", "casualty_nouns", "casualty_adjectives"):
        for w in lex.cues.get(name) or {}:
            words |= inflections(str(w))
    return words


def _lemma(t: Token) -> str:
    lem = t.lemma_.lower()
    if len(lem) > 4 and lem[-1] == "e" and lem[-2] == lem[-3] and lem[-2] not in "aeiouls" and t.lower_.endswith(("ed", "ing")):
        return lem[:-2]  # the lemmatizer's guess for a verb it does not know: "machinegunned" -> "machinegunne"
    return lem


def _blocked(head: Token, lex: Lexicon) -> bool:
    lem = _lemma(head)
    objs = frozenset((lex.cues.get("blocked_objects") or {}).get(lem) or ())
    if objs and _force_subject(head, lex):
        # "the raid hit a market", "a shell struck the bank": a place hit by a force is its
        # target; "the strike hit a record" stays blocked
        objs = objs - lex.cue_set("physical_nouns")
    if objs:
        for c in head.children:
            if c.dep_ in ("dobj", "prt", "attr", "nsubjpass", "pobj") and (_lemma(c) in objs or any(
                    p.dep_ == "prep" and p.lower_ == "of" and any(o.dep_ == "pobj" and _lemma(o) in objs for o in p.children)
                    for p in c.children if c.like_num or c.i > 0 and c.doc[c.i - 1].like_num)):
                return True  # also a measure of it: "destroyed 1,200 kg of cocaine"
        if head.dep_ in ("acl", "relcl") and _lemma(head.head) in objs:
            return True  # "a virus to attack", "no problem to combat"
    agents = (lex.cues.get("blocked_agents") or {}).get(lem)
    if agents:  # "an office occupied by the governor", "the governor occupies the post"
        who = [c for c in head.children if c.dep_ == "nsubj"] + [
            o for a in head.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
        if any(_lemma(w) in agents for w in who):
            return True
    comps = (lex.cues.get("blocked_compounds") or {}).get(lem)
    if comps:
        for c in head.children:
            if c.dep_ in ("compound", "amod", "nmod") and _lemma(c) in comps:
                return True
    return False


def _prep_sense(v: Token, preps: dict, lex: Lexicon) -> Optional[Sense]:
    """The sense a verb takes from its preposition (``verb_preps``): "fired on the crowd",
    "fired at the convoy" with no object (not "fired him on Monday", "fired into the air"); a
    key of two words also names the preposition's object: "set the town hall on fire"."""
    has_object = any(c.dep_ == "dobj" for c in v.children)
    for c in v.children:
        if c.dep_ != "prep":
            continue
        for o in (x for x in c.children if x.dep_ == "pobj"):
            both = f"{c.lower_} {_lemma(o)}"
            if both in preps:
                return preps[both]
            if c.lower_ in preps and not has_object and o.ent_type_ not in ("DATE", "TIME") \
                    and _lemma(o) not in lex.cue_set("aimless_targets"):
                return preps[c.lower_]
    return None


def _force_subject(head: Token, lex: Lexicon) -> bool:
    """Whether a verb's subject is an attack or a weapon ("the raid", "a mortar shell")."""
    for c in head.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            sense = lex.nouns.get(_lemma(c))
            if (sense is not None and sense.type == "ASSAULT") or _lemma(c) in lex.cue_set("weapon_nouns"):
                return True
    return False


def _verb_phrase_object(head: Token, preps: tuple, words: frozenset) -> Optional[Token]:
    """The object, one of ``words``, of a preposition in ``preps`` on a verb or, where the
    parser hangs it there, on the verb's object; else None."""
    for x in [head] + [c for c in head.children if c.dep_ == "dobj"]:
        for p in x.children:
            if p.dep_ == "prep" and p.lower_ in preps:
                for o in p.children:
                    if o.dep_ == "pobj" and _lemma(o) in words:
                        return o
    return None


def _in_verbal_setting(head: Token, lex: Lexicon) -> bool:
    """Whether an attack verb's "in" phrase is a speech, statement or the like ("attacked the
    programs in several public speeches"): words, not force."""
    return _verb_phrase_object(head, ("in", "during"), lex.cue_set("verbal_attack_settings")) is not None


def _nonviolent_means(head: Token, lex: Lexicon) -> Optional[Token]:
    """The means that is no force an attack verb names with "with" ("hits 13 officials with
    sanctions", also where the parser hangs "with" on the object), or None."""
    if head.pos_ != "VERB":
        return None
    return _verb_phrase_object(head, ("with",), lex.cue_set("nonviolent_means"))


def _is_name_part(t: Token, sent: Span, upper_doc: bool) -> bool:
    """A title-case word inside a name ("the Iran Deal", "Operation Inherent Resolve")."""
    if upper_doc or t.i == sent.start or not t.text[:1].isupper():
        return False
    prev = t.doc[t.i - 1]
    if prev.text in {"“", '"', "‘", "'", "(", "-", "—", ":"}:
        return False
    return t.ent_type_ not in ("", "DATE", "TIME") or t.pos_ == "PROPN" or t.is_title


def _mode_from_modifiers(head: Token, lex: Lexicon) -> Optional[str]:
    cues = lex.cues.get("mode_cues") or {}
    for c in head.children:
        if c.dep_ == "dobj" and _lemma(head) not in lex.verb_objects:
            continue
        if c.dep_ in ("compound", "amod", "nmod", "nsubj", "dobj") and _lemma(c) in cues:
            return cues[_lemma(c)]
        if c.dep_ == "prep" and c.lower_ in ("with", "by", "using"):
            for p in c.children:
                if p.dep_ == "pobj" and _lemma(p) in cues:
                    return cues[_lemma(p)]
                for pc in p.children:
                    if pc.dep_ in ("compound", "amod") and _lemma(pc) in cues:
                        return cues[_lemma(pc)]
    return None


def _anchored(head: Token, lex: Lexicon) -> bool:
    """A nominal trigger of a verbal type counts only with a participant, date or support verb."""
    if head.dep_ in ("dobj", "nsubjpass", "attr") and _lemma(head.head) in lex.cue_set("support_verbs"):
        return True
    if head.dep_ == "nsubj" and _lemma(head.head) in ("take", "occur", "happen", "begin", "end", "start", "continue"):
        return True
    for c in head.children:
        if c.dep_ == "poss":
            return True
        if c.dep_ == "prep" and c.lower_ in ("with", "between", "by", "against", "from", "among"):
            return True
        if c.dep_ in ("compound", "amod") and (c.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or c.pos_ == "PROPN"):
            return True
    return False


def phrase_matches(doc, lex: Optional[Lexicon] = None) -> list[tuple[int, int, str]]:
    """Multiword trigger matches over a whole document (run once, then split by sentence)."""
    lex = lex or load()
    matcher = _matcher(doc.vocab, lex)
    return [(s, e, doc.vocab.strings[mid]) for mid, s, e in matcher(doc)]


def through_quantity(t: Token, lex: Lexicon) -> Token:
    """The noun a quantity, salvo or measure word counts ("dozens of rockets" -> rockets, "50 kg
    of dynamite" -> dynamite), else ``t``."""
    heads = lex.cue_set("quantity_heads") | lex.cue_set("measure_nouns")
    if _lemma(t) in heads or t.lower_ in heads:
        for p in t.children:
            if p.dep_ == "prep" and p.lower_ == "of":
                for o in p.children:
                    if o.dep_ == "pobj":
                        return o
    return t


def counted_by(t: Token, lex: Lexicon) -> Token:
    """The quantity or series word that counts a noun ("a wave of attacks" -> wave), else ``t``:
    the word that stands in the clause for it."""
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.dep_ == "prep" and (
            _lemma(t.head.head) in lex.cue_set("quantity_heads")):
        return t.head.head
    return t


def participle_lemma(t: Token, verbs) -> Optional[str]:
    """The verb in ``verbs`` a past participle comes from, including one the tagger took for an
    adjective ("the assassinated X", whose adjective lemma is "assassinated"), else None."""
    if t.tag_ == "VBN":
        return t.lemma_.lower() if t.lemma_.lower() in verbs else None
    if t.pos_ == "ADJ" and t.lower_.endswith("ed"):
        return next((w for w in (t.lower_[:-1], t.lower_[:-2]) if w in verbs), None)
    return None


def _slain_person(t: Token, lem: str, casualty_verbs: dict, lex: Lexicon) -> bool:
    """A killing participle before a person's name or a person noun ("the murdered
    journalist", "the assassinated Carlos Pizarro"): the killing is presupposed."""
    h = t.head
    lem = participle_lemma(t, casualty_verbs) or lem
    if t.dep_ != "amod" or t.tag_ != "VBN" and t.pos_ != "ADJ" or casualty_verbs.get(lem) != "dead" or lem not in lex.verbs:
        return False
    return h.ent_type_ == "PERSON" or h.pos_ == "PROPN" and h.ent_type_ in ("", "PERSON") or (
        _lemma(h) in lex.cue_set("person_nouns") and h.tag_ == "NN")


def _accidental(t: Token, lex: Lexicon) -> bool:
    """Whether a casualty word's cause is an accident or a natural disaster: its subject ("the
    earthquake killed 300"), its "in"/"by" phrase ("killed in a car accident", "injured by
    lightning") or its "when" clause ("killed when their plane crashed")."""
    nouns = lex.cue_set("accident_nouns")
    verbs = lex.cue_set("accident_verbs")
    for c in t.children:
        if c.dep_ in ("nsubj", "agent") and (_lemma(c) in nouns or c.lower_ in nouns):
            return True
        if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by", "during", "after", "from", "of"):
            if any(o.dep_ == "pobj" and (_lemma(o) in nouns or o.lower_ in nouns) for o in c.children):
                return True
        if c.dep_ == "advcl" and _lemma(c) in verbs:
            return True
    return False


def _violent_cause(t: Token, lex: Lexicon) -> Optional[str]:
    """The attack mode of a death whose cause is a weapon's wound ("died of gunshot wounds",
    "his death from stab wounds"), else None: such a death is an attack even with no attack
    word."""
    causes = lex.cues.get("violent_death_causes") or {}
    for p in t.children:
        if p.dep_ == "prep" and p.lower_ in ("from", "of", "after"):
            for d in p.subtree:
                if d.i != p.i and _lemma(d) in causes:
                    return causes[_lemma(d)]
    return None


def _labor_action(t: Token, lex: Lexicon) -> bool:
    """Whether a "strike" is a work stoppage: a labour modifier ("general", "nationwide",
    "48-hour", "teachers'") or a verb that calls or ends one ("hold", "call", "declare")."""
    if _lemma(t) not in lex.cue_set("labor_strike_nouns"):
        return False
    mods = lex.cue_set("labor_strike_modifiers")
    for c in t.children:
        if c.dep_ in ("amod", "compound", "nmod", "poss") and (_lemma(c) in mods or c.lower_ in mods):
            return True
        if c.dep_ in ("amod", "compound", "nummod") and c.lower_.endswith("-hour"):
            return True
    agents = lex.cue_set("labor_strike_agents")
    strikers = [c for c in t.children if c.dep_ in ("poss", "compound", "nmod")] + [
        o for p in t.children if p.dep_ == "prep" and p.lower_ in ("by", "of") for o in p.children if o.dep_ == "pobj"]
    if any(_lemma(x) in agents or x.lower_ in agents for x in strikers):
        return True
    gov = t.head
    return t.dep_ in ("dobj", "nsubjpass") and gov.pos_ in ("VERB", "AUX") and _lemma(gov) in lex.cue_set("labor_strike_verbs")


def _to_death(v: Token, lex: Lexicon) -> bool:
    """Whether a verb's result phrase says its victims died ("shot to death", "stabbed to death",
    "shot dead", "shot two protesters dead")."""
    result = lex.cue_set("death_results")
    if any(c.dep_ in ("oprd", "advmod", "acomp", "xcomp") and c.lower_ == "dead" for c in v.children):
        return True
    if shot_dead_modifier(v) is not None:
        return True
    return any(p.dep_ in ("prep", "advcl", "xcomp") and p.lower_ == "to" and any(
        o.dep_ == "pobj" and _lemma(o) in result for o in p.children) for p in v.children)


def shot_dead_modifier(v: Token) -> Optional[Token]:
    """The "dead" right after a verb that the parser hung on the verb's object ("shot dead two
    policemen"), else None."""
    nxt = v.doc[v.i + 1] if v.i + 1 < len(v.doc) else None
    if nxt is None or nxt.lower_ != "dead" or nxt.dep_ != "amod" or nxt.head.dep_ != "dobj" or nxt.head.head.i != v.i:
        return None
    return nxt


def died_by_result(v: Token, lex: Lexicon) -> bool:
    """Whether an intransitive verb's subject died by it ("the policemen burned to death",
    "bled to death"): the subject is the victim, not the actor."""
    return v.pos_ == "VERB" and not any(c.dep_ in ("dobj", "nsubjpass", "auxpass") for c in v.children) \
        and _to_death(v, lex)


def find_triggers(sent: Span, lex: Optional[Lexicon] = None, upper_doc: bool = False,
                  doc_phrases: Optional[list[tuple[int, int, str]]] = None) -> list[Trigger]:
    """Every trigger in one sentence, at most one per head token, in text order.
    ``doc_phrases``: :func:`phrase_matches` of the whole document, when already computed."""
    lex = lex or load()
    out: dict[int, Trigger] = {}
    casualty_verbs = lex.cues.get("casualty_verbs") or {}
    casualty_nouns = lex.cues.get("casualty_nouns") or {}
    nominal_free = lex.cue_set("nominal_free")

    # multiword phrases first: they are more specific than their words
    if doc_phrases is None:
        doc_phrases = phrase_matches(sent.doc, lex)
    spans = [x for x in doc_phrases if sent.start <= x[0] and x[1] <= sent.end]
    spans.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    taken: set[int] = set()
    for s, e, key in spans:
        if any(i in taken for i in range(s, e)):
            continue
        sense = lex.phrases[tuple(key.split())]
        toks = sent.doc[s:e]
        first = toks[0]
        head = first if first.pos_ in ("VERB", "AUX") else toks[-1]
        if head.dep_ == "compound" and head.head.i >= e:
            continue
        out[head.i] = Trigger(head, s, e, sense.type, sense.mode, head.pos_ not in ("VERB", "AUX"))
        taken.update(range(s, e))

    for t in sent:
        if t.i in taken or t.is_punct or t.is_space:
            continue
        if t.ent_type_ == "DATE" and t.pos_ == "PROPN":
            continue  # "on 16 March": a month, not a protest march
        if t.lower_ == "dead" and t.head.i != t.i and t.head.pos_ == "VERB" and _lemma(t.head) in lex.verbs \
                and _to_death(t.head, lex):
            continue  # "shot dead": the verb counts its victims; the result word is no second count
        lem = _lemma(t)
        sense: Optional[Sense] = None
        nominal = False
        if t.pos_ == "ADJ" and t.dep_ == "amod" and _slain_person(t, lem, casualty_verbs, lex):
            out[t.i] = Trigger(t, t.i, t.i + 1, "ASSAULT", None, False, casualty="dead")
            continue
        if t.dep_ in ("pobj", "pcomp") and t.head.lower_ == "without" and not any(c.dep_ == "dobj" for c in t.children):
            continue  # "opened fire without warning", "without provocation": nothing was done
        if t.pos_ == "VERB" or (t.pos_ == "AUX" and lem in lex.verbs):
            if t.dep_ in ("amod", "compound"):
                if _slain_person(t, lem, casualty_verbs, lex):  # "the assassinated Carlos Pizarro"
                    out[t.i] = Trigger(t, t.i, t.i + 1, "ASSAULT", None, False, casualty="dead")
                elif t.dep_ == "amod" and t.head.pos_ == "NUM" and t.i == t.head.i + 1 \
                        and casualty_verbs.get(lem) in ("dead", "injured"):
                    # "left two dead and three injured": a number and its participle are a count
                    out[t.i] = Trigger(t, t.i, t.i + 1, "ASSAULT", None, False, casualty=casualty_verbs[lem],
                                       casualty_only=True)
                continue
            sense = lex.verbs.get(lem)
            objs = lex.verb_objects.get(lem)
            if objs:
                for c in t.children:
                    if c.dep_ not in ("dobj", "nsubjpass", "oprd"):  # "were taken hostage"
                        continue
                    obj = through_quantity(c, lex)  # "fired dozens of rockets", "a barrage of missiles"
                    if _lemma(obj) in objs:
                        sense = objs[_lemma(obj)]
                        break
            preps = lex.verb_preps.get(lem) if sense is None else None
            if preps:
                sense = _prep_sense(t, preps, lex)
            if sense is not None and sense.type == "ASSAULT" and (any(
                    c.dep_ == "advmod" and c.lower_ in lex.cue_set("verbal_attack_adverbs") for c in t.children)
                    or _in_verbal_setting(t, lex)):
                sense = Sense("ACCUSE", "disapprove")  # "harshly attacked the president"
            means = _nonviolent_means(t, lex) if sense is not None and sense.type == "ASSAULT" else None
            if means is not None:  # "hit 13 officials with sanctions": a sanction; "with a
                # lawsuit": no attack
                named = lex.nouns.get(_lemma(means))
                sense = named if named is not None and named.type == "SANCTION" else None
                if sense is None:
                    continue
        elif t.pos_ in ("NOUN", "PROPN") or (t.pos_ == "ADJ" and lem in casualty_nouns):
            sense = lex.nouns.get(lem) or lex.nouns.get(t.lower_)
            nominal = True
            if sense is not None and sense.type == "ASSAULT" and _labor_action(t, lex):
                sense = Sense("PROTEST", "strike")  # "a 48-hour general strike", "called a strike"
            if sense is not None:
                if t.dep_ == "compound" and t.head.pos_ in ("NOUN", "PROPN"):
                    continue  # "attack capabilities", "car bomb networks"
                if _is_name_part(t, sent, upper_doc):
                    continue
                if sense.type not in nominal_free and not _anchored(t, lex):
                    continue
        if sense is None:
            # casualty words that are not triggers of their own ("died", "death") still matter
            kind = casualty_verbs.get(lem) if t.pos_ == "VERB" else (casualty_nouns.get(lem) or toll_kind(t, lex))
            idiom = (lex.cues.get("casualty_verb_objects") or {}).get(lem) if t.pos_ == "VERB" else None
            if idiom and not kind:
                # "lost their lives": the verb is a casualty word only with that object
                kind = next((idiom[_lemma(c)] for c in t.children if c.dep_ in ("dobj", "prt") and _lemma(c) in idiom), None)
            if kind and t.dep_ not in ("amod", "compound") and not _accidental(t, lex):
                cause = _violent_cause(t, lex) if kind == "dead" else None
                out[t.i] = Trigger(t, t.i, t.i + 1, "ASSAULT", cause, t.pos_ != "VERB", casualty=kind,
                                   casualty_only=cause is None)
            continue
        if _blocked(t, lex):
            continue
        if any(c.lower_ == "alongside" for c in t.children):
            continue  # "fought alongside" is cooperation, not assault
        kind = casualty_verbs.get(lem) if not nominal else casualty_nouns.get(lem)
        if kind in ("dead", "injured") and _accidental(t, lex):
            continue  # "killed in a car accident", "the earthquake killed 300": no attack
        by_result = kind is None and not nominal and _to_death(t, lex)
        if by_result:
            kind = "dead"  # "shot to death", "beaten to death", "shot dead"
        out[t.i] = Trigger(t, t.i, t.i + 1, sense.type, sense.mode, nominal,
                           casualty=kind if sense.type in ("ASSAULT", "COERCE") else None, by_result=by_result)

    # a verb heading a phrase trigger ("held talks") is that phrase's, not the support of another
    # object the parser gives it ("held talks ..., the first visit by a foreign head of state")
    phrase_heads = {t.head.i for t in out.values() if t.end - t.start > 1}
    for trig in out.values():
        if trig.type == "ASSAULT" and trig.mode is None:
            trig.mode = _mode_from_modifiers(trig.head, lex)
        slot = counted_by(trig.head, lex) if trig.nominal else trig.head  # "launched a wave of attacks"
        if trig.nominal and slot.dep_ in ("dobj", "nsubjpass", "attr", "pobj"):
            gov = slot.head
            if (slot.dep_ == "pobj" and gov.dep_ == "prep") or gov.i in phrase_heads:
                gov = None
            if gov is not None and gov.pos_ in ("VERB", "AUX") and _lemma(gov) in lex.cue_set("support_verbs"):
                trig.support = gov
    # a support verb that is itself a trigger word ("launched a strike") is not a second event
    supports = {t.support.i for t in out.values() if t.support is not None}
    for i in list(out):
        if i in supports and out[i].nominal is False and out[i].casualty is None:
            del out[i]
    return [out[i] for i in sorted(out)]
