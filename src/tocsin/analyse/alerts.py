"""Escalation early warning over deduplicated incidents, per dyad of states (an armed group counts
for its patron state: Kataib Hezbollah is on Iran's side). Three signals, parameters in
``data/analyse/escalation.yaml``; every alert names the incidents behind it and says why:

- ``tit_for_tat``: A acts violently on B and B answers on A within N days (a chain of such
  exchanges is one alert);
- ``rising_intensity``: a period's conflict score well above the dyad's own baseline over the
  preceding periods;
- ``spread``: the dyad's violence reaches a place far from every earlier place (or a new country).
"""
from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from datetime import date, timedelta
from typing import Iterable, Optional, Sequence, Union

from tocsin.analyse.config import escalation_config, types_config
from tocsin.analyse.dedupe import haversine_km
from tocsin.analyse.dyads import as_incidents, directed_pairs, incident_day, period_of, side_code
from tocsin.analyse.models import Alert, AlertIncident, Incident
from tocsin.record import Record

Pair = tuple[str, str]


def _alert_id(kind: str, dyad: Pair, incs: list[Incident]) -> str:
    h = hashlib.sha1(("|".join([kind, *dyad, *sorted(i.id for i in incs)])).encode("utf-8")).hexdigest()
    return f"alert-{h[:12]}"


def _names(inc: Incident, side: str, role: str) -> list[str]:
    parts = inc.actors if role == "actor" else inc.recipients
    return [s.name for s in parts if side_code(s, "country", True) == side]


def _who(inc: Incident, side: str, role: str) -> str:
    names = [n for n in _names(inc, side, role) if n.upper() != side]
    return f"{side} ({', '.join(dict.fromkeys(names))})" if names else side


def _what(inc: Incident) -> str:
    where = f" at {inc.location.name}" if inc.location and inc.location.name else ""
    bits = []
    if inc.dead is not None:
        bits.append(f"{inc.dead.value} dead")
    if inc.injured and inc.injured.value:
        bits.append(f"{inc.injured.value} injured")
    src = f"{inc.n_articles} report{'s' if inc.n_articles != 1 else ''}"
    return f"{inc.type}{where} ({', '.join(bits + [src])})"


def _alert_incident(inc: Incident, actor: str, recipient: str) -> AlertIncident:
    d = incident_day(inc)
    return AlertIncident(
        id=inc.id, date=d.isoformat() if d else None, dated=bool(inc.date or inc.date_first),
        type=inc.type, actor=actor, recipient=recipient,
        label=inc.label(), place=inc.location.name if inc.location else None,
        dead=inc.dead.value if inc.dead else None, n_articles=inc.n_articles,
    )


