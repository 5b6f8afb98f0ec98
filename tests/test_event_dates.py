"""Event dates and places: the timex stage's one attachment of timexes to event mentions; no event located at a borrowed point."""
from __future__ import annotations

from tocsin.context import Context
from tocsin.extract import timexes
from tocsin.extract.event_dates import calendar_dates, event_date
from tocsin.extract.events.lexicon import load
from tocsin.ingest.readers import ArticleInput
from tocsin.pipeline import make_article, parse

# 2019-12-31 is a Tuesday.


def _ctx(text: str, published: str | None = "2019-12-31") -> Context:
    art = make_article(ArticleInput(text=text, origin="test", published=published))
    ctx = Context(article=art, doc=parse(art))
    ctx.timexes = timexes.extract(ctx)
    return ctx


def _date(ctx: Context, word: str):
    tok = next(t for t in ctx.doc if t.text == word)
    para = ctx.text.rfind("\n\n", 0, tok.idx)
    return event_date(ctx, tok.sent, {tok.i}, 0 if para < 0 else para + 2,
                      reporting=load().cue_set("reporting_verbs"))


def test_clause_modifier_dates_the_event():
    ctx = _ctx("Militias stormed the embassy on Tuesday. Officials were alarmed.")
    d = _date(ctx, "stormed")
    assert (d.value, d.text, d.precision, d.source) == ("2019-12-31", "Tuesday", "day", "modifier")


def test_earlier_sentence_of_the_paragraph_dates_by_discourse():
    ctx = _ctx("A rocket hit the base on Friday. Two soldiers died in the blast.")
    d = _date(ctx, "died")
    assert (d.value, d.source) == ("2019-12-27", "discourse")


def test_new_paragraph_without_date_falls_back_to_publication_honestly():
    ctx = _ctx("A rocket hit the base on Friday.\n\nThe governor condemned violence.")
    d = _date(ctx, "condemned")
    assert (d.value, d.precision, d.source) == ("2019-12-31", "unknown", "published")


def test_date_describing_a_name_is_background():
    ctx = _ctx("Hamas, which the European Union listed as a terrorist group in 2003, called for a strike. "
               "Its leaders later demanded talks.")
    assert _date(ctx, "called").source == "published"
    assert _date(ctx, "demanded").source == "published"


def test_clause_on_an_event_noun_still_dates_it():
    ctx = _ctx("After attacks on tankers blamed on Iran in May, the minister ordered an evacuation.")
    assert _date(ctx, "evacuation").value == "2019-05"


def test_reporting_verb_date_is_not_the_event_date():
    ctx = _ctx("The ministry said on Monday that troops had shelled the village.")
    assert _date(ctx, "shelled").source == "published"


def test_no_publication_date_and_no_timex_gives_none():
    ctx = _ctx("Troops shelled the village.", published=None)
    assert _date(ctx, "shelled") is None
    assert calendar_dates(ctx.timexes) == []


def test_a_borrowed_point_is_no_event_location():
    """An unidentified toponym ("the Middle East" has no region entry) only borrows a point from
    the document; an event is never located there."""
    import tocsin

    rec = tocsin.extract("American jets struck militia bases across the Middle East on Sunday, "
                         "officials in Baghdad said.", published="2020-01-07")
    borrowed = [p for p in rec.places if p.geonameid is None and p.feature is None and p.lat is not None]
    assert borrowed, "the test needs a borrowed point"
    for e in rec.events:
        assert e.location is None or e.location.name not in {p.text for p in borrowed}
