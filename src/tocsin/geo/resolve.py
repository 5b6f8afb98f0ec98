"""Toponym resolution: each distinct name of a document gets one GeoNames entry, chosen by a
prior (kind of place, population, how the name matched) plus the support of the document's
other names (the divisions and countries they name or lie in), iterated to a fixed point, and
by explicit qualifiers ("Kirkuk, Iraq", "Alexandria, La.") which override everything else.

Weights live in ``tocsin/data/geo/resolution.yaml``.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from tocsin.data_files import load_yaml, read_table
from tocsin.geo.gazetteer import Candidate, Gazetteer, GeoPlace
from tocsin.geo.names import lookup_key

MAX_CANDIDATES = 30
_DESIGNATOR = re.compile(r"\b(county|co\.?|parish|province|governorate|district|state|borough|township|region|oblast|prefecture)$", re.I)


@dataclass
class Mention:
    """One toponym occurrence to resolve."""

    start: int
    end: int
    text: str
    qualifier: Optional[int] = None          # index of the mention that qualifies this one
    qualifier_place: Optional[GeoPlace] = None  # or a division given by abbreviation ("La.")
    demonym: Optional[GeoPlace] = None       # the mention is an adjective of nationality
    designated: bool = False                 # a list closed by "counties"/"parishes" names it
    key: str = field(init=False)

    def __post_init__(self) -> None:
        self.key = lookup_key(self.text)


@lru_cache(maxsize=1)
def weights() -> dict:
    return load_yaml("geo/resolution.yaml")


@lru_cache(maxsize=1)
def state_abbreviations() -> dict[str, tuple[str, str]]:
    return {r["abbrev"]: (r["cc"], r["admin1"]) for r in read_table("geo/state_abbreviations.tsv", delimiter="\t")}


def contains(q: GeoPlace, c: GeoPlace) -> bool:
    """True when place ``q`` (a country or division) holds place ``c``."""
    if q.id == c.id:
        return False
    if q.feature == "country":
        return c.cc == q.cc and c.feature != "country"
    if q.feature == "admin1":
        return c.cc == q.cc and c.admin1 == q.admin1 and c.feature in ("city", "admin2")
    if q.feature == "admin2":
        return c.admin2 == q.id
    return False


def _designated(m: Mention) -> bool:
    """The mention says it is a division: "Laurel County", or "Becker" of "Becker, Clay and Grant
    counties"."""
    return m.designated or bool(_DESIGNATOR.search(m.text))


_LISTED_DIVISION = re.compile(r"(?:(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)[A-Z][\w'.-]*(?:\s[A-Z][\w'.-]*){0,2})*"
                              r"\s+(?:counties|parishes|boroughs)\b")


@lru_cache(maxsize=1)
def _region_names() -> frozenset[str]:
    from tocsin.geo.recognize import settings

    return frozenset(settings().get("region_names") or ())


def _candidates(gaz: Gazetteer, m: Mention) -> list[Candidate]:
    if m.demonym is not None:
        return [Candidate(m.demonym, 0)]
    cands = gaz.lookup(m.text)
    if re.sub(r"^[Tt]he\s+", "", m.text) in _region_names():
        # "the Middle East" is a region, never a town or a neighbourhood of that name
        cands = tuple(c for c in cands if c.place.feature in ("region", "water", "country", "admin1"))
    if not cands:
        # "Laurel County" -> try the bare name restricted to divisions; "the Gaza" -> "Gaza"
        bare = _DESIGNATOR.sub("", m.text).strip()
        if bare and bare != m.text:
            cands = tuple(c for c in gaz.lookup(bare) if c.place.feature in ("admin1", "admin2"))
    if not cands:
        dem = gaz.demonym(m.text)
        if dem is not None:
            return [Candidate(dem, 0)]
    best: dict[int, Candidate] = {}
    for c in cands:
        if c.place.id not in best or c.kind < best[c.place.id].kind:
            best[c.place.id] = c
    out = list(best.values())
    if not _designated(m):
        # a division named after its seat ("Aleppo" governorate, Los Angeles County) yields to the city
        towns = [c.place for c in out if c.place.feature == "city" and c.place.lat is not None
                 and c.kind < 2]  # not by an alternate name only ("Oklahoma" for Oklahoma City)
        if towns:
            out = [c for c in out if not (c.place.feature in ("admin1", "admin2") and c.place.lat is not None and any(
                (t.cc == c.place.cc and (t.capital or _km(t, c.place) < SEAT_KM)) or _km(t, c.place) < 50 for t in towns))]
    return out


SEAT_KM = 150.0


def _km(a: GeoPlace, b: GeoPlace) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _prior(c: Candidate, m: Mention, w: dict) -> float:
    p = c.place
    s = w["feature"].get(p.feature, 0.0) + w["per_decade"] * math.log10(p.pop + 10)
    s += w["name_kind"].get(c.kind, 0.0)
    if _designated(m) and p.feature in ("admin1", "admin2"):
        s += w["designator"]["match"]
    if p.lat is None:
        s -= 2.0
    if p.capital:
        s += w["capital"]
    if p.feature == "admin2" and c.kind > 0 and not _designated(m):
        s += w["designator"]["bare_admin2"]  # "Gulf" for Gulf County
    return s


