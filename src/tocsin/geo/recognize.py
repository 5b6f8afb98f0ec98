"""Toponym recognition over a parsed document: spaCy GPE/LOC/FAC entities, prominent gazetteer
names spaCy missed, state abbreviations after "Town, ", demonyms ("Iraqi": country evidence, not
places), sites located by "in/near/at X" ("the U.S. embassy in Baghdad") and metonymy ("Washington
said"). Settings in ``tocsin/data/geo/recognition.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from tocsin.data_files import load_yaml
from tocsin.geo.gazetteer import Gazetteer, GeoPlace
from tocsin.geo.resolve import state_abbreviations

_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:['’]s|['’])$")


@dataclass
class Found:
    start: int
    end: int
    kind: str  # "toponym", "demonym", "site"
    country: Optional[GeoPlace] = None  # demonyms: the country they point to
    metonymy: bool = False
    anchor: Optional[tuple[int, int]] = None  # sites: the toponym span that locates them
    adjectival: bool = True  # demonyms: "Iraqi soldiers" (True) vs "the Iraqis" (False)


@lru_cache(maxsize=1)
def settings() -> dict:
    cfg = dict(load_yaml("geo/recognition.yaml"))
    for k in ("not_toponyms",):
        cfg[k] = frozenset(cfg[k])
    for k in ("retag_labels", "retag_city_labels", "institution_words", "designators", "road_leading_words",
              "directions"):
        cfg[k] = frozenset(cfg[k])
    cfg["local_labels"] = frozenset(cfg.get("local_labels", ()))
    for k in ("plural_designators", "resident_nouns", "person_titles", "place_preps", "not_place_heads"):
        cfg[k] = frozenset(cfg.get(k, ()))
    for k in ("site_heads", "site_preps", "metonymy_verbs", "entity_labels", "demonym_labels",
              "unknown_word_labels", "locative_preps"):
        cfg[k] = frozenset(cfg[k])
    return cfg


def _prominent(gaz: Gazetteer, text: str, features, min_pop: int) -> bool:
    short_caps = len(text) <= 3 and text.isupper()
    for c in gaz.lookup(text):
        p = c.place
        if c.kind > 1 or (p.feature == "admin2" and c.kind > 0):  # "Stevens" is not Stevens County
            continue
        if short_caps and c.kind == 0 and p.name != text:  # "BA" (British Airways) is not Ba, Fiji
            continue
        if p.feature in features or (p.feature == "city" and p.pop >= min_pop):
            return True
    return False


_STREET = re.compile(r"\b(?:Street|St\.|Road|Rd\.|Drive|Dr\.|Avenue|Ave\.|Boulevard|Blvd\.|Lane|Parkway|Pike|Highway|Court|Place|Way)$")
_ROAD_NUMBER = re.compile(r"\s+\d+[A-Z]?$")
_HIGHWAY = re.compile(r"^(?:U\.?S\.?|I|SR|Interstate|Highway|Route|State Route)\s*-?\s*\d", re.I)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    m = _ROAD_NUMBER.search(text[start:end])
    if m and m.start() > 0:
        end = start + m.start()
    s = text[start:end]
    m = _LEADING.match(s)
    if m:
        start += m.end()
    s = text[start:end]
    m = _TRAILING.search(s)
    if m:
        end -= len(m.group(0))
    while end > start and not text[end - 1].isalnum() and text[end - 1] != ".":
        end -= 1
    return start, end


def recognize(doc, text: str, gaz: Gazetteer, excluded=None, people=None) -> list[Found]:
    """Toponyms, demonyms and sites in ``doc`` (a spaCy Doc over ``text``), in text order.
    ``people``: :func:`person_words` of the doc when the caller has it already."""
    cfg = settings()
    out: list[Found] = []
    taken = [False] * len(doc)

    def skip(start: int, end: int) -> bool:
        return bool(excluded and excluded(start, end))

    def add(start, end, kind, tok_range, **kw):
        out.append(Found(start, end, kind, **kw))
        for i in range(*tok_range):
            taken[i] = True

    abbrev = state_abbreviations()
    if people is None:
        people = person_words(doc, gaz)
    surnames = {w for w in people if not _prominent(gaz, w, ("country",), 10**12)}

    def retag(span_text: str, label: str) -> bool:
        min_pop = cfg["retag_min_city_population"] if label in cfg["retag_city_labels"] else 10**12
        bare = not any(w.lower() in cfg["designators"] or w == "Co." for w in span_text.split())
        feats = cfg["retag_bare_features"] if bare else cfg["retag_features"]
        return (span_text not in cfg["not_toponyms"] and span_text not in surnames
                and _prominent(gaz, span_text, feats, min_pop))

    def embedded_place(span_text: str) -> bool:
        return (span_text not in cfg["not_toponyms"] and span_text not in surnames
                and _prominent(gaz, span_text, cfg["retag_features"], cfg["embedded_min_city_population"]))

    for ent in doc.ents:
        s, e = _trim(text, ent.start_char, ent.end_char)
        if e <= s or skip(s, e) or _HIGHWAY.match(text[ent.start_char:ent.end_char]):
            continue
        if text[e:e + 1] == "." and text[s:e + 1] in abbrev:  # "W.Va" + "."
            e += 1
        span_text = text[s:e]
        wider = _completed_on_the_right(doc, ent, s, text, gaz, cfg, taken)
        if wider is not None:  # "the West" (an actor) + "Bank"
            add(s, wider[0], "toponym", (ent.start, wider[1]))
            continue
        head = _place_prefix(ent, gaz, cfg)
        if head is not None and head.text not in surnames and not skip(head.start_char, head.end_char):
            # "the Guernsey County Common Pleas Court", "Alachua County Sheriff", "Fargo City
            # Commissioner": the place that opens an institution's name, whatever the label
            add(head.start_char, head.end_char, "toponym", (ent.start, ent.end))
        elif ent.label_ in cfg["entity_labels"]:
            dem = gaz.demonym(span_text)
            if dem is not None and not _prominent(gaz, span_text, ("country", "admin1", "region"), 10**12):
                add(s, e, "demonym", (ent.start, ent.end), country=dem)
            elif (sep := next((x for x in (", ", "-") if x in span_text
                               and all(gaz.lookup(p) for p in span_text.split(x))), None)):
                off = s  # "Kirkuk, Iraq" as one entity; "U.S.-Iran"
                for part in span_text.split(sep):
                    add(off, off + len(part), "toponym", (ent.start, ent.end))
                    off += len(part) + len(sep)
            elif ent.label_ == "FAC" and _STREET.search(span_text):
                add(s, e, "toponym", (ent.start, ent.end))  # streets are toponyms (unresolved)
            elif (span_text in surnames or span_text in cfg["not_toponyms"] or not span_text[:1].isupper()
                  or (ent.label_ == "FAC" and not gaz.lookup(span_text))):
                for i in range(ent.start, ent.end):
                    taken[i] = True
            elif _speaks(ent, cfg) and not _prominent(gaz, span_text, ("country", "admin1", "region"),
                                                      cfg["phrase_min_city_population"]):
                # "Petrova said": a person; a government speaking is a country or a big city
                for i in range(ent.start, ent.end):
                    taken[i] = True
            elif (ent.label_ in cfg["unknown_word_labels"] and len(ent) == 1 and not gaz.lookup(span_text)
                  and not _locative(ent, text, abbrev, gaz, cfg)):
                # one unknown word the small model calls a place ("Saakashvili", "Pawlenty"), in no
                # locative use: not a toponym
                for i in range(ent.start, ent.end):
                    taken[i] = True
            else:
                if s == ent.start_char and ent.start > 0:  # "New" + "London", "Mount" + "Washington"
                    prev = doc[ent.start - 1]
                    wider = text[prev.idx:e]
                    if (prev.text[:1].isupper() and not taken[prev.i] and prev.text not in surnames
                            and prev.text not in cfg["road_leading_words"]
                            and any(c.kind == 0 for c in gaz.lookup(wider))):
                        s = prev.idx
                        taken[prev.i] = True
                add(s, e, "toponym", (ent.start, ent.end))
        elif ent.label_ in cfg["demonym_labels"] and gaz.demonym(span_text) is not None:
            add(s, e, "demonym", (ent.start, ent.end), country=gaz.demonym(span_text),
                adjectival=not span_text.endswith("s") and _modifies(ent))
        elif ent.label_ in cfg["retag_labels"] and retag(span_text, ent.label_):
            add(s, e, "toponym", (ent.start, ent.end))
        elif ent.label_ in cfg["embedding_labels"] and len(ent) > 1:
            # "West Virginia University", "Alexandria Police Department", "University of Texas"
            inner = _embedded(ent, embedded_place) or _inner_state(ent, gaz, cfg)
            first = ent[1] if ent[0].lower_ == "the" and len(ent) > 2 else ent[0]
            if inner is not None:
                add(inner.start_char, inner.end_char, "toponym", (ent.start, ent.end))
            elif (gaz.demonym(first.text) is not None and not first.text.endswith("s")
                  and gaz.demonym(first.text).feature == "country"):
                # "the Russian Foreign Ministry", "the American Legion": the country's adjective
                add(first.idx, first.idx + len(first), "demonym", (ent.start, ent.end),
                    country=gaz.demonym(first.text))
            else:
                for i in range(ent.start, ent.end):
                    taken[i] = True
        else:
            for i in range(ent.start, ent.end):
                taken[i] = True

    # capitalised phrases spaCy left alone that name prominent places
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if taken[i] or not tok.text[:1].isupper() or tok.pos_ not in ("PROPN", "ADJ", "NOUN", ""):
            i += 1
            continue
        hit = None
        for j in range(min(n, i + 4), i, -1):
            if any(taken[k] for k in range(i, j)):
                continue
            span = doc[i:j]
            if not all(t.text[:1].isupper() or t.text in ("of", "and") for t in span):
                continue
            st = span.text
            if st in cfg["not_toponyms"] or skip(span.start_char, span.end_char):
                continue
            dem = gaz.demonym(st)
            if dem is not None and j == i + 1:
                hit = ("demonym", span, dem)
                break
            if _prominent(gaz, st, cfg["phrase_features"], cfg["phrase_min_city_population"]):
                hit = ("toponym", span, None)
                break
        if hit and hit[0] == "toponym" and i > 0:
            # "West" (mis-tagged ORG) + "Virginia": a prominent name one capitalised word longer
            left = doc[i - 1:hit[1].end]
            if (left[0].text[:1].isupper() and not any(o.start < left.end_char and left.start_char < o.end for o in out)
                    and (left[0].lower_ in cfg["directions"] and any(c.kind == 0 for c in gaz.lookup(left.text))
                         or _prominent(gaz, left.text, ("country", "admin1"), 10**12))):
                hit = ("toponym", left, None)
        if hit:
            kind, span, dem = hit
            if kind == "demonym":
                add(span.start_char, span.end_char, kind, (span.start, span.end), country=dem,
                    adjectival=not span.text.endswith("s"))
            else:
                add(span.start_char, span.end_char, kind, (span.start, span.end))
            i = span.end
        else:
            i += 1

    for a, b in _hometowns(text, gaz):  # "Sen. Robert Ford, D-Charleston"
        if not skip(a, b) and not any(o.start < b and a < o.end for o in out):
            out.append(Found(a, b, "toponym"))
    for a, b in _datelines(text, gaz):  # "SOUTH CHARLESTON, W.Va. --": wins over the names inside
        if not skip(a, b):
            out = [f for f in out if not (f.start < b and a < f.end)]
            out.append(Found(a, b, "toponym"))
    # "Alexandria, La.": the abbreviation is a toponym too
    for f in list(out):
        if f.kind != "toponym":
            continue
        rest = text[f.end:f.end + 10]
        if not rest.startswith(", "):
            continue
        for ab in abbrev:
            if rest[2:].startswith(ab):
                s = f.end + 2
                if not any(o.start < s + len(ab) and s < o.end for o in out):
                    out.append(Found(s, s + len(ab), "toponym"))
                break

    cued = _cued_names(doc, gaz, cfg, skip, surnames) + _region_names(text, cfg, skip)
    if cued:  # the context's reading wins over whatever the entities gave there
        out = [f for f in out if not any(c.start < f.end and f.start < c.end for c in cued)]
        out.extend(cued)
    out = [f for f in out if f.kind != "toponym" or not _spurious(text, f, gaz, cfg)]
    # "Native American", "North American", "African-American": a people or a continent, no country
    lead = re.compile(r"(?:^|[^\w])(?:" + "|".join(map(re.escape, cfg.get("demonym_compound_words", ()))) + r")[ -]$")
    out = [f for f in out if f.kind != "demonym" or not lead.search(text[max(0, f.start - 12):f.start])]
    roads = _roads(text, cfg, skip)
    if roads:  # a street or numbered road wins over the names inside it ("Clinton Street")
        out = [f for f in out if f.kind != "toponym" or not any(r.start < f.end and f.start < r.end for r in roads)]
        out.extend(r for r in roads if r.kind == "toponym")
    out.sort(key=lambda f: (f.start, f.end))
    _mark_metonymy(doc, out, cfg)
    out.extend(_sites(doc, out, cfg, skip))
    out.sort(key=lambda f: (f.start, f.end))
    return out


def _name_runs_before(doc, k: int, max_len: int = 3):
    """Capitalised runs (up to ``max_len`` words) of a coordinated list ending just before token
    ``k``: "Barrow, Jackson and Madison" -> [Madison, Jackson, Barrow] (right to left)."""
    runs, j = [], k
    while j > 0:
        end = j
        while j > 0 and end - j < max_len and doc[j - 1].text[:1].isupper() and doc[j - 1].is_alpha:
            j -= 1
        if j == end:
            break
        runs.append(doc[j:end])
        if j >= 2 and doc[j - 1].lower_ in ("and", "or") and doc[j - 2].text == ",":
            j -= 2
        elif j >= 1 and (doc[j - 1].lower_ in ("and", "or") or doc[j - 1].text == ","):
            j -= 1
        else:
            break
    return runs


def _cued_names(doc, gaz: Gazetteer, cfg: dict, skip, surnames) -> list[Found]:
    """Names the words around them make places, whatever spaCy's label: each name of a list closed
    by a lower-case plural designator ("Walton and Oconee counties"), and a name the gazetteer
    knows before a noun of residents or local services ("a Meadow Grove man", "Grovetown police")."""
    out = []
    for i in _tokens_spelled(doc, cfg["plural_designators"] | cfg["resident_nouns"]):
        tok = doc[i]
        if not tok.text.islower():
            continue
        if tok.text in cfg["plural_designators"]:
            runs = _name_runs_before(doc, tok.i)
            if len(runs) < 2:
                continue
            for span in runs:
                if span[0].lower_ == "the":
                    span = span[1:]
                if (len(span) and all(t.pos_ in ("PROPN", "NOUN") for t in span)
                        and gaz.demonym(span.text) is None and not skip(span.start_char, span.end_char)):
                    out.append(Found(span.start_char, span.end_char, "toponym"))
        elif tok.text in cfg["resident_nouns"] and tok.i > 0:
            runs = _name_runs_before(doc, tok.i)
            if not runs:
                continue
            span = runs[0]
            while len(span) and span[0].text in cfg["road_leading_words"]:
                span = span[1:]
            if not len(span) or span.start < tok.i - 3 or span.end != tok.i:
                continue
            st = span.text
            if (st in surnames or st in cfg["not_toponyms"] or gaz.demonym(st) is not None
                    or skip(span.start_char, span.end_char) or _in_longer_name(doc, span)
                    or not all(t.pos_ == "PROPN" for t in span)):
                continue
            if any(c.kind == 0 and c.place.feature in ("city", "admin2", "admin1", "country")
                   for c in gaz.lookup(st)):
                out.append(Found(span.start_char, span.end_char, "toponym"))
    return out


def _tokens_spelled(doc, words: frozenset) -> list[int]:
    """Indices of the tokens whose text is one of ``words``, in order, from the token hashes
    (no Token object per token)."""
    if not len(doc) or not words:
        return []
    import numpy
    from spacy.attrs import ORTH
    from spacy.strings import get_string_id

    keys = numpy.fromiter((get_string_id(w) for w in words), dtype=numpy.uint64)
    return numpy.nonzero(numpy.isin(doc.to_array(ORTH), keys))[0].tolist()


def _locative(span, text: str, abbrev, gaz, cfg) -> bool:
    """The span reads as a place: the object of "in/near/at/from..." or qualified ("X, Ill.",
    "X, Texas")."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in cfg["locative_preps"]:
        return True
    rest = text[span.end_char:span.end_char + 20]
    if rest.startswith(", "):
        after = rest[2:]
        if any(after.startswith(ab) for ab in abbrev):
            return True
        word = after.split(",")[0].split(" ")[0]
        return any(c.place.feature in ("country", "admin1") for c in gaz.lookup(word))
    return False


