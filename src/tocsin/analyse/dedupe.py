"""Cross-article event dedupe: the reports of one incident across articles and outlets become one
:class:`~tocsin.analyse.models.Incident` with its sources and reconciled counts.

Two reported events are the same incident when nothing contradicts it (compatible PLOVER type
family, dates that overlap within the precision of each, places within a distance, the same
dyad in the same direction, the same speaker for a statement) and enough agrees (see
``data/analyse/dedupe.yaml``). Clustering is deterministic: events are taken in date order and
each joins the incident it agrees with best, provided it contradicts none of that incident's
reports (no chaining of A~B~C when A and C disagree); incidents are then merged while a merge
contradicts nothing.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from datetime import date
from typing import Iterable, Optional

from tocsin.analyse.config import dedupe_config, types_config
from tocsin.analyse.matching import PRECISION_ORDER, agreement, contradiction, haversine_km, type_score
from tocsin.analyse.models import Count, CountReport, Incident, IncidentLocation, IncidentSource, Side
from tocsin.analyse.observations import Observation, observations
from tocsin.analyse.sides import ActorInfo
from tocsin.record import Record

__all__ = ["cluster", "build_incident", "incidents", "incidents_from_observations", "haversine_km",
           "contradiction", "agreement"]

def _order(o: Observation):
    return (not o.dated, o.lo or date.max, o.published or date.max, o.article_id, o.event_id)


class _Cluster:
    __slots__ = ("members", "lo", "hi", "alive", "n")

    def __init__(self, o: Observation, n: int):
        self.members = [o]
        self.lo, self.hi = o.lo, o.hi
        self.alive = True
        self.n = n  # creation order, for deterministic ties

    def add(self, o: Observation) -> None:
        self.members.append(o)
        if o.lo and (self.lo is None or o.lo < self.lo):
            self.lo = o.lo
        if o.hi and (self.hi is None or o.hi > self.hi):
            self.hi = o.hi

    def fit(self, o: Observation) -> Optional[float]:
        """Best agreement with a member, or ``None`` if ``o`` contradicts any member."""
        return (self.fit2(o) or (None, None))[0]

    def fit2(self, o: Observation) -> Optional[tuple[float, float]]:
        """(best agreement, best agreement plus type score) over the members, or ``None``."""
        best = None
        for m in self.members:
            if contradiction(m, o) is not None:
                return None
            s = agreement(m, o)
            key = (s, s + type_score(m, o))
            best = key if best is None or key > best else best
        return best


class _Index:
    """Incidents by (day, type family): the candidates of a report are the incidents of a
    compatible family on the days its date may cover, not every incident."""

    def __init__(self, reach: int):
        self.reach = reach
        self.buckets: dict[tuple[int, str], list[_Cluster]] = {}
        self.undated: dict[str, list[_Cluster]] = {}  # incidents with no date at all
        self.spans: dict[int, tuple[int, int]] = {}
        types = types_config()
        fams = list(types.families)
        self.compatible = {
            f: [g for g in fams if any(types.compatible_types(a, b) for a in types.families[f] for b in types.families[g])]
            for f in fams
        }

    def _days(self, lo: Optional[date], hi: Optional[date]) -> Optional[range]:
        if lo is None or hi is None:
            return None
        return range(lo.toordinal(), hi.toordinal() + 1)

    def add(self, c: _Cluster, family: str) -> None:
        days = self._days(c.lo, c.hi)
        if days is None:
            self.undated.setdefault(family, []).append(c)
            return
        old = self.spans.get(id(c))
        for d in days:
            if old is None or not old[0] <= d <= old[1]:
                self.buckets.setdefault((d, family), []).append(c)
        lo, hi = days.start, days.stop - 1
        if old:
            lo, hi = min(lo, old[0]), max(hi, old[1])
        self.spans[id(c)] = (lo, hi)

    def candidates(self, lo: Optional[date], hi: Optional[date], family: str) -> list[_Cluster]:
        seen: dict[int, _Cluster] = {}
        fams = self.compatible.get(family, [family])
        days = self._days(lo, hi)
        for f in fams:
            for c in self.undated.get(f, []):
                seen.setdefault(id(c), c)
            if days is None:
                for (d, g), cs in self.buckets.items():
                    if g == f:
                        for c in cs:
                            seen.setdefault(id(c), c)
                continue
            for d in range(days.start - self.reach, days.stop + self.reach):
                for c in self.buckets.get((d, f), ()):
                    seen.setdefault(id(c), c)
        return sorted((c for c in seen.values() if c.alive), key=lambda c: c.n)


def _distance_days(c: _Cluster, o: Observation) -> int:
    """Days between an incident's dated reports and a report (its date, or its publication)."""
    days = [m.day or m.lo for m in c.members if m.dated and m.lo]
    ref = o.day or (o.lo if o.dated else o.published)
    if not days or ref is None:
        return 10 ** 6
    return min(abs((d - ref).days) for d in days)


