"""Score cross-article incident dedupe against the gold incidents of the bundled corpus
(examples/gold/incidents.yaml), and check the escalation alerts the gold expects.

Each coded event is aligned to the gold incident its article reports that fits it best
(compatible type, date, actors, recipients, place); events that fit no gold incident are left
out of the scores and counted. Then, over aligned events: pairwise precision/recall (two events
in one system incident vs in one gold incident), B-cubed precision/recall, how many gold
incidents come out as exactly one incident, and how many system incidents merge two gold ones.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Iterable, Optional

import typer

from tocsin.evaluate._common import PRF, echo, require_path
from tocsin.record import Record

DEFAULT_GOLD = Path("examples/gold/incidents.yaml")
DEFAULT_ARTICLES = Path("examples/articles")
MIN_FIT = 3.0  # the type plus some agreement on date, actors or place


@dataclass
class GoldIncident:
    id: str
    type: str
    also: list[str]
    lo: date
    hi: date
    actors: set[str]
    recipients: set[str]
    places: list[tuple[float, float]]
    articles: list[str]
    cues: list[str] = field(default_factory=list)


@dataclass
class GoldDyad:
    pair: tuple[str, str]
    escalation: Optional[tuple[str, str]]  # the window an alert must overlap
    incidents: list[str]
    judged: bool = True  # False: the gold says nothing about escalation; None window: no alert expected


def _day(v) -> date:
    return v if isinstance(v, date) else date.fromisoformat(str(v))


def load_gold(path: Path) -> tuple[list[GoldIncident], list[GoldDyad]]:
    """The gold incidents and dyads of a gold file."""
    from tocsin.data_files import read_yaml
    from tocsin.analyse.sides import country_of_code
    from tocsin.errors import DataError

    data = read_yaml(path) or {}
    incs = []
    try:
        for g in data.get("incidents") or []:
            places = [p for p in [g.get("place") or {}, *(g.get("also_places") or [])]
                      if p.get("lat") is not None and p.get("lon") is not None]
            incs.append(GoldIncident(
                id=g["id"], type=g["type"], also=list(g.get("also") or []), lo=_day(g["date"]),
                hi=_day(g.get("date_end") or g["date"]),
                actors={c for c in (country_of_code(x) for x in g.get("actors") or []) if c},
                recipients={c for c in (country_of_code(x) for x in g.get("recipients") or []) if c},
                places=[(float(p["lat"]), float(p["lon"])) for p in places],
                articles=[r["article"] for r in g.get("reports") or []],
                cues=[str(c).lower() for c in g.get("cues") or []],
            ))
        dyads = []
        for d in data.get("dyads") or []:
            esc = d.get("escalation")
            dyads.append(GoldDyad(pair=tuple(d["pair"]), incidents=list(d.get("incidents") or []),
                                  escalation=(str(esc["from"]), str(esc["to"])) if esc else None,
                                  judged="escalation" in d))
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"{path}: malformed gold file ({exc.__class__.__name__}: {exc})") from None
    return incs, dyads


def _fit(o, g: GoldIncident) -> Optional[float]:
    """How well a coded event fits a gold incident its article reports (None: it does not)."""
    from tocsin.analyse.config import types_config
    from tocsin.analyse.dedupe import haversine_km

    types = types_config()
    if o.type != g.type and o.type not in g.also and not types.compatible_types(o.type, g.type):
        return None
    score = 2.0 if (o.type == g.type or o.type in g.also) else 0.5
    if o.dated and o.lo and o.hi:
        slack = timedelta(days=1)
        if o.lo - slack > g.hi or o.hi + slack < g.lo:
            return None
        score += 2.0 if (o.day and g.lo <= o.day <= g.hi) else 1.0
    acts = set().union(*(p.sides(True) for p in o.actors)) if o.actors else set()
    recs = set().union(*(p.sides(True) for p in o.recipients)) if o.recipients else set()
    if acts and g.actors:
        score += 1.0 if acts & g.actors else -1.0
    if recs and g.recipients:
        score += 1.0 if recs & g.recipients else -1.0
    trig = o.trigger.lower()
    if any(c in trig or trig in c for c in g.cues):
        score += 1.5
    if o.lat is not None and o.lon is not None and g.places:
        km = min(haversine_km(o.lat, o.lon, la, lo) for la, lo in g.places)
        score += 1.0 if km <= 100 else -0.5
    return score


def _best_assignment(evs: list, golds: list[GoldIncident]) -> list[tuple]:
    """Pairs (event, gold incident), each used at most once, with the highest total fit
    (exact, by dynamic programming over the subsets of gold incidents; an article reports few)."""
    if not golds or not evs:
        return []
    fits = [[_fit(o, g) for g in golds] for o in evs]
    best: dict[int, tuple[float, tuple]] = {0: (0.0, ())}
    for i, _ in enumerate(evs):
        nxt = dict(best)
        for mask, (score, pairs) in best.items():
            for j, f in enumerate(fits[i]):
                if f is None or f < MIN_FIT or mask & (1 << j):
                    continue
                m2, s2 = mask | (1 << j), score + f
                if m2 not in nxt or s2 > nxt[m2][0] + 1e-9:
                    nxt[m2] = (s2, pairs + ((i, j),))
        best = nxt
    _, pairs = max(best.values(), key=lambda v: (v[0], -len(v[1])))
    return [(evs[i], golds[j]) for i, j in pairs]


@dataclass
class DedupeScore:
    pairwise: PRF = field(default_factory=PRF)
    b3_p: float = 0.0
    b3_r: float = 0.0
    events: int = 0
    aligned: int = 0
    gold_found: int = 0
    gold_total: int = 0
    multi_gold: int = 0  # gold incidents with aligned events from >= 2 articles
    multi_one: int = 0  # ... that come out as exactly one incident holding all of them
    split: list[str] = field(default_factory=list)  # gold incidents spread over several incidents
    merged: list[list[str]] = field(default_factory=list)  # system incidents holding >1 gold incident
    coverage: dict[str, tuple[int, int]] = field(default_factory=dict)  # gold id -> (articles found, reported)
    alignment: dict[tuple[str, str], str] = field(default_factory=dict)  # (article, event) -> gold id
    system: dict[tuple[str, str], str] = field(default_factory=dict)  # (article, event) -> incident id


def score_dedupe(records: Iterable[Record], gold: list[GoldIncident],
                 alignment: Optional[dict[tuple[str, str], str]] = None) -> DedupeScore:
    """Align events to gold incidents (or take ``alignment`` as given), dedupe, and score."""
    from tocsin.analyse.dedupe import incidents_from_observations
    from tocsin.analyse.observations import observations

    obs = observations(records)
    by_article: dict[str, list[GoldIncident]] = {}
    for g in gold:
        for a in g.articles:
            by_article.setdefault(a, []).append(g)
    res = DedupeScore(events=len(obs), gold_total=len(gold))
    # one event per gold incident per article (an article reports an incident once), the
    # assignment with the best total fit
    per_article: dict[str, list] = {}
    for o in obs:
        per_article.setdefault(o.article_id, []).append(o)
    for art, evs in sorted(per_article.items()):
        if alignment is not None:
            res.alignment.update({o.key: alignment[o.key] for o in evs if o.key in alignment})
            continue
        golds = by_article.get(art, [])
        for o, g in _best_assignment(sorted(evs, key=lambda o: o.event_id), golds):
            res.alignment[o.key] = g.id
    for inc in incidents_from_observations(obs):
        for s in inc.sources:
            res.system[(s.article_id, s.event_id)] = inc.id
    keys = sorted(res.alignment)
    res.aligned = len(keys)
    for i, k in enumerate(keys):
        for k2 in keys[i + 1:]:
            same_sys = res.system[k] == res.system[k2]
            same_gold = res.alignment[k] == res.alignment[k2]
            if same_sys and same_gold:
                res.pairwise.tp += 1
            elif same_sys:
                res.pairwise.fp += 1
            elif same_gold:
                res.pairwise.fn += 1
    if keys:
        p = r = 0.0
        for k in keys:
            sys_c = {x for x in keys if res.system[x] == res.system[k]}
            gold_c = {x for x in keys if res.alignment[x] == res.alignment[k]}
            both = len(sys_c & gold_c)
            p += both / len(sys_c)
            r += both / len(gold_c)
        res.b3_p, res.b3_r = p / len(keys), r / len(keys)
    for g in gold:
        ks = [k for k in keys if res.alignment[k] == g.id]
        arts = {k[0] for k in ks}
        res.coverage[g.id] = (len(arts & set(g.articles)), len(set(g.articles)))
        if not ks:
            continue
        res.gold_found += 1
        incs = {res.system[k] for k in ks}
        if len(incs) > 1:
            res.split.append(g.id)
        if len(arts) >= 2:
            res.multi_gold += 1
            if len(incs) == 1:
                res.multi_one += 1
    golds_of: dict[str, set[str]] = {}
    for k in keys:
        golds_of.setdefault(res.system[k], set()).add(res.alignment[k])
    res.merged = sorted(sorted(v) for v in golds_of.values() if len(v) > 1)
    return res


def gold_records(gold: Path, articles: Path) -> tuple[list[Record], dict[tuple[str, str], str]]:
    """Records whose events are the gold reports themselves (one event per report: the gold
    type, the report's date, place, counts and modality, the incident's actors): dedupe on
    them measures the analysis alone, free of extraction errors. A `mention` report gives no
    date or place of its own unless the gold says so."""
    from tocsin.data_files import read_yaml
    from tocsin.ids import text_sha256
    from tocsin.ingest.readers import iter_inputs
    from tocsin.record import Article, Event, EventDate, Extractor, Location, Participant, Span

    require_path(articles, "example articles")
    meta = {i.id: i for i in iter_inputs([str(articles)]) if not isinstance(i, Exception)}
    data = read_yaml(gold) or {}
    names = data.get("names") or {}
    events: dict[str, list[Event]] = {}
    origin: dict[tuple[str, str], str] = {}
    for g in data.get("incidents") or []:
        places = {p["name"]: p for p in [g.get("place") or {}, *(g.get("also_places") or [])] if p.get("name")}
        main = g.get("place") or {}

        own = {**names, **(g.get("names") or {})}

        def parts(codes):
            return [Participant(name=own.get(c, c), code=c, start=0, end=1, text="x") for c in codes or []]

        for r in g.get("reports") or []:
            primary = r.get("role", "primary") == "primary"
            day = r.get("date") or (g["date"] if primary else None)
            place = places.get(r["place"]) if r.get("place") else (main if primary else None)
            loc = None
            if place:
                loc = Location(name=place.get("name"), lat=place.get("lat"), lon=place.get("lon"),
                               country=place.get("country"),
                               precision="site" if place.get("lat") is not None else "country")
            evs = events.setdefault(r["article"], [])
            evs.append(Event(
                id=f"g{len(evs) + 1}", type=g["type"], trigger=Span(start=0, end=1, text="x"),
                actors=parts(g.get("actors")), recipients=parts(g.get("recipients")),
                date=EventDate(value=str(day), precision="day", source="modifier") if day else None,
                location=loc, dead=r.get("dead"), injured=r.get("injured"), arrested=r.get("arrested"),
                modality=r.get("modality", "asserted"),
            ))
            origin[(r["article"], evs[-1].id)] = g["id"]
    out = []
    for aid, evs in sorted(events.items()):
        m = meta.get(aid)
        if m is None:
            continue
        out.append(Record(
            article=Article(id=aid, title=m.title, source=m.source, url=m.url, published=m.published,
                            text=m.text, text_sha256=text_sha256(m.text), extractor=Extractor(version="gold")),
            events=evs,
        ))
    return out, origin


def _records(db: Optional[str], articles: Path) -> list[Record]:
    if db:
        from tocsin.store import open_store

        store = open_store(db)
        try:
            return list(store.records())
        finally:
            store.close()
    from tocsin.ingest.readers import iter_inputs
    from tocsin.pipeline import extract_many

    require_path(articles, "example articles")
    items = [i for i in iter_inputs([str(articles)]) if not isinstance(i, Exception)]
    return list(extract_many(items))


def command(
    gold: Path = typer.Option(DEFAULT_GOLD, "--gold", help="Gold incidents (YAML)."),
    db: Optional[str] = typer.Option(None, "--db", help="Read coded records from this store (else code --articles)."),
    articles: Path = typer.Option(DEFAULT_ARTICLES, "--articles", help="Articles to code when no --db is given."),
    show: bool = typer.Option(False, "--show", help="List the alignment of every coded event."),
    oracle: bool = typer.Option(False, "--oracle", help="Dedupe the gold reports themselves (the analysis alone)."),
) -> None:
    """Cross-article dedupe against the bundled gold incidents: pairwise and B-cubed P/R, alerts."""
    from tocsin.analyse import alerts
    from tocsin.analyse.dedupe import incidents as incidents_of
    from tocsin.errors import TocsinError

    try:
        require_path(gold, "gold incidents file")
        gold_incs, gold_dyads = load_gold(gold)
        given = None
        if oracle:
            records, given = gold_records(gold, articles)
        else:
            records = _records(db, articles)
    except TocsinError as exc:
        typer.echo(f"tocsin: {exc}", err=True)
        raise typer.Exit(code=exc.exit_code)
    res = score_dedupe(records, gold_incs, given)
    echo(f"articles {len(records)}, coded events {res.events}, aligned to gold {res.aligned} "
         f"({res.events - res.aligned} fit no gold incident)")
    echo(f"gold incidents with at least one aligned event: {res.gold_found}/{res.gold_total}")
    echo(res.pairwise.row("pairwise (same incident)"))
    f1 = 2 * res.b3_p * res.b3_r / (res.b3_p + res.b3_r) if res.b3_p + res.b3_r else 0.0
    echo(f"{'B-cubed':<34} P {res.b3_p:.3f}  R {res.b3_r:.3f}  F1 {f1:.3f}")
    echo(f"multiply-reported gold incidents found as exactly one incident: {res.multi_one}/{res.multi_gold}")
    echo(f"gold incidents split over several incidents: {len(res.split)} {' '.join(res.split)}")
    echo(f"system incidents merging distinct gold incidents: {len(res.merged)} "
         + " ".join("+".join(m) for m in res.merged))
    found = sum(c[0] for c in res.coverage.values())
    total = sum(c[1] for c in res.coverage.values())
    echo(f"gold reports with an aligned event (extraction recall): {found}/{total}")
    al = alerts(incidents_of(records))
    for d in gold_dyads:
        want = set(d.pair)
        if not d.judged:
            continue
        if not d.escalation:
            false = [a for a in al if set(a.dyad) == want]
            echo(f"no escalation expected {d.pair[0]}-{d.pair[1]}: "
                 f"{'FALSE ALARM (' + ', '.join(a.kind for a in false) + ')' if false else 'ok, no alert'}")
            continue
        hits = [a for a in al if set(a.dyad) == want and a.start <= d.escalation[1] and a.end >= d.escalation[0]]
        kinds = ", ".join(sorted({a.kind for a in hits})) or "none"
        echo(f"escalation {d.pair[0]}-{d.pair[1]} {d.escalation[0]}..{d.escalation[1]}: "
             f"{'FIRED' if hits else 'MISSED'} ({kinds})")
    if show:
        for k in sorted(set(res.system)):
            echo(f"  {k[0]:<40} {k[1]:<8} -> {res.alignment.get(k, '-'):<34} {res.system[k]}")