@lru_cache(maxsize=1)
def _road_patterns():
    cfg = settings()
    word = r"(?:\d+(?:st|nd|rd|th)|[NSEW]\.|[A-Z][\w'’-]*)"  # "E. Broad St.", not "Marvin F. Lane"
    kinds = "|".join(re.escape(k) for k in cfg["street_kinds"])
    # not "Highway Patrol", "Street Journal": a street kind closes the name
    street = re.compile(rf"\b{word}(?:[ \t]+{word}){{0,3}}[ \t]+(?:{kinds})(?![\w])(?![ \t]+[A-Z][a-z])")
    prefixes = "|".join(re.escape(k) for k in cfg["road_prefixes"])
    numbered = re.compile(rf"\b(?:{prefixes})[ \t]?-?[ \t]?\d+[A-Z]?\b")
    return street, numbered, frozenset(cfg["road_leading_words"])


def _roads(text: str, cfg: dict, skip) -> list[Found]:
    """Streets ("Van Dorn Street", "E. Broad St.") and numbered roads ("Highway 19", "Interstate
    45", "County Road 109"): toponyms the gazetteer cannot resolve. Word lists in the settings."""
    street, numbered, leading = _road_patterns()
    spans = []
    for pat in (numbered, street):
        for m in pat.finditer(text):
            a, b = m.start(), m.end()
            words = text[a:b].split()
            while len(words) > 2 and words[0] in leading:  # "The Main Street", "On Elm Street"
                a = text.index(words[1], a + len(words[0]))
                words = words[1:]
            if words[0] in leading or skip(a, b) or any(x < b and a < y for x, y, _ in spans):
                continue
            spans.append((a, b, "road" if pat is numbered else "toponym"))
    # a numbered road named by its state ("KY 52", "US-24") is a toponym; one named by a number
    # alone ("Highway 19", "I-95") hides the names inside it but is no toponym
    for m in _STATE_ROAD.finditer(text):
        a, b = m.start(), m.end()
        if not skip(a, b):
            spans = [x for x in spans if not (x[0] < b and a < x[1])]
            spans.append((a, b, "toponym"))
    return [Found(a, b, kind) for a, b, kind in sorted(spans)]


