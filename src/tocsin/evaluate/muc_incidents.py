"""Which events MUC-4 templates (its task definition, part 1): an asserted or claimed attack
that is not combat, war or an armed forces' operation naming no victim, not a generic
reference and not old. Used by the MUC-4 evaluator (:mod:`tocsin.evaluate.muc`) to decide
the incidents of a story before it maps their participants to template slots.
"""
from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Optional

from tocsin.extract.events.arguments import who_of


def muc_incident(ctx, lex, type_: str, modality: str, start: int, end: int, victims, actors,
                 when=None, mode: Optional[str] = None) -> bool:
    """Whether an event or mention is what MUC-4's task definition templates: an asserted or
    claimed ASSAULT that is not combat ("clashes"; attacks on guerrillas or only on the
    security forces), not a generic reference (a bare plural with no participant: "bombings
    in the cities"), not an operation of the armed forces that names no victim and is no
    targeted killing ("the air force bombed areas near Perquin"; a massacre by the army is
    one) and recent (at most two months before the story when its date is stated)."""
    if type_ != "ASSAULT" or modality not in ("asserted", "claimed") or combat_only(ctx, victims, lex):
        return False
    if mode != "targeted" and forces_only(ctx, actors, lex) and not _civilian_victims(ctx, victims, lex):
        return False
    if when is not None and when.value and when.source == "modifier" and ctx.published:
        d = _latest_day(when.value)
        if d is not None and (ctx.published - d).days > 62:
            return False
    span = ctx.char_span(start, end)
    if span is None or not len(span):
        return True
    root = span.root
    if root.lemma_.lower() in lex.cue_set("combat_words") or root.lower_ in lex.cue_set("combat_words"):
        return False
    generic = root.tag_ == "NNS" and not victims and not actors and not any(
        c.dep_ in ("det", "nummod", "poss") for c in root.children)
    return not generic


def forces_only(ctx, actors, lex) -> bool:
    """Whether every actor of an attack is a state's armed force ("the Salvadoran air force",
    "11th Brigade troops", "helicopter gunships")."""
    forces = lex.cue_set("security_force_nouns") | lex.cue_set("military_craft")
    modifiers = lex.cue_set("security_force_modifiers")
    heads = [sp.root for p in actors if (sp := ctx.char_span(p.start, p.end)) is not None and len(sp)]
    return bool(heads) and all(_state_force(ctx, h, forces, modifiers) for h in heads)


def _state_force(ctx, h, forces, modifiers) -> bool:
    """Whether a head names a state's force: by its noun or modifier, and not an armed group
    named like one ("the Army of National Liberation", "the ELN army")."""
    if armed_group(ctx, h) or any(c.dep_ == "prep" and c.lower_ == "of" for c in h.children):
        return False
    return h.lemma_.lower() in forces or h.lower_ in forces or any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in modifiers for c in h.children)


def _civilian_victims(ctx, victims, lex) -> bool:
    """Whether an attack names a victim or target that is no place ("the outskirts")."""
    locative = lex.cue_set("locative_nouns")
    for p in victims:
        sp = ctx.char_span(p.start, p.end)
        if sp is None or not len(sp) or sp.root.ent_type_ in ("DATE", "TIME", "GPE", "LOC"):
            continue
        if sp.root.lemma_.lower() not in locative and sp.root.lower_ not in locative:
            return True
    return False


def _latest_day(value: str) -> Optional[date]:
    """The last day a date value can mean: "1989-05-24TNI" -> 24 May, "1988-08" -> 31 August,
    "1988" -> 31 December; None for anything else (a week, a season, a range)."""
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T\w+)?$", value)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2) or 12), m.group(3)
    try:
        return date(y, mo, int(d) if d else calendar.monthrange(y, mo)[1])
    except ValueError:
        return None


def combat_only(ctx, victims, lex) -> bool:
    """Whether every victim or target of an attack is an irregular combatant ("three
    subversives were killed during clashes") or a security force or installation ("an army
    convoy", "soldiers"): combat, which MUC-4 does not template."""
    combatants = lex.cue_set("combatant_nouns") | lex.cue_set("security_force_nouns")
    modifiers = lex.cue_set("security_force_modifiers")
    forces = lex.cue_set("security_force_nouns")
    heads = []
    for p in victims:
        span = ctx.char_span(p.start, p.end)
        if span is not None and len(span) and span.root.ent_type_ not in ("DATE", "TIME"):
            h = span.root
            for _ in range(3):  # "two of the wounded subversives", "members of the FARC"
                who = who_of(h)
                if who is None:
                    break
                h = who
            heads.append(h)  # a time the parser took for a target says nothing
    return bool(heads) and all(h.lemma_.lower() in combatants or h.lower_ in combatants or armed_group(ctx, h) or any(
        (c.dep_ in ("compound", "amod") and c.lemma_.lower() in modifiers)
        or (c.dep_ == "compound" and c.lemma_.lower() in forces) for c in h.children) for h in heads)


def armed_group(ctx, h) -> bool:
    """Whether a token names an armed group the entity stage knows ("the FARC")."""
    e = ctx.entity_at(h.idx, h.idx + len(h.text)) if ctx.entities else None
    return e is not None and e.kind == "armed_group"
