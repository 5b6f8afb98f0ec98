"""The places extractor: resolution given spans, recognition, sites, demonyms, metonymy, and the
helpers the events stage uses."""
from __future__ import annotations

import pytest

import tocsin
from tocsin import nlp as nlp_loader
from tocsin.context import Context
from tocsin.errors import UsageError
from tocsin.extract import places as places_mod
from tocsin.ingest.readers import ArticleInput
from tocsin.pipeline import make_article

from conftest import shared_path


def _ctx(text: str) -> Context:
    art = make_article(ArticleInput(text=text, origin="test"))
    ctx = Context(article=art, doc=nlp_loader.load()(text))
    ctx.places = places_mod.extract(ctx)
    return ctx


def _spans(text, *names):
    out, pos = [], 0
    for n in names:
        i = text.index(n, pos)
        out.append((i, i + len(n)))
        pos = i + len(n)
    return out


def test_resolve_places_keeps_order_and_offsets():
    text = "Rockets hit a base near Kirkuk, Iraq, and later Baghdad."
    spans = _spans(text, "Kirkuk", "Iraq", "Baghdad")
    res = tocsin.resolve_places(text, spans)
    assert [(p.start, p.end) for p in res] == spans
    assert [p.text for p in res] == ["Kirkuk", "Iraq", "Baghdad"]
    assert [p.geonameid for p in res] == [94787, 99237, 98182]
    assert res[0].feature == "city" and res[0].country == "IQ" and res[1].feature == "country"


def test_qualifier_picks_the_town_in_the_named_state():
    text = "A fire broke out in Alexandria, La., on Friday."
    (p,) = tocsin.resolve_places(text, _spans(text, "Alexandria"))
    assert p.country == "US" and p.admin1 == "Louisiana"
    text = "A fire broke out in Alexandria, Egypt, on Friday."
    (p, _) = tocsin.resolve_places(text, _spans(text, "Alexandria", "Egypt"))
    assert p.country == "EG" and p.feature == "city"


def test_context_of_other_places_decides():
    text = "Police in Paris and Dallas said the Texas storm closed roads near Tyler."
    res = tocsin.resolve_places(text, _spans(text, "Paris", "Dallas", "Texas", "Tyler"))
    assert res[0].country == "US" and res[0].admin1 == "Texas"
    text = "Police in Paris and Lyon said the storm hit France."
    assert tocsin.resolve_places(text, _spans(text, "Paris"))[0].country == "FR"


def test_alternate_spelling_and_demonym_span():
    text = "Kerkuk was quiet; Turkish troops stayed home."
    res = tocsin.resolve_places(text, _spans(text, "Kerkuk", "Turkish"))
    assert res[0].geonameid == 94787
    assert res[1].geonameid == 298795 and res[1].feature == "country"


def test_bad_spans_are_a_usage_error():
    with pytest.raises(UsageError):
        tocsin.resolve_places("Baghdad", [(0, 40)])
    assert tocsin.resolve_places("Baghdad", []) == []


def test_demonym_is_evidence_not_a_place():
    ctx = _ctx("Iraqi soldiers were wounded in the attack on Tuesday.")
    assert not [p for p in ctx.places if p.text == "Iraqi"]
    ev = ctx.shared["geo_evidence"]
    assert ev and ev[0]["text"] == "Iraqi" and ev[0]["country"] == "IQ"


def test_metonymy_is_flagged():
    ctx = _ctx("Washington said on Tuesday that it would send more troops to Baghdad.")
    wash = next(p for p in ctx.places if p.text == "Washington")
    bag = next(p for p in ctx.places if p.text == "Baghdad")
    assert wash.metonymy is True and bag.metonymy is False
    assert bag.geonameid == 98182


def test_site_located_by_its_toponym():
    text = "Protesters stormed the U.S. embassy in Baghdad on Tuesday."
    ctx = _ctx(text)
    site = next(p for p in ctx.places if p.feature == "site")
    assert "embassy" in site.text and site.text == text[site.start:site.end]
    assert site.country == "IQ" and site.geonameid is None and "Baghdad" in site.name
    tok = next(t for t in ctx.doc if t.text == "stormed")
    loc = places_mod.location_for(ctx, tok)
    assert loc.precision == "site" and loc.country == "IQ"


