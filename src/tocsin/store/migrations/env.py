"""Alembic environment: runs on the connection :mod:`tocsin.store.schema` hands over (the
store opens it, inside its own lock), or on ``-x url=...`` when alembic is run by hand."""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from tocsin.store.tables import Base

config = context.config


def _include_object(obj, name, type_, reflected, compare_to) -> bool:
    # Full-text tables/columns are made by the migrations themselves, not by the models.
    return not (type_ == "table" and name and "_fts" in name)


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        include_object=_include_object,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()
