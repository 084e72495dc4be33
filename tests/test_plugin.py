"""The Datasette plugin: recognition, table defaults, pages, links, downloads.

`build_fixtures_db` is the fixtures database every Datasette test uses (test_examples and
test_browser import it): the seed dump plus two small dumps, converted the way users do.
Run this file as a script to build one: `python tests/test_plugin.py /tmp/fixtures.db`.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sqlite3
import sys
from pathlib import Path
from urllib.parse import quote as url_quote

import pytest
import pytest_asyncio
import sqlite_utils
from bs4 import BeautifulSoup
from datasette.app import Datasette
from datasette.utils import tilde_encode

from datasette_newsfacts import compat, config, sqlfunctions, storage
from datasette_newsfacts import convert as conversion

REPO = Path(__file__).resolve().parent.parent
# Sources are given relative to the repository, so article ids do not depend on the checkout.
SEED = "fixtures/seed/000_14d1a24053a90e28.txt"
SEED_GOLD = "fixtures/seed/000_14d1a24053a90e28.gold.json"
FIXTURE_DUMPS = [SEED, "fixtures/forms/captions.txt", "fixtures/forms/videos.txt"]
SEED_ID = storage.article_id(SEED)


def build_fixtures_db(path) -> Path:
    """Convert the fixture dumps into a database at `path` and return the path."""
    with contextlib.chdir(REPO):
        missing = [dump for dump in FIXTURE_DUMPS if not Path(dump).exists()]
        if missing:
            raise FileNotFoundError(f"fixture dumps missing : {missing}")
        db = sqlite_utils.Database(path)
        summary = conversion.run(db, FIXTURE_DUMPS)
        assert not summary.failures, summary.report()
        db.close()
    return Path(path)


@pytest.fixture(scope="session")
def fixtures_db(tmp_path_factory) -> Path:
    return build_fixtures_db(tmp_path_factory.mktemp("newsfacts") / "fixtures.db")


@pytest.fixture(scope="session")
def other_db(tmp_path_factory) -> Path:
    """A database `convert` did not make, with an `articles` table of its own."""
    path = tmp_path_factory.mktemp("other") / "blog.db"
    db = sqlite_utils.Database(path)
    db["articles"].insert({"id": "a1", "source": "post.md", "title": "Hello"}, pk="id")
    db["blocks"].insert({"id": "b1", "kind": "paragraph"}, pk="id")
    db.close()
    return path


async def _datasette(*paths, **kwargs) -> Datasette:
    ds = Datasette([str(path) for path in paths], **kwargs)
    await ds.invoke_startup()
    return ds


@pytest_asyncio.fixture
async def ds(fixtures_db, other_db):
    return await _datasette(fixtures_db, other_db)


async def query_names(ds, database: str) -> set[str]:
    """The canned queries a database lists, on either Datasette line (1.0 pages them at /DB/-/queries)."""
    path = ds.urls.database(database)
    if compat.DATASETTE_1:
        return {q["name"] for q in (await ds.client.get(f"{path}/-/queries.json")).json()["queries"]}
    return {q["name"] for q in (await ds.client.get(f"{path}.json")).json()["queries"]}


async def facet_results(ds, path: str) -> dict:
    """{column: facet} for a table page; 1.0 wraps them in `results` and asks for `_extra`."""
    sep = "&" if "?" in path else "?"
    data = (await ds.client.get(f"{path}{sep}_extra=facet_results")).json()["facet_results"]
    return data["results"] if compat.DATASETTE_1 else data


async def suggested_facets(ds, path: str) -> list:
    sep = "&" if "?" in path else "?"
    return (await ds.client.get(f"{path}{sep}_extra=suggested_facets")).json()["suggested_facets"]


async def table_settings(ds, database: str, table: str) -> dict:
    """What Datasette holds for a table: metadata on 0.65, configuration and metadata on 1.0."""
    if not compat.DATASETTE_1:
        return ds.table_metadata(database, table)
    settings = {**await ds.get_resource_metadata(database, table), **await ds.table_config(database, table)}
    columns = await ds.get_internal_database().execute(
        "select column_name, value from metadata_columns where database_name = ? and resource_name = ? "
        "and key = 'description'", [database, table],
    )
    if columns.rows:
        settings["columns"] = {row[0]: row[1] for row in columns.rows}
    return settings


async def _soup(ds, path) -> BeautifulSoup:
    response = await ds.client.get(path)
    assert response.status_code == 200, (path, response.text[:500])
    return BeautifulSoup(response.text, "html.parser")


def _one_article_db(tmp_path, name: str, dump_text: str) -> tuple[Path, str]:
    """A database `name`.db converted from one dump holding `dump_text`, and the article's id."""
    dump = tmp_path / f"{name}.txt"
    dump.write_text(dump_text, encoding="utf-8")
    path = tmp_path / f"{name}.db"
    db = sqlite_utils.Database(path)
    conversion.run(db, [str(dump)])
    db.close()
    return path, storage.article_id(str(dump))


