"""Score the seed article's record against the analyst's gold (shared/gold/seed.json).

Events are matched on type, date, place, actors, recipients, counts and modality; quotes on
speaker and opening words; timexes on value; places on GeoNames id. Prints recall per family,
what is missing or wrong, and the spurious events.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Optional

import typer

from tocsin.evaluate._common import echo, require_path
from tocsin.record import Event, Record

DEFAULT_GOLD = Path("../shared/gold/seed.json")
DEFAULT_ARTICLE = Path("../shared/seed/article.txt")


def _norm(s: Optional[str]) -> str:
    s = (s or "").replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", s).strip().lower()


def _name_match(pred: str, gold: list[str]) -> bool:
    p = _norm(pred)
    if not p:
        return False
    for g in gold:
        g = _norm(g)
        if p == g or re.search(rf"\b{re.escape(g)}\b", p) or re.search(rf"\b{re.escape(p)}\b", g):
            return True
    return False


def _participant_names(parts) -> list[str]:
    return [n for p in parts for n in (p.name, p.text) if n]


def _event_checks(ev: Event, gold: dict) -> dict[str, bool]:
    """Which of the gold event's fields the predicted event gets right."""
    checks: dict[str, bool] = {}
    checks["type"] = ev.type == gold["type"] or ev.type in gold.get("also", [])
    if "mode_any" in gold:
        checks["mode"] = (ev.mode or "") in gold["mode_any"]
    if "date" in gold:
        checks["date"] = bool(ev.date and ev.date.value and ev.date.value.startswith(gold["date"]))
    if "place_any" in gold or "country" in gold or "country_any" in gold:
        loc = ev.location
        ok = True
        if "place_any" in gold:
            ok = bool(loc and loc.name and _name_match(loc.name, gold["place_any"]))
        countries = gold.get("country_any") or ([gold["country"]] if "country" in gold else [])
        if countries:
            ok = ok and bool(loc and loc.country in countries)
        checks["place"] = ok
    if "actor_any" in gold:
        checks["actor"] = any(_name_match(n, gold["actor_any"]) for n in _participant_names(ev.actors))
    if "recipient_any" in gold:
        checks["recipient"] = any(_name_match(n, gold["recipient_any"]) for n in _participant_names(ev.recipients))
    for count in ("dead", "injured"):
        if count in gold:
            val = getattr(ev, count)
            checks[count] = (val or 0) == gold[count] if gold[count] == 0 else val == gold[count]
    if "modality" in gold:
        checks["modality"] = ev.modality == gold["modality"]
    if "attribution_any" in gold:
        att = ev.attribution
        checks["attribution"] = bool(att and _name_match(att.name or att.text, gold["attribution_any"]))
    if "mentions_at_least" in gold:
        checks["mentions"] = len(ev.mentions) >= gold["mentions_at_least"]
    return checks


def score_events(rec: Record, gold: dict) -> dict:
    """Greedy one-to-one matching of predicted events to gold events, best field agreement first."""
    pairs = []
    for gi, g in enumerate(gold["events"]):
        for pi, ev in enumerate(rec.events):
            c = _event_checks(ev, g)
            if not c["type"] and not (c.get("actor") and c.get("date")):
                continue
            pairs.append((sum(c.values()) / len(c), gi, pi, c))
    pairs.sort(key=lambda t: -t[0])
    used_g, used_p, match = set(), set(), {}
    for s, gi, pi, c in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        match[gi] = (pi, c)
    spurious = [
        ev for pi, ev in enumerate(rec.events)
        if pi not in used_p and ev.modality not in ("negated", "hypothetical")
    ]
    return {"match": match, "spurious": spurious}


def _quote_key(text: str) -> str:
    return _norm(text).strip("\"' ")


def score_quotes(rec: Record, gold: dict) -> dict:
    found, right, dup = {}, {}, 0
    for qi, gq in enumerate(gold["quotes"]):
        start = _quote_key(gq["starts"])
        hits = [q for q in rec.quotes if _quote_key(q.text).startswith(start[:25])]
        if len(hits) > 1:
            dup += len(hits) - 1
        if hits:
            q = hits[0]
            found[qi] = q
            names = [q.speaker.name, q.speaker.text, q.speaker.role] if q.speaker else []
            right[qi] = any(n and _name_match(n, [gq["speaker"]]) for n in names) or any(
                n and _norm(gq["speaker"]).split()[-1] in _norm(n).split() for n in names
            )
    scare = [q for q in rec.quotes if len(_quote_key(q.text).split()) <= 2 and q.kind != "indirect"]
    return {"found": found, "right": right, "duplicates": dup, "scare": scare}


def score_timexes(rec: Record, gold: dict) -> dict:
    right = {}
    for ti, gt in enumerate(gold["timexes"]):
        cands = [t for t in rec.timexes if _norm(gt["text"]) in _norm(t.text) or _norm(t.text) in _norm(gt["text"])]
        right[ti] = next((t for t in cands if t.value == gt["value"]), None), cands
    return right


