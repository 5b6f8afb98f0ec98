"""The store: records kept in SQLite (default) or PostgreSQL through SQLAlchemy 2."""
from tocsin.store.db import DEFAULT_URL, Store, open_store

__all__ = ["DEFAULT_URL", "Store", "open_store"]