def _seed_rows(fixtures_db, sql, params=()):
    conn = sqlite3.connect(fixtures_db)
    sqlfunctions.register(conn)  # as the plugin's prepare_connection hook does
    conn.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in conn.execute(sql, params)]
    finally:
        conn.close()


# --- Registration and recognition --------------------------------------------------------


@pytest.mark.asyncio
async def test_plugin_is_listed(ds):
    plugins = (await ds.client.get("/-/plugins.json")).json()
    ours = [plugin for plugin in plugins if plugin["name"] == "datasette-newsfacts"]
    assert ours and ours[0]["templates"] and ours[0]["static"]
    assert {"get_metadata", "canned_queries", "register_routes", "render_cell"} <= set(ours[0]["hooks"])


@pytest.mark.asyncio
async def test_recognised_whatever_the_file_name(tmp_path, fixtures_db):
    renamed = tmp_path / "my corpus.v2.db"
    renamed.write_bytes(fixtures_db.read_bytes())
    ds = await _datasette(renamed)
    name = "my corpus.v2"
    assert set(config.QUERIES) <= await query_names(ds, name)
    response = await ds.client.get(f"/-/newsfacts/{ds.urls.database(name)[1:]}")
    assert response.status_code == 200


@pytest.mark.asyncio
async def test_other_databases_get_none_of_it(ds):
    assert await query_names(ds, "blog") == set()
    assert (await ds.client.get("/-/newsfacts/blog")).status_code == 404
    assert (await ds.client.get("/-/newsfacts/blog/articles/a1")).status_code == 404
    assert (await ds.client.get("/blog/newsfacts_search.json?q=x")).status_code in (400, 404)
    assert await facet_results(ds, "/blog/articles.json") == {}
    html = (await ds.client.get("/blog/articles")).text
    assert "/-/newsfacts/" not in html
    index = await _soup(ds, "/-/newsfacts")
    assert [a.text for a in index.select(".nf-databases a")] == ["fixtures"]
    assert "facets" not in await table_settings(ds, "blog", "articles")


@pytest.mark.asyncio
async def test_memory_database_is_left_alone():
    ds = await _datasette(memory=True)
    assert await query_names(ds, "_memory") == set()
    assert (await ds.client.get("/-/newsfacts/_memory")).status_code == 404


@pytest.mark.asyncio
async def test_a_database_converted_after_start_up_is_recognised(tmp_path, monkeypatch):
    """`datasette serve news.db` first, `newsfacts convert news.db ...` second: no restart needed."""
    from datasette_newsfacts import recognise

    monkeypatch.setattr(recognise, "RECHECK_SECONDS", 0.0)  # look again at once, not after a second
    path = tmp_path / "late.db"
    sqlite_utils.Database(path).execute("create table notes (id integer primary key)")
    ds = await _datasette(path)
    assert (await ds.client.get("/-/newsfacts/late")).status_code == 404
    assert await query_names(ds, "late") == set()
    db = sqlite_utils.Database(path)
    with contextlib.chdir(REPO):
        assert not conversion.run(db, FIXTURE_DUMPS).failures
    db.close()
    assert (await ds.client.get("/-/newsfacts/late")).status_code == 200
    assert set(config.QUERIES) <= await query_names(ds, "late")
    search = await ds.client.get("/late/newsfacts_search.json?q=Korea&_shape=array")
    assert search.status_code == 200 and search.json()
    assert list(await facet_results(ds, "/late/captions.json")) == config.TABLES["captions"]["facets"]


