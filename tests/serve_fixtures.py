"""Hand-built records for the store, API, export and dashboard tests.

Built directly as :class:`~tocsin.record.Record` objects (the extractors are tested elsewhere), so
the tests know exactly which event has which place, date, actors and counts. Every span is found
in the text it belongs to, so offsets hold by construction.
"""
from __future__ import annotations

from tocsin.ids import text_sha256
from tocsin.record import (
    Acled, Article, Entity, Event, EventDate, Extractor, Location, Mention, Participant, Place,
    Quote, Record, Span, Speaker,
)


def at(text: str, needle: str, nth: int = 0) -> dict:
    """``{start, end, text}`` of the ``nth`` occurrence of ``needle`` in ``text``."""
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(needle, pos + 1)
    return {"start": pos, "end": pos + len(needle), "text": needle}


def article(text: str, id: str, published: str, source: str, title: str | None = None) -> Article:
    return Article(id=id, title=title, source=source, url=f"https://news.invalid/{id}", published=published,
                   text=text, text_sha256=text_sha256(text), extractor=Extractor(version="test"))


def party(text: str, needle: str, name: str, code: str | None, entity_id: str | None = None, nth: int = 0) -> Participant:
    return Participant(entity_id=entity_id, name=name, code=code, **at(text, needle, nth))


