"""The actor knowledge base: named actors, states, generic agents and cue words, loaded from the
YAML files in ``tocsin/data/actors/`` (plus a user's own file, whose entries win).

Files and their schema (every file is a mapping; unknown keys are an error):

- ``states.yaml``: ``states: {ISO3: {aliases, demonyms, capitals}}`` (names come from pycountry
  too) and ``regions: {CODE: {aliases, demonyms}}`` (CAMEO region codes such as ``EUR``).
- ``armed_groups.yaml``, ``institutions.yaml``, ``organizations.yaml``, ``media.yaml``,
  ``people.yaml``: ``defaults: {...}`` and ``actors: [{name, aliases, kind, code, country,
  sector, patrons, gender, role}]`` (see :class:`Actor`).
- ``agents.yaml``: generic agent nouns (``troops`` -> MIL), title cues (``Sen.`` -> LEG),
  party tags (``(R-SC)``) and the prepositions that make a capital stand for its government.
- ``names.yaml``: first names by gender (``male``, ``female``), for pronoun agreement.
- ``coref.yaml``: pronouns and nominal anaphors ("the group") with the kinds they may refer to.

A user file (``--actors my.yaml``) has the same ``actors:`` list (and optionally ``agents:``);
its aliases replace the shipped ones.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, field_validator

from tocsin.data_files import load_yaml, read_yaml, validate
from tocsin.errors import DataError, UsageError
from tocsin.record import EntityKind

# the sector an actor of a kind has when its entry gives none
KIND_SECTORS = {"armed_group": "REB", "military": "MIL", "government": "GOV", "media": "MED"}

ACTOR_FILES = ("institutions.yaml", "organizations.yaml", "media.yaml", "armed_groups.yaml", "people.yaml")


class Actor(BaseModel):
    """One coded actor. ``code`` defaults to country (or ``---``) + sector."""

    model_config = ConfigDict(extra="forbid")

    name: str
    kind: EntityKind
    aliases: list[str] = []
    code: Optional[str] = None
    country: Optional[str] = None
    sector: Optional[str] = None
    patrons: list[str] = []
    gender: Optional[Literal["m", "f"]] = None
    role: Optional[str] = None

    @field_validator("country")
    @classmethod
    def _iso3(cls, v):
        if v is not None and not re.fullmatch(r"[A-Z]{3}", v):
            raise ValueError(f"country must be ISO 3166-1 alpha-3, got {v!r}")
        return v

    def coded(self) -> str:
        if self.code:
            return self.code
        return (self.country or "---") + (self.sector or "")


class Agent(BaseModel):
    """A generic agent noun: ``troops`` -> MIL. ``kind`` is the kind of a plural/collective
    mention; a singular human mention ("an American contractor") is a person."""

    model_config = ConfigDict(extra="forbid")

    words: list[str]
    sector: Optional[str] = None
    kind: EntityKind = "group"
    human: bool = True
    collective: bool = False  # "government", "army": one body, referred to as "it"


class Title(BaseModel):
    model_config = ConfigDict(extra="forbid")

    words: list[str]
    sector: Optional[str] = None
    country: Optional[str] = None
    gender: Optional[Literal["m", "f"]] = None


class AgentsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    agents: list[Agent] = []
    titles: list[Title] = []
    party_tag: Optional[str] = None
    party_tag_country: Optional[str] = None
    party_tag_sector: Optional[str] = None
    patron_suffixes: list[str] = []
    metonymy_deps: list[str] = []
    metonymy_preps: list[str] = []
    country_preps: list[str] = []


class StateEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    aliases: list[str] = []
    demonyms: list[str] = []
    capitals: list[str] = []


class ActorFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    defaults: dict = {}
    actors: list[dict] = []
    agents: list[Agent] = []


@dataclass
class KB:
    """The loaded knowledge base. ``phrases`` maps a surface form to the actor it names; the
    ruler matches every key of it in one pass (spaCy PhraseMatcher)."""

    actors: dict[str, Actor] = field(default_factory=dict)  # id -> actor
    phrases: dict[str, str] = field(default_factory=dict)  # surface form -> actor id
    demonyms: dict[str, str] = field(default_factory=dict)  # surface form -> actor id (state/region)
    capitals: dict[str, str] = field(default_factory=dict)  # capital name -> government actor id
    agents: dict[str, Agent] = field(default_factory=dict)  # lower-case word/lemma -> agent
    titles: list[tuple[str, Title]] = field(default_factory=list)  # longest first
    agents_file: AgentsFile = field(default_factory=AgentsFile)
    male: frozenset = frozenset()
    female: frozenset = frozenset()
    coref: dict = field(default_factory=dict)
    version: int = 0
    _folded: Optional[dict] = field(default=None, repr=False)
    _given: Optional[frozenset] = field(default=None, repr=False)

    def state_of(self, actor_id: str) -> Optional[str]:
        a = self.actors.get(actor_id)
        return a.country if a else None

    def lookup(self, text: str) -> Optional[Actor]:
        """The actor a surface form names (exact, then without "the"/possessive)."""
        t = normalise(text)
        aid = self.phrases.get(t) or self.demonyms.get(t)
        if aid is None:
            t2 = re.sub(r"^the\s+", "", t, flags=re.IGNORECASE)
            t2 = re.sub(r"['’]s?$", "", t2, flags=re.IGNORECASE)
            aid = self.phrases.get(t2) or self.demonyms.get(t2)
            if aid is None and t2.isupper() and " " in t2:
                # all-capitals text ("THE GUATEMALAN NATIONAL REVOLUTIONARY UNITY") has lost
                # the case the forms are written in; a single word may be a common one ("ARMY")
                aid = self.folded_phrases().get(t2.casefold())
        return self.actors.get(aid) if aid else None

    def given_names(self) -> frozenset:
        """Given names of either gender (``names.yaml``), lower case."""
        if self._given is None:
            self._given = self.male | self.female
        return self._given

    def folded_phrases(self) -> dict[str, str]:
        """Multiword surface forms in lower case -> actor id (the first form wins a clash)."""
        if self._folded is None:
            self._folded = {}
            for form, aid in self.phrases.items():
                if " " in form:
                    self._folded.setdefault(form.casefold(), aid)
        return self._folded


def government_id(state: str) -> str:
    """The id of a state's government actor ("IRN" -> "IRNGOV"), which every state has."""
    return state + "GOV"


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip()


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def _add_actor(kb: KB, actor: Actor, aid: str, override: bool) -> None:
    kb.actors[aid] = actor
    for form in [actor.name, *actor.aliases]:
        form = normalise(form)
        if not form:
            continue
        if override or form not in kb.phrases:
            kb.phrases[form] = aid


