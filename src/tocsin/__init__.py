"""tocsin: reads news and writes the event record.

>>> import tocsin
>>> record = tocsin.extract(text, published="2019-12-31")
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "extract", "extract_many", "resolve_places", "Record"]


def __getattr__(name: str):
    # Keep ``import tocsin`` cheap: spaCy and the extractors load on first use.
    if name == "extract":  # the extract package is callable: tocsin.extract(text, ...)
        import tocsin.extract as extract_package

        return extract_package
    if name == "extract_many":
        from tocsin.pipeline import extract_many

        return extract_many
    if name == "resolve_places":
        from tocsin.extract.places import resolve_places

        return resolve_places
    if name == "Record":
        from tocsin.record import Record

        return Record
    raise AttributeError(name)
