"""Exact behaviour of dedupe, dyad timelines and alerts on hand-built records."""
from __future__ import annotations

import random

import pytest
from test_analyse_builders import (CHN, CONTRACTOR, IRAN, IRGC, KH, SOLEIMANI, UKR, USA, USMIL, event,
                                   record)

from tocsin.analyse import alerts, dyad_timeline, dyads, incidents
from tocsin.analyse.config import TypesConfig
from tocsin.analyse.observations import timex_interval


def k1_reports():
    return [
        record("a1", "Tigris Wire", "2019-12-27",
               event("e1", "ASSAULT", recipients=[CONTRACTOR, USMIL], date="2019-12-27", place="K-1", dead=1, injured=6)),
        record("a2", "Gulf Ledger", "2019-12-28",
               event("e1", "ASSAULT", actors=[KH], recipients=[CONTRACTOR], date="2019-12-27", place="Kirkuk",
                     dead=1, injured=6)),
        record("a3", "Capital Dispatch", "2019-12-28",
               event("e4", "ASSAULT", actors=[KH], recipients=[USMIL], date="2019-12-27", place="K-1", dead=1, injured=4)),
        # a later mention without a date of its own: joins through the dyad
        record("a4", "Capital Dispatch", "2019-12-29",
               event("e9", "ASSAULT", actors=[KH], recipients=[CONTRACTOR], dead=1)),
    ]


def test_one_incident_from_many_outlets_with_reconciled_counts():
    (inc,) = incidents(k1_reports())
    assert inc.type == "ASSAULT"
    assert inc.date == "2019-12-27"
    assert inc.n_articles == 4 and inc.n_outlets == 3
    assert inc.outlets == ["Capital Dispatch", "Gulf Ledger", "Tigris Wire"]
    assert inc.first_report == "2019-12-27" and inc.last_report == "2019-12-29"
    assert inc.first_article == "a1" and inc.last_article == "a4"
    assert {s.article_id for s in inc.sources} == {"a1", "a2", "a3", "a4"}
    assert inc.dead.value == 1 and inc.dead.agree
    assert (inc.injured.value, inc.injured.min, inc.injured.max, inc.injured.agree) == (6, 4, 6, False)
    assert sorted(r.article_id for r in inc.injured.reports) == ["a1", "a2", "a3"]
    assert inc.location.name == "K-1"  # the most precise place
    assert inc.actors[0].name == "Kataib Hezbollah" and inc.actors[0].patrons == ["IRN"]


def test_dedupe_is_deterministic_whatever_the_order():
    recs = k1_reports() + [
        record("b1", "Tigris Wire", "2020-01-03",
               event("e1", "ASSAULT", actors=[USMIL], recipients=[SOLEIMANI], date="2020-01-03",
                     place="Baghdad International Airport", dead=7)),
    ]
    first = [i.model_dump() for i in incidents(recs)]
    for seed in range(5):
        shuffled = recs[:]
        random.Random(seed).shuffle(shuffled)
        assert [i.model_dump() for i in incidents(shuffled)] == first


def test_late_thursday_in_washington_is_early_friday_in_baghdad():
    recs = [
        record("w", "Capital Dispatch", "2020-01-03",
               event("e1", "ASSAULT", actors=[USA], recipients=[SOLEIMANI], date="2020-01-02", dead=10)),
        record("b", "Tigris Wire", "2020-01-03",
               event("e2", "ASSAULT", actors=[USMIL], recipients=[SOLEIMANI, ("Abu Mahdi al-Muhandis", "IRQREB")],
                     date="2020-01-03", place="Baghdad International Airport", dead=7)),
        record("t", "Levant Observer", "2020-01-04",
               event("e3", "ASSAULT", actors=[USA], recipients=[IRAN], date="2020-01-03", dead=10)),
    ]
    (inc,) = incidents(recs)
    assert inc.date == "2020-01-03"  # two reports say so
    assert inc.date_first == "2020-01-02" and inc.date_last == "2020-01-03"
    assert (inc.dead.value, inc.dead.min, inc.dead.max) == (10, 7, 10)


