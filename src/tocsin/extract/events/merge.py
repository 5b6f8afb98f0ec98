"""Within-article event coreference: mentions of one event become one event.

Mentions are taken in text order; each joins the earlier cluster it agrees with best, or
starts a new one. Two mentions can be one event when they have the same PLOVER type, modes
that do not clash, the same reality (an asserted attack does not merge with a hypothetical
one), no clashing actors (nor actor/recipient swapped), dates, places or counts; they must
also share some evidence: a place, a date, an actor or recipient, a mode, a count, or a
definite description pointing back ("the rocket strike", "the protest").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from tocsin.extract.events.lexicon import load
from tocsin.record import EventDate, Location, Participant

_GENERIC_MODES = {("PROTEST", "demo")}
_REAL = {"asserted", "claimed"}


def general_mode(mode: Optional[str]) -> Optional[str]:
    """The general mode a specific one is a kind of ("suicide-attack" -> "explosives";
    ``mode_kinds`` in cues.yaml), else None."""
    return (load().cues.get("mode_kinds") or {}).get(mode)


def modes_agree(a: str, b: str) -> bool:
    """Modes of one event that do not clash: the same, or a general one and its specific kind."""
    return a == b or general_mode(a) == b or general_mode(b) == a


@dataclass
class Mention:
    """One report of an event: a trigger with what its sentence says about it."""

    type: str
    mode: Optional[str]
    start: int
    end: int
    text: str
    sent_index: int
    actors: list[Participant] = field(default_factory=list)
    recipients: list[Participant] = field(default_factory=list)
    victims: list[Participant] = field(default_factory=list)
    instruments: list[str] = field(default_factory=list)
    dead: Optional[int] = None
    injured: Optional[int] = None
    arrested: Optional[int] = None
    modality: str = "asserted"
    source: Optional[tuple] = None  # (text, entity_id, name)
    date: Optional[EventDate] = None
    location: Optional[Location] = None
    definite: bool = False
    casualty_only: bool = False
    place_attached: bool = False
    bare_casualty: bool = False  # a casualty report without an actor ("four soldiers were wounded")
    weak_actor: bool = False  # the actor is only a modifier of the trigger ("Iranian proxy attack")
    additive: bool = False  # its toll adds to the event's ("two more people", "was also killed")
    toll: bool = False  # a toll statement ("the death toll rose to 59"): may update the count
    persons: list[Participant] = field(default_factory=list)  # recipients named by a person's name
    cause: bool = False  # named as what another event answers ("in retaliation for the killing")
    extra_spans: list[tuple[int, int]] = field(default_factory=list)
    confidence: float = 0.5


def _norm(s: str) -> str:
    s = s.lower().replace("’", "'")
    s = re.sub(r"^(the|a|an|both|all)\s+", "", s)
    return re.sub(r"[^a-z0-9 ]+", " ", s).strip()


def names_match(a: Participant, b: Participant) -> bool:
    if a.entity_id and b.entity_id:
        return a.entity_id == b.entity_id
    x, y = _norm(a.name), _norm(b.name)
    if not x or not y:
        return False
    return x == y or re.search(rf"\b{re.escape(x)}\b", y) is not None or re.search(rf"\b{re.escape(y)}\b", x) is not None


def _named(p: Participant) -> bool:
    return bool(p.entity_id) or any(w[:1].isupper() for w in p.name.split())


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.mentions[0].type

    def modes(self) -> set[str]:
        return {m.mode for m in self.mentions if m.mode and (m.type, m.mode) not in _GENERIC_MODES}

    def reality(self) -> set[str]:
        return {"real" if m.modality in _REAL else m.modality for m in self.mentions}

    def actors(self) -> list[Participant]:
        return [p for m in self.mentions for p in m.actors]

    def recipients(self) -> list[Participant]:
        return [p for m in self.mentions for p in m.recipients + m.victims]

    def values(self, attr: str) -> set:
        return {getattr(m, attr) for m in self.mentions if getattr(m, attr) is not None}

    def dates(self) -> set[str]:
        return {m.date.value for m in self.mentions if m.date and m.date.source != "published" and m.date.value}

    def places(self, attached_only: bool = False) -> list[Location]:
        return [m.location for m in self.mentions if m.location and m.location.precision != "article"
                and m.location.name and (m.place_attached or not attached_only)]

    def last_sentence(self) -> int:
        return max(m.sent_index for m in self.mentions)


def _head_word(text: str) -> str:
    words = re.findall(r"[a-z]+", text.lower())
    w = words[-1] if words else ""
    return w[:-1] if w.endswith("s") and len(w) > 3 else w


def _dates_clash(a: set[str], b: set[str]) -> bool:
    if not a or not b:
        return False
    return not any(x.startswith(y) or y.startswith(x) for x in a for y in b)


def same_place(x: Location, y: Location) -> bool:
    if x.geonameid and y.geonameid and x.geonameid == y.geonameid:
        return True
    a, b = _norm(x.name or ""), _norm(y.name or "")
    return bool(a and b) and (a == b or re.search(rf"\b{re.escape(a)}\b", b) is not None or re.search(rf"\b{re.escape(b)}\b", a) is not None)


def _places_clash(a: list[Location], b: list[Location]) -> bool:
    for x in a:
        for y in b:
            if same_place(x, y):
                continue
            if x.country and y.country and x.country != y.country:
                return True
            if x.precision == "city" and y.precision == "city":
                return True
    return False


def score(c: Cluster, m: Mention) -> Optional[float]:
    """Evidence that ``m`` reports the event of cluster ``c``; None when they clash."""
    if c.type != m.type:
        return None
    if any(x.sent_index == m.sent_index and x.cause != m.cause for x in c.mentions):
        return None  # "X fired missiles in retaliation for the killing of Y": two events
    real = "real" if m.modality in _REAL else m.modality
    if c.reality() != {real}:
        return None
    modes = c.modes()
    if m.mode and (m.type, m.mode) not in _GENERIC_MODES and modes and not any(modes_agree(m.mode, x) for x in modes):
        return None
    named_c = [p for x in c.mentions if not x.weak_actor for p in x.actors if _named(p)]
    named_m = [p for p in m.actors if _named(p)] if not m.weak_actor else []
    if named_c and named_m and not any(names_match(a, b) for a in named_c for b in named_m):
        return None
    if any(names_match(a, r) for a in m.actors for r in c.recipients() if _named(a) and _named(r)):
        return None
    if any(names_match(a, r) for a in c.actors() for r in m.recipients if _named(a) and _named(r)):
        return None
    if m.type == "ASSAULT" and m.mode == "targeted" and "targeted" in modes:
        # the murder of X and the murder of Y are two events
        named_c = [p for x in c.mentions for p in x.persons]
        if named_c and m.persons and not any(names_match(a, b) for a in named_c for b in m.persons):
            return None
        if named_c and not m.persons and m.dead is not None and m.dead > len({p.name or p.text for p in named_c}):
            return None  # "the assassination of X" and "the assassination of four candidates"
    if m.sent_index - c.last_sentence() > 1 and _person_and_thing(c, m):
        return None
    for attr in ("dead", "injured"):
        vals = c.values(attr)
        v = getattr(m, attr)
        if v is not None and vals and v not in vals and not m.additive and not m.toll:
            return None
    # a toll's date is when it was counted, not when the attack happened
    # nor is the date of the paragraph a definite reference sits in ("on Sunday, police arrested
    # two suspects in connection with the bombing")
    m_dates = {m.date.value} if m.date and m.date.source != "published" and m.date.value and not m.toll \
        and not (m.definite and m.date.source == "discourse") else set()
    if _dates_clash(c.dates(), m_dates) and not _died_later(c, m, m_dates):
        return None
    m_places = [m.location] if m.location and m.location.precision != "article" and m.location.name else []
    if m.place_attached and _places_clash(c.places(attached_only=True), m_places):
        return None
    s = 0.0
    if m_places and any(same_place(p, m_places[0]) for p in c.places()):
        s += 2
    if m_dates and m_dates & c.dates():
        own = [x for x in c.mentions if x.date and x.date.value in m_dates and x.date.source != "discourse"]
        # two mentions that both only inherit the paragraph's date share no evidence by it
        # (in different sentences)
        same_sentence = any(x.sent_index == m.sent_index for x in c.mentions)
        s += 1.5 if own or m.date.source != "discourse" or same_sentence else 0
    if any(names_match(a, b) for a in c.actors() for b in m.actors):
        s += 1
    if any(names_match(a, b) for a in c.recipients() for b in m.recipients + m.victims):
        s += 1
    if m.mode and any(modes_agree(m.mode, x) for x in modes):
        s += 1
    for attr in ("dead", "injured"):
        v = getattr(m, attr)
        if v is not None and v in c.values(attr):
            s += 1
    if m.definite:
        s += 1.5
        if any(_head_word(x.text) == _head_word(m.text) for x in c.mentions):
            s += 1  # "the raids" points back to "air raids", not to "the rocket attack"
    gap = m.sent_index - c.last_sentence()
    if gap <= 1 and (m.casualty_only or m.bare_casualty or any(x.casualty_only for x in c.mentions)
                     or (gap == 0 and any(x.bare_casualty for x in c.mentions))):
        named_c = [p for p in c.recipients() if _named(p)]
        named_m = [p for p in m.recipients + m.victims if _named(p)]
        other_toll = (m.bare_casualty or m.casualty_only) and (m.additive or _new_effect(c, m))
        if gap == 0 or other_toll or not (named_c and named_m and not any(same_participant(a, b) for a in named_c for b in named_m)):
            s += 1  # a toll next to an attack; not across sentences naming different targets,
            # unless it adds to the toll ("X was also killed", the wounded after the dead)
    if gap == 0:
        s += 0.5
    return s


_PERSONAL = {"he", "she", "him", "her"}


def _person_and_thing(c: Cluster, m: Mention) -> bool:
    """Whether one side is the killing of a named person and the other an attack on things
    only (no victim, no toll), none of them shared ("the killing of Gen. Soleimani" ... "shot
    down a Ukrainian passenger plane")."""
    persons_c = [p for x in c.mentions for p in x.persons]
    if persons_c and not m.persons and m.recipients and not m.victims and m.dead is None and m.injured is None:
        return not any(same_participant(a, b) for a in c.recipients() for b in m.recipients)
    things_c = all(not x.persons and not x.victims and x.dead is None and x.injured is None for x in c.mentions)
    if m.persons and things_c and c.recipients():
        return not any(same_participant(a, b) for a in c.recipients() for b in m.recipients + m.persons)
    return False


def same_participant(a: Participant, b: Participant) -> bool:
    """The same participant, by entity or name, or by the same words where coreference left
    two entities ("a U.S. citizen" ... "the U.S. citizen")."""
    return names_match(a, b) or _norm(a.text) == _norm(b.text)


def _died_later(c: Cluster, m: Mention, m_dates: set[str]) -> bool:
    """Whether a date clash is a victim dying after the attack ("X was shot last night ... he
    died this morning", also with the death told first): one side is only a death, the other
    an attack on the same person (by name, or the death's "he"/"she"), the death no earlier."""
    if m.casualty_only and m.dead:
        deaths, attacks, death_dates, attack_dates = [m], [x for x in c.mentions if not x.casualty_only], m_dates, c.dates()
    elif all(x.casualty_only and x.dead for x in c.mentions) and not m.casualty_only:
        deaths, attacks, death_dates, attack_dates = c.mentions, [m], c.dates(), m_dates
    else:
        return False
    if not attacks or not death_dates or not attack_dates or max(attack_dates)[:10] > min(death_dates)[:10]:
        return False
    victims = [p for x in attacks for p in x.recipients + x.victims]
    dead = [p for x in deaths for p in x.recipients + x.victims]
    if any(same_participant(a, b) for a in victims for b in dead):
        return True
    # "he died" after an attack on one person; "he was shot" after the death of one person
    return (len(victims) == 1 and any(b.text.lower() in _PERSONAL for b in dead)) or (
        len(dead) == 1 and any(a.text.lower() in _PERSONAL for a in victims))


def _new_effect(c: Cluster, m: Mention) -> bool:
    """Whether a casualty report gives the other effect than the cluster's tolls (the wounded
    after the dead, or the dead after the wounded)."""
    if m.injured is not None and m.dead is None:
        return bool(c.values("dead")) and not c.values("injured")
    if m.dead is not None and m.injured is None:
        return bool(c.values("injured")) and not c.values("dead")
    return False


def cluster(mentions: list[Mention]) -> list[Cluster]:
    clusters: list[Cluster] = []
    for m in sorted(mentions, key=lambda x: x.start):
        best, best_s = None, 0.99
        for c in clusters:
            s = score(c, m)
            if s is not None and (s > best_s or (s == best_s and best is not None and c.last_sentence() > best.last_sentence())):
                best, best_s = c, s
        if best is None:
            clusters.append(Cluster([m]))
        else:
            best.mentions.append(m)
    return clusters