def cluster(obs: Iterable[Observation]) -> list[list[Observation]]:
    """Group reported events into incidents (deterministic for a given set of events)."""
    cfg = dedupe_config()
    reach = max(cfg.date_slack_days.values(), default=0)
    index = _Index(reach)
    clusters: list[_Cluster] = []
    for o in sorted(obs, key=_order):
        best, best_key = None, None
        for c in index.candidates(o.lo, o.hi, o.family):
            f = c.fit2(o)
            if f is None or f[0] < cfg.min_score:
                continue
            # an undated reference joins an incident some report dates before one made of
            # undated references only; then the best with the type counted (an ASSAULT joins an
            # ASSAULT before a COERCE); ties: an undated reference is to the most recent incident
            key = (o.dated or any(m.dated for m in c.members), f[1], -_distance_days(c, o))
            if best_key is None or key > best_key:
                best, best_key = c, key
        if best is None:
            best = _Cluster(o, len(clusters))
            clusters.append(best)
        else:
            best.add(o)
        index.add(best, o.family)
    _merge_pass(clusters, index, cfg.min_score)
    return [sorted(c.members, key=_order) for c in clusters if c.alive]


def _merge_pass(clusters: list[_Cluster], index: _Index, min_score: float) -> None:
    """Merge incidents that agree across and contradict nowhere, until none do. After the first
    pass only pairs with an incident that grew in the previous pass are tried again."""
    dirty = {c.n for c in clusters}
    while dirty:
        grown: set[int] = set()
        for a in clusters:
            if not a.alive:
                continue
            fams = {o.family for o in a.members}
            for fam in sorted(fams):
                for b in index.candidates(a.lo, a.hi, fam):
                    if b is a or not b.alive or b.n < a.n or not (a.n in dirty or b.n in dirty):
                        continue
                    best = None
                    for o in b.members:
                        s = a.fit(o)
                        if s is None:
                            best = None
                            break
                        best = s if best is None or s > best else best
                    if best is not None and best >= min_score:
                        for o in b.members:
                            a.add(o)
                            index.add(a, o.family)
                        b.alive = False
                        grown.add(a.n)
        dirty = grown


# -- building incidents ------------------------------------------------------------------------

def _reconcile(members: list[Observation], field: str) -> Optional[Count]:
    reports = [
        CountReport(value=getattr(o, field), article_id=o.article_id, source=o.source,
                    published=o.published.isoformat() if o.published else None, modality=o.modality)
        for o in members if getattr(o, field) is not None
    ]
    if not reports:
        return None
    tally = Counter(r.value for r in reports)

    def rank(v: int):
        asserted = sum(1 for r in reports if r.value == v and r.modality == "asserted")
        latest = max((r.published or "") for r in reports if r.value == v)
        return (tally[v], asserted, latest, v)

    value = max(tally, key=rank)
    values = [r.value for r in reports]
    return Count(value=value, min=min(values), max=max(values), agree=len(tally) == 1, reports=reports)


def _sides_summary(parts: list[ActorInfo]) -> list[Side]:
    groups: dict[tuple, list[ActorInfo]] = {}
    for p in parts:
        groups.setdefault((p.full() or "", p.name.lower()), []).append(p)
    out = []
    for (_, _), ps in groups.items():
        p = ps[0]
        out.append(Side(name=p.name, code=p.code, country=p.country, patrons=list(p.patrons), reports=len(ps)))
    out.sort(key=lambda s: (-s.reports, s.name))
    return out


def _loc_rank(o: Observation) -> int:
    if o.lat is None or o.loc_precision not in PRECISION_ORDER:
        return len(PRECISION_ORDER)
    return PRECISION_ORDER.index(o.loc_precision)


