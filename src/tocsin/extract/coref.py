"""In-document coreference for actors (rule-based; the one implementation tocsin uses).

Three kinds of link, all added to the antecedent entity's ``mentions`` so that
``ctx.entity_at(start, end)`` finds the entity for a pronoun or a surname:

- surnames: "Pompeo" after (or before) "Mike Pompeo";
- definite nominals: "the group", "the militia", "the senator", "the president" -> the nearest
  earlier entity of a compatible kind (``data/actors/coref.yaml``);
- pronouns: he/she/it/they and their forms -> the nearest compatible antecedent (gender from
  titles, the KB and first-name lists; number), preferring subjects, and skipping quoted
  speech when the pronoun stands outside it, so a paragraph ending "..., he said." refers to the
  speaker in focus before the quotation.

API for later stages (quotes, events)::

    from tocsin.extract.coref import resolve_mention
    ent = resolve_mention(ctx, start, end)   # Entity or None, for any span: a name, "he", "the group"

The entity stage calls :func:`link_nominals` and :func:`resolve_document`; the state they build is
kept in ``ctx.shared["coref"]`` (a :class:`CorefState`).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional

from tocsin.context import Context
from tocsin.record import Entity, Mention

ORG_KINDS = {"organization", "government", "military", "armed_group", "media", "country"}
MAX_SENTENCES_BACK = 6


@dataclass
class Ante:
    """A mention that may serve as an antecedent."""

    start: int
    end: int
    entity_id: str
    subject: bool
    sent: int
    quoted: bool
    depth: int = 0  # of the mention's head in the parse (main-clause subjects come first)


@dataclass
class CorefState:
    entities: dict[str, Entity]
    infos: dict
    antes: list[Ante] = field(default_factory=list)  # sorted by start
    sent_starts: list[int] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)
    pronouns: dict = field(default_factory=dict)
    nominals: dict = field(default_factory=dict)

    def sent_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, char) - 1)

    def quoted(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.quotes, (start, 10**12)) - 1
        return i >= 0 and self.quotes[i][0] <= start and end <= self.quotes[i][1]


_QUOTE_RE = re.compile(r"“[^”]*”|\"[^\"\n]*\"")


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Stretches inside quotation marks (curly or straight), for the "he said" convention."""
    return [(m.start(), m.end()) for m in _QUOTE_RE.finditer(text)]


# --- nominal anaphors, before grouping ----------------------------------------------------------
def link_nominals(ctx: Context, cands: list, kb) -> list:
    """Give "the group" / "the senator" the key of its antecedent candidate (or add a candidate
    for it). ``cands`` are the entity stage's candidates, sorted by position."""
    from tocsin.extract.entities import Cand

    nominals = (kb.coref or {}).get("nominals") or {}
    if not nominals:
        return cands
    doc = ctx.doc
    sent_starts = [s.start_char for s in doc.sents]
    by_head = {c.head: c for c in cands if c.head >= 0}
    out = list(cands)
    settled: dict = {}  # nominal word -> the state body a setting gave it
    from tocsin.extract.entities import token_indices

    for i in token_indices(doc, frozenset(nominals)):
        tok = doc[i]
        rule = nominals.get(tok.lower_) or nominals.get(tok.lemma_.lower())
        if rule is None or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        lefts = list(tok.lefts)
        if not lefts or lefts[0].lower_ not in ("the", "this", "that", "these", "those") or len(lefts) != 1:
            continue
        if ctx.excluded(tok.idx, tok.idx + len(tok)):
            continue
        det = lefts[0]
        start, end = det.idx, tok.idx + len(tok)
        sent = bisect.bisect_right(sent_starts, start) - 1
        local = _setting_states(tok.sent, kb) if rule.get("setting_state") else set()
        best = None
        for c in reversed(cands):
            if c.end > start or c.source in ("nominal",):
                continue
            if bisect.bisect_right(sent_starts, c.start) - 1 < sent - 2 * MAX_SENTENCES_BACK:
                break
            if c.kind not in rule.get("kinds", []):
                continue
            if rule.get("sector") and c.sector != rule["sector"]:
                continue
            if rule.get("title") and rule["title"] not in (c.title or "").lower():
                continue
            if c.head == tok.i:
                continue
            plural = tok.tag_ in ("NNS", "NNPS")
            if c.kind != "person" and (c.number == "pl") != plural:
                continue  # "the government" is one body, not "officials"
            if local and c.country not in local:
                best = best or c  # the nearest, unless one of the setting's state comes
                continue
            best = c
            break
        if local:
            # a state's body in a sentence set in one state is that state's ("protests against
            # the government continued in Tehran": Iran's, not the Washington named before)
            best = _setting_government(local, best, kb, start, end, tok.i) or best
            if best is not None and best.country in local:
                settled[tok.lower_] = best
        elif best is None:
            best = settled.get(tok.lower_)  # "the government" again, with nothing nearer
        if best is None:
            continue
        own = by_head.get(tok.i)
        if own is not None:
            own.key, own.name, own.kind = best.key, best.name, best.kind
            own.code, own.country, own.sector = best.code, best.country, best.sector
            own.source = "nominal"
        else:
            out.append(Cand(start, end, best.key, best.name, best.kind, best.code, best.country,
                            best.sector, best.gender, best.number, best.title, tok.i, "nominal"))
    out.sort(key=lambda c: (c.start, -c.end))
    return out


