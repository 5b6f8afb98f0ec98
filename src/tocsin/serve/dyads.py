"""A dyad's timeline over stored events: per day, how often and how hard each side acted on the
other (aggregated in the database), with the latest events themselves.

Intensity is the record's -10 (most conflictual) .. +10 (most cooperative); a day's figure for a
direction is the mean over its events, and ``conflict`` sums the negative part (how much
hostility that day carried), which is what the escalation chart draws."""
from __future__ import annotations

from tocsin.serve.views import event_summary

MAX_EVENTS = 500


def _side_of(parts: list[dict], who: str) -> bool:
    w = who.strip().lower()
    return any((p.get("name") or "").lower() == w or (p.get("code") or "").lower() == w for p in parts or [])


def timeline(a: str, b: str, store) -> dict:
    days: dict[str, dict] = {}
    dated = 0
    for row in store.dyad_days(a, b):
        d = days.setdefault(row["date"], {"date": row["date"], "a_to_b": 0, "b_to_a": 0, "intensity_a_to_b": None,
                                          "intensity_b_to_a": None, "conflict": 0.0, "dead": 0})
        d[row["direction"]] = row["count"]
        mean = row["mean_intensity"]
        d["intensity_" + row["direction"]] = round(float(mean), 2) if mean is not None else None
        d["conflict"] = round(d["conflict"] + row["conflict"], 2)
        d["dead"] += row["dead"]
        dated += row["count"]
    events = []
    for ev, art in store.dyad_events(a, b, limit=MAX_EVENTS):
        data = ev.data or {}
        a_acts = _side_of(data.get("actors"), a) and _side_of(data.get("recipients"), b)
        events.append(dict(event_summary(ev, art), direction="a_to_b" if a_acts else "b_to_a"))
    total = store.count_dyad_events(a, b)
    return {"a": a, "b": b, "total": total, "undated": max(0, total - dated),
            "days": [days[k] for k in sorted(days)], "events": events, "events_shown": len(events)}
