"""Outlet, title and date from a page's metadata, as stored in `articles` (invented pages)."""

from __future__ import annotations

import pytest
import sqlite_utils

from datasette_newsfacts.outlets import agree, site_of, tidy_name
from datasette_newsfacts.pagemeta import trim_title

COLUMNS = "title, outlet, published, url, byline"
STORY = "<article><p>The river fell by two metres overnight, and the ferry ran again at noon.</p></article>"


def stored(tmp_path, run_cli, head: str, body: str = STORY) -> dict:
    """Convert one invented page with the CLI; its articles row (the metadata columns)."""
    page = tmp_path / "page.html"
    page.write_text(f"<html><head>{head}</head><body>{body}</body></html>", encoding="utf-8")
    result = run_cli("convert", tmp_path / "news.db", page, "--silent")
    assert result.exit_code == 0, result.output
    (row,) = sqlite_utils.Database(tmp_path / "news.db").query(f"select {COLUMNS} from articles")
    return row


def test_site_name_gives_the_outlet_and_leaves_the_title(tmp_path, run_cli):
    head = (
        "<meta property='og:site_name' content='Senn Herald'>"
        "<meta property='og:title' content='Ferry runs again | Senn Herald'>"
        "<link rel='canonical' href='https://www.sennherald.example.org/2024/03/04/ferry'>"
    )
    assert stored(tmp_path, run_cli, head) == {
        "title": "Ferry runs again", "outlet": "Senn Herald", "published": "2024-03-04",
        "url": "https://www.sennherald.example.org/2024/03/04/ferry", "byline": None,
    }


def test_a_site_name_as_an_address_and_a_date_in_the_title(tmp_path, run_cli):
    # `NAME.COM` as the site name; the title prints the short name and the day (day.month.year)
    head = (
        "<meta property='og:site_name' content='KW.COM'>"
        "<meta property='og:title' content='Ferry runs again | KW | 19.01.2020'>"
        "<meta name='publisher' content='Kestrel Welle (www.kw.com)'>"
        "<link rel='canonical' href='https://www.kw.com/en/ferry/a-1234'>"
    )
    assert stored(tmp_path, run_cli, head) == {
        "title": "Ferry runs again", "outlet": "KW", "published": "2020-01-19",
        "url": "https://www.kw.com/en/ferry/a-1234", "byline": None,
    }


def test_a_section_as_site_name_loses_to_the_publisher_the_address_agrees_with(tmp_path, run_cli):
    ld = (
        '{"@context": "https://schema.org", "@graph": ['
        '{"@type": "NewsArticle", "headline": "Ferry runs again", "datePublished": "2024-03-04T09:15:00+01:00",'
        ' "publisher": {"@id": "https://marlow.example.com/#org"}, "author": [{"name": "Ida Moe"}]},'
        '{"@type": "NewsMediaOrganization", "@id": "https://marlow.example.com/#org", "name": "Marlow Wire"}]}'
    )
    head = (
        "<meta property='og:site_name' content='World'>"
        "<meta name='application-name' content='webapp'>"
        "<meta name='twitter:site' content='@MarlowWire'>"
        "<meta property='og:url' content='https://www.marlowwire.example.com/world/ferry'>"
        f"<script type='application/ld+json'>{ld}</script>"
    )
    assert stored(tmp_path, run_cli, head) == {
        "title": "Ferry runs again", "outlet": "Marlow Wire", "published": "2024-03-04T08:15:00Z",
        "url": "https://www.marlowwire.example.com/world/ferry", "byline": "Ida Moe",
    }


def test_an_app_name_that_is_the_address_label_and_a_time_in_the_story(tmp_path, run_cli):
    head = (
        "<meta name='application-name' content='Quillon'>"
        "<meta name='dc.publisher' content='Quillon Publishing Group'>"
        "<title>Ferry runs again</title>"
        "<link rel='canonical' href='https://www.quillon.example/articles/ferry'>"
    )
    body = "<article><time datetime='2019-09-24T10:00:00Z'>24 September 2019</time>" + STORY[9:]
    assert stored(tmp_path, run_cli, head, body) == {
        "title": "Ferry runs again", "outlet": "Quillon", "published": "2019-09-24T10:00:00Z",
        "url": "https://www.quillon.example/articles/ferry", "byline": None,
    }