@pytest.mark.asyncio
async def test_static_assets_do_not_look_at_databases(tmp_path, monkeypatch):
    """A page's stylesheets and scripts read no database, so they start no recognition pass."""
    from datasette_newsfacts import recognise

    monkeypatch.setattr(recognise, "RECHECK_SECONDS", 0.0)
    path = tmp_path / "late.db"
    sqlite_utils.Database(path).execute("create table notes (id integer primary key)")
    ds = await _datasette(path)
    await ds.client.get("/")
    passes = []
    real = recognise.recognise_databases

    async def counting(datasette):
        passes.append(1)
        await real(datasette)

    monkeypatch.setattr(recognise, "recognise_databases", counting)
    assert (await ds.client.get("/-/static/app.css")).status_code == 200
    assert (await ds.client.get("/-/static-plugins/datasette_newsfacts/newsfacts.css")).status_code == 200
    assert passes == []
    await ds.client.get("/late")
    assert passes == [1]


@pytest.mark.asyncio
async def test_home_and_database_pages_lead_to_the_start_page(ds):
    home = await _soup(ds, "/")
    assert [a["href"] for a in home.select(".newsfacts-way-in a")] == ["/-/newsfacts/fixtures"]
    database = await _soup(ds, "/fixtures")
    assert [a["href"] for a in database.select(".newsfacts-way-in a")] == ["/-/newsfacts/fixtures"]
    assert not (await _soup(ds, "/blog")).select(".newsfacts-way-in")


# --- Table defaults -------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize("table, facets", [(t, s["facets"]) for t, s in config.TABLES.items() if s.get("facets")])
async def test_default_facets_come_back(ds, table, facets):
    assert list(await facet_results(ds, f"/fixtures/{table}.json")) == facets


@pytest.mark.asyncio
async def test_facet_counts(ds):
    captions = await facet_results(ds, "/fixtures/captions.json")
    agencies = {row["value"]: row["count"] for row in captions["agency"]["results"]}
    assert agencies["AFP"] >= 2
    kinds = await facet_results(ds, f"/fixtures/blocks.json?article_id={SEED_ID}")
    counts = {row["value"]: row["count"] for row in kinds["kind"]["results"]}
    assert counts == {"paragraph": 23, "caption": 4, "video": 3, "highlight": 2, "heading": 2,
                      "dateline": 1, "contributor": 1, "boilerplate": 1}
    quotes = await facet_results(ds, "/fixtures/quotes.json")
    assert {row["value"] for row in quotes["kind"]["results"]} <= {"full", "partial"}


@pytest.mark.asyncio
async def test_sort_orders_and_labels(ds, fixtures_db):
    videos = (await ds.client.get("/fixtures/videos.json?_shape=array")).json()
    durations = [row["duration_seconds"] for row in videos]
    assert durations == sorted(durations, reverse=True)
    captions = (await ds.client.get(f"/fixtures/captions.json?_labels=on&_shape=array&article_id={SEED_ID}")).json()
    assert captions[0]["video_id"] == {"value": f"{SEED_ID}-0001", "label": "How will Trump handle North Korea?"}
    quotes = (await ds.client.get("/fixtures/quotes.json?_labels=on&_shape=array")).json()
    names = {row["id"]: row["name"] for row in _seed_rows(fixtures_db, "select id, name from speakers")}
    labelled = [row["speaker_id"] for row in quotes if row["speaker_id"]]
    assert labelled and all(fk["label"] == names[fk["value"]] for fk in labelled)


