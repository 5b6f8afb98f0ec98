"""The prefilter: pieces cover the text, signals are found, skipped runs keep offsets, and the
records through the prefilter equal those of a full parse."""
from __future__ import annotations

import pytest

from test_scale_corpus import article

QUIET = "the grass was green and the sea was calm.\n\n"


def test_pieces_cover_the_text_exactly():
    from tocsin.scale.prefilter import split_pieces

    text = "Sen. Ada Vole said so. The U.S. army left at 5 p.m. on Friday!\n\nthen nothing.\n"
    pieces = split_pieces(text)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))
    starts = [text[s:e] for s, e in pieces]
    assert starts[0].startswith("Sen. Ada Vole said so.")  # no cut after an abbreviation
    assert any(p.startswith("The U.S. army") for p in starts)


@pytest.mark.parametrize("piece,expected", [
    (QUIET, False),
    ("the sea was calm.\n", False),
    ("the sea was calm after 9.\n", True),                # a number
    ("the sea was “calm”.\n", True),                      # a quote mark
    ("the sea near Harwick was calm.\n", True),             # a capitalised name
    ("he walked home.\n", True),                                # a pronoun (coreference)
    ("the militia attacked the boats.\n", True),              # a trigger candidate
    ("the sea was calm yesterday.\n", True),              # a time word
])
def test_signals(piece, expected):
    from tocsin.scale.prefilter import has_signal

    assert has_signal(piece) is expected


def test_skipped_runs_keep_offsets_and_sentences():
    from tocsin import nlp
    from tocsin.scale.chunked import parse_selected
    from tocsin.scale.prefilter import select

    text = article(3) + QUIET * 4 + article(4)
    sel = select(text)
    assert not all(sel.keep), "the quiet paragraphs in the middle are skipped"
    doc = parse_selected(nlp.load(), text)
    assert doc.text == text
    full = nlp.load()(text)
    kept = [(s, e) for (s, e), k in zip(sel.pieces, sel.keep) if k]
    inside = lambda span: any(s <= span.start_char and span.end_char <= e for s, e in kept)
    assert [(e.start_char, e.label_) for e in doc.ents] == \
        [(e.start_char, e.label_) for e in full.ents if inside(e)]
    for sent in doc.sents:  # every sentence lies inside one piece run
        assert text[sent.start_char:sent.end_char] == sent.text


def test_records_equal_with_and_without_prefilter(monkeypatch):
    from tocsin.pipeline import extract_many

    texts = [article(i) for i in range(4)] + [article(5) + QUIET * 3 + article(6)]
    monkeypatch.setenv("TOCSIN_PREFILTER", "1")
    fast = [r.model_dump_json() for r in extract_many(texts)]
    monkeypatch.setenv("TOCSIN_PREFILTER", "0")
    full = [r.model_dump_json() for r in extract_many(texts)]
    assert fast == full


def test_seed_record_equal_with_and_without_prefilter(monkeypatch, seed_text):
    import tocsin

    monkeypatch.setenv("TOCSIN_PREFILTER", "1")
    fast = tocsin.extract(seed_text, published="2019-12-31").model_dump_json()
    monkeypatch.setenv("TOCSIN_PREFILTER", "0")
    full = tocsin.extract(seed_text, published="2019-12-31").model_dump_json()
    assert fast == full
