"""The pages in a real browser: headless Chromium against a real `datasette serve`.

Screenshots go to the test's tmp_path and are copied to /tmp/newsfacts-screens to look at,
named after the Datasette version they were taken on (the suite runs on 0.65 and on 1.0).
Skipped only when /usr/bin/chromium is missing (`apt-get install chromium`); no browser is
ever downloaded.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import datasette
import pytest

from test_plugin import SEED_ID, build_fixtures_db
from test_views import _dated_copy

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]
SCREENS = Path("/tmp/newsfacts-screens")

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is missing (apt-get install chromium)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`datasette serve` over the fixtures database on a free localhost port."""
    # dated, with one import error, so the timelines and the error count have something to show
    folder = tmp_path_factory.mktemp("browser")
    path = _dated_copy(build_fixtures_db(folder / "undated.db"), folder / "news.db")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=1)
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(process.stdout.read().decode())
                time.sleep(0.1)
        else:
            raise RuntimeError("datasette did not start in 10 seconds")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        page = context.new_page()
        # Nothing on our pages may come from anywhere but this server.
        outside = []
        page.on("request", lambda request: None if request.url.startswith(server) else outside.append(request.url))
        yield page
        browser.close()
        assert outside == []


def _shoot(page, tmp_path, name, full_page=True):
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    SCREENS.mkdir(exist_ok=True)
    shutil.copy(path, SCREENS / f"datasette-{datasette.__version__}-{path.name}")


def test_reader_shows_quotes_and_captions_and_leads_to_a_speaker(server, page, tmp_path):
    page.goto(f"{server}/-/newsfacts/news")
    assert page.locator(".nf-chart-speakers .nf-bar").count() > 0
    _shoot(page, tmp_path, "1-start")

    page.goto(f"{server}/-/newsfacts/news/articles/{SEED_ID}")
    quotes = page.locator("mark.nf-quote")
    assert quotes.count() == 9
    assert quotes.first.is_visible()
    captions = page.locator("figure.nf-caption")
    assert captions.count() == 4
    assert "Nicholas Kamm" in captions.first.inner_text()
    assert page.locator(".nf-video .nf-duration").first.inner_text() == "02:42"
    # Quote highlighting must stand out from the paragraph it sits in.
    mark_background = quotes.first.evaluate("el => getComputedStyle(el).backgroundColor")
    text_background = page.locator(".nf-paragraph").first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert mark_background != text_background
    _shoot(page, tmp_path, "2-article")
    _shoot(page, tmp_path, "2-article-top", full_page=False)
    page.locator("#block-27").scroll_into_view_if_needed()
    _shoot(page, tmp_path, "2-article-quotes", full_page=False)

    chips = page.locator("a.nf-speaker")
    speaker = chips.last.inner_text()
    quoted_here = sum(1 for text in chips.all_inner_texts() if text == speaker)
    chips.last.click()
    page.wait_for_url("**/speakers/**")
    assert page.locator("h1").inner_text() == speaker
    assert page.locator(".nf-quote-text").count() >= quoted_here
    _shoot(page, tmp_path, "3-speaker")

    page.locator("a.nf-quote-link").first.click()
    page.wait_for_url(f"**/articles/{SEED_ID}#block-*")
    assert page.locator("mark.nf-quote").count() == 9


def test_tables_link_to_the_reader_in_the_browser(server, page, tmp_path):
    page.goto(f"{server}/news/articles")
    page.locator("td.col-source a").first.click()
    page.wait_for_url("**/-/newsfacts/news/articles/**")
    assert page.locator(".nf-block").count() > 0
    page.goto(f"{server}/news/captions")
    assert page.locator(".facet-info").count() >= 3
    _shoot(page, tmp_path, "4-captions-table")
    page.goto(f"{server}/news/newsfacts_search?q=intelligence")
    assert page.locator("td.col-snippet mark").count() > 0
    _shoot(page, tmp_path, "5-search", full_page=False)
    page.locator("td.col-article_id a").first.click()
    page.wait_for_url(f"**/articles/{SEED_ID}#block-*")
    # the quotes table opens with the quote, its speaker and its article
    page.goto(f"{server}/news/quotes")
    assert page.locator("th.col-text").count() == 1 and page.locator("th.col-start").count() == 0
    _shoot(page, tmp_path, "4-quotes-table", full_page=False)
    page.get_by_text("show every column").click()
    page.wait_for_url("**/news/quotes?_allcols=1")
    page.locator("th.col-start").wait_for()  # the new page's table, not the one being left
    assert page.locator("th.col-start").count() == 1


def test_start_page_fits_a_phone_screen(server, page, tmp_path):
    page.set_viewport_size({"width": 390, "height": 844})
    try:
        page.goto(f"{server}/-/newsfacts/news")
        # wide tables scroll inside their box; the page itself never scrolls sideways
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        _shoot(page, tmp_path, "9-start-phone")
    finally:
        page.set_viewport_size({"width": 1200, "height": 900})


def test_the_way_in_search_outlet_and_speaker_pages(server, page, tmp_path):
    page.goto(f"{server}/")
    _shoot(page, tmp_path, "6-home", full_page=False)
    page.locator(".newsfacts-way-in a").first.click()
    page.wait_for_url("**/-/newsfacts/news")
    # the timeline is drawn by the server: an SVG with one bar per month and series
    assert page.locator("svg.nf-timeline rect").count() == 8
    assert page.locator(".nf-errors").inner_text().startswith("1")
    _shoot(page, tmp_path, "1-start")
    page.fill("input[name=q]", "Pinkston")
    page.locator("form.nf-search button").click()
    page.wait_for_url("**/-/newsfacts/news/search?q=Pinkston")
    assert page.locator(".nf-hit").count() > 0
    assert page.locator(".nf-hit-date").first.inner_text() == "4 March 2024, 09:05 UTC"
    _shoot(page, tmp_path, "7-search-results")
    page.locator(".nf-hit-outlet").first.click()
    page.wait_for_url("**/-/newsfacts/news/outlets/CNN")
    assert page.locator(".nf-outlet-articles tbody tr").count() == 2
    _shoot(page, tmp_path, "8-outlet")
    page.locator(".nf-chart-speakers a").first.click()
    page.wait_for_url("**/speakers/**")
    assert page.locator("svg.nf-timeline rect").count() == 1
    _shoot(page, tmp_path, "3-speaker-grouped")
    page.locator("a.nf-article-link").first.click()
    page.wait_for_url(f"**/articles/{SEED_ID}")
    # the reader's text keeps a readable measure on a wide screen
    page.set_viewport_size({"width": 1600, "height": 900})
    try:
        width = page.locator(".nf-paragraph").first.evaluate("el => el.getBoundingClientRect().width")
        font = page.locator(".nf-paragraph").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        assert 25 <= width / font <= 40, (width, font)  # about 60-80 characters a line
        _shoot(page, tmp_path, "2-article-wide", full_page=False)
    finally:
        page.set_viewport_size({"width": 1200, "height": 900})
