"""Evidence of an event: the stretches of the article text that say it (trigger, actors,
recipients, date, place, counts, other mentions) and the sentence that carries it."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

# A sentence ends at . ! or ? (closing quotes/brackets may follow) before whitespace and a capital,
# digit or opening quote, unless the word before the stop looks like an abbreviation (U.S., Sen.).
_STOP = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[A-Z0-9])")
_ABBREV = re.compile(r"(?:\b[A-Za-z]\.)+$|\b[A-Z][a-z]{0,2}\.$")
_PARA = re.compile(r"\n\s*\n")
_DIGITS = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?![\w])|(?<![\w.])\d+(?![\w])")
_WORD = re.compile(r"[A-Za-z]+")


def _boundaries(text: str) -> list[int]:
    cuts = {0, len(text)}
    for m in _STOP.finditer(text):
        if not _ABBREV.search(text[max(0, m.start() - 12): m.start() + 1]):
            cuts.add(m.end())
    for m in _PARA.finditer(text):
        cuts.add(m.start())
        cuts.add(m.end())
    return sorted(cuts)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``(s, e)`` of the sentence holding ``text[start:end]``, surrounding blanks trimmed."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    cuts = _boundaries(text)
    s = max((c for c in cuts if c <= start), default=0)
    e = min((c for c in cuts if c >= max(end, start + 1)), default=len(text))
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def sentence(text: str, event: dict) -> str:
    """The sentence that carries the event's trigger, on one line."""
    trig = event.get("trigger") or {}
    if not _valid(text, trig.get("start"), trig.get("end")):
        return ""
    s, e = sentence_bounds(text, trig["start"], trig["end"])
    return " ".join(text[s:e].split())


@lru_cache(maxsize=1)
def _number_words() -> dict[str, int]:
    """Number words from the events knowledge file, when it is there (digits work without it)."""
    try:
        from tocsin.data_files import load_yaml

        data = load_yaml("events/numbers.yaml") or {}
        units = data.get("units", {}) if isinstance(data, dict) else {}
        return {str(k).lower(): int(v) for k, v in units.items() if isinstance(v, int)}
    except Exception:  # the file is optional here: a missing or odd file means digits only
        return {}


def count_span(text: str, value: int, near: int, within: tuple[int, int]) -> Optional[tuple[int, int]]:
    """Where the text gives the number ``value`` inside ``within``, nearest to offset ``near``."""
    s, e = within
    found: list[tuple[int, int]] = []
    for m in _DIGITS.finditer(text, s, e):
        if int(m.group().replace(",", "")) == value:
            found.append((m.start(), m.end()))
    words = _number_words()
    for m in _WORD.finditer(text, s, e):
        w = m.group().lower()
        if w in words and words[w] == value and w not in ("a", "an", "no"):
            found.append((m.start(), m.end()))
    if not found:
        return None
    return min(found, key=lambda se: abs(se[0] - near))


def _valid(text: str, start, end, expect: Optional[str] = None) -> bool:
    if not isinstance(start, int) or not isinstance(end, int) or not (0 <= start < end <= len(text)):
        return False
    return expect is None or text[start:end] == expect


def spans(text: str, event: dict, places: dict[str, dict]) -> list[dict]:
    """Every evidence span of ``event`` (a record event as a dict), checked against ``text``.

    Each is ``{role, start, end, text, label}``; role is one of trigger, actor, recipient, date,
    place, dead, injured, arrested, mention. Spans that do not match the text are left out."""
    out: list[dict] = []

    def add(role: str, start, end, expect: Optional[str] = None, label: Optional[str] = None) -> None:
        if _valid(text, start, end, expect):
            out.append({"role": role, "start": start, "end": end, "text": text[start:end], "label": label or role})

    trig = event.get("trigger") or {}
    add("trigger", trig.get("start"), trig.get("end"), trig.get("text"), event.get("type"))
    for role, key in (("actor", "actors"), ("recipient", "recipients")):
        for p in event.get(key) or []:
            add(role, p.get("start"), p.get("end"), p.get("text"), p.get("name"))
    date = event.get("date") or {}
    add("date", date.get("start"), date.get("end"), date.get("text"), date.get("value"))
    loc = event.get("location") or {}
    place = places.get(loc.get("place_id") or "")
    if place:
        add("place", place.get("start"), place.get("end"), place.get("text"), loc.get("name") or place.get("name"))
    if _valid(text, trig.get("start"), trig.get("end")):
        window = sentence_bounds(text, trig["start"], trig["end"])
        for role in ("dead", "injured", "arrested"):
            value = event.get(role)
            if isinstance(value, int):
                se = count_span(text, value, trig["start"], window)
                if se:
                    add(role, se[0], se[1], label=f"{role}: {value}")
    for m in event.get("mentions") or []:
        if (m.get("start"), m.get("end")) != (trig.get("start"), trig.get("end")):
            add("mention", m.get("start"), m.get("end"), label="same event")
    return out