def test_distinct_incidents_do_not_merge():
    recs = [
        # Jan 3: U.S. strike at the airport; Jan 4: rockets on the Green Zone, nobody named
        record("a", "Tigris Wire", "2020-01-03",
               event("e1", "ASSAULT", actors=[USMIL], recipients=[SOLEIMANI], date="2020-01-03",
                     place="Baghdad International Airport")),
        record("b", "Levant Observer", "2020-01-04",
               event("e1", "ASSAULT", recipients=[("U.S. embassy", "USAGOV")], date="2020-01-04", place="Green Zone")),
        # Jan 8: Iran's missiles on Al-Asad and the airliner near Tehran
        record("c", "Tigris Wire", "2020-01-08",
               event("e1", "ASSAULT", actors=[IRGC], recipients=[USMIL], date="2020-01-08", place="Ain al-Asad")),
        record("d", "Gulf Ledger", "2020-01-08",
               event("e1", "ASSAULT", actors=[IRGC], recipients=[UKR], date="2020-01-08", place="Shahedshahr", dead=176)),
        # the same dyad the other way round, two days apart, same area
        record("e", "Tigris Wire", "2019-12-28",
               event("e1", "ASSAULT", actors=[KH], recipients=[USMIL], date="2019-12-27", place="Kirkuk")),
        record("f", "Tigris Wire", "2019-12-29",
               event("e1", "ASSAULT", actors=[USMIL], recipients=[KH], date="2019-12-28", place="Kirkuk")),
        # same day, same dyad, 400 km from the day before and 1,000 km from each other
        record("g", "Gulf Ledger", "2019-12-29",
               event("e1", "ASSAULT", actors=[USMIL], recipients=[KH], date="2019-12-29", place="Al-Qaim")),
        record("h", "Gulf Ledger", "2019-12-29",
               event("e2", "ASSAULT", actors=[USMIL], recipients=[KH], date="2019-12-29", place="Tehran")),
    ]
    incs = incidents(recs)
    assert len(incs) == 8
    assert all(i.n_articles == 1 for i in incs)


def test_strikes_on_both_sides_of_a_border_are_one_incident():
    recs = [
        record("a", "Tigris Wire", "2019-12-30",
               event("e1", "ASSAULT", actors=[USMIL], recipients=[KH], date="2019-12-29", place="Al-Qaim", dead=25)),
        record("b", "Levant Observer", "2019-12-30",
               event("e1", "ASSAULT", actors=[USA], recipients=[KH], date="2019-12-29", place="Abu Kamal", dead=24)),
    ]
    (inc,) = incidents(recs)
    assert inc.places == ["Al-Qaim", "Abu Kamal"]
    assert (inc.dead.min, inc.dead.max) == (24, 25)


def test_statements_merge_only_with_the_same_speaker():
    recs = [
        record("a", "Levant Observer", "2019-12-30",
               event("e1", "THREATEN", actors=[KH], recipients=[USA], date="2019-12-30")),
        record("b", "Tigris Wire", "2019-12-30",
               event("e1", "THREATEN", actors=[("Qais al-Khazali", "IRQREB")], recipients=[USA], date="2019-12-30")),
        record("c", "Levant Observer", "2020-01-04",
               event("e1", "THREATEN", actors=[("Ayatollah Ali Khamenei", "IRNGOV")], recipients=[USA], date="2020-01-03")),
        record("d", "Gulf Ledger", "2020-01-04",
               event("e1", "THREATEN", actors=[("Khamenei", "IRNGOV")], recipients=[USA], date="2020-01-03",
                     place="Tehran")),
    ]
    incs = incidents(recs)
    assert sorted(i.n_articles for i in incs) == [1, 1, 2]
    merged = next(i for i in incs if i.n_articles == 2)
    assert {s.article_id for s in merged.sources} == {"c", "d"}


def test_compatible_types_merge_incompatible_do_not():
    recs = [
        record("a", "Gulf Ledger", "2019-12-31",
               event("e1", "PROTEST", actors=[KH], recipients=[("U.S. embassy", "USAGOV")], date="2019-12-31",
                     place="Green Zone")),
        record("b", "Capital Dispatch", "2020-01-01",
               event("e1", "ASSAULT", actors=[KH], recipients=[("U.S. embassy", "USAGOV")], date="2019-12-31",
                     place="Green Zone")),
        record("c", "Tigris Wire", "2020-01-01",
               event("e1", "RETREAT", actors=[KH], recipients=[("U.S. embassy", "USAGOV")], date="2020-01-01",
                     place="Green Zone")),
    ]
    incs = incidents(recs)
    assert sorted((i.type, i.n_articles) for i in incs) in (
        [("ASSAULT", 2), ("RETREAT", 1)], [("PROTEST", 2), ("RETREAT", 1)])


