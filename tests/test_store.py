"""The store on a real SQLite file and, where TOCSIN_TEST_PG_URL is set, a real PostgreSQL server
(each test in a schema of its own): migrations, idempotent writes, filters, full-text search,
quotes, actors, dyads."""
from __future__ import annotations

import contextlib
import sqlite3
import threading

import pytest
from sqlalchemy import inspect, text

from serve_fixtures import all_records, hostile_record, iraq_record, nigeria_record, pg_schema_url
from tocsin.errors import StoreError, UsageError
from tocsin.store import EventFilter, open_store
from tocsin.store import schema


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
    else:
        pg = request.getfixturevalue("pg_url")
        with pg_schema_url(pg) as u:
            yield u


@pytest.fixture
def store(url):
    s = open_store(url)
    s.add(all_records())
    yield s
    s.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def ro_store(request, tmp_path_factory):
    """A store holding the test records, shared by the tests that only read."""
    with contextlib.ExitStack() as stack:
        if request.param == "sqlite":
            u = f"sqlite:///{tmp_path_factory.mktemp('ro') / 'store.db'}"
        else:
            u = stack.enter_context(pg_schema_url(request.getfixturevalue("pg_url")))
        s = stack.enter_context(open_store(u))
        s.add(all_records())
        yield s


def ids(rows) -> list[str]:
    return [f"{a.id}/{e.event_id}" for e, a in rows]


def test_opening_migrates_to_head_and_reopening_changes_nothing(url):
    with open_store(url) as s:
        assert schema.current_revision(s.engine) == schema.head_revision()
        tables = set(inspect(s.engine).get_table_names())
        assert {"articles", "events", "participants", "quotes", "entities", "places", "alembic_version"} <= tables
    with open_store(url) as s:  # second open: already at head
        assert schema.current_revision(s.engine) == schema.head_revision()
        assert s.count_articles() == 0


def test_add_is_idempotent_by_text_hash(url):
    with open_store(url) as s:
        first = s.add(all_records())
        assert (first.added, first.skipped) == (3, 0)
        again = s.add(all_records())
        assert (again.added, again.skipped) == (0, 3)
        # a batch that repeats an article inside itself stores it once
        dup = iraq_record()
        assert s.known_hashes([dup.article.text_sha256, "0" * 64]) == {dup.article.text_sha256}
        assert s.count_articles() == 3
        assert s.count_events() == 5


def test_a_batch_repeating_an_article_stores_it_once(url):
    with open_store(url) as s:
        r = s.add([nigeria_record(), nigeria_record()])
        assert (r.added, r.skipped) == (1, 1)
        assert s.count_articles() == 1


def test_records_come_back_unchanged(ro_store):
    stored = {r.article.id: r for r in ro_store.records()}
    for rec in all_records():
        back = stored[rec.article.id]
        assert back.model_dump(exclude={"article": {"extractor"}}) == rec.model_dump(exclude={"article": {"extractor"}})
        for ev in back.events:
            assert back.article.text[ev.trigger.start:ev.trigger.end] == ev.trigger.text


def test_event_filters(ro_store):
    assert ids(ro_store.events(type="assault")) == ["iraq-1/ev1", "iraq-1/ev2", "hostile-1/ev1"]
    assert ids(ro_store.events(mode="aerial")) == ["iraq-1/ev2"]
    assert ids(ro_store.events(modality="claimed")) == ["iraq-1/ev2"]
    assert ids(ro_store.events(country="ng")) == ["ng-1/ev1"]
    assert ids(ro_store.events(actor="kataib")) == ["iraq-1/ev1", "iraq-1/ev2"]
    assert ids(ro_store.events(actor="NGACOP")) == ["ng-1/ev1"]
    assert ids(ro_store.events(since="2019-12-28", until="2019-12-31")) == ["iraq-1/ev2", "iraq-1/ev3"]
    assert ids(ro_store.events(since="2020-01", until="2020-01")) == ["hostile-1/ev1"]
    assert ids(ro_store.events(until="2019")) == ["iraq-1/ev1", "iraq-1/ev2", "iraq-1/ev3"]
    # west, south, east, north around Kirkuk and Baghdad but not Al-Qaim (lon 41.1)
    assert ids(ro_store.events(bbox="43,33,45,36")) == ["iraq-1/ev1", "iraq-1/ev3"]
    # a box across the antimeridian holds nothing here; one around Lagos holds the arrest
    assert ids(ro_store.events(bbox="170,-50,-170,50")) == []
    assert ids(ro_store.events(bbox=(3, 6, 4, 7))) == ["ng-1/ev1"]
    assert ids(ro_store.events(type="ASSAULT", country="IQ", modality="asserted")) == ["iraq-1/ev1", "hostile-1/ev1"]
    assert ids(ro_store.events(article="ng-1")) == ["ng-1/ev1"]


