"""The store: records kept in SQLite (default) or PostgreSQL through SQLAlchemy 2, its schema
made and changed by alembic migrations, with full-text search over article text and quotes."""
from tocsin.store.db import DEFAULT_URL, AddResult, Store, normalise_url, open_store
from tocsin.store.filters import EventFilter

__all__ = ["DEFAULT_URL", "AddResult", "EventFilter", "Store", "normalise_url", "open_store"]
