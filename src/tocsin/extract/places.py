"""Places: toponyms in the article resolved to GeoNames, offline.

API
- ``extract(ctx) -> list[Place]``: recognition (:mod:`tocsin.geo.recognize`) + resolution
  (:mod:`tocsin.geo.resolve`) over the body (excluded regions skipped); ids ``p1, p2, ...`` in text
  order. Sites ("the U.S. embassy in Baghdad") are places with ``feature="site"``, ``geonameid``
  null and the point, country and admin1 of the toponym that locates them. A name standing for a
  government ("Washington said") keeps ``metonymy=True``. Demonyms ("Iraqi") are not places: they
  are kept as country evidence in ``ctx.shared["geo_evidence"]`` (``[{start, end, text,
  geonameid, country, adjectival}]``) and help resolution.
- ``resolve_places(text, spans) -> list[Place]``: resolution of given toponym spans (the "gold
  toponyms" setting), same order as ``spans`` (also ``tocsin.resolve_places``).
- ``article_focus(ctx) -> Place | None``: the place the article is mostly about.
- ``place_for_clause(ctx, token) -> Place | None`` and ``location_for(ctx, token) -> Location |
  None`` for the events stage: the place attached to the token's clause by "in/near/at X", else
  a place of its sentence, else the article focus; ``Location.precision`` is the place's feature
  for the first two and ``"article"`` for the focus.
"""
from __future__ import annotations

from collections import Counter
from typing import Optional

from tocsin.context import Context
from tocsin.errors import UsageError
from tocsin.geo import gazetteer
from tocsin.geo.approximate import stand_ins
from tocsin.geo.recognize import local_names, person_words, recognize
from tocsin.geo.resolve import Mention, qualify, resolve
from tocsin.record import Location, Place

_CLAUSE_PREPS = frozenset({"in", "near", "at", "outside", "inside", "around", "across", "into", "from", "on", "over"})
_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "advcl", "xcomp", "conj", "relcl", "acl", "pcomp"})


def _to_place(pid: str, text: str, start: int, end: int, gp, gaz, feature=None, metonymy=False,
              name=None, geonameid=True) -> Place:
    if gp is None:
        return Place(id=pid, start=start, end=end, text=text[start:end], metonymy=metonymy,
                     feature=feature)
    a1 = gaz.admin1_of(gp)
    return Place(id=pid, start=start, end=end, text=text[start:end], name=name or gp.name,
                 geonameid=gp.id if geonameid else None, lat=gp.lat, lon=gp.lon, country=gp.cc,
                 admin1=a1.name if a1 else (gp.name if gp.feature == "admin1" else None),
                 feature=feature or gp.feature, metonymy=metonymy)


def _approximate(pid: str, text: str, start: int, end: int, stand, gaz, metonymy=False) -> Place:
    """An unresolved toponym with the point, country and state of the place it lies in or by
    (:mod:`tocsin.geo.approximate`); ``geonameid`` stays null."""
    if stand is None:
        return _to_place(pid, text, start, end, None, gaz, metonymy=metonymy)
    p = _to_place(pid, text, start, end, stand, gaz, metonymy=metonymy, geonameid=False,
                  name=f"{text[start:end]}, {stand.name}")
    p.feature = None
    return p


def is_approximate(p: Place) -> bool:
    """An unresolved toponym that only borrows the point of a place of its document
    (:func:`_approximate`): no id, no feature of its own, a point."""
    return p.geonameid is None and p.feature is None and p.lat is not None


def _mentions(text: str, spans, gaz) -> list[Mention]:
    out = []
    for s, e in spans:
        m = Mention(s, e, text[s:e])
        dem = gaz.demonym(m.text)
        if dem is not None and not any(c.kind == 0 and c.place.feature in ("country", "region")
                                       for c in gaz.lookup(m.text)):
            m.demonym = dem
        out.append(m)
    return out


def resolve_places(text: str, spans) -> list[Place]:
    """Resolve given toponym spans ``[(start, end), ...]``; one Place per span, same order."""
    gaz = gazetteer.load()
    try:
        spans = [(int(s), int(e)) for s, e in spans]
    except (TypeError, ValueError):
        raise UsageError("spans must be (start, end) pairs of integers") from None
    for s, e in spans:
        if not 0 <= s < e <= len(text):
            raise UsageError(f"span ({s}, {e}) is not a non-empty stretch of the text (length {len(text)})")
    mentions = _mentions(text, spans, gaz)
    qualify(text, mentions, gaz)
    res = resolve(gaz, mentions)
    near = stand_ins(mentions, res)
    return [_to_place(f"p{i + 1}", text, m.start, m.end, gp, gaz) if gp is not None
            else _approximate(f"p{i + 1}", text, m.start, m.end, near[i], gaz)
            for i, (m, gp) in enumerate(zip(mentions, res))]


def _resolve_found(text, tops, gaz, evidence):
    """(places, stand-ins) of the found toponyms; a stand-in for each unresolved one."""
    mentions = [Mention(f.start, f.end, text[f.start:f.end]) for f in tops]
    qualify(text, mentions, gaz)
    res = resolve(gaz, mentions, evidence=[f.country for f in evidence])
    return res, stand_ins(mentions, res)


def _skip_for_places(ctx: Context):
    """Excluded regions (pull quotes, bylines, boilerplate) hold no places, but a dateline's place
    is where the report was filed ("COLUMBIA, Ky. (WBKO) -"): it stays readable."""
    regions = sorted((x.start, x.end) for x in (ctx.article.excluded or []) if x.reason != "dateline")
    if len(regions) == len(ctx.article.excluded or []):
        return ctx.excluded
    return lambda start, end: any(s < end and start < e for s, e in regions)