def test_pagination_and_counts(ro_store):
    everything = ids(ro_store.events(limit=100))
    pages = [i for off in (0, 2, 4) for i in ids(ro_store.events(limit=2, offset=off))]
    assert pages == everything and len(everything) == 5
    assert ro_store.count_events(EventFilter(type="ASSAULT")) == 3
    assert [e.pk for e, _ in ro_store.iter_events(batch=2)] == sorted(e.pk for e, _ in ro_store.events())


@pytest.mark.parametrize("bad", [
    {"type": "BOMBING"}, {"modality": "maybe"}, {"country": "Iraq"}, {"since": "31/12/2019"},
    {"until": "2019-02-30"}, {"bbox": "1,2,3"}, {"bbox": "0,10,5,-10"}, {"bbox": "a,b,c,d"}, {"text": "  ?! "},
])
def test_bad_filters_are_usage_errors(ro_store, bad):
    with pytest.raises(UsageError):
        ro_store.events(**bad)


def test_full_text_search_over_articles(ro_store):
    assert ids(ro_store.events(text="fuel prices")) == ["ng-1/ev1"]
    assert ids(ro_store.events(text="checkpoint")) == ["hostile-1/ev1"]
    assert len(ro_store.events(text="embassy")) == 3  # every event of the article that says it
    assert ro_store.events(text="zeppelin") == []
    # query syntax in the input is only words: no error, same answer as the plain words
    assert ids(ro_store.events(text='"fuel" prices* -(: ^')) == ["ng-1/ev1"]
    assert ids(ro_store.events(text="Lagos", type="COERCE")) == ["ng-1/ev1"]


def test_full_text_index_follows_deletes(store):
    assert store.events(text="checkpoint")
    assert store.delete_article("hostile-1") == 1
    assert store.events(text="checkpoint") == []
    assert store.quotes(text="return")[0] == 0
    assert store.count_events() == 4
    # and a re-add is searchable again
    store.add([hostile_record()])
    assert ids(store.events(text="checkpoint")) == ["hostile-1/ev1"]


def test_quotes_by_words_and_speaker(ro_store):
    total, rows = ro_store.quotes(text="responded defensively")
    assert total == 1 and rows[0][0].speaker == "Mike Pompeo"
    total, rows = ro_store.quotes(speaker="pompeo")
    assert total == 1 and rows[0][1].id == "iraq-1"
    total, rows = ro_store.quotes(text="we will return")  # markup in it is stored as the text it is
    assert total == 1 and "<script>" in rows[0][0].text
    assert ro_store.quotes(kind="indirect")[0] == 0
    assert ro_store.quotes()[0] == 2


def test_actors_and_dyads(ro_store):
    total, actors = ro_store.actors()
    by_name = {a["name"]: a for a in actors}
    assert by_name["United States"] == {"name": "United States", "code": "USA", "events": 3, "as_actor": 1,
                                        "as_recipient": 2}
    assert by_name["Kataib Hezbollah"]["events"] == 2
    assert ro_store.actors(q="kataib")[0] == 1
    # names or codes, either order, case-insensitive: the same two events
    for a, b in [("USA", "IRQREB"), ("kataib hezbollah", "united states"), ("IRQREB", "usa")]:
        assert ids(ro_store.dyad_events(a, b)) == ["iraq-1/ev1", "iraq-1/ev2"]
    assert ro_store.dyad_events("USA", "NGACOP") == []


def test_timeline_counts_day_dated_events(ro_store):
    assert ro_store.timeline() == [
        ("2019-12-27", "ASSAULT", 1), ("2019-12-29", "ASSAULT", 1), ("2019-12-31", "PROTEST", 1),
        ("2020-01-06", "ASSAULT", 1), ("2020-02-03", "COERCE", 1)]
    assert ro_store.timeline(EventFilter(country="NG")) == [("2020-02-03", "COERCE", 1)]