_STATE_ROAD = re.compile(r"(?<![\w.-])(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|"
                         r"O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[TA]|W[AVIY]|US)(?: |-)\d{1,4}\b(?![.,]\d)")


_DATELINE = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})(?=,\s|:\s|\s+\(|\s+[-—–])")


_DATELINE_QUALIFIER = re.compile(r",\s([A-Z][a-z]+(?: [A-Z][a-z]+){0,2})(?=\s*[(\-—–:,])")


def _datelines(text: str, gaz: Gazetteer) -> list[tuple[int, int]]:
    """A dateline's place in capitals ("BEIRUT (AP) --", "BEIRUT:", "SOUTH CHARLESTON, W.Va. --") opening the
    text or a sentence, when the gazetteer knows it by its own name."""
    out = []
    for m in _DATELINE.finditer(text):
        name = m.group(1).rstrip(".")
        if len(name) >= 3 and any(c.kind == 0 and c.place.feature in ("city", "admin2", "admin1", "country")
                                  for c in gaz.lookup(name)):
            out.append((m.start(1), m.start(1) + len(name)))
            # "KIRKUK, Iraq (Tigris Wire) —": the country or state that qualifies it
            q = _DATELINE_QUALIFIER.match(text, m.start(1) + len(name))
            if q and any(c.kind < 2 and c.place.feature in ("country", "admin1") for c in gaz.lookup(q.group(1))):
                out.append((q.start(1), q.end(1)))
    return out


_HOMETOWN = re.compile(r"(?<![\w-])[DRI]-([A-Z][a-z]+(?: [A-Z][a-z]+)?)")


def _hometowns(text: str, gaz: Gazetteer) -> list[tuple[int, int]]:
    """The home town of a US legislator as the press writes it after the party ("D-Charleston",
    "R-Marshall"), when the gazetteer knows a town or county of that name."""
    out = []
    for m in _HOMETOWN.finditer(text):
        name = m.group(1)
        for cand in (name, name.split(" ")[0]):
            if any(c.kind == 0 and c.place.feature in ("city", "admin2") for c in gaz.lookup(cand)):
                out.append((m.start(1), m.start(1) + len(cand)))
                break
    return out


def _place_prefix(ent, gaz: Gazetteer, cfg: dict):
    """The leading words of an entity that name a county, state, country or a town of some size
    (own name) when an institution word follows them ("Athens Parks and Recreation", "Henderson
    County Jail"). Smaller towns are left to :func:`local_names`, which knows the article's states."""
    first = 1 if ent[0].lower_ == "the" else 0
    if not any(t.lower_ in cfg["institution_words"] for t in ent[first + 1:]):
        return None  # no institution word for a place to open (most entities): nothing below can match
    starts = [first]
    if first < len(ent) - 2 and ent[first].lower_ in cfg["directions"]:
        starts.append(first + 1)  # "Northeast Georgia Medical Center": the state, unless "East Bank" is one
    for start in starts:
        for j in range(min(len(ent) - 1, start + 4), start, -1):
            span = ent[start:j]
            nxt = ent[j]
            after = ent[j + 1] if j + 1 < len(ent) else None
            # a designator next is part of the name ("Henderson County") unless an institution
            # follows it ("Wyandotte County District Court", "Springfield City Schools")
            if (nxt.lower_ not in cfg["institution_words"]
                    or (nxt.lower_ in cfg["designators"] and (
                        after is None or after.lower_ not in cfg["institution_words"] or after.lower_ in cfg["designators"]))
                    or not span[-1].text[:1].isupper()
                    or span.text in cfg["not_toponyms"]):
                continue
            if any(c.kind == 0 and (c.place.feature in ("admin2", "admin1", "country") or (
                    c.place.feature == "city" and c.place.pop >= cfg["retag_min_city_population"]))
                   for c in gaz.lookup(span.text)):
                return span
        if start == first and any(c.kind == 0 for c in gaz.lookup(ent[first:first + 2].text)):
            return None  # "North Las Vegas Police": a place of its own name, left to the other passes
    return None


def _opens_or_closes(ent, span) -> bool:
    """The span opens an organisation's or facility's name ("Harwinton Senior Center", "the
    Edwardsville City Council") or closes it after "of"/"in" ("First Bank of Princeton")."""
    first = ent.start + (1 if ent[0].lower_ == "the" else 0)
    if span.start == first and span.end < ent.end:
        return True
    return span.end == ent.end and span.start > ent.start and ent.doc[span.start - 1].lower_ in ("of", "in")


def _in_longer_name(doc, span) -> bool:
    """The span closes a longer proper name ("Taco Bell", "Billy Graham", "Bill M. Harris"); a
    name the span opens is fine ("East Bank Mayor", "Licking County Prosecutor")."""
    if span.start == 0 or span[0].is_sent_start:
        return False
    before = doc[span.start - 1]
    return before.pos_ == "PROPN" and before.text[:1].isupper()


def _completed_on_the_right(doc, ent, s: int, text: str, gaz: Gazetteer, cfg: dict, taken):
    """(end char, end token) of a prominent place's name that an entity opens and one or two
    capitalised words outside any entity close ("the West" + "Bank", "Middle" + "East")."""
    if ent.end >= len(doc) or not doc[ent.end].text[:1].isupper():
        return None  # the next word must be capitalised whatever the length
    for k in (2, 1):
        j = ent.end + k
        if j > len(doc):
            continue
        rest = doc[ent.end:j]
        if not all(t.text[:1].isupper() and t.is_alpha and t.ent_iob_ == "O" and not taken[t.i]
                   and t.lower_ not in cfg["designators"] for t in rest):
            continue
        end = rest[-1].idx + len(rest[-1])
        name = text[s:end]
        if name not in cfg["not_toponyms"] and _prominent(gaz, name, ("country", "admin1", "region"), 100000):
            return end, j
    return None


def _region_names(text: str, cfg: dict, skip) -> list[Found]:
    """Regions the gazetteer lacks or holds as something else, toponyms whatever the entity label
    ("the Middle East", "the Caucasus"): the list in the settings."""
    names = cfg.get("region_names") or ()
    if not names:
        return []
    pat = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?![\w-])")
    return [Found(m.start(), m.end(), "toponym") for m in pat.finditer(text) if not skip(m.start(), m.end())]


