"""Truecasing all-capitals text before parsing: same length, only case changes, names restored."""
from __future__ import annotations

import tocsin
from tocsin.ingest.truecase import mostly_upper, truecase

WIRE = ("   SAN SALVADOR, 3 JAN 90 -- THE ARMED FORCES REPORTED THAT ABOUT 50 PEASANTS\n"
        "HAVE BEEN KIDNAPPED BY TERRORISTS OF THE FMLN IN SAN MIGUEL DEPARTMENT.  ACCORDING TO\n"
        "PRESIDENT CEREZO, THE KIDNAPPING TOOK PLACE ON 30 DECEMBER.\n\n"
        "   IT WAS ALSO REPORTED THAT A SOLDIER WAS WOUNDED IN THE COUNTRY'S CAPITAL.")


def test_only_case_changes():
    out = truecase(WIRE)
    assert len(out) == len(WIRE)
    assert out.lower() == WIRE.lower()


def test_mixed_case_text_is_left_alone():
    text = "The army said on Monday that FMLN rebels attacked a bridge near San Miguel."
    assert not mostly_upper(text)
    assert truecase(text) is text


def test_names_and_sentence_starts_restored():
    out = truecase(WIRE)
    assert "San Salvador, 3 Jan 90" in out  # gazetteer or actor-base capital, abbreviated month
    assert "the armed forces reported that about 50 peasants" in out  # English words lower case
    assert "of the FMLN in San Miguel" in out  # unknown short word -> acronym; place name
    assert "According to\npresident Cerezo" in out  # sentence start; unknown word -> name
    assert "30 December" in out
    assert "\n\n   It was also reported" in out  # paragraph start
    assert "country's capital" in out  # the possessive s stays lower case


def test_pipeline_parses_truecased_text_but_keeps_original_spans():
    rec = tocsin.extract(WIRE, published="1990-01-03")
    assert rec.article.text == WIRE
    for p in rec.places:
        assert WIRE[p.start:p.end] == p.text
    assert any(p.text == "SAN MIGUEL" or p.text.startswith("SAN MIGUEL") for p in rec.places)
    for ev in rec.events:
        assert WIRE[ev.trigger.start:ev.trigger.end] == ev.trigger.text
    assert any(ev.type == "ASSAULT" for ev in rec.events)


def test_first_names_and_words_between_names():
    out = truecase("THE COURT SAID JUDGE CARLOS VALENCIA GARCIA WAS SHOT NEAR DOWNTOWN BOGOTA BY TWO MEN.")
    assert "judge Carlos Valencia Garcia was shot" in out  # "valencia" is also an English word
    assert "by two men." in out


def test_titles_and_surnames_after_first_names_are_names():
    out = truecase("GUNMEN KILLED COL VARGAS AND MSGR OSCAR ARNULFO ROMERO. JULIO TORRES WAS WOUNDED. "
                   "THE VICTOR WAS HAPPY. ROBERTO SAID NOTHING. THE GENERAL STRIKE BEGAN.")
    assert "Col Vargas" in out and "Msgr Oscar Arnulfo Romero" in out and "Julio Torres was" in out
    assert "The victor" in out and "Roberto said" in out and "general strike" in out


def test_a_country_acronym_that_is_a_common_word_stays_a_word():
    out = truecase("BOTH WERE TRAVELING IN A CAR THAT WAS HIT IN THE USA.")
    assert "in a car that" in out and "the USA" in out


def test_a_short_word_alone_in_brackets_is_an_acronym():
    out = truecase("MEMBERS OF THE ARMY OF NATIONAL LIBERATION (ELN) ATTACKED. THE ELN FLED.")
    assert "(ELN)" in out and "The ELN fled" in out


def test_a_verb_written_as_two_english_words_stays_lower_case():
    out = truecase("SAN SALVADOR, 9 DEC 89 -- TERRORISTS MACHINEGUNNED A BUS ON THE COASTAL HIGHWAY.")
    assert "terrorists machinegunned a bus" in out
