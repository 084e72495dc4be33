"""Sidecar files beside page dumps: read into the article's row, never converted as articles."""

from __future__ import annotations

import gzip
import json

import pytest
import sqlite_utils

from datasette_newsfacts.readers import walk

DUMP = "The ferry across the Senn ran again on Monday after the flood.\n\nThe river fell by two metres overnight.\n"
COLUMNS = "source, title, outlet, published, url, byline"


def rows(db_path, sql=f"select {COLUMNS} from articles order by source"):
    return list(sqlite_utils.Database(db_path).query(sql))


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("ending", [".meta.json", ".json"])
def test_a_sidecar_fills_the_articles_row(tmp_path, run_cli, ending):
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    write(dumps / "ferry.txt", DUMP)
    write(dumps / f"ferry{ending}", json.dumps({
        "title": "Ferry runs again", "url": "https://www.sennherald.example.com/2024/03/04/ferry",
        "outlet": "Senn Herald", "published": "2024-03-04T09:15:00+01:00", "byline": ["Ida Moe", "Rui Sato"],
        "name": "ferry",
    }))
    result = run_cli("convert", tmp_path / "news.db", dumps, "--silent")
    assert result.exit_code == 0, result.output
    assert rows(tmp_path / "news.db") == [{
        "source": str(dumps / "ferry.txt"), "title": "Ferry runs again", "outlet": "Senn Herald",
        "published": "2024-03-04T08:15:00Z", "url": "https://www.sennherald.example.com/2024/03/04/ferry",
        "byline": "Ida Moe and Rui Sato",
    }]
    assert rows(tmp_path / "news.db", "select count(*) as n from import_errors") == [{"n": 0}]


def test_other_key_names_and_the_outlet_and_date_from_the_url(tmp_path, run_cli):
    # the keys scripts/fetch-real-pages writes: a headline, the address, and the file's name
    write(tmp_path / "ferry.txt", DUMP)
    write(tmp_path / "ferry.meta.json", json.dumps({
        "headline": "Ferry runs again", "url": "https://news.tarnby.co.uk/2023/11/06/ferry", "name": "ferry",
    }))
    assert run_cli("convert", tmp_path / "news.db", tmp_path / "ferry.txt", "--silent").exit_code == 0
    assert rows(tmp_path / "news.db") == [{
        "source": str(tmp_path / "ferry.txt"), "title": "Ferry runs again", "outlet": "tarnby.co.uk",
        "published": "2023-11-06", "url": "https://news.tarnby.co.uk/2023/11/06/ferry", "byline": None,
    }]


def test_sidecars_are_not_inputs_but_a_lone_json_corpus_is(tmp_path):
    for name in ("a.txt", "a.meta.json", "b.txt.gz", "b.json", "corpus.json", "c.html", "c.meta.json"):
        write(tmp_path / name, "{}")
    assert list(walk([str(tmp_path)])) == [str(tmp_path / name) for name in ("a.txt", "b.txt.gz", "c.html", "corpus.json")]
    # named one by one (a shell's `dumps/*`): the same
    named = sorted(str(path) for path in tmp_path.iterdir())
    assert sorted(walk(named)) == sorted(walk([str(tmp_path)]))
    # a sidecar named without its dump is read as asked
    assert list(walk([str(tmp_path / "a.meta.json")])) == [str(tmp_path / "a.meta.json")]


@pytest.mark.parametrize(
    "content, reason",
    [
        ("{not json", "sidecar is not valid UTF-8 JSON"),
        ('["a list"]', "sidecar is JSON but not an object of fields"),
    ],
)
def test_a_bad_sidecar_costs_its_metadata_not_the_article(tmp_path, run_cli, content, reason):
    write(tmp_path / "ferry.txt", DUMP)
    write(tmp_path / "ferry.meta.json", content)
    result = run_cli("convert", tmp_path / "news.db", tmp_path, "--silent")
    assert result.exit_code == 0, result.output
    assert "1 failed" in result.output and "ferry.meta.json" in result.output
    assert [row["source"] for row in rows(tmp_path / "news.db")] == [str(tmp_path / "ferry.txt")]
    (error,) = rows(tmp_path / "news.db", "select source, record, reason from import_errors")
    assert (error["source"], error["record"]) == (str(tmp_path / "ferry.meta.json"), None)
    assert error["reason"].startswith(reason) and "converted without it" in error["reason"]


def test_a_mended_sidecar_takes_its_error_away(tmp_path, run_cli):
    write(tmp_path / "ferry.txt", DUMP)
    sidecar = write(tmp_path / "ferry.meta.json", "{not json")
    db = tmp_path / "news.db"
    assert run_cli("convert", db, tmp_path, "--silent").exit_code == 0
    assert len(rows(db, "select id from import_errors")) == 1
    write(sidecar, json.dumps({"title": "Ferry runs again"}))
    result = run_cli("convert", db, tmp_path, "--silent")
    assert "Converted 1 articles (0 unchanged, 0 failed)" in result.output
    assert [row["title"] for row in rows(db)] == ["Ferry runs again"]
    assert rows(db, "select id from import_errors") == []


@pytest.mark.parametrize("gzipped", [False, True])
def test_editing_the_sidecar_alone_converts_the_dump_again(tmp_path, run_cli, gzipped):
    if gzipped:
        with gzip.open(tmp_path / "ferry.txt.gz", "wt", encoding="utf-8") as handle:
            handle.write(DUMP)
    else:
        write(tmp_path / "ferry.txt", DUMP)
    sidecar = write(tmp_path / "ferry.json", json.dumps({"title": "Ferry runs again"}))
    db = tmp_path / "news.db"
    assert run_cli("convert", db, tmp_path, "--silent").exit_code == 0
    write(sidecar, json.dumps({"title": "Ferry runs again at noon", "outlet": "Senn Herald"}))
    result = run_cli("convert", db, tmp_path, "--silent")
    assert "Converted 1 articles (0 unchanged" in result.output
    assert [(row["title"], row["outlet"]) for row in rows(db)] == [("Ferry runs again at noon", "Senn Herald")]
    result = run_cli("convert", db, tmp_path, "--silent")
    assert "Converted 0 articles (1 unchanged" in result.output


def test_a_gzipped_dump_and_an_html_page_read_their_sidecars(tmp_path, run_cli):
    with gzip.open(tmp_path / "ferry.txt.gz", "wt", encoding="utf-8") as handle:
        handle.write(DUMP)
    write(tmp_path / "ferry.meta.json", json.dumps({"title": "Ferry runs again", "outlet": "Senn Herald"}))
    write(tmp_path / "weir.html", "<html><body><article><p>" + DUMP + "</p></article></body></html>")
    write(tmp_path / "weir.meta.json", json.dumps({"title": "Weir mended", "publisher": {"name": "Tarn News"}}))
    assert run_cli("convert", tmp_path / "news.db", tmp_path, "--silent").exit_code == 0
    assert [(row["title"], row["outlet"]) for row in rows(tmp_path / "news.db")] == [
        ("Ferry runs again", "Senn Herald"), ("Weir mended", "Tarn News"),
    ]