def test_events_that_did_not_happen_are_left_out():
    recs = [record("a", "Gulf Ledger", "2020-01-05",
                   event("e1", "ASSAULT", actors=[USA], recipients=[IRAN], date="2020-01-05", modality="hypothetical"),
                   event("e2", "ASSAULT", actors=[USA], recipients=[IRAN], date="2020-01-05", modality="negated"),
                   event("e3", "THREATEN", actors=[USA], recipients=[IRAN], date="2020-01-04"))]
    (inc,) = incidents(recs)
    assert inc.type == "THREATEN"


def test_claimed_count_is_kept_but_the_most_reported_value_wins():
    recs = [
        record("a", "Tigris Wire", "2020-01-08",
               event("e1", "ASSAULT", actors=[IRGC], recipients=[USMIL], date="2020-01-08", place="Ain al-Asad", dead=0)),
        record("b", "Capital Dispatch", "2020-01-08",
               event("e1", "ASSAULT", actors=[IRAN], recipients=[USMIL], date="2020-01-07", place="Ain al-Asad", dead=0)),
        record("c", "Levant Observer", "2020-01-08",
               event("e1", "ASSAULT", actors=[IRGC], recipients=[USA], date="2020-01-08", place="Ain al-Asad", dead=80,
                     modality="claimed")),
    ]
    (inc,) = incidents(recs)
    assert (inc.dead.value, inc.dead.min, inc.dead.max) == (0, 0, 80)
    assert [r.modality for r in inc.dead.reports if r.value == 80] == ["claimed"]
    assert inc.modality == "asserted"


def test_week_and_month_dates_overlap_days_within_them():
    assert timex_interval("2019-W52")[0].isoformat() == "2019-12-23"
    assert timex_interval("2019-12")[1].isoformat() == "2019-12-31"
    assert timex_interval("2019-Q4")[0].isoformat() == "2019-10-01"
    assert timex_interval("PAST_REF") is None
    recs = [
        record("a", "Tigris Wire", "2019-12-28",
               event("e1", "ASSAULT", actors=[KH], recipients=[USMIL], date="2019-12-27", place="K-1")),
        record("b", "Gulf Ledger", "2020-01-10",
               event("e1", "ASSAULT", actors=[KH], recipients=[USMIL], date="2019-W52", precision="week", place="Kirkuk")),
    ]
    (inc,) = incidents(recs)
    assert inc.date == "2019-12-27" and inc.precision == "day"


# -- dyads ---------------------------------------------------------------------------------------

def escalation_records():
    return k1_reports() + [
        record("p0", "Capital Dispatch", "2019-12-08",
               event("e1", "CONCEDE", actors=[IRAN], recipients=[USA], date="2019-12-07", place="Zurich")),
        record("s1", "Capital Dispatch", "2019-12-29",
               event("e1", "ASSAULT", actors=[USMIL], recipients=[KH], date="2019-12-29", place="Al-Qaim", dead=25)),
        record("s2", "Levant Observer", "2019-12-30",
               event("e1", "ASSAULT", actors=[USA], recipients=[KH], date="2019-12-29", place="Al-Qaim", dead=24)),
        record("t1", "Tigris Wire", "2020-01-03",
               event("e1", "ASSAULT", actors=[USMIL], recipients=[SOLEIMANI], date="2020-01-03",
                     place="Baghdad International Airport", dead=10)),
        record("m1", "Tigris Wire", "2020-01-08",
               event("e1", "ASSAULT", actors=[IRGC], recipients=[USMIL], date="2020-01-08", place="Ain al-Asad", dead=0)),
        record("c1", "Harbour Signal", "2020-01-15",
               event("e1", "AGREE", actors=[USA], recipients=[CHN], date="2020-01-15", place="Washington")),
    ]


