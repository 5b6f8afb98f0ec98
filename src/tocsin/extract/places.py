"""The places extractor (placeholder being replaced)."""
from __future__ import annotations

from tocsin.context import Context
from tocsin.geo import gazetteer
from tocsin.geo.resolve import Mention, qualify, resolve
from tocsin.record import Place


def _to_place(pid: str, text: str, start: int, end: int, gp, gaz, feature=None) -> Place:
    if gp is None:
        return Place(id=pid, start=start, end=end, text=text[start:end])
    a1 = gaz.admin1_of(gp)
    return Place(id=pid, start=start, end=end, text=text[start:end], name=gp.name, geonameid=gp.id,
                 lat=gp.lat, lon=gp.lon, country=gp.cc, admin1=a1.name if a1 else (gp.name if gp.feature == "admin1" else None),
                 feature=feature or gp.feature)


def resolve_places(text: str, spans) -> list[Place]:
    gaz = gazetteer.load()
    mentions = []
    for s, e in spans:
        m = Mention(s, e, text[s:e])
        dem = gaz.demonym(m.text)
        if dem is not None and not any(c.kind == 0 and c.place.feature in ("country", "admin1", "region")
                                       for c in gaz.lookup(m.text)):
            m.demonym = dem
        mentions.append(m)
    qualify(text, mentions, gaz)
    res = resolve(gaz, mentions)
    return [_to_place(f"p{i + 1}", text, m.start, m.end, gp, gaz) for i, (m, gp) in enumerate(zip(mentions, res))]


def extract(ctx: Context) -> list:
    return []