def test_place_for_clause_falls_back_to_the_article_focus():
    ctx = _ctx("Fighting raged in Aleppo, Syria, for a week. Aleppo was shelled again. "
               "The ministry said nothing more.")
    assert places_mod.article_focus(ctx).name.startswith("Aleppo") or places_mod.article_focus(ctx).country == "SY"
    said = next(t for t in ctx.doc if t.text == "said")
    loc = places_mod.location_for(ctx, said)
    assert loc.precision == "article" and loc.country == "SY"
    raged = next(t for t in ctx.doc if t.text == "raged")
    assert places_mod.place_for_clause(ctx, raged).country == "SY"


def test_ids_in_text_order_and_spans_match_text():
    text = "From Basra to Mosul, Iraq, and on to Damascus."
    ctx = _ctx(text)
    assert [p.id for p in ctx.places] == [f"p{i}" for i in range(1, len(ctx.places) + 1)]
    assert all(text[p.start:p.end] == p.text for p in ctx.places)
    assert [p.start for p in ctx.places] == sorted(p.start for p in ctx.places)


def test_odd_text_does_not_raise():
    for text in ["...", "A" * 50, "The the the", "Xyzzy, Plugh."]:
        _ctx(text)


def test_seed_places_resolved(seed_text, seed_gold):
    ctx = _ctx(seed_text)
    got = {p.geonameid for p in ctx.places}
    missing = [g["name"] for g in seed_gold["places"] if g["geonameid"] not in got]
    assert not missing


def test_lgl_slice_gold_toponyms():
    from tocsin.evaluate.geo import read_gold, score_gold_toponyms

    arts = read_gold(shared_path("data", "geo", "lgl.xml"))[:60]
    sc = score_gold_toponyms(arts)
    assert sc.n > 300
    assert sc.exact / sc.n >= 0.72
    assert sc.near / sc.n >= 0.74


def test_unknown_local_name_takes_the_point_of_the_town_it_is_in():
    text = ("Firefighters were called to Zyxwood Park in Fargo on Sunday. Fargo police said the fire "
            "started near the park's gate.")
    park, fargo = tocsin.resolve_places(text, _spans(text, "Zyxwood Park", "Fargo"))
    assert fargo.country == "US" and fargo.geonameid is not None
    assert park.geonameid is None  # not in the gazetteer: no id is invented
    assert (park.lat, park.lon, park.country) == (fargo.lat, fargo.lon, fargo.country)
    assert park.name == "Zyxwood Park, Fargo" and park.feature is None


def test_unknown_name_alone_stays_without_a_point():
    text = "They met at Zyxwood Park."
    (park,) = tocsin.resolve_places(text, _spans(text, "Zyxwood Park"))
    assert park.geonameid is None and park.lat is None


def test_states_named_together_are_states():
    text = "Storms moved from Oklahoma into Texas and Wyoming, officials in Tulsa said."
    res = tocsin.resolve_places(text, _spans(text, "Oklahoma", "Texas", "Wyoming", "Tulsa"))
    assert [p.feature for p in res[:3]] == ["admin1"] * 3


def test_name_closing_a_longer_name_or_speaking_is_no_local_town():
    from tocsin.geo.recognize import _in_longer_name, _speaks, settings

    doc = nlp_loader.load()("Workers at the Taco Bell left. Nelson said East Bank Mayor Chuck Blair agreed.")

    def span(word):
        i = next(t.i for t in doc if t.text == word)
        return doc[i:i + 1]

    assert _in_longer_name(doc, span("Bell"))       # "Taco Bell"
    assert not _in_longer_name(doc, span("East"))   # a name the place opens is fine
    assert _speaks(span("Nelson"), settings())      # "Nelson said": a person
    assert not _speaks(span("Bell"), settings())


