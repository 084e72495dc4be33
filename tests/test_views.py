"""The pages a researcher opens first: start page, search, outlet and speaker pages, their JSON,
and the pure functions that draw their dates and timelines.

The fixtures database is copied and given dates (the fixture dumps carry none), an import
error and, in one test, speaker kinds, so each page has something of every kind to show.
"""

from __future__ import annotations

import shutil

import pytest
import pytest_asyncio
import sqlite_utils
from bs4 import BeautifulSoup
from datasette.utils import tilde_encode

from datasette_newsfacts.display import marked, periods, readable_date, timeline_svg

from test_plugin import SEED_ID, _datasette, _soup, fixtures_db  # noqa: F401 (a fixture)

DATES = {"fixtures/seed/000_14d1a24053a90e28.txt": "2024-03-04T09:05:00Z",
         "fixtures/forms/captions.txt": "2023-12-01", "fixtures/forms/videos.txt": "2024-03-20"}


def _dated_copy(fixtures_db, path, *, without_kinds: bool = False):
    shutil.copy(fixtures_db, path)
    db = sqlite_utils.Database(path)
    for source, published in DATES.items():
        db.execute("update articles set published = ? where source = ?", [published, source])
    db["import_errors"].insert({"source": "dumps/broken.txt.gz", "record": None, "reason": "truncated gzip", "at": "x"})
    if without_kinds:  # a database converted before speakers had a kind
        db.execute("drop index idx_speakers_kind")
        db.execute("alter table speakers drop column kind")
    db.close()
    return path


@pytest_asyncio.fixture
async def dated(fixtures_db, tmp_path):
    return await _datasette(_dated_copy(fixtures_db, tmp_path / "dated.db"))


# --- Pure functions --------------------------------------------------------------------------


def test_readable_dates():
    assert readable_date("2024-03-04") == "4 March 2024"
    assert readable_date("2024-03-04T09:05:00Z") == "4 March 2024, 09:05 UTC"
    assert readable_date("2024-03-04T09:05:00+02:00") == "4 March 2024, 09:05 +02:00"
    assert readable_date("2024-03") == "March 2024"
    assert readable_date("Tuesday, last week") == "Tuesday, last week"  # kept as printed
    assert readable_date("2024-13-01") == "2024-13-01"
    assert readable_date(None) is None


def test_periods_fill_empty_months_and_turn_to_years_over_a_long_span():
    counts = {"2024-01": {"articles": 2, "quotes": 5}, "2024-03": {"articles": 1, "quotes": 0}, "junk": {"articles": 9}}
    assert periods(counts, ["articles", "quotes"]) == [
        {"period": "2024-01", "articles": 2, "quotes": 5},
        {"period": "2024-02", "articles": 0, "quotes": 0},
        {"period": "2024-03", "articles": 1, "quotes": 0},
    ]
    long = {"2001-05": {"articles": 1}, "2020-02": {"articles": 3}, "2020-07": {"articles": 1}}
    by_year = periods(long, ["articles"])
    assert by_year[0] == {"period": "2001", "articles": 1} and by_year[-1] == {"period": "2020", "articles": 4}
    assert len(by_year) == 20 and sum(row["articles"] for row in by_year) == 5
    assert periods({}, ["articles"]) == []


def test_timeline_svg_draws_one_bar_per_period_and_escapes():
    rows = [{"period": "2024-01", "articles": 2, "quotes": 4}, {"period": "2024-02", "articles": 1, "quotes": 0}]
    svg = BeautifulSoup(timeline_svg(rows, [("articles", "#00f"), ("quotes", "#f00")]), "html.parser")
    bars = svg.select("rect")
    assert [bar.title.get_text() for bar in bars] == [
        "2024-01: 2 articles", "2024-02: 1 articles", "2024-01: 4 quotes", "2024-02: 0 quotes"]
    assert float(bars[0]["height"]) == 70 and float(bars[1]["height"]) == 35 and float(bars[3]["height"]) == 0
    assert "<b>" not in timeline_svg([{"period": "<b>", "n": 1}], [("n", "#000")])
    assert timeline_svg([], [("n", "#000")]) == ""


