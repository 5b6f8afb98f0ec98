"""The PLOVER event coder: who did what to whom, when, where, how many, asserted or not.

``extract(ctx)`` finds triggers sentence by sentence (:mod:`.triggers`), folds words that
describe the same happening into one mention (a casualty clause into its attack, "met ... to
discuss" into one meeting), reads each mention's participants (:mod:`.arguments`), counts
(:mod:`.counts`), modality and source (:mod:`.modality`), date and place (:mod:`.anchors`),
merges the mentions of one event (:mod:`.merge`) and writes the record's events with their
CAMEO, ACLED and intensity codes (:mod:`.crosswalk`).
"""
from __future__ import annotations

import os
from typing import Optional

from spacy.tokens import Span, Token

from tocsin.context import Context
from tocsin.extract.events import crosswalk
from tocsin.extract.event_dates import shifted_date
from tocsin.extract.events.anchors import Anchors
from tocsin.extract.events.arguments import ArgumentFinder, weapon_start
from tocsin.extract.events.counts import count_victims, is_person_name, names_no_one, number_of
from tocsin.extract.events.lexicon import Lexicon, load
from tocsin.extract.events.merge import Cluster, Mention, cluster, general_mode
from tocsin.extract.events.modality import ModalityFinder
from tocsin.extract.events.tolls import toll_kind
from tocsin.extract.events.triggers import Trigger, find_triggers, phrase_matches, through_quantity, trigger_surface_forms
from tocsin.extract.events.victim_lists import victim_list
from tocsin.ids import item_id
from tocsin.record import Attribution, Event, EventDate, Offsets, Participant, Span as RecSpan

__all__ = ["extract", "trigger_surface_forms", "find_triggers", "phrase_matches", "mentions"]

_LOC_ORDER = {"site": 0, "city": 1, "admin2": 2, "admin1": 3, "region": 4, "water": 4, "country": 5, "article": 9, None: 8}
_DATE_ORDER = {"modifier": 0, "discourse": 1, "published": 2, None: 3}
_REALITY = {"asserted": 0, "claimed": 1, "planned": 2, "hypothetical": 3, "negated": 4}
_DEFINITE = {"the", "this", "that", "these", "those"}
_DEBUG = bool(os.environ.get("TOCSIN_EVENTS_DEBUG"))  # let errors through while developing


def extract(ctx: Context) -> list[Event]:
    """The article's events (never raises on odd text: a sentence that fails is skipped)."""
    try:
        ms = mentions(ctx)
    except Exception:  # an extractor must not take the article down
        if _DEBUG:
            raise
        return []
    events = []
    for n, c in enumerate(_ordered(cluster(ms)), start=1):
        ev = _event(c, item_id("ev", n))
        if ev is not None:
            events.append(ev)
    for n, ev in enumerate(events, start=1):
        ev.id = item_id("ev", n)
    return events


def _ordered(clusters: list[Cluster]) -> list[Cluster]:
    keep = [c for c in clusters if not all(m.casualty_only for m in c.mentions)]
    return sorted(keep, key=lambda c: c.mentions[0].start)


def _paragraph_start(text: str, pos: int) -> int:
    i = text.rfind("\n\n", 0, pos)
    return 0 if i < 0 else i + 2


