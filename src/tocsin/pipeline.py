"""From an article's text to its :class:`~tocsin.record.Record`: cleanup, parse, extract.

``extract`` codes one article; ``extract_many`` streams many through ``nlp.pipe``. Extractors run
in a fixed order (timexes, entities, places, quotes, events); each sees what earlier ones found
through the :class:`~tocsin.context.Context`.
"""
from __future__ import annotations

import time
from typing import Callable, Iterable, Iterator, Optional, Union

from tocsin import __version__, doc_memo, limits as limits_mod, nlp as nlp_loader
from tocsin.context import Context
from tocsin.errors import ExtractionError, InputError, LimitError, NotEnglishError, TocsinError
from tocsin.ids import article_id, text_sha256
from tocsin.ingest.cleanup import find_excluded, mask
from tocsin.ingest.readers import ArticleInput, parse_published
from tocsin.record import Article, Extractor, Record

# The stages, in order. Each is "module:function" taking a Context and returning a list,
# stored on the context under the given attribute.
STAGES: list[tuple[str, str]] = [
    ("timexes", "tocsin.extract.timexes:extract"),
    ("entities", "tocsin.extract.entities:extract"),
    ("places", "tocsin.extract.places:extract"),
    ("quotes", "tocsin.extract.quotes:extract"),
    ("events", "tocsin.extract.events:extract"),
]


def _stage_functions() -> list[tuple[str, Callable]]:
    import importlib

    out = []
    for attr, target in STAGES:
        mod, fn = target.split(":")
        out.append((attr, getattr(importlib.import_module(mod), fn)))
    return out


def make_article(item: ArticleInput) -> Article:
    """The record's ``article`` part: metadata, the text unchanged and its excluded regions."""
    text = item.text
    if not text.strip():
        raise InputError(item.origin, "empty input")
    lim = limits_mod.current()
    if len(text) > lim.max_article_chars:
        raise LimitError(
            item.origin, f"article of {len(text)} characters is over the limit ({lim.max_article_chars})"
        )
    excluded = find_excluded(text)
    if lim.check_language:
        from tocsin.ingest.language import non_english

        lang = non_english(mask(text, excluded), lim.language_min_words, lim.language_min_prob)
        if lang:
            raise NotEnglishError(item.origin, f"not English (detected language: {lang}); skipped")
    return Article(
        id=item.id or article_id(text),
        title=item.title,
        source=item.source,
        url=item.url,
        published=item.published,
        language="en",
        author=item.author,
        text=text,
        text_sha256=text_sha256(text),
        extractor=Extractor(name="tocsin", version=__version__),
        excluded=excluded,
    )


_warm: set[str] = set()  # stages that have run once in this process (their loading is done)


def _run_stage(ctx: Context, attr: str, fn: Callable) -> None:
    try:
        setattr(ctx, attr, fn(ctx))
    except TocsinError:
        raise
    except Exception as exc:  # a bug in a stage must not take the batch down
        msg = " ".join(str(exc).split())[:200]
        raise ExtractionError(ctx.article.id, f"{attr} stage failed ({type(exc).__name__}: {msg})") from exc


def code(article: Article, doc, started: Optional[float] = None) -> Record:
    """Run every extractor over a parsed article, within the per-article time budget.

    A stage's first run in a process loads its knowledge (gazetteer, lexicons) and may build an
    index; that one-off cost does not count against the article's budget."""
    budget = limits_mod.current().time_budget_s
    started = time.monotonic() if started is None else started
    ctx = Context(article=article, doc=doc)
    try:
        for attr, fn in _stage_functions():
            if attr not in _warm:
                t0 = time.monotonic()
                _run_stage(ctx, attr, fn)
                _warm.add(attr)
                started += time.monotonic() - t0
                continue
            if time.monotonic() - started > budget:
                raise LimitError(article.id, f"over the time budget of {budget:g} s per article (at {attr})")
            _run_stage(ctx, attr, fn)
    finally:
        doc_memo.clear()  # what the stages shared about this document goes with it
    return Record(
        article=article,
        timexes=ctx.timexes,
        places=ctx.places,
        entities=ctx.entities,
        quotes=ctx.quotes,
        events=ctx.events,
    )


def parse(article: Article):
    """The spaCy parse of the article's body (excluded regions blanked, offsets unchanged); the
    prefilter (:mod:`tocsin.scale.prefilter`) decides which sentences need the full pipeline."""
    from tocsin.scale import chunked

    return chunked.parse(parser_text(article))


def parser_text(article: Article) -> str:
    """What the parser reads: the text with excluded regions blanked and, when it is all
    capitals, plausible case restored (:mod:`tocsin.ingest.truecase`); same length as the text."""
    from tocsin.ingest.truecase import truecase

    return truecase(mask(article.text, article.excluded))


def extract(text: str, published: Optional[str] = None, **meta) -> Record:
    """Code one article. ``published`` is an ISO date; ``meta`` may give id, title, source, url."""
    item = ArticleInput(
        text=text,
        origin=meta.pop("origin", "<text>"),
        published=parse_published(published),
        **{k: v for k, v in meta.items() if k in {"id", "title", "source", "url", "author"}},
    )
    article = make_article(item)
    return code(article, parse(article))


Inputs = Iterable[Union[str, dict, ArticleInput]]


def _as_input(obj: Union[str, dict, ArticleInput], n: int) -> ArticleInput:
    if isinstance(obj, ArticleInput):
        return obj
    if isinstance(obj, str):
        return ArticleInput(text=obj, origin=f"<item {n}>")
    if isinstance(obj, dict):
        origin = f"<item {n}>"
        return ArticleInput(
            text=obj.get("text") or "",
            origin=origin,
            id=None if obj.get("id") is None else str(obj["id"]),
            published=parse_published(obj.get("published"), origin),
            title=obj.get("title"),
            source=obj.get("source"),
            url=obj.get("url"),
            author=obj.get("author"),
        )
    raise TypeError(f"cannot code an item of type {type(obj).__name__}")


def extract_many(
    items: Inputs, batch_size: int = 16, on_error: Optional[Callable[[InputError], None]] = None
) -> Iterator[Record]:
    """Code many articles, batching the parse with ``nlp.pipe``. Bad items go to ``on_error``
    (or raise when it is not given)."""

    def articles() -> Iterator[Article]:
        for n, obj in enumerate(items, start=1):
            try:
                if isinstance(obj, InputError):
                    raise obj
                yield make_article(_as_input(obj, n))
            except InputError as exc:
                if on_error is None:
                    raise
                on_error(exc)

    from tocsin.scale import chunked

    stream = ((parser_text(a), a) for a in articles())
    for doc, article in chunked.pipe(stream, batch_size=batch_size):
        try:
            yield code(article, doc)
        except InputError as exc:
            if on_error is None:
                raise
            on_error(exc)
