"""Actor coding against PETRARCH2's GSR validation records: for each record with event codings,
code the sentence's entities with the actor KB, pick the source (subject side) and target
(object side) of its main event and compare their codes with the expected source/target codes,
in full and at country level (first three characters). The XML is malformed in places, so it is
read with regular expressions."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import typer

from tocsin.evaluate._common import echo, require_path

DEFAULT = Path("../shared/data/petrarch/PETR2_GSR_validation.xml")

_SENT = re.compile(r"<Sentence\b([^>]*)>(.*?)(?=<Sentence\b|</Sentences>|\Z)", re.S)
_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')


@dataclass
class Record:
    id: str
    text: str
    codings: list[tuple[str, str]] = field(default_factory=list)  # (source, target)


def read_records(path: Path) -> list[Record]:
    """Records with at least one (source, target) coding; tolerant of the file's broken XML."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    raw = re.sub(r"<!--.*?-->", "", raw, flags=re.S)
    out = []
    for m in _SENT.finditer(raw):
        attrs = dict(_ATTR.findall(m.group(1)))
        body = m.group(2)
        t = _TEXT.search(body)
        if not t:
            continue
        text = html.unescape(re.sub(r"\s+", " ", t.group(1))).strip()
        codings = []
        for c in _CODING.finditer(body.split("<Text>")[0]):
            a = dict(_ATTR.findall(c.group(1)))
            if a.get("noevents") or "sourcecode" not in a:
                continue
            codings.append((a["sourcecode"], a.get("targetcode", "")))
        if text and codings:
            out.append(Record(attrs.get("id", f"r{len(out) + 1}"), text, codings))
    return out


def code_record(text: str):
    """(entities, [(source codes, target codes)]) predicted for one sentence."""
    from tocsin import nlp
    from tocsin.actors.dyad import pairs
    from tocsin.context import Context
    from tocsin.extract import entities
    from tocsin.record import Article, Extractor

    article = Article(id="p", text=text, text_sha256="-", extractor=Extractor(version="eval"))
    ctx = Context(article=article, doc=nlp.load()(text))
    ctx.entities = entities.extract(ctx)
    sents = list(ctx.doc.sents)
    sent = max(sents, key=len) if sents else ctx.doc[:]
    sent = sents[0] if sents and len(sents[0]) > 3 else sent
    ps = pairs(ctx, sent)
    if not any(t for _, t in ps):
        # no object-side actor: the state where the event happens (PETRARCH's habit)
        where = _location_state(ctx, sent)
        if where:
            ps = [(s, where) for s, _ in ps] or [(None, where)]
    ps = [(s, t) if not isinstance(t, str) else (s, _Code(t)) for s, t in ps]
    return ctx.entities, [((s.code or "") if s else "", (t.code or "") if t else "") for s, t in ps]


class _Code:
    def __init__(self, code: str):
        self.code = code


def _location_state(ctx, sent) -> Optional[str]:
    try:
        import pycountry

        from tocsin.actors.dyad import event_verb
        from tocsin.extract import places

        ctx.places = places.extract(ctx)
        pl = places.place_for_clause(ctx, event_verb(sent))
        if pl is not None and pl.country:
            c = pycountry.countries.get(alpha_2=pl.country)
            return c.alpha_3 if c else None
    except Exception:  # the places stage is optional here
        return None
    return None


def _country(code: Optional[str]) -> str:
    return (code or "")[:3]


def command(
    data: Path = typer.Option(DEFAULT, "--data", help="PETR2_GSR_validation.xml"),
    show: bool = typer.Option(False, "--show", help="Print every record's expected and predicted codes."),
) -> None:
    """Source/target actor code agreement on PETRARCH2's GSR validation sentences."""
    require_path(data, "PETRARCH2 GSR validation file")
    recs = read_records(data)
    n = 0
    full_s = full_t = cty_s = cty_t = 0
    for r in recs:
        _, ps = code_record(r.text)
        srcs = list(dict.fromkeys(s for s, _ in ps))
        tgts = list(dict.fromkeys(t for _, t in ps))
        for gs, gt in r.codings:
            n += 1
            # the predicted pair that agrees best with this expected coding
            best = max(ps, key=lambda p: ((_country(p[0]) == _country(gs)) + (_country(p[1]) == _country(gt)),
                                          (p[0] == gs) + (p[1] == gt)), default=("", ""))
            fs, ft = best[0] == gs, best[1] == gt
            cs, ct = _country(best[0]) == _country(gs), _country(best[1]) == _country(gt)
            full_s += fs
            full_t += ft
            cty_s += cs
            cty_t += ct
            if show or not (cs and ct):
                mark = "ok " if (cs and ct) else "ERR"
                echo(f"{mark} {r.id:<24} want {gs:>10} -> {gt:<10} got {','.join(srcs) or '-':>14} -> {','.join(tgts) or '-':<14} | {r.text[:90]}")
    echo()
    echo(f"records {len(recs)}, expected codings {n}")
    echo(f"source agreement   full code {full_s / n:.3f}   country {cty_s / n:.3f}")
    echo(f"target agreement   full code {full_t / n:.3f}   country {cty_t / n:.3f}")