def _governing_assault(c: Trigger, by_tok: dict[int, Trigger], lex: Lexicon) -> Optional[Trigger]:
    """The attack a casualty word belongs to ("rocket attacks that killed", "a strike ...,
    killing 24", "the bomb killed", "died after an IED detonated")."""
    reporting = lex.cue_set("reporting_verbs")

    def assault_at(t: Token) -> Optional[Trigger]:
        tr = by_tok.get(t.i)
        if tr is not None and tr is not c and tr.type in ("ASSAULT", "PROTEST") and not tr.casualty_only and tr.casualty is None:
            if tr.type == "PROTEST" and c.nominal and not c.casualty_only and tr.head.i == c.head.head.i:
                return None  # "to protest the assassination of X": what the protest is about
            return tr
        for x in by_tok.values():
            if x.support is not None and x.support.i == t.i and x.type == "ASSAULT" and x is not c:
                return x
        return None

    h = c.head
    # its subject, agent or "in/by/during" object names the attack
    advcls = []
    for ch in h.children:
        cands = [ch] if ch.dep_ in ("nsubj", "nsubjpass") else []
        if ch.dep_ in ("agent", "prep") and ch.lower_ in ("by", "in", "during", "after", "from", "when"):
            cands += [p for p in ch.children if p.dep_ in ("pobj", "pcomp")]
        if ch.dep_ == "dobj":  # "killed 30 militants in airstrikes": the parser hangs "in" on the victims
            cands += [p for q in ch.children if q.dep_ == "prep" and q.lower_ in ("in", "during")
                      for p in q.children if p.dep_ == "pobj"]
        if ch.dep_ == "advcl":
            advcls.append(ch)
        for t in cands:
            tr = assault_at(t)
            if tr is not None:
                return tr
    # "condemned the murder of X in an attack": the parser hangs "in an attack" on the verb
    if h.pos_ == "NOUN" and h.dep_ in ("dobj", "nsubjpass", "nsubj"):
        for ch in h.head.children:
            if ch.dep_ == "prep" and ch.lower_ in ("in", "during") and ch.i > h.i:
                for t in (p for p in ch.children if p.dep_ == "pobj"):
                    tr = assault_at(t)
                    if tr is not None and tr.nominal:
                        return tr
    node = h
    links = lex.cue_set("causal_link_nouns")
    for _ in range(4):
        if node.head.i == node.i:
            break
        dep, node = node.dep_, node.head
        if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in reporting:
            break
        if node.lemma_.lower() in links:
            break  # "fired missiles in retaliation for the killing of X": another event
        tr = assault_at(node)
        if tr is not None:
            return tr
        if dep not in ("advcl", "relcl", "conj", "acl", "xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj"):
            break
    if c.casualty_only:
        for t in advcls:
            tr = assault_at(t)
            if tr is not None:
                return tr
        near = [x for x in by_tok.values() if x.type == "ASSAULT" and x.casualty is None and not x.casualty_only]
        if near:
            return min(near, key=lambda x: abs(x.head.i - h.i))
    return None


def _fold(trigs: list[Trigger], lex: Lexicon) -> None:
    """Mark triggers that only describe another trigger's happening."""
    by_tok = {t.head.i: t for t in trigs}
    for t in trigs:
        h = t.head
        if t.casualty_only:
            n, vic = count_victims(h, lex)
            if n is None and not any(v.lemma_.lower() in lex.cue_set("person_nouns") or v.ent_type_ == "PERSON" for v in vic):
                continue  # "a move that hurt the coalition's ability": no one was hurt
        if t.type == "COERCE" and not t.nominal and any(ch.dep_ == "nsubj" for ch in h.children):
            continue  # "police arrested 45 people after clashes": an arrest with its own actor is its own event
        if t.casualty is not None:
            g = _governing_assault(t, by_tok, lex)
            if g is not None:
                t.folded_into = g
                continue
        if not t.nominal:
            # "the swarm attacking the embassy", "the attack killed", "hit by airstrikes"
            if h.dep_ == "acl" and h.head.i in by_tok and by_tok[h.head.i].nominal:
                t.folded_into = by_tok[h.head.i]
                continue
            for ch in h.children:
                if ch.dep_ in ("nsubj",) and ch.i in by_tok and by_tok[ch.i].nominal and by_tok[ch.i].type in (t.type, "PROTEST", "ASSAULT"):
                    t.folded_into = by_tok[ch.i]
                if ch.dep_ == "agent":
                    for p in ch.children:
                        if p.i in by_tok and by_tok[p.i].nominal and by_tok[p.i].type == t.type:
                            by_tok[p.i].folded_into = None
                            t.folded_into = by_tok[p.i]
            if t.folded_into is not None:
                continue
            # "met ... to discuss": a purpose clause of the same type is the same event
            if h.dep_ in ("xcomp", "advcl", "conj") and h.head.i in by_tok and by_tok[h.head.i].type == t.type and h.dep_ != "conj":
                t.folded_into = by_tok[h.head.i]
    # triggers folded into each other ("a guard was hurt when rebels attacked a station": the
    # toll into the attack, the attack's clause into the toll's verb) leave no root: the attack
    # (a trigger that is more than a toll) becomes the root of such a cycle
    for t in trigs:
        cycle, cur = [], t
        while cur.folded_into is not None and all(c is not cur for c in cycle):
            cycle.append(cur)
            cur = cur.folded_into
        if cur.folded_into is not None and cur is t:
            root = next((c for c in cycle if not c.casualty_only), t)
            root.folded_into = None
    # follow chains to the root trigger
    for t in trigs:
        seen = {id(t)}
        while t.folded_into is not None and t.folded_into.folded_into is not None and id(t.folded_into) not in seen:
            seen.add(id(t.folded_into))
            t.folded_into = t.folded_into.folded_into


