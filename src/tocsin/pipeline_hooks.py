"""Registry of functions that customise the spaCy pipeline when it is first loaded.

Each hook takes the ``Language`` object and adds or configures components (for example the
entity ruler built from the actor knowledge base). Modules append to :data:`HOOKS` at import.
"""
from __future__ import annotations

from typing import Callable

HOOKS: list[Callable] = []


def register(fn: Callable) -> Callable:
    if fn not in HOOKS:
        HOOKS.append(fn)
    return fn
