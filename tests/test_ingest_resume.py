"""Ingest at scale: resume after kill -9, workers, gzip JSON Lines, the error log, progress."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from test_scale_corpus import write_folder, write_jsonl_gz

TOCSIN = str(Path(sys.executable).with_name("tocsin"))


def _stored(db: Path) -> list[tuple[str, str]]:
    if not db.exists():
        return []
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT id, text_sha256 FROM articles").fetchall()
        finally:
            con.close()
    except sqlite3.OperationalError:  # tables not created yet
        return []


def test_resume_after_kill_9_stores_each_article_exactly_once(tmp_path):
    folder = tmp_path / "corpus"
    n = 30
    write_folder(folder, n)
    db = tmp_path / "resume.db"
    cmd = [TOCSIN, "ingest", str(folder), "--db", f"sqlite:///{db}", "--batch", "2", "--no-progress"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    killed_at = None
    while time.monotonic() < deadline and proc.poll() is None:
        k = len(_stored(db))
        if k >= 4:
            os.kill(proc.pid, signal.SIGKILL)
            killed_at = k
            break
        time.sleep(0.05)
    proc.wait(timeout=30)
    assert killed_at is not None, "the first run ended before it could be interrupted"
    assert proc.returncode == -signal.SIGKILL
    partial = _stored(db)
    assert 4 <= len(partial) < n

    again = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    rows = _stored(db)
    ids = [r[0] for r in rows]
    assert len(rows) == n
    assert sorted(ids) == sorted(f"art{i:04d}" for i in range(n))  # each exactly once
    assert f"skipped {len(partial)} already stored" in again.stderr


def _records(url: str) -> dict:
    from tocsin.store import open_store

    with open_store(url) as store:
        return {r.article.text_sha256: r.model_dump_json() for r in store.records()}


def test_gzip_jsonl_2_workers_error_log_progress_same_records_as_1(tmp_path):
    from tocsin.ingest.run import ingest_paths

    src = tmp_path / "in.jsonl.gz"
    texts = write_jsonl_gz(src, 10, bad_lines=(3, 7))
    log = tmp_path / "errors.jsonl"
    db = tmp_path / "g.db"
    res = subprocess.run(
        [TOCSIN, "ingest", str(src), "--db", f"sqlite:///{db}", "--errors", str(log), "--progress",
         "--workers", "2", "--batch", "2"],
        capture_output=True, text=True, timeout=600,
    )
    assert res.returncode == 1  # some articles failed, the others are stored
    assert len(_stored(db)) == len(texts) == 8
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    assert [e["origin"] for e in entries] == [f"{src}:4", f"{src}:8"]
    assert all("malformed JSON" in e["reason"] for e in entries)
    assert "10/10" in res.stderr and "art/s" in res.stderr  # the bar reached its counted total
    assert "Traceback" not in res.stderr
    assert "stored 8 new article(s)" in res.stderr

    one = ingest_paths([str(src)], f"sqlite:///{tmp_path / 'one.db'}", batch=3, workers=1)
    assert (one.added, one.failed) == (8, 2)
    assert _records(f"sqlite:///{tmp_path / 'one.db'}") == _records(f"sqlite:///{db}")


def test_count_inputs_matches_what_is_read(tmp_path):
    from tocsin.ingest.readers import iter_inputs
    from tocsin.ingest.run import count_inputs

    write_folder(tmp_path / "f", 5)
    write_jsonl_gz(tmp_path / "f" / "more.jsonl.gz", 4, bad_lines=(1,))
    paths = [str(tmp_path / "f")]
    assert count_inputs(paths) == sum(1 for _ in iter_inputs(paths)) == 9
    assert count_inputs(["-"]) is None
