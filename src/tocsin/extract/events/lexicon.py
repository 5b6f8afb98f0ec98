"""The event coder's knowledge, loaded once from ``tocsin/data/events/*.yaml``.

:class:`Lexicon` holds the trigger words per PLOVER type and mode (verbs, nouns, multiword
phrases, verb + object pairs) and the cue lists the other modules read (support verbs, mode
cues, casualty words, modality cues, number words).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from tocsin.data_files import load_yaml
from tocsin.errors import DataError
from tocsin.record import EVENT_TYPES


@dataclass(frozen=True)
class Sense:
    """What a trigger word means: a PLOVER type and (optionally) a mode."""

    type: str
    mode: Optional[str] = None


@dataclass
class Lexicon:
    verbs: dict[str, Sense] = field(default_factory=dict)
    nouns: dict[str, Sense] = field(default_factory=dict)
    phrases: dict[tuple[str, ...], Sense] = field(default_factory=dict)
    verb_objects: dict[str, dict[str, Sense]] = field(default_factory=dict)
    verb_preps: dict[str, dict[str, Sense]] = field(default_factory=dict)
    cues: dict = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)
    multipliers: dict[str, int] = field(default_factory=dict)

    def cue_set(self, name: str) -> frozenset:
        return self._sets[name]

    def __post_init__(self) -> None:
        self._sets: dict[str, frozenset] = {}

    def _index_cues(self) -> None:
        for k, v in self.cues.items():
            if isinstance(v, list):
                self._sets[k] = frozenset(str(x) if str(x).isupper() else str(x).lower() for x in v)


def _sense(typ: str, mode) -> Sense:
    return Sense(typ, None if mode in (None, "", "null") else str(mode))


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """The shipped lexicon (cached per process)."""
    raw = load_yaml("events/triggers.yaml")
    if not isinstance(raw, dict):
        raise DataError("events/triggers.yaml: expected a mapping of PLOVER types")
    lex = Lexicon()
    for typ, entry in raw.items():
        if typ not in EVENT_TYPES:
            raise DataError(f"events/triggers.yaml: unknown PLOVER type {typ!r}")
        entry = entry or {}
        for lemma, mode in (entry.get("verbs") or {}).items():
            lex.verbs.setdefault(str(lemma).lower(), _sense(typ, mode))
        for lemma, mode in (entry.get("nouns") or {}).items():
            lex.nouns.setdefault(str(lemma).lower(), _sense(typ, mode))
        for phrase, mode in (entry.get("phrases") or {}).items():
            lex.phrases.setdefault(tuple(str(phrase).lower().split()), _sense(typ, mode))
        for verb, objs in (entry.get("verb_objects") or {}).items():
            d = lex.verb_objects.setdefault(str(verb).lower(), {})
            for obj, mode in (objs or {}).items():
                d.setdefault(str(obj).lower(), _sense(typ, mode))
        for verb, preps in (entry.get("verb_preps") or {}).items():
            d = lex.verb_preps.setdefault(str(verb).lower(), {})
            for prep, mode in (preps or {}).items():
                d.setdefault(str(prep).lower(), _sense(typ, mode))
    lex.cues = load_yaml("events/cues.yaml") or {}
    lex._index_cues()
    nums = load_yaml("events/numbers.yaml") or {}
    lex.numbers = {str(k).lower(): int(v) for k, v in (nums.get("units") or {}).items()}
    lex.multipliers = {str(k).lower(): int(v) for k, v in (nums.get("multipliers") or {}).items()}
    return lex


_IRREGULAR = {
    "strike": ["struck", "stricken"], "fight": ["fought"], "meet": ["met"], "send": ["sent"],
    "shoot": ["shot"], "lead": ["led"], "hold": ["held"], "beat": ["beaten"], "blow": ["blew", "blown"],
    "throw": ["threw", "thrown"], "take": ["took", "taken"], "go": ["went", "gone"],
    "withdraw": ["withdrew", "withdrawn"], "slay": ["slew", "slain"], "hit": ["hit"],
    "set": ["set"], "cut": ["cut"], "put": ["put"], "make": ["made"], "give": ["gave", "given"],
    "speak": ["spoke", "spoken"], "begin": ["began", "begun"], "seek": ["sought"],
    "break": ["broke", "broken"], "die": ["died", "dying", "dies"], "lie": ["lay"],
    "wounded": ["wounded"], "dead": ["dead"], "mouse": [], "bus": [],
}


def inflections(word: str, agentive: bool = True) -> set[str]:
    """Surface forms of an English lemma (regular rules plus a few irregular verbs); a
    superset is fine for the prefilter. ``agentive=False`` leaves out "-er(s)" ("bomber")."""
    w = word.lower()
    out = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
    if agentive:
        out |= {w + "er", w + "ers"}
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        out |= {w[:-1] + "ies", w[:-1] + "ied"}
    if w.endswith("e"):
        out |= {w[:-1] + "ing", w + "d"}
    if len(w) > 2 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
        out |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    out.update(_IRREGULAR.get(w, []))
    return out