def _spurious(text: str, f: Found, gaz: Gazetteer, cfg: dict) -> bool:
    """Not a toponym after all: a two-letter state code outside a "Town, ST" qualifier ("KY 52" is
    a road, "the PA" an authority); a name the gazetteer lacks whose last word names no place
    ("United Way", "Webb Center", "St. Patrick's Day")."""
    name = text[f.start:f.end]
    if re.fullmatch(r"[A-Z]{2}", name):
        return text[max(0, f.start - 2):f.start] != ", " and not any(
            c.place.feature == "country" for c in gaz.lookup(name))
    last = re.sub(r"['’]s$", "", name.split()[-1])
    return last in cfg["not_place_heads"] and not gaz.lookup(name)


def _inner_state(ent, gaz: Gazetteer, cfg: dict):
    """A country or state inside an organisation's name after a compass word or "of" ("Western
    Pennsylvania Kennel Association", "University of Kentucky College of Law")."""
    for i in range(ent.start, ent.end):
        for j in range(min(ent.end, i + 3), i, -1):
            span = ent.doc[i:j]
            if not all(t.text[:1].isupper() and t.is_alpha for t in span):
                continue
            if span.text in cfg["not_toponyms"] or gaz.demonym(span.text) is not None:
                continue
            prev = ent.doc[i - 1].lower_ if i > ent.start else ""
            if (j < ent.end and (prev == "of" or prev in cfg["directions"])
                    and _prominent(gaz, span.text, ("country", "admin1"), 10**12)):
                return span
    return None