def test_every_faceted_and_sorted_column_is_indexed(fixtures_db):
    db = sqlite_utils.Database(fixtures_db)
    for table, settings in config.TABLES.items():
        if table not in storage.VIEWS:
            indexed = {index.columns[0] for index in db[table].indexes} | {"id"}
            wanted = set(settings.get("facets", [])) | {settings[k] for k in ("sort", "sort_desc") if k in settings}
            assert wanted <= indexed, (table, wanted - indexed)


@pytest.mark.parametrize("table, column", [(t, c) for t, s in config.TABLES.items() for c in s.get("facets", [])])
def test_facet_queries_read_an_index(fixtures_db, table, column):
    # The shape of Datasette's facet SQL: count per value over the whole table.
    sql = (f"select [{column}] as value, count(*) as count from (select * from [{table}]) "
           f"where [{column}] is not null group by value order by count desc, value limit 31")
    plan = " ".join(row["detail"] for row in _seed_rows(fixtures_db, "explain query plan " + sql))
    assert "COVERING INDEX" in plan, plan


@pytest.mark.asyncio
async def test_no_facet_suggestions_on_our_tables(ds, fixtures_db):
    # Suggestions cost a count per column on every page: seconds on a large corpus.
    assert await suggested_facets(ds, "/fixtures/captions.json") == []
    opted_in = await _datasette(fixtures_db, metadata={"plugins": {"datasette-newsfacts": {"suggest_facets": True}}})
    assert await suggested_facets(opted_in, "/fixtures/captions.json") != []


@pytest.mark.parametrize("name", list(config.QUERIES))
def test_canned_queries_never_scan_a_table(fixtures_db, name):
    query = config.QUERIES[name]
    params = {param: "x" for param in query["params"]}
    plan = [row["detail"] for row in _seed_rows(fixtures_db, "explain query plan " + query["sql"], params)]
    bare_scans = [line for line in plan if line.startswith("SCAN ") and " USING " not in line
                  and line.split()[1] in config.TABLES]
    assert bare_scans == [], plan


@pytest.mark.asyncio
async def test_users_metadata_wins(fixtures_db):
    ds = await _datasette(
        fixtures_db,
        metadata={"databases": {"fixtures": {"tables": {"captions": {"facets": ["pool"]}}}}},
    )
    assert list(await facet_results(ds, "/fixtures/captions.json")) == ["pool"]
    assert list(await facet_results(ds, "/fixtures/videos.json")) == ["source"]


# --- Downloads and the clean-text view ------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize("table", list(config.TABLES))
async def test_every_table_and_view_downloads(ds, table):
    as_json = await ds.client.get(f"/fixtures/{table}.json?_shape=array")
    assert as_json.status_code == 200
    as_csv = await ds.client.get(f"/fixtures/{table}.csv?_stream=on&_dl=1")
    assert as_csv.status_code == 200
    assert len(list(csv.DictReader(io.StringIO(as_csv.text)))) == len(as_json.json())


@pytest.mark.asyncio
async def test_clean_text_view_streams_every_row(fixtures_db):
    # Below the page size Datasette stops streaming early, so shrink both.
    ds = await _datasette(fixtures_db, settings={"max_returned_rows": 1, "default_page_size": 1})
    response = await ds.client.get("/fixtures/article_text.csv?_stream=on&_dl=1")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == len(FIXTURE_DUMPS)
    assert list(rows[0]) == ["id", "title", "outlet", "dateline_place", "text"]
    gold = json.loads((REPO / SEED_GOLD).read_text(encoding="utf-8"))
    seed = next(row for row in rows if row["id"] == SEED_ID)
    assert seed["text"] == "\n\n".join(p["text"] for p in gold["paragraphs"])
    assert "Story highlights" not in seed["text"] and "Source: CNN" not in seed["text"]