def _incident_date(members: list[Observation]):
    """The most-reported day; ties go to the report placed most precisely (local time at the
    place beats "late Thursday" in Washington), then to the earlier day."""
    days = Counter(o.day for o in members if o.day)
    dated = [o for o in members if o.dated and o.lo]
    if days:
        precise = {d: min(_loc_rank(o) for o in members if o.day == d) for d in days}
        best = max(days, key=lambda d: (days[d], -precise[d], -d.toordinal()))
        date_value, precision = best.isoformat(), "day"
    elif dated:
        narrow = min(dated, key=lambda o: ((o.hi - o.lo).days, o.lo))
        date_value, precision = narrow.date_value, narrow.precision
    else:
        date_value, precision = None, None
    first = min((o.lo for o in dated), default=None)
    last = max((o.hi for o in dated), default=None)
    return date_value, precision, first.isoformat() if first else None, last.isoformat() if last else None


def _incident_location(members: list[Observation]) -> tuple[Optional[IncidentLocation], list[str]]:
    located = [o for o in members if o.place or o.country]
    names = list(dict.fromkeys(o.place for o in members if o.place))
    if not located:
        return None, names
    tally = Counter(o.place for o in located)

    def rank(o: Observation):
        prec = PRECISION_ORDER.index(o.loc_precision) if o.loc_precision in PRECISION_ORDER else 1
        return (o.lat is None, prec, -tally[o.place], o.published or date.max, o.article_id)

    o = min(located, key=rank)
    return IncidentLocation(name=o.place, lat=o.lat, lon=o.lon, country=o.country, precision=o.loc_precision), names


def _incident_id(members: list[Observation]) -> str:
    keys = sorted(f"{o.article_id}\t{o.event_id}" for o in members)
    return "inc-" + hashlib.sha1("\n".join(keys).encode("utf-8")).hexdigest()[:12]


def build_incident(members: list[Observation]) -> Incident:
    """One incident from the reported events that make it."""
    types = types_config()
    tally = Counter(o.type for o in members)
    type_ = max(tally, key=lambda t: (tally[t], -types.intensity.get(t, 0), t))
    date_value, precision, first, last = _incident_date(members)
    location, places = _incident_location(members)
    by_pub = sorted(members, key=lambda o: (o.published or date.max, o.article_id))
    articles = list(dict.fromkeys(o.article_id for o in by_pub))
    outlets = sorted({o.source for o in members if o.source})
    unnamed = {o.article_id for o in members if not o.source}
    sources = [
        IncidentSource(
            article_id=o.article_id, event_id=o.event_id, source=o.source, title=o.title, url=o.url,
            published=o.published.isoformat() if o.published else None, type=o.type, trigger=o.trigger,
            date=o.date_value if o.dated else None, date_text=o.date_text, precision=o.precision,
            place=o.place, dead=o.dead, injured=o.injured, arrested=o.arrested, modality=o.modality,
            intensity=o.intensity,
        )
        for o in by_pub
    ]
    return Incident(
        id=_incident_id(members), type=type_, types=dict(sorted(tally.items())), family=types.family(type_),
        date=date_value, date_first=first, date_last=last, precision=precision,
        location=location, places=places,
        actors=_sides_summary([p for o in members for p in o.actors]),
        recipients=_sides_summary([p for o in members for p in o.recipients]),
        intensity=round(sum(o.intensity for o in members) / len(members), 2),
        n_articles=len(articles), n_outlets=len(outlets) + len(unnamed), outlets=outlets,
        first_report=by_pub[0].published.isoformat() if by_pub[0].published else None,
        last_report=by_pub[-1].published.isoformat() if by_pub[-1].published else None,
        first_article=by_pub[0].article_id, last_article=by_pub[-1].article_id,
        dead=_reconcile(members, "dead"), injured=_reconcile(members, "injured"),
        arrested=_reconcile(members, "arrested"),
        modality="asserted" if any(o.modality == "asserted" for o in members) else "claimed",
        sources=sources,
    )


def incidents_from_observations(obs: Iterable[Observation]) -> list[Incident]:
    out = [build_incident(m) for m in cluster(obs)]
    out.sort(key=lambda i: (i.date or i.date_first or "9999", i.first_report or "", i.id))
    return out


def incidents(records: Iterable[Record]) -> list[Incident]:
    """The incidents reported in ``records``: each one once, with every article that reports it."""
    return incidents_from_observations(observations(records))
