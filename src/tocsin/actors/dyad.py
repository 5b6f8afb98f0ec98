"""A small source/target picker: which coded entity is the subject-side actor of a sentence's
main event and which the object-side one (for the PETRARCH check; the event stage has its own,
fuller argument finder). Reporting frames ("..., officials said") are looked through."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Span, Token

from tocsin.context import Context
from tocsin.record import Entity

# verbs whose clause carries the event ("X said Y attacked Z"); accusing and alleging are events
REPORTING = {"say", "tell", "report", "announce", "claim", "state", "add", "confirm", "declare", "believe", "think", "insist", "warn", "note", "write", "explain", "argue"}
# events that run both ways: "A and B met", "A held talks with B"
SYMMETRIC = {"meet", "talk", "negotiate", "cooperate", "clash", "discuss", "hold", "fight", "sign", "agree",
             "partner", "seek", "deepen", "exchange", "reconcile", "confer"}
OBJECT_PREPS = {"with", "against", "on", "to", "at", "toward", "towards", "into", "for", "from", "of", "over", "in"}


def _entity_at_token(ctx: Context, tok: Token) -> Optional[Entity]:
    return ctx.entity_at(tok.idx, tok.idx + len(tok))


@dataclass
class Coded:
    """A state named only by a modifier ("in Israeli tank shelling"): no entity, just a code."""

    code: str
    name: str


def _coordinated(head: Token) -> list[Token]:
    """The head and the heads coordinated or apposed to it ("The US, Russia, and Switzerland")."""
    return [head, *[t for t in head.subtree if t.dep_ in ("conj", "appos") and t.pos_ in ("PROPN", "NOUN")
                    and not any(a.dep_ in ("relcl", "acl", "prep") for a in t.ancestors if a.i != head.i and head in a.ancestors)]]


def state_in(ctx: Context, head: Token) -> list[Coded]:
    """States named by modifiers inside a phrase (demonyms, state names), via the KB matches."""
    from tocsin.actors import kb as kb_mod
    from tocsin.actors.codes import is_patron, state_of_key

    kb = kb_mod.load()
    lo, hi = head.left_edge.i, head.right_edge.i
    out = []
    for sp in ctx.doc.spans.get("tocsin_actors", []):
        if lo <= sp.start and sp.end - 1 <= hi:
            code = state_of_key(kb, sp.kb_id_)
            if code and not is_patron(ctx.doc[sp.end - 1], kb) and code not in [c.code for c in out]:
                out.append(Coded(code, sp.text))
    return out


def entities_in(ctx: Context, head: Token) -> list[Entity]:
    """Entities of a phrase: the head's own entity, or the first ones found in its subtree,
    with coordinated phrases ("Brazil and the United States") giving one each."""
    out: list[Entity] = []
    for h in _coordinated(head):
        e = _entity_at_token(ctx, h)
        if e is None:
            for t in sorted(h.subtree, key=lambda t: abs(t.i - h.i)):
                if t.dep_ in ("conj", "relcl", "acl"):
                    continue
                e = _entity_at_token(ctx, t)
                if e is not None:
                    break
        if e is not None and e not in out:
            out.append(e)
    return out


def event_verb(sent: Span) -> Token:
    """The sentence's main verb, looking through a reporting frame."""
    return _frames(sent)[-1]


def _frames(sent: Span) -> list[Token]:
    """The root and the verbs reached through reporting frames, outermost first."""
    root = sent.root
    chain = [root]
    for _ in range(3):
        if root.lemma_ in REPORTING:
            comp = next((c for c in root.children if c.dep_ in ("ccomp", "xcomp", "parataxis")), None)
            if comp is None:
                break
            root = comp
            chain.append(root)
        else:
            break
    return chain


def dyad(ctx: Context, sent: Span) -> tuple[list[Entity], list[Entity]]:
    """(sources, targets) of the sentence's main event."""
    frames = _frames(sent)
    verb = frames[-1]
    sources: list[Entity] = []
    targets: list[Entity] = []
    chain = [verb]
    # the subject of an xcomp/conj verb is its head's ("X is seeking to deepen...")
    v = verb
    while v.dep_ in ("xcomp", "conj", "advcl") and v.head.i != v.i:
        v = v.head
        chain.append(v)
    for v in chain:
        for c in v.children:
            if c.dep_ in ("nsubj", "csubj") and not sources:
                sources = entities_in(ctx, c)
            elif c.dep_ == "agent":
                pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
                if pobj is not None:
                    sources = entities_in(ctx, pobj) or sources
        if sources:
            break
    if not sources:
        # a passive whose agent the parse attached elsewhere ("... were released by Putin")
        for t in sent:
            if t.dep_ == "agent":
                pobj = next((x for x in t.children if x.dep_ == "pobj"), None)
                if pobj is not None:
                    sources = entities_in(ctx, pobj)
                    if sources:
                        break
    if not sources and passive_or_none(verb):
        # "killed in Israeli tank shelling": the state behind the means
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "by", "from"):
                pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ == "NOUN":
                    sources = state_in(ctx, pobj)
                    if sources:
                        break
    if not sources:
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            sources = state_in(ctx, subj)[:1]
    if not sources and len(frames) > 1:
        # "The US claimed that they had attacked Iraq": the reporter when the clause gives no actor
        for c in frames[-2].children:
            if c.dep_ == "nsubj":
                sources = entities_in(ctx, c)
    passive_subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if passive_subj is not None:
        if any(c.dep_ == "xcomp" for c in verb.children) and not sources:
            # "Obama is scheduled to attend...": the passive subject acts in the xcomp
            sources = entities_in(ctx, passive_subj)
            verb = next(c for c in verb.children if c.dep_ == "xcomp")
        else:
            targets = entities_in(ctx, passive_subj)
    if not targets:
        for c in verb.children:
            if c.dep_ in ("dobj", "dative", "attr", "oprd"):
                targets = entities_in(ctx, c)
                if targets:
                    break
    if not targets and verb.lemma_ not in REPORTING:
        # "Obama wants Putin to attack...": the one asked or pressed
        for c in verb.children:
            if c.dep_ in ("ccomp", "xcomp"):
                subj = next((x for x in c.children if x.dep_ == "nsubj"), None)
                if subj is not None:
                    targets = entities_in(ctx, subj)
                    break
    if not targets:
        for v in [verb, *[c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]]:
            for c in v.children:
                if c.dep_ == "dobj":
                    targets = entities_in(ctx, c)
                elif c.dep_ == "prep" and c.lower_ in OBJECT_PREPS:
                    pobj = next((x for x in c.children if x.dep_ == "pobj"), None)
                    if pobj is not None:
                        targets = entities_in(ctx, pobj)
                if targets:
                    break
            if targets:
                break
    targets = [t for t in targets if t not in sources]  # an actor is not its own target
    return sources, targets


def passive_or_none(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def pairs(ctx: Context, sent: Span) -> list[tuple[Entity, Entity | None]]:
    """(source, target) pairs of the sentence's main event; coordinated subjects without an
    object, and symmetric events ("met", "held talks with"), give both directions."""
    sources, targets = dyad(ctx, sent)
    verb = event_verb(sent)
    out: list[tuple[Entity, Entity | None]] = []
    if len(sources) > 1 and not targets:
        out = [(a, b) for a in sources for b in sources if a is not b]
    else:
        out = [(a, b) for a in sources for b in (targets or [None])]
        if verb.lemma_ in SYMMETRIC:
            out += [(b, a) for a, b in out if b is not None]
    if not sources:
        out = [(None, b) for b in targets]
    return out