# --- Pages ----------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_article_page_shows_every_block_in_order(ds, fixtures_db):
    soup = await _soup(ds, f"/-/newsfacts/fixtures/articles/{SEED_ID}")
    blocks = _seed_rows(fixtures_db, "select position, kind, text from blocks where article_id = ? order by position", [SEED_ID])
    shown = soup.select("article.nf-article > .nf-block")
    assert [(int(el["data-position"]), el["data-kind"]) for el in shown] == [(b["position"], b["kind"]) for b in blocks]
    for element, block in zip(shown, blocks):
        assert f"nf-{block['kind']}" in element["class"]
        assert element["id"] == f"block-{block['position']}"
    gold = json.loads((REPO / SEED_GOLD).read_text(encoding="utf-8"))
    for chip in soup.select("a.nf-speaker"):
        chip.decompose()
    assert [el.get_text() for el in soup.select(".nf-paragraph")] == [p["text"] for p in gold["paragraphs"]]
    assert [el.get_text(strip=True) for el in soup.select(".nf-highlight")] == gold["highlights"]
    assert [el.get_text(strip=True) for el in soup.select(".nf-heading")] == gold["headings"]
    assert [el.get_text(strip=True) for el in soup.select(".nf-caption .nf-caption-text")] == [c["text"] for c in gold["captions"]]
    assert [el.get_text(strip=True) for el in soup.select(".nf-video .nf-duration")] == [v["duration"] for v in gold["videos"]]
    assert [el.get_text(strip=True) for el in soup.select(".nf-video .nf-video-title")] == [v["title"] for v in gold["videos"]]
    credits = soup.select(".nf-caption .nf-credit")
    assert len(credits) == 2 and "Nicholas Kamm" in credits[0].get_text() and "AFP" in credits[0].get_text()
    assert credits[1].select_one(".nf-badge").get_text() == "pool"
    assert soup.select_one(".nf-dateline").get_text(strip=True).startswith("Seoul")
    assert soup.select_one(".nf-boilerplate").get_text(strip=True) == "Story highlights"
    assert "James Griffiths" in soup.select_one(".nf-contributor").get_text()


@pytest.mark.asyncio
async def test_article_page_highlights_quotes_and_links_speakers(ds, fixtures_db):
    soup = await _soup(ds, f"/-/newsfacts/fixtures/articles/{SEED_ID}")
    quotes = _seed_rows(fixtures_db, "select * from quotes where article_id = ? order by position, start", [SEED_ID])
    assert len(quotes) == 9
    marks = soup.select("mark.nf-quote")
    assert [mark.get_text() for mark in marks] == [quote["text"] for quote in quotes]
    links = soup.select("a.nf-speaker")
    assert [a["href"] for a in links] == [f"/-/newsfacts/fixtures/speakers/{tilde_encode(q['speaker_id'])}" for q in quotes]
    # Quoted text stays where it was: the paragraph reads exactly as stored, speaker chips aside.
    for link in links:
        link.decompose()
    paragraph_texts = {row["id"]: row["text"] for row in _seed_rows(fixtures_db, "select id, text from paragraphs")}
    for quote in quotes:
        element = soup.select_one(f"#block-{int(quote['paragraph_id'][-4:])}")
        assert element.get_text() == paragraph_texts[quote["paragraph_id"]]