class _Mass:
    """How much probability one name puts on each country/division (named or lying in)."""

    __slots__ = ("named_cc", "named_a1", "named_a2", "in_cc", "in_a1", "in_a2")

    def __init__(self) -> None:
        self.named_cc = defaultdict(float)
        self.named_a1 = defaultdict(float)
        self.named_a2 = defaultdict(float)
        self.in_cc = defaultdict(float)
        self.in_a1 = defaultdict(float)
        self.in_a2 = defaultdict(float)

    def add(self, p: GeoPlace, prob: float, sign: float = 1.0) -> None:
        v = prob * sign
        if p.feature == "country":
            self.named_cc[p.cc] += v
            return
        if p.feature == "region" or not p.cc:
            return
        self.in_cc[p.cc] += v
        if p.feature == "admin1":
            self.named_a1[(p.cc, p.admin1)] += v
            return
        self.in_a1[(p.cc, p.admin1)] += v
        if p.feature == "admin2":
            self.named_a2[p.id] += v
        elif p.admin2:
            self.in_a2[p.admin2] += v


def _sat(x: float) -> float:
    return 1.0 - math.exp(-x) if x > 0 else 0.0


def _support(p: GeoPlace, m: _Mass, s: dict) -> float:
    if p.feature == "country":
        return s["contains_named"] * m.in_cc.get(p.cc, 0.0)
    if p.feature == "region" or not p.cc:
        return 0.0
    a1 = (p.cc, p.admin1)
    if p.feature == "admin1":
        v = (s["contains_named"] * m.in_a1.get(a1, 0.0) + s["in_named_country"] * m.named_cc.get(p.cc, 0.0)
             + s["shares_country"] * m.in_cc.get(p.cc, 0.0))
        if s.get("peer_admin1"):  # named beside other states/provinces of its country
            v += s["peer_admin1"] * m.named_a1.others(lambda k: k[0] == p.cc and k != a1)
        return v
    v = (s["in_named_admin1"] * m.named_a1.get(a1, 0.0) + s["in_named_country"] * m.named_cc.get(p.cc, 0.0)
         + s["shares_admin1"] * m.in_a1.get(a1, 0.0) + s["shares_country"] * m.in_cc.get(p.cc, 0.0))
    if p.feature == "admin2":
        v += s["contains_named"] * m.in_a2.get(p.id, 0.0)
    elif p.admin2:
        v += s["in_named_admin2"] * m.named_a2.get(p.admin2, 0.0) + s["shares_admin2"] * m.in_a2.get(p.admin2, 0.0)
    return v


class _Minus:
    """A view of ``total - own`` (what the other names lend), saturated per relation."""

    def __init__(self, total: _Mass, own: _Mass):
        for attr in _Mass.__slots__:
            setattr(self, attr, _SatDiff(getattr(total, attr), getattr(own, attr)))


class _SatDiff:
    __slots__ = ("a", "b")

    def __init__(self, a, b):
        self.a, self.b = a, b

    def get(self, k, default=0.0):
        return _sat(self.a.get(k, 0.0) - self.b.get(k, 0.0))

    def others(self, keep) -> float:
        """Saturated mass on every key but those ``keep(key)`` rejects."""
        return _sat(sum(v - self.b.get(k, 0.0) for k, v in self.a.items() if keep(k)))


def _nearness(p: GeoPlace, anchors) -> float:
    """How much of the other names' probability lies close to ``p`` (100 km: 1, 300 km: 0.5)."""
    best: dict[str, float] = {}
    coslat = math.cos(math.radians(p.lat))
    for k, lat, lon, pr in anchors:
        dx = (lon - p.lon) * coslat * 111.2
        dy = (lat - p.lat) * 111.2
        d2 = dx * dx + dy * dy
        v = pr if d2 < 100 ** 2 else 0.5 * pr if d2 < 300 ** 2 else 0.0
        if v > best.get(k, 0.0):
            best[k] = v
    return sum(best.values())


def _softmax(scores: list[float], t: float) -> list[float]:
    mx = max(scores)
    ex = [math.exp((x - mx) / t) for x in scores]
    z = sum(ex)
    return [e / z for e in ex]