def score_places(rec: Record, gold: dict) -> dict:
    out = {}
    for pi, gp in enumerate(gold["places"]):
        cands = [p for p in rec.places if _name_match(p.name or p.text, [gp["name"]]) or _name_match(p.text, [gp["name"]])]
        out[pi] = next((p for p in cands if p.geonameid == gp["geonameid"]), None), cands
    return out


def evaluate(rec: Record, gold: dict) -> dict:
    """All figures for one record against the gold, as a dict (also used by the tests)."""
    ev = score_events(rec, gold)
    required = [i for i, g in enumerate(gold["events"]) if not g.get("optional")]
    ev_right = [i for i in required if i in ev["match"] and all(ev["match"][i][1].values())]
    qs = score_quotes(rec, gold)
    q_required = [i for i, g in enumerate(gold["quotes"]) if not g.get("optional")]
    tx = score_timexes(rec, gold)
    tx_required = [i for i, g in enumerate(gold["timexes"]) if not g.get("optional")]
    pl = score_places(rec, gold)
    return {
        "events": ev, "events_required": required, "events_right": ev_right,
        "quotes": qs, "quotes_required": q_required,
        "quotes_right": [i for i in q_required if qs["right"].get(i)],
        "timexes": tx, "timexes_required": tx_required,
        "timexes_right": [i for i in tx_required if tx[i][0] is not None],
        "places": pl, "places_right": [i for i in pl if pl[i][0] is not None],
    }


def report(rec: Record, gold: dict) -> dict:
    res = evaluate(rec, gold)
    echo("events (gold key: fields right / wrong)")
    for gi, g in enumerate(gold["events"]):
        tag = " (optional)" if g.get("optional") else ""
        if gi not in res["events"]["match"]:
            echo(f"  MISSING {g['key']}{tag}")
            continue
        pi, c = res["events"]["match"][gi]
        e = rec.events[pi]
        wrong = [k for k, v in c.items() if not v]
        status = "OK     " if not wrong else "PARTIAL"
        echo(f"  {status} {g['key']}{tag} -> {e.id} {e.type}/{e.mode} '{e.trigger.text}'" + (f"  wrong: {', '.join(wrong)}" if wrong else ""))
    for e in res["events"]["spurious"]:
        echo(f"  SPURIOUS {e.id} {e.type}/{e.mode} '{e.trigger.text}' actors={[p.name for p in e.actors]} modality={e.modality}")
    echo("quotes (gold speaker: opening words)")
    for qi, gq in enumerate(gold["quotes"]):
        q = res["quotes"]["found"].get(qi)
        if q is None:
            echo(f"  MISSING {gq['speaker']}: {gq['starts']}")
        elif not res["quotes"]["right"].get(qi):
            echo(f"  SPEAKER {gq['speaker']}: {gq['starts']} -> {q.speaker.name if q.speaker else None}")
    for q in res["quotes"]["scare"]:
        echo(f"  SCARE QUOTE {q.text!r}")
    echo("timexes")
    for ti, gt in enumerate(gold["timexes"]):
        hit, cands = res["timexes"][ti]
        if hit is None:
            echo(f"  WRONG {gt['text']!r} want {gt['value']} got {[c.value for c in cands]}")
    echo("places")
    for pi, gp in enumerate(gold["places"]):
        hit, cands = res["places"][pi]
        if hit is None:
            echo(f"  WRONG {gp['name']} want {gp['geonameid']} got {[c.geonameid for c in cands]}")
    n_req = len(res["events_required"])
    echo()
    echo(f"events   recall {len(res['events_right'])}/{n_req} required fully right; spurious {len(res['events']['spurious'])}")
    echo(f"quotes   recall {len(res['quotes_right'])}/{len(res['quotes_required'])} with the right speaker; "
         f"duplicates {res['quotes']['duplicates']}; scare quotes {len(res['quotes']['scare'])}")
    echo(f"timexes  recall {len(res['timexes_right'])}/{len(res['timexes_required'])} with the right value")
    echo(f"places   recall {len(res['places_right'])}/{len(gold['places'])} with the right GeoNames id")
    return res


def command(
    gold: Path = typer.Option(DEFAULT_GOLD, help="Gold record (shared/gold/seed.json)."),
    article: Path = typer.Option(DEFAULT_ARTICLE, help="The seed article text."),
) -> None:
    """Score the seed article's record against shared/gold/seed.json."""
    from tocsin.pipeline import extract

    require_path(gold, "seed gold")
    require_path(article, "seed article")
    g = json.loads(gold.read_text(encoding="utf-8"))
    rec = extract(article.read_text(encoding="utf-8"), published=g["article"]["published"],
                  source=g["article"].get("source"), id="seed")
    report(rec, g)
