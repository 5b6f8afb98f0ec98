"""Did it happen? asserted, negated, hypothetical, planned or claimed; and who says so.

The walk goes up the parse from the trigger to the clause that reports it, collecting cues:
negation ("not", "no plans to"), a denying verb over a clause ("denied that ..."),
conditionals and modals ("if", "would likely", "could"), governors that make their
complement unreal ("concern about", "decision to", "called on X to"), future intent ("will",
"would" under a reporting verb, "plans to"), and allegation ("allegations that", "attributed
to", "reportedly"). Attribution names the source: "according to X", or the subject of the
reporting verb, or the speaker of the quote the trigger sits in.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Span, Token

from tocsin.context import Context
from tocsin.extract.events.arguments import accused_object, arrest_of
from tocsin.extract.events.counts import names_no_one
from tocsin.extract.events.lexicon import Lexicon
from tocsin.extract.events.triggers import Trigger

_NEG = {"not", "n't", "never", "no"}
_RANK = {"negated": 5, "hypothetical": 4, "planned": 3, "claimed": 2, "asserted": 1}


@dataclass
class Source:
    text: str
    start: int
    end: int
    head: Optional[Token] = None


def _lemma(t: Token) -> str:
    return t.lemma_.lower()


def _worst(a: str, b: str) -> str:
    return a if _RANK[a] >= _RANK[b] else b


def _clause_cues(node: Token, lex: Lexicon, under_report: bool, subject: bool = True) -> Optional[str]:
    """Modality cues on one clause head (its own auxiliaries, negation, markers; with
    ``subject``, a subject that names no one: "no priest has been murdered")."""
    found = None
    for c in node.children:
        low = c.lower_
        if c.dep_ == "neg" or (c.dep_ == "det" and low == "no"):
            return "negated"
        if subject and c.dep_ in ("nsubj", "nsubjpass") and names_no_one(c):
            return "negated"
        if c.dep_ == "mark" and low in ("if", "unless", "whether", "lest"):
            found = _worst(found or "asserted", "hypothetical")
        if c.dep_ == "aux" and low in ("would", "could", "might", "may", "should", "must", "ought", "'d"):
            mod = "planned" if (under_report and low == "would" and not _hedged(node) and _own_intent(node)) else "hypothetical"
            found = _worst(found or "asserted", mod)
        if c.dep_ == "aux" and low in ("will", "shall", "'ll", "wo"):
            found = _worst(found or "asserted", "planned")
        if c.dep_ == "advmod" and low in lex.cue_set("claim_adverbs"):
            found = _worst(found or "asserted", "claimed")
    return found


def _own_intent(node: Token) -> bool:
    """"they said they would send": the clause's subject is the reporter's (a pronoun or the
    same words), so "would" reports a plan, not a conjecture."""
    subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return False
    if subj.lower_ in ("he", "she", "they", "we", "i", "it"):
        return True
    rep = node.head
    rsubj = next((c for c in rep.children if c.dep_ == "nsubj"), None)
    return rsubj is not None and rsubj.lower_ == subj.lower_


def _hedged(node: Token) -> bool:
    return any(c.lower_ in ("likely", "probably", "possibly", "perhaps") for c in node.children)


class ModalityFinder:
    def __init__(self, ctx: Context, lex: Lexicon):
        self.ctx = ctx
        self.lex = lex
        self.reporting = lex.cue_set("reporting_verbs")
        self.hyp_gov = lex.cue_set("hypothetical_governors")
        self.implicative = lex.cue_set("implicative_verbs")
        self.factual_marks = lex.cue_set("factual_marks")
        self.claim_verbs = lex.cue_set("claim_verbs")
        self.claim_nouns = lex.cue_set("claim_nouns")
        self.neg_verbs = lex.cue_set("negating_verbs")
        self.planned = lex.cue_set("planned_markers")

    def _under_report(self, t: Token) -> Optional[Token]:
        node = t
        for _ in range(8):
            if node.head.i == node.i:
                return None
            dep, node = node.dep_, node.head
            if dep in ("ccomp", "xcomp", "dobj") and _lemma(node) in self.reporting and node.pos_ in ("VERB", "AUX"):
                return node
        return None

    def modality(self, trig: Trigger) -> str:
        h = trig.head
        reporter = self._under_report(h)
        result = "asserted"
        # the trigger's own clause, and for a nominal trigger its support verb's clause
        heads = [h] + ([trig.support] if trig.support is not None else [])
        for node in heads:
            cue = _clause_cues(node, self.lex, reporter is not None)
            if cue:
                result = _worst(result, cue)
        if trig.support is not None and _lemma(trig.support) in self.planned and h.dep_ == "dobj":
            result = _worst(result, "planned")  # "they plan an attack"
        if h.dep_ in ("pcomp", "pobj") and h.head.lower_ == "without":
            return "negated"  # "withdrew without firing a shot"
        # to-infinitives are unreal unless an implicative verb governs them
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in h.children) and h.dep_ in ("xcomp", "advcl", "acl", "relcl", "ccomp", "ROOT"):
            ranked = h.dep_ in ("relcl", "acl") and (h.head.ent_type_ == "ORDINAL" or h.head.lower_ in ("first", "last", "only"))
            if not ranked and (h.dep_ == "ROOT" or _lemma(h.head) not in self.implicative):
                # also a bare "To massacre the people."; not "the first to kill an American", a fact
                result = _worst(result, "hypothetical")
        if h.tag_ == "VBG" and h.dep_ == "pcomp" and h.head.lower_ in ("about", "of", "for", "on", "against") \
                and not any(c.dep_ in ("nsubj", "poss") for c in h.children):
            if accused_object(h, self.lex) is not None or arrest_of(h.head, self.lex) is not None:
                result = _worst(result, "claimed")  # "accused [the army of killing X]", "arrested for killing X"
            else:
                result = _worst(result, "hypothetical")  # "concern about further targeting of ..."
        node = h
        for _ in range(8):
            if node.head.i == node.i:
                break
            dep, gov = node.dep_, node.head
            glem = _lemma(gov)
            if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in self.factual_marks for c in node.children):
                break  # "Iran would take revenge, while Zarif called the killing terrorism": a
                # contrast or a reason keeps its own mood
            if dep in ("ccomp", "xcomp", "acl", "advcl", "pcomp", "pobj", "prep", "dobj", "nsubj", "relcl", "conj", "nsubjpass", "attr", "appos", "compound", "amod", "agent"):
                if gov.pos_ in ("VERB", "AUX", "NOUN", "ADJ", "PROPN"):
                    if glem in self.neg_verbs and dep == "ccomp":
                        return "negated"
                    if glem in self.claim_nouns and dep in ("acl", "ccomp", "prep") and gov.dep_ == "dobj" \
                            and _lemma(gov.head) in self.neg_verbs:
                        return "negated"  # "denied the report that the army is bombing villages"
                    if glem in self.claim_nouns and dep in ("acl", "ccomp") and _refuted(gov, self.lex):
                        return "negated"  # "the report that X was wounded is unfounded"
                    if glem in ("fail", "refuse") and dep == "xcomp":
                        return "negated"
                    if (glem in self.claim_verbs or glem in self.claim_nouns) and dep in ("ccomp", "acl", "xcomp", "dobj", "advcl") and glem != "claim" or (glem == "attribute"):
                        result = _worst(result, "claimed")
                    if glem in self.hyp_gov and glem not in self.implicative and dep in ("xcomp", "acl", "ccomp", "pobj", "prep", "advcl", "pcomp"):
                        if glem in self.planned and dep == "xcomp":
                            result = _worst(result, "planned")
                        else:
                            result = _worst(result, "hypothetical")
                    if (glem in self.planned or gov.lower_ in self.planned) and dep in ("xcomp", "acl") and glem not in ("expect",):
                        result = _worst(result, "planned")  # also "were going to kill X"
                    if True:
                        cue = _clause_cues(gov, self.lex, reporter is not None, subject=False)
                        if dep == "conj" and cue != "negated" and _clause_cues(gov, self.lex, False) == "negated":
                            # a verb's "no" subject denies its conjuncts ("no priest was jailed or
                            # murdered"), not an event named in its phrases ("no one was hurt
                            # in the attack")
                            return "negated"
                        if cue == "negated" and dep in ("xcomp", "acl", "dobj", "pobj", "prep", "nsubjpass") \
                                and not _presupposed(trig, self.lex):
                            # not a definite past event: "do not know the motive for X's
                            # murder", "did not condemn the murder of X"
                            return "negated"
                        if cue in ("hypothetical", "planned") and reporter is not None and gov.i == reporter.i \
                                and _past_clause(h):
                            # "the commission will report that soldiers burned three villages":
                            # the report is to come, the burning it reports is past
                            result = _worst(result, "claimed")
                        elif cue in ("hypothetical", "planned"):
                            result = _worst(result, cue)
            if reporter is not None and gov.i == reporter.i:
                break
            if glem in self.lex.cue_set("responsibility_nouns") and dep == "prep" and node.lower_ == "for":
                break  # "did not claim responsibility for the bombing": the bombing happened
            if glem in self.claim_verbs and gov.pos_ == "VERB" and dep == "prep" and node.lower_ in ("with", "of", "for", "in"):
                result = "claimed"  # "the men charged with killing X", "suspected of the murder":
                break  # the charge presupposes the event, whatever the mood around it
            if dep == "relcl" and _past_clause(node):
                break  # "the attack, in which 10 were killed": a past relative clause is a fact
            if gov.pos_ in ("VERB", "AUX") and dep in ("ccomp", "advcl", "conj", "parataxis") and glem in self.reporting:
                break
            node = gov
        for n in (h, h.head if h.dep_ == "pobj" and h.head.lower_ == "of" else None):
            if n is None:
                continue
            hd = n.head if n is not h else None
            for c in list(h.children) + (list(hd.children) if hd is not None and hd.pos_ == "NOUN" else []):
                if c.dep_ == "acl" and _lemma(c) in ("attribute", "blame"):
                    result = _worst(result, "claimed")
        if result in ("hypothetical", "planned") and (_presupposed(trig, self.lex) or _past_participle(trig)):
            result = "asserted"
        if result == "asserted" and self._quoted(trig):
            result = "claimed"
        return result

    def _quoted(self, trig: Trigger) -> bool:
        s, e = trig.char_start, trig.char_end
        return any(q.start <= s and e <= q.end and q.kind != "indirect" for q in self.ctx.quotes)

    def source(self, trig: Trigger, sent: Span) -> Optional[Source]:
        """Who the article credits for the report of this event."""
        doc = sent.doc
        ancestors = {a.i for a in trig.head.ancestors} | {trig.head.i}
        if trig.support is not None:
            ancestors |= {a.i for a in trig.support.ancestors} | {trig.support.i}
        for t in sent:
            if t.lower_ == "according" and t.dep_ in ("prep", "advmod", "amod", "acl", "advcl") and (
                    t.head.i in ancestors and (t.i > trig.head.i or t.head.i == trig.head.i or (trig.support is not None and t.head.i == trig.support.i))
                    or any(a.i == t.i for a in trig.head.subtree)):
                to = next((c for c in t.children if c.lower_ == "to"), None)
                pobj = next((c for c in (to.children if to is not None else []) if c.dep_ == "pobj"), None)
                if pobj is not None:
                    toks = list(pobj.subtree)
                    a, b = toks[0], toks[-1]
                    return Source(self.ctx.text[a.idx:b.idx + len(b.text)], a.idx, b.idx + len(b.text), self._source_head(pobj))
        rep = self._under_report(trig.head)
        if rep is not None:
            subj = next((c for c in rep.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                toks = [x for x in subj.subtree if not x.is_punct]
                if toks:
                    a, b = toks[0], toks[-1]
                    return Source(self.ctx.text[a.idx:b.idx + len(b.text)], a.idx, b.idx + len(b.text), subj)
        for q in self.ctx.quotes:
            if q.start <= trig.char_start and trig.char_end <= q.end and q.speaker and (q.speaker.text or q.speaker.name):
                sp = q.speaker
                return Source(sp.text or sp.name, sp.start or q.start, sp.end or q.end, None)
        return None

    def _source_head(self, pobj: Token) -> Token:
        """The named source inside "a press statement from X"."""
        for d in pobj.subtree:
            if d.dep_ == "prep" and d.lower_ in ("from", "by", "of"):
                for p in d.children:
                    if p.dep_ == "pobj":
                        return p
        return pobj


_NOT_PRESUPPOSING = frozenset({"deny", "reject", "repudiate", "fear"})


def _past_clause(v: Token) -> bool:
    """A clause in the simple past ("that killed", "in which 10 were killed"), no modal."""
    aux = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" or a.lower_ in ("to", "will", "would") for a in aux):
        return False
    return v.tag_ == "VBD" or any(a.lower_ in ("was", "were") for a in aux)


def _past_participle(trig: Trigger) -> bool:
    """A past participle describing a noun ("the minister murdered in Washington") reports a
    past event, whatever the mood of the clause the noun is in."""
    h = trig.head
    return not trig.nominal and h.dep_ in ("acl", "amod") and h.tag_ == "VBN" and h.head.pos_ in ("NOUN", "PROPN") \
        and not any(c.dep_ in ("aux", "auxpass", "neg") for c in h.children)


def _refuted(claim: Token, lex) -> bool:
    """Whether a report or claim is the subject of "is unfounded", "is false", "was a lie"."""
    if claim.dep_ not in ("nsubj", "nsubjpass") or claim.head.lemma_ != "be":
        return False
    return any(c.dep_ in ("acomp", "attr") and _lemma(c) in lex.cue_set("refuting_predicates")
               and not any(n.dep_ == "neg" for n in claim.head.children) for c in claim.head.children)


def _presupposed(trig: Trigger, lex) -> bool:
    """A definite event noun with its victim or a past relative clause, inside a prepositional
    phrase ("the names of those implicated in the murder of six priests", "the circumstances of
    the attack that killed 10"), an event noun a time is reckoned from ("after the killings"),
    or the object of a commenting verb ("urged him to investigate the murder of X"), refers to
    a past event: the mood of the clause around it does not make the event itself unreal."""
    h = trig.head
    if not trig.nominal or trig.support is not None:
        return False
    if h.dep_ == "dobj":
        if _lemma(h.head) not in lex.cue_set("commenting_verbs") - _NOT_PRESUPPOSING:
            return False
    elif h.dep_ != "pobj":
        return False
    if h.head.lower_ == "for" and _lemma(h.head.head) in lex.cue_set("requesting_words"):
        return False  # "called for the resignation of X", "pressure for the release of X": wanted
        # (not "vowed revenge for the killing of X": a reason)
    det = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") or c.dep_ == "poss" for c in h.children)
    if det and h.dep_ == "pobj" and h.head.lower_ in ("after", "following", "since"):
        return True  # "the measures will permit ... after the killings": a reference point in time
    # its victim ("the murder of X", "the Jesuits' murder") or a past relative clause ("the
    # attack that killed 10")
    return det and any(c.dep_ == "prep" and c.lower_ in ("of", "on", "against")
                       or c.dep_ == "relcl" and c.tag_ == "VBD"
                       or c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN") for c in h.children)
