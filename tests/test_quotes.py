"""Quotes and speakers: hand-written sentences through the whole pipeline, the seed article's
quotes, and a small PolNeAR slice with a loose floor."""
from __future__ import annotations

import pytest

from tests.conftest import shared_path


def _code(text: str, published: str | None = "2020-01-07"):
    """The stages quotes depend on (parse, entities with coreference), then quotes: real parts,
    without the later stages."""
    from tocsin.context import Context
    from tocsin.extract import entities, quotes
    from tocsin.ingest.readers import ArticleInput
    from tocsin.pipeline import make_article, parse
    from tocsin.record import Record

    article = make_article(ArticleInput(text=text, origin="<test>", published=published))
    ctx = Context(article=article, doc=parse(article))
    ctx.entities = entities.extract(ctx)
    ctx.quotes = quotes.extract(ctx)
    return Record(article=article, entities=ctx.entities, quotes=ctx.quotes)


def _quotes(text: str):
    rec = _code(text)
    for q in rec.quotes:
        assert q.text == rec.article.text[q.start:q.end]
        if q.cue:
            assert q.cue.text == rec.article.text[q.cue.start:q.cue.end]
        if q.speaker and q.speaker.start is not None:
            assert q.speaker.text == rec.article.text[q.speaker.start:q.speaker.end]
    assert [q.id for q in rec.quotes] == [f"q{i}" for i in range(1, len(rec.quotes) + 1)]
    assert [q.start for q in rec.quotes] == sorted(q.start for q in rec.quotes)
    return rec.quotes


def _marked(quotes):
    return [q for q in quotes if q.kind in ("direct", "partial")]


def test_inverted_cue_names_the_speaker():
    qs = _marked(_quotes("“We will not back down,” said Senator Jane Holloway."))
    assert len(qs) == 1
    q = qs[0]
    assert q.kind == "direct" and q.text.startswith("We will not back down")
    assert q.cue.text == "said"
    assert "Holloway" in (q.speaker.name or "")


def test_apostrophe_is_not_a_quotation_mark():
    text = ("The militias’ leaders met in the capital on Monday. "
            "“The talks have failed,” the foreign minister said afterwards.")
    qs = _marked(_quotes(text))
    assert [q.text for q in qs] == ["The talks have failed,"]
    assert qs[0].speaker.text == "the foreign minister"


def test_scare_quotes_are_not_quotes():
    text = ("The administration’s “maximum pressure” campaign intensified as the so-called "
            "“protesters” gathered outside the embassy.")
    assert _marked(_quotes(text)) == []


def test_quotation_running_over_two_paragraphs_is_one_quote():
    text = ("Maria Lopez, the mayor of the city, spoke to reporters on Friday.\n\n"
            "“The water supply is safe. We tested it twice this week.\n\n"
            "“Nobody should panic,” Lopez said.\n")
    qs = _marked(_quotes(text))
    assert len(qs) == 1
    q = qs[0]
    assert q.text.startswith("The water supply is safe") and "Nobody should panic" in q.text
    assert "Lopez" in q.speaker.name


def test_partial_quote_inside_reported_speech():
    text = ("Senator Tom Briggs met the president on Tuesday, saying the president was "
            "“determined to protect American personnel” in the region.")
    qs = _marked(_quotes(text))
    assert len(qs) == 1
    assert qs[0].kind == "partial"
    assert qs[0].text == "determined to protect American personnel"
    assert "Briggs" in qs[0].speaker.name


def test_indirect_speech_from_the_parse():
    qs = _quotes("U.S. officials said they would send additional troops to the area.")
    ind = [q for q in qs if q.kind == "indirect"]
    assert len(ind) == 1
    assert ind[0].text == "they would send additional troops to the area"
    assert ind[0].speaker.text == "U.S. officials"
    assert ind[0].cue.text == "said"


def test_according_to_gives_the_source():
    text = ("The strike killed 24 people, according to a statement from the Health Ministry.\n\n"
            "The move “hurt the coalition’s ability to counter the threat,” according to a Pentagon report.")
    qs = _quotes(text)
    ind = [q for q in qs if q.kind == "indirect"]
    assert ind and ind[0].cue.text == "according to"
    assert "Health Ministry" in ind[0].speaker.text
    part = [q for q in qs if q.kind == "partial"]
    assert len(part) == 1 and part[0].cue.text == "according to"
    assert "Pentagon report" in part[0].speaker.text


