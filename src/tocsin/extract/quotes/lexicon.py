"""The quote extractor's knowledge, loaded once from ``data/quotes/*.yaml``: cue words,
channels (platforms and news outlets) and speaker roles."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tocsin.data_files import load_yaml
from tocsin.errors import DataError


@dataclass(frozen=True)
class Lexicon:
    speech: frozenset[str]
    cognition: frozenset[str]
    intention: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    documents: frozenset[str]
    naming: frozenset[str]
    phrasal: frozenset[str]
    not_characterizing: frozenset[str]
    comparing: frozenset[str]
    authoring: frozenset[str]
    platforms: dict[str, str]  # lower-case surface -> canonical name
    media_words: frozenset[str]
    outlets: frozenset[str]  # lower case
    honorifics: frozenset[str]
    pronouns: dict[str, str]  # lower-case pronoun -> person | group | self


def _words(cfg: dict, key: str, name: str) -> frozenset[str]:
    val = cfg.get(key) or []
    if not isinstance(val, list):
        raise DataError(f"quotes/{name}: '{key}' must be a list")
    return frozenset(str(v).lower() for v in val)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    cues = load_yaml("quotes/cues.yaml") or {}
    chans = load_yaml("quotes/channels.yaml") or {}
    roles = load_yaml("quotes/roles.yaml") or {}
    platforms = {}
    for canon, surfaces in (chans.get("platforms") or {}).items():
        for s in surfaces or []:
            platforms[str(s).lower()] = str(canon)
    pronouns = {}
    for group, words in (roles.get("pronouns") or {}).items():
        for w in words or []:
            pronouns[str(w).lower()] = str(group)
    return Lexicon(
        speech=_words(cues, "speech", "cues.yaml"),
        cognition=_words(cues, "cognition", "cues.yaml"),
        intention=_words(cues, "intention", "cues.yaml"),
        phrases=tuple(tuple(p.lower().split()) for p in cues.get("phrases") or []),
        documents=_words(cues, "documents", "cues.yaml"),
        naming=_words(cues, "naming", "cues.yaml"),
        phrasal=_words(cues, "phrasal", "cues.yaml"),
        not_characterizing=_words(cues, "not_characterizing", "cues.yaml"),
        comparing=_words(cues, "comparing", "cues.yaml"),
        authoring=_words(cues, "authoring", "cues.yaml"),
        platforms=platforms,
        media_words=_words(chans, "media_words", "channels.yaml"),
        outlets=_words(chans, "outlets", "channels.yaml"),
        honorifics=_words(roles, "honorifics", "roles.yaml"),
        pronouns=pronouns,
    )