def mentions(ctx: Context) -> list[Mention]:
    """Every event mention in the article, before within-article coreference."""
    lex = load()
    text = ctx.text
    upper_doc = sum(ch.isupper() for ch in text[:2000]) > 0.6 * max(1, sum(ch.isalpha() for ch in text[:2000]))
    anchors = Anchors(ctx)
    modal = ModalityFinder(ctx, lex)
    out: list[Mention] = []
    doc_phrases = phrase_matches(ctx.doc, lex)
    for si, sent in _numbered_sentences(ctx):
        try:
            trigs = [t for t in find_triggers(sent, lex, upper_doc=upper_doc, doc_phrases=doc_phrases)
                     if not ctx.excluded(t.char_start, t.char_end)]
        except Exception:
            if _DEBUG:
                raise
            continue
        if not trigs:
            try:
                vl = victim_list(sent, si, lex, ArgumentFinder(ctx, lex, {}), text)
            except Exception:
                if _DEBUG:
                    raise
                vl = None
            if vl is not None and not ctx.excluded(vl.start, vl.end):
                out.append(vl)
            continue
        _fold(trigs, lex)
        by_tok = {t.head.i: t for t in trigs}
        args = ArgumentFinder(ctx, lex, by_tok)
        roots = [t for t in trigs if t.folded_into is None]
        from tocsin.extract.events.arguments import span_of

        sentence_participants: set[int] = set()
        for t in trigs:
            a, r = args.for_trigger(t)
            sentence_participants |= {i for x in a + r for i in range(*span_of(x))}
        for root in roots:
            try:
                m = _mention(ctx, lex, sent, si, root, [t for t in trigs if t.folded_into is root], args, modal,
                             anchors, text, sentence_participants, out)
            except Exception:
                if _DEBUG:
                    raise
                continue
            if m is not None:
                out.append(m)
    return out


def _numbered_sentences(ctx: Context):
    """Body sentences with their index; a parser split inside a sentence (no final punctuation
    before it, no line break) keeps the index, so the two parts count as one sentence."""
    si, prev = -1, None
    for sent in _body_sentences(ctx):
        tail = ctx.text[prev.start_char:prev.end_char].rstrip() if prev is not None else ""
        gap = ctx.text[prev.end_char:sent.start_char] if prev is not None else ""
        if prev is None or "\n" in gap or not tail or tail[-1] in _FINAL_PUNCT:
            si += 1
        prev = sent
        yield si, sent


_FINAL_PUNCT = frozenset('.!?"\'”’:;)]')


