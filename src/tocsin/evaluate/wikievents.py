"""Score event triggers and arguments against WikiEvents (KAIROS ontology).

Trigger identification / classification F1 on the KAIROS types that map to tocsin's classes
(``tocsin/data/events/benchmark_types.yaml``: attack, die, injure, demonstrate, arrest, meet,
threaten); argument F1 for actor (attacker, killer, ...), recipient (target, victim, ...) and
place on the matched triggers, a predicted argument counting when it overlaps a gold
argument's span in the same slot. ``tocsin evaluate wikievents --data ../shared/data/wikievents``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from tocsin.evaluate._common import PRF, echo, require_path

CLASSES = ("attack", "die", "injure", "demonstrate", "arrest", "meet", "threaten")


def benchmark_class(kind: str) -> Optional[str]:
    """A benchmark event type -> tocsin class (longest matching prefix in the data file)."""
    from tocsin.data_files import load_yaml

    table = (load_yaml("events/benchmark_types.yaml") or {}).get("classes") or {}
    kind = kind.lower()
    best = None
    for prefix, cls in table.items():
        if kind.startswith(prefix) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, cls)
    return best[1] if best else None


def role_slot(role: str) -> Optional[str]:
    from tocsin.data_files import load_yaml

    roles = (load_yaml("events/benchmark_types.yaml") or {}).get("roles") or {}
    return roles.get(role.lower())


def trigger_class(trig) -> Optional[str]:
    """The class tocsin's trigger is scored as."""
    if trig.casualty == "dead" and not trig.by_result:
        return "die"  # "shot dead" is an attack that killed, as the benchmarks annotate "shot"
    if trig.casualty == "injured":
        return "injure"
    if trig.casualty == "arrested" or (trig.type == "COERCE" and trig.mode == "arrest"):
        return "arrest"
    return {"ASSAULT": "attack", "PROTEST": "demonstrate", "CONSULT": "meet", "THREATEN": "threaten"}.get(trig.type)


def code_context(text: str, published: Optional[str] = None):
    """Parse and run every stage, returning the :class:`~tocsin.context.Context` (a failing
    earlier stage is skipped, as the pipeline does)."""
    from tocsin.context import Context
    from tocsin.ingest.readers import ArticleInput
    from tocsin.pipeline import _stage_functions, make_article, parse

    art = make_article(ArticleInput(text=text, origin="<benchmark>", published=published))
    ctx = Context(article=art, doc=parse(art))
    for attr, fn in _stage_functions():
        try:
            setattr(ctx, attr, fn(ctx))
        except Exception:  # noqa: BLE001 - score what the other stages give
            pass
    return ctx


def predicted(ctx) -> tuple[list[tuple[int, int, str]], list]:
    """(every trigger with its class, every event mention) of a coded context."""
    from tocsin.extract.events import find_triggers, mentions, phrase_matches
    from tocsin.extract.events.lexicon import load

    lex = load()
    trigs = []
    phrases = phrase_matches(ctx.doc, lex)
    for sent in ctx.doc.sents:
        for t in find_triggers(sent, lex, doc_phrases=phrases):
            cls = trigger_class(t)
            if cls:
                trigs.append((t.char_start, t.char_end, cls))
            if t.by_result:  # "shot dead", "shot to death": the result word is the benchmarks' die trigger
                for r in t.head.subtree:
                    if r.lower_ in ("dead", "death") and r.i != t.head.i:
                        trigs.append((r.idx, r.idx + len(r.text), "die"))
                        break
    return trigs, mentions(ctx)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_doc(gold_trigs, gold_args, pred_trigs, pred_mentions, places, res: dict) -> None:
    """Add one document's counts to ``res`` (PRF per measure and per class)."""
    used = set()
    for gs, ge, gc in gold_trigs:
        hit_id = next((i for i, (ps, pe, pc) in enumerate(pred_trigs) if i not in used and overlaps((ps, pe), (gs, ge))), None)
        hit_cls = next((i for i, (ps, pe, pc) in enumerate(pred_trigs) if i not in used and pc == gc and overlaps((ps, pe), (gs, ge))), None)
        if hit_cls is not None:
            used.add(hit_cls)
            res["trigger classification"].tp += 1
            res["trigger identification"].tp += 1
            res.setdefault(f"  {gc}", PRF()).tp += 1
        else:
            res["trigger classification"].fn += 1
            res.setdefault(f"  {gc}", PRF()).fn += 1
            if hit_id is not None:
                used.add(hit_id)
                res["trigger identification"].tp += 1
            else:
                res["trigger identification"].fn += 1
    for i, (ps, pe, pc) in enumerate(pred_trigs):
        if i not in used:
            res["trigger classification"].fp += 1
            res["trigger identification"].fp += 1
            res.setdefault(f"  {pc}", PRF()).fp += 1
    # arguments of mentions whose trigger (or a folded word) overlaps a gold trigger
    pred_args = set()
    for m in pred_mentions:
        spans = [(m.start, m.end)] + list(m.extra_spans)
        gold_hit = [(gs, ge) for gs, ge, gc in gold_trigs if any(overlaps(s, (gs, ge)) for s in spans)]
        if not gold_hit:
            continue

        def key(start: int) -> tuple[int, int]:
            # a merged mention's participant goes with the nearest of its gold triggers ("launched
            # a series of attacks across Paris, killing 130 people": the people with "killing")
            return min(gold_hit, key=lambda g: min(abs(start - g[0]), abs(start - g[1])))

        for p in m.actors:
            pred_args.add((key(p.start), "actor", p.start, p.end))
        for p in m.recipients + m.victims:
            pred_args.add((key(p.start), "recipient", p.start, p.end))
        if m.place_attached and m.location is not None and m.location.place_id in places:
            pl = places[m.location.place_id]
            pred_args.add((key(pl.start), "place", pl.start, pl.end))
    gold_set = set(gold_args)
    matched_gold = set()
    for key, slot, s, e in pred_args:
        g = next((x for x in gold_set if x not in matched_gold and x[0] == key and x[1] == slot and overlaps((s, e), (x[2], x[3]))), None)
        r = res.setdefault(f"argument {slot}", PRF())
        if g is None:
            res["argument classification"].fp += 1
            r.fp += 1
        else:
            matched_gold.add(g)
            res["argument classification"].tp += 1
            r.tp += 1
    for g in gold_set - matched_gold:
        trig_found = any(overlaps((g[0][0], g[0][1]), (m.start, m.end)) or any(overlaps(s, g[0]) for s in m.extra_spans) for m in pred_mentions)
        if trig_found:
            res["argument classification"].fn += 1
            res.setdefault(f"argument {g[1]}", PRF()).fn += 1
        res["argument (end to end)"].fn += 1
    res["argument (end to end)"].tp += len(matched_gold)
    res["argument (end to end)"].fp += len(pred_args) - len(matched_gold)


