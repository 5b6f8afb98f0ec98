"""Parse only what the prefilter keeps, and give back one Doc aligned to the whole text.

The kept runs of pieces go through ``nlp.pipe`` (all components); skipped runs are only
tokenized, with their sentence starts set from the cheap split. ``Doc.from_docs`` joins the parts
in text order without adding whitespace, so the Doc's text is the input text and every character
offset stays valid: extractors work unchanged, they just find no annotation in skipped runs.
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator, Optional

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from tocsin.scale.prefilter import Selection, select


class _Plan:
    __slots__ = ("text", "selection", "context", "runs", "n_kept")

    def __init__(self, text: str, context: Any):
        self.text = text
        self.context = context
        self.selection: Selection = select(text)
        self.runs = list(self.selection.runs())
        self.n_kept = sum(1 for r in self.runs if r[2])

    @property
    def whole(self) -> bool:
        return len(self.runs) == 1 and self.runs[0][2]


def _gap_doc(nlp: Language, plan: _Plan, start: int, end: int, width: int) -> Doc:
    doc = nlp.make_doc(plan.text[start:end])
    starts = {s - start for s, _ in plan.selection.pieces if start <= s < end}
    for tok in doc:
        tok.is_sent_start = tok.i == 0 or tok.idx in starts
    doc.tensor = numpy.zeros((len(doc), width), dtype="float32")
    return doc


def _assemble(nlp: Language, plan: _Plan, parsed: list[Doc]) -> Doc:
    if plan.whole:
        return parsed[0]
    width = next((d.tensor.shape[1] for d in parsed if d.tensor.ndim == 2 and len(d)), 0)
    parts, k = [], 0
    for start, end, kept in plan.runs:
        if kept:
            parts.append(parsed[k])
            k += 1
        else:
            parts.append(_gap_doc(nlp, plan, start, end, width))
    exclude = () if width else ("tensor",)
    doc = Doc.from_docs(parts, ensure_whitespace=False, exclude=exclude)
    if doc.text != plan.text:  # never expected; keep offsets right whatever happens
        return nlp(plan.text)
    return doc


def pipe_selected(
    nlp: Language, items: Iterable[tuple[str, Any]], batch_size: int = 16
) -> Iterator[tuple[Doc, Any]]:
    """Like ``nlp.pipe(items, as_tuples=True)``, parsing only the runs the prefilter keeps."""

    def stream() -> Iterator[tuple[str, Optional[_Plan]]]:
        for text, context in items:
            plan = _Plan(text, context)
            if plan.n_kept == 0:
                yield "", plan  # keeps the plan's place in the ordered stream
            for start, end, kept in plan.runs:
                if kept:
                    yield text[start:end], plan

    current: Optional[_Plan] = None
    got: list[Doc] = []
    for doc, plan in nlp.pipe(stream(), as_tuples=True, batch_size=batch_size):
        if plan is not current:
            current, got = plan, []
        if plan.n_kept:
            got.append(doc)
        if len(got) == plan.n_kept:
            yield _assemble(nlp, plan, got), plan.context
            current, got = None, []


def parse_selected(nlp: Language, text: str) -> Doc:
    """One text, parsed where the prefilter says so."""
    return next(pipe_selected(nlp, [(text, None)]))[0]


def pipe(items: Iterable[tuple[str, Any]], batch_size: int = 16) -> Iterator[tuple[Doc, Any]]:
    """The pipeline's parse of ``(text, context)`` items: through the prefilter unless it is
    switched off (``TOCSIN_PREFILTER=0``), else a plain ``nlp.pipe``."""
    from tocsin import nlp as nlp_loader
    from tocsin.scale import fast_attrs, fast_lemmas
    from tocsin.scale.prefilter import enabled

    nlp = nlp_loader.load()
    fast_attrs.install(nlp)  # identical annotations, a faster attribute_ruler match
    fast_lemmas.install(nlp)  # identical lemmas, each distinct word lemmatised once
    if enabled():
        return pipe_selected(nlp, items, batch_size=batch_size)
    return nlp.pipe(items, as_tuples=True, batch_size=batch_size)


def parse(text: str) -> Doc:
    """One text's parse (see :func:`pipe`)."""
    return next(iter(pipe([(text, None)], batch_size=1)))[0]
