"""Engines and schema: make an engine for a store URL and bring its schema to the newest
migration (alembic ``upgrade head``, run programmatically under a lock so that two processes
opening a new store at once do not both create it)."""
from __future__ import annotations

import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect, text

from tocsin.errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
WRITE = "tocsin_write"  # execution option: this connection writes (SQLite: BEGIN IMMEDIATE)
_PG_LOCK_KEY = 0x70C5_1E  # advisory lock id held while migrating a PostgreSQL store


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL, foreign keys, a busy timeout and explicit BEGINs."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 60, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_connect(dbapi_conn, _record) -> None:
    # Let SQLAlchemy emit BEGIN itself (see _sqlite_begin) instead of the driver's implicit one.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    set_wal(cur)
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def set_wal(cur, wait: float = 60.0) -> None:
    """Put the file in WAL mode. The first openers of a new file race to switch it; SQLite answers
    "database is locked" at once to the losers (two shared locks both wanting the exclusive one
    is a deadlock its busy timeout does not wait out), so they retry until the mode is set."""
    deadline = time.monotonic() + wait
    delay = 0.005
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.25)


def _sqlite_begin(conn) -> None:
    # A writer takes the write lock up front, so two writers queue (busy timeout) instead of
    # failing with "database is locked" when both try to upgrade a read lock.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE) else "BEGIN")


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Apply every migration the store lacks (nothing to do when it is at head)."""
    head = head_revision()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        if current == head:
            return
        if current is None and inspect(conn).has_table("articles"):
            raise StoreError(
                f"{engine.url.render_as_string(hide_password=True)}: this store was made by an older "
                "tocsin without schema migrations; ingest into a new store"
            )
    with _migration_lock(engine) as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


@contextmanager
def _migration_lock(engine: Engine) -> Iterator:
    """One transaction that holds the store's write lock while the migrations run."""
    with engine.execution_options(**{WRITE: True}).begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
        yield conn
