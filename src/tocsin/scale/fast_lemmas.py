"""Identical lemmas with less work: the rule lemmatizer's answer remembered per distinct word.

spaCy's English rule lemmatizer reads a token's text, its POS and its morphology, plus fixed
tables. It caches its answer, but not for base forms (singular nouns, infinitives...), which it
works out again, morphology dictionary and all, at every occurrence; and a word it has not seen
costs a membership test on its word lists (57,000 nouns), which are Python lists. ``install``
wraps the lemmatizer's ``lemmatize`` step with a cache keyed on exactly what it reads, and gives
each word list a set for its membership test (same items, same order), so every lemma is the one
spaCy gives. Other lemmatizers are left alone. ``TOCSIN_FAST_LEMMAS=0`` turns it off.
"""
from __future__ import annotations

import os

_MARK = "_tocsin_fast_lemmas"
MEMO_MAX = 50_000  # distinct (word, POS, morphology) remembered (at most ~15 MB); emptied when full


def enabled() -> bool:
    return os.environ.get("TOCSIN_FAST_LEMMAS", "1").strip().lower() not in ("0", "false", "no", "off")


class _WordList(list):
    """A list of words whose membership test is a set look-up; read-only (the lemmatizer only
    asks ``form in it``)."""

    def __init__(self, items) -> None:
        super().__init__(items)
        self._set = frozenset(self)

    def __contains__(self, item) -> bool:
        return item in self._set


def _reads_only_text_pos_morph(lem) -> bool:
    """The English rule lemmatizer as spaCy ships it (nothing overridden)."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import Lemmatizer

    cls = type(lem)
    return (isinstance(lem, EnglishLemmatizer) and lem.mode == "rule"
            and cls.rule_lemmatize is Lemmatizer.rule_lemmatize
            and cls.is_base_form is EnglishLemmatizer.is_base_form)


def install(nlp) -> bool:
    """Give ``nlp``'s lemmatizer the cache and set look-ups (once); False when not applicable."""
    if not enabled() or "lemmatizer" not in nlp.pipe_names:
        return False
    lem = nlp.get_pipe("lemmatizer")
    if getattr(lem, _MARK, False):
        return True
    if not _reads_only_text_pos_morph(lem):
        return False
    index = lem.lookups.get_table("lemma_index", {})
    for key in list(index.keys()):
        if type(index[key]) is list and all(isinstance(w, str) for w in index[key]):
            index[key] = _WordList(index[key])
    rule = lem.lemmatize
    memo: dict = {}

    def lemmatize(token):
        key = (token.orth, token.pos, token.morph.key)
        forms = memo.get(key)
        if forms is None:
            if len(memo) >= MEMO_MAX:
                memo.clear()
            forms = memo[key] = rule(token)
        return forms

    lem.lemmatize = lemmatize
    setattr(lem, _MARK, True)
    return True
