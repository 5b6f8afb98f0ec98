"""Small invented articles for the ingest and scale tests (written here, no benchmark text)."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

_PLACES = ["Arlen", "Brevik", "Castamar", "Dunmore", "Elsworth", "Fenwick", "Galloway", "Harwick"]
_ACTORS = ["the Northern Front", "police", "the army", "protesters", "the Harbour Union",
           "government troops", "the Coastal Guard", "rebels"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def article(i: int) -> str:
    """A short news-like article, different for every ``i``."""
    place = _PLACES[i % len(_PLACES)]
    actor = _ACTORS[(i * 3) % len(_ACTORS)]
    other = _ACTORS[(i * 5 + 1) % len(_ACTORS)]
    day = _DAYS[i % 7]
    return (
        f"{actor[0].upper() + actor[1:]} attacked a depot in {place} on {day}, killing {i % 9 + 1} "
        f"people and wounding {i + 2}, officials said.\n\n"
        f"\"We will not accept this,\" Mayor Tomas Reyna{i} told reporters in {place}. "
        f"He said {other} had been warned twice.\n\n"
        f"the wind was calm and the streets were quiet for most of the evening.\n\n"
        f"Item {i}: talks between the two sides are planned for next week.\n"
    )


def write_folder(folder: Path, n: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    texts = []
    for i in range(n):
        t = article(i)
        (folder / f"art{i:04d}.txt").write_text(t, encoding="utf-8")
        texts.append(t)
    return texts


def write_jsonl_gz(path: Path, n: int, bad_lines: tuple[int, ...] = ()) -> list[str]:
    texts = []
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for i in range(n):
            if i in bad_lines:
                fh.write("{not json\n")
                continue
            t = article(i)
            texts.append(t)
            fh.write(json.dumps({"id": f"g{i}", "text": t, "published": "2024-03-05"}) + "\n")
    return texts
