"""The REST API on a real uvicorn server (a thread, a free port, a real SQLite store): every
endpoint answers, bad parameters are 4xx never 5xx, writes need the key when one is set, bodies
over the limit get 413, and the docs load with no CDN."""
from __future__ import annotations

import csv
import io
import json
import re

import httpx
import pytest

from serve_fixtures import HOSTILE_QUOTE, iraq_record, running_server, stored_sqlite
from tocsin.record import Record

KEY = "test-key-123"


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return stored_sqlite(tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="module")
def api(db):
    with running_server(db, api_key=KEY, max_body=64 * 1024) as url:
        with httpx.Client(base_url=url, timeout=600) as client:  # coding loads the models once
            yield client


def event_ids(resp) -> list[str]:
    return [f"{e['article_id']}/{e['event_id']}" for e in resp.json()["items"]]


def test_events_filters_and_pages(api):
    r = api.get("/events")
    assert r.status_code == 200 and r.json()["total"] == 5
    assert event_ids(api.get("/events", params={"type": "ASSAULT", "country": "IQ"})) == [
        "iraq-1/ev1", "iraq-1/ev2", "hostile-1/ev1"]
    assert event_ids(api.get("/events", params={"mode": "aerial"})) == ["iraq-1/ev2"]
    assert event_ids(api.get("/events", params={"modality": "claimed"})) == ["iraq-1/ev2"]
    assert event_ids(api.get("/events", params={"actor": "IRQREB"})) == ["iraq-1/ev1", "iraq-1/ev2"]
    assert event_ids(api.get("/events", params={"since": "2020-01-01", "until": "2020-12-31"})) == [
        "hostile-1/ev1", "ng-1/ev1"]
    assert event_ids(api.get("/events", params={"bbox": "2,5,5,8"})) == ["ng-1/ev1"]
    assert event_ids(api.get("/events", params={"text": "fuel"})) == ["ng-1/ev1"]
    page = api.get("/events", params={"limit": 2, "offset": 2}).json()
    assert page["total"] == 5 and page["limit"] == 2 and len(page["items"]) == 2
    one = api.get("/events", params={"type": "COERCE"}).json()["items"][0]
    assert one["location"] == "Lagos" and one["lat"] == pytest.approx(6.4541) and one["arrested"] == 12


def test_event_with_evidence(api):
    item = api.get("/events", params={"mode": "aerial"}).json()["items"][0]
    r = api.get(f"/events/{item['id']}")
    assert r.status_code == 200
    ev = r.json()
    text = ev["article"]["text"]
    assert text == iraq_record().article.text
    roles = {}
    for span in ev["evidence"]:
        assert text[span["start"]:span["end"]] == span["text"]
        roles.setdefault(span["role"], []).append(span["text"])
    assert roles == {"trigger": ["struck"], "actor": ["U.S."], "recipient": ["Kataib Hezbollah"], "date": ["Sunday"],
                     "place": ["Al-Qaim"], "dead": ["24"], "injured": ["50"]}
    assert ev["sentence"]["text"].startswith("On Sunday U.S. aircraft struck")
    assert ev["event"]["dead"] == 24 and ev["modality"] == "claimed"
    assert api.get("/events/999999").status_code == 404