def new_results() -> dict:
    return {k: PRF() for k in ("trigger identification", "trigger classification", "argument classification", "argument (end to end)")}


def report(res: dict, docs: int, title: str) -> None:
    echo(f"{title}: {docs} documents")
    for k in ("trigger identification", "trigger classification"):
        echo(res[k].row(k))
    for k in sorted(x for x in res if x.startswith("  ")):
        echo(res[k].row(k))
    for k in ("argument classification", "argument (end to end)"):
        echo(res[k].row(k))
    for k in sorted(x for x in res if x.startswith("argument ") and x not in ("argument classification", "argument (end to end)")):
        echo(res[k].row("  " + k))


def load_docs(path: Path):
    """WikiEvents documents as (text, gold triggers, gold arguments) with char offsets into a
    text rebuilt from the benchmark's sentences (one per line)."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            pieces, tok_spans, pos = [], [], 0
            for sent in d["sentences"]:
                toks, stext = sent[0], sent[1]
                base = toks[0][1] if toks else 0
                for _, s, e in toks:
                    tok_spans.append((pos + s - base, pos + e - base))
                pieces.append(stext)
                pos += len(stext) + 1
            text = "\n".join(pieces)
            ents = {e["id"]: e for e in d["entity_mentions"]}
            gold_trigs, gold_args = [], []
            for ev in d["event_mentions"]:
                cls = benchmark_class(ev["event_type"])
                if cls not in CLASSES:
                    continue
                tr = ev["trigger"]
                key = (tok_spans[tr["start"]][0], tok_spans[tr["end"] - 1][1])
                gold_trigs.append((key[0], key[1], cls))
                for a in ev["arguments"]:
                    slot = role_slot(a["role"])
                    ent = ents.get(a["entity_id"])
                    if slot and ent:
                        gold_args.append((key, slot, tok_spans[ent["start"]][0], tok_spans[ent["end"] - 1][1]))
            yield d["doc_id"], text, gold_trigs, gold_args


def command(
    data: Path = typer.Option(Path("../shared/data/wikievents"), help="Folder with dev.jsonl."),
    split: str = typer.Option("dev", help="Which split file (<split>.jsonl)."),
    limit: Optional[int] = typer.Option(None, help="Score only the first N documents."),
) -> None:
    """Trigger and argument F1 on WikiEvents for the conflict types that map to PLOVER."""
    path = require_path(Path(data) / f"{split}.jsonl", "WikiEvents")
    res, n = new_results(), 0
    for doc_id, text, gold_trigs, gold_args in load_docs(path):
        if limit is not None and n >= limit:
            break
        ctx = code_context(text)
        pred_trigs, pred_mentions = predicted(ctx)
        score_doc(gold_trigs, gold_args, pred_trigs, pred_mentions, {p.id: p for p in ctx.places}, res)
        n += 1
    report(res, n, f"WikiEvents {split}")