def test_marked_snippets_escape_everything_but_the_marks():
    assert marked("a «<b>» c") == "a <mark>&lt;b&gt;</mark> c"
    assert marked("unbalanced « mark") == "unbalanced « mark"


# --- The start page ---------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_start_page_searches_counts_outlets_time_and_errors(dated):
    soup = await _soup(dated, "/-/newsfacts/dated")
    form = soup.select_one("form.nf-search")
    assert form["action"] == "/-/newsfacts/dated/search" and form.select_one("input")["name"] == "q"
    outlets = [(row.th.get_text(strip=True), row.select_one(".nf-count").get_text()) for row in soup.select(".nf-chart-outlets tr")]
    assert outlets == [("CNN", "2")]
    assert soup.select_one(".nf-chart-outlets a")["href"] == "/-/newsfacts/dated/outlets/CNN"
    errors = soup.select_one(".nf-errors")
    assert errors.get_text(" ", strip=True) == "1 import error" and errors.a["href"] == "/dated/import_errors"
    # months from December 2023 to March 2024, articles above and quotes below
    titles = [rect.title.get_text() for rect in soup.select("svg.nf-timeline rect")]
    assert titles == ["2023-12: 1 articles", "2024-01: 0 articles", "2024-02: 0 articles", "2024-03: 2 articles",
                      "2023-12: 0 quotes", "2024-01: 0 quotes", "2024-02: 0 quotes", "2024-03: 9 quotes"]
    assert "4 March 2024, 09:05 UTC" in soup.select_one(".nf-list").get_text()


@pytest.mark.asyncio
async def test_start_page_of_a_database_whose_speakers_have_no_kind(fixtures_db, tmp_path):
    ds = await _datasette(_dated_copy(fixtures_db, tmp_path / "older.db", without_kinds=True))
    soup = await _soup(ds, "/-/newsfacts/older")
    # one list, and a note that says why
    assert soup.select(".nf-chart-speakers tr") and not soup.select(".nf-chart-unnamed")
    assert "no kind" in soup.select_one(".nf-chart-speakers .nf-muted").get_text()
    assert (await ds.client.get("/-/newsfacts/older.json")).json()["speakers"]["kinds_known"] is False


@pytest.mark.asyncio
async def test_start_page_json_carries_the_same_data(dated):
    data = (await dated.client.get("/-/newsfacts/dated.json")).json()
    assert data["totals"]["articles"] == 3 and data["import_errors"]["count"] == 1
    assert [(bar["label"], bar["count"]) for bar in data["outlet_bars"]] == [("CNN", 2)]
    assert data["timeline"][-1] == {"period": "2024-03", "articles": 2, "quotes": 9}
    assert data["speakers"]["kinds_known"] is True
    assert "timeline_svg" not in data


@pytest.mark.asyncio
async def test_start_page_sets_named_people_apart_from_unnamed_sources(fixtures_db, tmp_path):
    ds = await _datasette(_dated_copy(fixtures_db, tmp_path / "kinds.db"))
    soup = await _soup(ds, "/-/newsfacts/kinds")
    named = [row.th.get_text(strip=True) for row in soup.select(".nf-chart-named tr")]
    unnamed = [row.th.get_text(strip=True) for row in soup.select(".nf-chart-unnamed tr")]
    assert named == ["Daniel Pinkston", "Geng Shuang", "Lee Jae-jeong"]
    assert unnamed == ["A spokesman for China’s foreign ministry"]
    data = (await ds.client.get("/-/newsfacts/kinds.json")).json()
    assert {row["kind"]: row["speakers"] for row in data["speakers"]["kinds"]} == {
        "person": 3, "organisation": 3, "unnamed": 1}


# --- Search, outlet and speaker pages ------------------------------------------------------------


