"""Tokenizer fixes for news typography, applied when the pipeline loads.

Curly quotation marks glued to a word ("paranoia,”Clinton said", "“Yes”and left") are split
off, so the quote finder sees the mark and the cue after it. Straight quotes and apostrophes
are left to spaCy's rules.
"""
from __future__ import annotations

from spacy.util import compile_infix_regex

from tocsin.pipeline_hooks import register

GLUED_QUOTES = [
    r"(?<=\w)[,.?!;:](?=”\w)",  # the punctuation before such a mark
    r"(?<=[\w,.?!;:])”(?=\w)",  # closing mark followed by a word
    r"(?<=\w)“(?=\w)",           # opening mark right after a word
]


@register
def split_glued_quotes(nlp) -> None:
    infixes = list(nlp.Defaults.infixes) + GLUED_QUOTES
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