def test_place_opening_an_institution_name_is_the_toponym():
    ctx = _ctx("Deputies of the Alachua County Sheriff's Office arrested two men in Gainesville, Fla., "
               "and the Henderson County Jail in Texas took them in.")
    names = [p.text for p in ctx.places]
    assert "Alachua County" in names
    assert "Henderson County" in names and "Henderson County Jail" not in names


def test_county_abbreviation_is_a_designator():
    text = "The fair opens in Platte Co., Missouri, next week."
    (p, _) = tocsin.resolve_places(text, _spans(text, "Platte Co.", "Missouri"))
    assert p.feature == "admin2" and p.country == "US" and p.admin1 == "Missouri"


def test_streets_and_numbered_roads_are_toponyms():
    from tocsin.geo.recognize import _roads, settings

    text = ("Crews closed Highway 19 and County Road 109 near Clinton Street. The S.C. Highway Patrol "
            "said E. Broad St. reopened.")
    got = [(text[f.start:f.end], f.kind) for f in _roads(text, settings(), lambda a, b: False)]
    assert got == [("Highway 19", "road"), ("County Road 109", "road"), ("Clinton Street", "toponym"),
                   ("E. Broad St.", "toponym")]
    ctx = _ctx("Traffic on KY 52 and Highway 19 slowed near Irvine, Kentucky.")
    names = [p.text for p in ctx.places]
    assert "KY 52" in names and "Highway 19" not in names and "Highway" not in names
    ctx = _ctx("A crash closed Clinton Street in Marietta, Ohio, on Monday.")
    names = [p.text for p in ctx.places]
    assert "Clinton Street" in names and "Clinton" not in names


def test_direction_words_and_party_home_towns():
    ctx = _ctx("State Sen. Robert Ford, D-Charleston, said patients at the Northeast Georgia Medical "
               "Center were moved.")
    names = [p.text for p in ctx.places]
    assert "Charleston" in names and "Georgia" in names


def test_dateline_place_in_capitals():
    from tocsin.geo import gazetteer
    from tocsin.geo.recognize import _datelines

    text = "Road reopens. SOUTH CHARLESTON, W.Va. -- Crews said. BEIRUT (AP) — Talks went on. NASA, the agency, said."
    got = [text[a:b] for a, b in _datelines(text, gazetteer.load())]
    assert got == ["SOUTH CHARLESTON", "BEIRUT"]


def test_capitalised_word_before_a_place_completes_its_name():
    ctx = _ctx("The mayor of New London met officials in Hartford. The Jordan family lives in Omaha.")
    names = [p.text for p in ctx.places]
    assert "New London" in names
    assert not any(n.startswith("The ") for n in names)


def test_dateline_place_is_read_but_is_no_event_location():
    text = "COLUMBIA, Ky. (WBKO) - A man was killed Monday in a crash near Glasgow, police said."
    art = make_article(ArticleInput(text=text, origin="test"))
    assert any(x.reason == "dateline" for x in art.excluded)
    ctx = Context(article=art, doc=nlp_loader.load()(text))
    ctx.places = places_mod.extract(ctx)
    names = [p.text for p in ctx.places]
    assert names[:2] == ["COLUMBIA", "Ky."]
    focus = places_mod.article_focus(ctx)
    assert focus is None or focus.text != "COLUMBIA"


def test_lone_foreign_village_is_left_for_a_stand_in():
    text = ("Flights from Heathrow were cancelled on Friday. Passengers in London and Manchester "
            "waited while staff in Glasgow said the strike would go ahead across Britain.")
    res = tocsin.resolve_places(text, _spans(text, "Heathrow", "London", "Manchester", "Glasgow", "Britain"))
    heathrow, london = res[0], res[1]
    assert london.country == "GB" and london.geonameid is not None
    assert heathrow.geonameid is None and heathrow.country == "GB"  # not Heathrow, Florida


def test_names_listed_before_a_plural_designator_are_toponyms():
    text = ("Flood warnings went out for Lucas, Wood and Ottawa counties in Ohio on Friday, and "
            "crews closed the ramp between Oak and Maple streets.")
    got = {p.text for p in _ctx(text).places}
    assert {"Lucas", "Wood", "Ottawa", "Oak", "Maple"} <= got
    assert not any(p.text.endswith(("counties", "streets")) for p in _ctx(text).places)


