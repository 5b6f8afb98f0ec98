"""Curly quotation marks glued to words are split off; apostrophes and hyphens are untouched."""
from tocsin import nlp


def tokens(text):
    return [t.text for t in nlp.load().tokenizer(text)]


def test_closing_mark_glued_to_the_next_word():
    assert tokens("of paranoia,”Clinton said.")[:6] == ["of", "paranoia", ",", "”", "Clinton", "said"]
    assert tokens("He said “Yes”and left.")[2:6] == ["“", "Yes", "”", "and"]


def test_apostrophes_and_hyphens_stay():
    assert tokens("The militias’ depots") == ["The", "militias", "’", "depots"]
    assert "U.S.-led" in tokens("U.S.-led forces")


def test_opening_mark_glued_after_a_colon_or_comma():
    assert tokens("They said:“No.”")[:5] == ["They", "said", ":", "“", "No"]
    assert tokens('Said Ellis,"we won."')[:5] == ["Said", "Ellis", ",", '"', "we"]
    assert tokens('the senator (R-S.C.):"I agree."')[-6:-3] == ["):", '"', "I"]


def test_inch_marks_and_plain_quotes_stay():
    assert tokens("a 5'10\" guard")[:2] == ["a", "5'10"]
    assert tokens('He said: "Yes."')[:4] == ["He", "said", ":", '"']
