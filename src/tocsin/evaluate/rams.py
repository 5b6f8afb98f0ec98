"""Score event triggers and arguments against RAMS (AIDA ontology, one annotated event per
five-sentence window): trigger recall/precision on the types that map to tocsin's classes
and argument F1 (actor / recipient / place) on them. Only one event per window is annotated,
so precision counts only predicted triggers inside that event's sentence window of mapped
class. ``tocsin evaluate rams --data ../shared/data/rams``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from tocsin.evaluate._common import require_path
from tocsin.evaluate.wikievents import (CLASSES, benchmark_class, code_context, new_results, predicted, report,
                                        role_slot, score_doc)


def load_docs(path: Path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            tokens = [t for s in d["sentences"] for t in s]
            spans, pos, pieces = [], 0, []
            for sent in d["sentences"]:
                for t in sent:
                    spans.append((pos, pos + len(t)))
                    pos += len(t) + 1
                pieces.append(" ".join(sent))
            text = "\n".join(pieces)
            assert len(spans) == len(tokens)
            gold_trigs, gold_args = [], []
            for s, e, labels in d["evt_triggers"]:
                cls = benchmark_class(labels[0][0])
                if cls not in CLASSES:
                    continue
                key = (spans[s][0], spans[e][1])
                gold_trigs.append((key[0], key[1], cls))
                for _trig, (a_s, a_e), role in d["gold_evt_links"]:
                    slot = role_slot(role[11:] if role.startswith("evt") else role)
                    if slot:
                        gold_args.append((key, slot, spans[a_s][0], spans[a_e][1]))
            if gold_trigs:
                yield d["doc_key"], text, gold_trigs, gold_args


def command(
    data: Path = typer.Option(Path("../shared/data/rams"), help="Folder with dev.jsonlines."),
    split: str = typer.Option("dev", help="Which split file (<split>.jsonlines)."),
    limit: Optional[int] = typer.Option(None, help="Score only the first N windows with a mapped event."),
) -> None:
    """Trigger and argument F1 on RAMS for the conflict types that map to PLOVER."""
    path = require_path(Path(data) / f"{split}.jsonlines", "RAMS")
    res, n = new_results(), 0
    for _key, text, gold_trigs, gold_args in load_docs(path):
        if limit is not None and n >= limit:
            break
        ctx = code_context(text)
        pred_trigs, pred_mentions = predicted(ctx)
        gold_cls = {c for _, _, c in gold_trigs}
        # only the annotated event's class is labelled in a window
        pred_trigs = [t for t in pred_trigs if t[2] in gold_cls]
        score_doc(gold_trigs, gold_args, pred_trigs, pred_mentions, {p.id: p for p in ctx.places}, res)
        n += 1
    report(res, n, f"RAMS {split} (windows with a mapped event)")
