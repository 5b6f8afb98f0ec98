"""The actor knowledge base, the entity ruler it feeds and the coding of entities."""
from __future__ import annotations

import pytest

from tocsin.actors import kb as kb_mod
from tocsin.errors import DataError, UsageError
from tocsin.extract import entities as entities_stage


def _code(text: str):
    """Parse a text and run the entity stage only (what later stages see in ctx.entities)."""
    from tocsin import nlp
    from tocsin.context import Context
    from tocsin.record import Article, Extractor

    article = Article(id="t", text=text, text_sha256="-", extractor=Extractor(version="test"))
    ctx = Context(article=article, doc=nlp.load()(text))
    ctx.entities = entities_stage.extract(ctx)
    return ctx


def _by_text(rec, text):
    for e in rec.entities:
        if any(m.text == text for m in e.mentions):
            return e
    return None


def test_kb_loads_states_groups_and_agents():
    kb = kb_mod.load()
    assert kb.lookup("the United States").code == "USA"
    assert kb.lookup("U.S.").code == "USA"
    kh = kb.lookup("Kata'ib Hizballah")
    assert kh.kind == "armed_group" and kh.country == "IRQ" and "IRN" in kh.patrons
    assert kb.lookup("Daesh").name == "Islamic State"
    assert kb.lookup("Houthis").country == "YEM"
    assert kb.demonyms["Iraqi"] == "IRQ"
    assert kb.capitals["Tehran"] == "IRNGOV"
    assert kb.agents["troops"].sector == "MIL"
    assert kb.agents["police"].sector == "COP"
    groups = [a for a in kb.actors.values() if a.kind == "armed_group"]
    assert len(groups) >= 60


def test_ruler_fixes_ner_for_groups_and_platforms():
    rec = _code("Members of Kataib Hezbollah rallied in Baghdad. Rubio wrote on Twitter that "
                         "the group must be stopped.")
    kh = _by_text(rec, "Kataib Hezbollah")
    assert kh.kind == "armed_group" and kh.code == "IRQREB" and kh.country == "IRQ"
    tw = _by_text(rec, "Twitter")
    assert tw.kind == "media" and tw.sector == "MED"
    assert _by_text(rec, "the group") is kh


def test_demonym_modifiers_set_country_and_sector():
    rec = _code("Turkish soldiers shelled a village on Monday. An American contractor was wounded "
                         "and Kenyan police arrested two men. Officials of Nigeria declined to comment.")
    soldiers = _by_text(rec, "Turkish soldiers")
    assert (soldiers.code, soldiers.country, soldiers.sector, soldiers.kind) == ("TURMIL", "TUR", "MIL", "military")
    contractor = _by_text(rec, "An American contractor")
    assert contractor.country == "USA" and contractor.kind == "person"
    police = _by_text(rec, "Kenyan police")
    assert police.code == "KENCOP"
    officials = _by_text(rec, "Officials")
    assert officials.code == "NGAGOV"


def test_possessive_state_and_capital_metonymy():
    rec = _code("Lebanon's parliament approved the plan, and Moscow said it would send envoys. "
                         "Talks with Tehran stalled while aid arrived in Beirut.")
    parl = _by_text(rec, "Lebanon's parliament") or _by_text(rec, "parliament")
    assert parl.code == "LBNLEG"
    assert _by_text(rec, "Moscow").code == "RUSGOV"
    assert _by_text(rec, "Tehran").code == "IRNGOV"
    assert _by_text(rec, "Beirut") is None  # a place, not an actor here


def test_compound_actors_split():
    rec = _code("Gunboats attacked Japanese, European, and Saudi oil tankers in the Gulf.")
    codes = {e.code for e in rec.entities if e.name.endswith("oil tankers")}
    assert {"JPNBUS", "EURBUS", "SAUBUS"} <= codes


def test_titles_and_party_tags():
    rec = _code("Sen. Jane Doerfler (D-VT) criticised the plan. Defense Minister Ali Karimi of Iraq "
                         "rejected it.")
    doerfler = _by_text(rec, "Jane Doerfler")
    assert doerfler.kind == "person" and doerfler.code == "USALEG"


def test_user_file_wins(tmp_path):
    f = tmp_path / "mine.yaml"
    f.write_text(
        "actors:\n"
        "  - {name: Kataib Hezbollah, aliases: [KH], kind: armed_group, country: IRQ, sector: REB, code: IRQREBKHB}\n"
        "  - {name: Northern Falcons Brigade, aliases: [Falcons Brigade], kind: armed_group, country: SYR}\n"
        "agents:\n"
        "  - {words: [vigilante, vigilantes], sector: REB, kind: armed_group}\n",
        encoding="utf-8")
    try:
        kb_mod.use_user_file(f)
        rec = _code("The Northern Falcons Brigade clashed with Kataib Hezbollah near the border.")
        assert _by_text(rec, "Kataib Hezbollah").code == "IRQREBKHB"
        falcons = next(e for e in rec.entities if e.name == "Northern Falcons Brigade")
        rec = _code("Iraqi vigilantes attacked a checkpoint.")
        assert _by_text(rec, "Iraqi vigilantes").code == "IRQREB"
        assert falcons.kind == "armed_group" and falcons.country == "SYR" and falcons.code == "SYRREB"
    finally:
        kb_mod.reset_user_files()
    rec = _code("Kataib Hezbollah fired rockets.")
    assert _by_text(rec, "Kataib Hezbollah").code == "IRQREB"


