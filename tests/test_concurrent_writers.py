"""Two ingesters writing the same store at once: every article stored exactly once.

Runs against a real SQLite file and, where TOCSIN_TEST_PG_URL is set, a real PostgreSQL server.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

TOWNS = ["Basra", "Mosul", "Kirkuk", "Erbil", "Najaf", "Karbala", "Ramadi", "Tikrit", "Samarra", "Fallujah"]


def corpus(folder: Path, n: int) -> list[str]:
    """``n`` distinct short articles, split over two JSONL files that overlap by half."""
    folder.mkdir()
    texts = [
        f"Police arrested {i + 2} protesters in {TOWNS[i % len(TOWNS)]} on Monday after a march "
        f"over unpaid salaries, officials said. It was protest number {i} this month."
        for i in range(n)
    ]
    rows = [json.dumps({"id": f"c{i}", "text": t, "published": "2020-01-07"}) for i, t in enumerate(texts)]
    (folder / "a.jsonl").write_text("\n".join(rows[: 3 * n // 4]) + "\n")
    (folder / "b.jsonl").write_text("\n".join(rows[n // 4:]) + "\n")
    return texts


def run_two_ingesters(folder: Path, url: str) -> None:
    env = dict(os.environ, TOCSIN_CHECK_LANGUAGE="0")
    cmds = [
        [sys.executable, "-m", "tocsin", "ingest", str(folder / "a.jsonl"), str(folder / "b.jsonl"), "--db", url, "--batch", "4"],
        [sys.executable, "-m", "tocsin", "ingest", str(folder / "b.jsonl"), str(folder / "a.jsonl"), "--db", url, "--batch", "3"],
    ]
    procs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for c in cmds]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err.decode()
        assert "Traceback" not in err.decode()


def stored_counts(url: str) -> tuple[int, int]:
    eng = create_engine(url)
    with eng.connect() as con:
        row = con.execute(text("SELECT count(*), count(DISTINCT text_sha256) FROM articles")).one()
    eng.dispose()
    return row[0], row[1]


def test_two_ingesters_on_sqlite(tmp_path):
    texts = corpus(tmp_path / "in", 24)
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    run_two_ingesters(tmp_path / "in", url)
    assert stored_counts(url) == (len(texts), len(texts))


def test_two_ingesters_on_postgresql(tmp_path, pg_url):
    from tocsin.store import open_store

    texts = corpus(tmp_path / "in", 24)
    # a schema of its own so other tests' rows do not count
    schema = "concurrency_" + str(os.getpid())
    eng = create_engine(pg_url)
    with eng.begin() as con:
        con.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        con.execute(text(f'CREATE SCHEMA "{schema}"'))
    eng.dispose()
    sep = "&" if "?" in pg_url else "?"
    url = f"{pg_url}{sep}options=-csearch_path%3D{schema}"
    open_store(url).close()  # create the tables once, before the race
    try:
        run_two_ingesters(tmp_path / "in", url)
        assert stored_counts(url) == (len(texts), len(texts))
    finally:
        eng = create_engine(pg_url)
        with eng.begin() as con:
            con.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        eng.dispose()
