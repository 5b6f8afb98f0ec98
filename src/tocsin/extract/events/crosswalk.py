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


def acled(type_: str, mode: Optional[str], recipient_codes: Optional[list[Optional[str]]] = None) -> Optional[Acled]:
    """ACLED event and sub-event type; an attack with no weapon mode (or with firearms) by its
    recipients' actor codes: armed -> "Battles", only unarmed -> "Violence against civilians"."""
    table = load_yaml("events/acled.yaml") or {}
    rule = table.get("by_recipient") or {}
    if recipient_codes and type_ in (rule.get("types") or []) and mode in (rule.get("modes") or []):
        sectors = {c[3:6] for c in recipient_codes if c and len(c) >= 6 and c[3:6] != "---"}
        if sectors:
            val = rule["armed"] if sectors & set(rule.get("armed_sectors") or []) else rule["unarmed"]
            return Acled(event_type=val[0], sub_event_type=val[1])
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