@pytest.mark.asyncio
async def test_speaker_page_lists_their_quotes(ds, fixtures_db):
    speaker = _seed_rows(fixtures_db, "select * from speakers order by quotes desc, name limit 1")[0]
    soup = await _soup(ds, f"/-/newsfacts/fixtures/speakers/{tilde_encode(speaker['id'])}")
    assert soup.select_one("h1").get_text(strip=True) == speaker["name"]
    quotes = _seed_rows(fixtures_db, "select * from quotes where speaker_id = ? order by rowid", [speaker["id"]])
    assert [el.get_text() for el in soup.select(".nf-quote-text")] == [q["text"] for q in quotes]
    # grouped by article: the article's title links to it, each quote to its paragraph
    assert [a["href"] for a in soup.select("a.nf-article-link")] == [f"/-/newsfacts/fixtures/articles/{SEED_ID}"]
    links = soup.select("a.nf-quote-link")
    assert len(links) == len(quotes)
    for link in links:
        assert link["href"].startswith(f"/-/newsfacts/fixtures/articles/{SEED_ID}#block-")
    as_json = (await ds.client.get(f"/-/newsfacts/fixtures/speakers/{tilde_encode(speaker['id'])}.json")).json()
    assert [group["article_id"] for group in as_json["groups"]] == [SEED_ID]
    assert [quote["text"] for quote in as_json["groups"][0]["quotes"]] == [q["text"] for q in quotes]
    assert as_json["groups"][0]["roles"] == list(dict.fromkeys(q["speaker_role"] for q in quotes if q["speaker_role"]))
    assert (await ds.client.get("/-/newsfacts/fixtures/speakers/nobody")).status_code == 404
    # the pages' parents list them all
    for path, target in (("speakers", "/fixtures/speakers?_sort_desc=quotes"), ("articles", "/fixtures/articles?_sort=source")):
        response = await ds.client.get(f"/-/newsfacts/fixtures/{path}")
        assert (response.status_code, response.headers["location"]) == (302, target)
    # a name as people write it leads to the speaker's page
    for typed in (tilde_encode(speaker["name"].upper()), url_quote(speaker["name"])):  # as linked, as typed
        response = await ds.client.get("/-/newsfacts/fixtures/speakers/" + typed)
        assert response.status_code == 302
        assert response.headers["location"] == f"/-/newsfacts/fixtures/speakers/{tilde_encode(speaker['id'])}"
        assert (await ds.client.get(response.headers["location"])).status_code == 200


@pytest.mark.asyncio
async def test_article_page_header_says_who_when_and_how_much(ds, fixtures_db):
    soup = await _soup(ds, f"/-/newsfacts/fixtures/articles/{SEED_ID}")
    article = _seed_rows(fixtures_db, "select * from articles where id = ?", [SEED_ID])[0]
    assert soup.select_one(".nf-article-head .nf-meta").get_text(" ", strip=True) == (
        f"CNN · Seoul · {article['paragraphs']} paragraphs · 4 captions · 3 videos · 9 quotes"
    )
    csv_link = soup.find("a", string="blocks CSV")["href"]
    assert "_stream=on" in csv_link
    rows = list(csv.DictReader(io.StringIO((await ds.client.get(csv_link)).text)))
    assert len(rows) == article["blocks"]


@pytest.mark.asyncio
async def test_article_page_shows_byline_date_and_only_a_web_address_as_link(tmp_path):
    path, aid = _one_article_db(tmp_path, "one", "By Mara Quill\n\nThe pier closed on Monday, the harbour authority said.\n")
    db = sqlite_utils.Database(path)
    for url, linked in (("javascript:alert(1)", False), ("https://example.org/pier", True)):
        db["articles"].update(aid, {"url": url, "published": "2024-03-04"})
        ds = await _datasette(path)
        soup = await _soup(ds, f"/-/newsfacts/one/articles/{aid}")
        assert soup.select_one(".nf-article-head .nf-meta").get_text(strip=True) == (
            "by Mara Quill · 4 March 2024 · 1 paragraph · 0 captions · 0 videos · 0 quotes"
        )
        original = soup.select_one("a.nf-original")
        assert (original is not None and original["href"] == url) is linked
        assert "javascript:" not in str(soup.select_one(".nf-article-head"))


@pytest.mark.asyncio
async def test_start_page_numbers_and_charts(ds, fixtures_db):
    soup = await _soup(ds, "/-/newsfacts/fixtures")
    numbers = soup.select_one(".nf-numbers").get_text(" ", strip=True)
    assert f"{len(FIXTURE_DUMPS)} articles" in numbers
    top = _seed_rows(fixtures_db, "select name, quotes from speakers where kind = 'person' order by quotes desc, name limit 10")
    speaker_rows = soup.select(".nf-chart-speakers tr")
    assert [row.th.get_text(strip=True) for row in speaker_rows] == [s["name"] for s in top]
    assert speaker_rows[0].select_one(".nf-bar")["style"] == "width: 100.0%"
    agencies = [row.th.get_text(strip=True) for row in soup.select(".nf-chart-agencies tr")]
    assert "AFP" in agencies
    assert {a.get_text() for a in soup.select(".nf-queries dt a")} == {q["title"] for q in config.QUERIES.values()}
    links = [a["href"] for a in soup.select(".nf-downloads a")]
    assert "/fixtures/article_text.csv?_stream=on&_dl=1" in links
    # nothing from a CDN (Datasette's own scripts are served by the instance)
    assert not soup.find("script", src=lambda h: h and "//" in h)
    assert not soup.find("link", href=lambda h: h and "//" in h)


