"""Crash safety at size: kill -9 in the middle of a 10,000-article ingest, resume, count.

    .venv/bin/python benchmarks/crash_safety.py [--articles 10000] [--db URL] [--kills 2] [--workers 1]

Writes N distinct short articles as JSON Lines, starts `tocsin ingest`, kills it with SIGKILL
after a random share of the articles is stored (as many times as --kills asks), then reruns it
to the end, and then runs two ingesters on the same corpus at once. Reports the articles
stored, lost and duplicated after each phase (the target is exactly N, 0 lost, 0 duplicated).
Default store: a temporary SQLite file; pass --db postgresql://... for PostgreSQL (its
`articles` table is emptied first, so give it a scratch database).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, inspect, text

TOWNS = ["Basra", "Mosul", "Kirkuk", "Erbil", "Najaf", "Karbala", "Ramadi", "Tikrit", "Samarra", "Fallujah",
         "Aden", "Sanaa", "Homs", "Aleppo", "Idlib", "Goma", "Kano", "Maiduguri", "Mogadishu", "Kabul"]
VERBS = ["arrested {n} protesters", "clashed with gunmen, leaving {n} dead", "shelled positions, wounding {n}",
         "met tribal leaders to discuss {n} detainees", "called for the release of {n} prisoners"]


def write_corpus(path: Path, n: int, prefix: str = "cs", seed: int = 7) -> None:
    rnd = random.Random(seed)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            town = rnd.choice(TOWNS)
            act = rnd.choice(VERBS).format(n=rnd.randint(2, 90))
            body = (f"Security forces {act} in {town} on Monday, officials said. "
                    f"The incident, report {prefix}-{i}, followed days of tension in the province.")
            fh.write(json.dumps({"id": f"{prefix}{i}", "text": body, "published": "2020-01-07"}) + "\n")


def counts(url: str, prefix: str = "cs") -> tuple[int, int]:
    """Rows and distinct texts stored for the corpus whose ids start with ``prefix``."""
    eng = create_engine(url)
    try:
        if not inspect(eng).has_table("articles"):
            return 0, 0
        with eng.connect() as con:
            total, distinct = con.execute(
                text("SELECT count(*), count(DISTINCT text_sha256) FROM articles WHERE id LIKE :p"),
                {"p": prefix + "%"}).one()
        return int(total), int(distinct)
    finally:
        eng.dispose()


def ingest_cmd(corpus: Path, url: str, workers: int) -> list[str]:
    return [sys.executable, "-m", "tocsin", "ingest", str(corpus), "--db", url, "--no-progress",
            "--workers", str(workers)]


def report(phase: str, n: int, url: str, prefix: str = "cs") -> bool:
    total, distinct = counts(url, prefix)
    lost, dup = n - distinct, total - distinct
    print(f"{phase:<34} stored {total:>6}  distinct {distinct:>6}  lost {lost:>5}  duplicated {dup:>3}")
    return lost == 0 and dup == 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--db", default=None)
    ap.add_argument("--kills", type=int, default=2)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--concurrent", type=int, default=2000, help="articles for the two-ingesters phase")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tocsin-crash-"))
    corpus = tmp / "corpus.jsonl"
    write_corpus(corpus, args.articles)
    url = args.db or f"sqlite:///{tmp / 'crash.db'}"
    if args.db:
        eng = create_engine(url)
        if inspect(eng).has_table("articles"):
            with eng.begin() as con:
                for table in ("events", "quotes", "entities", "articles"):
                    if inspect(eng).has_table(table):
                        con.execute(text(f"DELETE FROM {table}"))
        eng.dispose()
    env = dict(os.environ, TOCSIN_CHECK_LANGUAGE="0")
    rnd = random.Random(11)
    t0 = time.monotonic()
    for k in range(args.kills):
        target = counts(url)[1] + rnd.randint(args.articles // 10, args.articles // 4)
        proc = subprocess.Popen(ingest_cmd(corpus, url, args.workers), env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while proc.poll() is None and counts(url)[1] < target:
            time.sleep(0.5)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            report(f"after kill -9 #{k + 1}", counts(url)[1], url)
    subprocess.run(ingest_cmd(corpus, url, args.workers), env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ok = report("after resume", args.articles, url)
    both = tmp / "concurrent.jsonl"
    write_corpus(both, args.concurrent, prefix="cc", seed=13)
    procs = [subprocess.Popen(ingest_cmd(both, url, 1), env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL) for _ in range(2)]
    for p in procs:
        p.wait()
    ok = report("two ingesters at once (new corpus)", args.concurrent, url, prefix="cc") and ok
    print(f"{args.articles} articles, {args.kills} kill(s), {time.monotonic() - t0:.0f} s, store {url.split('://')[0]}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