def test_dyad_timeline_by_week_both_directions_with_alignment():
    tl = dyad_timeline(escalation_records(), "USA", "IRN", period="week")
    by = {p.period: p for p in tl.periods}
    assert list(by)[0] == "2019-W49" and list(by)[-1] == "2020-W02"
    assert by["2019-W49"].b_to_a.by_type == {"CONCEDE": 1} and by["2019-W49"].intensity > 0
    assert by["2019-W50"].a_to_b.count == 0 and by["2019-W50"].b_to_a.count == 0  # empty weeks are rows
    w52 = by["2019-W52"]  # the K-1 attack (Kataib Hezbollah, for Iran) and the U.S. strikes
    assert w52.b_to_a.by_type == {"ASSAULT": 1} and w52.a_to_b.by_type == {"ASSAULT": 1}
    assert w52.intensity == -20
    assert by["2020-W02"].b_to_a.count == 1
    # without alignment Kataib Hezbollah is Iraq's
    tl2 = dyad_timeline(escalation_records(), "USA", "IRN", period="week", aligned=False)
    assert all(p.period != "2019-W52" or p.a_to_b.count == 0 for p in tl2.periods)
    tl3 = dyad_timeline(escalation_records(), "USA", "IRQ", period="day", aligned=False)
    days = {p.period: p for p in tl3.periods}
    assert days["2019-12-27"].b_to_a.count == 1 and days["2019-12-29"].a_to_b.count == 1
    assert days["2019-12-28"].intensity == 0


def test_dyad_timeline_full_codes():
    tl = dyad_timeline(escalation_records(), "USAMIL", "IRQREB", period="day", level="full")
    counts = {p.period: (p.a_to_b.count, p.b_to_a.count) for p in tl.periods if p.a_to_b.count or p.b_to_a.count}
    assert counts == {"2019-12-27": (0, 1), "2019-12-29": (1, 0)}


def test_dyads_lists_every_pair():
    out = {(d.a, d.b): d for d in dyads(escalation_records())}
    assert out[("IRN", "USA")].incidents == 5
    assert out[("IRN", "USA")].conflict < 0 and out[("IRN", "USA")].cooperation > 0
    assert out[("CHN", "USA")].cooperation > 0 and out[("CHN", "USA")].conflict == 0


# -- alerts --------------------------------------------------------------------------------------

def test_tit_for_tat_chain_fires_and_explains_itself():
    al = [a for a in alerts(escalation_records()) if a.kind == "tit_for_tat"]
    assert len(al) == 1
    a = al[0]
    assert set(a.dyad) == {"USA", "IRN"}
    assert (a.start, a.end) == ("2019-12-27", "2020-01-08")
    assert [i.date for i in a.incidents] == ["2019-12-27", "2019-12-29", "2020-01-03", "2020-01-08"]
    assert [(i.actor, i.recipient) for i in a.incidents][:2] == [("IRN", "USA"), ("USA", "IRN")]
    assert "Kataib Hezbollah" in a.members["IRN"]
    assert "Kataib Hezbollah" in a.explanation and "2 day(s) later" in a.explanation
    # answers: the strikes answer K-1 (2 days), the missiles answer the Soleimani strike (5 days)
    assert a.score == 2
    assert [d["days"] for d in a.details["answers"]] == [2, 5]


def test_rising_intensity_against_the_dyads_own_baseline():
    al = [a for a in alerts(escalation_records()) if a.kind == "rising_intensity"]
    assert [set(a.dyad) for a in al] == [{"USA", "IRN"}]
    a = al[0]
    assert a.start == "2019-12-23"
    assert a.details["periods"][0]["baseline"] == 0
    assert any(i.date == "2019-12-27" for i in a.incidents)
    assert "baseline" in a.explanation


def test_spread_to_a_new_place():
    al = [a for a in alerts(escalation_records()) if a.kind == "spread"]
    assert al and all(set(a.dyad) == {"USA", "IRN"} for a in al)
    first = al[0]
    assert first.details["new_incident"] == first.incidents[-1].id
    assert "km from the nearest earlier place" in first.explanation


def test_no_alert_for_cooperation_or_a_single_incident():
    recs = [
        record("c1", "Harbour Signal", "2020-01-15",
               event("e1", "AGREE", actors=[USA], recipients=[CHN], date="2020-01-15", place="Washington")),
        record("d", "Gulf Ledger", "2020-01-08",
               event("e1", "ASSAULT", actors=[IRGC], recipients=[UKR], date="2020-01-08", place="Shahedshahr", dead=176)),
    ]
    assert alerts(recs) == []


