"""Limits give clear, typed errors and leave the rest of a batch alone."""
from __future__ import annotations

import io
import json

import pytest

import tocsin
from tocsin import limits
from tocsin.errors import InputError, LimitError
from tocsin.ingest.readers import iter_jsonl

TEXT = "Police arrested five protesters in Basra on Monday, officials said."


@pytest.fixture(autouse=True)
def restore_limits():
    saved = limits._override
    yield
    limits._override = saved


def test_article_size_limit_is_configurable():
    limits.configure(max_article_chars=40)
    with pytest.raises(LimitError) as info:
        tocsin.extract(TEXT)
    assert "over the limit (40)" in str(info.value)


def test_size_limit_from_the_environment(monkeypatch):
    limits._override = None
    monkeypatch.setenv("TOCSIN_MAX_ARTICLE_CHARS", "30")
    assert limits.current().max_article_chars == 30
    monkeypatch.setenv("TOCSIN_MAX_ARTICLE_CHARS", "lots")
    with pytest.raises(tocsin.errors.UsageError):
        limits.current()


def test_jsonl_line_limit_skips_only_that_line():
    limits.configure(max_line_chars=200)
    lines = [json.dumps({"id": "ok", "text": TEXT}), json.dumps({"id": "big", "text": "x " * 300}),
             json.dumps({"id": "ok2", "text": TEXT + " Again."})]
    items = list(iter_jsonl(io.StringIO("\n".join(lines) + "\n"), "batch.jsonl"))
    assert [getattr(i, "id", None) for i in items] == ["ok", None, "ok2"]
    assert isinstance(items[1], InputError) and "batch.jsonl:2" in str(items[1])


def test_time_budget_refuses_an_article_but_not_the_first_warm_up():
    tocsin.extract(TEXT)  # the stages' first run (loading) is not counted
    limits.configure(time_budget_s=1e-9)
    with pytest.raises(LimitError) as info:
        tocsin.extract(TEXT + " The march went on.")
    assert "time budget" in str(info.value)


def test_batch_goes_on_after_a_refused_article():
    limits.configure(max_article_chars=80)
    errors = []
    out = list(tocsin.extract_many([TEXT, "x" * 100 + " attacked.", TEXT + " Again."], on_error=errors.append))
    assert len(out) == 2 and len(errors) == 1 and "over the limit" in str(errors[0])
