"""Does the prefilter change any record? Codes the evaluation articles (seed, bundled examples,
slices of WikiEvents, PolNeAR, MUC-4, TimeBank) with the prefilter on and off and compares the
records field by field; also reports how much text the prefilter sends to the full pipeline.

    .venv/bin/python benchmarks/prefilter_equivalence.py [--per-set 20]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _code(articles, prefilter: bool):
    from tocsin.pipeline import extract_many

    os.environ["TOCSIN_PREFILTER"] = "1" if prefilter else "0"
    items = [{"id": origin, "text": text, "published": pub} for origin, text, pub in articles]
    failed = {}
    start = time.perf_counter()
    records = {r.article.id: r for r in extract_many(items, on_error=lambda e: failed.setdefault(e.origin, e.reason))}
    return records, failed, time.perf_counter() - start


def _diff_fields(a, b) -> list[str]:
    da, db = a.model_dump(mode="json"), b.model_dump(mode="json")
    return [k for k in da if da[k] != db[k]]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--per-set", type=int, default=20, help="articles from each benchmark")
    ap.add_argument("--neighbours", type=int, default=1,
                    help="sentences kept around each sentence with a signal (the default is 1)")
    args = ap.parse_args()
    os.environ["TOCSIN_PREFILTER_NEIGHBOURS"] = str(args.neighbours)

    from _corpus import evaluation_articles
    from tocsin import nlp
    from tocsin.ingest.cleanup import find_excluded, mask
    from tocsin.scale.prefilter import has_signal, select, split_pieces

    articles = evaluation_articles(args.per_set)
    nlp.load()
    kept = total = pieces = signal = 0
    for _, text, _ in articles:
        body = mask(text, find_excluded(text))
        sel = select(body, args.neighbours)
        kept += sel.kept_chars
        total += len(body)
        for s, e in split_pieces(body):
            if body[s:e].strip():
                pieces += 1
                signal += has_signal(body[s:e])
    full, full_failed, _ = _code(articles, prefilter=False)
    fast, fast_failed, _ = _code(articles, prefilter=True)

    per_set = defaultdict(lambda: [0, 0])
    fields = Counter()
    for origin, _, _ in articles:
        key = origin.split("/")[0]
        a, b = full.get(origin), fast.get(origin)
        per_set[key][1] += 1
        if a is not None and b is not None:
            if a.model_dump_json() == b.model_dump_json():
                per_set[key][0] += 1
            else:
                fields.update(_diff_fields(a, b))
        elif a is None and b is None and full_failed.get(origin) == fast_failed.get(origin):
            per_set[key][0] += 1  # failed the same way in both
    same = sum(v[0] for v in per_set.values())
    print(f"articles: {len(articles)}; sentences with a signal: {signal}/{pieces} "
          f"({100 * signal / max(pieces, 1):.1f}%); text sent to the full pipeline: "
          f"{100 * kept / max(total, 1):.1f}%")
    for key, (ok, n) in per_set.items():
        print(f"  {key:12s} identical records {ok}/{n} ({100 * ok / n:.1f}%)")
    print(f"identical records: {same}/{len(articles)} ({100 * same / len(articles):.1f}%)")
    if fields:
        print("fields that differ:", json.dumps(dict(fields)))


if __name__ == "__main__":
    main()
