"""Typed errors. The core raises these; the edges (CLI, API) turn them into messages and codes."""
from __future__ import annotations


class TocsinError(Exception):
    """Base class: ``str(err)`` is a one-line message fit for a user."""

    exit_code = 1


class InputError(TocsinError):
    """An input that cannot be read as an article (missing, empty, binary, malformed...)."""

    exit_code = 2

    def __init__(self, origin: str, reason: str):
        self.origin = origin
        self.reason = reason
        super().__init__(f"{origin}: {reason}")


class UsageError(TocsinError):
    """A bad option value (e.g. an invalid --published date)."""

    exit_code = 2


class OutputError(TocsinError):
    """The output cannot be written."""

    exit_code = 3


class StoreError(TocsinError):
    """The store cannot be opened or written."""

    exit_code = 4


class DataError(TocsinError):
    """A knowledge file (lexicon, actor list, gazetteer) is missing or malformed."""

    exit_code = 5


class NotEnglishError(InputError):
    """An article in another language: skipped, with the language detected as the reason."""


class LimitError(InputError):
    """An article over a configured limit (size, line length, time budget)."""


class ExtractionError(InputError):
    """An extractor failed on one article: the article is reported and skipped, the batch goes on.

    Always a bug to fix; the fuzz tests treat it as a failure."""
