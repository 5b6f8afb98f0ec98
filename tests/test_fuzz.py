"""Property tests of the whole extract path on hostile input (hypothesis).

Properties: nothing but a typed tocsin error escapes (with a one-line message); every offset in
the record lies inside the text and each span's ``text`` is the slice; the record validates
against the JSON Schema. The long fuzz run is `python fuzz/atheris_extract.py` (see docs).
"""
from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import tocsin
from tocsin.errors import ExtractionError, TocsinError
from tocsin.record import json_schema
from tocsin.spans import span_problems

SCHEMA = json_schema()
NEWS = (
    "Iranian-backed militia swarmed the U.S. embassy in Baghdad on Tuesday, officials said. "
    "“We responded defensively,” Secretary of State Mike Pompeo said. Two days before that, "
    "rockets hit a base near Kirkuk, Iraq, killing one American contractor.\n\n"
    "Police arrested 12 protesters in Basra on Friday, according to a statement.\n"
)
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


def check(text: str, published: str | None = "2019-12-31") -> None:
    try:
        rec = tocsin.extract(text, published=published)
    except ExtractionError:
        raise  # a stage crashed: a bug, not a refusal
    except TocsinError as exc:
        assert "\n" not in str(exc)
        return
    assert span_problems(rec) == []
    jsonschema.validate(json.loads(rec.model_dump_json()), SCHEMA)


@FUZZ
@given(st.text(min_size=1, max_size=600))
def test_random_unicode(text):
    check(text)


@FUZZ
@given(st.lists(st.sampled_from(["“", "”", '"', "’", "'", "\x00", "\x0b", "\u200b", "\u202e", "—", "\r\n",
                                 "\n\n", " said ", "Sen. ", " (R-SC)", "Two days before that", "ش", "中", "🙂"]),
                max_size=12),
       st.lists(st.integers(min_value=0, max_value=len(NEWS)), max_size=12))
def test_mutated_news(inserts, positions):
    text = NEWS
    for tok, pos in zip(inserts, positions):
        pos = min(pos, len(text))
        text = text[:pos] + tok + text[pos:]
    check(text)


@FUZZ
@given(st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp"]), min_size=1, max_size=300))
def test_control_and_space_characters(text):
    check("Troops attacked the town. " + text + " Police arrested five people.")


@pytest.mark.parametrize("published", [None, "2019-12-31"])
def test_without_and_with_publication_date(published):
    check(NEWS, published)


def test_very_long_sentence_and_token():
    words = " ".join(["the militia attacked the base and"] * 400) + " fled."
    check(words)
    check("Rockets hit " + "x" * 50_000 + " near Kirkuk on Friday.")


def test_huge_text_is_refused_with_a_clear_error():
    with pytest.raises(TocsinError) as info:
        tocsin.extract("Troops attacked the town. " * 400_000)  # about 10 MB
    assert "limit" in str(info.value)


def test_html_with_scripts_iframes_and_huge_attributes():
    from tocsin.errors import InputError
    from tocsin.ingest.readers import read_html

    html = (
        "<html><head><script>alert(1)</script><title>t</title></head><body>"
        f'<div data-x="{"a" * 200_000}"><iframe src="javascript:alert(2)"></iframe>'
        "<article><p>Police arrested five protesters in Basra on Monday, officials said.</p>"
        "<p onclick=\"alert(3)\">The protesters had called for the governor to resign.</p></article>"
        "<script>document.write('<p>fake</p>')</script></div></body></html>"
    )
    try:
        item = read_html(html, "page.html")
    except InputError:
        return
    assert "alert(" not in item.text
    check(item.text)


def test_non_english_is_skipped_with_a_reason():
    from tocsin.errors import NotEnglishError

    with pytest.raises(NotEnglishError) as info:
        tocsin.extract("Die Regierung hat am Dienstag neue Maßnahmen gegen die Gewalt in den nördlichen "
                       "Vierteln der Stadt angekündigt, teilte das Innenministerium mit.")
    assert "de" in str(info.value)