def _setting_government(local: set, best, kb, start: int, end: int, head: int):
    """The government of the one state a sentence is set in, as a candidate for a nominal at
    [start, end), when the nearest antecedent is no body of that state; else None."""
    from tocsin.actors.kb import government_id
    from tocsin.extract.entities import Cand

    if len(local) != 1 or (best is not None and best.country in local):
        return None
    (state,) = local
    gid = government_id(state)
    gov = kb.actors.get(gid)
    if gov is None or gov.kind != "government":
        return None
    return Cand(start, end, f"actor:{gid}", gov.name, gov.kind, gov.code, gov.country, gov.sector,
                None, "sg", None, head, "nominal")


def _setting_states(sent, kb) -> set:
    """Country codes of the places a sentence is set in ("in Tehran", "across Iraq": after one of
    coref.yaml's ``setting_preps``), by a country's name or its capital."""
    preps = (kb.coref or {}).get("setting_preps") or ()
    out = set()
    for e in sent.ents:
        if e.label_ != "GPE" or e.root.dep_ != "pobj" or e.root.head.lower_ not in preps:
            continue
        aid = kb.capitals.get(e.text)
        actor = kb.actors.get(aid) if aid else kb.lookup(e.text)
        if actor is not None and actor.country and actor.kind in ("country", "government"):
            out.add(actor.country)
    return out


# --- pronouns and surnames, after grouping --------------------------------------------------------
def _compatible(state: CorefState, ent: Entity, rule: dict) -> bool:
    if ent.kind not in rule.get("kinds", []):
        return False
    info = state.infos.get(ent.id)
    number = rule.get("number", "any")
    if number == "sg":
        if info is not None and info.number == "pl":
            return False
    elif number == "pl":
        if ent.kind == "person":
            return False
        if info is not None and info.number != "pl" and ent.kind not in ORG_KINDS:
            return False
        if ent.kind == "country":
            return False
    g = rule.get("gender")
    if g and info is not None and info.gender and info.gender != g:
        return False
    return True


def _start(a: Ante) -> int:
    return a.start


def _antecedent(state: CorefState, start: int, end: int, rule: dict, subject_of=None) -> Optional[Entity]:
    """The best antecedent for a pronoun at [start, end) under ``rule`` (kinds/number/gender)."""
    sent = state.sent_of(start)
    quoted = state.quoted(start, end)
    antes = state.antes
    i = bisect.bisect_left(antes, start, key=_start)
    ranked = []
    for k in range(i - 1, -1, -1):
        a = antes[k]
        if a.end > start:
            continue
        dist = sent - a.sent
        if dist > MAX_SENTENCES_BACK:
            break
        if a.quoted and not quoted:
            continue
        if quoted and rule.get("number") == "sg" and "person" not in rule.get("kinds", []) and not a.quoted:
            continue  # "it" inside a quotation: only what the quotation itself names
        if subject_of is not None and a.entity_id == subject_of:
            continue
        ent = state.entities.get(a.entity_id)
        if ent is None or not _compatible(state, ent, rule):
            continue
        # subjects first, higher in the parse first (Hobbs-like), then the nearest in the same
        # sentence or the first in an earlier one
        order = -a.start if dist == 0 else a.start
        ranked.append(((dist, 0 if a.subject else 1, a.depth, order), ent))
    if not ranked:
        return None
    ranked.sort(key=lambda x: x[0])
    return ranked[0][1]


