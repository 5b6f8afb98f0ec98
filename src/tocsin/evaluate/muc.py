"""Score ASSAULT events against MUC-4 (terrorism stories and answer-key templates).

Per story: incident detection (the story has an incident template / tocsin codes an asserted
or claimed ASSAULT). Role fillers scored two ways: GRIT's entity scoring (Du, Rush and Cardie
2021; :mod:`tocsin.evaluate.muc_grit`: exact match after normalisation, Victim = slot 18
names), and the older head-noun match over PerpInd (slot 9), PerpOrg (10), Target (12), Victim
(18 and 19) and Weapon (6), where a predicted string matches a gold entity when it equals one
of its alternatives or shares its head noun (the last word). Also: date (slot 2: the event's
day) and location (slot 3: one of its places; a key that names only a country takes any place
in it) accuracy, and victim counts: on templates whose slot 21/23 give a number and a DEATH
or INJURY effect, paired one to one per victim, whether an event of the story has that many
dead / injured. The stories are
all capitals: the pipeline truecases them for the parser (:mod:`tocsin.ingest.truecase`).
``tocsin evaluate muc --data ../shared/data/muc4 --split tst1,tst2``.
"""
from __future__ import annotations

import calendar
import re
from datetime import date
from pathlib import Path
from typing import Optional

import typer

from tocsin.evaluate._common import PRF, echo, require_path
from tocsin.evaluate.muc_grit import GritScore, gold_entities
from tocsin.evaluate.muc_incidents import combat_only, muc_incident
from tocsin.extract.events.counts import is_person_name, names_no_one

