"""Is an article English? A small language identifier (py3langid, its model ships in the package)."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

SAMPLE_CHARS = 4000


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float]:
    """The most likely language code of ``text`` and its probability."""
    lang, prob = _identifier().classify(text[:SAMPLE_CHARS])
    return lang, float(prob)


def non_english(text: str, min_words: int, min_prob: float) -> Optional[str]:
    """The detected language when ``text`` is confidently not English, else ``None``."""
    sample = text[:SAMPLE_CHARS]
    words = [w for w in sample.split() if any(c.isalpha() for c in w)]
    if len(words) < min_words:
        return None
    lang, prob = detect(sample)
    if lang != "en" and prob >= min_prob:
        return lang
    return None
