"""`tocsin incidents`, `tocsin dyads`, `tocsin alerts` over a real SQLite store of hand-built records."""
from __future__ import annotations

import json

import pytest
from test_analyse import escalation_records
from typer.testing import CliRunner

from tocsin.cli import app
from tocsin.store import open_store

runner = CliRunner()


@pytest.fixture
def store_url(sqlite_url):
    store = open_store(sqlite_url)
    store.add(escalation_records())
    store.close()
    return sqlite_url


def _run(*args):
    res = runner.invoke(app, list(args))
    return res.exit_code, res.stdout, res.stderr


def test_incidents_json_and_table(store_url):
    code, out, _ = _run("incidents", "--db", store_url, "--format", "json")
    assert code == 0
    incs = json.loads(out)
    k1 = next(i for i in incs if i["date"] == "2019-12-27")
    assert k1["n_articles"] == 4 and k1["n_outlets"] == 3
    assert k1["injured"]["min"] == 4 and k1["injured"]["max"] == 6
    code, out, _ = _run("incidents", "--db", store_url, "--min-sources", "2")
    assert code == 0
    assert "2019-12-27" in out and "2020-01-15" not in out
    assert out.strip().endswith("report(s)")


def test_dyads_list_and_timeline(store_url):
    code, out, _ = _run("dyads", "--db", store_url, "-f", "json")
    assert code == 0
    pairs = {(d["a"], d["b"]) for d in json.loads(out)}
    assert ("IRN", "USA") in pairs and ("CHN", "USA") in pairs
    code, out, _ = _run("dyads", "USA", "IRN", "--db", store_url, "--period", "week", "-f", "json")
    assert code == 0
    tl = json.loads(out)
    assert tl["a"] == "USA" and any(p["period"] == "2019-W52" and p["intensity"] < 0 for p in tl["periods"])
    code, out, _ = _run("dyads", "USA", "IRN", "--db", store_url)
    assert code == 0 and "2019-W52" in out and "USA>IRN" in out


def test_alerts_explain_themselves(store_url):
    code, out, _ = _run("alerts", "--db", store_url, "--dyad", "USA", "--dyad", "IRN", "-f", "json")
    assert code == 0
    al = json.loads(out)
    kinds = {a["kind"] for a in al}
    assert "tit_for_tat" in kinds and "rising_intensity" in kinds
    assert all(a["incidents"] and a["explanation"] for a in al)
    code, out, _ = _run("alerts", "--db", store_url)
    assert code == 0 and "[tit_for_tat] " in out


@pytest.mark.parametrize("args", [
    ("dyads", "USA", "--db", "{db}"),
    ("dyads", "USA", "IRN", "--period", "month", "--db", "{db}"),
    ("dyads", "--level", "agent", "--db", "{db}"),
    ("alerts", "--dyad", "USA", "--db", "{db}"),
    ("incidents", "--since", "yesterday", "--db", "{db}"),
])
def test_bad_options_give_one_line(store_url, args):
    code, out, err = _run(*[a.replace("{db}", store_url) for a in args])
    assert code == 2
    assert err.startswith("tocsin: ") and len(err.strip().splitlines()) == 1


def test_an_empty_store_gives_empty_results(sqlite_url):
    code, out, _ = _run("incidents", "--db", sqlite_url, "-f", "json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = _run("alerts", "--db", sqlite_url)
    assert code == 0 and "0 alert(s)" in out
