"""Score the timex stage on TimeBank and AQUAINT (TBAQ-cleaned TimeML), TempEval-3 style.

Each ``.tml`` file's ``<TEXT>`` is read as the article (tags stripped, entities unescaped,
gold TIMEX3 offsets kept), its DCT as the publication date. The article goes through the same
cleanup, parse and ``tocsin.extract.timexes.extract`` as in production. Scores:

- strict span P/R/F1 (identical offsets) and relaxed span P/R/F1 (overlap, one-to-one);
- value and type as in TempEval-3's scorer: attribute F1 = F1 over relaxed matches whose
  attribute is right (P = right / predicted, R = right / gold), and attribute accuracy
  = right / relaxed matches.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import typer

from tocsin.evaluate._common import PRF, echo, require_path

DEFAULT_DATA = Path("../shared/data/timebank")
_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: Optional[str]


@dataclass
class TimeMLDoc:
    name: str
    dct: Optional[str]
    text: str
    timexes: list[GoldTimex]


def read_timeml(path: Path) -> TimeMLDoc:
    """The ``<TEXT>`` of a TimeML file as plain text with its gold TIMEX3 spans."""
    raw = path.read_text(encoding="utf-8")
    m = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
    dct = m.group(1)[:10] if m else None
    try:
        body = raw[raw.index("<TEXT>") + 6: raw.index("</TEXT>")]
    except ValueError:
        body = ""
    parts: list[str] = []
    n = 0
    pos = 0
    stack: list[tuple[dict, int]] = []
    timexes: list[GoldTimex] = []
    for tm in _TAG.finditer(body):
        chunk = html.unescape(body[pos:tm.start()])
        parts.append(chunk)
        n += len(chunk)
        pos = tm.end()
        close, name, attrs, selfclosing = tm.groups()
        if name != "TIMEX3":
            continue
        if close:
            if stack:
                a, st = stack.pop()
                timexes.append(GoldTimex(st, n, "", a.get("type", ""), a.get("value")))
        elif not selfclosing:
            stack.append((dict(_ATTR.findall(attrs)), n))
    parts.append(html.unescape(body[pos:]))
    text = "".join(parts)
    for t in timexes:
        t.text = text[t.start:t.end]
    timexes.sort(key=lambda t: t.start)
    return TimeMLDoc(path.stem, dct, text, timexes)


def _files(data: Path, limit: Optional[int]) -> list[Path]:
    files = sorted(data.rglob("*.tml"))
    return files[:limit] if limit else files


def _predict(docs: list[TimeMLDoc]):
    """Run cleanup, parse and the timex stage over the documents (batched parse)."""
    from tocsin import nlp as nlp_loader
    from tocsin.context import Context
    from tocsin.extract import timexes as timex_stage
    from tocsin.ingest.cleanup import mask
    from tocsin.ingest.readers import ArticleInput
    from tocsin.pipeline import make_article

    arts = [make_article(ArticleInput(text=d.text, origin=d.name, id=d.name, published=d.dct)) for d in docs]
    nlp = nlp_loader.load()
    for art, doc in zip(arts, nlp.pipe((mask(a.text, a.excluded) for a in arts), batch_size=16)):
        yield timex_stage.extract(Context(article=art, doc=doc))


@dataclass
class Scores:
    strict: PRF
    relaxed: PRF
    value_right: int = 0
    type_right: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def attr(self, right: int) -> PRF:
        return PRF(tp=right, fp=self.n_pred - right, fn=self.n_gold - right)


def score_doc(gold: list[GoldTimex], pred, sc: Scores, errors: Optional[list] = None, name: str = "") -> None:
    sc.n_pred += len(pred)
    sc.n_gold += len(gold)
    gold_spans = {(g.start, g.end) for g in gold}
    strict_tp = sum(1 for p in pred if (p.start, p.end) in gold_spans)
    sc.strict.tp += strict_tp
    sc.strict.fp += len(pred) - strict_tp
    sc.strict.fn += len(gold) - strict_tp
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = min(g.end, p.end) - max(g.start, p.start)
            if ov > 0:
                pairs.append((-ov, gi, pi))
    pairs.sort()
    used_g, used_p = set(), set()
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        g, p = gold[gi], pred[pi]
        ok_v = (p.value or "") == (g.value or "")
        sc.value_right += ok_v
        sc.type_right += p.type == g.type
        if errors is not None and not ok_v:
            errors.append(f"VALUE  {name}: {g.text!r} gold {g.type} {g.value} | got {p.text!r} {p.type} {p.value}")
    sc.relaxed.tp += len(used_g)
    sc.relaxed.fp += len(pred) - len(used_p)
    sc.relaxed.fn += len(gold) - len(used_g)
    if errors is not None:
        for gi, g in enumerate(gold):
            if gi not in used_g:
                errors.append(f"MISSED {name}: {g.text!r} {g.type} {g.value}")
        for pi, p in enumerate(pred):
            if pi not in used_p:
                errors.append(f"EXTRA  {name}: {p.text!r} {p.type} {p.value}")


def report(sc: Scores, title: str) -> None:
    echo(f"{title}: {sc.n_gold} gold timexes, {sc.n_pred} predicted")
    echo("  " + sc.strict.row("strict span"))
    echo("  " + sc.relaxed.row("relaxed span"))
    m = sc.relaxed.tp or 1
    echo("  " + sc.attr(sc.value_right).row("value") + f"  accuracy {sc.value_right / m:.3f}")
    echo("  " + sc.attr(sc.type_right).row("type") + f"  accuracy {sc.type_right / m:.3f}")


def evaluate(data: Path, limit: Optional[int] = None, errors: Optional[list] = None) -> dict[str, Scores]:
    """Scores per corpus folder and over all ("all")."""
    files = _files(data, limit)
    docs = [read_timeml(f) for f in files]
    out: dict[str, Scores] = {}
    total = Scores(PRF(), PRF())
    for f, d, pred in zip(files, docs, _predict(docs)):
        corpus = f.parent.name
        sc = out.setdefault(corpus, Scores(PRF(), PRF()))
        score_doc(d.timexes, pred, sc, errors, d.name)
        score_doc(d.timexes, pred, total)
    out["all"] = total
    return out


def command(
    data: Path = typer.Option(DEFAULT_DATA, help="Folder with TimeBank/ and AQUAINT/ .tml files."),
    limit: Optional[int] = typer.Option(None, help="Score only the first N files (quick runs)."),
    errors: int = typer.Option(0, help="Print up to N missed, extra and wrongly valued timexes."),
) -> None:
    """TempEval-3 style timex scores (span, value, type) on TimeBank + AQUAINT."""
    require_path(data, "TimeBank/AQUAINT TimeML folder")
    if not any(data.rglob("*.tml")):
        from tocsin.errors import UsageError

        raise UsageError(f"{data}: no .tml files")
    errs: Optional[list] = [] if errors else None
    res = evaluate(data, limit, errs)
    for name, sc in res.items():
        if name != "all":
            report(sc, name)
    report(res["all"], "TimeBank+AQUAINT" if len(res) > 2 else "all")
    if errs:
        echo()
        for line in errs[:errors]:
            echo(line)
