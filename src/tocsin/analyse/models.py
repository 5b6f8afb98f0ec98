"""What the analyses return: incidents, dyad timelines and alerts (pydantic, JSON-ready)."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Side(_Model):
    """One participant of an incident, as coded in the reports."""

    name: str
    code: Optional[str] = None
    country: Optional[str] = Field(None, description="ISO alpha-3 of the actor's own state")
    patrons: list[str] = Field(default_factory=list, description="states the actor is aligned to")
    reports: int = Field(1, description="how many reports name it")


class IncidentSource(_Model):
    """One article's report of an incident (one coded event)."""

    article_id: str
    event_id: str
    source: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None
    type: str
    trigger: str
    date: Optional[str] = None
    date_text: Optional[str] = None
    precision: Optional[str] = None
    place: Optional[str] = None
    dead: Optional[int] = None
    injured: Optional[int] = None
    arrested: Optional[int] = None
    modality: str = "asserted"
    intensity: Optional[float] = None


class CountReport(_Model):
    value: int
    article_id: str
    source: Optional[str] = None
    published: Optional[str] = None
    modality: str = "asserted"


class Count(_Model):
    """A count (dead, injured, arrested) reconciled across reports."""

    value: int = Field(description="the most-reported value (ties: asserted, then latest report)")
    min: int
    max: int
    agree: bool = Field(description="every report gives the same value")
    reports: list[CountReport]


class IncidentLocation(_Model):
    name: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    country: Optional[str] = None
    precision: Optional[str] = None


class Incident(_Model):
    """One real-world happening, merged from every article that reports it."""

    id: str
    type: str
    types: dict[str, int] = Field(description="type -> number of reports coding it so")
    family: str
    date: Optional[str] = Field(None, description="the best-supported day (or coarser value)")
    date_first: Optional[str] = None
    date_last: Optional[str] = None
    precision: Optional[str] = None
    location: Optional[IncidentLocation] = None
    places: list[str] = Field(default_factory=list)
    actors: list[Side] = Field(default_factory=list)
    recipients: list[Side] = Field(default_factory=list)
    intensity: Optional[float] = None
    n_articles: int
    n_outlets: int
    outlets: list[str]
    first_report: Optional[str] = Field(None, description="publication date of the first report")
    last_report: Optional[str] = None
    first_article: Optional[str] = None
    last_article: Optional[str] = None
    dead: Optional[Count] = None
    injured: Optional[Count] = None
    arrested: Optional[Count] = None
    modality: str = "asserted"
    sources: list[IncidentSource]

    def label(self) -> str:
        """A one-line description: date, type, who on whom, where."""
        a = ", ".join(s.name for s in self.actors[:2]) or "?"
        r = ", ".join(s.name for s in self.recipients[:2]) or "?"
        where = f" at {self.location.name}" if self.location and self.location.name else ""
        dead = f", {self.dead.value} dead" if self.dead and self.dead.value else ""
        return f"{self.date or '?'} {self.type} {a} -> {r}{where}{dead}"


class DirectionCounts(_Model):
    """What one side did to the other in one period."""

    count: int = 0
    by_type: dict[str, int] = Field(default_factory=dict)
    intensity: float = Field(0.0, description="summed intensity (-: conflict, +: cooperation)")
    conflict: float = Field(0.0, description="summed intensity of conflictual incidents (<= 0)")
    cooperation: float = Field(0.0, description="summed intensity of cooperative incidents (>= 0)")
    incidents: list[str] = Field(default_factory=list)


class DyadPeriod(_Model):
    period: str = Field(description="2019-12-27 (day) or 2019-W52 (ISO week)")
    start: str
    end: str
    a_to_b: DirectionCounts
    b_to_a: DirectionCounts
    intensity: float = Field(description="both directions summed")


class DyadTimeline(_Model):
    a: str
    b: str
    level: Literal["country", "full"]
    aligned: bool
    period: Literal["day", "week"]
    periods: list[DyadPeriod]


class DyadSummary(_Model):
    a: str
    b: str
    incidents: int
    a_to_b: int
    b_to_a: int
    intensity: float
    conflict: float
    cooperation: float
    first: Optional[str] = None
    last: Optional[str] = None
    by_type: dict[str, int] = Field(default_factory=dict)


class AlertIncident(_Model):
    id: str
    date: Optional[str] = Field(description="the incident's day, or its first report's when undated")
    dated: bool = True
    type: str
    actor: str = Field(description="the dyad side that acted")
    recipient: str
    label: str
    place: Optional[str] = None
    dead: Optional[int] = None
    n_articles: int = 1


class Alert(_Model):
    """An escalation signal between two sides, with the incidents behind it."""

    id: str
    kind: Literal["tit_for_tat", "rising_intensity", "spread"]
    dyad: tuple[str, str]
    members: dict[str, list[str]] = Field(
        default_factory=dict, description="side -> the actor names that count for it (e.g. IRN: Kataib Hezbollah)"
    )
    start: str
    end: str
    score: float
    explanation: str
    incidents: list[AlertIncident]
    details: dict = Field(default_factory=dict)