def _depth(tok) -> int:
    """Clause depth: verbs between the token and the sentence root."""
    return sum(1 for a in tok.ancestors if a.pos_ in ("VERB", "AUX"))


def _is_expletive(tok) -> bool:
    if tok.lower_ != "it":
        return False
    if tok.dep_ == "expl":
        return True
    head = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass"):
        deps = {c.dep_ for c in head.children}
        # "it's unclear whether...", "it is important to...", "it seems that..."
        if "acomp" in deps and deps & {"ccomp", "xcomp", "csubj", "advcl"}:
            return True
        if head.lemma_ in ("seem", "appear", "happen") and deps & {"ccomp", "xcomp"}:
            return True
    return False


def _wordish(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or ch == "-"  # the regex [\w-] on str


def whole_word(text: str, word: str) -> list[tuple[int, int]]:
    """Where a non-empty ``word`` stands with no word character or hyphen on either side: the
    matches of ``(?<![\\w-])word(?![\\w-])``, found with ``str.find`` (no pattern per word)."""
    out, n, i = [], len(text), text.find(word) if word else -1
    while i >= 0:
        j = i + len(word)
        if (i == 0 or not _wordish(text[i - 1])) and (j >= n or not _wordish(text[j])):
            out.append((i, j))
            i = text.find(word, j)
        else:
            i = text.find(word, i + 1)
    return out


def _add_mention(ent: Entity, start: int, end: int, text: str) -> None:
    if not any(m.start == start and m.end == end for m in ent.mentions):
        ent.mentions.append(Mention(start=start, end=end, text=text[start:end]))


def _named_place(doc, start: int, end: int) -> bool:
    """Whether the NER tags the words at [start, end) as a place or a group of people."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.ent_type_ in ("GPE", "LOC", "FAC", "NORP", "ORG") for t in span)


def resolve_document(ctx: Context, entities: list[Entity], infos: dict, linked: list) -> CorefState:
    """Add surname and pronoun mentions to ``entities``; keep the state in ctx.shared["coref"]."""
    text = ctx.text
    kb_coref = {}
    try:
        from tocsin.actors import kb as kb_mod

        kb_coref = kb_mod.load().coref or {}
    except Exception:  # the KB is optional for coreference
        pass
    state = CorefState(
        entities={e.id: e for e in entities},
        infos=infos,
        sent_starts=[s.start_char for s in ctx.doc.sents],
        quotes=quote_regions(text),
        pronouns=kb_coref.get("pronouns") or {},
        nominals=kb_coref.get("nominals") or {},
    )
    taken = sorted((m.start, m.end) for e in entities for m in e.mentions)

    def free(s: int, e: int) -> bool:
        i = bisect.bisect_right(taken, (e, 10**12))
        for ts, te in taken[max(0, i - 3):i]:
            if ts < e and s < te:
                return False
        return True

    # surnames anywhere in the text; then the first of two surnames ("Meneses" for "Luis
    # Antonio Meneses Benavides") where no other name has taken it
    for attr in ("surname", "first_surname"):
        for ent in entities:
            info = infos.get(ent.id)
            word = getattr(info, attr, None) if info is not None else None
            if ent.kind != "person" or not word or len(word) < 3:
                continue
            for ms, me in whole_word(text, word):
                if attr == "first_surname" and _named_place(ctx.doc, ms, me):
                    continue  # "Santos" the city, not Jose Santos Zelaya
                if free(ms, me) and not ctx.excluded(ms, me):
                    _add_mention(ent, ms, me, text)
                    bisect.insort(taken, (ms, me))
    # antecedent table
    doc = ctx.doc
    for ent in entities:
        for m in ent.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            subject, depth = False, 0
            if span is not None:
                root = span.root
                subject = root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass"))
                depth = _depth(root)
            state.antes.append(Ante(m.start, m.end, ent.id, subject, state.sent_of(m.start), state.quoted(m.start, m.end), depth))
    state.antes.sort(key=lambda a: a.start)
    # pronouns, in text order (each resolved pronoun becomes an antecedent itself)
    from tocsin.extract.entities import token_indices

    for i in token_indices(doc, frozenset(state.pronouns)):
        tok = doc[i]
        rule = state.pronouns.get(tok.lower_)
        if rule is None or tok.tag_ not in ("PRP", "PRP$") or _is_expletive(tok):
            continue
        s, e = tok.idx, tok.idx + len(tok)
        possessive = tok.tag_ == "PRP$"
        if ctx.excluded(s, e) or (not possessive and not free(s, e)):
            continue
        ent = _pronoun_antecedent(state, tok, rule)
        if ent is None:
            continue
        _add_mention(ent, s, e, text)
        if possessive and ent.country:
            _inherit_country(entities, ent, s, e)
        a = Ante(s, e, ent.id, tok.dep_ in ("nsubj", "nsubjpass"), state.sent_of(s), state.quoted(s, e), _depth(tok))
        bisect.insort(state.antes, a, key=lambda x: x.start)
    ctx.shared["coref"] = state
    return state


def _inherit_country(entities: list[Entity], owner: Entity, s: int, e: int) -> None:
    """"its troops" where "its" is the United States: the troops are American."""
    from tocsin.actors.codes import code_of

    for ent in entities:
        if ent is owner or ent.country or ent.kind in ("country", "media"):
            continue
        if any(m.start <= s and e <= m.end and (m.start, m.end) != (s, e) for m in ent.mentions) and len(ent.mentions) == 1:
            ent.country = owner.country
            if ent.sector:
                ent.code = code_of(owner.country, ent.sector)


def _governing_subject(tok):
    """For the subject of a reported clause, the subject of the verb that reports it:
    "U.S. officials said they would...", "Graham announced, saying ... that he expected"."""
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    v = tok.head
    while v.dep_ == "conj" and v.head.i != v.i:
        v = v.head
    if v.dep_ != "ccomp":
        return None
    g = v.head
    for _ in range(4):
        subj = next((c for c in g.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
        if g.dep_ not in ("advcl", "xcomp", "conj", "ccomp") or g.head.i == g.i:
            return None
        g = g.head
    return None


def _pronoun_antecedent(state: CorefState, tok, rule: dict) -> Optional[Entity]:
    s, e = tok.idx, tok.idx + len(tok)
    gov = _governing_subject(tok)
    if gov is not None:
        for a in state.antes:
            if a.start <= gov.idx < a.end and a.end <= s:
                ent = state.entities.get(a.entity_id)
                if ent is not None and _compatible(state, ent, rule):
                    return ent
    subject_of = None
    if not tok.lower_.endswith("self") and tok.dep_ in ("dobj", "pobj", "dative"):
        # "Graham met him": not the subject of the same verb
        verb = tok.head if tok.dep_ != "pobj" else tok.head.head
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                for a in state.antes:
                    if a.start <= c.idx < a.end:
                        subject_of = a.entity_id
    return _antecedent(state, s, e, rule, subject_of)


def resolve_mention(ctx: Context, start: int, end: int) -> Optional[Entity]:
    """The entity a span of the text refers to: a name, a surname, a pronoun ("he") or a
    definite nominal ("the group"). Spans already linked are looked up; a pronoun or nominal not
    yet linked is resolved now and added to the entity's mentions. None when nothing fits."""
    ent = ctx.entity_at(start, end)
    if ent is not None:
        return ent
    state: Optional[CorefState] = ctx.shared.get("coref")
    if state is None:
        return None
    words = ctx.text[start:end].strip().lower().split()
    if not words:
        return None
    rule = state.pronouns.get(words[-1]) if len(words) == 1 else None
    if rule is None and len(words) == 2 and words[0] in ("the", "this", "that"):
        rule = state.nominals.get(words[1])
    if rule is None:
        return None
    ent = _antecedent(state, start, end, rule)
    if ent is not None:
        _add_mention(ent, start, end, ctx.text)
    return ent