def resolve(gaz: Gazetteer, mentions: list[Mention], evidence: Optional[list[GeoPlace]] = None) -> list[Optional[GeoPlace]]:
    """One place (or None) per mention; mentions with the same name key share a resolution
    unless a qualifier sets them apart. ``evidence``: countries known from the text without
    being toponyms (demonyms), lending support like a named country."""
    w = weights()
    s = w["support"]
    # groups: (key, qualifier identity) -> mention indices
    groups: dict[tuple, list[int]] = {}
    for i, m in enumerate(mentions):
        if not m.key:
            continue
        groups.setdefault(m.key, []).append(i)
    # a name qualified once is that place throughout the document
    keys = list(groups)
    cands: dict[str, list[Candidate]] = {}
    prior: dict[str, list[float]] = {}
    for k in keys:
        m0 = mentions[groups[k][0]]
        cs = _candidates(gaz, m0)
        if not cs:
            continue
        sc = [_prior(c, m0, w) for c in cs]
        order = sorted(range(len(cs)), key=lambda j: (-sc[j], cs[j].place.id))[:MAX_CANDIDATES]
        cands[k] = [cs[j] for j in order]
        prior[k] = [sc[j] for j in order]
    keys = [k for k in keys if k in cands]
    qual_of = {k: [mentions[i] for i in groups[k] if mentions[i].qualifier is not None or mentions[i].qualifier_place]
               for k in keys}

    prob = {k: _softmax(prior[k], w["temperature"]) for k in keys}
    chosen: dict[str, int] = {k: 0 for k in keys}
    ev_mass = _Mass()
    for p in evidence or []:
        ev_mass.add(p, 1.0)
    for _ in range(int(w["iterations"])):
        own = {}
        total = _Mass()
        for k in keys:
            mk = _Mass()
            for c, pr in zip(cands[k], prob[k]):
                if pr > 0.01:
                    mk.add(c.place, pr)
            own[k] = mk
            for attr in _Mass.__slots__:
                tot = getattr(total, attr)
                for a, v in getattr(mk, attr).items():
                    tot[a] += v
        for attr in _Mass.__slots__:
            tot = getattr(total, attr)
            for a, v in getattr(ev_mass, attr).items():
                tot[a] += v
        anchors = []  # (key, lat, lon, prob): where the other names probably are
        for k in keys:
            top = sorted(zip(prob[k], range(len(cands[k]))), reverse=True)[:2]
            for pr, j in top:
                p = cands[k][j].place
                if pr >= 0.2 and p.lat is not None and p.feature in ("city", "admin2"):
                    anchors.append((k, p.lat, p.lon, pr))
        new_scores = {}
        cap = w.get("support_cap")
        for k in keys:
            lent = _Minus(total, own[k])  # one view per name, read by all its candidates
            scores = []
            others = [a for a in anchors if a[0] != k]
            for c, base in zip(cands[k], prior[k]):
                sup = _support(c.place, lent, s)
                if others and c.place.lat is not None and c.place.feature in ("city", "admin2"):
                    sup += s["near_other"] * _sat(_nearness(c.place, others))
                if cap and sup > 0:  # context lends at most `context * cap`, however many relations agree
                    sup = cap * _sat(sup / cap)
                sc = base + w["context"] * sup
                for qm in qual_of[k]:
                    q = qm.qualifier_place
                    if q is None and qm.qualifier is not None:
                        qk = mentions[qm.qualifier].key
                        if qk in cands:
                            q = cands[qk][chosen[qk]].place
                    if q is not None:
                        if contains(q, c.place):
                            sc += w["qualifier"]
                        elif q.feature in ("country", "admin1", "admin2"):
                            sc += w["qualifier_miss"]
                scores.append(sc)
            new_scores[k] = scores
        for k in keys:
            prob[k] = _softmax(new_scores[k], w["temperature"])
            chosen[k] = max(range(len(prob[k])), key=lambda j: (prob[k][j], -j))
    out: list[Optional[GeoPlace]] = [None] * len(mentions)
    lone = _lone_villages(keys, cands, chosen, w)
    for k in keys:
        if k in lone:
            continue
        for i in groups[k]:
            out[i] = cands[k][chosen[k]].place
    return out


def _lone_villages(keys, cands, chosen, w) -> set:
    """Names resolved to a small town of a country no other name of the document lies in, while
    the others agree on a country: a namesake far from the story (an airport, a hotel, a park the
    gazetteer lacks, "Heathrow" in a London story is not Heathrow, Florida). Left unresolved."""
    cfg = w.get("lone_village")
    if not cfg:
        return set()
    picked = {k: cands[k][chosen[k]].place for k in keys}
    out = set()
    for k, p in picked.items():
        if p.feature != "city" or p.pop >= cfg["max_population"]:
            continue
        others = [q.cc for k2, q in picked.items() if k2 != k and q.cc]
        if len(others) < cfg["min_others"] or p.cc in others:
            continue
        out.add(k)
    return out


def qualify(text: str, mentions: list[Mention], gaz: Gazetteer) -> None:
    """Link "X, Y" pairs: Y (the next mention, or a state abbreviation) qualifies X."""
    abbrev = state_abbreviations()
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    for n, i in enumerate(order):
        m = mentions[i]
        if _LISTED_DIVISION.match(text, m.end, min(len(text), m.end + 200)):
            m.designated = True
        rest = text[m.end:m.end + 12]
        if not rest.startswith(","):
            continue
        gap = len(rest) - len(rest[1:].lstrip()) 
        nxt = order[n + 1] if n + 1 < len(order) else None
        if nxt is not None and mentions[nxt].start == m.end + gap and mentions[nxt].demonym is None:
            m.qualifier = nxt
            continue
        after = rest[gap:]
        for ab, code in abbrev.items():
            if after.startswith(ab) and (len(after) == len(ab) or not after[len(ab)].isalpha()):
                m.qualifier_place = gaz.admin1.get(code)
                break
