"""Analyses over stored records: cross-article incident dedupe, dyad timelines and escalation
alerts. Plain functions over records (or incidents already built), returning pydantic models:

- :func:`incidents` (records) -> list[:class:`Incident`]
- :func:`dyads` (records or incidents) -> list[:class:`DyadSummary`]
- :func:`dyad_timeline` (records or incidents, a, b, period) -> :class:`DyadTimeline`
- :func:`alerts` (records or incidents) -> list[:class:`Alert`]

Knowledge and parameters are data: ``tocsin/data/analyse/*.yaml``.
"""
from tocsin.analyse.alerts import alerts
from tocsin.analyse.dedupe import incidents
from tocsin.analyse.dyads import dyad_timeline, dyads
from tocsin.analyse.models import Alert, DyadPeriod, DyadSummary, DyadTimeline, Incident

__all__ = [
    "alerts", "incidents", "dyad_timeline", "dyads",
    "Alert", "DyadPeriod", "DyadSummary", "DyadTimeline", "Incident",
]