def _load_states(kb: KB) -> None:
    import pycountry

    data = load_yaml("actors/states.yaml") or {}
    states = data.get("states") or {}
    for a3, entry in states.items():
        e = validate(StateEntry, entry or {}, f"actors/states.yaml: states.{a3}")
        c = pycountry.countries.get(alpha_3=a3)
        names = [e.aliases[0]] if e.aliases else []
        if c is not None:
            names += [getattr(c, "common_name", None) or c.name, c.name, getattr(c, "official_name", None) or ""]
        names = [n for n in dict.fromkeys(names) if n]
        if not names:
            raise DataError(f"actors/states.yaml: {a3} is not an ISO 3166-1 alpha-3 code and has no alias")
        st = Actor(name=names[0], kind="country", code=a3, country=a3, aliases=names[1:] + e.aliases)
        _add_actor(kb, st, a3, override=False)
        for d in e.demonyms:
            kb.demonyms.setdefault(normalise(d), a3)
        gid = government_id(a3)
        gov = Actor(name=f"{names[0]} government", kind="government", code=gid, country=a3, sector="GOV")
        kb.actors[gid] = gov
        for cap in e.capitals:
            kb.capitals.setdefault(normalise(cap), gid)
    for code, entry in (data.get("regions") or {}).items():
        e = validate(StateEntry, entry or {}, f"actors/states.yaml: regions.{code}")
        if not e.aliases:
            raise DataError(f"actors/states.yaml: region {code} has no alias")
        reg = Actor(name=e.aliases[0], kind="other", code=code, aliases=e.aliases[1:])
        _add_actor(kb, reg, code, override=False)
        for d in e.demonyms:
            kb.demonyms.setdefault(normalise(d), code)


def _load_actor_file(kb: KB, data, where: str, override: bool) -> None:
    f = validate(ActorFile, data or {}, where)
    for i, raw in enumerate(f.actors):
        if not isinstance(raw, dict):
            raise DataError(f"{where}: actors.{i}: expected a mapping")
        merged = {**f.defaults, **raw}
        actor = validate(Actor, merged, f"{where}: actors.{i} ({raw.get('name', '?')})")
        if actor.sector is None:
            actor.sector = KIND_SECTORS.get(actor.kind)
        aid = "user:" + _slug(actor.name) if override else _slug(actor.name)
        if override:
            # a user entry replaces a shipped actor of the same name
            old = kb.phrases.get(normalise(actor.name))
            if old and not old.startswith("user:") and old in kb.actors:
                aid = old
        _add_actor(kb, actor, aid, override)
    for ag in f.agents:
        for w in ag.words:
            kb.agents[w.lower()] = ag


def _load_agents(kb: KB) -> None:
    af = validate(AgentsFile, load_yaml("actors/agents.yaml") or {}, "actors/agents.yaml")
    kb.agents_file = af
    for ag in af.agents:
        for w in ag.words:
            kb.agents.setdefault(w.lower(), ag)
    titles = [(normalise(w), t) for t in af.titles for w in t.words]
    kb.titles = sorted(titles, key=lambda x: -len(x[0]))


def _build(user_files: list[Path]) -> KB:
    kb = KB()
    _load_states(kb)
    for name in ACTOR_FILES:
        _load_actor_file(kb, load_yaml(f"actors/{name}"), f"actors/{name}", override=False)
    _load_agents(kb)
    names = load_yaml("actors/names.yaml") or {}
    kb.male = frozenset(n.lower() for n in names.get("male") or [])
    kb.female = frozenset(n.lower() for n in names.get("female") or [])
    kb.coref = load_yaml("actors/coref.yaml") or {}
    for path in user_files:
        _load_actor_file(kb, read_yaml(path), str(path), override=True)
    return kb


_lock = threading.Lock()
_user_files: list[Path] = []
_kb: Optional[KB] = None
_version = 0


def use_user_file(path) -> None:
    """Add a user's actor file (``--actors``); its entries win over the shipped ones.
    Raises :class:`UsageError` when the file is missing and :class:`DataError` when malformed."""
    global _kb, _version
    p = Path(path)
    if not p.is_file():
        raise UsageError(f"--actors: {p}: file not found")
    with _lock:
        _check_user = _build([*_user_files, p])  # validate before accepting
        _user_files.append(p)
        _version += 1
        _check_user.version = _version
        _kb = _check_user


def reset_user_files() -> None:
    """Forget the user files (tests)."""
    global _kb, _version
    with _lock:
        _user_files.clear()
        _version += 1
        _kb = None


def load() -> KB:
    """The knowledge base (built once, rebuilt after :func:`use_user_file`)."""
    global _kb
    with _lock:
        if _kb is None:
            _kb = _build(list(_user_files))
            _kb.version = _version
        return _kb