def test_channel_role_and_pronoun_speaker():
    text = ("“The effectiveness of the effort would be rapidly degraded,” Alex Mello, a security "
            "consultant, told The Daily Beast.\n\n"
            "“They have become accustomed to operating with support,” he said.\n\n"
            "“This is a disgrace,” Senator Ann Walsh said on Twitter.")
    qs = _marked(_quotes(text))
    assert len(qs) == 3
    assert qs[0].channel == "The Daily Beast"
    assert qs[0].speaker.name == "Alex Mello" and qs[0].speaker.role == "a security consultant"
    assert qs[1].speaker.text == "he" and qs[1].speaker.name == "Alex Mello"
    assert qs[2].channel == "Twitter" and "Walsh" in qs[2].speaker.name


def test_quote_without_cue_takes_the_paragraph_speaker():
    text = ("But Mello says conventional troops would also feel the effect of a drawdown. "
            "“They have become accustomed to operating with U.S. support.”")
    qs = _marked(_quotes(text))
    assert len(qs) == 1 and "Mello" in (qs[0].speaker.name or qs[0].speaker.text)


@pytest.mark.parametrize("text", [
    "“", "”“", "\"\"\"", "He said “", "‘’’ ’’", "“ ” “ ”\n\n“", "said said said",
    "According to", "“" * 50 + "x", "Smith: “", "“a”\n\n“b\n\n“c",
])
def test_odd_text_never_raises(text):
    _quotes(text)


def test_seed_quotes_right_speakers_no_duplicates_no_scare(seed_record, seed_gold):
    from tocsin.evaluate.seed import score_quotes

    res = score_quotes(seed_record, seed_gold)
    required = [i for i, g in enumerate(seed_gold["quotes"]) if not g.get("optional")]
    assert [i for i in required if not res["right"].get(i)] == []
    assert res["duplicates"] == 0
    assert res["scare"] == []
    # a pull-quote box repeats a body quote: it is reported once, from the body
    for q in seed_record.quotes:
        assert not any(e.start < q.end and q.start < e.end for e in seed_record.article.excluded)


def test_polnear_reader_spans_match_the_text():
    from tocsin.evaluate.polnear import load_split

    docs = load_split(shared_path("data", "polnear"), "dev", limit=3)
    assert len(docs) == 3
    for d in docs:
        assert d.gold and d.published
        for g in d.gold:
            assert g.text.replace(" ", "") and all(0 <= a < b <= len(d.text) for a, b in g.content)


def test_polnear_slice_floor():
    from tocsin.evaluate.polnear import load_split, score

    docs = load_split(shared_path("data", "polnear"), "dev", limit=8)
    recs = [_code(d.text, d.published) for d in docs]
    res = score(docs, recs)
    assert res.content_q.f1 >= 0.75
    assert res.speaker_q.f1 >= 0.6
    assert res.speaker_all.f1 >= 0.4


def test_naming_verb_puts_a_quoted_term_on_something():
    # the small parser hangs the quoted complement on the root; the naming verb still cues it
    qs = _quotes('The mayor called that report on Friday a "shameless fabrication."')
    hits = [q for q in qs if "shameless fabrication" in q.text]
    assert len(hits) == 1
    assert hits[0].cue.text == "called"
    assert hits[0].speaker.text == "The mayor"


def test_title_in_a_venue_is_not_what_was_said():
    qs = _quotes('“We will keep going,” Senator Mara Quint told NBC’s “Today” on Monday.')
    assert not any("Today" in q.text and q.text != "We will keep going," for q in qs)
    assert any(q.text == "We will keep going," and "Quint" in (q.speaker.name or "") for q in qs)


def test_relative_pronoun_is_the_speaker_span_named_by_its_antecedent():
    text = "The plan was attacked by Senator Ruth Alder, who said it was “a gift to polluters.”"
    qs = _marked(_quotes(text))
    assert len(qs) == 1
    sp = qs[0].speaker
    assert sp.text == "who"
    assert "Alder" in (sp.name or "")


def test_inner_cue_of_an_adverbial_clause_keeps_its_own_speaker():
    text = ("Mayor Tom Brandt said the vote was close, though his deputy Ann Vole said, "
            "“We expected to lose by more.”")
    qs = _marked(_quotes(text))
    assert len(qs) == 1
    assert "Vole" in (qs[0].speaker.name or qs[0].speaker.text)


