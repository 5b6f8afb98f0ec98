"""SQLAlchemy tables derived from the record model (:mod:`tocsin.record`).

``articles`` holds one row per distinct article text (unique ``text_sha256``) with the whole
record as JSON; ``events``, ``participants``, ``quotes``, ``entities`` and ``places`` hold the
record's parts flattened for filtering, each row pointing back to its article. The schema is
created and changed only by the alembic migrations in :mod:`tocsin.store.migrations`; full-text
indexes (SQLite FTS5 tables, PostgreSQL tsvector columns) are made there too, outside these models.
"""
from __future__ import annotations

from sqlalchemy import (
    JSON, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    """One article and its whole record (``record`` is ``Record.model_dump(mode="json")``)."""

    __tablename__ = "articles"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(200), index=True)
    text_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(300), index=True)
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    language: Mapped[str | None] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    record: Mapped[dict] = mapped_column(JSON)
    extractor_version: Mapped[str] = mapped_column(String(40))
    ingested_at: Mapped[str] = mapped_column(String(32))
    events: Mapped[list["EventRow"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, back_populates="article")
    quotes: Mapped[list["QuoteRow"]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    entities: Mapped[list["EntityRow"]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    places: Mapped[list["PlaceRow"]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class EventRow(Base):
    """One coded event; ``data`` is the record's event object unchanged."""

    __tablename__ = "events"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)
    event_id: Mapped[str] = mapped_column(String(40))
    type: Mapped[str] = mapped_column(String(20))
    mode: Mapped[str | None] = mapped_column(String(40), index=True)
    context: Mapped[str | None] = mapped_column(String(60))
    cameo: Mapped[str | None] = mapped_column(String(10))
    acled_event_type: Mapped[str | None] = mapped_column(String(60))
    acled_sub_event_type: Mapped[str | None] = mapped_column(String(80))
    modality: Mapped[str] = mapped_column(String(20), index=True)
    date: Mapped[str | None] = mapped_column(String(20), index=True)
    date_precision: Mapped[str | None] = mapped_column(String(10))
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    location: Mapped[str | None] = mapped_column(String(300))
    admin1: Mapped[str | None] = mapped_column(String(300))
    geo_precision: Mapped[str | None] = mapped_column(String(10))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    actors: Mapped[str] = mapped_column(Text)       # "; "-joined names, for display
    recipients: Mapped[str] = mapped_column(Text)
    actor_codes: Mapped[str] = mapped_column(Text)  # " "-joined codes of both sides
    dead: Mapped[int | None] = mapped_column(Integer)
    injured: Mapped[int | None] = mapped_column(Integer)
    arrested: Mapped[int | None] = mapped_column(Integer)
    intensity: Mapped[float | None] = mapped_column(Float)
    confidence: Mapped[float | None] = mapped_column(Float)
    trigger: Mapped[str] = mapped_column(Text)
    data: Mapped[dict] = mapped_column(JSON)
    article: Mapped[ArticleRow] = relationship(back_populates="events")
    participants: Mapped[list["ParticipantRow"]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True)
    __table_args__ = (
        UniqueConstraint("article_pk", "event_id", name="uq_event_in_article"),
        Index("ix_events_type_date", "type", "date"),
        Index("ix_events_lat_lon", "lat", "lon"),
    )


class ParticipantRow(Base):
    """An actor (``role='actor'``) or recipient of an event: the index behind actor and dyad queries."""

    __tablename__ = "participants"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_pk: Mapped[int] = mapped_column(ForeignKey("events.pk", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(300))
    name_lower: Mapped[str] = mapped_column(String(300))
    code: Mapped[str | None] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(40))
    __table_args__ = (
        Index("ix_participants_name_lower", "name_lower", "role"),
        Index("ix_participants_code", "code", "role"),
    )


class QuoteRow(Base):
    __tablename__ = "quotes"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)
    quote_id: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(10), index=True)
    speaker: Mapped[str | None] = mapped_column(String(300), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    data: Mapped[dict] = mapped_column(JSON)
    __table_args__ = (UniqueConstraint("article_pk", "quote_id", name="uq_quote_in_article"),)


class EntityRow(Base):
    __tablename__ = "entities"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)
    entity_id: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    code: Mapped[str | None] = mapped_column(String(40), index=True)
    country: Mapped[str | None] = mapped_column(String(3), index=True)
    mentions: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (UniqueConstraint("article_pk", "entity_id", name="uq_entity_in_article"),)


class PlaceRow(Base):
    __tablename__ = "places"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)
    place_id: Mapped[str] = mapped_column(String(40))
    name: Mapped[str | None] = mapped_column(String(300), index=True)
    geonameid: Mapped[int | None] = mapped_column(Integer, index=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    admin1: Mapped[str | None] = mapped_column(String(300))
    feature: Mapped[str | None] = mapped_column(String(20))
    __table_args__ = (UniqueConstraint("article_pk", "place_id", name="uq_place_in_article"),)
