"""The analyses on the gold reports of the bundled corpus (one event per gold report, no
extraction): the dedupe, dyad and alert behaviour issue 10 asks for, exactly."""
from __future__ import annotations

from pathlib import Path

import pytest

from tocsin.analyse import alerts, dyad_timeline, incidents
from tocsin.evaluate.dedupe import gold_records, load_gold, score_dedupe

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "examples" / "gold" / "incidents.yaml"
ARTICLES = ROOT / "examples" / "articles"


@pytest.fixture(scope="module")
def gold():
    return load_gold(GOLD)


@pytest.fixture(scope="module")
def oracle():
    return gold_records(GOLD, ARTICLES)


def test_every_multiply_reported_incident_is_one_incident_with_all_its_sources(gold, oracle):
    records, origin = oracle
    res = score_dedupe(records, gold[0], origin)
    assert res.split == [] and res.merged == []
    assert (res.pairwise.p, res.pairwise.r) == (1.0, 1.0)
    by_gold = {}
    for inc in incidents(records):
        ids = {origin[(s.article_id, s.event_id)] for s in inc.sources}
        assert len(ids) == 1
        by_gold[ids.pop()] = inc
    for g in gold[0]:
        inc = by_gold[g.id]
        assert sorted(s.article_id for s in inc.sources) == sorted(g.articles)
        assert inc.n_articles == len(g.articles)


def test_reconciled_counts_and_dates(gold, oracle):
    records, origin = oracle
    by_gold = {origin[(i.sources[0].article_id, i.sources[0].event_id)]: i for i in incidents(records)}
    strikes = by_gold["us-strikes-kataib-hezbollah"]
    assert (strikes.dead.min, strikes.dead.max, strikes.dead.value) == (24, 25, 25)
    assert (strikes.injured.min, strikes.injured.max) == (50, 51)
    assert strikes.n_outlets == 4
    soleimani = by_gold["soleimani-strike"]
    assert soleimani.date == "2020-01-03" and soleimani.date_first == "2020-01-02"
    assert (soleimani.dead.min, soleimani.dead.max, soleimani.dead.value) == (7, 10, 10)
    missiles = by_gold["iran-missile-strike"]
    assert (missiles.dead.value, missiles.dead.max) == (0, 80)
    assert [r.modality for r in missiles.dead.reports if r.value == 80] == ["claimed"]
    assert set(missiles.places) == {"Ain al-Asad air base", "Erbil"}


def test_us_iran_escalation_alert_explains_itself(gold, oracle):
    records, _ = oracle
    incs = incidents(records)
    window = next(d.escalation for d in gold[1] if set(d.pair) == {"USA", "IRN"})
    tft = [a for a in alerts(incs, dyad=("USA", "IRN")) if a.kind == "tit_for_tat"]
    assert len(tft) == 1
    a = tft[0]
    assert (a.start, a.end) == window
    assert [(i.date, i.actor, i.recipient) for i in a.incidents] == [
        ("2019-12-27", "IRN", "USA"), ("2019-12-29", "USA", "IRN"),
        ("2020-01-03", "USA", "IRN"), ("2020-01-08", "IRN", "USA")]
    assert "Kataib Hezbollah" in a.members["IRN"]
    assert "Kataib Hezbollah" in a.explanation and "K-1" in a.explanation
    kinds = {x.kind for x in alerts(incs, dyad=("USA", "IRN"), since=window[0], until=window[1])}
    assert {"tit_for_tat", "rising_intensity"} <= kinds


def test_no_alert_for_the_cooperative_dyads(gold, oracle):
    al = alerts(incidents(oracle[0]))
    for d in gold[1]:
        if d.judged and d.escalation is None:
            assert not [a for a in al if set(a.dyad) == set(d.pair)], d.pair


def test_us_iran_timeline_by_week(oracle):
    tl = dyad_timeline(incidents(oracle[0]), "USA", "IRN", period="week")
    weeks = {p.period: p for p in tl.periods}
    assert weeks["2019-W49"].intensity > 0  # the prisoner swap
    assert weeks["2019-W52"].a_to_b.by_type == {"ASSAULT": 1}  # strikes on Kataib Hezbollah
    assert weeks["2019-W52"].b_to_a.by_type == {"ASSAULT": 1}  # the K-1 attack
    assert weeks["2020-W02"].b_to_a.by_type.get("ASSAULT") == 1  # Iran's missiles
    assert min(p.intensity for p in tl.periods) < -20
