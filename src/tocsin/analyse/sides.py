"""Which state an event participant stands for: its own country (from its actor code or entity)
and the states it is aligned to (patrons), from the actor knowledge base when it is present and
from ``data/analyse/alignment.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from tocsin.analyse.config import alignment_config
from tocsin.errors import DataError

# Codes whose first three letters are not a state (CAMEO international / transnational actors).
_NON_STATE_PREFIXES = ("IGO", "NGO", "MNC", "---", "UNK")


@dataclass(frozen=True)
class ActorInfo:
    """A participant reduced to what the analyses compare."""

    name: str
    code: Optional[str]
    country: Optional[str]  # ISO alpha-3 (or an IGO/NGO code) of its own side
    patrons: tuple[str, ...] = ()
    person: bool = False  # a named person (a person is in one place at a time)

    def sides(self, aligned: bool) -> frozenset[str]:
        """Country-level sides: its own country, plus its patrons when ``aligned``."""
        out = {self.country} if self.country else set()
        if aligned:
            out.update(self.patrons)
        return frozenset(out)

    def side(self, aligned: bool) -> Optional[str]:
        """The one side it counts for: a patron-aligned group counts for its patron."""
        if aligned and self.patrons:
            return self.patrons[0]
        return self.country

    def full(self) -> Optional[str]:
        return self.code or self.country


def norm_name(name: str) -> str:
    s = name.replace("’", "'").replace("‘", "'").lower()
    s = re.sub(r"^the\s+", "", s.strip())
    s = re.sub(r"'s$", "", s)
    return re.sub(r"\s+", " ", s)


def country_of_code(code: Optional[str]) -> Optional[str]:
    """``USAMIL`` -> ``USA``; ``IGOUNO`` -> ``IGOUNO`` (not a state); ``None`` -> ``None``."""
    if not code:
        return None
    code = code.strip().upper()
    if code.startswith(_NON_STATE_PREFIXES):
        return code if not code.startswith(("---", "UNK")) else None
    if len(code) >= 3 and code[:3].isalpha():
        return code[:3]
    return None


@lru_cache(maxsize=None)
def _table() -> dict[str, tuple[str, tuple[str, ...]]]:
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for g in alignment_config().groups:
        for n in g.names:
            out.setdefault(norm_name(n), (g.country, tuple(g.patrons)))
    return out


def _kb_patrons(name: str) -> tuple[Optional[str], tuple[str, ...]]:
    """Country and patrons of a name in the actor knowledge base, if that base is available."""
    try:
        from tocsin.actors import kb as kb_mod

        actor = kb_mod.load().lookup(name)
    except (ImportError, AttributeError, DataError, TypeError, ValueError):
        return None, ()
    if actor is None:
        return None, ()
    return getattr(actor, "country", None), tuple(getattr(actor, "patrons", None) or ())


@lru_cache(maxsize=4096)
def _lookup(name: str) -> tuple[Optional[str], tuple[str, ...]]:
    country, patrons = _kb_patrons(name)
    hit = _table().get(norm_name(name))
    if hit:
        country = country or hit[0]
        patrons = tuple(dict.fromkeys(patrons + hit[1]))
    return country, patrons


@lru_cache(maxsize=4096)
def _demonym_country(name: str) -> Optional[str]:
    """The state a leading demonym or state name gives an uncoded description ("Ukrainian
    passenger jet" -> UKR, "U.S. forces" -> USA), through the actor knowledge base."""
    words = name.replace("’", "'").split()
    if len(words) < 2:
        return None
    for n in (2, 1):
        head = " ".join(words[:n])
        if len(words) <= n:
            continue
        country, _ = _kb_patrons(head)
        if country and _kb_is_state(head):
            return country
    return None


def _kb_is_state(name: str) -> bool:
    try:
        from tocsin.actors import kb as kb_mod

        actor = kb_mod.load().lookup(name)
    except (ImportError, AttributeError, DataError, TypeError, ValueError):
        return False
    return actor is not None and actor.kind == "country"


def actor_info(name: str, code: Optional[str], entity_name: Optional[str] = None,
               entity_country: Optional[str] = None, kind: Optional[str] = None) -> ActorInfo:
    """Reduce a participant (its name, code and resolved entity) to an :class:`ActorInfo`."""
    country = country_of_code(code) or (entity_country.upper() if entity_country else None)
    patrons: tuple[str, ...] = ()
    for n in dict.fromkeys(x for x in (entity_name, name) if x):
        c, p = _lookup(n)
        country = country or c
        patrons = tuple(dict.fromkeys(patrons + p))
    if country is None and not code:
        country = _demonym_country(entity_name or name)
    patrons = tuple(p for p in patrons if p != country)
    return ActorInfo(name=entity_name or name, code=code.upper() if code else None, country=country,
                     patrons=patrons, person=kind == "person")