def _modifies(span) -> bool:
    """A demonym used as an adjective ("Egyptian officials", "the Russian-led force"), not as a
    noun: a language ("learned English", "spoke French") or a person ("French said")."""
    root = span.root
    return root.dep_ in ("amod", "compound", "nmod", "npadvmod", "punct") or root.dep_ == "conj" and root.head.dep_ in ("amod", "compound", "nmod")


def _speaks(span, cfg) -> bool:
    """The span is the subject of a speech verb ("Nelson said"): a person, not a small town."""
    root = span.root
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in cfg["metonymy_verbs"]


@lru_cache(maxsize=1)
def _first_names() -> frozenset:
    names = load_yaml("actors/names.yaml")
    return frozenset(n for v in names.values() if isinstance(v, list) for n in v)


def person_words(doc, gaz: Optional[Gazetteer] = None) -> set[str]:
    """Words that name a person somewhere in the article, one sense for the whole article: words of
    multi-word person names ("Bell" of "Michael Bell"), a word after a title ("Officer Bell"), a
    first name and the capitalised word after it ("Nadia Moayyad"), and, unless a country, state
    or big city, the subject of a speech verb ("Harris said")."""
    cfg = settings()
    out = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            # words before an institution word are its place ("Alexandria Police Spokeswoman Ann Lee")
            inst = max((t.i for t in ent if t.lower_ in cfg["institution_words"]), default=ent.start - 1)
            out.update(t.text for t in ent if t.i > inst)
    first = _first_names()
    toks = list(doc)  # one Token object per token for the three passes below
    texts = [t.text for t in toks]
    n = len(toks)
    for i in range(1, n):
        tok, text = toks[i], texts[i]
        if not (text[:1].isupper() and tok.is_alpha and tok.pos_ == "PROPN"):
            continue
        if (text in cfg["designators"] or tok.lower_ in cfg["institution_words"] or gaz is not None
                and _prominent(gaz, text, ("country", "admin1", "region"), 100000)):
            continue  # "Mr. Arlington", "St. Joseph London": still the place
        prev, prev_text = toks[i - 1], texts[i - 1]
        if prev_text in cfg["person_titles"]:
            out.add(text)
        elif (re.fullmatch(r"[A-Z]\.", prev_text) and i >= 2 and toks[i - 2].is_alpha
              and texts[i - 2][:1].isupper()):
            out.add(text)  # "Tyrise M. Bell"
        elif prev_text in first and prev.pos_ == "PROPN" and tok.whitespace_ is not None:
            out.add(text)
            if gaz is None or not _prominent(gaz, prev_text, ("country", "admin1", "region"), 15000):
                out.add(prev_text)
    if gaz is not None:
        for i, tok in enumerate(toks):
            if (tok.dep_ == "nsubj" and tok.pos_ == "PROPN" and texts[i][:1].isupper()
                    and tok.head.lemma_.lower() in ("say", "tell", "add", "explain", "note")
                    and (i == 0 or not texts[i - 1][:1].isupper())
                    and (i + 1 >= n or not texts[i + 1][:1].isupper())
                    and not _prominent(gaz, texts[i], ("country", "admin1", "region"), 100000)):
                out.add(texts[i])
        # ... but a name the article also uses as a place it knows ("in Greer", "Greer, S.C.") is a
        # place throughout
        abbrev = state_abbreviations()
        longest = 2 + max(map(len, abbrev), default=0)

        def after(i: int) -> str:  # the doc's text right after token i (Doc.text joins every token)
            tail, k = toks[i].whitespace_, i + 1
            while len(tail) < longest and k < n:
                tail += toks[k].text_with_ws
                k += 1
            return tail

        for i, tok in enumerate(toks):
            if texts[i] in out and tok.pos_ == "PROPN" and (
                    tok.dep_ == "pobj" and tok.head.lower_ in cfg["place_preps"]
                    and (i + 1 >= n or not texts[i + 1][:1].isupper())
                    and (i == 0 or not texts[i - 1][:1].isupper())
                    or (tail := after(i))[:2] == ", "
                    and any(tail.startswith(ab, 2) for ab in abbrev)):
                if any(c.kind == 0 and c.place.feature in ("city", "admin2") for c in gaz.lookup(texts[i])):
                    out.discard(texts[i])
    return out


