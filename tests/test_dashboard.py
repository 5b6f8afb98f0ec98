"""The dashboard in a real headless Chromium (Debian's, driven by Playwright): the page loads with
no request leaving the server, the events appear on the map and the timeline, clicking one shows
its article with the evidence highlighted, quotes and the dyad chart draw, and markup inside
article text stays text. Screenshots go to ``$TOCSIN_ARTIFACTS`` (default: the test's tmp dir)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from serve_fixtures import HOSTILE_QUOTE, all_records, running_server

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def chromium_path() -> str:
    path = os.environ.get("TOCSIN_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path or not Path(path).exists():
        pytest.skip("no Chromium (set TOCSIN_CHROMIUM or apt-get install chromium)")
    return path


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory) -> Path:
    out = Path(os.environ.get("TOCSIN_ARTIFACTS") or tmp_path_factory.mktemp("artifacts"))
    out.mkdir(parents=True, exist_ok=True)
    return out


def serve_records(tmp_path_factory, records):
    from tocsin.store import open_store

    db = f"sqlite:///{tmp_path_factory.mktemp('dash') / 'dash.db'}"
    with open_store(db) as store:
        store.add(records)
    return running_server(db)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with serve_records(tmp_path_factory, all_records()) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    exe = chromium_path()
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, site):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, bypass_csp=True)
    pg = context.new_page()
    pg.outside = []   # requests to anywhere but the server
    pg.errors = []    # uncaught page errors
    pg.dialogs = []   # alert()/confirm() that fired (an XSS would)
    host = urlparse(site).netloc
    pg.on("request", lambda r: None if urlparse(r.url).netloc == host or r.url.startswith("data:") else pg.outside.append(r.url))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def open_dashboard(page, site):
    page.goto(site + "/")
    page.wait_for_selector("body[data-ready='1']", timeout=20000)
    page.wait_for_selector("#map path.country", state="attached", timeout=20000)


def shown_counts(page) -> tuple[int, int, int]:
    """(map points, events counted in the timeline, list rows) on the page."""
    bars = page.locator("#timeline rect.bar")
    counted = sum(int(bars.nth(i).get_attribute("data-count")) for i in range(bars.count()))
    return page.locator("#map circle.event").count(), counted, page.locator("#event-list tbody tr").count()


def expected_counts(records) -> tuple[int, int, int]:
    events = [e for r in records for e in r.events]
    located = [e for e in events if e.location and e.location.lat is not None and e.location.lon is not None]
    day_dated = [e for e in events if e.date and e.date.precision == "day" and e.date.value
                 and len(e.date.value) >= 10]
    return len(located), len(day_dated), len(events)


def test_map_timeline_and_evidence(page, site, artifacts):
    open_dashboard(page, site)
    # every located event is a point on the map, every day-dated one counts in the timeline
    assert shown_counts(page) == expected_counts(all_records()) == (5, 5, 5)
    assert page.locator("#map path.country").count() > 150

    # click the Kirkuk rocket attack on the map: its article shows with the evidence marked
    import httpx

    items = httpx.get(site + "/events", params={"actor": "Kataib Hezbollah", "type": "ASSAULT",
                                                "since": "2019-12-27", "until": "2019-12-27"}).json()["items"]
    assert len(items) == 1
    page.click(f"#map circle.event[data-event-id='{items[0]['id']}']")
    page.wait_for_selector("#event-article mark.ev-trigger")
    view = page.locator("#event-view")
    assert view.get_attribute("data-event-id") == str(items[0]["id"])
    marks = {role: page.locator(f"#event-article mark.ev-{role}").all_inner_texts()
             for role in ("trigger", "actor", "recipient", "date", "place", "dead")}
    assert marks["trigger"] == ["hit"]
    assert marks["actor"] == ["Kataib Hezbollah"]
    assert marks["recipient"] == ["American contractor"]
    assert marks["date"] == ["Friday"]
    assert marks["place"] == ["Kirkuk"]
    assert marks["dead"] == ["one"]
    # the article is shown whole: the marked view's text is the article text
    record_text = all_records()[0].article.text
    assert page.locator("#event-article").inner_text().strip() == record_text.strip()
    assert page.locator("#map circle.event.selected").count() == 1
    page.screenshot(path=str(artifacts / "dashboard.png"), full_page=True)
    assert (artifacts / "dashboard.png").stat().st_size > 10000

    # a click on a timeline bar filters to that day
    page.click("#timeline rect.bar[data-date='2019-12-29']")
    page.wait_for_function("document.querySelectorAll('#event-list tbody tr').length === 1")
    assert page.locator("#map circle.event").count() == 1

    # the filter form: reset, then one actor's events only
    page.click("#f-reset")
    page.wait_for_function("document.querySelectorAll('#event-list tbody tr').length === 5")
    page.fill("#f-actor", "NGACOP")
    page.click("#f-apply")
    page.wait_for_function("document.querySelectorAll('#event-list tbody tr').length === 1")
    assert page.locator("#map circle.event").get_attribute("data-type") == "COERCE"
    page.select_option("#f-type", "ASSAULT")
    page.click("#f-apply")
    page.wait_for_function("document.querySelectorAll('#event-list tbody tr').length === 0")

    # the wheel zooms the map in around the cursor
    before = page.get_attribute("#map", "viewBox")
    box = page.locator("#map").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -300)
    page.wait_for_function(f"document.getElementById('map').getAttribute('viewBox') !== {before!r}")
    assert float(page.get_attribute("#map", "viewBox").split()[2]) < float(before.split()[2])

    assert page.outside == [], f"requests left the server: {page.outside}"
    assert page.errors == [], page.errors


def test_quotes_and_dyad_chart(page, site, artifacts):
    open_dashboard(page, site)
    page.wait_for_selector("#quote-list li[data-quote-id]")
    page.fill("#q-text", "defensively")
    page.click("#quote-search button")
    page.wait_for_function("document.querySelectorAll('#quote-list li[data-quote-id]').length === 1")
    page.click("#quote-list li[data-quote-id]")
    page.wait_for_selector("#event-view mark.ev-quote")
    assert "We responded defensively" in page.locator("#event-view mark.ev-quote").first.inner_text()
    assert page.locator("#event-view mark.ev-speaker").first.inner_text() == "Mike Pompeo"

    # the dyad chart opens on the busiest pair of states: Kataib Hezbollah counts for Iran, so the
    # Kirkuk attack and the US strike two days later are a tit-for-tat between IRN and USA
    page.wait_for_selector("#dyad-chart rect.bar")
    assert {page.input_value("#d-a"), page.input_value("#d-b")} == {"IRN", "USA"}
    assert page.locator("#dyad-chart rect.dyad-ab").count() + page.locator("#dyad-chart rect.dyad-ba").count() == 2
    page.wait_for_selector("#dyad-alerts li.alert-tit_for_tat")
    assert "Tit-for-tat between IRN and USA" in page.locator("#dyad-alerts li.alert-tit_for_tat").inner_text()
    assert page.locator("#dyad-chart rect.alert-window").count() >= 1
    page.locator("#dyad-summary li[data-incident-id]").first.click()
    page.wait_for_selector("#event-article mark.ev-trigger")
    assert page.locator("#event-article mark.ev-trigger").inner_text() == "hit"
    page.locator("#dyad-panel").screenshot(path=str(artifacts / "dyad-states.png"))
    # exact names, every stored event
    page.select_option("#d-level", "exact")
    page.fill("#d-a", "Nigeria Police")
    page.fill("#d-b", "protesters")
    page.click("#dyad-form button")
    page.wait_for_function("document.querySelectorAll('#dyad-summary li[data-event-id]').length === 1")
    page.locator("#dyad-panel").screenshot(path=str(artifacts / "dyad.png"))
    assert page.errors == [], page.errors


def test_markup_in_articles_renders_inert(page, site, artifacts):
    open_dashboard(page, site)
    import httpx

    hostile = httpx.get(site + "/events", params={"article": "hostile-1"}).json()["items"][0]
    page.click(f"#map circle.event[data-event-id='{hostile['id']}']")
    page.wait_for_selector("#event-article mark.ev-trigger")
    # the quote with <script> and onerror= shows as text and nothing ran
    page.fill("#q-text", "return")
    page.click("#quote-search button")
    page.wait_for_function("document.querySelectorAll('#quote-list li[data-quote-id]').length === 1")
    assert HOSTILE_QUOTE in page.locator("#quote-list blockquote").first.inner_text()
    page.click("#quote-list li[data-quote-id]")
    page.wait_for_selector("#event-view mark.ev-quote")
    assert HOSTILE_QUOTE in page.locator("#event-view").inner_text()
    page.screenshot(path=str(artifacts / "hostile.png"), full_page=True)
    assert page.evaluate("window.__pwned") is None
    assert page.dialogs == []
    # no element the data could have smuggled in exists: the page's own scripts and images only
    assert page.locator("main script, main img, main b[onmouseover]").count() == 0
    assert page.locator("[onerror], [onmouseover]").count() == 0
    assert page.errors == [], page.errors


@pytest.mark.slow
def test_seed_article_coded_by_the_pipeline(browser, tmp_path_factory, seed_record, artifacts):
    """The seed article as the real extractors code it today: whatever events they find with a
    place are on the map, those with a day on the timeline."""
    with serve_records(tmp_path_factory, [seed_record]) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, bypass_csp=True)
        pg = context.new_page()
        try:
            open_dashboard(pg, url)
            assert shown_counts(pg) == expected_counts([seed_record])
            pg.screenshot(path=str(artifacts / "seed.png"), full_page=True)
        finally:
            context.close()
