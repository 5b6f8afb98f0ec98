import json

import jsonschema

from tocsin.record import Record, json_schema


def test_seed_record_validates_against_schema(seed_record):
    data = json.loads(seed_record.model_dump_json())
    jsonschema.validate(data, json_schema())
    assert Record.model_validate(data) == seed_record


def test_offsets_point_into_text(seed_record):
    text = seed_record.article.text
    spans = list(seed_record.timexes) + list(seed_record.places) + list(seed_record.quotes)
    spans += [m for e in seed_record.entities for m in e.mentions]
    spans += [e.trigger for e in seed_record.events]
    for s in spans:
        assert 0 <= s.start <= s.end <= len(text)
        assert text[s.start:s.end] == s.text


def test_plain_text_is_kept_unchanged(seed_text, seed_record):
    assert seed_record.article.text == seed_text


def test_pull_quote_boxes_are_excluded(seed_record):
    text = seed_record.article.text
    regions = {(e.reason, text[e.start:e.end]) for e in seed_record.article.excluded}
    assert ("pull_quote", "No more Benghazis.") in regions
    assert ("pull_quote_attribution", "Sen. Lindsey Graham (R-SC)") in regions
    assert ("pull_quote_attribution", "Sen. Elizabeth Warren (D-MA)") in regions
