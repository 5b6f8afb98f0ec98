"""The article record (shared/RECORD.md) as typed pydantic models: the single source of truth.

Every output of tocsin (CLI, Python API, REST API, exports, the store) is derived from
:class:`Record`. Offsets are Python string indices into ``article.text``; ``end`` is exclusive.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
PlaceFeature = Literal["country", "admin1", "admin2", "city", "site", "region", "water"]
EntityKind = Literal[
    "person", "organization", "country", "armed_group", "government", "military", "media",
    "group", "other",
]
QuoteKind = Literal["direct", "partial", "indirect"]
Modality = Literal["asserted", "negated", "hypothetical", "planned", "claimed"]
Precision = Literal["day", "week", "month", "season", "quarter", "year", "decade", "unknown"]
LocationPrecision = Literal["site", "city", "admin2", "admin1", "country", "region", "water", "article"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(_Model):
    """A stretch of ``article.text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Offsets(_Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Extractor(_Model):
    name: str = "tocsin"
    version: str


class Excluded(_Model):
    """A region of the text kept in place but not read as body text (pull quote, byline...)."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    reason: Literal["pull_quote", "pull_quote_attribution", "byline", "boilerplate", "dateline"]


class Article(_Model):
    id: str
    title: Optional[str] = None
    source: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = Field(None, description="ISO date YYYY-MM-DD")
    language: Optional[str] = "en"
    author: Optional[str] = None
    text: str
    text_sha256: str
    extractor: Extractor
    excluded: list[Excluded] = Field(default_factory=list)


class Timex(Span):
    id: str
    type: TimexType
    value: Optional[str] = None
    anchor: Optional[str] = Field(None, description='"published" or the id of a timex/event')
    mod: Optional[str] = Field(None, description="TIMEX3 mod: MORE_THAN, LESS_THAN, APPROX, START, END ...")


class Place(Span):
    id: str
    name: Optional[str] = None
    geonameid: Optional[int] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    country: Optional[str] = Field(None, description="ISO 3166-1 alpha-2")
    admin1: Optional[str] = None
    feature: Optional[PlaceFeature] = None
    metonymy: bool = Field(False, description="the name stands for an actor (\"Washington said\")")


class Mention(Span):
    pass


class Entity(_Model):
    id: str
    name: str
    kind: EntityKind
    code: Optional[str] = None
    country: Optional[str] = Field(None, description="ISO 3166-1 alpha-3")
    sector: Optional[str] = None
    mentions: list[Mention] = Field(default_factory=list)


class Speaker(_Model):
    entity_id: Optional[str] = None
    name: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None
    text: Optional[str] = None
    role: Optional[str] = None


class Quote(Span):
    id: str
    kind: QuoteKind
    speaker: Optional[Speaker] = None
    cue: Optional[Span] = None
    channel: Optional[str] = None


class Acled(_Model):
    event_type: str
    sub_event_type: Optional[str] = None


class Participant(_Model):
    entity_id: Optional[str] = None
    name: str
    code: Optional[str] = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class EventDate(_Model):
    value: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None
    text: Optional[str] = None
    precision: Precision = "unknown"
    source: Optional[Literal["modifier", "discourse", "published"]] = None


class Location(_Model):
    place_id: Optional[str] = None
    name: Optional[str] = None
    geonameid: Optional[int] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    country: Optional[str] = None
    precision: Optional[LocationPrecision] = None


class Attribution(_Model):
    entity_id: Optional[str] = None
    name: Optional[str] = None
    text: str


class Event(_Model):
    id: str
    type: EventType
    mode: Optional[str] = None
    context: Optional[str] = None
    cameo: Optional[str] = None
    acled: Optional[Acled] = None
    trigger: Span
    actors: list[Participant] = Field(default_factory=list)
    recipients: list[Participant] = Field(default_factory=list)
    date: Optional[EventDate] = None
    location: Optional[Location] = None
    dead: Optional[int] = Field(None, ge=0)
    injured: Optional[int] = Field(None, ge=0)
    arrested: Optional[int] = Field(None, ge=0)
    modality: Modality = "asserted"
    attribution: Optional[Attribution] = None
    intensity: Optional[float] = Field(None, ge=-10, le=10)
    confidence: float = Field(0.5, ge=0, le=1)
    mentions: list[Offsets] = Field(default_factory=list)


class Record(_Model):
    """Everything tocsin codes from one article."""

    schema_version: str = SCHEMA_VERSION
    article: Article
    timexes: list[Timex] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)


def json_schema() -> dict:
    """The JSON Schema of :class:`Record` (what ``tocsin schema`` prints)."""
    schema = Record.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://tocsin.invalid/schema/record-{SCHEMA_VERSION}.json"
    return schema