def _body_sentences(ctx: Context):
    """Sentences with body text. Unlike ``ctx.sentences()`` a sentence that the parser glued to
    a blanked pull-quote box is kept (its excluded part is blank in the parse)."""
    for sent in ctx.doc.sents:
        if not sent.text.strip():
            continue
        if ctx.excluded(sent.start_char, sent.end_char):
            body = [t for t in sent if not t.is_space and not ctx.excluded(t.idx, t.idx + len(t.text))]
            if not body:
                continue
        yield sent


def _participants(args: ArgumentFinder, toks: list[Token]) -> list[Participant]:
    out = []
    for t in toks:
        p = args.participant(t)
        if p is not None and not any(q.start == p.start and q.end == p.end for q in out):
            out.append(p)
    return out


def _mention(ctx, lex, sent: Span, si: int, root: Trigger, parts: list[Trigger], args: ArgumentFinder,
             modal: ModalityFinder, anchors: Anchors, text: str, sentence_participants: set[int],
             prior: list[Mention]) -> Optional[Mention]:
    actor_toks, recip_toks = args.for_trigger(root)
    mode = root.mode
    victims: list[Token] = []
    counts: dict[str, Optional[int]] = {"dead": None, "injured": None, "arrested": None}
    own_victims: dict[int, list[Token]] = {}
    mention_tokens = {root.head.i} | ({root.support.i} if root.support is not None else set())
    for t in [root] + parts:
        mention_tokens.add(t.head.i)
        if t is not root:
            a2, r2 = args.for_trigger(t)
            if not actor_toks and not t.casualty_only:
                actor_toks = a2
            if t.casualty is None and not recip_toks:
                recip_toks = list(r2)
            if mode is None and t.mode is not None and t.type == root.type:
                mode = t.mode
        if t.casualty is not None:
            n, vic = count_victims(t.head, lex)
            if n == 0 and any(c.dep_ == "advmod" and c.lower_ in lex.cue_set("casualty_degree_adverbs")
                              for c in t.head.children):
                n = None  # "no one was seriously hurt": some may have been, lightly
            own_victims[id(t)] = vic
            victims += vic
            if n is not None:
                counts[t.casualty] = (counts[t.casualty] or 0) + n
    # "no one was killed", "no soldiers were hurt in the attack": a count of nought, no victim
    no_one = {t.i for t in recip_toks + victims if names_no_one(t)}
    victims = [v for v in victims if v.i not in no_one]
    recip_toks = [r for r in recip_toks if not names_no_one(r)]
    # a casualty word standing alone ("gunmen killed five peasants") counts its own victims
    if root.casualty is not None and not parts:
        recip_toks = [r for r in recip_toks if r.i not in {v.i for v in victims}]
    toll = root.casualty_only and toll_kind(root.head, lex) is not None
    if toll:
        recip_toks = []  # "the number of victims": no one named
    actor_ids = {a.i for a in actor_toks}
    victims = [v for v in victims if v.i not in actor_ids]
    actors = _participants(args, actor_toks)
    recipients = _participants(args, [r for r in recip_toks if r.i not in actor_ids])
    persons = _participants(args, [n for r in recip_toks + victims if r.i not in actor_ids for n in _person_names(r)])
    victim_ps = _participants(args, victims)
    if victim_ps and not actors and args.reciprocal(root):
        # "X was killed in a gun battle with police": the other side of the fight killed X
        sides = {o.i for p in root.head.children if p.dep_ == "prep" and p.lower_ == "with"
                 for o in p.children if o.dep_ == "pobj"}
        others = _participants(args, [t for t in recip_toks if t.i in sides])
        if others:
            actors = others
            recipients = [r for r in recipients if not any(r.start == a.start for a in others)]
    if victim_ps:
        # "soldiers killed six priests ... at the university": the victims are recipients too
        recipients = victim_ps + [r for r in recipients if not any(v.start <= r.start and r.end <= v.end for v in victim_ps)]
    modality = modal.modality(root)
    if no_one and root.casualty is not None and modality == "negated":
        if any(m.type == "ASSAULT" and m.modality in ("asserted", "claimed") and m.sent_index >= si - 1
               for m in prior):
            modality = "asserted"  # "Rebels attacked the garrison. No one was killed.": its toll
        else:
            counts = {k: None for k in counts}  # "no priest has been murdered": no killing
    elif modality in ("negated", "hypothetical", "planned"):
        # "he was not killed but wounded", "they were going to kill the mayor": no one died of it
        counts = {k: None for k in counts}
    src = modal.source(root, sent)
    source = None
    if src is not None:
        name, eid = None, None
        if src.head is not None:
            ent = ctx.entity_at(src.head.idx, src.head.idx + len(src.head.text)) if ctx.entities else None
            if ent is not None:
                name, eid = ent.name, ent.id
            else:
                p = args.participant(src.head)
                name = p.name if p is not None else None
        source = (src.text, eid, name)
    from tocsin.extract.events.arguments import span_of

    excluded = {i for t in actor_toks for i in range(*span_of(t))}
    if root.casualty_only and counts[root.casualty] is None and not any(
            v.lemma_.lower() in lex.cue_set("person_nouns") or v.ent_type_ == "PERSON" for v in victims):
        return None
    others = {t.head.i for t in args.by_token.values() if t is not root and t not in parts}
    others |= {t.support.i for t in args.by_token.values() if t.support is not None and t is not root and t not in parts}
    date = anchors.date(sent, mention_tokens, _paragraph_start(text, sent.start_char), others,
                        lex.cue_set("reporting_verbs"))
    excluded |= sentence_participants
    location, attached = anchors.location(sent, mention_tokens | {t.i for t in recip_toks}, excluded,
                                          frozenset({root.support.i}) if root.support is not None else frozenset())
    date = shifted_date(root.head, date, lex) or date  # "on Sunday, two days after a strike killed X"
    cause = _answered(root.head, lex)
    if cause:  # "fired missiles on Wednesday in Erbil in retaliation for the killing of X": the
        # sentence's date and place are the answer's, not the killing's
        lo = min(x.idx for x in root.head.subtree)
        hi = max(x.idx + len(x.text) for x in root.head.subtree)
        if date is not None and not (date.source == "modifier" and date.start is not None and lo <= date.start < hi):
            date = EventDate(value=ctx.published.isoformat(), precision="unknown", source="published") \
                if ctx.published is not None else None
        own = [p for p in ctx.places if lo <= p.start < hi]
        if location is not None and not (attached and any(p.id == location.place_id for p in own)):
            location, attached = None, False
    det = next((c for c in root.head.children if c.dep_ == "det"), None)
    # also a gerund the parser took for a verb ("Zarif called the killing an act of terrorism")
    definite = (root.nominal or root.head.tag_ == "VBG") and det is not None and det.lower_ in _DEFINITE
    conf = 0.45 + (0.15 if actors else 0) + (0.1 if recipients else 0) + (0.05 if not root.nominal else 0)
    if root.head.lemma_.lower() in ("strike", "hit", "target", "fight", "deal", "back", "release", "free"):
        conf -= 0.1
    instruments = []
    mode_cues = lex.cues.get("mode_cues") or {}
    measures = lex.cue_set("measure_nouns")
    for t in [root] + parts:
        near = list(t.head.children)
        near += [o for c in near if c.lemma_.lower() in measures
                 and (o := through_quantity(c, lex)) is not c]  # "detonated 50 kg of dynamite"
        for d in t.head.subtree if t.nominal else near:
            if d.lemma_.lower() in mode_cues and d.i != t.head.i:
                instruments.append(d)
            elif not t.nominal and d.dep_ in ("nsubj", "nsubjpass"):
                w = args.weapon_compound(d)
                loaded = args.loaded_weapon(d) if w is None else None
                if loaded is not None:  # "a car loaded with dynamite exploded": the dynamite
                    instruments.append(loaded)
                    mode = mode or (mode_cues.get(loaded.lemma_.lower()) if root.type == "ASSAULT" else None)
                if w is not None:
                    instruments.append(d)  # "the missile barrage struck": mode from "missile"
                    if mode is None and root.type == "ASSAULT":
                        mode = mode_cues[w.lemma_.lower()]
        if t.nominal and t.head.lemma_.lower() in mode_cues:
            instruments.append(t.head)
        if t.nominal and t.support is not None and root.type == "ASSAULT":
            for d in t.support.children:  # "U.S. aircraft carried out a strike": mode from the platform
                if d.dep_ == "nsubj" and d.lemma_.lower() in mode_cues and args.owned_platform(d):
                    instruments.append(d)
                    if mode is None:
                        mode = mode_cues[d.lemma_.lower()]
    if root.type == "ASSAULT" and root.head.lemma_.lower() in mode_cues:
        instruments.append(root.head)
    attackers = lex.cue_set("suicide_attacker_nouns")
    if root.type == "ASSAULT" and mode in (None, "explosives") and any(
            a.lemma_.lower() in attackers and any(mode_cues.get(c.lower_) == "suicide-attack" for c in a.children)
            for a in actor_toks):
        mode = "suicide-attack"  # "a suicide bomber detonated explosives"
    inst_text = []
    weapons = lex.cue_set("weapon_nouns")
    for d in instruments:
        if d.pos_ not in ("NOUN", "PROPN") and d.dep_ not in ("amod", "compound"):
            continue  # but "a dynamite attack", which the tagger may call an adjective
        if d.lemma_.lower() not in weapons and d.lower_ not in weapons:
            continue  # the event word itself ("opened fire", "air raid") or a platform or
            # shooter that gave the mode ("air force", "helicopters", "gunmen"), no weapon
        inst_text.append(d.doc[weapon_start(d, sent.start, lex):d.i + 1].text)
    return Mention(
        type=root.type, mode=mode, start=root.char_start, end=root.char_end,
        text=text[root.char_start:root.char_end], sent_index=si,
        actors=actors, recipients=recipients, victims=victim_ps, instruments=sorted(set(inst_text)),
        dead=counts["dead"], injured=counts["injured"], arrested=counts["arrested"],
        modality=modality, source=source, date=date, location=location, definite=definite,
        place_attached=attached,
        bare_casualty=root.casualty is not None and not actors and not parts,
        casualty_only=root.casualty_only,
        toll=toll,
        persons=persons,
        additive=_mention_additive([t for t in [root] + parts if t.casualty is not None], own_victims, lex),
        weak_actor=bool(actor_toks) and all(a.dep_ in ("amod", "compound", "nmod") and a.head.i == root.head.i for a in actor_toks),
        extra_spans=[(p.char_start, p.char_end) for p in parts],
        confidence=max(0.05, min(0.95, conf)),
        cause=cause,
    )


