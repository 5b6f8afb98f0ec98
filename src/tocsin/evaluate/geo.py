"""Score the geoparser on LGL / TR-News (``../shared/data/geo/*.xml``).

(a) gold toponyms: each annotated span resolved by :func:`tocsin.resolve_places`; exact GeoNames
id accuracy, accuracy within 161 km (100 miles) and mean error in km, over the toponyms that carry
a GeoNames entry. (b) end to end: the places extractor on the raw text; toponym recognition
P/R/F1 (exact span; and overlapping span) and resolution accuracy of the matched toponyms.
Also reports the gazetteer's load time and the process's resident memory.
"""
from __future__ import annotations

import math
import resource
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import typer

from tocsin.errors import DataError
from tocsin.evaluate._common import PRF, echo, require_path

DEFAULT_DATA = Path("../shared/data/geo/lgl.xml")


@dataclass
class GoldToponym:
    start: int
    end: int
    phrase: str
    geonameid: Optional[int]
    lat: Optional[float]
    lon: Optional[float]
    fcode: Optional[str]


@dataclass
class GoldArticle:
    id: str
    text: str
    published: Optional[str]
    toponyms: list[GoldToponym] = field(default_factory=list)


def read_gold(path: Path) -> list[GoldArticle]:
    """Articles of an LGL/TR-News style XML file (text kept exactly as given)."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise DataError(f"{path}: malformed XML ({exc})") from None
    out = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        dl = (art.findtext("dltime") or "").strip()
        tops = []
        for t in art.iter("toponym"):
            g = t.find("gaztag")
            start, end = int(t.findtext("start")), int(t.findtext("end"))

            def num(tag):
                v = g.findtext(tag) if g is not None else None
                return float(v) if v not in (None, "") else None

            tops.append(GoldToponym(
                start, end, t.findtext("phrase") or text[start:end],
                int(g.get("geonameid")) if g is not None and g.get("geonameid") else None,
                num("lat"), num("lon"), g.findtext("fcode") if g is not None else None))
        for t in tops:
            _realign(text, t)
        tops.sort(key=lambda t: (t.start, t.end))
        out.append(GoldArticle(art.get("docid") or str(len(out)), text, dl[:10] or None, tops))
    return out


def _realign(text: str, t: GoldToponym, window: int = 30) -> None:
    """TR-News offsets drift by a few characters in some articles: move a span whose text is not
    its phrase to the nearest occurrence of the phrase within ``window`` characters."""
    if text[t.start:t.end] == t.phrase:
        return
    lo = max(0, t.start - window)
    best = None
    i = text.find(t.phrase, lo)
    while i != -1 and i <= t.start + window:
        if best is None or abs(i - t.start) < abs(best - t.start):
            best = i
        i = text.find(t.phrase, i + 1)
    if best is not None:
        t.start, t.end = best, best + len(t.phrase)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class ResolutionScore:
    n: int = 0
    exact: int = 0
    near: int = 0
    err_sum: float = 0.0
    approx: int = 0  # unresolved toponyms given the point of a place of the document
    approx_near: int = 0
    errors: list = field(default_factory=list)

    def add(self, gold: GoldToponym, place) -> None:
        self.n += 1
        if place is not None and place.geonameid == gold.geonameid:
            self.exact += 1
        d = 20038.0  # half the circumference when nothing was resolved
        if place is not None and place.lat is not None and gold.lat is not None:
            d = km(gold.lat, gold.lon, place.lat, place.lon)
        if d <= 161:
            self.near += 1
        if place is not None and place.geonameid is None and place.lat is not None:
            self.approx += 1
            self.approx_near += d <= 161
        self.err_sum += d
        if place is None or place.geonameid != gold.geonameid:
            self.errors.append((gold, place, d))

    def rows(self, title: str) -> list[str]:
        n = max(self.n, 1)
        return [f"{title}: {self.n} toponyms with a GeoNames entry",
                f"  exact GeoNames id   {100 * self.exact / n:5.1f}%",
                f"  within 161 km       {100 * self.near / n:5.1f}%  (of which {self.approx_near} unresolved "
                f"toponyms placed at a place of the document, {self.approx} so placed)",
                f"  mean error          {self.err_sum / n:7.0f} km"]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def score_gold_toponyms(articles: list[GoldArticle]) -> ResolutionScore:
    from tocsin.extract.places import resolve_places

    sc = ResolutionScore()
    for a in articles:
        places = resolve_places(a.text, [(t.start, t.end) for t in a.toponyms])
        for t, p in zip(a.toponyms, places):
            if t.geonameid is not None:
                sc.add(t, p)
    return sc


def score_end_to_end(articles: list[GoldArticle], with_demonyms: bool = True):
    """Recognition and resolution from raw text. Each article is parsed whole by the shared spaCy
    pipeline and read by the places extractor. Sites (common-noun phrases) are not toponyms and
    are left out; adjectival demonyms (kept as country evidence) are counted when
    ``with_demonyms``, since both benchmarks annotate "Turkish", "American"... as toponyms
    (nationality nouns such as "Americans" are not)."""
    from tocsin import nlp as nlp_loader
    from tocsin.context import Context
    from tocsin.extract.places import extract
    from tocsin.pipeline import make_article
    from tocsin.ingest.readers import ArticleInput

    nlp = nlp_loader.load()
    exact, loose = PRF(), PRF()
    res = ResolutionScore()
    misses: Counter = Counter()  # recognition errors on exact spans: ("missed"|"spurious", text)
    arts = [make_article(ArticleInput(text=a.text, origin=a.id, id=a.id)) for a in articles]
    for a, art, doc in zip(articles, arts, nlp.pipe((x.text for x in arts), batch_size=16)):
        ctx = Context(article=art, doc=doc)
        places = extract(ctx)
        pred = [(p.start, p.end, p) for p in places if p.feature != "site"]
        if with_demonyms:
            from tocsin.geo import gazetteer

            gaz = gazetteer.load()
            for d in ctx.shared.get("geo_evidence", []):
                if not d.get("adjectival", True):
                    continue
                gp = gaz.get(d["geonameid"])
                pred.append((d["start"], d["end"], _place_of(gp, d)))
        gold = a.toponyms
        gset = {(t.start, t.end) for t in gold}
        pset = {(s, e) for s, e, _ in pred}
        exact.tp += len(gset & pset)
        exact.fp += len(pset - gset)
        exact.fn += len(gset - pset)
        misses.update(("missed", a.text[s:e]) for s, e in gset - pset)
        misses.update(("spurious", a.text[s:e]) for s, e in pset - gset)
        used = set()
        for t in gold:
            hit = next((x for x in pred if x[0] < t.end and t.start < x[1] and (x[0], x[1]) not in used), None)
            if hit is None:
                loose.fn += 1
                continue
            used.add((hit[0], hit[1]))
            loose.tp += 1
            if t.geonameid is not None:
                res.add(t, hit[2])
        loose.fp += len(pset - used)
    return exact, loose, res, misses


def _place_of(gp, d):
    from tocsin.record import Place

    if gp is None:
        return None
    return Place(id="d", start=d["start"], end=d["end"], text=d["text"], name=gp.name, geonameid=gp.id,
                 lat=gp.lat, lon=gp.lon, country=gp.cc, feature=gp.feature)


def command(
    data: Path = typer.Option(DEFAULT_DATA, help="LGL or TR-News XML (../shared/data/geo/)."),
    limit: Optional[int] = typer.Option(None, help="Only the first N articles."),
    mode: str = typer.Option("both", help="gold (given toponyms), e2e (end to end) or both."),
    errors: int = typer.Option(0, help="Print this many resolution errors (and the most frequent recognition errors)."),
) -> None:
    """Toponym resolution and recognition against LGL / TR-News."""
    from tocsin.geo import gazetteer

    require_path(data, "geoparsing benchmark")
    articles = read_gold(data)[:limit] if limit else read_gold(data)
    gazetteer.ensure_built()
    rss0 = _rss_mb()
    t0 = time.perf_counter()
    gazetteer.load()
    echo(f"gazetteer: {gazetteer.index_path()} loaded in {time.perf_counter() - t0:.2f} s; "
         f"resident memory {_rss_mb():.0f} MB (before loading {rss0:.0f} MB)")
    echo(f"{data}: {len(articles)} articles")
    if mode in ("gold", "both"):
        t0 = time.perf_counter()
        sc = score_gold_toponyms(articles)
        for row in sc.rows("(a) gold toponyms"):
            echo(row)
        echo(f"  {time.perf_counter() - t0:.1f} s")
        for g, p, d in sc.errors[:errors]:
            echo(f"    {g.phrase!r} gold {g.geonameid} ({g.fcode}) got {p.geonameid if p else None} "
                 f"{p.name if p else ''} {p.feature if p else ''} {p.country if p else ''} {d:.0f} km")
    if mode in ("e2e", "both"):
        t0 = time.perf_counter()
        exact, loose, res, misses = score_end_to_end(articles)
        echo("(b) end to end (demonyms counted as toponyms, as the benchmarks annotate them)")
        echo("  " + exact.row("recognition (exact span)"))
        echo("  " + loose.row("recognition (overlapping span)"))
        for row in res.rows("  resolution of the recognised toponyms"):
            echo(row)
        echo(f"  {time.perf_counter() - t0:.1f} s; resident memory {_rss_mb():.0f} MB")
        if errors:
            for kind in ("missed", "spurious"):
                top = [(t, n) for (k, t), n in misses.most_common() if k == kind][:errors]
                echo(f"  most often {kind} (exact span): " + "; ".join(f"{t!r} x{n}" for t, n in top))
