"""Alembic migrations of the store's schema. :func:`tocsin.store.schema.upgrade` runs them
(``upgrade head``) whenever a store is opened; ``alembic -c`` is not needed."""
