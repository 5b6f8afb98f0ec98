"""Normalisation: a recognised candidate -> TIMEX3 type, value, mod and anchor.

Each rule kind of ``data/time/patterns.yaml`` has a normaliser in a module of its own; this
module maps kinds to them. A normaliser reads the candidate's named groups and an :class:`Env`
(publication date, governing tense, the timexes resolved so far for discourse anchoring) and
returns a :class:`Resolved`, or None when the match is not a time expression after all ("may"
the verb, "the fall in prices").

Conventions (news, TimeML):
- relative expressions resolve against the publication date (``anchor="published"``); with no
  publication date their value is None, never guessed from today;
- a weekday or a bare month in past tense is the latest one on or before publication, in
  future tense the next one on or after it, otherwise the nearest (weekday) or the latest
  (month, season);
- "two days before that", "a year earlier", "the next day", "that year" resolve from the
  nearest preceding calendar date in the discourse (``anchor`` = that timex's index);
- impossible dates and absurd years give value None.

Modules: ``resolution`` (Env, Prior, Resolved), ``reading`` (group helpers), ``direction``
(tense -> which period), ``dates`` (month-day, month, weekday), ``deictic`` (today, this
morning), ``relative_units`` (last week, the next day), ``offsets`` (two days ago, a week
later), ``holidays``, ``clock``, ``quarters``, ``years`` (years, decades, centuries),
``seasons``, ``durations``, ``refs_sets`` (PRESENT_REF..., SETs).
"""
from __future__ import annotations

from typing import Callable, Optional

from tocsin.extract.time.clock import norm_clock
from tocsin.extract.time.dates import norm_date
from tocsin.extract.time.deictic import norm_deictic
from tocsin.extract.time.durations import duration_value, norm_duration
from tocsin.extract.time.grammar import Candidate
from tocsin.extract.time.holidays import norm_holiday
from tocsin.extract.time.offsets import norm_offset
from tocsin.extract.time.quarters import norm_quarter
from tocsin.extract.time.refs_sets import norm_ref, norm_set
from tocsin.extract.time.relative_units import norm_rel_unit
from tocsin.extract.time.resolution import PUBLISHED, Env, Prior, Resolved
from tocsin.extract.time.seasons import norm_season
from tocsin.extract.time.years import norm_century, norm_decade, norm_year

NORMALISERS: dict[str, Callable[[Candidate, Env], Optional[Resolved]]] = {
    "date": norm_date,
    "deictic": norm_deictic,
    "holiday": norm_holiday,
    "clock": norm_clock,
    "quarter": norm_quarter,
    "year": norm_year,
    "decade": norm_decade,
    "century": norm_century,
    "season": norm_season,
    "duration": norm_duration,
    "offset": norm_offset,
    "rel_unit": norm_rel_unit,
    "ref": norm_ref,
    "set": norm_set,
}


def normalise(c: Candidate, env: Env) -> Optional[Resolved]:
    fn = NORMALISERS.get(c.kind)
    return fn(c, env) if fn else None


__all__ = ["NORMALISERS", "normalise", "PUBLISHED", "Env", "Prior", "Resolved", "duration_value"]
