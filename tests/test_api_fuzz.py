"""Schemathesis over the OpenAPI document: no request the schema allows (or nearly allows)
makes the server answer 5xx. Writes are open here (no API key) so they are fuzzed too; SQL
injection attempts in every filter must give 4xx or ordinary results."""
from __future__ import annotations

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from serve_fixtures import running_server, stored_sqlite


@pytest.fixture(scope="module")
def store_url(tmp_path_factory) -> str:
    return stored_sqlite(tmp_path_factory.mktemp("fuzzapi"))


def operations(store_url):
    from tocsin.serve.app import create_app

    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(store_url, max_body=256 * 1024))
    ops = [result.ok() for result in schema.get_all_operations()]
    assert len(ops) >= 8
    return ops


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_server_errors(store_url, mode):
    tried = []
    for op in operations(store_url):
        @given(case=op.as_strategy(generation_mode=mode))
        @settings(max_examples=8 if op.method.upper() == "GET" else 4, deadline=None, derandomize=True,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        def run(case):
            response = case.call()
            tried.append(op.label)
            assert response.status_code < 500, (
                f"{case.method} {case.formatted_path} {case.query} -> {response.status_code}: {response.text[:300]}")

        try:
            run()
        except Unsatisfiable:
            # nothing to negate (an operation without parameters or body): positive mode covers it
            assert mode is GenerationMode.NEGATIVE
    assert len(set(tried)) >= (8 if mode is GenerationMode.POSITIVE else 4)


INJECTIONS = [
    "' OR '1'='1", "1; DROP TABLE events; --", "\" OR 1=1 --", "%' UNION SELECT text_sha256 FROM articles --",
    "ASSAULT' --", "*) OR (1=1", "\x00", "' || (SELECT sqlite_version()) || '",
]
FILTERS = ["type", "mode", "modality", "actor", "country", "since", "until", "bbox", "text", "article"]


def test_sql_injection_in_every_filter(store_url):
    with running_server(store_url) as url, httpx.Client(base_url=url, timeout=60) as client:
        total = client.get("/events").json()["total"]
        for name in FILTERS:
            for attempt in INJECTIONS:
                r = client.get("/events", params={name: attempt})
                assert r.status_code < 500, (name, attempt, r.status_code, r.text[:200])
                if r.status_code == 200:
                    assert r.json()["total"] < total or name in ("since",), (name, attempt)
        for attempt in INJECTIONS:
            for path in ("/quotes", "/actors"):
                r = client.get(path, params={"q": attempt, "speaker": attempt})
                assert r.status_code < 500, (path, attempt, r.status_code)
        # the tables are intact
        assert client.get("/events").json()["total"] == total
