"""The command line end to end: real subprocesses, real files, real SQLite stores."""
from __future__ import annotations

import gzip
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE = (
    "BAGHDAD — Police arrested five protesters outside the ministry on Monday, officials said.\n\n"
    "The protesters had called for the resignation of the minister.\n"
)


def run(*args: str, stdin: str | bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    data = stdin.encode() if isinstance(stdin, str) else stdin
    return subprocess.run(
        [sys.executable, "-m", "tocsin", *args], input=data, capture_output=True, cwd=cwd, timeout=300
    )


def assert_clean_error(proc: subprocess.CompletedProcess, *needles: str) -> None:
    err = proc.stderr.decode()
    assert proc.returncode != 0
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert lines, "an error message is expected"
    for n in needles:
        assert n in err, err


@pytest.fixture
def article_file(tmp_path) -> Path:
    p = tmp_path / "story.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    return p


def test_extract_json_validates(article_file):
    import jsonschema
    from tocsin.record import json_schema

    proc = run("extract", str(article_file), "--published", "2020-01-07")
    assert proc.returncode == 0, proc.stderr.decode()
    rec = json.loads(proc.stdout)
    jsonschema.validate(rec, json_schema())
    assert rec["article"]["text"] == ARTICLE
    assert rec["article"]["published"] == "2020-01-07"
    assert rec["article"]["id"] == "story"


def test_missing_path():
    assert_clean_error(run("extract", "/no/such/file.txt"), "/no/such/file.txt", "no such file")


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_text("")
    assert_clean_error(run("extract", str(p)), "empty.txt", "empty")


def test_binary_file(tmp_path):
    p = tmp_path / "blob.txt"
    p.write_bytes(b"\x00\x01\x02\x03binary")
    assert_clean_error(run("extract", str(p)), "blob.txt", "binary")


def test_non_utf8_file(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Caf\u00e9 attacked".encode("latin-1"))
    assert_clean_error(run("extract", str(p)), "latin.txt", "UTF-8")


def test_invalid_published(article_file):
    assert_clean_error(run("extract", str(article_file), "--published", "2019-02-30"), "--published")


def test_unwritable_output(article_file, tmp_path):
    target = tmp_path / "no" / "such" / "dir" / "out.json"
    assert_clean_error(run("extract", str(article_file), "-o", str(target)), "out.json", "cannot write")


def test_jsonl_in_jsonl_out_same_ids_and_bad_line_reported(tmp_path):
    p = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "x1", "text": ARTICLE, "published": "2020-01-07"}),
        "{not json",
        json.dumps({"id": "x3", "text": "Soldiers shelled the village on Sunday.", "published": "2020-01-06"}),
        json.dumps({"id": "x4", "text": "Bad date.", "published": "yesterday"}),
    ]
    p.write_text("\n".join(lines) + "\n")
    proc = run("extract", str(p))
    out = [json.loads(ln) for ln in proc.stdout.decode().splitlines()]
    assert [r["article"]["id"] for r in out] == ["x1", "x3"]
    err = proc.stderr.decode()
    assert "batch.jsonl:2" in err and "batch.jsonl:4" in err and "Traceback" not in err
    assert proc.returncode == 1


def test_stdin_and_table(tmp_path):
    proc = run("extract", "-", "--published", "2020-01-07", "--format", "table", stdin=ARTICLE)
    assert proc.returncode == 0, proc.stderr.decode()
    assert "date" in proc.stdout.decode().splitlines()[1]


def test_html_input(tmp_path):
    html = (
        "<html><head><title>Police arrest protesters</title>"
        '<meta property="article:published_time" content="2020-01-07T09:00:00Z">'
        '<meta name="author" content="Jane Roe"></head><body><nav>Home | World</nav>'
        "<article><h1>Police arrest protesters</h1>"
        + "".join(f"<p>{para}</p>" for para in ARTICLE.strip().split("\n\n"))
        + "<p>The ministry did not comment on the arrests, which followed weeks of demonstrations "
        "over unpaid salaries in the capital.</p></article><footer>Copyright 2020</footer></body></html>"
    )
    p = tmp_path / "page.html"
    p.write_text(html, encoding="utf-8")
    proc = run("extract", str(p))
    assert proc.returncode == 0, proc.stderr.decode()
    rec = json.loads(proc.stdout)
    assert "Police arrested five protesters" in rec["article"]["text"]
    assert "Home | World" not in rec["article"]["text"]
    assert rec["article"]["title"] == "Police arrest protesters"
    assert rec["article"]["published"] == "2020-01-07"


def test_ingest_is_idempotent_and_batch_skips_bad_items(tmp_path, article_file):
    db = tmp_path / "t.db"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "b.txt").write_text("Rebels attacked an army post near the border on Friday.")
    (folder / "c.txt").write_bytes(b"\xff\xfe\x00bad")
    (folder / "d.jsonl").write_text(json.dumps({"id": "dup", "text": ARTICLE}) + "\n{oops\n")
    url = f"sqlite:///{db}"
    first = run("ingest", str(folder), "--db", url, "--published", "2020-01-07")
    err = first.stderr.decode()
    assert "Traceback" not in err and "c.txt" in err and "d.jsonl:2" in err
    second = run("ingest", str(folder), str(article_file), "--db", url)
    assert "Traceback" not in second.stderr.decode()
    con = sqlite3.connect(db)
    n_articles, n_distinct = con.execute("SELECT count(*), count(DISTINCT text_sha256) FROM articles").fetchone()
    assert n_articles == n_distinct == 2
    listing = run("events", "--db", url)
    assert listing.returncode == 0


def test_gzip_jsonl_input(tmp_path):
    p = tmp_path / "batch.jsonl.gz"
    with gzip.open(p, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "g1", "text": ARTICLE, "published": "2020-01-07"}) + "\n")
    proc = run("extract", str(p))
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout.decode().splitlines()[0])["article"]["id"] == "g1"


def test_store_url_error(tmp_path):
    assert_clean_error(run("events", "--db", "nosuchdriver://x/y"), "cannot open the store")


def test_schema_command():
    proc = run("schema")
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    assert set(schema["properties"]) >= {"article", "timexes", "places", "entities", "quotes", "events"}
