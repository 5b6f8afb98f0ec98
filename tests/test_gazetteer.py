"""The gazetteer index built from registry packages: names, spellings, divisions, demonyms."""
from __future__ import annotations

import pytest

from tocsin.geo import gazetteer
from tocsin.geo.names import name_key


@pytest.fixture(scope="session")
def gaz():
    # built once into the user cache ($TOCSIN_CACHE or ~/.cache/tocsin) and shared by later runs
    return gazetteer.load()


def _ids(gaz, name):
    return {c.place.id for c in gaz.lookup(name)}


def test_name_keys_fold_case_accents_and_abbreviations():
    assert name_key("U.S.") == "us"
    assert name_key("St. Louis") == name_key("Saint Louis")
    assert name_key("Kirkūk") == "kirkuk"
    assert name_key("the Gaza") == "gaza"
    assert name_key("بغداد") == "بغداد"


def test_places_and_spellings(gaz):
    assert 98182 in _ids(gaz, "Baghdad")
    assert 98182 in _ids(gaz, "بغداد")  # Arabic script from GeoNames alternate names
    assert 94787 in _ids(gaz, "Kerkuk")
    assert 99532 in _ids(gaz, "Basra") and 99532 in _ids(gaz, "Basrah")
    assert 6252001 in _ids(gaz, "U.S.")


def test_divisions_carry_geonames_ids_and_points(gaz):
    fl = gaz.get(4155751)
    assert fl.feature == "admin1" and fl.cc == "US" and fl.admin1 == "FL"
    assert 24 < fl.lat < 31 and -88 < fl.lon < -80
    county = gaz.get(4338356)  # Rapides Parish, Louisiana (a second-level division)
    assert county.feature == "admin2" and county.admin1 == "LA"
    assert 4331987 in _ids(gaz, "La.")  # AP abbreviation of Louisiana


def test_countries_have_geonames_points(gaz):
    iraq = gaz.countries["IQ"]
    assert iraq.id == 99237 and (iraq.lat, iraq.lon) == (33.0, 44.0)
    us = gaz.countries["US"]
    assert abs(us.lat - 39.76) < 0.01 and abs(us.lon + 98.5) < 0.01


def test_demonyms_point_to_countries(gaz):
    assert gaz.demonym("Iraqi").id == 99237
    assert gaz.demonym("Iranians").id == 130758
    assert gaz.demonym("Baghdad") is None


def test_capital_flag(gaz):
    assert gaz.get(4140963).capital == 1  # Washington, D.C.
    assert gaz.get(98182).capital == 1


def test_division_demonyms_point_to_their_division():
    from tocsin.geo import gazetteer

    gaz = gazetteer.load()
    ohio = gaz.demonym("Ohioans")
    assert ohio is not None and ohio.feature == "admin1" and (ohio.cc, ohio.admin1) == ("US", "OH")
    assert gaz.demonym("Albertan").name == "Alberta"
