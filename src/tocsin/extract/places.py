"""Placeholder: the places extractor (to be written)."""
from __future__ import annotations

from tocsin.context import Context


def extract(ctx: Context) -> list:
    return []


def resolve_places(text: str, spans):
    raise NotImplementedError
