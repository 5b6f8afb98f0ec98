"""Small slices of the public benchmarks with loose floors (full runs are commands)."""
from __future__ import annotations

from tests.conftest import shared_path


def test_wikievents_slice():
    from tocsin.evaluate.wikievents import code_context, load_docs, new_results, predicted, score_doc

    path = shared_path("data", "wikievents", "dev.jsonl")
    res = new_results()
    for n, (_id, text, gold_trigs, gold_args) in enumerate(load_docs(path)):
        if n >= 3:
            break
        ctx = code_context(text)
        pt, pm = predicted(ctx)
        score_doc(gold_trigs, gold_args, pt, pm, {p.id: p for p in ctx.places}, res)
    assert res["trigger classification"].f1 >= 0.4


def test_muc_key_reader_and_counts():
    from tocsin.evaluate.muc import _counts, gold_roles, read_keys, read_stories, story_text

    folder = shared_path("data", "muc4", "tst1")
    keys = read_keys(folder / "key-tst1.v7")
    stories = read_stories(folder / "tst1-muc3")
    assert len(stories) == 100
    tpls = keys["TST1-MUC3-0001"]
    roles = gold_roles(tpls)
    assert any("URNG" in alts for alts in roles["PerpOrg"])
    assert any(_counts(t) for t in tpls)
    assert story_text("  [TEXT] THE ARMY DENIED\nIT.\n\n  GUERRILLAS FLED.") == "THE ARMY DENIED IT.\n\nGUERRILLAS FLED."
    assert story_text("LIMA, 11 JAN 90 (EFE) -- [TEXT] THE ARMY\nDENIED IT.") == "LIMA, 11 JAN 90 (EFE).\n\nTHE ARMY DENIED IT."
    dev = shared_path("data", "muc4", "dev")
    dev_keys = read_keys(dev / "key-dev-0001.muc4")
    assert "DEV-MUC3-0001" in read_stories(dev / "dev-muc3-0001-0100")  # "DEV-MUC3-0001 (NOSC)"
    assert dev_keys["DEV-MUC3-0001"]  # "DEV-MUC3-0001 (NCCOSC)" in the key


def test_muc_role_mapping_on_an_all_capitals_story():
    """A made-up wire story in capitals: truecased for the parser, then mapped to MUC roles."""
    from tocsin.evaluate.muc import predicted_roles, story_text
    from tocsin.evaluate.wikievents import code_context
    from tocsin.extract.events.lexicon import load

    raw = ("SAN MIGUEL, 4 FEB 90 -- [TEXT] TERRORISTS OF THE FMLN BLEW UP A BRIDGE\n"
           "NEAR SAN MIGUEL TODAY.  THE ARMY REPORTED THAT GUERRILLAS KILLED TWO\n"
           "PEASANTS.  THREE SUBVERSIVES WERE KILLED DURING A CLASH WITH TROOPS.\n")
    ctx = code_context(story_text(raw), "1990-02-04")
    roles = predicted_roles(ctx, load())
    assert any(p.upper().endswith("FMLN") for p in roles["PerpOrg"])
    assert any("TERRORISTS" in p.upper() or "GUERRILLAS" in p.upper() for p in roles["PerpInd"])
    assert any("BRIDGE" in t.upper() for t in roles["Target"])
    assert any("PEASANTS" in v.upper() for v in roles["Victim"])
    assert not any("SUBVERSIVES" in v.upper() for v in roles["Victim"])  # combat losses
