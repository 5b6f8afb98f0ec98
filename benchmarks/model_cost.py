"""How fast could a cheaper spaCy pipeline be? The speed ceiling of distilling en_core_web_sm.

Builds pipelines with en_core_web_sm's architecture but narrower, shallower encoders, the NER
reading the shared encoder instead of its own, and smaller parser / NER hidden layers; their
weights are random (untrained), which does not change what they cost: the architecture does.
Each is timed on the same corpus, one process, tok2vec + tagger + parser + NER (the attribute
ruler and lemmatizer are left out of every run, so the comparison is of the neural parts only).

    .venv/bin/python benchmarks/model_cost.py [--articles 40] [--words 1200]

A benchmark, not a test: the figures depend on the machine and its load. It answers one design
question of the scale issue (docs/scale.md): whether a distilled model could make tocsin run at
twice a plain parse of en_core_web_sm.
"""
from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

# (encoder width, encoder depth, NER has its own encoder, parser/NER hidden width)
VARIANTS = [
    (96, 4, True, 64),  # en_core_web_sm's own shape, rebuilt untrained (a check on the method)
    (96, 4, False, 64),
    (64, 2, False, 64),
    (64, 2, False, 32),
    (32, 1, False, 16),
]


def _variant(sm, width: int, depth: int, own_ner_encoder: bool, hidden: int):
    from spacy.util import load_model_from_config

    cfg = copy.deepcopy(sm.config)
    cfg["nlp"]["pipeline"] = ["tok2vec", "tagger", "parser", "ner"]
    cfg["nlp"]["disabled"] = []
    for name in ("attribute_ruler", "lemmatizer", "senter"):
        cfg["components"].pop(name, None)
    cfg["initialize"]["vectors"] = None
    cfg["initialize"]["lookups"] = None  # the norm tables ship inside the trained model only
    encode = cfg["components"]["tok2vec"]["model"]["encode"]
    encode["width"], encode["depth"] = width, depth
    for name in ("tagger", "parser"):
        cfg["components"][name]["model"]["tok2vec"]["width"] = width
    ner = cfg["components"]["ner"]["model"]
    if own_ner_encoder:
        ner["tok2vec"]["embed"]["width"] = width
        ner["tok2vec"]["encode"]["width"], ner["tok2vec"]["encode"]["depth"] = width, depth
    else:
        ner["tok2vec"] = {"@architectures": "spacy.Tok2VecListener.v1", "width": width, "upstream": "tok2vec"}
    for name in ("parser", "ner"):
        cfg["components"][name]["model"]["hidden_width"] = hidden
    nlp = load_model_from_config(cfg, auto_fill=True, validate=False)
    for name in ("tagger", "parser", "ner"):
        for label in sm.get_pipe(name).labels:
            nlp.get_pipe(name).add_label(label)
    nlp.initialize()
    return nlp


def _rate(nlp, texts: list[str]) -> tuple[float, float]:
    skip = [p for p in ("attribute_ruler", "lemmatizer") if p in nlp.pipe_names]
    list(nlp.pipe(texts[:4], disable=skip))  # warm-up
    start, words = time.perf_counter(), 0
    for doc in nlp.pipe(texts, batch_size=16, disable=skip):
        words += len(doc)
    elapsed = time.perf_counter() - start
    return words / elapsed, len(texts) / elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--words", type=int, default=1200)
    args = ap.parse_args()
    import spacy

    from _corpus import news_corpus
    from tocsin.nlp import MODEL_NAME

    texts = news_corpus(args.articles, args.words)
    if not texts:
        raise SystemExit("no corpus: ../shared/data is needed to build the news corpus")
    sm = spacy.load(MODEL_NAME)
    base_words, base_articles = _rate(sm, texts)
    print(f"{len(texts)} articles, one process; neural parts only (tok2vec, tagger, parser, NER)")
    print(f"{'pipeline':52s} {'words/s':>8s} {'articles/s':>10s} {'vs sm':>6s}")
    print(f"{MODEL_NAME + ' (trained)':52s} {base_words:8.0f} {base_articles:10.2f} {1.0:6.2f}")
    for width, depth, own, hidden in VARIANTS:
        nlp = _variant(sm, width, depth, own, hidden)
        words, articles = _rate(nlp, texts)
        name = f"width {width}, depth {depth}, NER {'own encoder' if own else 'shared encoder'}, hidden {hidden}"
        print(f"{name:52s} {words:8.0f} {articles:10.2f} {words / base_words:6.2f}")


if __name__ == "__main__":
    main()
