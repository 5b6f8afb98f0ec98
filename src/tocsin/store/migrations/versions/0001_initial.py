"""The first schema: articles and their events, participants, quotes, entities and places, with
full-text search over article text and quotes (SQLite FTS5 tables kept in sync by triggers;
PostgreSQL stored tsvector columns with GIN indexes).

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _fk_article() -> sa.Column:
    return sa.Column("article_pk", sa.Integer, sa.ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("text_sha256", sa.String(64), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("source", sa.String(300)),
        sa.Column("url", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("language", sa.String(10)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("extractor_version", sa.String(40), nullable=False),
        sa.Column("ingested_at", sa.String(32), nullable=False),
        sa.UniqueConstraint("text_sha256", name="uq_articles_text_sha256"),
    )
    op.create_index("ix_articles_id", "articles", ["id"])
    op.create_index("ix_articles_source", "articles", ["source"])
    op.create_index("ix_articles_published", "articles", ["published"])

    op.create_table(
        "events",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        _fk_article(),
        sa.Column("event_id", sa.String(40), nullable=False),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("mode", sa.String(40)),
        sa.Column("context", sa.String(60)),
        sa.Column("cameo", sa.String(10)),
        sa.Column("acled_event_type", sa.String(60)),
        sa.Column("acled_sub_event_type", sa.String(80)),
        sa.Column("modality", sa.String(20), nullable=False),
        sa.Column("date", sa.String(20)),
        sa.Column("date_precision", sa.String(10)),
        sa.Column("country", sa.String(2)),
        sa.Column("location", sa.String(300)),
        sa.Column("admin1", sa.String(300)),
        sa.Column("geo_precision", sa.String(10)),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("actors", sa.Text, nullable=False),
        sa.Column("recipients", sa.Text, nullable=False),
        sa.Column("actor_codes", sa.Text, nullable=False),
        sa.Column("dead", sa.Integer),
        sa.Column("injured", sa.Integer),
        sa.Column("arrested", sa.Integer),
        sa.Column("intensity", sa.Float),
        sa.Column("confidence", sa.Float),
        sa.Column("trigger", sa.Text, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.UniqueConstraint("article_pk", "event_id", name="uq_event_in_article"),
    )
    op.create_index("ix_events_article_pk", "events", ["article_pk"])
    op.create_index("ix_events_mode", "events", ["mode"])
    op.create_index("ix_events_modality", "events", ["modality"])
    op.create_index("ix_events_date", "events", ["date"])
    op.create_index("ix_events_country", "events", ["country"])
    op.create_index("ix_events_type_date", "events", ["type", "date"])
    op.create_index("ix_events_lat_lon", "events", ["lat", "lon"])

    op.create_table(
        "participants",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_pk", sa.Integer, sa.ForeignKey("events.pk", ondelete="CASCADE"), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("name_lower", sa.String(300), nullable=False),
        sa.Column("code", sa.String(40)),
        sa.Column("entity_id", sa.String(40)),
    )
    op.create_index("ix_participants_event_pk", "participants", ["event_pk"])
    op.create_index("ix_participants_name_lower", "participants", ["name_lower", "role"])
    op.create_index("ix_participants_code", "participants", ["code", "role"])

    op.create_table(
        "quotes",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        _fk_article(),
        sa.Column("quote_id", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("speaker", sa.String(300)),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.UniqueConstraint("article_pk", "quote_id", name="uq_quote_in_article"),
    )
    op.create_index("ix_quotes_article_pk", "quotes", ["article_pk"])
    op.create_index("ix_quotes_kind", "quotes", ["kind"])
    op.create_index("ix_quotes_speaker", "quotes", ["speaker"])

    op.create_table(
        "entities",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        _fk_article(),
        sa.Column("entity_id", sa.String(40), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("code", sa.String(40)),
        sa.Column("country", sa.String(3)),
        sa.Column("mentions", sa.Integer, nullable=False),
        sa.UniqueConstraint("article_pk", "entity_id", name="uq_entity_in_article"),
    )
    op.create_index("ix_entities_article_pk", "entities", ["article_pk"])
    op.create_index("ix_entities_name", "entities", ["name"])
    op.create_index("ix_entities_code", "entities", ["code"])
    op.create_index("ix_entities_country", "entities", ["country"])

    op.create_table(
        "places",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        _fk_article(),
        sa.Column("place_id", sa.String(40), nullable=False),
        sa.Column("name", sa.String(300)),
        sa.Column("geonameid", sa.Integer),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("country", sa.String(2)),
        sa.Column("admin1", sa.String(300)),
        sa.Column("feature", sa.String(20)),
        sa.UniqueConstraint("article_pk", "place_id", name="uq_place_in_article"),
    )
    op.create_index("ix_places_article_pk", "places", ["article_pk"])
    op.create_index("ix_places_name", "places", ["name"])
    op.create_index("ix_places_geonameid", "places", ["geonameid"])
    op.create_index("ix_places_country", "places", ["country"])

    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_fts("articles", ["title", "text"])
        _sqlite_fts("quotes", ["text", "speaker"])
    elif dialect == "postgresql":
        _pg_tsvector("articles", "coalesce(title, '') || ' ' || text")
        _pg_tsvector("quotes", "coalesce(speaker, '') || ' ' || text")


def _sqlite_fts(table: str, cols: list[str]) -> None:
    """An external-content FTS5 table over ``table`` kept in sync by triggers."""
    fts = f"{table}_fts"
    names = ", ".join(cols)
    new = ", ".join(f"new.{c}" for c in cols)
    old = ", ".join(f"old.{c}" for c in cols)
    op.execute(
        f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='{table}', content_rowid='pk', "
        f"tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {names}) VALUES (new.pk, {new}); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.pk, {old}); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_au AFTER UPDATE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.pk, {old}); "
        f"INSERT INTO {fts}(rowid, {names}) VALUES (new.pk, {new}); END"
    )


def _pg_tsvector(table: str, expr: str) -> None:
    op.execute(
        f"ALTER TABLE {table} ADD COLUMN tsv tsvector "
        f"GENERATED ALWAYS AS (to_tsvector('english', {expr})) STORED"
    )
    op.execute(f"CREATE INDEX ix_{table}_tsv ON {table} USING GIN (tsv)")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for fts in ("articles_fts", "quotes_fts"):
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
    for table in ("places", "entities", "quotes", "participants", "events", "articles"):
        op.drop_table(table)