def test_a_site_name_in_lower_case_takes_the_capital_another_name_gives_it(tmp_path, run_cli):
    head = (
        "<meta property='og:site_name' content='the Senn Herald'><meta name='application-name' content='The Senn Herald'>"
        "<title>Ferry runs again | Rivers | The Senn Herald</title>"
    )
    row = stored(tmp_path, run_cli, head)
    assert (row["outlet"], row["title"]) == ("The Senn Herald", "Ferry runs again | Rivers")


def test_no_site_name_the_address_gives_the_site(tmp_path, run_cli):
    head = "<title>Ferry runs again</title><link rel='canonical' href='https://news.tarnby.co.uk/ferry'>"
    assert stored(tmp_path, run_cli, head) == {
        "title": "Ferry runs again", "outlet": "tarnby.co.uk", "published": None,
        "url": "https://news.tarnby.co.uk/ferry", "byline": None,
    }


def test_a_page_naming_nothing_has_no_outlet(tmp_path, run_cli):
    assert stored(tmp_path, run_cli, "<title>Ferry runs again</title>") == {
        "title": "Ferry runs again", "outlet": None, "published": None, "url": None, "byline": None,
    }


def test_a_date_printed_only_in_the_text_is_found_by_htmldate(tmp_path, run_cli):
    body = "<article><p class='date'>Published 4 March 2024</p>" + STORY[9:]
    row = stored(tmp_path, run_cli, "<title>Ferry runs again</title>", body)
    assert row["published"] == "2024-03-04"


def test_metadata_dates_come_before_any_printed_in_the_text(tmp_path, run_cli):
    head = "<meta property='article:published_time' content='2024-03-02T08:00:00Z'><title>Ferry runs again</title>"
    body = "<article><p class='date'>Updated 4 March 2024</p>" + STORY[9:]
    assert stored(tmp_path, run_cli, head, body)["published"] == "2024-03-02T08:00:00Z"


def test_an_h1_naming_a_section_gives_way_to_the_title(tmp_path, run_cli):
    body = "<h1>Rivers Health Centre</h1>" + STORY
    row = stored(tmp_path, run_cli, "<title>Ferry runs again after the flood</title>", body)
    assert row["title"] == "Ferry runs again after the flood"


def test_a_front_page_keeps_its_title(tmp_path, run_cli):
    head = (
        "<meta name='application-name' content='Tarn News - Latest News'><meta name='twitter:site' content='@TarnNews'>"
        "<title>Tarn News - Latest News</title>"
    )
    row = stored(tmp_path, run_cli, head)
    assert (row["title"], row["outlet"]) == ("Tarn News - Latest News", "Tarn News")


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Ferry runs again | Senn Herald", ("Ferry runs again", None)),
        ("Ferry runs again - SennHerald.com", ("Ferry runs again", None)),
        ("Senn Herald: Ferry runs again", ("Ferry runs again", None)),
        ("Ferry runs again | Rivers | Senn Herald Politics", ("Ferry runs again | Rivers", None)),
        ("Ferry runs again | Senn Herald | 4 March 2024", ("Ferry runs again", "2024-03-04")),
        ("Ferry runs again | Jo Marsh", ("Ferry runs again | Jo Marsh", None)),  # an author stays
        ("Senn – the river that came back", ("Senn – the river that came back", None)),  # no site's name
        ("Ferry runs again", ("Ferry runs again", None)),
    ],
)
def test_trim_title(title, expected):
    assert trim_title(title, ["Senn Herald", "sennherald"]) == expected


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("CNN", "CNN Politics", True), ("KW", "Kestrel Welle", True), ("fox9", "FOX 9 News", True),
        ("us", "Business", False), ("World", "Marlow Wire", False), ("", "Marlow", False),
    ],
)
def test_agree(a, b, same):
    assert agree(a, b) is same


def test_site_of_and_tidy_name():
    assert site_of("https://news.tarnby.co.uk/x?y=1") == "tarnby.co.uk"
    assert site_of("https://blog.example.com") == "example.com"
    assert site_of("http://127.0.0.1/page") is None
    assert site_of("https://localhost/page") is None
    assert site_of(None) is None
    assert tidy_name("Quillon Media Inc.") == "Quillon Media"
    assert tidy_name("Kestrel Welle (www.kw.com)") == "Kestrel Welle"
    assert tidy_name("http://www.tarn.example.com/") == "tarn.example.com"
