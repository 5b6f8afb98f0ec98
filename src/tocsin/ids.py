"""Stable identifiers for articles and the items coded from them."""
from __future__ import annotations

import hashlib


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_id(text: str) -> str:
    """Default id of an article that brings none: a prefix of its text hash."""
    return "a" + text_sha256(text)[:15]


def item_id(prefix: str, n: int) -> str:
    """Ids within one record: ``t1``, ``p1``, ``e1``, ``q1``, ``ev1`` ..."""
    return f"{prefix}{n}"