def _embedded(ent, is_place):
    """The place name that opens an organisation's name, or closes it after "of"."""
    first = 1 if ent[0].lower_ == "the" else 0
    for j in range(min(len(ent) - 1, first + 3), first, -1):
        span = ent[first:j]
        if span[-1].text[:1].isupper() and is_place(span.text):
            return span
    for i in range(len(ent) - 1, 0, -1):
        if ent[i - 1].lower_ == "of":
            span = ent[i:]
            if len(span) <= 3 and is_place(span.text):
                return span
            break
    return None


def _tokens(doc, f: Found):
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    return span


def _mark_metonymy(doc, found: list[Found], cfg: dict) -> None:
    """A toponym that is the subject of a speech/decision verb stands for its government."""
    for f in found:
        if f.kind != "toponym":
            continue
        span = _tokens(doc, f)
        if span is None:
            continue
        root = span.root
        if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in cfg["metonymy_verbs"]:
            f.metonymy = True


def _sites(doc, found: list[Found], cfg: dict, skip) -> list[Found]:
    """'the U.S. embassy in Baghdad' -> a site (the noun phrase) anchored to the toponym."""
    by_token = {}
    for f in found:
        if f.kind == "toponym" and not f.metonymy:
            span = _tokens(doc, f)
            if span is not None:
                by_token[span.root.i] = f
    out = []
    for tok_i, f in by_token.items():
        tok = doc[tok_i]
        prep = tok.head if tok.dep_ == "pobj" else None
        if prep is None or prep.lower_ not in cfg["site_preps"]:
            continue
        head = prep.head
        if head.pos_ not in ("NOUN", "PROPN") or head.lemma_.lower() not in cfg["site_heads"]:
            continue
        left = min([head.i] + [t.i for t in head.lefts if t.dep_ in ("compound", "amod", "nmod", "poss") or t.pos_ == "PROPN"])
        start, end = doc[left].idx, head.idx + len(head.text)
        if skip(start, end) or any(o.start < end and start < o.end and o.kind == "toponym" and o is not f
                                   and not (o.start >= start and o.end <= end) for o in found):
            continue
        out.append(Found(start, end, "site", anchor=(f.start, f.end)))
    return out