@pytest.mark.asyncio
async def test_search_results_name_the_article_outlet_and_date_and_open_the_reader_at_the_hit(dated):
    soup = await _soup(dated, "/-/newsfacts/dated/search?q=Pinkston")
    hits = soup.select(".nf-hit")
    assert hits
    for hit in hits:
        assert hit.select_one(".nf-hit-article").get_text() == "000_14d1a24053a90e28.txt"
        assert hit.select_one(".nf-hit-article")["href"].startswith(f"/-/newsfacts/dated/articles/{SEED_ID}#block-")
        assert hit.select_one(".nf-hit-outlet").get_text() == "CNN"
        assert hit.select_one(".nf-hit-date").get_text() == "4 March 2024, 09:05 UTC"
        # a quote found by its speaker's name shows its own words, with who said them
        mark = hit.select_one(".nf-hit-snippet mark")
        assert ("Pinkston" in mark.get_text()) if mark else "said by Daniel Pinkston" in hit.get_text()
    data = (await dated.client.get("/-/newsfacts/dated/search.json?q=Pinkston")).json()
    assert len(data["hits"]) == len(hits) and {hit["kind"] for hit in data["hits"]} <= {"paragraph", "quote", "caption"}
    assert {hit["published"] for hit in data["hits"]} == {"2024-03-04T09:05:00Z"}
    empty = await _soup(dated, "/-/newsfacts/dated/search?q=zzzqqq")
    assert not empty.select(".nf-hit") and "Nothing matches" in empty.get_text()
    assert (await dated.client.get("/-/newsfacts/dated/search")).status_code == 200


@pytest.mark.asyncio
async def test_outlet_page_lists_articles_speakers_credits_and_furniture(dated, fixtures_db):
    soup = await _soup(dated, "/-/newsfacts/dated/outlets/CNN")
    assert soup.h1.get_text(" ", strip=True) == "CNN outlet"
    articles = [a.get_text() for a in soup.select(".nf-outlet-articles a")]
    assert articles == ["videos.txt", "000_14d1a24053a90e28.txt"]  # newest first
    speakers = [row.th.get_text(strip=True) for row in soup.select(".nf-chart-speakers tr")]
    assert speakers[:2] == ["Daniel Pinkston", "Geng Shuang"] and len(speakers) == 7
    data = (await dated.client.get("/-/newsfacts/dated/outlets/CNN.json")).json()
    db = sqlite_utils.Database(fixtures_db)
    blocks, paragraphs = next(db.query(
        "select total(blocks) as b, total(paragraphs) as p from articles where outlet = 'CNN'")).values()
    assert data["summary"]["furniture"] == blocks - paragraphs
    assert data["summary"]["furniture_share"] == round((blocks - paragraphs) / blocks, 3)
    agencies = dict(db.execute(
        "select agency, count(*) from captions join articles on articles.id = captions.article_id "
        "where outlet = 'CNN' and agency is not null group by agency").fetchall())
    assert {bar["label"]: bar["count"] for bar in data["agency_bars"]} == agencies
    assert f"{data['summary']['furniture_share']:.0%}" in soup.select_one(".nf-furniture").get_text()
    assert (await dated.client.get("/-/newsfacts/dated/outlets/Nobody")).status_code == 404
    assert (await dated.client.get("/-/newsfacts/dated/outlets/" + tilde_encode("<b>x</b>"))).status_code == 404


@pytest.mark.asyncio
async def test_speaker_page_has_a_timeline_and_the_outlet_and_date_of_each_article(dated):
    soup = await _soup(dated, "/-/newsfacts/dated/speakers/" + tilde_encode("geng shuang"))
    assert [rect.title.get_text() for rect in soup.select("svg.nf-timeline rect")] == ["2024-03: 2 quotes"]
    meta = soup.select_one(".nf-speaker-article .nf-meta").get_text(" ", strip=True)
    assert meta.startswith("CNN · 4 March 2024, 09:05 UTC")