def _answered(t: Token, lex: Lexicon) -> bool:
    """Whether an event word is named as what another event answers or follows ("in retaliation
    for the killing of X", "in response to the attack", "two days after a U.S. strike"): the
    sentence's date and place are the other event's."""
    if t.dep_ == "pobj" and t.head.lower_ in ("after", "before", "following") and t.head.head.pos_ in ("VERB", "AUX"):
        return True
    links = lex.cue_set("causal_link_nouns")
    node = t
    for _ in range(4):
        if node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in links:
            return True
        if node.pos_ in ("VERB", "AUX"):
            return False
    return False


def _person_names(t: Token) -> list[Token]:
    """The person's name a participant gives: itself, or the name in apposition to a common
    noun ("the judge Carlos Vardel")."""
    if is_person_name(t):
        return [t]
    return [c for c in t.children if c.dep_ == "appos" and is_person_name(c)][:1]


def _mention_additive(casualties: list[Trigger], victims: dict[int, list[Token]], lex: Lexicon) -> bool:
    """Whether all of a mention's tolls add to an earlier one ("the driver was also killed in
    the attack"); a mention that also gives a toll of its own is not additive."""
    return bool(casualties) and all(_additive(t, victims.get(id(t), []), lex) for t in casualties)


def _additive(root: Trigger, victims: list[Token], lex: Lexicon) -> bool:
    """Whether a casualty report adds victims to an earlier toll: "two more people were
    wounded", "another passenger died", "a nurse was also killed"."""
    cues = lex.cue_set("additive_cues")
    if any(c.dep_ == "advmod" and c.lower_ in cues for c in root.head.children):
        return True
    return any(c.lower_ in cues and c.dep_ in ("amod", "advmod", "det") for v in victims for c in v.subtree
               if c.i < v.i)