@pytest.mark.asyncio
async def test_tables_link_to_the_reader(ds, fixtures_db):
    soup = await _soup(ds, "/fixtures/articles")
    hrefs = {a["href"] for a in soup.select("td.col-source a")}
    assert f"/-/newsfacts/fixtures/articles/{SEED_ID}" in hrefs
    soup = await _soup(ds, "/fixtures/speakers")
    assert all(a["href"].startswith("/-/newsfacts/fixtures/speakers/") for a in soup.select("td.col-name a"))
    soup = await _soup(ds, "/fixtures/newsfacts_videos_by_duration?min_seconds=100&max_seconds=")
    assert any(a["href"].startswith(f"/-/newsfacts/fixtures/articles/{SEED_ID}#block-") for a in soup.select("td.col-article_id a"))
    # a part's `read` link opens the reader at that part: a caption at its block, a quote at its paragraph
    for table, sql in (
        ("captions", "select position from captions where article_id = ? order by id"),
        ("quotes", "select cast(substr(paragraph_id, -4) as integer) from quotes where article_id = ? order by id"),
    ):
        soup = await _soup(ds, f"/fixtures/{table}?article_id={SEED_ID}&_sort=id")
        reads = [a["href"] for a in soup.select("td.col-article_id a.newsfacts-read")]
        positions = [row[0] for row in sqlite3.connect(fixtures_db).execute(sql, [SEED_ID])]
        assert reads == [f"/-/newsfacts/fixtures/articles/{SEED_ID}#block-{p}" for p in positions]


@pytest.mark.asyncio
async def test_pages_escape_text_and_honour_base_url(tmp_path):
    path, aid = _one_article_db(
        tmp_path, "evil", "Seoul CNN  — \n\nA <script>alert(1)</script> & <b>bold</b> claim.\n\nAnother paragraph.\n"
    )
    ds = await _datasette(path, settings={"base_url": "/prefix/"})
    # ds.client adds base_url to the paths it is given.
    response = await ds.client.get(f"/-/newsfacts/evil/articles/{aid}")
    assert response.status_code == 200
    soup = BeautifulSoup(response.text, "html.parser")
    assert not soup.select("article script") and not soup.select("article b")
    assert "<script>alert(1)</script>" in soup.select_one("article").get_text()
    assert soup.select_one(".nf-back a")["href"] == "/prefix/-/newsfacts/evil"
    start = BeautifulSoup((await ds.client.get("/-/newsfacts/evil")).text, "html.parser")
    assert all(a["href"].startswith("/prefix/") for a in start.select(".content a"))


@pytest.mark.asyncio
async def test_pages_follow_permissions(fixtures_db):
    ds = await _datasette(fixtures_db, metadata={"databases": {"fixtures": {"allow": {"id": "editor"}}}})
    for path in ["/-/newsfacts/fixtures", f"/-/newsfacts/fixtures/articles/{SEED_ID}"]:
        assert (await ds.client.get(path)).status_code == 403
    cookies = {"ds_actor": ds.sign({"a": {"id": "editor"}}, "actor")}
    assert (await ds.client.get("/-/newsfacts/fixtures", cookies=cookies)).status_code == 200
    assert "fixtures" not in (await ds.client.get("/-/newsfacts")).text.split("<h1>")[1]


if __name__ == "__main__":
    print(build_fixtures_db(sys.argv[1] if len(sys.argv) > 1 else "fixtures.db"))