def _members(dyad: Pair, incs: Iterable[Incident]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {dyad[0]: [], dyad[1]: []}
    for inc in incs:
        for s in inc.actors + inc.recipients:
            code = side_code(s, "country", True)
            if code in out and s.name not in out[code]:
                out[code].append(s.name)
    return out


def _by_dyad(incs: list[Incident], dated_only: bool = False) -> dict[Pair, list[tuple[date, Incident, str, str]]]:
    """Unordered dyad -> (day, incident, actor side, recipient side), in date order. An undated
    incident is placed on the day of its first report, unless ``dated_only``."""
    out: dict[Pair, list] = defaultdict(list)
    for inc in incs:
        d = incident_day(inc)
        if d is None or (dated_only and not (inc.date or inc.date_first)):
            continue
        seen: set[Pair] = set()
        for x, y in sorted(directed_pairs(inc, "country", True)):
            key = (x, y) if x < y else (y, x)
            if key in seen:
                continue
            seen.add(key)
            out[key].append((d, inc, x, y))
    for v in out.values():
        v.sort(key=lambda e: (e[0], e[1].id))
    return out


def _violent(inc: Incident) -> bool:
    cfg = escalation_config()
    return inc.type in set(cfg.tit_for_tat.types) | set(types_config().violent)


def tit_for_tat(incs: list[Incident]) -> list[Alert]:
    days = escalation_config().tit_for_tat.days
    out = []
    for dyad, rows in _by_dyad(incs, dated_only=True).items():
        rows = [r for r in rows if _violent(r[1])]
        chains: list[list] = []
        for r in rows:
            if chains and (r[0] - chains[-1][-1][0]).days <= days:
                chains[-1].append(r)
            else:
                chains.append([r])
        for chain in chains:
            steps = []
            for prev, cur in zip(chain, chain[1:]):
                if cur[2] == prev[3] and cur[3] == prev[2]:
                    steps.append((prev, cur))
            if not steps:
                continue
            lines = []
            for i, (d, inc, x, y) in enumerate(chain):
                gap = f", {(d - chain[i - 1][0]).days} day(s) later" if i else ""
                lines.append(f"{d.isoformat()}{gap}: {_who(inc, x, 'actor')} -> {_who(inc, y, 'recipient')}: {_what(inc)}")
            explanation = (
                f"Tit-for-tat between {dyad[0]} and {dyad[1]}: {len(steps)} violent answer(s) within "
                f"{days} days of the other side's attack. " + "; ".join(lines) + "."
            )
            incs_ = [r[1] for r in chain]
            out.append(Alert(
                id=_alert_id("tit_for_tat", dyad, incs_), kind="tit_for_tat", dyad=dyad,
                members=_members(dyad, incs_), start=chain[0][0].isoformat(), end=chain[-1][0].isoformat(),
                score=float(len(steps)), explanation=explanation,
                incidents=[_alert_incident(r[1], r[2], r[3]) for r in chain],
                details={"answers": [{"attack": p[1].id, "answer": c[1].id, "days": (c[0] - p[0]).days} for p, c in steps],
                         "window_days": days},
            ))
    return out


def rising_intensity(incs: list[Incident]) -> list[Alert]:
    cfg = escalation_config().rising
    out = []
    for dyad, rows in _by_dyad(incs).items():
        by_period: dict[str, list] = defaultdict(list)
        starts: dict[str, date] = {}
        for r in rows:
            label, start, _ = period_of(r[0], cfg.period)
            by_period[label].append(r)
            starts[label] = start
        if not by_period:
            continue
        labels = sorted(by_period, key=lambda lb: starts[lb])
        first = starts[labels[0]]
        step = timedelta(days=1 if cfg.period == "day" else 7)
        scores: list[tuple[str, date, float]] = []
        d = first
        while d <= starts[labels[-1]]:
            label, start, _ = period_of(d, cfg.period)
            s = -sum(min(r[1].intensity or 0.0, 0.0) for r in by_period.get(label, []))
            scores.append((label, start, round(s, 2)))
            d += step
        hits = []
        for i, (label, start, s) in enumerate(scores):
            if s < cfg.min_score:
                continue
            # the preceding periods; before the dyad's first incident they were quiet (0)
            base = [x[2] for x in scores[max(0, i - cfg.baseline_periods):i]]
            base = [0.0] * (cfg.baseline_periods - len(base)) + base
            mean = sum(base) / len(base)
            std = math.sqrt(sum((x - mean) ** 2 for x in base) / len(base))
            if s >= cfg.ratio * mean and s >= mean + cfg.sigmas * std and s > mean:
                hits.append((label, start, s, mean, std))
        # consecutive alerting periods are one alert
        groups: list[list] = []
        for h in hits:
            if groups and (h[1] - groups[-1][-1][1]) <= step:
                groups[-1].append(h)
            else:
                groups.append([h])
        for g in groups:
            labels_g = [h[0] for h in g]
            rows_g = [r for lb in labels_g for r in by_period[lb] if (r[1].intensity or 0) < 0]
            incs_ = [r[1] for r in rows_g]
            parts = [f"{h[0]}: conflict score {h[2]:g} against a baseline of {h[3]:.1f} (sd {h[4]:.1f}) "
                     f"over the {cfg.baseline_periods} preceding {cfg.period}s" for h in g]
            lines = [f"{r[0].isoformat()} {_who(r[1], r[2], 'actor')} -> {_who(r[1], r[3], 'recipient')}: {_what(r[1])}"
                     for r in rows_g]
            end = period_of(g[-1][1], cfg.period)[2]
            out.append(Alert(
                id=_alert_id("rising_intensity", dyad, incs_), kind="rising_intensity", dyad=dyad,
                members=_members(dyad, incs_), start=g[0][1].isoformat(), end=end.isoformat(),
                score=max(h[2] for h in g),
                explanation=f"Rising intensity between {dyad[0]} and {dyad[1]}: " + "; ".join(parts)
                + ". Behind it: " + "; ".join(lines) + ".",
                incidents=[_alert_incident(r[1], r[2], r[3]) for r in rows_g],
                details={"periods": [{"period": h[0], "score": h[2], "baseline": round(h[3], 2), "sd": round(h[4], 2)}
                                     for h in g]},
            ))
    return out


def spread(incs: list[Incident]) -> list[Alert]:
    cfg = escalation_config().spread
    out = []
    for dyad, rows in _by_dyad(incs, dated_only=True).items():
        rows = [r for r in rows if _violent(r[1]) and r[1].location and (r[1].location.country or r[1].location.lat is not None)]
        for i, (d, inc, x, y) in enumerate(rows):
            prior = [r for r in rows[:i] if (d - r[0]).days <= cfg.lookback_days]
            if len(prior) < cfg.min_prior:
                continue
            loc = inc.location
            countries = {r[1].location.country for r in prior if r[1].location.country}
            dists = [
                (haversine_km(loc.lat, loc.lon, r[1].location.lat, r[1].location.lon), r)
                for r in prior if loc.lat is not None and r[1].location.lat is not None
            ]
            new_country = bool(loc.country) and bool(countries) and loc.country not in countries
            nearest = min(dists, key=lambda t: t[0]) if dists else None
            far = nearest is not None and nearest[0] > cfg.km
            if not (new_country or far):
                continue
            why = (f"first violence of the dyad in {loc.country}" if new_country else
                   f"{nearest[0]:.0f} km from the nearest earlier place of its violence "
                   f"({nearest[1][1].location.name or '?'}, {nearest[1][0].isoformat()})")
            incs_ = [r[1] for r in prior] + [inc]
            out.append(Alert(
                id=_alert_id("spread", dyad, incs_), kind="spread", dyad=dyad, members=_members(dyad, incs_),
                start=prior[0][0].isoformat(), end=d.isoformat(),
                score=round(nearest[0], 1) if nearest else float(cfg.km),
                explanation=(f"Spread between {dyad[0]} and {dyad[1]}: on {d.isoformat()} "
                             f"{_who(inc, x, 'actor')} -> {_who(inc, y, 'recipient')}: {_what(inc)}, {why}. "
                             f"Earlier: " + "; ".join(f"{r[0].isoformat()} {_what(r[1])}" for r in prior) + "."),
                incidents=[_alert_incident(r[1], r[2], r[3]) for r in prior] + [_alert_incident(inc, x, y)],
                details={"new_incident": inc.id, "new_country": new_country,
                         "nearest_km": round(nearest[0], 1) if nearest else None},
            ))
    return out


def alerts(
    items: Union[Iterable[Record], Sequence[Incident]],
    dyad: Optional[Pair] = None,
    since: Optional[str] = None,
    until: Optional[str] = None,
) -> list[Alert]:
    """Every escalation alert over ``items`` (records or incidents), in date order. ``dyad``
    keeps the alerts of one pair of states; ``since``/``until`` those that overlap the window."""
    incs = as_incidents(items)
    out = tit_for_tat(incs) + rising_intensity(incs) + spread(incs)
    if dyad:
        want = {dyad[0].upper(), dyad[1].upper()}
        out = [a for a in out if set(a.dyad) == want]
    if since:
        out = [a for a in out if a.end >= since]
    if until:
        out = [a for a in out if a.start <= until]
    order = {"tit_for_tat": 0, "rising_intensity": 1, "spread": 2}
    out.sort(key=lambda a: (a.start, order[a.kind], a.dyad, a.id))
    return out