def _union(parts: list[Participant]) -> list[Participant]:
    from tocsin.extract.events.merge import same_participant

    out: list[Participant] = []
    for p in parts:
        if not any(same_participant(p, q) for q in out):
            out.append(p)
    return out


def _event(c: Cluster, ev_id: str) -> Optional[Event]:
    ms = [m for m in c.mentions if not m.casualty_only] or c.mentions
    modes = [m.mode for m in c.mentions if m.mode]
    mode = max(set(modes), key=lambda x: (modes.count(x), -modes.index(x))) if modes else None
    if mode and len(set(modes)) > 1:
        specific = [x for x in modes if (c.type, x) not in {("PROTEST", "demo")}]
        mode = specific[0] if specific else mode
        kinds = [x for x in modes if general_mode(x) == mode]
        mode = kinds[0] if kinds else mode  # "suicide-attack" over the "explosives" it is
    main = next((m for m in ms if m.mode == mode and m.actors), None) or next((m for m in ms if m.actors), None) or ms[0]
    with_actor = [m for m in c.mentions if m.actors] or c.mentions
    modality = min((m.modality for m in with_actor), key=lambda x: _REALITY[x])
    actors = _union([p for m in ([main] + c.mentions) for p in m.actors])
    recipients = _union([p for m in ([main] + c.mentions) for p in m.recipients])
    from tocsin.extract.events.merge import names_match

    recipients = [r for r in recipients if not any(names_match(r, a) for a in actors)]
    # the attack's own date before a death's ("shot last night ... died this morning")
    dated = [m for m in c.mentions if m.date is not None]
    date = min(dated, key=lambda m: (_DATE_ORDER.get(m.date.source, 3), m.casualty_only)).date if dated else None
    locs = [(not m.place_attached, _LOC_ORDER.get(m.location.precision, 8), m.location) for m in c.mentions if m.location is not None]
    location = min(locs, key=lambda x: (x[0], x[1]))[2] if locs else None
    counts = {}
    for attr in ("dead", "injured", "arrested"):
        # repeated tolls of one event are one toll; "two more", "also killed" add to the toll
        # given before them (with none before, they are the toll)
        total: Optional[int] = None
        for m in sorted(c.mentions, key=lambda x: x.start):
            v = getattr(m, attr)
            if v is not None:
                total = total + v if m.additive and total is not None else max(total or 0, v)
        counts[attr] = total
    src = next((m.source for m in c.mentions if m.source is not None), None)
    attribution = Attribution(entity_id=src[1], name=src[2], text=src[0]) if src else None
    spans = sorted({(m.start, m.end) for m in c.mentions})
    conf = min(0.95, max(m.confidence for m in c.mentions) + 0.05 * (len(ms) - 1))
    return Event(
        id=ev_id, type=c.type, mode=mode, context=None,
        cameo=crosswalk.cameo(c.type, mode), acled=crosswalk.acled(c.type, mode, [r.code for r in recipients]),
        trigger=RecSpan(start=main.start, end=main.end, text=main.text),
        actors=actors, recipients=recipients, date=date, location=location,
        dead=counts["dead"], injured=counts["injured"], arrested=counts["arrested"],
        modality=modality, attribution=attribution, intensity=crosswalk.intensity(c.type, mode),
        confidence=round(conf, 3), mentions=[Offsets(start=s, end=e) for s, e in spans],
    )
