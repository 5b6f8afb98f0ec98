"""Builders of small hand-made records for the analyse tests (real Record/Event models)."""
from __future__ import annotations

from typing import Optional

from tocsin.ids import text_sha256
from tocsin.record import Article, Event, EventDate, Extractor, Location, Participant, Record, Span

PLACES = {
    "K-1": (35.5167, 44.2833, "IQ", "site"),
    "Kirkuk": (35.4681, 44.3922, "IQ", "city"),
    "Al-Qaim": (34.37, 41.09, "IQ", "city"),
    "Abu Kamal": (34.45, 40.92, "SY", "city"),
    "Baghdad International Airport": (33.2625, 44.2346, "IQ", "site"),
    "Baghdad": (33.3152, 44.3661, "IQ", "city"),
    "Green Zone": (33.30, 44.39, "IQ", "site"),
    "Ain al-Asad": (33.7856, 42.4412, "IQ", "site"),
    "Erbil": (36.19, 44.01, "IQ", "city"),
    "Tehran": (35.6892, 51.3890, "IR", "city"),
    "Shahedshahr": (35.56, 51.10, "IR", "city"),
    "Zurich": (47.3769, 8.5417, "CH", "city"),
    "Washington": (38.9072, -77.0369, "US", "city"),
    "Iraq": (33.0, 44.0, "IQ", "country"),
}


def part(name: str, code: Optional[str]) -> Participant:
    return Participant(name=name, code=code, start=0, end=1, text="x")


def event(eid: str, type: str, actors=(), recipients=(), date: Optional[str] = None, precision: str = "day",
          place: Optional[str] = None, dead=None, injured=None, arrested=None, modality="asserted",
          intensity=None, source=None, trigger="attack") -> Event:
    loc = None
    if place:
        lat, lon, cc, prec = PLACES[place]
        loc = Location(name=place, lat=lat, lon=lon, country=cc, precision=prec)
    return Event(
        id=eid, type=type, trigger=Span(start=0, end=1, text=trigger),
        actors=[part(n, c) for n, c in actors], recipients=[part(n, c) for n, c in recipients],
        date=EventDate(value=date, precision=precision if date else "unknown", source=source) if date else None,
        location=loc, dead=dead, injured=injured, arrested=arrested, modality=modality, intensity=intensity,
    )


def record(aid: str, source: Optional[str], published: str, *events: Event, title: Optional[str] = None) -> Record:
    text = f"{title or aid}. A hand-built test article."
    return Record(
        article=Article(id=aid, title=title or aid, source=source, published=published, text=text,
                        text_sha256=text_sha256(text + aid), extractor=Extractor(version="test")),
        events=list(events),
    )


KH = ("Kataib Hezbollah", "IRQREB")
USA = ("United States", "USA")
USMIL = ("U.S. military", "USAMIL")
CONTRACTOR = ("American contractor", "USA")
IRAN = ("Iran", "IRN")
IRGC = ("Revolutionary Guards", "IRNMIL")
SOLEIMANI = ("Qassem Soleimani", "IRNMIL")
UKR = ("Ukraine International Airlines", "UKR")
CHN = ("China", "CHN")
