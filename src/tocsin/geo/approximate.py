"""A point for a toponym the gazetteer does not hold (a park, a river, a neighbourhood, a village
under 500 inhabitants): the place of the document it most probably lies in or by.

Local news names such places beside the town they are in ("Riverside Park ... in Fargo"). The
stand-in is, in this order: the place that qualifies the name ("Oak Grove, Fargo"); else the town
or county of the document that scores highest on mentions plus nearness in the text (a mention
within ``window`` characters counts ``1 + near`` rather than 1); else the most-mentioned state or
province. The stand-in lends its point only: the toponym keeps ``geonameid`` null.
Settings in ``tocsin/data/geo/resolution.yaml`` (``approximate``).
"""
from __future__ import annotations

from collections import defaultdict
from typing import Optional, Sequence

from tocsin.geo.gazetteer import GeoPlace
from tocsin.geo.resolve import Mention, weights

_TOWNS = ("city", "admin2")


def stand_ins(mentions: Sequence[Mention], places: Sequence[Optional[GeoPlace]]) -> list[Optional[GeoPlace]]:
    """For each mention resolved to nothing, the place whose point it borrows (else None); None
    for the resolved ones."""
    cfg = weights().get("approximate", {})
    window = float(cfg.get("window", 300))
    near = float(cfg.get("near", 0.5))
    out: list[Optional[GeoPlace]] = [None] * len(mentions)
    resolved = [(m, p) for m, p in zip(mentions, places) if p is not None and p.lat is not None]
    if not resolved:
        return out
    towns = [(m, p) for m, p in resolved if p.feature in _TOWNS]
    regions = [(m, p) for m, p in resolved if p.feature == "admin1"]
    for i, (m, p) in enumerate(zip(mentions, places)):
        if p is not None:
            continue
        q = m.qualifier_place
        if q is None and m.qualifier is not None:
            q = places[m.qualifier]
        if q is not None and q.lat is not None and q.feature in _TOWNS + ("admin1",):
            out[i] = q
            continue
        pool = towns or regions
        if not pool:
            continue
        score: dict[int, float] = defaultdict(float)
        by_id: dict[int, GeoPlace] = {}
        for om, op in sorted(pool, key=lambda x: x[0].start):
            score[op.id] += 1.0 + near * max(0.0, 1.0 - abs(om.start - m.start) / window)
            by_id.setdefault(op.id, op)
        best = max(score, key=score.__getitem__)  # ties: the first mentioned
        out[i] = by_id[best]
    return out
