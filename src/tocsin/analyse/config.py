"""The analyses' knowledge and parameters, loaded from ``tocsin/data/analyse/*.yaml`` and checked.

``types.yaml`` (type families, compatible pairs, default intensities, violent types),
``dedupe.yaml`` (when two reports are one incident), ``escalation.yaml`` (alert parameters),
``alignment.yaml`` (patron states of armed groups).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

from tocsin.data_files import load_yaml, validate
from tocsin.record import EVENT_TYPES


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TypesConfig(_Strict):
    families: dict[str, list[str]]
    compatible: list[tuple[str, str]] = []
    verbal: list[str] = []
    intensity: dict[str, float]
    violent: list[str] = ["ASSAULT"]

    @model_validator(mode="after")
    def _check(self):
        seen: dict[str, str] = {}
        for fam, types in self.families.items():
            for t in types:
                if t not in EVENT_TYPES:
                    raise ValueError(f"families.{fam}: {t!r} is not a PLOVER type")
                if t in seen:
                    raise ValueError(f"{t} is in two families ({seen[t]}, {fam})")
                seen[t] = fam
        missing = [t for t in EVENT_TYPES if t not in seen]
        if missing:
            raise ValueError(f"families: no family for {', '.join(missing)}")
        for a, b in self.compatible:
            for t in (a, b):
                if t not in EVENT_TYPES:
                    raise ValueError(f"compatible: {t!r} is not a PLOVER type")
        for fam in self.verbal:
            if fam not in self.families:
                raise ValueError(f"verbal: unknown family {fam!r}")
        for t, v in self.intensity.items():
            if t not in EVENT_TYPES:
                raise ValueError(f"intensity: {t!r} is not a PLOVER type")
            if not -10 <= v <= 10:
                raise ValueError(f"intensity.{t}: {v} is outside -10..10")
        return self

    def family(self, type_: str) -> str:
        return _family_of(self).get(type_, "other")

    def compatible_types(self, a: str, b: str) -> bool:
        if a == b or self.family(a) == self.family(b):
            return True
        return (a, b) in _compatible_pairs(self)

    def is_verbal(self, type_: str) -> bool:
        return self.family(type_) in self.verbal


_DERIVED: dict[tuple[int, str], object] = {}  # (id of a loaded config, what) -> derived table


def _family_of(cfg: TypesConfig) -> dict[str, str]:
    key = (id(cfg), "family")
    if key not in _DERIVED:
        _DERIVED[key] = {t: fam for fam, types in cfg.families.items() for t in types}
    return _DERIVED[key]  # type: ignore[return-value]


def _compatible_pairs(cfg: TypesConfig) -> frozenset:
    key = (id(cfg), "compatible")
    if key not in _DERIVED:
        _DERIVED[key] = frozenset(cfg.compatible) | frozenset((b, a) for a, b in cfg.compatible)
    return _DERIVED[key]  # type: ignore[return-value]


class Weights(_Strict):
    same_type: float = 2
    compatible_type: float = 1
    same_day: float = 2
    overlapping_dates: float = 1
    near_place: float = 2
    same_country: float = 1
    far_place: float = -3
    actor_overlap: float = 2
    recipient_overlap: float = 2
    same_count: float = 1
    different_count: float = -2
    same_trigger: float = 1
    same_mode: float = 1
    shared_identity: float = 2


class DedupeConfig(_Strict):
    date_slack_days: dict[str, int]
    undated_lookback_days: int = 30
    max_km: dict[str, float]
    max_km_same_dyad: float = 500
    near_km: float = 60
    weights: Weights = Weights()
    count_ratio: float = 3
    count_gap: int = 10
    distinctive_count: int = 10
    identity_types: list[str] = ["ASSAULT", "COERCE"]
    min_score: float = 4
    undated_needs_dyad: bool = True
    merge_within_article: bool = False
    name_stopwords: list[str] = []
    participant_stopwords: list[str] = []
    bare_reference_joins_on_place: bool = True
    modalities: list[str] = ["asserted", "claimed"]


class TitForTat(_Strict):
    days: int = 7
    types: list[str] = ["ASSAULT"]


class Rising(_Strict):
    period: Literal["day", "week"] = "week"
    baseline_periods: int = 4
    min_score: float = 15
    ratio: float = 2.0
    sigmas: float = 2.0


class Spread(_Strict):
    km: float = 100
    lookback_days: int = 60
    min_prior: int = 1


class EscalationConfig(_Strict):
    tit_for_tat: TitForTat = TitForTat()
    rising: Rising = Rising()
    spread: Spread = Spread()


class AlignedGroup(_Strict):
    names: list[str]
    country: str
    patrons: list[str] = []


class AlignmentConfig(_Strict):
    groups: list[AlignedGroup] = []


def _load(model, name: str):
    return validate(model, load_yaml(f"analyse/{name}") or {}, f"analyse/{name}")


@lru_cache(maxsize=None)
def types_config() -> TypesConfig:
    return _load(TypesConfig, "types.yaml")


@lru_cache(maxsize=None)
def dedupe_config() -> DedupeConfig:
    return _load(DedupeConfig, "dedupe.yaml")


@lru_cache(maxsize=None)
def escalation_config() -> EscalationConfig:
    return _load(EscalationConfig, "escalation.yaml")


@lru_cache(maxsize=None)
def alignment_config() -> AlignmentConfig:
    return _load(AlignmentConfig, "alignment.yaml")
