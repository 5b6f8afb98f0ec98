"""When two reported events are one incident: what contradicts it (:func:`contradiction`) and
how much agrees (:func:`agreement`), by the rules and weights of ``data/analyse/dedupe.yaml``."""
from __future__ import annotations

import math
import re
from datetime import timedelta
from functools import lru_cache
from typing import Optional

from tocsin.analyse.config import dedupe_config, types_config
from tocsin.analyse.observations import Observation
from tocsin.analyse.sides import ActorInfo

PRECISION_ORDER = ("site", "city", "admin2", "admin1", "country", "region", "water", "article")


def _stop() -> frozenset[str]:
    return frozenset(dedupe_config().name_stopwords)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(h)))


def _slack(o: Observation) -> int:
    return dedupe_config().date_slack_days.get(o.precision, 0) if o.dated else 0


def _tokens(name: str) -> set[str]:
    return {t for t in re.findall(r"[\w.'-]+", name.lower()) if t not in _stop() and len(t) > 1}


def _same_speaker(a: tuple[ActorInfo, ...], b: tuple[ActorInfo, ...]) -> bool:
    """Two statements have one speaker: a shared name word, or one side named only as a state."""
    if not a or not b:
        return True
    if any(p.code and p.country and p.code == p.country for p in a + b):
        return True  # "Iran warned" vs "Khamenei warned": the state speaks through its leader
    ta = set().union(*(_tokens(p.name) for p in a))
    tb = set().union(*(_tokens(p.name) for p in b))
    return bool(ta & tb)


@lru_cache(maxsize=65536)
def _surnames(parts: tuple[ActorInfo, ...]) -> frozenset[str]:
    return frozenset({p.name.split()[-1].lower() for p in parts if p.person and p.name.split()})


def _shared_identity(a: Observation, b: Observation) -> bool:
    """The same named person on the receiving end of an attack or arrest, or the same distinctive
    death toll."""
    cfg = dedupe_config()
    if a.type in cfg.identity_types and b.type in cfg.identity_types:
        if _surnames(a.recipients) & _surnames(b.recipients):
            return True
    return a.dead is not None and a.dead == b.dead and a.dead >= cfg.distinctive_count


@lru_cache(maxsize=65536)
def _trigger_words(trigger: str) -> frozenset[str]:
    words = set()
    for w in re.findall(r"[a-z]+", trigger.lower()):
        if len(w) > 2 and w not in _stop():
            words.add(w[:-1] if w.endswith("s") and len(w) > 4 else w)
    return frozenset(words)


def _km(a: Observation, b: Observation) -> Optional[float]:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def _place_limit(a: Observation, b: Observation) -> Optional[float]:
    """The distance beyond which the two places disagree, or None when either is too vague."""
    cfg = dedupe_config()
    la, lb = cfg.max_km.get(a.loc_precision or ""), cfg.max_km.get(b.loc_precision or "")
    if la is None or lb is None:
        return None
    return max(la, lb)


def _dyad_agrees(a: Observation, b: Observation) -> bool:
    return bool(a.actor_sides & b.actor_sides and a.recipient_sides & b.recipient_sides)


@lru_cache(maxsize=65536)
def _name_words(parts: tuple[ActorInfo, ...]) -> frozenset[str]:
    """Distinctive words of participants' names (no titles, function words or generic nouns)."""
    generic = frozenset(dedupe_config().participant_stopwords) | _stop()
    words = set()
    for p in parts:
        for t in re.findall(r"[\w.'-]+", p.name.lower()):
            t = t.strip(".'-")
            if len(t) > 2 and t not in generic and not t.isdigit():
                words.add(t)
    return frozenset(words)


def _same_place_and_words(a: Observation, b: Observation) -> bool:
    """A reference that names no participant at all ("the rocket attack near Kirkuk") has nothing
    to compare but its place, mode and wording: all three must agree."""
    if not dedupe_config().bare_reference_joins_on_place:
        return False
    bare = [o for o in (a, b) if not o.actors and not o.recipients]
    km = _km(a, b)
    return bool(bare) and km is not None and km <= dedupe_config().near_km and bool(
        a.mode and a.mode == b.mode and _trigger_words(a.trigger) & _trigger_words(b.trigger))