def local_names(doc, text: str, gaz: Gazetteer, found: list[Found], regions: set, excluded=None,
                people=None) -> list[Found]:
    """Second pass: proper names left unrecognised that are towns or counties of the states or
    provinces the article already names ("Moorhead" in an article about Minnesota).
    ``people`` as for :func:`recognize`."""
    cfg = settings()
    if not regions:
        return []
    busy = [False] * len(text)
    for f in found:
        for i in range(f.start, min(f.end, len(text))):
            busy[i] = True
    ent_of = {}
    for ent in doc.ents:
        for t in ent:
            ent_of[t.i] = ent
    surnames = person_words(doc, gaz) if people is None else people
    countries = {cc for cc, _ in regions}
    out = []
    toks = list(doc)  # one Token object per token, reused by the windows below
    i, n = 0, len(doc)
    while i < n:
        tok = toks[i]
        if not tok.text[:1].isupper() or busy[tok.idx] or (tok.pos_ and tok.pos_ != "PROPN"):
            i += 1
            continue
        hit = None
        for j in range(min(n, i + 3), i, -1):
            if any(busy[toks[k].idx] or not toks[k].text[:1].isupper() for k in range(i, j)):
                continue
            span = doc[i:j]
            ents = {ent_of.get(k) for k in range(i, j)}
            if len(ents) != 1:
                continue
            ent = next(iter(ents))
            if ent is not None and not (
                    (ent.label_ in cfg["local_labels"] and (ent.start, ent.end) == (span.start, span.end))
                    or (ent.label_ in cfg["embedding_labels"] and _opens_or_closes(ent, span)
                        and any(t.lower_ in cfg["institution_words"] for t in ent))):
                continue
            st = span.text
            if (st in surnames or st in cfg["not_toponyms"] or (excluded and excluded(span.start_char, span.end_char))
                    or _in_longer_name(doc, span) or _speaks(span, cfg)):
                continue
            whole_org = ent is not None and ent.label_ not in cfg["retag_city_labels"] and (ent.start, ent.end) == (span.start, span.end)
            # "drove to Lanexa", "lives in Tega Cay": the lone object of a place preposition
            placed = (span.root.dep_ == "pobj" and span.root.head.lower_ in cfg["place_preps"]
                      and span.start > 0 and doc[span.start - 1].i == span.root.head.i
                      and (span.end >= n or not doc[span.end].text[:1].isupper()))
            if any(c.kind == 0 and c.place.feature in ("city", "admin2") and ((c.place.cc, c.place.admin1) in regions or (
                       placed and c.place.feature == "city" and c.place.cc in countries) or (
                       # a town named alone as an ORG ("Watertown"): of a country the article is in
                       whole_org and c.place.feature == "city" and c.place.cc in countries
                       and c.place.pop >= cfg["retag_min_city_population"]))
                   for c in gaz.lookup(st)):
                hit = span
                break
        if hit is not None:
            out.append(Found(hit.start_char, hit.end_char, "toponym"))
            i = hit.end
        else:
            i += 1
    return out
