"""Exports: ACLED-style CSV, PLOVER JSON, GeoJSON and Parquet, from records and through
``tocsin export`` over a real store."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from serve_fixtures import all_records, at, hostile_record, iraq_record, nigeria_record, stored_sqlite
from tocsin.export import FORMATS, export_chunks, from_records
from tocsin.export.evidence import sentence_bounds
from tocsin.record import Event, Span


def run(fmt: str, records) -> bytes:
    return b"".join(export_chunks(fmt, from_records(records)))


def test_acled_csv_columns_and_values():
    rows = list(csv.DictReader(io.StringIO(run("csv", all_records()).decode())))
    assert len(rows) == 5
    kirkuk = rows[0]
    assert {k: kirkuk[k] for k in ["event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
                                   "location", "latitude", "longitude", "geo_precision", "fatalities", "source"]} == {
        "event_date": "2019-12-27", "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack", "actor1": "Kataib Hezbollah", "actor2": "United States",
        "country": "Iraq", "admin1": "Kirkuk", "location": "Kirkuk", "latitude": "35.4681", "longitude": "44.3922",
        "geo_precision": "1", "fatalities": "1", "source": "Test Wire"}
    # notes is the sentence that carries the event, whole
    assert kirkuk["notes"] == ("Rockets hit a military base near Kirkuk on Friday, killing one American contractor, "
                               "U.S. officials said.")
    # a count the text does not give stays empty, never 0
    protest = [r for r in rows if r["plover_type"] == "PROTEST"][0]
    assert protest["fatalities"] == "" and protest["country"] == "Iraq"
    assert [r["country"] for r in rows if r["plover_type"] == "COERCE"] == ["Nigeria"]


def test_csv_cells_cannot_become_spreadsheet_formulas():
    rec = nigeria_record()
    rec.events[0].actors[0].name = "=HYPERLINK(\"http://x\")"
    row = next(csv.DictReader(io.StringIO(run("csv", [rec]).decode())))
    assert row["actor1"] == "'=HYPERLINK(\"http://x\")"
    assert row["intensity"] == "-5.0"  # numbers stay numbers


def test_plover_json():
    events = json.loads(run("plover", all_records()))
    assert [e["event"] for e in events] == ["ASSAULT", "ASSAULT", "PROTEST", "COERCE", "ASSAULT"]
    strike = events[1]
    assert strike["id"] == "iraq-1/ev2" and strike["mode"] == "aerial" and strike["dead"] == 24
    assert strike["injured"] == 50 and strike["modality"] == "claimed"
    assert strike["actor"] == [{"name": "United States", "code": "USA", "text": "U.S."}]
    assert strike["location"]["admin1"] == "Anbar" and strike["location"]["country"] == "IQ"
    assert strike["eventText"].startswith("On Sunday U.S. aircraft struck")
    assert strike["source"]["id"] == "iraq-1" and strike["source"]["published"] == "2019-12-31"


def test_geojson_points_and_unlocated_events():
    rec = nigeria_record()
    unplaced = rec.events[0].model_copy(update={"id": "ev2", "location": None})
    rec.events.append(unplaced)
    fc = json.loads(run("geojson", [rec]))
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 2
    placed, bare = fc["features"]
    assert placed["geometry"] == {"type": "Point", "coordinates": [3.3947, 6.4541]}
    assert placed["properties"]["location"] == "Lagos"
    assert bare["geometry"] is None and bare["id"] == "ng-1/ev2"


def test_parquet_is_typed():
    pq = pytest.importorskip("pyarrow.parquet")
    table = pq.read_table(io.BytesIO(run("parquet", all_records())))
    assert table.num_rows == 5
    assert str(table.schema.field("latitude").type) == "double"
    assert str(table.schema.field("fatalities").type) == "int64"
    assert table.column("fatalities").to_pylist() == [1, 24, None, None, None]
    assert table.column("arrested").to_pylist()[3] == 12


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_events_is_still_a_valid_file(fmt):
    data = run(fmt, [])
    if fmt == "csv":
        assert data.decode().startswith("event_date,event_type,")
    elif fmt in ("plover",):
        assert json.loads(data) == []
    elif fmt == "geojson":
        assert json.loads(data) == {"type": "FeatureCollection", "features": []}
    else:
        pq = pytest.importorskip("pyarrow.parquet")
        assert pq.read_table(io.BytesIO(data)).num_rows == 0


def test_sentence_bounds_keep_abbreviations_inside():
    text = "Sen. Elizabeth Warren said the U.S. Army left. Then the crowd went home! Quiet returned."
    s, e = sentence_bounds(text, text.index("Army"), text.index("Army") + 4)
    assert text[s:e] == "Sen. Elizabeth Warren said the U.S. Army left."
    s, e = sentence_bounds(text, text.index("crowd"), text.index("crowd") + 5)
    assert text[s:e] == "Then the crowd went home!"


def test_evidence_with_bad_offsets_is_left_out():
    from tocsin.export.evidence import spans

    rec = hostile_record()
    ev = rec.events[0].model_dump(mode="json")
    ev["actors"][0]["start"] = 10_000  # out of the text
    ev["date"]["text"] = "Tuesday"  # does not match the text there
    roles = [s["role"] for s in spans(rec.article.text, ev, {p.id: p.model_dump() for p in rec.places})]
    assert roles == ["trigger", "place"]


def test_count_span_is_the_number_near_the_trigger():
    from tocsin.export.evidence import spans

    text = "In 2019, 3 people marched. Later 12 were arrested in Lagos, police said; 3 were freed."
    ev = Event(id="ev1", type="COERCE", trigger=Span(**at(text, "arrested")), arrested=12)
    found = [(s["role"], s["text"]) for s in spans(text, ev.model_dump(mode="json"), {})]
    assert ("arrested", "12") in found and ("trigger", "arrested") in found


@pytest.fixture(scope="module")
def stored(tmp_path_factory) -> str:
    return stored_sqlite(tmp_path_factory.mktemp("export"))


class Result:
    def __init__(self, returncode: int, stdout: str, stderr: str):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def cli(*args, stdin: str | None = None) -> Result:
    """``tocsin export`` run in this process (the real command, without a new interpreter)."""
    from typer.testing import CliRunner

    from tocsin.cli import app

    r = CliRunner().invoke(app, ["export", *args], input=stdin)
    return Result(r.exit_code, r.stdout, r.stderr)


def test_the_installed_command_runs(stored, tmp_path):
    out = tmp_path / "e.json"
    r = subprocess.run([sys.executable, "-m", "tocsin", "export", "-f", "plover", "--db", stored, "-o", str(out)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert len(json.loads(out.read_text())) == 5


def test_cli_export_from_a_store(stored, tmp_path):
    r = cli("--format", "csv", "--db", stored, "--country", "IQ")
    assert r.returncode == 0, r.stderr
    assert len(list(csv.DictReader(io.StringIO(r.stdout)))) == 4
    out = tmp_path / "events.parquet"
    r = cli("-f", "parquet", "--db", stored, "-o", str(out), "--type", "ASSAULT")
    assert r.returncode == 0, r.stderr
    pq = pytest.importorskip("pyarrow.parquet")
    assert pq.read_table(out).num_rows == 3
    r = cli("-f", "geojson", "--db", stored, "--since", "2020-02-01")
    assert [f["properties"]["location"] for f in json.loads(r.stdout)["features"]] == ["Lagos"]


def test_cli_export_from_records(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(r.model_dump_json() for r in [iraq_record(), nigeria_record()]) + "\n")
    r = cli("-f", "plover", "--records", str(path))
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)) == 4
    r = cli("-f", "csv", "--records", "-", stdin=iraq_record().model_dump_json(indent=2))
    assert r.returncode == 0, r.stderr
    assert len(list(csv.DictReader(io.StringIO(r.stdout)))) == 3


@pytest.mark.parametrize("args, code", [
    (["-f", "xlsx"], 2), (["-f", "csv", "--type", "BOMB"], 2), (["-f", "csv", "--bbox", "1,2"], 2),
    (["-f", "csv", "--records", "/no/such/file.jsonl"], 2), (["-f", "csv", "--db", "nosuch://x"], 4),
])
def test_cli_export_errors_are_one_line(stored, args, code):
    r = cli(*args)
    assert r.returncode == code, (args, r.stderr)
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) <= 12  # typer's usage box for a bad choice, else one line