def test_known_town_before_a_resident_noun_is_a_toponym():
    text = "A Rochester man was charged on Monday after Grovetown police stopped his truck."
    got = {p.text for p in _ctx(text).places}
    assert {"Rochester", "Grovetown"} <= got
    text = "The Smith family said the Baker house was quiet."
    assert not {"Smith", "Baker"} & {p.text for p in _ctx(text).places}


def test_a_person_named_anywhere_in_the_article_is_no_place():
    text = ("Officer Dana Webster stopped a van on Elm Road. Deputies said Webster called for help "
            "and Webster later wrote the report.")
    assert "Webster" not in {p.text for p in _ctx(text).places}


def test_a_name_used_as_a_place_stays_a_place_beside_a_person_of_that_name():
    text = ("Greer Station drew a crowd on Friday. Shops in Greer stayed open late, and the "
            "Greer police closed two roads.")
    got = [p.text for p in _ctx(text).places]
    assert got.count("Greer") >= 2


def test_regions_and_names_completed_on_the_right():
    text = "Envoys toured the Middle East in May and met settlers in the West Bank near Hebron."
    got = {p.text for p in _ctx(text).places}
    assert {"Middle East", "West Bank"} <= got


def test_a_demonym_used_as_a_noun_is_not_counted_as_adjectival():
    ctx = _ctx("She learned English in school and now teaches Egyptian students.")
    ev = {d["text"]: d["adjectival"] for d in ctx.shared["geo_evidence"]}
    assert ev.get("Egyptian") is True
    assert ev.get("English", False) is False


def test_state_code_outside_a_qualifier_and_non_place_heads_are_dropped():
    text = ("Crews worked on KY 52 near Irvine, KY, while the Webb Center hosted a dinner in "
            "Lexington.")
    got = [(p.text, p.start) for p in _ctx(text).places]
    names = [t for t, _ in got]
    assert "Webb Center" not in names
    assert names.count("KY") == 1 and text[[s for t, s in got if t == "KY"][0] - 2:][:2] == ", "


def test_state_inside_an_organisation_name_after_a_compass_word_or_of():
    text = "She spoke to the Western Oregon Garden Society and the University of Idaho College of Law."
    got = {p.text for p in _ctx(text).places}
    assert {"Oregon", "Idaho"} <= got


def test_demonym_opening_an_organisation_name_is_country_evidence():
    ctx = _ctx("A statement from the Egyptian Foreign Ministry was read on Sunday.")
    ev = [(d["text"], d["country"], d["adjectival"]) for d in ctx.shared["geo_evidence"]]
    assert ("Egyptian", "EG", True) in ev


def test_names_in_a_list_of_counties_resolve_to_the_counties():
    text = "Storm warnings covered Becker, Clay and Grant counties in Minnesota on Sunday."
    spans = _spans(text, "Becker", "Clay", "Grant", "Minnesota")
    res = tocsin.resolve_places(text, spans)
    assert [p.feature for p in res[:3]] == ["admin2", "admin2", "admin2"]
    assert all(p.admin1 == "Minnesota" for p in res[:3])


def test_demonym_of_a_people_is_no_country_evidence():
    ctx = _ctx("The museum shows Native American pottery beside Mexican textiles.")
    ev = {d["text"] for d in ctx.shared["geo_evidence"]}
    assert "Mexican" in ev and "American" not in ev


def test_the_gulf_alone_is_a_place_in_a_middle_east_story():
    ctx = _ctx("Two oil tankers were attacked in the Gulf on Thursday, and Iran denied any role.")
    assert any(p.text.endswith("Gulf") for p in ctx.places)


def test_a_region_name_never_resolves_to_a_town_of_that_name():
    ctx = _ctx("U.S. officials said the United States would send troops across the Middle East, "
               "from Lebanon to Yemen.")
    me = [p for p in ctx.places if p.text == "Middle East"]
    assert me and all(p.feature not in ("city", "site", "admin2") for p in me)
    assert all(p.country != "US" for p in me)
