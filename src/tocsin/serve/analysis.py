"""Cross-article analyses for the API, from :mod:`tocsin.analyse` (incident dedupe, dyad
timelines, escalation alerts) over the store's most recent articles.

Incidents are rebuilt only when the store changes (a new article, a deleted one), so repeated
requests cost a lookup. ``MAX_ARTICLES`` bounds the window an analysis reads."""
from __future__ import annotations

import threading
from typing import Optional

from tocsin.store import Store

MAX_ARTICLES = 5000


class Incidents:
    """The store's incidents, cached by the store's state."""

    def __init__(self, store: Store, max_articles: int = MAX_ARTICLES):
        self.store = store
        self.max_articles = max_articles
        self._lock = threading.Lock()
        self._key: Optional[tuple] = None
        self._value: tuple[list, int, bool] = ([], 0, False)

    def get(self) -> tuple[list, int, bool]:
        """(incidents, articles read, whether older articles were left out)."""
        from tocsin.analyse import incidents

        key = self.store.state()
        with self._lock:
            if key != self._key:
                records = self.store.recent_records(self.max_articles)
                self._value = (incidents(records), len(records), key[0] > len(records))
                self._key = key
            return self._value


def _sides(sides) -> list[dict]:
    return [{"name": s.name, "code": s.code, "country": s.country, "patrons": list(s.patrons)} for s in sides]


def incident_view(inc, event_pks: dict[tuple[str, str], int]) -> dict:
    return {
        "id": inc.id,
        "label": inc.label(),
        "type": inc.type,
        "date": inc.date,
        "precision": inc.precision,
        "location": inc.location.name if inc.location else None,
        "actors": _sides(inc.actors),
        "recipients": _sides(inc.recipients),
        "intensity": inc.intensity,
        "dead": inc.dead.value if inc.dead else None,
        "n_articles": inc.n_articles,
        "outlets": inc.outlets,
        "events": [pk for pk in (event_pks.get((s.article_id, s.event_id)) for s in inc.sources) if pk],
    }


def timeline(cache: Incidents, a: str, b: str, level: str, period: str,
             since: Optional[str], until: Optional[str]) -> dict:
    """The dyad over deduplicated incidents, in the shape of the per-event timeline."""
    from tocsin.analyse import dyad_timeline

    incs, n, truncated = cache.get()
    tl = dyad_timeline(incs, a, b, period=period, level=level, since=since, until=until)
    used = {i for p in tl.periods for i in p.a_to_b.incidents + p.b_to_a.incidents}
    chosen = [inc for inc in incs if inc.id in used]
    pks = cache.store.event_pks({(s.article_id, s.event_id) for inc in chosen for s in inc.sources})
    days = []
    for p in tl.periods:
        days.append({
            "date": p.start,
            "period": p.period,
            "a_to_b": p.a_to_b.count,
            "b_to_a": p.b_to_a.count,
            "intensity_a_to_b": p.a_to_b.intensity if p.a_to_b.count else None,
            "intensity_b_to_a": p.b_to_a.intensity if p.b_to_a.count else None,
            "conflict": round(-(p.a_to_b.conflict + p.b_to_a.conflict), 2) + 0.0,
            "incidents": p.a_to_b.incidents + p.b_to_a.incidents,
        })
    chosen.sort(key=lambda inc: (inc.date or "", inc.id))
    return {
        "a": tl.a, "b": tl.b, "level": level, "period": period, "source": "incidents",
        "total": len(chosen), "days": days, "incidents": [incident_view(i, pks) for i in chosen],
        "articles_read": n, "truncated": truncated,
    }


def dyad_list(cache: Incidents, level: str, limit: int) -> dict:
    from tocsin.analyse import dyads

    incs, n, truncated = cache.get()
    items = [d.model_dump() for d in dyads(incs, level=level)[:limit]]
    return {"level": level, "items": items, "articles_read": n, "truncated": truncated}


def alert_list(cache: Incidents, a: Optional[str], b: Optional[str], since: Optional[str],
               until: Optional[str]) -> dict:
    from tocsin.analyse import alerts

    incs, n, truncated = cache.get()
    dyad = (a, b) if a and b else None
    items = [al.model_dump() for al in alerts(incs, dyad=dyad, since=since, until=until)]
    if (a or b) and not dyad:
        one = (a or b).upper()
        items = [al for al in items if one in al["dyad"]]
    return {"items": items, "articles_read": n, "truncated": truncated}