def test_articles_quotes_actors_timeline_dyads(api):
    art = api.get("/articles/iraq-1").json()
    assert len(art["events"]) == 3 and len(art["quotes"]) == 1
    assert Record.model_validate(api.get("/articles/iraq-1", params={"record": True}).json()["record"]) == iraq_record()
    assert api.get("/articles/nope").status_code == 404

    q = api.get("/quotes", params={"text": "return"}).json()
    assert q["total"] == 1 and HOSTILE_QUOTE in q["items"][0]["text"]
    assert api.get("/quotes", params={"speaker": "Pompeo"}).json()["items"][0]["speaker"]["role"] == "Secretary of State"

    actors = api.get("/actors").json()
    assert actors["items"][0] == {"name": "United States", "code": "USA", "events": 3, "as_actor": 1, "as_recipient": 2}
    assert api.get("/actors", params={"q": "police"}).json()["total"] == 1

    days = api.get("/timeline").json()["days"]
    assert [(d["date"], d["counts"]) for d in days][:3] == [
        ("2019-12-27", {"ASSAULT": 1}), ("2019-12-29", {"ASSAULT": 1}), ("2019-12-31", {"PROTEST": 1})]
    assert api.get("/timeline", params={"type": "COERCE"}).json()["days"] == [
        {"date": "2020-02-03", "counts": {"COERCE": 1}, "total": 1}]

    dy = api.get("/dyads/Kataib Hezbollah/USA/timeline").json()
    assert dy["total"] == 2
    assert [(d["date"], d["a_to_b"], d["b_to_a"], d["conflict"], d["dead"]) for d in dy["days"]] == [
        ("2019-12-27", 1, 0, 9.0, 1), ("2019-12-29", 0, 1, 10.0, 24)]
    assert api.get("/dyads/USA/usa/timeline").status_code == 422
    assert api.get("/dyads/USA/NGACOP/timeline").json()["total"] == 0


def test_analyses_over_incidents(api):
    """Dyads, dyad timelines and alerts from tocsin.analyse (incidents merged across articles)."""
    pairs = api.get("/dyads", params={"level": "country"}).json()["items"]
    assert (pairs[0]["a"], pairs[0]["b"], pairs[0]["incidents"]) == ("IRN", "USA", 2)
    tl = api.get("/dyads/IRN/USA/timeline", params={"level": "country"}).json()
    assert tl["source"] == "incidents" and tl["total"] == 2
    assert [(d["date"], d["a_to_b"], d["b_to_a"]) for d in tl["days"]] == [
        ("2019-12-27", 1, 0), ("2019-12-28", 0, 0), ("2019-12-29", 0, 1)]
    # each incident points back to the stored events that report it
    kirkuk = tl["incidents"][0]
    assert kirkuk["location"] == "Kirkuk"
    assert api.get(f"/events/{kirkuk['events'][0]}").json()["trigger"] == "hit"
    weekly = api.get("/dyads/USA/IRQREB/timeline", params={"level": "full", "period": "week"}).json()
    assert [(d["period"], d["a_to_b"] + d["b_to_a"]) for d in weekly["days"]] == [("2019-W52", 2)]
    alerts = api.get("/alerts", params={"a": "IRN", "b": "USA"}).json()["items"]
    assert "tit_for_tat" in {a["kind"] for a in alerts}
    assert all(set(a["dyad"]) == {"IRN", "USA"} for a in alerts)
    assert api.get("/alerts", params={"a": "NGA", "b": "USA"}).json()["items"] == []
    assert api.get("/dyads", params={"level": "planet"}).status_code == 422
    assert api.get("/dyads/IRN/USA/timeline", params={"level": "country", "since": "soon"}).status_code == 422


