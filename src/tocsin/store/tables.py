"""SQLAlchemy tables derived from the record model.

``articles`` holds one row per distinct article text (unique ``text_sha256``) with the whole record
as JSON; ``events``, ``quotes``, ``entities`` and ``places`` hold the record's parts flattened for
filtering, each row pointing back to its article.
"""
from __future__ import annotations

from sqlalchemy import (
    JSON, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(200), index=True)
    text_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(300), index=True)
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10), index=True)
    text: Mapped[str] = mapped_column(Text)
    record: Mapped[dict] = mapped_column(JSON)
    extractor_version: Mapped[str] = mapped_column(String(40))
    ingested_at: Mapped[str] = mapped_column(String(32))
    events: Mapped[list["EventRow"]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    quotes: Mapped[list["QuoteRow"]] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    entities: Mapped[list["EntityRow"]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class EventRow(Base):
    __tablename__ = "events"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)
    event_id: Mapped[str] = mapped_column(String(40))
    type: Mapped[str] = mapped_column(String(20), index=True)
    mode: Mapped[str | None] = mapped_column(String(40), index=True)
    modality: Mapped[str] = mapped_column(String(20), index=True)
    date: Mapped[str | None] = mapped_column(String(20), index=True)
    date_precision: Mapped[str | None] = mapped_column(String(10))
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    location: Mapped[str | None] = mapped_column(String(300))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    actors: Mapped[str] = mapped_column(Text)       # "; "-joined names, for display and search
    recipients: Mapped[str] = mapped_column(Text)
    actor_codes: Mapped[str] = mapped_column(Text)  # " "-joined codes of both sides
    dead: Mapped[int | None] = mapped_column(Integer)
    injured: Mapped[int | None] = mapped_column(Integer)
    arrested: Mapped[int | None] = mapped_column(Integer)
    intensity: Mapped[float | None] = mapped_column(Float)
    trigger: Mapped[str] = mapped_column(Text)
    data: Mapped[dict] = mapped_column(JSON)
    __table_args__ = (
        UniqueConstraint("article_pk", "event_id", name="uq_event_in_article"),
        Index("ix_events_lat_lon", "lat", "lon"),
    )


class QuoteRow(Base):
    __tablename__ = "quotes"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)
    quote_id: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(10), index=True)
    speaker: Mapped[str | None] = mapped_column(String(300), index=True)
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
    __table_args__ = (UniqueConstraint("article_pk", "entity_id", name="uq_entity_in_article"),)