@pytest.mark.asyncio
async def test_every_page_has_a_json_form(dated):
    for path in ("/-/newsfacts", "/-/newsfacts/dated", "/-/newsfacts/dated/search?q=Korea",
                 f"/-/newsfacts/dated/articles/{SEED_ID}", "/-/newsfacts/dated/outlets/CNN",
                 "/-/newsfacts/dated/speakers/" + tilde_encode("geng shuang")):
        base, _, query = path.partition("?")
        response = await dated.client.get(base + ".json" + (f"?{query}" if query else ""))
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("application/json"), path
        assert response.json(), path
    reader = (await dated.client.get(f"/-/newsfacts/dated/articles/{SEED_ID}.json")).json()
    assert reader["published_readable"] == "4 March 2024, 09:05 UTC"
    assert [block["position"] for block in reader["blocks"]] == list(range(reader["article"]["blocks"]))


@pytest.mark.asyncio
async def test_quotes_table_opens_with_quote_speaker_and_article_and_every_column_is_a_click_away(dated):
    soup = await _soup(dated, "/dated/quotes")
    columns = [th["data-column"] for th in soup.select("table.rows-and-columns th[data-column]")]
    assert columns[:1] == ["id"] or columns[0] == "text"  # Datasette keeps the primary key in front
    assert [c for c in columns if c != "id"] == ["text", "speaker", "article_id", "kind", "speaker_role", "cue"]
    every = soup.find("a", string="show every column")
    assert every["href"] == "?_allcols=1"
    full = await _soup(dated, "/dated/quotes?_allcols=1")
    all_columns = [th["data-column"] for th in full.select("table.rows-and-columns th[data-column]")]
    assert {"start", "end", "paragraph_id", "speaker_id", "position"} <= set(all_columns)
    # JSON, CSV and an address that picks its own columns are left as asked
    assert "start" in (await dated.client.get("/dated/quotes.json?_shape=array")).json()[0]
    picked = await _soup(dated, "/dated/quotes?_col=cue")
    assert [th["data-column"] for th in picked.select("table.rows-and-columns th[data-column]") if th["data-column"] != "id"] == ["cue"]


@pytest.mark.asyncio
async def test_search_without_its_index_says_what_to_do(fixtures_db, tmp_path):
    path = _dated_copy(fixtures_db, tmp_path / "noindex.db")
    db = sqlite_utils.Database(path)
    db["paragraphs"].disable_fts()
    db.close()
    ds = await _datasette(path)
    response = await ds.client.get("/-/newsfacts/noindex/search?q=Korea")
    assert response.status_code == 200
    assert "run `newsfacts convert` on this database again" in BeautifulSoup(response.text, "html.parser").select_one(".nf-error").get_text()
    assert (await ds.client.get("/-/newsfacts/noindex/search.json?q=Korea")).json()["error"]


@pytest.mark.asyncio
async def test_an_outlet_name_with_a_slash_and_markup_has_its_page(fixtures_db, tmp_path):
    path = _dated_copy(fixtures_db, tmp_path / "slash.db")
    db = sqlite_utils.Database(path)
    db.execute("update articles set outlet = 'ABC/7 <b>News</b>' where outlet = 'CNN'")
    db.close()
    ds = await _datasette(path)
    start = await _soup(ds, "/-/newsfacts/slash")
    link = start.select_one(".nf-chart-outlets a")
    assert link.get_text() == "ABC/7 <b>News</b>"
    outlet = await _soup(ds, link["href"])
    assert outlet.h1.get_text(" ", strip=True) == "ABC/7 <b>News</b> outlet" and not outlet.select("h1 b")


@pytest.mark.asyncio
async def test_a_large_outlets_charts_count_its_newest_articles_and_say_so(dated, monkeypatch):
    from datasette_newsfacts import overview

    monkeypatch.setattr(overview, "OUTLET_SAMPLE", 1)  # CNN has two articles: count the newest only
    data = (await dated.client.get("/-/newsfacts/dated/outlets/CNN.json")).json()
    assert data["charts_sample"] == 1 and data["speaker_bars"] == []  # videos.txt, converted last, quotes no one
    soup = await _soup(dated, "/-/newsfacts/dated/outlets/CNN")
    assert "counted over its 1 most recently converted articles" in soup.select_one(".nf-sample").get_text()
    assert data["summary"]["articles"] == 2  # the numbers still count every article
