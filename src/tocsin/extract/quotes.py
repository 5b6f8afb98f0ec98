"""Placeholder: the quotes extractor (to be written)."""
from __future__ import annotations

from tocsin.context import Context


def extract(ctx: Context) -> list:
    return []