def iraq_record() -> Record:
    """Three events in Iraq on three days, two of them between Kataib Hezbollah and the US."""
    text = (
        "Rockets hit a military base near Kirkuk on Friday, killing one American contractor, "
        "U.S. officials said. They blamed Kataib Hezbollah for the attack.\n\n"
        "On Sunday U.S. aircraft struck Kataib Hezbollah positions in Al-Qaim, killing 24 fighters "
        "and wounding 50, according to the group.\n\n"
        "On Tuesday protesters marched on the U.S. embassy in Baghdad.\n\n"
        "\u201cWe responded defensively,\u201d Secretary of State Mike Pompeo said on Tuesday."
    )
    places = [
        Place(id="p1", name="Kirkuk", geonameid=94787, lat=35.4681, lon=44.3922, country="IQ",
              admin1="Kirkuk", feature="city", **at(text, "Kirkuk")),
        Place(id="p2", name="Al-Qaim", geonameid=99608, lat=34.3688, lon=41.0945, country="IQ",
              admin1="Anbar", feature="city", **at(text, "Al-Qaim")),
        Place(id="p3", name="Baghdad", geonameid=98182, lat=33.3406, lon=44.4009, country="IQ",
              admin1="Baghdad", feature="city", **at(text, "Baghdad")),
    ]
    kh = Entity(id="e1", name="Kataib Hezbollah", kind="armed_group", code="IRQREB", country="IRQ", sector="REB",
                mentions=[Mention(**at(text, "Kataib Hezbollah")), Mention(**at(text, "Kataib Hezbollah", 1))])
    us = Entity(id="e2", name="United States", kind="country", code="USA", country="USA",
                mentions=[Mention(**at(text, "U.S.", 1))])
    pompeo = Entity(id="e3", name="Mike Pompeo", kind="person", code="USAGOV", country="USA", sector="GOV",
                    mentions=[Mention(**at(text, "Mike Pompeo"))])
    events = [
        Event(id="ev1", type="ASSAULT", mode="explosives", cameo="190",
              acled=Acled(event_type="Explosions/Remote violence",
                          sub_event_type="Shelling/artillery/missile attack"),
              trigger=Span(**at(text, "hit")),
              actors=[party(text, "Kataib Hezbollah", "Kataib Hezbollah", "IRQREB", "e1")],
              recipients=[party(text, "American contractor", "United States", "USA", "e2")],
              date=EventDate(value="2019-12-27", precision="day", source="modifier", **at(text, "Friday")),
              location=Location(place_id="p1", name="Kirkuk", geonameid=94787, lat=35.4681, lon=44.3922,
                                 country="IQ", precision="city"),
              dead=1, modality="asserted", intensity=-9, confidence=0.9,
              mentions=[{"start": at(text, "hit")["start"], "end": at(text, "hit")["end"]},
                        {"start": at(text, "attack")["start"], "end": at(text, "attack")["end"]}]),
        Event(id="ev2", type="ASSAULT", mode="aerial", cameo="195",
              acled=Acled(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike"),
              trigger=Span(**at(text, "struck")),
              actors=[party(text, "U.S.", "United States", "USA", "e2", nth=1)],
              recipients=[party(text, "Kataib Hezbollah", "Kataib Hezbollah", "IRQREB", "e1", nth=1)],
              date=EventDate(value="2019-12-29", precision="day", source="modifier", **at(text, "Sunday")),
              location=Location(place_id="p2", name="Al-Qaim", geonameid=99608, lat=34.3688, lon=41.0945,
                                country="IQ", precision="city"),
              dead=24, injured=50, modality="claimed", intensity=-10, confidence=0.8),
        Event(id="ev3", type="PROTEST", mode="demonstrate", cameo="141",
              acled=Acled(event_type="Protests", sub_event_type="Peaceful protest"),
              trigger=Span(**at(text, "marched")),
              actors=[party(text, "protesters", "protesters", None)],
              recipients=[party(text, "U.S.", "United States", "USA", "e2", nth=2)],
              date=EventDate(value="2019-12-31", precision="day", source="modifier", **at(text, "Tuesday")),
              location=Location(place_id="p3", name="Baghdad", geonameid=98182, lat=33.3406, lon=44.4009,
                                country="IQ", precision="city"),
              modality="asserted", intensity=-6, confidence=0.7),
    ]
    quotes = [
        Quote(id="q1", kind="direct", **at(text, "\u201cWe responded defensively,\u201d"),
              speaker=Speaker(entity_id="e3", name="Mike Pompeo", role="Secretary of State",
                              **at(text, "Mike Pompeo")),
              cue=Span(**at(text, "said", 1))),
    ]
    return Record(article=article(text, "iraq-1", "2019-12-31", "Test Wire", "Rockets, strikes and a protest"),
                  places=places, entities=[kh, us, pompeo], quotes=quotes, events=events)


def nigeria_record() -> Record:
    """One arrest event in another country, in another month."""
    text = ("Police in Lagos arrested 12 protesters on 3 February 2020 during a march over fuel prices, "
            "the state police command said.")
    place = Place(id="p1", name="Lagos", geonameid=2332459, lat=6.4541, lon=3.3947, country="NG", admin1="Lagos",
                  feature="city", **at(text, "Lagos"))
    ev = Event(id="ev1", type="COERCE", mode="arrest", cameo="173",
               acled=Acled(event_type="Strategic developments", sub_event_type="Arrests"),
               trigger=Span(**at(text, "arrested")),
               actors=[party(text, "Police", "Nigeria Police", "NGACOP")],
               recipients=[party(text, "protesters", "protesters", None)],
               date=EventDate(value="2020-02-03", precision="day", source="modifier", **at(text, "3 February 2020")),
               location=Location(place_id="p1", name="Lagos", lat=6.4541, lon=3.3947, country="NG", precision="city"),
               arrested=12, modality="asserted", intensity=-5, confidence=0.8)
    return Record(article=article(text, "ng-1", "2020-02-04", "Lagos Daily"), places=[place], events=[ev])


HOSTILE_QUOTE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


def hostile_record() -> Record:
    """An article whose title, quote, speaker and actor names carry markup: it must render as text."""
    text = (
        "Gunmen attacked a checkpoint near Mosul on Monday, officials said.\n\n"
        f"\u201c{HOSTILE_QUOTE} we will return,\u201d the group's spokesman "
        "<b onmouseover=alert(1)>Abu X</b> said in a statement."
    )
    place = Place(id="p1", name="Mosul", lat=36.335, lon=43.1189, country="IQ", admin1="Nineveh",
                  feature="city", **at(text, "Mosul"))
    ev = Event(id="ev1", type="ASSAULT", mode="firearms", trigger=Span(**at(text, "attacked")),
               actors=[party(text, "Gunmen", '<img src=x onerror="window.__pwned = 3">Gunmen', None)],
               date=EventDate(value="2020-01-06", precision="day", **at(text, "Monday")),
               location=Location(place_id="p1", name="Mosul", lat=36.335, lon=43.1189, country="IQ", precision="city"),
               modality="asserted", intensity=-8, confidence=0.6)
    q = Quote(id="q1", kind="direct", **at(text, f"\u201c{HOSTILE_QUOTE} we will return,\u201d"),
              speaker=Speaker(name="<b onmouseover=alert(1)>Abu X</b>",
                              **at(text, "<b onmouseover=alert(1)>Abu X</b>")),
              cue=Span(**at(text, "said", 1)))
    return Record(article=article(text, "hostile-1", "2020-01-07", "<script>alert(1)</script>",
                                  '<img src=x onerror="window.__pwned = 4">Title'),
                  places=[place], quotes=[q], events=[ev])


def stored_sqlite(folder) -> str:
    """URL of a new SQLite store in ``folder`` holding :func:`all_records`."""
    from tocsin.store import open_store

    url = f"sqlite:///{folder / 'records.db'}"
    with open_store(url) as s:
        s.add(all_records())
    return url


def all_records() -> list[Record]:
    return [iraq_record(), nigeria_record(), hostile_record()]


# -- a real server and PostgreSQL schemas ------------------------------------------------------
import contextlib  # noqa: E402
import os  # noqa: E402
import socket  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_server(db: str, **app_options):
    """A real uvicorn server over ``db`` on a free port, in a thread; yields its base URL."""
    import uvicorn

    from tocsin.serve import create_app

    app = create_app(db, **app_options)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(400):  # up to 20 s for the server to come up
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextlib.contextmanager
def pg_schema_url(pg_url: str):
    """A PostgreSQL URL whose search_path is a fresh schema of its own, dropped afterwards."""
    from sqlalchemy import create_engine, text

    from tocsin.store import normalise_url

    schema = f"t_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(normalise_url(pg_url))
    with admin.begin() as con:
        con.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in pg_url else "?"
    try:
        yield f"{pg_url}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as con:
            con.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