def test_document_writer_named_by_a_verb_is_the_speaker():
    text = ("Governor Lena Park issued a statement saying the state “will not abandon the "
            "families who lost their homes.”")
    qs = _marked(_quotes(text))
    assert len(qs) == 1
    assert "Park" in (qs[0].speaker.name or "") and "statement" not in qs[0].speaker.text


def test_colon_after_a_name_with_party_and_state():
    text = 'Rep. Dana Whitcomb (R-Ohio): "I have not seen that figure anywhere."'
    qs = _marked(_quotes(text))
    assert len(qs) == 1
    assert "Whitcomb" in (qs[0].speaker.name or qs[0].speaker.text)


def test_line_breaks_separate_paragraphs_in_long_line_text():
    from tocsin.extract.quotes.marks import paragraphs

    long = "The council met on Tuesday to discuss the budget and several other matters of note. " * 2
    text = "Title line.\n\n" + long + "\n" + long + "\n" + long + "\nShe said:\n“It is done.”"
    paras = paragraphs(text)
    assert len(paras) == 5  # the title, three long lines, and 'She said:' runs on into its quote
    assert text[paras[-1][0]:paras[-1][1]].startswith("She said:")


def test_speaker_name_credit_needs_the_name_not_a_modifier():
    from tocsin.evaluate.polnear import _names_source

    assert _names_source("Elizabeth Warren", "Warren")
    assert _names_source("Claire McCaskill", "Democratic Sen. Claire McCaskill (D-Mo.)")
    assert not _names_source("Donald Trump", "the Trump campaign")
    assert not _names_source("Donald Trump", "Trump’s spokeswoman")


def test_parenthetical_speech_verb_reports_its_clause():
    text = ("Johnson is more tactful. The nominee, he said, watched the games to see "
            "“how high those vaulters could go.”")
    qs = _marked(_quotes(text))
    assert len(qs) == 1
    assert qs[0].cue.text == "said" and qs[0].speaker.text == "he"


def test_name_after_a_dash_signs_a_quotation_opening_a_line():
    text = ("What readers told us.\n\n“We will rebuild this town, one house at a time.” ― Carla Nunez\n"
            "“Nobody here expected the water to rise so fast.” ― Tom Reyes")
    qs = _marked(_quotes(text))
    assert [q.kind for q in qs] == ["direct", "direct"]
    assert ["Nunez" in (qs[0].speaker.name or ""), "Reyes" in (qs[1].speaker.name or "")] == [True, True]


def test_quoted_label_after_as_is_what_the_subject_says():
    qs = _quotes("Mayor Ines Thorvald keeps describing the developer as a “land shark” at council meetings.")
    hit = [q for q in qs if "land shark" in q.text]
    assert len(hit) == 1 and "Thorvald" in (hit[0].speaker.name or "")
    # a name given to a thing is no attribution
    assert not _quotes("The bill, known as the “Clean Harbours Act” passed easily.")


def test_closing_mark_opening_a_paragraph_opens_a_quotation():
    text = "Readers wrote in.\n\n”The new bridge has changed our town for the better,” wrote Lena Voss."
    qs = _marked(_quotes(text))
    assert len(qs) == 1 and qs[0].text.startswith("The new bridge") and "Voss" in (qs[0].speaker.name or "")


def test_went_on_about_is_a_speech_cue():
    qs = _quotes("As the mayor went on about “a rigged budget,” the crowd cheered.")
    hit = [q for q in qs if "rigged budget" in q.text]
    assert len(hit) == 1 and hit[0].speaker is not None and "mayor" in (hit[0].speaker.text or "").lower()


def test_phrasal_verb_before_a_quoted_label():
    qs = _quotes("Lately, Mayor Ines Thorvald has gone after the developer as a “land shark” at every meeting.")
    hit = [q for q in qs if "land shark" in q.text]
    assert len(hit) == 1 and "Thorvald" in (hit[0].speaker.name or "")


def test_likened_to_a_quoted_label_is_reported_speech_but_other_to_phrases_are_not():
    qs = _quotes("At a rally, Mayor Ines Thorvald likened the developers to a “hungry wolf” in a fable.")
    assert any("hungry wolf" in q.text and "Thorvald" in (q.speaker.name or "") for q in qs)
    assert not _quotes("The crew went to the shop to buy a “special” part.")


def test_exhorted_to_is_a_speech_cue():
    qs = _quotes('Senator Abe Kowal exhorted voters to "stay home and rest" on Sunday.')
    assert any("stay home" in q.text and "Kowal" in (q.speaker.name or "") for q in qs)