def test_alert_filters():
    recs = escalation_records()
    assert alerts(recs, dyad=("CHN", "USA")) == []
    assert all(a.end >= "2020-01-05" for a in alerts(recs, since="2020-01-05"))
    assert alerts(recs, until="2019-12-01") == []


def test_types_file_is_checked():
    with pytest.raises(ValueError):
        TypesConfig.model_validate({"families": {"x": ["ASSAULT", "NOPE"]}, "intensity": {}})
    with pytest.raises(ValueError):
        TypesConfig.model_validate({"families": {"x": ["ASSAULT"]}, "intensity": {}})  # types left without family


def test_two_events_of_one_article_stay_two_incidents():
    rec = record("a", "Tigris Wire", "2020-01-01",
                 event("e1", "ASSAULT", actors=[KH], recipients=[USA], date="2020-01-01", place="Green Zone",
                       trigger="threw stones"),
                 event("e2", "ASSAULT", actors=[KH], recipients=[USA], date="2020-01-01", place="Green Zone",
                       trigger="burned tyres"))
    assert len(incidents([rec])) == 2


def test_an_undated_mention_joins_through_a_distinctive_toll():
    recs = [
        record("a", "Levant Observer", "2020-01-11",
               event("e1", "ASSAULT", actors=[IRGC], recipients=[UKR], date="2020-01-08", place="Tehran", dead=176)),
        # "the downing ... killing 176 people", no date, no coded actor
        record("b", "Capital Dispatch", "2020-01-12",
               event("e1", "ASSAULT", recipients=[("176 people", None)], place="Tehran", dead=176)),
        # an undated attack with nothing in common is left alone
        record("c", "Capital Dispatch", "2020-01-12",
               event("e2", "ASSAULT", recipients=[("protesters", None)], place="Tehran", dead=2)),
    ]
    incs = incidents(recs)
    assert sorted(sorted(s.article_id for s in i.sources) for i in incs) == [["a", "b"], ["c"]]


def test_undated_report_joins_when_a_participant_is_named_alike():
    recs = [
        record("a", "Tigris Wire", "2020-01-08",
               event("e1", "ASSAULT", recipients=[("Ain al-Asad air base", None)], place="Iraq", trigger="missile strikes")),
        record("b", "Gulf Ledger", "2020-01-09",
               event("e1", "ASSAULT", actors=[IRGC], recipients=[("the Al-Asad base", None)], date="2020-01-08",
                     place="Ain al-Asad", trigger="missiles struck")),
        # an undated report of another base's attack names only a generic word alike
        record("c", "Levant Observer", "2020-01-08",
               event("e1", "ASSAULT", recipients=[("the K-1 base", None)], place="Iraq", trigger="rocket attack")),
    ]
    incs = sorted(incidents(recs), key=lambda i: -i.n_articles)
    assert [i.n_articles for i in incs] == [2, 1]


def test_undated_report_keeps_a_day_of_slack_for_time_zones():
    recs = [
        record("a", "Gulf Ledger", "2019-12-31",
               event("e1", "ASSAULT", actors=[("Marines", "USAMIL")], place="Baghdad", trigger="tear gas")),
        record("b", "Capital Dispatch", "2020-01-01",
               event("e1", "ASSAULT", actors=[("Marines", None)], date="2020-01-01", place="Baghdad", trigger="tear gas")),
    ]
    (inc,) = incidents(recs)
    assert inc.n_articles == 2


def test_a_bare_reference_joins_on_place_mode_and_wording():
    def ev(eid, date=None, mode="heavy-weapons", trigger="rocket attack", actors=()):
        e = event(eid, "ASSAULT", actors=actors, recipients=[] if not actors else [USMIL], date=date,
                  place="Kirkuk", trigger=trigger)
        return e.model_copy(update={"mode": mode})
    recs = [
        record("a", "Tigris Wire", "2019-12-28", ev("e1", date="2019-12-27", actors=[KH])),
        record("b", "Levant Observer", "2019-12-30", ev("e1")),                       # "the rocket attack near Kirkuk"
        record("c", "Gulf Ledger", "2019-12-30", ev("e1", mode="aerial", trigger="air raid")),  # another kind
    ]
    incs = sorted(incidents(recs), key=lambda i: -i.n_articles)
    assert [i.n_articles for i in incs] == [2, 1]
