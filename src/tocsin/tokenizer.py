"""Tokenizer fixes for news typography, applied when the pipeline loads.

Curly quotation marks glued to a word ("paranoia,”Clinton said", "“Yes”and left") are split
off, so the quote finder sees the mark and the cue after it; so is an opening mark, straight or
curly, glued between a colon or comma and a word ('said:“No', '(R-S.C.):"I'). Apostrophes
and inch marks ('5\'10"') are left to spaCy's rules.
"""
from __future__ import annotations

from spacy.util import compile_infix_regex

from tocsin.pipeline_hooks import register

GLUED_QUOTES = [
    r"(?<=\w)[,.?!;:](?=”\w)",  # the punctuation before such a mark
    r"(?<=[\w,.?!;:])”(?=\w)",  # closing mark followed by a word
    r"(?<=\w)“(?=\w)",           # opening mark right after a word
    r"(?<=[\w.)])[:;,](?=[\"“]\w)",  # 'said:“No', 'Ellis,"we': the punctuation before a glued mark
    r"(?<=[:;,])[\"“](?=\w)",         # and the mark itself, straight or curly
    r"(?<=[\w.])\)(?=[:;,][\"“]\w)",  # '(R-S.C.):"I': the parenthesis before them
]


@register
def split_glued_quotes(nlp) -> None:
    infixes = list(nlp.Defaults.infixes) + GLUED_QUOTES
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