def _all_at_once(fn, n: int) -> list[Exception]:
    """Run ``fn`` in ``n`` threads at once; the exceptions they raised."""
    errors: list[Exception] = []

    def run():
        try:
            fn()
        except Exception as exc:  # collected for the caller to assert on
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_concurrent_writers_store_each_article_once(url):
    """Eight threads add the same records at once: the unique hash keeps one copy of each."""
    open_store(url).close()
    results = []

    def writer():
        with open_store(url) as s:
            results.append(s.add(all_records()))

    assert _all_at_once(writer, 8) == []
    assert sum(r.added for r in results) == 3
    assert sum(r.skipped for r in results) == 8 * 3 - 3
    with open_store(url) as s:
        assert s.count_articles() == 3 and s.count_events() == 5


def test_bad_urls_are_store_errors(tmp_path):
    with pytest.raises(StoreError):
        open_store(f"sqlite:///{tmp_path / 'no' / 'such' / 'dir' / 'x.db'}")
    with pytest.raises(StoreError):
        open_store("nosuchdialect://x")
    with pytest.raises(StoreError) as exc:
        open_store("postgresql://tocsin:secret@127.0.0.1:1/none")
    assert "secret" not in str(exc.value)


def test_a_store_made_without_migrations_is_refused(tmp_path):
    import sqlite3

    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE articles (pk INTEGER PRIMARY KEY)")
    con.close()
    with pytest.raises(StoreError, match="older tocsin"):
        open_store(str(path))


def test_sqlite_full_text_tables_exist(tmp_path):
    with open_store(str(tmp_path / "s.db")) as s:
        with s.engine.connect() as con:
            names = {r[0] for r in con.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
    assert {"articles_fts", "quotes_fts"} <= names


def test_postgresql_tsvector_columns_are_indexed(pg_url):
    with pg_schema_url(pg_url) as u, open_store(u) as s:
        with s.engine.connect() as con:
            idx = {r[0] for r in con.execute(text("SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%gin%'"))}
    assert {"ix_articles_tsv", "ix_quotes_tsv"} <= idx


def test_many_openers_of_a_new_store_migrate_it_once(url):
    """Six threads open the same brand-new store at once: one migrates, the others wait and find
    it at head; then everyone can write."""
    def opener():
        with open_store(url) as s:
            s.add([nigeria_record()])

    assert _all_at_once(opener, 6) == []
    with open_store(url) as s:
        assert schema.current_revision(s.engine) == schema.head_revision()
        assert s.count_articles() == 1


def test_migrations_go_down_and_up_again(url):
    from alembic import command

    with open_store(url) as s:
        s.add([iraq_record()])
        cfg = schema.alembic_config()
        with s.engine.begin() as con:
            cfg.attributes["connection"] = con
            command.downgrade(cfg, "base")
        assert "articles" not in inspect(s.engine).get_table_names()
        assert schema.current_revision(s.engine) is None
    with open_store(url) as s:  # opening upgrades again
        s.add([iraq_record()])
        assert ids(s.events(text="embassy")) == ["iraq-1/ev1", "iraq-1/ev2", "iraq-1/ev3"]


def test_racing_connections_all_switch_a_sqlite_file_to_wal(tmp_path):
    """Racing first connections to a file not yet in WAL mode: SQLite refuses the switch to all
    but one at once (no busy wait); ``set_wal`` retries instead of failing with 'database is
    locked'."""
    errors = []
    for rep in range(60):
        path = tmp_path / f"race{rep}.db"
        with sqlite3.connect(path) as con:  # a file with content, still in rollback-journal mode
            con.execute("CREATE TABLE note (x)")
        barrier = threading.Barrier(8)

        def connect():
            con = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
            barrier.wait()
            try:
                schema.set_wal(con.cursor())
                assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            finally:
                con.close()

        errors += _all_at_once(connect, 8)
    assert errors == []


def test_a_nul_in_a_substring_filter_is_refused_not_read_as_match_all():
    with pytest.raises(UsageError, match="control characters"):
        EventFilter(actor="\x00")
    with pytest.raises(UsageError, match="control characters"):
        EventFilter(article="a\x01b")
    assert EventFilter(actor="Kataib Hezbollah").actor == "Kataib Hezbollah"