def _named_alike(a: Observation, b: Observation) -> bool:
    """Both reports name a participant in the same role with the same distinctive word ("Marines"
    and "Marines", "the Al-Asad base" and "Ain al-Asad air base"), whether or not the names
    resolve to a state."""
    return bool(_name_words(a.actors) & _name_words(b.actors)
                or _name_words(a.recipients) & _name_words(b.recipients))


def contradiction(a: Observation, b: Observation) -> Optional[str]:
    """Why two reported events cannot be one incident, or ``None``."""
    cfg, types = dedupe_config(), types_config()
    if a.article_id == b.article_id and not cfg.merge_within_article:
        return "one article reports each event once"
    if not types.compatible_types(a.type, b.type):
        return f"types {a.type} and {b.type} are not compatible"
    if a.lo and b.lo and a.hi and b.hi:
        # a dated report keeps its slack against an undated one too: the publication day is
        # in the outlet's time zone, the event's day in the place's
        s = max(_slack(a), _slack(b))
        if a.lo - timedelta(days=s) > b.hi or b.lo - timedelta(days=s) > a.hi:
            return "dates do not overlap"
    aa, ar, ba, br = a.actor_sides, a.recipient_sides, b.actor_sides, b.recipient_sides
    if aa and ba and not aa & ba:
        return "different actors"
    if ar and br and not ar & br:
        return "different recipients"
    both_a = aa & ar
    both_b = ba & br
    if (((aa - both_a) & (br - both_b) or (ar - both_a) & (ba - both_b)) and not (aa & ba or ar & br)
            and not _named_alike(a, b)):
        return "the dyad is reversed"
    if types.is_verbal(a.type) and types.is_verbal(b.type) and not _same_speaker(a.actors, b.actors):
        return "different speakers"
    km, limit = _km(a, b), _place_limit(a, b)
    if km is not None and limit is not None and not _shared_identity(a, b):
        if _dyad_agrees(a, b):
            limit = max(limit, cfg.max_km_same_dyad)
        if km > limit:
            return f"places {km:.0f} km apart"
    if km is None and a.country and b.country and a.country != b.country:
        if _place_limit(a, b) is not None:
            return f"countries {a.country} and {b.country}"
    return None


def agreement(a: Observation, b: Observation) -> float:
    """How much two (non-contradicting) reported events agree, beyond their type. An undated
    report agrees with nothing unless both sides of the dyad agree (``undated_needs_dyad``)."""
    cfg = dedupe_config()
    w = cfg.weights
    identity = _shared_identity(a, b)
    km = _km(a, b)
    if ((not a.dated or not b.dated) and cfg.undated_needs_dyad
            and not (_dyad_agrees(a, b) or identity or _named_alike(a, b) or _same_place_and_words(a, b))):
        return 0.0
    if not a.dated and not b.dated and not (identity or (km is not None and km <= cfg.near_km)):
        return 0.0  # two undated references meet through a dated report, not on their own
    score = 0.0
    if a.day and b.day and a.day == b.day:
        score += w.same_day
    elif a.dated and b.dated:
        score += w.overlapping_dates
    limit = _place_limit(a, b)
    if identity:
        score += w.shared_identity
    if km is not None and km <= cfg.near_km:
        score += w.near_place
    elif km is not None and limit is not None and km > limit:
        score += 0 if identity else w.far_place
    elif a.country and a.country == b.country:
        score += w.same_country
    if a.actor_sides & b.actor_sides or _name_words(a.actors) & _name_words(b.actors):
        score += w.actor_overlap
    if a.recipient_sides & b.recipient_sides or _name_words(a.recipients) & _name_words(b.recipients):
        score += w.recipient_overlap
    for f in ("dead", "injured", "arrested"):
        x, y = getattr(a, f), getattr(b, f)
        if x is not None and x == y and x > 0:
            score += w.same_count
        elif (x is not None and y is not None and a.modality == b.modality == "asserted"
              and max(x, y) > cfg.count_ratio * min(x, y) and abs(x - y) >= cfg.count_gap):
            score += w.different_count
    if _trigger_words(a.trigger) & _trigger_words(b.trigger):
        score += w.same_trigger
    if a.mode and a.mode == b.mode:
        score += w.same_mode
    return score


def type_score(a: Observation, b: Observation) -> float:
    w = dedupe_config().weights
    return w.same_type if a.type == b.type else w.compatible_type


