"""The fast attribute-ruler match finds exactly the matches of spaCy's own Matcher."""
from __future__ import annotations

import spacy

from test_scale_corpus import article


def test_fast_match_equals_the_rulers_matcher():
    from tocsin.nlp import MODEL_NAME
    from tocsin.scale.fast_attrs import _FastMatcher

    nlp = spacy.load(MODEL_NAME)
    ruler = nlp.get_pipe("attribute_ruler")
    fast = _FastMatcher(ruler)
    texts = [article(i) for i in range(6)] + [
        "There's a cat. Y'all gonna see it, ain't you? Let's go. I told you it was him.\n",
        "\n\n  \n",
    ]
    for doc in nlp.pipe(texts, disable=["attribute_ruler", "lemmatizer"]):
        assert fast(doc) == ruler.match(doc)


def test_installed_pipeline_annotates_identically():
    from tocsin.nlp import MODEL_NAME
    from tocsin.scale.fast_attrs import install

    plain, fast = spacy.load(MODEL_NAME), spacy.load(MODEL_NAME)
    assert install(fast) and install(fast)  # idempotent
    texts = [article(i) for i in range(4)]
    for a, b in zip(plain.pipe(texts), fast.pipe(texts)):
        assert [(t.pos_, str(t.morph), t.lemma_) for t in a] == [(t.pos_, str(t.morph), t.lemma_) for t in b]
