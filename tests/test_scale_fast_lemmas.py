"""The remembered lemmas are spaCy's own, first time and from the memo."""
from __future__ import annotations

import spacy

from test_scale_corpus import article


def _lemmas(nlp, texts):
    return [[(t.text, t.pos_, str(t.morph), t.lemma_) for t in doc] for doc in nlp.pipe(texts)]


def test_lemmas_equal_the_plain_lemmatizer():
    from tocsin.nlp import MODEL_NAME
    from tocsin.scale.fast_lemmas import install

    plain, fast = spacy.load(MODEL_NAME), spacy.load(MODEL_NAME)
    assert install(fast) and install(fast)  # idempotent
    texts = [article(i) for i in range(4)] + [
        "The attacks were attacking attackers; she's been saying they'd said more. Geese, mice, "
        "better and best: went, gone, going.\n",
        "She saw the saw. The leaves fell as he leaves. He left the left lane and the dove dove.\n",
        "\n\n  \n",
    ]
    want = _lemmas(plain, texts)
    assert _lemmas(fast, texts) == want
    assert _lemmas(fast, texts) == want  # now every word comes from the memo
    lemmas_of: dict = {}
    for doc in want:
        for text, _, _, lemma in doc:
            lemmas_of.setdefault(text, set()).add(lemma)
    assert len(lemmas_of["saw"]) == 2 and len(lemmas_of["leaves"]) == 2  # the memo must tell them apart


def test_switched_off(monkeypatch):
    from tocsin.nlp import MODEL_NAME
    from tocsin.scale.fast_lemmas import install

    monkeypatch.setenv("TOCSIN_FAST_LEMMAS", "0")
    nlp = spacy.load(MODEL_NAME)
    rule = nlp.get_pipe("lemmatizer").lemmatize
    assert not install(nlp)
    assert nlp.get_pipe("lemmatizer").lemmatize == rule


def test_same_word_and_pos_other_morphology():
    """"media" as a singular noun is its own lemma, as a plural it is "medium"."""
    from spacy.tokens import Doc

    from tocsin.nlp import MODEL_NAME
    from tocsin.scale.fast_lemmas import install

    nlp = spacy.load(MODEL_NAME)
    assert install(nlp)
    lem = nlp.get_pipe("lemmatizer")
    for morphs, want in ((["Number=Sing", "Number=Plur"], ["media", "medium"]),
                         (["Number=Plur", "Number=Sing"], ["medium", "media"])):
        doc = Doc(nlp.vocab, words=["media", "media"], pos=["NOUN", "NOUN"], morphs=morphs)
        assert [t.lemma_ for t in lem(doc)] == want


def test_word_lists_keep_their_words_in_order():
    from tocsin.nlp import MODEL_NAME
    from tocsin.scale.fast_lemmas import install

    plain, fast = spacy.load(MODEL_NAME), spacy.load(MODEL_NAME)
    assert install(fast)
    want = plain.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    got = fast.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert list(got.keys()) == list(want.keys()) and len(want) > 0
    for key in want.keys():
        assert list(got[key]) == list(want[key])
        word = want[key][len(want[key]) // 2]
        assert word in got[key] and word + "qz" not in got[key]
