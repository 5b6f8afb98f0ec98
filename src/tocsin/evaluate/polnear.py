"""Score quote and speaker attribution against PolNeAR (BRAT standoff, Source/Cue/Content spans).

Each gold attribution has a Content span (possibly discontinuous), a Cue and usually a Source.
A predicted quote matches a gold attribution when their content spans overlap. Figures:

- content P/R/F1: precision over predicted quotes (overlaps some gold content), recall over gold
  attributions (overlapped by some predicted quote);
- content+speaker P/R/F1: the same, counting a match only when the speaker also agrees: the
  predicted speaker span overlaps the gold Source span (the usual span criterion), or the
  speaker, resolved to a name elsewhere ("she" -> Elizabeth Warren), is the one the gold Source
  names: the name's surname closes a name in the Source text ("Warren", "Sen. Claire
  McCaskill (D-Mo.)"), not a modifier ("the Warren campaign", "Warren's aide"); a gold
  attribution without a Source agrees with a prediction without a speaker.

Both are given for quotes with quotation marks (gold content containing a double quotation
mark; predicted quotes of kind ``direct`` or ``partial``, or whose text holds a double
quotation mark, as reported speech around a short quoted term does) and for all attributions
(every kind).
"""
from __future__ import annotations

import csv
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

import typer

from tocsin.evaluate._common import echo, require_path
from tocsin.record import Quote, Record

_DQ = re.compile("[\"“”]")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass
class Attribution:
    """One gold attribution: span lists of (start, end) pairs."""

    content: list[tuple[int, int]]
    source: Optional[list[tuple[int, int]]]
    cue: Optional[list[tuple[int, int]]]
    text: str = ""
    source_text: str = ""

    @property
    def quoted(self) -> bool:
        return bool(_DQ.search(self.text))


@dataclass
class Doc:
    name: str
    text: str
    published: Optional[str]
    gold: list[Attribution]


def _spans(s: str) -> list[tuple[int, int]]:
    out = []
    for seg in s.split(";"):
        a, b = seg.split()
        out.append((int(a), int(b)))
    return out