def test_user_file_errors(tmp_path):
    with pytest.raises(UsageError):
        kb_mod.use_user_file(tmp_path / "absent.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - {name: X Group, kind: militia}\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        kb_mod.use_user_file(bad)
    assert "kind" in str(exc.value)
    kb_mod.reset_user_files()


def test_odd_text_does_not_raise():
    for text in ["...", "“ ” “", "he said he said it they", "A" * 500, "The the the group group."]:
        rec = _code(text)
        for e in rec.entities:
            for m in e.mentions:
                assert rec.text[m.start:m.end] == m.text


# -- the seed article -------------------------------------------------------------------------
def test_seed_actor_targets(seed_record):
    rec = seed_record
    kh = _by_text(rec, "Kataib Hezbollah")
    assert kh.kind == "armed_group" and kh.country == "IRQ" and kh.code.startswith("IRQREB")
    assert not any(e.kind == "person" and "Kataib" in e.name for e in rec.entities)
    for name in ("Mike Pompeo", "The State Department"):
        e = _by_text(rec, name)
        assert e.country == "USA" and e.sector == "GOV", name
    for name in ("Lindsey Graham", "Marco Rubio", "Elizabeth Warren"):
        e = _by_text(rec, name)
        assert e.kind == "person" and e.country == "USA" and e.sector == "LEG", name
    assert _by_text(rec, "Iraqi politicians").country == "IRQ"
    assert _by_text(rec, "The Daily Beast").kind == "media"
    ids = [e.id for e in rec.entities]
    assert ids == [f"e{i}" for i in range(1, len(ids) + 1)]
    for e in rec.entities:
        for m in e.mentions:
            assert rec.article.text[m.start:m.end] == m.text


# -- PETRARCH2 GSR validation (a slice; the full score is `tocsin evaluate petrarch`) ------------
def test_petrarch_reader_tolerates_malformed_xml():
    from tests.conftest import shared_path
    from tocsin.evaluate.petrarch import read_records

    recs = read_records(shared_path("data", "petrarch", "PETR2_GSR_validation.xml"))
    assert len(recs) >= 60
    assert all(r.text and r.codings for r in recs)
    assert sum(len(r.codings) for r in recs) >= 75


def test_petrarch_slice_country_agreement():
    from tests.conftest import shared_path
    from tocsin.evaluate.petrarch import code_record, read_records

    recs = read_records(shared_path("data", "petrarch", "PETR2_GSR_validation.xml"))[:20]
    n = agree = 0
    for r in recs:
        _, pairs = code_record(r.text)
        for gs, gt in r.codings:
            n += 1
            agree += any(s[:3] == gs[:3] for s, _ in pairs)
    assert agree / n >= 0.6


def test_names_inside_names_and_members_of_groups():
    rec = _code("Acting Secretary Chad Wolf met Taliban negotiators. Hashd al-Shaabi fighters entered Tikrit.")
    wolf = _by_text(rec, "Chad Wolf")
    assert wolf is not None and wolf.kind == "person"
    assert not any(e.code == "TCD" for e in rec.entities)
    pmf = _by_text(rec, "Hashd al-Shaabi fighters")
    assert pmf is not None and pmf.kind == "armed_group" and pmf.code == "IRQREB"


def test_title_phrase_apposed_to_a_name_is_the_person():
    rec = _code("The Minister of Health, Nancy Perez, spoke today. Perez said the outbreak was contained.")
    perez = _by_text(rec, "Nancy Perez")
    assert perez.kind == "person" and perez.sector == "GOV"
    assert _by_text(rec, "The Minister") is perez
    assert _by_text(rec, "Perez") is perez


def test_lookup_of_a_name_in_capitals():
    """All-capitals text has lost the case the forms are written in: a multiword name is found
    whatever its case, and "THE" and a possessive go as "the" does; a single word is not
    ("ARMY" is no name)."""
    kb = kb_mod.load()
    assert kb.lookup("THE GUATEMALAN NATIONAL REVOLUTIONARY UNITY").name == "Guatemalan National Revolutionary Unity"
    assert kb.lookup("THE FMLN") is kb.lookup("FMLN'S") is kb.lookup("FMLN")
    assert kb.lookup("THE ARMY") is None
