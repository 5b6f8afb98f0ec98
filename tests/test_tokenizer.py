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
