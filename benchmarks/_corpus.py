"""Corpora for the scale benchmarks, built at run time from ../shared (nothing is committed).

``evaluation_articles`` gives articles from the evaluation sets (seed, bundled examples, slices
of WikiEvents, PolNeAR, MUC-4 and TimeBank); ``news_corpus`` concatenates news paragraphs into
articles of about ``words`` words each.
"""
from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Iterator, Optional

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _seed() -> Iterator[tuple[str, str, Optional[str]]]:
    p = SHARED / "seed" / "article.txt"
    if p.exists():
        yield "seed", p.read_text(encoding="utf-8"), "2019-12-31"


def _examples() -> Iterator[tuple[str, str, Optional[str]]]:
    folder = ROOT / "examples"
    for f in sorted(folder.rglob("*")):
        if f.suffix in (".txt",) and f.is_file():
            yield f"examples/{f.name}", f.read_text(encoding="utf-8"), None
        elif f.suffix == ".jsonl":
            for n, line in enumerate(f.open(encoding="utf-8")):
                if line.strip():
                    obj = json.loads(line)
                    yield f"examples/{f.name}:{n + 1}", obj["text"], obj.get("published")


def _wikievents(limit: int) -> Iterator[tuple[str, str, Optional[str]]]:
    p = SHARED / "data" / "wikievents" / "dev.jsonl"
    if not p.exists():
        return
    for n, line in enumerate(p.open(encoding="utf-8")):
        if n >= limit:
            break
        obj = json.loads(line)
        yield f"wikievents/{obj['doc_id']}", obj["text"], None


def _polnear(limit: int, split: str = "dev") -> Iterator[tuple[str, str, Optional[str]]]:
    folder = SHARED / "data" / "polnear" / split / "text"
    if not folder.exists():
        return
    for f in sorted(folder.glob("*.txt"))[:limit]:
        m = re.search(r"_(\d{4}-\d{2}-\d{2})_", f.name)
        yield f"polnear/{f.stem}", f.read_text(encoding="utf-8"), m.group(1) if m else None


def _muc(limit: int) -> Iterator[tuple[str, str, Optional[str]]]:
    p = SHARED / "data" / "muc4" / "tst1" / "tst1-muc3"
    if not p.exists():
        return
    raw = p.read_text(encoding="latin-1")
    stories = re.split(r"\n(?=TST1-MUC3-\d{4}\s*\n)", raw)
    for s in stories[:limit]:
        head, _, body = s.strip().partition("\n")
        if body.strip():
            yield f"muc4/{head.strip()}", body.strip() + "\n", None


def _timebank(limit: int) -> Iterator[tuple[str, str, Optional[str]]]:
    folder = SHARED / "data" / "timebank" / "TimeBank"
    if not folder.exists():
        return
    for f in sorted(folder.glob("*.tml"))[:limit]:
        xml = f.read_text(encoding="utf-8", errors="replace")
        m = re.search(r"<TEXT>(.*)</TEXT>", xml, re.S)
        if m:
            text = re.sub(r"<[^>]+>", "", m.group(1)).strip()
            dct = re.search(r'functionInDocument="CREATION_TIME"[^>]*value="(\d{4}-\d{2}-\d{2})', xml) or \
                re.search(r'value="(\d{4}-\d{2}-\d{2})"[^>]*functionInDocument="CREATION_TIME"', xml)
            yield f"timebank/{f.stem}", text + "\n", dct.group(1) if dct else None


def evaluation_articles(per_set: int = 20) -> list[tuple[str, str, Optional[str]]]:
    """(origin, text, published) over the seed, the bundled examples and benchmark slices."""
    out = []
    for gen in (_seed(), _examples(), _wikievents(per_set), _polnear(per_set), _muc(per_set),
                _timebank(per_set)):
        out.extend(gen)
    return out


def _paragraphs() -> list[str]:
    paras = []
    sources = list(_seed()) + list(_examples()) + list(_polnear(10_000)) + \
        list(_polnear(10_000, "train"))
    for _, text, _ in sources:
        for p in re.split(r"\n\s*\n", text):
            p = p.strip()
            if len(p.split()) >= 8:
                paras.append(p)
    return paras


def news_corpus(n_articles: int, words: int = 1200, seed: int = 7) -> list[str]:
    """``n_articles`` news-like articles of about ``words`` words: shuffled real paragraphs."""
    paras = _paragraphs()
    if not paras:
        raise SystemExit("no source paragraphs: ../shared/seed or examples/ are needed")
    rng = random.Random(seed)
    pool: list[str] = []
    out = []
    for _ in range(n_articles):
        chosen, count = [], 0
        while count < words:
            if not pool:  # each paragraph once before any is used again
                pool = paras[:]
                rng.shuffle(pool)
            p = pool.pop()
            chosen.append(p)
            count += len(p.split())
        out.append("\n\n".join(chosen) + "\n")
    return out
