"""Values worked out once per parsed document and shared by the stages that ask for them (the
actor KB index, which the events stage asks for sentence by sentence).

One document at a time, per thread: asking about another document drops what was kept, and the
pipeline calls :func:`clear` when it has coded a document, so no Doc (~10 MB with its parse)
outlives its coding. A value must depend only on the parse, which no stage changes.
"""
from __future__ import annotations

import threading
from typing import Any, Callable

_state = threading.local()


def get(doc, key: str, build: Callable[[], Any]) -> Any:
    """The value ``build()`` gave for ``doc`` and ``key``, built on first request."""
    held = getattr(_state, "held", None)
    if held is None or held[0] is not doc:
        held = _state.held = (doc, {})
    values = held[1]
    if key not in values:
        values[key] = build()
    return values[key]


def clear() -> None:
    """Forget the document held (and its values)."""
    _state.held = None