def test_exports(api):
    r = api.get("/export", params={"format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 5 and list(rows[0])[:14] == [
        "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "location",
        "latitude", "longitude", "geo_precision", "fatalities", "notes", "source"]
    geo = api.get("/export", params={"format": "geojson", "country": "NG"}).json()
    assert geo["type"] == "FeatureCollection" and geo["features"][0]["geometry"]["coordinates"] == [3.3947, 6.4541]
    plover = api.get("/export", params={"format": "plover", "type": "PROTEST"}).json()
    assert [p["event"] for p in plover] == ["PROTEST"] and plover[0]["location"]["name"] == "Baghdad"
    pq = pytest.importorskip("pyarrow.parquet")
    table = pq.read_table(io.BytesIO(api.get("/export", params={"format": "parquet"}).content))
    assert table.num_rows == 5
    assert api.get("/export", params={"format": "xlsx"}).status_code == 422


@pytest.mark.parametrize("path, params", [
    ("/events", {"type": "BOMBING"}), ("/events", {"limit": 0}), ("/events", {"limit": 100000}),
    ("/events", {"offset": -1}), ("/events", {"since": "yesterday"}), ("/events", {"until": "2019-02-30"}),
    ("/events", {"bbox": "1,2,3"}), ("/events", {"bbox": "0,95,1,96"}), ("/events", {"text": "!!!"}),
    ("/events", {"country": "Iraq"}), ("/events", {"modality": "perhaps"}), ("/events", {"actor": "x" * 600}),
    ("/events/abc", {}), ("/events/0", {}), ("/events/99999999999999999999", {}), ("/quotes", {"kind": "odd"}),
    ("/quotes", {"text": "   "}), ("/timeline", {"since": "2019-99"}), ("/export", {"format": "csv", "bbox": "x"}),
    ("/actors", {"limit": -5}), ("/dyads/" + "a" * 400 + "/b/timeline", {}),
])
def test_bad_parameters_are_4xx(api, path, params):
    r = api.get(path, params=params)
    assert 400 <= r.status_code < 500, (path, params, r.status_code, r.text)
    assert "detail" in r.json()


def test_writes_need_the_key(api):
    body = {"records": [json.loads(iraq_record().model_dump_json())]}
    assert api.post("/articles", json=body).status_code == 401
    assert api.post("/articles", json=body, headers={"X-API-Key": "wrong"}).status_code == 403
    r = api.post("/articles", json=body, headers={"X-API-Key": KEY})
    assert r.status_code == 200 and r.json()["skipped"] == 1 and r.json()["stored"] == 0
    r = api.post("/articles", json=body, headers={"Authorization": f"Bearer {KEY}"})
    assert r.status_code == 200


def test_posted_records_with_offsets_outside_the_text_or_repeated_ids_are_refused(api):
    """A coded record from outside is checked before it is stored: an offset past the text
    (which SQLite cannot even hold when it is huge) or an id used twice is an error line."""
    before = api.get("/health").json()["articles"]
    rec = json.loads(iraq_record().model_dump_json())
    rec["article"]["text"] = rec["article"]["text"] + " (checked copy)"
    far = json.loads(json.dumps(rec))
    far["article"]["id"] = "far-offsets"
    far["quotes"][0]["start"] = 969138794689056210944
    twice = json.loads(json.dumps(rec))
    twice["article"]["id"] = "twice-ids"
    twice["article"]["text"] = twice["article"]["text"] + " again"
    twice["entities"].append(dict(twice["entities"][0]))
    r = api.post("/articles", json={"records": [far, twice]}, headers={"X-API-Key": KEY})
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["stored"] == 0 and out["failed"] == 2
    assert "outside the text" in out["errors"][0] and "repeated" in out["errors"][1]
    assert api.get("/health").json()["articles"] == before


def test_post_articles_codes_and_stores_once(api, monkeypatch):
    # the first article pays for loading the models: on a busy machine that can pass the
    # per-article time budget, which guards against pathological texts, not slow machines
    monkeypatch.setenv("TOCSIN_TIME_BUDGET", "3600")
    text = ("Security forces arrested 40 people in Kirkuk on Sunday after clashes with militants, "
            "a police spokesman said. The arrests followed a week of attacks on checkpoints.")
    before = api.get("/health").json()["articles"]
    body = {"articles": [{"text": text, "id": "posted-1", "published": "2020-03-02", "source": "Test"},
                         {"text": "x", "published": "02/03/2020"}]}
    r = api.post("/articles", json=body, headers={"X-API-Key": KEY})
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["stored"] == 1 and out["ids"] == ["posted-1"] and out["failed"] == 1, out
    assert "published" in out["errors"][0]
    assert api.get("/health").json()["articles"] == before + 1
    again = api.post("/articles", json=body, headers={"X-API-Key": KEY}).json()
    assert again["stored"] == 0 and again["skipped"] == 1
    stored = api.get("/articles/posted-1").json()
    assert stored["text"] == text and stored["published"] == "2020-03-02"


def test_extract_codes_without_storing(api, monkeypatch):
    monkeypatch.setenv("TOCSIN_TIME_BUDGET", "3600")
    before = api.get("/health").json()["articles"]
    text = "Gunmen attacked a checkpoint near Mosul on Monday, killing three soldiers, officials said."
    r = api.post("/extract", json={"text": text, "published": "2020-01-07", "id": "x1"})
    assert r.status_code == 200, r.text
    rec = Record.model_validate(r.json())
    assert rec.article.text == text and rec.article.id == "x1" and rec.article.published == "2020-01-07"
    for ev in rec.events:
        assert text[ev.trigger.start:ev.trigger.end] == ev.trigger.text
    assert api.get("/health").json()["articles"] == before
    assert api.post("/extract", json={"text": ""}).status_code == 422
    assert api.post("/extract", json={"text": "x", "published": "soon"}).status_code == 422
    assert api.post("/extract", content=b"{not json", headers={"content-type": "application/json"}).status_code == 422
    assert api.post("/extract", json={"txt": "typo"}).status_code == 422


def test_request_size_limit(api):
    big = {"text": "word " * 20000}  # ~100 kB against a 64 kB limit
    assert api.post("/extract", json=big).status_code == 413

    def chunks():  # no Content-Length: the limit still holds while the body streams in
        for _ in range(20):
            yield b"x" * 8192

    r = api.post("/articles", content=chunks(), headers={"content-type": "application/json", "X-API-Key": KEY})
    assert r.status_code == 413


def test_docs_are_served_offline(api):
    html = api.get("/docs").text
    refs = re.findall(r'(?:src|href)="([^"]+)"', html) + re.findall(r"url: '([^']+)'", html)
    assert refs and all(ref.startswith("/") for ref in refs), refs
    for ref in refs:
        assert api.get(ref).status_code == 200, ref
    redoc = api.get("/redoc").text
    assert "fonts.googleapis" not in redoc
    for ref in re.findall(r'src="([^"]+)"', redoc):
        assert ref.startswith("/") and api.get(ref).status_code == 200
    paths = api.get("/openapi.json").json()["paths"]
    for p in ["/extract", "/articles", "/events", "/events/{event_id}", "/quotes", "/actors",
              "/dyads/{a}/{b}/timeline", "/export"]:
        assert p in paths


def test_dashboard_files_and_headers(api):
    r = api.get("/")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    for ref in re.findall(r'(?:src|href)="(/static/[^"]+)"', r.text):
        assert api.get(ref).status_code == 200, ref
    world = api.get("/static/world.json").json()
    assert len(world["countries"]) > 150
    assert api.get("/static/../app.py").status_code == 404


def test_open_writes_without_a_key(tmp_path):
    from tocsin.store import open_store

    url = f"sqlite:///{tmp_path / 'open.db'}"
    open_store(url).close()
    with running_server(url) as base:
        r = httpx.post(base + "/articles", json={"records": [json.loads(iraq_record().model_dump_json())]})
        assert r.status_code == 200 and r.json()["stored"] == 1


def test_tocsin_serve_command(tmp_path):
    """The command itself: says where the dashboard is, serves it, and refuses a busy port."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from serve_fixtures import free_port

    db = f"sqlite:///{tmp_path / 'cmd.db'}"
    port = free_port()
    env = dict(os.environ, TOCSIN_API_KEY="k")
    proc = subprocess.Popen([sys.executable, "-m", "tocsin", "serve", "--db", db, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(600):  # up to 60 s to come up on a busy machine
            try:
                if httpx.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        assert httpx.get(base + "/").status_code == 200
        assert httpx.post(base + "/articles", json={"articles": []}).status_code == 401  # key from the env
        busy = subprocess.run([sys.executable, "-m", "tocsin", "serve", "--db", db, "--port", str(port)],
                              capture_output=True, text=True, timeout=120)
        assert busy.returncode == 2 and "in use" in busy.stderr and "Traceback" not in busy.stderr
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in err
    assert "Traceback" not in err
