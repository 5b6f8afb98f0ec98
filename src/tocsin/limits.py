"""Limits that keep one bad input from taking a process down: size, line length, time, language.

Defaults suit news; each can be changed with an environment variable (shown beside it) or by
passing a :class:`Limits` explicitly.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Optional


@dataclass(frozen=True)
class Limits:
    max_article_chars: int = 1_000_000     # TOCSIN_MAX_ARTICLE_CHARS
    max_line_chars: int = 5_000_000        # TOCSIN_MAX_LINE_CHARS (one JSON Lines record)
    time_budget_s: float = 120.0           # TOCSIN_TIME_BUDGET (seconds of extraction per article)
    check_language: bool = True            # TOCSIN_CHECK_LANGUAGE=0 turns detection off
    language_min_words: int = 12           # shorter texts are not judged
    language_min_prob: float = 0.95        # confidence needed to call a text non-English


_ENV = {
    "max_article_chars": ("TOCSIN_MAX_ARTICLE_CHARS", int),
    "max_line_chars": ("TOCSIN_MAX_LINE_CHARS", int),
    "time_budget_s": ("TOCSIN_TIME_BUDGET", float),
    "check_language": ("TOCSIN_CHECK_LANGUAGE", lambda v: v.strip().lower() not in ("0", "false", "no", "off")),
}

_override: Optional[Limits] = None


def current() -> Limits:
    """The limits in force: those set with :func:`configure`, else the environment's, else defaults."""
    if _override is not None:
        return _override
    values = {}
    for field, (var, conv) in _ENV.items():
        raw = os.environ.get(var)
        if raw:
            try:
                values[field] = conv(raw)
            except ValueError:
                from tocsin.errors import UsageError

                raise UsageError(f"{var}: invalid value {raw!r}") from None
    return replace(Limits(), **values)


def configure(**changes) -> Limits:
    """Set limits for this process (e.g. from CLI options); returns the limits in force."""
    global _override
    _override = replace(current(), **{k: v for k, v in changes.items() if v is not None})
    return _override
