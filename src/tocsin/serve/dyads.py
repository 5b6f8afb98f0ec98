"""A dyad's timeline: per day, how often and how hard each side acted on the other.

Intensity is the record's -10 (most conflictual) .. +10 (most cooperative); a day's figure for a
direction is the mean over its events, and ``conflict`` sums the negative part (how much
hostility that day carried), which is what the escalation chart draws."""
from __future__ import annotations

from collections import defaultdict
from typing import Optional

from tocsin.serve.views import event_summary


def _side_of(parts: list[dict], who: str) -> bool:
    w = who.strip().lower()
    return any((p.get("name") or "").lower() == w or (p.get("code") or "").lower() == w for p in parts or [])


def timeline(a: str, b: str, rows) -> dict:
    days: dict[str, dict] = defaultdict(lambda: {
        "a_to_b": 0, "b_to_a": 0, "intensity_a_to_b": [], "intensity_b_to_a": [], "conflict": 0.0,
        "dead": 0, "events": [],
    })
    events, undated = [], 0
    for ev, art in rows:
        data = ev.data or {}
        a_acts = _side_of(data.get("actors"), a) and _side_of(data.get("recipients"), b)
        direction = "a_to_b" if a_acts else "b_to_a"
        events.append(dict(event_summary(ev, art), direction=direction))
        if not ev.date or ev.date_precision != "day" or len(ev.date) < 10:
            undated += 1
            continue
        d = days[ev.date[:10]]
        d[direction] += 1
        d["events"].append(ev.pk)
        d["dead"] += ev.dead or 0
        if ev.intensity is not None:
            d["intensity_" + direction].append(ev.intensity)
            d["conflict"] += max(0.0, -ev.intensity)
    out_days = []
    for day in sorted(days):
        d = days[day]
        out_days.append({
            "date": day,
            "a_to_b": d["a_to_b"],
            "b_to_a": d["b_to_a"],
            "intensity_a_to_b": _mean(d["intensity_a_to_b"]),
            "intensity_b_to_a": _mean(d["intensity_b_to_a"]),
            "conflict": round(d["conflict"], 2),
            "dead": d["dead"],
            "events": d["events"],
        })
    return {"a": a, "b": b, "total": len(events), "undated": undated, "days": out_days, "events": events}


def _mean(values: list[float]) -> Optional[float]:
    return round(sum(values) / len(values), 2) if values else None
