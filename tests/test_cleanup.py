"""Cleanup marks non-body regions without changing the text."""
from tocsin.ingest.cleanup import find_excluded, mask


def regions(text):
    return [(e.reason, text[e.start:e.end]) for e in find_excluded(text)]


def test_dateline_prefix_only():
    text = "KIRKUK, Iraq (Tigris Wire) — Rockets struck a base on Friday.\n\nMore text follows here."
    assert regions(text) == [("dateline", "KIRKUK, Iraq (Tigris Wire) —")]
    masked = mask(text, find_excluded(text))
    assert len(masked) == len(text) and masked.lstrip().startswith("Rockets struck")


def test_byline_then_dateline():
    text = "By Samira Haddad\n\nBAGHDAD (Gulf Ledger) — Officials met on Monday.\n"
    assert regions(text) == [("byline", "By Samira Haddad"), ("dateline", "BAGHDAD (Gulf Ledger) —")]


def test_ordinary_opening_is_not_a_dateline():
    assert regions("Iranian-backed militia swarmed the embassy on Tuesday.\n") == []
    assert regions("The U.S. said on Monday — without evidence — that it acted.\n") == []


def test_pull_quote_box_with_attribution_line():
    body = ("“We will not back down from this fight,” the senator said on Tuesday in a statement.\n\n"
            "We will not back down from this fight.\n\nSen. Jane Roe (D-NY)\n\nOther news followed.\n")
    assert regions(body) == [("pull_quote", "We will not back down from this fight."),
                             ("pull_quote_attribution", "Sen. Jane Roe (D-NY)")]


def test_short_line_that_repeats_nothing_is_kept():
    text = "Police arrested five people.\n\nA new paragraph here.\n\nSen. Jane Roe (D-NY)\n"
    assert regions(text) == []


def test_boilerplate_lines():
    text = "Troops withdrew from the town.\nAdvertisement\nRead more: other stories\nThe end of the report.\n"
    assert regions(text) == [("boilerplate", "Advertisement"), ("boilerplate", "Read more: other stories")]


def test_after_a_line_of_body_text_only_a_known_place_opens_a_dateline():
    text = "QUITO, 3 MAY 90 (EFE).\n\nCUENCA -- A BOMB EXPLODED AT A BANK LAST NIGHT.\n"
    assert regions(text) == [("dateline", "CUENCA --")]
    text = "QUITO, 3 MAY 90 (EFE).\n\nTHREE NUNS -- AGED 60 AND 71 -- WERE HURT IN THE BLAST.\n"
    assert regions(text) == []