def extract(ctx: Context) -> list[Place]:
    gaz = gazetteer.load()
    text = ctx.text
    skip = _skip_for_places(ctx)
    people = person_words(ctx.doc, gaz)  # read by both passes below
    found = recognize(ctx.doc, text, gaz, excluded=skip, people=people)
    tops = [f for f in found if f.kind == "toponym"]
    evidence = [f for f in found if f.kind == "demonym"]
    ctx.shared["geo_evidence"] = [
        {"start": f.start, "end": f.end, "text": text[f.start:f.end], "geonameid": f.country.id,
         "country": f.country.cc, "adjectival": f.adjectival} for f in evidence]
    res, near = _resolve_found(text, tops, gaz, evidence)
    # second pass: towns of the states/provinces the article names
    regions = {(gp.cc, gp.admin1) for gp in res if gp is not None and gp.feature in ("admin1", "admin2", "city")
               and gp.admin1}
    extra = local_names(ctx.doc, text, gaz, found, regions, excluded=skip, people=people)
    if extra:
        found = sorted(found + extra, key=lambda f: (f.start, f.end))
        tops = [f for f in found if f.kind == "toponym"]
        res, near = _resolve_found(text, tops, gaz, evidence)
    resolved = {(f.start, f.end): (f, gp) for f, gp in zip(tops, res)}
    stand = {(f.start, f.end): q for f, q in zip(tops, near)}
    places: list[Place] = []
    for f in found:
        if f.kind == "toponym":
            _, gp = resolved[(f.start, f.end)]
            if gp is not None:
                places.append(_to_place("", text, f.start, f.end, gp, gaz, metonymy=f.metonymy))
            else:
                places.append(_approximate("", text, f.start, f.end, stand[(f.start, f.end)], gaz, f.metonymy))
        elif f.kind == "site":
            anchor = resolved.get(f.anchor)
            gp = anchor[1] if anchor else None
            name = f"{text[f.start:f.end]}, {gp.name}" if gp else text[f.start:f.end]
            places.append(_to_place("", text, f.start, f.end, gp, gaz, feature="site", name=name, geonameid=False))
    places.sort(key=lambda p: (p.start, p.end))
    for i, p in enumerate(places, start=1):
        p.id = f"p{i}"
    return places


# --- helpers for the events stage -------------------------------------------------------------

def article_focus(ctx: Context) -> Optional[Place]:
    """The resolved non-metonymic place the article dwells on: most mentions, earliest first,
    cities over countries when a city is mentioned as often (the most specific well-attested)."""
    places = [p for p in ctx.places if p.geonameid is not None and not p.metonymy and not ctx.excluded(p.start, p.end)]
    if not places:
        return None
    counts = Counter(p.geonameid for p in places)
    first = {}
    for p in places:
        first.setdefault(p.geonameid, p)
    n = max(len(ctx.text), 1)
    # countries lend their mentions to the places in them
    by_cc = Counter(p.country for p in places)

    def weight(p: Place) -> float:
        w = counts[p.geonameid] + 0.5 * (by_cc[p.country] - counts[p.geonameid]) * (p.feature != "country")
        return w + (1.0 - p.start / n)

    return max(first.values(), key=weight)


def _sentence_places(ctx: Context, sent) -> list[Place]:
    return [p for p in ctx.places if (sent.start_char <= p.start < sent.end_char and p.geonameid is not None
            or (p.feature == "site" and sent.start_char <= p.start < sent.end_char))
            and not ctx.excluded(p.start, p.end)]  # a dateline's place is not an event's


def _clause_head(token):
    t = token
    while t.dep_ not in _CLAUSE_DEPS and t.head.i != t.i:
        t = t.head
    return t


def place_for_clause(ctx: Context, token) -> Optional[Place]:
    """The place of the event whose trigger is ``token`` (a spaCy token of ``ctx.doc``)."""
    found = _place_and_precision(ctx, token)
    return found[0] if found else None


def location_for(ctx: Context, token) -> Optional[Location]:
    """As :func:`place_for_clause`, as the record's ``Location`` with an honest precision."""
    found = _place_and_precision(ctx, token)
    if not found:
        return None
    p, precision = found
    return Location(place_id=p.id, name=p.name or p.text, geonameid=p.geonameid, lat=p.lat, lon=p.lon,
                    country=p.country, precision=precision)


def _place_and_precision(ctx: Context, token):
    if not ctx.places:
        return None
    sent = token.sent
    cands = [p for p in _sentence_places(ctx, sent) if not p.metonymy]
    head = _clause_head(token)
    lo, hi = head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text)
    best = None
    for p in cands:
        if not (lo <= p.start < hi):
            continue
        span = ctx.doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        # "in/near/at X" (possibly "in the city of X", "at the embassy in X")
        t, hops = root, 0
        while t.head.i != t.i and hops < 4 and t.dep_ not in _CLAUSE_DEPS:
            if t.dep_ == "pobj" and t.head.lower_ in _CLAUSE_PREPS:
                break
            t, hops = t.head, hops + 1
        if t.dep_ == "pobj" and t.head.lower_ in _CLAUSE_PREPS and _clause_head(t.head) is head:
            score = (0 if p.feature == "site" else 1, abs(p.start - token.idx))
            if best is None or score < best[0]:
                best = (score, p)
    if best:
        return best[1], best[1].feature or "city"
    if cands:
        p = min(cands, key=lambda p: (p.feature == "country", abs(p.start - token.idx)))
        return p, p.feature or "city"
    focus = article_focus(ctx)
    return (focus, "article") if focus else None
