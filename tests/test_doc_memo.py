"""Per-document values: built once, dropped with the document (no parse outlives its coding)."""
from __future__ import annotations

import threading
import weakref

import spacy

from tocsin import doc_memo


def test_built_once_per_document_and_dropped_for_another():
    nlp = spacy.blank("en")
    a, b = nlp("one doc"), nlp("another doc")
    calls = []
    build = lambda: calls.append(1) or len(calls)
    assert doc_memo.get(a, "k", build) == 1
    assert doc_memo.get(a, "k", build) == 1  # remembered
    assert doc_memo.get(b, "k", build) == 2  # another document: built for it
    assert doc_memo.get(a, "k", build) == 3  # the first one's value was dropped
    doc_memo.clear()
    assert doc_memo.get(a, "k", build) == 4


def test_each_thread_holds_its_own_document():
    nlp = spacy.blank("en")
    a, b = nlp("one doc"), nlp("another doc")
    doc_memo.get(a, "k", lambda: "a")
    seen = []
    t = threading.Thread(target=lambda: seen.append(doc_memo.get(b, "k", lambda: "b")))
    t.start()
    t.join()
    assert seen == ["b"] and doc_memo.get(a, "k", lambda: "rebuilt") == "a"
    doc_memo.clear()


def test_coding_an_article_keeps_no_document_alive():
    import gc

    from tocsin import nlp as nlp_loader
    from tocsin.actors.codes import KBIndex
    from tocsin.ingest.readers import ArticleInput
    from tocsin.pipeline import code, make_article

    article = make_article(ArticleInput(text="Iraqi forces attacked a depot in Kirkuk on Monday.\n", origin="t"))
    doc = nlp_loader.load()(article.text)
    assert KBIndex.of(doc) is KBIndex.of(doc)  # one index per document
    record = code(article, doc)
    assert record.places
    ref = weakref.ref(doc)
    del doc
    gc.collect()
    assert ref() is None
