"""End to end over the bundled corpus (examples/articles) against its gold (examples/gold):
code every article, store it in SQLite, build incidents, dyads and alerts.

These are the targets of issue 10: every multiply-reported incident is one incident with all
its sources, no two distinct incidents merge, and an escalation alert fires for the U.S. <->
Iran/Kataib Hezbollah dyad between 2019-12-27 and 2020-01-08 and explains itself. They depend
on the extractors (events above all) as much as on the analyses.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tocsin.analyse import alerts, dyad_timeline, incidents
from tocsin.evaluate.dedupe import load_gold, score_dedupe

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "examples" / "articles"
GOLD = ROOT / "examples" / "gold" / "incidents.yaml"


@pytest.fixture(scope="module")
def records():
    import tocsin
    from tocsin.ingest.readers import iter_inputs

    items = [i for i in iter_inputs([str(ARTICLES)]) if not isinstance(i, Exception)]
    assert len(items) >= 20
    failed = []  # an article over the time budget on a loaded machine is reported, not fatal
    records = list(tocsin.extract_many(items, on_error=failed.append))
    assert len(records) >= len(items) - 2, [str(e) for e in failed]
    return records


@pytest.fixture(scope="module")
def gold():
    return load_gold(GOLD)


@pytest.fixture(scope="module")
def scored(records, gold):
    return score_dedupe(records, gold[0])


def test_the_corpus_and_its_gold_agree():
    from tocsin.ingest.readers import iter_inputs

    items = list(iter_inputs([str(ARTICLES)]))
    ids = {i.id for i in items}
    assert 20 <= len(items) <= 30
    assert all(i.published and i.source and i.title and i.url for i in items)
    assert all(150 <= len(i.text.split()) <= 400 for i in items)
    assert len({i.source for i in items}) >= 4
    incs, dyads = load_gold(GOLD)
    assert all(a in ids for g in incs for a in g.articles)
    assert sum(1 for g in incs if len(g.articles) >= 2) >= 6
    assert any(set(d.pair) == {"USA", "IRN"} and d.escalation for d in dyads)


def test_every_multiply_reported_incident_is_one_incident(scored):
    multi = [gid for gid, (found, _) in scored.coverage.items() if found >= 2]
    assert multi, "no gold incident was found in two articles"
    split = [g for g in scored.split if g in multi]
    assert split == [], f"split over several incidents: {split}"


def test_no_two_distinct_incidents_merge(scored):
    assert scored.merged == []


def test_escalation_alert_for_us_iran_explains_itself(records, gold):
    incs = incidents(records)
    window = next(d.escalation for d in gold[1] if set(d.pair) == {"USA", "IRN"})
    hits = [a for a in alerts(incs, dyad=("USA", "IRN")) if a.start <= window[1] and a.end >= window[0]]
    assert hits, "no USA-IRN alert between 2019-12-27 and 2020-01-08"
    by_id = {i.id: i for i in incs}
    for a in hits:
        assert a.incidents and a.explanation
        for ai in a.incidents:
            assert ai.id in by_id  # each incident behind the alert is there to read
            assert ai.date and ai.date in a.explanation


def test_no_alert_for_the_cooperative_dyads(records, gold):
    al = alerts(incidents(records))
    for d in gold[1]:
        if d.judged and d.escalation is None:
            assert not [a for a in al if set(a.dyad) == set(d.pair)], d.pair


def test_stored_corpus_through_the_cli(records, sqlite_url):
    from tocsin.cli import app
    from tocsin.store import open_store

    store = open_store(sqlite_url)
    store.add(records)
    store.close()
    runner = CliRunner()
    res = runner.invoke(app, ["incidents", "--db", sqlite_url, "-f", "json"])
    assert res.exit_code == 0
    incs = json.loads(res.stdout)
    assert incs and any(i["n_articles"] >= 2 for i in incs)
    res = runner.invoke(app, ["dyads", "USA", "IRN", "--db", sqlite_url, "-f", "json"])
    assert res.exit_code == 0
    tl = json.loads(res.stdout)
    assert any(p["intensity"] < 0 for p in tl["periods"])
    assert dyad_timeline(incidents(records), "USA", "IRN").model_dump(mode="json") == tl