ROLES = {"PerpInd": ("9",), "PerpOrg": ("10",), "Target": ("12",), "Victim": ("18", "19"), "Weapon": ("6",)}
_STORY = re.compile(r"^((?:DEV|TST\d)-MUC\d-\d{4})(?:[ \t]+\([^)\n]*\))?[ \t]*$", re.M)
_SLOT = re.compile(r"^(\d+)\.\s+([A-Z ]+:[A-Z ]+?)\s{2,}(.*)$")
_MONTHS = {m: i for i, m in enumerate(["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1)}
_DATE = re.compile(r"\b(\d{1,2}) (JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]* (\d{2})\b")
_DETS = re.compile(r"^(THE|A|AN|SOME|TWO|THREE|SEVERAL|OTHER|ITS|THEIR|HIS)\s+")


def read_stories(path: Path) -> dict[str, str]:
    text = path.read_text(encoding="latin-1")
    parts = _STORY.split(text)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def read_keys(path: Path) -> dict[str, list[dict]]:
    """Story id -> its templates, each a dict slot number -> list of value lines."""
    out: dict[str, list[dict]] = {}
    for block in re.split(r"\n\s*\n", path.read_text(encoding="latin-1")):
        tpl: dict[str, list[str]] = {}
        last = None
        for line in block.splitlines():
            if line.startswith(";"):
                continue
            m = _SLOT.match(line)
            if m:
                last = m.group(1)
                tpl[last] = [m.group(3).strip()]
            elif last and line.strip():
                tpl[last].append(line.strip())
        if "0" in tpl:
            sid = tpl["0"][0].split()[0]  # "DEV-MUC3-0001 (NCCOSC)" -> the story id
            out.setdefault(sid, [])
            if tpl.get("1", ["*"])[0] != "*" and tpl.get("4", ["*"])[0] != "*":
                out[sid].append(tpl)
    return out


def story_text(text: str) -> str:
    """A story as an article: wrapped lines joined into paragraphs, the dateline ("LIMA, 11
    JAN 90 (EFE) --") a sentence and paragraph of its own, the "[TEXT]" markers dropped. The case stays: the pipeline truecases all-capitals text before parsing."""
    paragraphs = re.split(r"\n[ \t]*\n", text.strip())
    t = "\n\n".join(" ".join(x.strip() for x in p.splitlines() if x.strip()) for p in paragraphs)
    t = _DATELINE.sub(lambda m: m.group(1) + ".\n\n", t, count=1)  # the dateline is a header
    return re.sub(r"\[(?:TEXT|EXCERPT)\]\s*", "", t)


_DATELINE = re.compile(r"^([^\n]{0,80}?\b\d{1,2} [A-Z]{3}[A-Z]* \d{2}\b[^\n]{0,80}?)\s+--\s*")


def published(text: str) -> Optional[str]:
    m = _DATE.search(text[:300])
    if not m:
        return None
    d, mon, y = int(m.group(1)), _MONTHS[m.group(2)], 1900 + int(m.group(3))
    try:
        return date(y, mon, d).isoformat()
    except ValueError:
        return None


def _strings(value_lines: list[str], before_colon: bool = False) -> list[tuple[str, ...]]:
    """Gold entities of a slot: each line one entity, its alternatives split by "/"."""
    ents = []
    for line in value_lines:
        if line in ("-", "*"):
            continue
        if before_colon and ":" in line:
            line = line.split(":")[0]
        alts = tuple(norm(a) for a in re.findall(r'"((?:[^"\\]|\\.)*)"', line))
        if alts:
            ents.append(alts)
    return ents


def norm(s: str) -> str:
    s = s.upper().replace('\\"', "").replace('"', "")
    s = re.sub(r"[^A-Z0-9 ]+", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return _DETS.sub("", s)


_CUT = {"THAT", "WHO", "WHICH", "WHOSE", "OF", "IN", "AT", "ON", "FROM", "WITH", "BY", "FOR", "NEAR", "A", "AN"}


def head_word(s: str) -> str:
    """The head noun of a filler: its last word before a relative clause or a preposition
    ("BUILDING THAT HOUSES THE ..." -> BUILDING, "MEMBERS OF THE FMLN" -> MEMBERS)."""
    words = s.split()
    out = []
    for w in words:
        if w in _CUT and out:
            break
        out.append(w)
    return out[-1] if out else ""


def _match(pred: str, alts: tuple[str, ...]) -> bool:
    p = norm(pred)
    if not p:
        return False
    for a in alts:
        if p == a or (a and head_word(p) == head_word(a)):
            return True
    return False


def gold_roles(templates: list[dict]) -> dict[str, list[tuple[str, ...]]]:
    roles: dict[str, list[tuple[str, ...]]] = {r: [] for r in ROLES}
    for tpl in templates:
        for role, slots in ROLES.items():
            for s in slots:
                for ent in _strings(tpl.get(s, []), before_colon=(s == "19")):
                    if ent not in roles[role]:
                        roles[role].append(ent)
    return roles


_PRONOUNS = {"he", "she", "they", "it", "its", "their", "his", "our", "my", "your", "we", "him", "her", "them",
             "us", "i", "you", "who", "which", "that", "whom", "one", "others", "this", "these", "those"}


def predicted_roles(ctx, lex) -> dict[str, list[str]]:
    """Document-level fillers per role from the story's asserted or claimed ASSAULT mentions:
    actors are perpetrators (an organisation, by its entity kind, head noun or acronym form,
    is PerpOrg; an organisation named inside an actor phrase, "FMLN terrorists", "terrorists of
    the FMLN", is PerpOrg too), recipients and victims are physical targets (by head noun) or
    victims. Fillers sharing a head noun within a role are one filler (our own dedupe)."""
    from tocsin.extract.events import mentions
    from tocsin.extract.events.arguments import name_in_apposition, span_of

    perps = lex.cue_set("perpetrator_nouns")
    orgs = lex.cue_set("org_nouns") - perps
    physical = lex.cue_set("physical_nouns")
    locative = lex.cue_set("locative_nouns")
    military = military_targets(lex)
    people = lex.cue_set("person_nouns") | {"people", "persons"}
    combatants = lex.cue_set("combatant_nouns")
    months = {m.lower() for m in calendar.month_name[1:] + calendar.month_abbr[1:] + calendar.day_name[:]}
    out: dict[str, list[str]] = {r: [] for r in list(ROLES) + ["VictimName"]}
    titles = people | lex.cue_set("honorifics")
    ents = {e.id: e for e in ctx.entities}

    place_spans = [(p.start, p.end) for p in ctx.places if not p.metonymy] or [
        (e.start_char, e.end_char) for e in ctx.doc.ents if e.label_ in ("GPE", "LOC")]

    # words of a name the NER tags as a person's somewhere in the story: the same name it
    # tags as an organisation or place in another sentence ("Oqueli Colindres was kidnapped")
    # is that person
    from tocsin.actors.kb import load as actor_kb

    person_words = {t.lower_ for e in ctx.doc.ents if e.label_ == "PERSON" for t in e if t.pos_ == "PROPN"}

    kb = actor_kb()
    first_names = kb.given_names()

    def person_elsewhere(h) -> bool:
        """A name the NER tags as a person's elsewhere in the story, or a proper noun after a
        first name ("the assassinated Carlos Pizarro", "the murder of Jaime Pardo Leal")."""
        if h.pos_ == "PROPN" and any(c.dep_ == "compound" and c.i < h.i and c.lower_ in first_names for c in h.children):
            return True
        if h.pos_ != "PROPN" or h.lower_ not in person_words:
            return False
        e = ctx.entity_at(h.idx, h.idx + len(h.text)) if ctx.entities else None
        known = kb.lookup(e.name) if e is not None else None
        return known is None or known.kind == "person"  # not a group the actor base knows

    def is_place(p) -> bool:
        return any(s <= p.start and p.end <= e for s, e in place_spans)

    def head_tok(p):
        span = ctx.char_span(p.start, p.end)
        return span.root if span is not None and len(span) else None

    def skip(p, h) -> bool:
        low = h.lower_ if h is not None else ""
        partitive = h is not None and (low in ("one", "some") or h.pos_ == "NUM") and any(
            c.dep_ == "prep" and c.lower_ == "of" for c in h.children)  # "one of the gunmen"
        return (not low or (low in _PRONOUNS and not partitive) or low in months or is_place(p)
                or (h is not None and h.ent_type_ in ("DATE", "TIME", "CARDINAL") and not partitive))

    def named_group(p) -> bool:
        """An armed group or organisation the actor base knows by name ("the Extraditables"),
        not a common noun capitalised at a sentence start ("Guerrillas ambushed ...")."""
        e = ents.get(p.entity_id) if p.entity_id else None
        return e is not None and e.kind in ("armed_group", "organization") and kb.lookup(e.name) is not None

    def kind_of(p) -> str:
        e = ents.get(p.entity_id) if p.entity_id else None
        return e.kind if e is not None else ""

    def ent_span(t):
        return next((e for e in ctx.doc.ents if e.start <= t.i < e.end), None)

    def org_inside(p, h) -> list[str]:
        """Organisations named inside an actor phrase or in its "of" phrase."""
        found = []
        # "a group of terrorists from the X": the phrase after the group's "of" too
        inner = [o for t in h.children if t.dep_ == "prep" and t.lower_ == "of" for o in t.children if o.dep_ == "pobj"]
        for t in list(h.children) + [t for o in inner[:1] for t in o.children if t.dep_ == "prep"]:
            if t.dep_ == "prep" and t.lower_ in ("of", "from"):
                for o in t.children:
                    if o.dep_ == "pobj" and (o.ent_type_ == "ORG" or o.lower_ in orgs or _acronym(o)):
                        s0 = min(x.idx for x in o.subtree)
                        e0 = max(x.idx + len(x) for x in o.subtree)
                        found.append(Filler(ctx.text[s0:e0], s0, e0))
            elif t.dep_ in ("compound", "nmod", "amod") and t.i < h.i:
                e = ent_span(t)
                if e is not None and e.label_ == "ORG" and not (e.start <= h.i < e.end) and any(
                        x.pos_ == "PROPN" for x in e):  # not "Urban guerrillas", an adjective the NER took for a name
                    found.append(Filler(ctx.text[e.start_char:e.end_char], e.start_char, e.end_char))
                elif _acronym(t):
                    found.append(Filler(ctx.text[t.idx:t.idx + len(t)], t.idx, t.idx + len(t)))
        return found

    platforms = (frozenset(lex.cues.get("mode_cues") or {}) | lex.cue_set("military_craft")) - people - perps  # not "gunmen"
    incident_triggers: list[tuple[int, int]] = []
    event_of = {(o.start, o.end): e for e in (ctx.events or []) for o in e.mentions}
    for m in mentions(ctx):
        if not muc_incident(ctx, lex, m.type, m.modality, m.start, m.end, m.recipients + m.victims, m.actors, m.date,
                            m.mode):
            ev = event_of.get((m.start, m.end))
            # a mention of an event whose other mentions name a non-military target is no combat
            # ("opened fire on the police guarding a substation that was damaged in the attack")
            if ev is None or combat_only(ctx, ev.recipients, lex) or not muc_incident(
                    ctx, lex, m.type, m.modality, m.start, m.end, ev.recipients, m.actors, m.date, m.mode):
                continue
        victim_spans = {(v.start, v.end) for v in m.recipients + m.victims}
        for p in m.actors:
            h = head_tok(p)
            if skip(p, h) or (p.start, p.end) in victim_spans:
                continue
            if kind_of(p) == "country" or (h is not None and h.ent_type_ in ("GPE", "LOC")):
                continue
            if h is not None and ({h.lemma_.lower(), h.lower_.rstrip("s")} & (platforms | lex.cue_set("sufferer_nouns"))):
                continue  # "helicopter gunships", "Avianca's Boeing 727" are craft; "the victims" suffered it
            f = Filler(p.text, p.start, p.end)
            named = name_in_apposition(ctx, h)
            if named is not None:  # "the chief of the gang, Pablo Escobar", which the record codes as the name
                h, f = named, _filler(ctx, *span_of(named))
            low = h.lower_ if h is not None else ""
            generic = h is not None and (h.lemma_.lower() in combatants or low.rstrip("s") in combatants)
            is_org = low in orgs or low.rstrip("s") in orgs or (h is not None and not generic and (
                _acronym(h) or (h.pos_ == "PROPN" and (h.ent_type_ == "ORG" or named_group(p)))))  # not
            # "Guerrillas" the NER calls an organisation at a sentence start
            if is_org:
                out["PerpOrg"].append(f)
            elif h is not None and _agentive(h, people | perps) and not _bare_collective(h, lex):
                # not "the shock wave", "shrapnel", "the incident"; with its number, which slot 9
                # keeps ("TWO PAID ASSASSINS": no count slot holds it)
                nums = [x for c in h.children if c.dep_ == "nummod" and c.idx < f.start for x in c.subtree]
                start = min([x.idx for x in nums] + [f.start])
                name = person_name(ctx, h, titles) if h.ent_type_ == "PERSON" and h.pos_ == "PROPN" else ""
                if name and name.lower() not in f.lower():  # a name written out in full elsewhere
                    out["PerpInd"].append(Filler(name, h.idx, h.idx + len(h.text)))  # ("Pablo Escobar Gaviria")
                else:
                    out["PerpInd"].append(Filler(ctx.text[start:f.end], start, f.end))
            if h is not None:
                out["PerpOrg"] += org_inside(p, h)
        for p in m.recipients + m.victims:
            h = head_tok(p)
            if skip(p, h) or kind_of(p) in ("country",):
                continue
            for h, text in [(h, Filler(p.text, p.start, p.end))] + described(ctx, h):
                low, lemma = h.lower_, h.lemma_.lower()
                if (low in physical or lemma in physical) and not (low in locative or lemma in locative):
                    if lemma not in military:
                        out["Target"].append(text)  # not "bombed populated areas": where, not what
                elif lemma in combatants or low in combatants or lemma in locative or low in locative:
                    continue  # combat losses of guerrillas are no MUC victims; "the Zacamil
                    # neighborhood" is where, not whom
                elif lemma in people or low in people or h.ent_type_ in ("PERSON", "NORP") or _named_person(h) or (
                        h.pos_ == "PROPN" and h.ent_type_ not in ("GPE", "LOC", "FAC", "ORG")) or person_elsewhere(h):
                    out["Victim"].append(text)
                    # a name the NER takes for a person's: in truecased text an unknown place is
                    # a proper noun too ("Tecoluca jurisdiction", "corregimiento")
                    if (_named_person(h) and any(t.ent_type_ == "PERSON" for t in h.subtree)) or person_elsewhere(h):
                        out["VictimName"].append(Filler(person_name(ctx, h, titles), h.idx, h.idx + len(h.text)))  # MUC slot 18, the one GRIT scores
        out["Weapon"] += [_without_measure(i, lex) for i in m.instruments]
        incident_triggers += [(m.start, m.end)] + list(m.extra_spans)
    out["Weapon"] += sentence_weapons(ctx, lex, incident_triggers)
    out["Target"] += near_targets(ctx, lex, incident_triggers)
    out["PerpOrg"] += responsible_orgs(ctx, lex, orgs, incident_triggers)
    out["Target"] = [f for f in out["Target"] if not unlisted_target(ctx, lex, f)]
    out["Weapon"] = [w for w in out["Weapon"] if norm(w).lower() not in lex.cue_set("bare_weapon_words")]
    if not out["PerpOrg"]:
        out["PerpOrg"] += sole_group(ctx, lex, out["PerpInd"])
    for r in out:
        groups: list[tuple[set, list]] = []  # fillers sharing a head noun or an entity are one
        for s in out[r]:
            keys = {head_word(norm(s))} | ({("entity", ent.id)} if (ent := _entity_of(ctx, s)) is not None else set())
            if not all(keys):
                continue
            g = next((g for g in groups if g[0] & keys), None)
            if g is None:
                groups.append((set(keys), [s]))
            else:
                g[0].update(keys)
                g[1].append(s)
        # a weapon or organisation is named by its fullest description ("car bomb", not a later
        # "the bomb"), a person or thing by its shortest ("the individuals", not "three
        # individuals"; "the car", not "the judge's car"), as the keys mostly do (DEV: +12 true
        # fillers against the fullest; shortest weapons -3, organisations +3 on DEV but -2 on TST)
        if r in ("PerpInd", "Target"):
            out[r] = [min(g[1], key=lambda x: (len(norm(x).split()), g[1].index(x))) for g in groups]
        else:
            out[r] = [max(g[1], key=lambda x: (len(norm(x).split()), -g[1].index(x))) for g in groups]
    return out


def sole_group(ctx, lex, perpetrators: list) -> list:
    """The one armed group the story names, when its perpetrators are only irregulars named by
    a common noun ("the guerrillas", "rebels"): they are that group's ("the FMLN"). Nothing
    when the story names two groups or none, or a perpetrator is of another kind."""
    from tocsin.actors.kb import load as actor_base

    irregular = lex.cue_set("combatant_nouns")
    heads = [head_word(norm(p)).lower() for p in perpetrators]
    if not heads or not all(h in irregular or h.rstrip("s") in irregular for h in heads):
        return []
    kb = actor_base()
    groups = [e for e in ctx.entities if e.kind == "armed_group" and kb.lookup(e.name) is not None]
    if len(groups) != 1:
        return []
    named = [m for m in groups[0].mentions if kb.lookup(m.text) is not None]  # the name, not "two FMLN rebels"
    if not named:
        return []
    m = max(named, key=lambda m: (len(m.text), -m.start))
    return [Filler(m.text, m.start, m.end)]


def _without_measure(weapon: str, lex) -> str:
    """A weapon without the measure the record keeps with it ("500 kg of dynamite" -> "dynamite"):
    the keys mostly list the bare weapon (on DEV the measured form matched fewer)."""
    units = "|".join(re.escape(u) for u in sorted(lex.cue_set("measure_nouns"), key=len, reverse=True))
    return re.sub(rf"^.*?\b(?:{units})s?\s+of\s+", "", weapon, flags=re.IGNORECASE)


class Filler(str):
    """A filler string that remembers where the text names it (None when it does not)."""

    start: Optional[int]
    end: Optional[int]

    def __new__(cls, text: str, start: Optional[int] = None, end: Optional[int] = None):
        obj = super().__new__(cls, text)
        obj.start, obj.end = start, end
        return obj


def _filler(ctx, s0: int, e0: int) -> Filler:
    """The filler for tokens [s0, e0) of the parse."""
    start, end = ctx.doc[s0].idx, ctx.doc[e0 - 1].idx + len(ctx.doc[e0 - 1])
    return Filler(ctx.text[start:end], start, end)


def _entity_of(ctx, s: str):
    """The named entity (person, organisation, armed group) a filler names, by the entity
    stage's coreference: "FMLN" and "Farabundo Marti National Liberation Front" are one."""
    start, end = getattr(s, "start", None), getattr(s, "end", None)
    if start is None or not ctx.entities:
        return None
    ent = ctx.entity_at(start, end)
    return ent if ent is not None and ent.kind not in ("country", "other") else None


def filler_text(s: str, lex) -> str:
    """A description filler as the MUC-4 keys write it (task definition, slots 9 and 19): no
    leading quantifiers or unhelpful modifiers ("several houses" -> "houses", "another guerrilla
    column" -> "guerrilla column")."""
    drop = lex.cue_set("filler_drop_words") | {"the", "a", "an"}
    words = re.sub(r"^(?:\s*\[[^\]]*\])+\s*", "", s).split()  # an editor's "[EXCERPTS]" before it
    while len(words) > 1 and words[0].lower().strip(".,") in drop and words[1].lower() != "than":
        words = words[1:]  # not "more than seven people"
    return " ".join(words)


def _named_person(h) -> bool:
    """Whether a participant head is (the end of) a person's name: a PERSON or a proper noun
    that is no place or organisation, or a word the truecaser left lower-case right after a
    PERSON name ("Jorge Adolfo vargas")."""
    if is_person_name(h):
        return True
    return h.i > 0 and h.doc[h.i - 1].ent_type_ == "PERSON" and h.doc[h.i - 1].dep_ == "compound" \
        and h.doc[h.i - 1].head.i == h.i


def person_name(ctx, h, titles: frozenset) -> str:
    """The fullest version of a person's name in the story, without titles or honorifics, as
    the MUC-4 task definition fills slot 18 ("RICARDO ALFONSO CASTELLAR", not "MAYOR ..."):
    the longer of the person entity's name and the name words before the head, after its last
    title or nationality ("PDC LEADER DANILO BARILLAS" -> "DANILO BARILLAS")."""
    start = h.i
    while start > h.sent.start and h.doc[start - 1].dep_ == "compound" and (
            h.doc[start - 1].pos_ == "PROPN" or h.doc[start - 1].ent_type_ == "PERSON"):
        start -= 1
    while start < h.i and (h.doc[start].lower_.rstrip(".") in titles or h.doc[start].lemma_.lower() in titles
                           or h.doc[start].is_punct):  # "Mr . Meneses", the title's stop a token of its own
        start += 1
    local = ctx.text[h.doc[start].idx:h.idx + len(h.text)]
    ent = ctx.entity_at(h.idx, h.idx + len(h.text)) if ctx.entities else None
    name = ent.name if ent is not None and ent.kind == "person" and ent.name and len(ent.name.split()) > len(
        local.split()) else local
    for x in h.doc:  # the name written out in full elsewhere in the story ("Julio Torres" for "Torres")
        if x.lower_ != h.lower_ or x.i == h.i or x.pos_ != "PROPN":
            continue
        s0, e0 = x.i, x
        while s0 > x.sent.start and h.doc[s0 - 1].pos_ == "PROPN" and h.doc[s0 - 1].dep_ == "compound":
            s0 -= 1
        while e0.dep_ == "compound" and e0.head.i == e0.i + 1 and e0.head.pos_ == "PROPN":
            e0 = e0.head  # a surname followed by a second one ("Meneses" in "Luis Antonio Meneses Benavides")
        other = ctx.text[h.doc[s0].idx:e0.idx + len(e0.text)]
        if len(other.split()) > len(name.split()) and f" {local.lower()} " in f" {other.lower()} ":
            name = other
    from tocsin.actors.kb import load as actor_kb

    words = name.split()
    demonyms = actor_kb().demonyms
    # the entity's longest mention may carry a description ("PDC LEADER DANILO BARILLAS",
    # "EL ESPECTADOR DIRECTOR GUILLERMO CANO", "SPANIARD JOSE MARIA MARTINEZ"): the name is what
    # follows its last title or nationality
    last = max((i for i, w in enumerate(words[:-1]) if _title_word(w.strip(".,"), titles, demonyms)), default=-1)
    return " ".join(words[last + 1:])


def _title_word(w: str, titles: frozenset, demonyms) -> bool:
    """A title, a person noun or a nationality, also in the plural ("Ecuadoreans Luis Antonio
    Meneses ...", "councilmen Juan Manuel Garabito", "U.S. citizens David Leslie Kent")."""
    low = w.lower()
    singular = {low, low[:-1] if low.endswith("s") else low, low[:-3] + "man" if low.endswith("men") else low}
    return bool(singular & titles) or any(x.title() in demonyms for x in singular)


def country_codes() -> dict[str, str]:
    """Normalised country name -> ISO 3166-1 alpha-2, from the gazetteer."""
    from tocsin.geo.gazetteer import load as gazetteer

    return {norm(p.name): cc for cc, p in gazetteer().countries.items()}


def location_right(where, key: str, countries: dict[str, str]) -> bool:
    """Whether an event's location agrees with a template's slot 3 ("EL SALVADOR: SAN MIGUEL
    (CITY)"): it names one of the slot's places, or, where the slot names only a country, it
    lies in that country (the key knows no finer place to hold it to)."""
    if where is None or not where.name:
        return False
    parts = [norm(x) for x in re.split(r"[:();]", key) if norm(x)]
    if norm(where.name) in parts:
        return True
    head = norm(key.split(":")[0])
    return ":" not in key and head in countries and where.country == countries[head]


def incident_counts(events) -> list[tuple[Optional[int], Optional[int]]]:
    """(dead, injured) of each event, and of each incident our events form: events with the
    same stated date and the same place (not the article's focus) are one incident, their
    counts summed (a template counts every victim of its incident)."""
    out = [(e.dead, e.injured) for e in events]
    groups: dict[tuple[str, str], list] = {}
    for e in events:
        if (e.date and e.date.value and e.date.source in ("modifier", "discourse") and e.location
                and e.location.name and e.location.precision != "article"):
            groups.setdefault((e.date.value, e.location.name), []).append(e)
    for evs in groups.values():
        if len(evs) > 1:
            dead = [e.dead for e in evs if e.dead is not None]
            hurt = [e.injured for e in evs if e.injured is not None]
            out.append((sum(dead) if dead else None, sum(hurt) if hurt else None))
    return out


def described(ctx, h) -> list[tuple]:
    """The other fillers one victim phrase holds, as (head token, text): its appositions and
    theirs ("two reporters, Roberto Navas and Mauricio Pineda"; "Navas, a Reuter
    photographer"), and the title before a name ("Dutch reporter Cornell Lagrow" -> "Dutch
    reporter"): MUC keeps a victim's name and description as two fillers."""
    from tocsin.extract.events.arguments import span_of

    out = []
    todo = [h]
    seen = {h.i}
    if h.pos_ in ("NUM", "PRON") or h.lower_ in ("some", "several", "many"):  # "two of her
        # bodyguards, A and B": the people the partitive counts
        todo += [o for p in h.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    while todo:
        t = todo.pop()
        for c in t.children:
            if c.dep_ in ("appos", "conj") and c.pos_ in ("NOUN", "PROPN") and c.i not in seen:
                seen.add(c.i)
                todo.append(c)
                if c.dep_ == "appos" or t.i != h.i:
                    s0, e0 = span_of(c)
                    out.append((c, _filler(ctx, s0, e0)))
        for c in t.children:  # "a guard named Barroso", "an agronomist identified as X"
            if c.dep_ == "acl" and c.lemma_.lower() in ("name", "identify", "call"):
                names = [x for x in c.children if x.dep_ == "oprd"] + [
                    x for p in c.children if p.dep_ == "prep" and p.lower_ == "as" for x in p.children if x.dep_ == "pobj"]
                for x in names[:1]:
                    s0, e0 = span_of(x)
                    out.append((x, _filler(ctx, s0, e0)))
        if t.pos_ == "PROPN":
            s0, _ = span_of(t)
            nouns = [x for x in ctx.doc[s0:t.i] if x.pos_ == "NOUN"]
            if nouns:
                last = nouns[-1]
                out.append((last, _filler(ctx, s0, last.i + 1)))
    return out


def _path(a, b) -> int:
    """Number of dependency arcs between two tokens of a sentence."""
    up_a = [a] + list(a.ancestors)
    ids_b = {t.i: k for k, t in enumerate([b] + list(b.ancestors))}
    for k, t in enumerate(up_a):
        if t.i in ids_b:
            return k + ids_b[t.i]
    return 99


def _trigger_sentences(ctx, triggers: list[tuple[int, int]]):
    """(trigger's root token, token) for every token of each attack trigger's sentence."""
    for start, end in triggers:
        span = ctx.char_span(start, end)
        if span is None or not len(span):
            continue
        trig = span.root
        for t in trig.sent:
            yield trig, t


def military_targets(lex) -> frozenset:
    """Installations and craft of the armed forces (a garrison, a patrol, a helicopter): an
    attack on them is combat, and MUC-4's keys seldom list them as physical targets."""
    return frozenset(lex.cue_set("security_force_nouns") | lex.cue_set("military_craft"))


def unlisted_target(ctx, lex, f) -> bool:
    """A physical target the keys do not list: a weapon ("a Guazapa-type mine"), the bare
    word "targets" ("important targets"), or an installation or craft its modifier gives to
    the armed forces ("military offices", "the national police station", "armored vehicles"),
    like those ``military_targets`` names."""
    span = ctx.char_span(f.start, f.end) if getattr(f, "start", None) is not None else None
    if span is None or not len(span):
        return False
    h = span.root
    lemma = h.lemma_.lower()
    if lemma in lex.cue_set("weapon_nouns") or lemma in lex.cue_set("bare_target_words"):
        return True
    mods = lex.cue_set("security_force_modifiers")
    return any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in mods for c in h.children)


def near_targets(ctx, lex, triggers: list[tuple[int, int]]) -> list[str]:
    """Physical things an attack's trigger governs through a preposition or as its object
    ("a bomb exploded at the headquarters of X", "used explosives against the town hall"),
    two arcs away at most; places where it happened ("in the town") are not targets."""
    from tocsin.extract.events.arguments import on_route, span_of

    physical = lex.cue_set("physical_nouns") - lex.cue_set("locative_nouns") - military_targets(lex)
    trigger_roots = {trig.i for trig, _ in _trigger_sentences(ctx, triggers)}
    out = []
    for trig, t in _trigger_sentences(ctx, triggers):
        if t.pos_ != "NOUN" or not (t.lemma_.lower() in physical or t.lower_ in physical):
            continue
        if t.dep_ not in ("pobj", "dobj", "nsubjpass") or _path(t, trig) > 3 or t.i == trig.i:
            continue
        if t.dep_ == "pobj" and t.head.lower_ in ("from", "to", "into", "with", "by", "of"):
            continue
        if on_route(t, lex):
            continue  # "ambushed a bus on the Litoral highway": where, not what
        if t.dep_ == "pobj" and t.head.head.lemma_.lower() in lex.cue_set("aftermath_verbs"):
            continue  # "died later at Rosales hospital": where a victim went, not what was hit
        if _in_time_clause(t, lex, trigger_roots):
            continue  # "shot as he was leaving his home": when it happened, not what was hit
        s0, e0 = span_of(t)
        out.append(_filler(ctx, s0, e0))
    return out


def _in_time_clause(t, lex, trigger_roots: set) -> bool:
    """Whether a noun is the object of a verb of a clause that says when an attack happened
    ("as he was leaving his home", "while travelling between his home and office"), a verb
    that is no attack itself."""
    gov = t.head if t.dep_ in ("dobj", "nsubjpass") else t.head.head
    return gov.pos_ in ("VERB", "AUX") and gov.i not in trigger_roots and gov.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in lex.cue_set("time_clause_marks") for c in gov.children)


def sentence_weapons(ctx, lex, triggers: list[tuple[int, int]]) -> list[str]:
    """Weapon nouns close in the parse (three arcs at most) to an attack's trigger, with their
    compounds ("car bomb", "AK-47 machineguns", "dynamite charges", "105-mm field guns")."""
    from tocsin.extract.events.arguments import modifier_start

    weapons = lex.cue_set("weapon_nouns")

    def is_weapon(t) -> bool:
        if t.lemma_.lower() in weapons or t.lower_ in weapons:
            return True  # "charges" only with a weapon word: "dynamite charges", not court charges
        return t.lemma_.lower() == "charge" and any(c.dep_ in ("compound", "amod") and (
            c.lemma_.lower() in weapons or c.lower_ in weapons) for c in t.children)

    out = []
    for trig, t in _trigger_sentences(ctx, triggers):
        if t.pos_ != "NOUN" or not is_weapon(t) or _path(t, trig) > 3:
            continue
        if t.dep_ == "compound" and is_weapon(t.head):
            continue
        out.append(_filler(ctx, modifier_start(t, trig.sent.start, ("compound",)), t.i + 1))
    return out


def responsible_orgs(ctx, lex, orgs, triggers: list[tuple[int, int]]) -> list[str]:
    """Organisations a sentence with an incident puts the attack on, by the sentence's grammar:
    the subject of "claimed responsibility" or of "X was responsible", the object of an
    accusing verb ("accused X", cues.yaml ``accusing_verbs``) or of "held X responsible", the
    object of a blaming verb's "to" or "on" ("attributed ... to X", "blamed ... on X",
    ``blaming_verbs``). Other organisations named in such a sentence (the ministry reporting
    it, the court) are not."""
    claimers = lex.cue_set("responsibility_verbs")
    accusing, blaming = lex.cue_set("accusing_verbs"), lex.cue_set("blaming_verbs")
    mention_starts = {s for s, _ in triggers}
    heads = []
    for sent in ctx.doc.sents:
        if not any(sent.start_char <= s < sent.end_char for s in mention_starts):
            continue
        for t in sent:
            lem = t.lemma_.lower()
            if t.pos_ in ("VERB", "AUX") and lem in claimers and any(
                    c.dep_ == "dobj" and c.lemma_.lower() in lex.cue_set("responsibility_nouns") for c in t.children) \
                    and not any(c.dep_ == "neg" for c in t.children):
                heads += [c for c in t.children if c.dep_ == "nsubj"]
            elif t.pos_ == "VERB" and (lem in accusing or any(c.lower_ == "responsible" for c in t.subtree)):
                heads += [c for c in t.children if c.dep_ == "dobj"]  # "accused X", "held X responsible"
            if t.pos_ == "VERB" and lem in blaming:
                heads += [o for p in t.children if p.dep_ in ("prep", "dative") and p.lower_ in ("on", "to")
                          for o in p.children if o.dep_ == "pobj"]  # "blamed ... on X", "attributed ... to X"
            if t.lower_ == "responsible" and t.dep_ == "acomp":
                heads += [c for c in t.head.children if c.dep_ == "nsubj"]
    found = []
    for h in heads:
        hs = [h] + [c for c in h.children if c.dep_ == "conj"]
        for x in hs:
            if names_no_one(x):
                continue  # "no organization has claimed responsibility", "neither X nor Y"
            ent = next((e for e in ctx.doc.ents if e.start <= x.i < e.end and e.label_ in ("ORG", "NORP")), None)
            if ent is not None:
                s0, e0 = ent.start_char, ent.end_char
            elif x.lower_ in orgs or x.lemma_.lower() in orgs or _acronym(x):
                s0 = min(y.idx for y in x.subtree if y.i >= x.i - 3 and y.i <= x.i)
                e0 = x.idx + len(x)
            else:
                continue
            known = ctx.entity_at(s0, e0) if ctx.entities else None
            if known is not None and known.kind in ("media", "person", "country"):
                continue
            found.append(Filler(ctx.text[s0:e0], s0, e0))
    return found


def _bare_collective(h, lex) -> bool:
    """A collective head with nothing that says who ("the group", "the same group"): it stands
    for a group the story names elsewhere, which the keys list instead."""
    if h.lemma_.lower() not in lex.cue_set("collective_heads") or h.pos_ != "NOUN":
        return False
    return not any(c.dep_ not in ("det", "predet") and c.lower_ not in lex.cue_set("filler_drop_words") | {"same"}
                   for c in h.children)


def _agentive(h, person_words) -> bool:
    """Whether a head noun names people: a person or group noun of the lexicon, a name, or a
    noun of a person suffix ("narcoterrorists")."""
    lemma = h.lemma_.lower()
    return (lemma in person_words or h.lower_ in person_words or h.ent_type_ in ("PERSON", "NORP")
            or (h.pos_ == "PROPN" and h.ent_type_ not in ("GPE", "LOC", "FAC", "DATE"))
            or lemma.endswith(("ist", "ists")))


def _acronym(t) -> bool:
    """An all-capitals word of 2-6 letters in the parsed (truecased) text: "FMLN", "ELN"."""
    return 2 <= len(t.text) <= 6 and t.text.isalpha() and t.text.isupper()


def _key_date(m: re.Match) -> Optional[str]:
    try:
        return date(1900 + int(m.group(3)), _MONTHS[m.group(2)], int(m.group(1))).isoformat()
    except ValueError:
        return None


def _counts(tpl: dict) -> Optional[tuple[Optional[int], Optional[int]]]:
    """(dead, injured) of a template: slot 21's numbers paired in order with slot 23's
    DEATH/INJURY effects per victim; a kind with an approximate number ("~100", "PLURAL"), or
    a victim with more effects than numbers or more numbers than effects (the pairing is not
    said), is left out (None)."""
    nums: dict[str, list[Optional[int]]] = {}
    for line in tpl.get("21", []):
        m = re.match(r'^([^:"]+):\s*"(.*)"', line)
        if m:
            val = m.group(1).strip()
            nums.setdefault(norm(m.group(2).split('"')[0]), []).append(int(val) if val.isdigit() else None)
    totals: dict[str, Optional[int]] = {}
    bad: set[str] = set()
    seen: dict[str, int] = {}
    effects: dict[str, list[str]] = {}
    stated: dict[str, int] = {}  # effects of any kind per victim ("NO INJURY", "REGAINED FREEDOM")
    for line in tpl.get("23", []):
        m = re.match(r'^(DEATH|INJURY):\s*"(.*)"', line)
        if m:
            effects.setdefault(norm(m.group(2).split('"')[0]), []).append(m.group(1))
        m = re.match(r'^[^"]*:\s*"(.*)"', line)
        if m:
            key = norm(m.group(1).split('"')[0])
            stated[key] = stated.get(key, 0) + 1
    for key, kinds in effects.items():
        # more effects than numbers, or more numbers than effects ("12: STUDENT LEADERS", "5:
        # STUDENT LEADERS" with one DEATH): which number died is not said
        if key in nums and (len(kinds) > len(nums[key]) or len(nums[key]) > stated.get(key, 0)):
            bad.update(kinds)
    for line in tpl.get("23", []):
        m = re.match(r'^(DEATH|INJURY):\s*"(.*)"', line)
        if not m:
            continue
        key = norm(m.group(2).split('"')[0])
        if key not in nums:
            continue
        i = seen.get(key, 0)
        seen[key] = i + 1
        vals = nums[key]
        # one number for a victim with two effects ("5: PEOPLE", DEATH and INJURY) does
        # not say how many died and how many were hurt
        n = vals[i] if i < len(vals) else None
        if n is None:
            bad.add(m.group(1))
        else:
            totals[m.group(1)] = totals.get(m.group(1), 0) + n
    dead = None if "DEATH" in bad else totals.get("DEATH")
    injured = None if "INJURY" in bad else totals.get("INJURY")
    return None if dead is None and injured is None else (dead, injured)


def command(
    data: Path = typer.Option(Path("../shared/data/muc4"), help="The muc4 folder (dev/, tst1/, tst2/)."),
    split: str = typer.Option("tst1,tst2", help="Comma-separated splits: dev, tst1, tst2."),
    limit: Optional[int] = typer.Option(None, help="Score only the first N stories of each split."),
    offset: int = typer.Option(0, help="Skip the first N stories of each split."),
    errors: bool = typer.Option(False, help="Print per-story count mismatches and role misses."),
) -> None:
    """Incident detection, GRIT role-filler F1, date/location and victim-count accuracy on MUC-4."""
    from tocsin.evaluate.wikievents import code_context
    from tocsin.extract.events.lexicon import load

    lex = load()
    countries = country_codes()
    grit = GritScore()
    detect, roles = PRF(), {r: PRF() for r in ROLES}
    total = PRF()
    dates = [0, 0]
    places = [0, 0]
    counts = [0, 0]
    n = 0
    for sp in [s.strip() for s in split.split(",") if s.strip()]:
        folder = require_path(Path(data) / sp, f"MUC-4 {sp}")
        texts: dict[str, str] = {}
        keys: dict[str, list[dict]] = {}
        for f in sorted(folder.iterdir()):
            if f.name.startswith("key-"):
                keys.update(read_keys(f))
            elif f.is_file():
                texts.update(read_stories(f))
        for k, (sid, raw) in enumerate(sorted(texts.items())[offset:]):
            if limit is not None and k >= limit:
                break
            n += 1
            tpls = keys.get(sid, [])
            ctx = code_context(story_text(raw), published(raw))
            assaults = [e for e in ctx.events if e.type == "ASSAULT" and e.modality in ("asserted", "claimed")]
            events = [e for e in assaults if muc_incident(ctx, lex, e.type, e.modality, e.trigger.start,
                                                          e.trigger.end, e.recipients, e.actors, e.date, e.mode)]
            has_gold, has_pred = bool(tpls), bool(events)
            detect.tp += has_gold and has_pred
            detect.fp += has_pred and not has_gold
            detect.fn += has_gold and not has_pred
            gold = gold_roles(tpls)
            pred = predicted_roles(ctx, lex)
            story = story_text(raw)
            grit_pred = {r: [[filler_text(s, lex)] for s in pred[r]] for r in ROLES}
            grit_pred["Victim"] = [[s] for s in pred["VictimName"]]
            grit_miss = grit.add(grit_pred, gold_entities(tpls, story))
            if errors:
                for r, (fp, fn) in grit_miss.items():
                    for e in fp:
                        echo(f"{sid} GRIT {r} FP {e[0]!r}")
                    for e in fn:
                        echo(f"{sid} GRIT {r} FN {e[0]!r}")
            for r in ROLES:
                used = set()
                for p in pred[r]:
                    hit = next((i for i, g in enumerate(gold[r]) if i not in used and _match(p, g)), None)
                    if hit is None:
                        roles[r].fp += 1
                        if errors:
                            echo(f"{sid} {r} FP {p!r}")
                    else:
                        used.add(hit)
                        roles[r].tp += 1
                roles[r].fn += len(gold[r]) - len(used)
                if errors:
                    for i, g in enumerate(gold[r]):
                        if i not in used:
                            echo(f"{sid} {r} FN {g[0]!r}")
            for tpl in tpls:
                gd = _DATE.search(tpl.get("2", [""])[0])
                want = _key_date(gd) if gd and "-" not in tpl.get("2", [""])[0] else None
                if want is not None:  # a key date that is no calendar day ("31 NOV 89") is skipped
                    dates[1] += 1
                    dates[0] += any(e.date and e.date.value and e.date.value[:10] == want for e in events)
                loc = tpl.get("3", ["-"])[0]
                if loc not in ("-", "*"):
                    places[1] += 1
                    places[0] += any(location_right(e.location, loc, countries) for e in events)
                c = _counts(tpl)
                if c is not None:
                    counts[1] += 1
                    dead, injured = c
                    have = incident_counts(assaults)
                    ok = any((dead is None or d == dead) and (injured is None or i == injured) for d, i in have)
                    counts[0] += ok
                    if errors and not ok:
                        echo(f"{sid} COUNT want dead={dead} injured={injured} have {have}")
    for r in ROLES:
        total.tp += roles[r].tp
        total.fp += roles[r].fp
        total.fn += roles[r].fn
    echo(f"MUC-4 {split}: {n} stories")
    echo(detect.row("incident detection (story)"))
    echo("GRIT role-filler entity scoring (exact match after normalisation, Victim = names):")
    for r in ROLES:
        echo(grit.roles[r].row(f"  {r}"))
    echo(grit.micro.row("GRIT micro average"))
    echo(f"GRIT macro F1 over roles {grit.macro_f1:.3f}")
    echo("Head-noun match (Victim = names and descriptions):")
    for r in ROLES:
        echo(roles[r].row(f"  {r}"))
    echo(total.row("role-filler entity (micro)"))
    macro = sum(roles[r].f1 for r in ROLES) / len(ROLES)
    echo(f"role-filler entity F1 (macro over roles) {macro:.3f}")
    echo(f"date accuracy      {dates[0]}/{dates[1]} = {dates[0] / max(dates[1], 1):.3f}")
    echo(f"location accuracy  {places[0]}/{places[1]} = {places[0] / max(places[1], 1):.3f}")
    echo(f"victim counts right on {counts[0]}/{counts[1]} templates with a number and DEATH/INJURY = {counts[0] / max(counts[1], 1):.3f}")