def read_ann(path: Path, text: str) -> list[Attribution]:
    """The attributions of one BRAT ``.ann`` file (malformed lines are skipped)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            typ, _, rest = parts[1].partition(" ")
            try:
                spans[parts[0]] = _spans(rest)
            except ValueError:
                continue
        elif parts[0].startswith("E"):
            roles = dict(kv.split(":", 1) for kv in parts[1].split() if ":" in kv)
            events.append(roles)
    out = []
    for roles in events:
        content = spans.get(roles.get("Content", ""))
        if not content:
            continue
        source = spans.get(roles.get("Source", ""))
        att = Attribution(content=content, source=source, cue=spans.get(roles.get("Cue", "")))
        att.text = " ".join(text[a:b] for a, b in content)
        att.source_text = " ".join(text[a:b] for a, b in source) if source else ""
        out.append(att)
    return out


def load_split(data: Path, split: str, limit: Optional[int] = None) -> list[Doc]:
    """The articles of one split with their gold attributions (one annotator's file each)."""
    folder = require_path(data / split, f"PolNeAR split {split!r}")
    text_dir = require_path(folder / "text", "PolNeAR text folder")
    ann_dir = require_path(folder / "attributions", "PolNeAR attributions folder")
    published: dict[str, str] = {}
    meta = data / "metadata.tsv"
    if meta.exists():
        with open(meta, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                published[row["filename"]] = row.get("publication_date") or None
    anns: dict[str, Path] = {}
    for p in sorted(ann_dir.glob("*.ann")):
        anns.setdefault(p.stem.rsplit("_", 1)[0], p)
    docs = []
    for tp in sorted(text_dir.glob("*.txt")):
        if tp.stem not in anns:
            continue
        text = tp.read_text(encoding="utf-8")
        docs.append(Doc(tp.stem, text, published.get(tp.stem), read_ann(anns[tp.stem], text)))
        if limit and len(docs) >= limit:
            break
    return docs


# ---------------------------------------------------------------------------------- scoring

def _overlaps(a: int, b: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < b and a < e for s, e in spans)


def _surname(name: Optional[str]) -> Optional[str]:
    words = [w.lower() for w in _WORD.findall(name or "")]
    words = [w for w in words if w not in {"jr", "sr", "ii", "iii"}]
    return words[-1] if words else None


def speaker_agrees(q: Quote, g: Attribution) -> bool:
    sp = q.speaker
    has_pred = bool(sp and (sp.start is not None or sp.name))
    if not g.source:
        return not has_pred
    if not has_pred:
        return False
    if sp.start is not None and sp.end is not None and _overlaps(sp.start, sp.end, g.source):
        return True
    return _names_source(sp.name, g.source_text)


def _names_source(name: Optional[str], source_text: str) -> bool:
    """Does the gold Source text name the resolved speaker? Its surname must close a name in
    the Source ("Warren", "Michael Mulgrew, president of …", "Sen. Claire McCaskill (D-Mo.)"),
    not modify another noun ("the Trump campaign", "Clinton's spokesman")."""
    sn = _surname(name)
    if not sn:
        return False
    for m in _WORD.finditer(source_text):
        if m.group().lower() != sn:
            continue
        rest = source_text[m.end():]
        if not rest.strip() or rest[:1] in ",(;)—–" or rest.lstrip()[:1] in ",(;)—–":
            return True
    return False


@dataclass
class Score:
    """Precision over predictions and recall over gold items, counted separately."""

    pred_ok: int = 0
    pred: int = 0
    gold_ok: int = 0
    gold: int = 0

    @property
    def p(self) -> float:
        return self.pred_ok / self.pred if self.pred else 0.0

    @property
    def r(self) -> float:
        return self.gold_ok / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def row(self, name: str) -> str:
        return (f"{name:<36} P {self.p:.3f}  R {self.r:.3f}  F1 {self.f1:.3f}  "
                f"(pred {self.pred_ok}/{self.pred}, gold {self.gold_ok}/{self.gold})")


@dataclass
class Result:
    content_q: Score = field(default_factory=Score)
    speaker_q: Score = field(default_factory=Score)
    content_all: Score = field(default_factory=Score)
    speaker_all: Score = field(default_factory=Score)
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (doc, kind, message)


def _match(quotes: list[Quote], gold: list[Attribution], content: Score, speaker: Score,
           doc: str, errors: Optional[list]) -> None:
    content.pred += len(quotes)
    speaker.pred += len(quotes)
    content.gold += len(gold)
    speaker.gold += len(gold)
    gold_c, gold_s = set(), set()
    for q in quotes:
        hits = [i for i, g in enumerate(gold) if _overlaps(q.start, q.end, g.content)]
        good = [i for i in hits if speaker_agrees(q, gold[i])]
        gold_c.update(hits)
        gold_s.update(good)
        content.pred_ok += bool(hits)
        speaker.pred_ok += bool(good)
        if errors is not None:
            sp = q.speaker
            who = f"{sp.text!r}->{sp.name!r}" if sp else "None"
            if not hits:
                errors.append((doc, "FP", f"[{q.kind}] {who}: {q.text[:140]!r}"))
            elif not good:
                errors.append((doc, "SPK", f"[{q.kind}] pred {who} gold {gold[hits[0]].source_text!r}: {q.text[:100]!r}"))
    content.gold_ok += len(gold_c)
    speaker.gold_ok += len(gold_s)
    if errors is not None:
        for i, g in enumerate(gold):
            if i not in gold_c:
                errors.append((doc, "FN", f"{g.source_text!r}: {g.text[:140]!r}"))


def score(docs: list[Doc], records: list[Record], keep_errors: bool = False) -> Result:
    res = Result()
    for d, rec in zip(docs, records):
        err_q = res.errors if keep_errors else None
        marked = [q for q in rec.quotes if q.kind in ("direct", "partial") or _DQ.search(q.text)]
        _match(marked, [g for g in d.gold if g.quoted], res.content_q, res.speaker_q, d.name, err_q)
        _match(rec.quotes, d.gold, res.content_all, res.speaker_all, d.name, None)
    return res


def run(docs: list[Doc]) -> tuple[list[Record], float]:
    """Code the articles with the whole pipeline; returns the records and the seconds taken."""
    from tocsin.pipeline import extract_many

    t0 = time.perf_counter()
    recs = list(extract_many(
        {"text": d.text, "id": d.name, "published": d.published} for d in docs
    ))
    return recs, time.perf_counter() - t0


def command(
    data: Path = typer.Option(Path("../shared/data/polnear"), help="PolNeAR data folder (train/, dev/, metadata.tsv)."),
    split: str = typer.Option("dev", help="train or dev."),
    limit: Optional[int] = typer.Option(None, help="Score only the first N articles."),
    errors: int = typer.Option(0, help="Print up to N errors of quotation-mark quotes (FP, FN, wrong speaker)."),
) -> None:
    """Score quotes and speakers against PolNeAR: content and content+speaker P/R/F1."""
    docs = load_split(data, split, limit)
    recs, secs = run(docs)
    res = score(docs, recs, keep_errors=errors > 0)
    for doc, kind, msg in res.errors[:errors]:
        echo(f"{kind:<4} {doc[:40]:<40} {msg}")
    if errors:
        counts = {k: sum(1 for _, kind, _ in res.errors if kind == k) for k in ("FN", "FP", "SPK")}
        echo(f"quotation-mark errors: {counts['FN']} gold missed (FN), {counts['FP']} predicted "
             f"with no gold content (FP), {counts['SPK']} content right but speaker wrong (SPK)")
    words = sum(len(d.text.split()) for d in docs)
    echo(f"PolNeAR {split}: {len(docs)} articles, {sum(len(d.gold) for d in docs)} attributions, "
         f"{sum(g.quoted for d in docs for g in d.gold)} with quotation marks")
    echo(res.content_q.row("quotation marks: content"))
    echo(res.speaker_q.row("quotation marks: content+speaker"))
    echo(res.content_all.row("all attributions: content"))
    echo(res.speaker_all.row("all attributions: content+speaker"))
    echo(f"pipeline: {secs:.1f} s, {len(docs) / secs:.1f} articles/s, {words / secs:.0f} words/s (one process)")
