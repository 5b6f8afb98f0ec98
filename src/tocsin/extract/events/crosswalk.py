"""PLOVER type/mode -> CAMEO code, ACLED event/sub-event type and intensity score (data files
``events/plover_to_cameo.tsv``, ``events/acled.yaml``, ``events/intensity.yaml``)."""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from tocsin.data_files import load_yaml, read_table
from tocsin.record import Acled


@lru_cache(maxsize=1)
def _cameo() -> dict[tuple[str, str], str]:
    return {(r["type"], r["mode"] or ""): r["cameo"] for r in read_table("events/plover_to_cameo.tsv", delimiter="\t")}


def cameo(type_: str, mode: Optional[str]) -> Optional[str]:
    table = _cameo()
    return table.get((type_, mode or "")) or table.get((type_, ""))


def acled(type_: str, mode: Optional[str]) -> Optional[Acled]:
    table = load_yaml("events/acled.yaml") or {}
    key = f"{type_}/{mode}" if mode and f"{type_}/{mode}" in table else type_
    val = table.get(key)
    if not val:
        return None
    return Acled(event_type=val[0], sub_event_type=val[1] if len(val) > 1 else None)


def intensity(type_: str, mode: Optional[str]) -> Optional[float]:
    table = load_yaml("events/intensity.yaml") or {}
    val = table.get(f"{type_}/{mode}") if mode else None
    if val is None:
        val = table.get(type_)
    return None if val is None else float(val)
