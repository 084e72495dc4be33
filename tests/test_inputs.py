"""Every input form, incremental runs, and bad input that never stops a run."""

import csv
import gzip
import io
import json
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from datasette_newsfacts import storage
from datasette_newsfacts.cli import cli
from datasette_newsfacts.segment import segment

SEED = Path(__file__).parents[1] / "fixtures" / "seed" / "000_14d1a24053a90e28.txt"
STORY = "WASHINGTON (CNN) -- Lawmakers met on Tuesday to discuss the budget.\n\n“We will pass it,” said Ana Ruiz.\n"


def convert(*args, code=0):
    result = CliRunner().invoke(cli, ["convert", *map(str, args), "--silent", "--workers", "1"], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.output


def rows(db_path, sql, params=()):
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql, params).fetchall()


def test_json_lines_with_detected_fields(tmp_path):
    corpus = tmp_path / "news.jsonl"
    corpus.write_text(
        json.dumps({"id": "a1", "headline": "Budget talks", "maintext": STORY, "url": "https://example.org/a1", "date_publish": "2024-03-05"}) + "\n"
        + "\n"
        + json.dumps({"id": "a2", "title": "Second", "text": "Short story here.", "link": "https://example.org/a2"}) + "\n",
        encoding="utf-8",
    )
    convert(tmp_path / "n.db", corpus)
    assert rows(tmp_path / "n.db", "select source, record, title, url, published, dateline_place from articles order by record") == [
        (str(corpus), "a1", "Budget talks", "https://example.org/a1", "2024-03-05", "Washington"),
        (str(corpus), "a2", "Second", "https://example.org/a2", None, None),
    ]
    assert rows(tmp_path / "n.db", "select text, speaker from quotes") == [("We will pass it,", "Ana Ruiz")]


def test_json_lines_with_named_fields_and_html(tmp_path):
    corpus = tmp_path / "news.jsonl.gz"
    record = {"key": "k9", "page": "<html><body><article><p>Body text of the page.</p></article></body></html>",
              "head": "A page", "when": "2023-01-01"}
    corpus.write_bytes(gzip.compress((json.dumps(record) + "\n").encode()))
    convert(tmp_path / "n.db", corpus, "--html-field", "page", "--title-field", "head", "--id-field", "key", "--date-field", "when")
    assert rows(tmp_path / "n.db", "select record, title, published from articles") == [("k9", "A page", "2023-01-01")]
    assert rows(tmp_path / "n.db", "select text from paragraphs") == [("Body text of the page.",)]


def test_csv_corpus_and_a_row_with_a_missing_field(tmp_path):
    corpus = tmp_path / "news.csv"
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "title", "text"])
    writer.writerow(["1", "One", STORY])
    writer.writerow(["2", "Two"])  # a field short
    writer.writerow(["3", "Three", "Third story text."])
    corpus.write_text(buffer.getvalue(), encoding="utf-8")
    output = convert(tmp_path / "n.db", corpus)
    assert rows(tmp_path / "n.db", "select record, title from articles order by record") == [("1", "One"), ("3", "Three")]
    assert rows(tmp_path / "n.db", "select source, record, reason from import_errors") == [
        (str(corpus), "2", "row 2 has fewer fields than the header")
    ]
    assert "Converted 2 articles (0 unchanged, 1 failed)" in output


def test_zip_archive_of_mixed_inputs(tmp_path):
    archive = tmp_path / "bundle.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("b/story.txt", STORY)
        zf.writestr("a/seed.txt.gz", gzip.compress(SEED.read_bytes()))
        zf.writestr("c/more.jsonl", json.dumps({"id": "z", "text": "Zip record text."}) + "\n")
        zf.writestr("notes.md", "ignored")
    convert(tmp_path / "n.db", archive)
    assert rows(tmp_path / "n.db", "select source, record, paragraphs from articles order by source") == [
        (f"{archive}/a/seed.txt.gz", None, 23),
        (f"{archive}/b/story.txt", None, 2),
        (f"{archive}/c/more.jsonl", "z", 1),
    ]


def test_standard_input(tmp_path):
    result = CliRunner().invoke(cli, ["convert", str(tmp_path / "n.db"), "-", "--silent"], input=STORY, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert rows(tmp_path / "n.db", "select source, dateline_place, paragraphs from articles") == [("-", "Washington", 2)]


def test_unchanged_inputs_are_skipped_and_force_converts_again(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(STORY, encoding="utf-8")
    convert(tmp_path / "n.db", tmp_path / "in")
    assert rows(tmp_path / "n.db", "select path, articles, failures from sources") == [(str(tmp_path / "in" / "a.txt"), 1, 0)]
    assert "Converted 0 articles (1 unchanged" in convert(tmp_path / "n.db", tmp_path / "in")
    assert "Converted 1 articles (0 unchanged" in convert(tmp_path / "n.db", tmp_path / "in", "--force")
    assert rows(tmp_path / "n.db", "select count(*) from articles") == [(1,)]


def test_a_record_gone_from_an_edited_corpus_is_removed(tmp_path):
    corpus = tmp_path / "news.jsonl"
    corpus.write_text("".join(json.dumps({"id": i, "text": f"Story number {i}."}) + "\n" for i in range(3)), encoding="utf-8")
    convert(tmp_path / "n.db", corpus)
    corpus.write_text("".join(json.dumps({"id": i, "text": f"Story number {i}."}) + "\n" for i in (0, 2)), encoding="utf-8")
    output = convert(tmp_path / "n.db", corpus)
    assert "Converted 0 articles (2 unchanged" in output
    assert rows(tmp_path / "n.db", "select record from articles order by record") == [("0",), ("2",)]
    assert rows(tmp_path / "n.db", "select count(*) from paragraphs") == [(2,)]


def test_since_skips_older_records(tmp_path):
    corpus = tmp_path / "news.jsonl"
    corpus.write_text(
        json.dumps({"id": "old", "text": "Old story.", "date": "2019-12-31T23:00:00Z"}) + "\n"
        + json.dumps({"id": "new", "text": "New story.", "date": "Tue, 05 Mar 2024 10:00:00 GMT"}) + "\n"
        + json.dumps({"id": "undated", "text": "Undated story."}) + "\n",
        encoding="utf-8",
    )
    output = convert(tmp_path / "n.db", corpus, "--since", "2020-01-01")
    assert "1 older than --since" in output
    assert rows(tmp_path / "n.db", "select record from articles order by record") == [("new",), ("undated",)]


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("latin1.txt", "Caf\xe9 story.".encode("latin-1"), "the file is not valid utf-8 (byte 3); pass --encoding with the file's encoding, for example --encoding cp1252"),
        ("binary.txt", bytes(range(256)) * 4, "the file is binary, not a text dump"),
        ("empty.txt", b"", "the file is empty"),
        ("blank.txt", b" \n\t\n", "the file is empty"),
        ("cut.txt.gz", gzip.compress(STORY.encode() * 50)[:60], None),
        ("long-line.txt", b"x" * 1_048_576, "a line of 1,048,576 characters: not an article dump (the limit is 200,000)"),
        ("bad.jsonl", b"{not json}\n", "line 1 is not JSON (Expecting property name enclosed in double quotes at column 2)"),
        ("broken.html", b"<html><body><div><p>unclosed <b>markup <i>everywhere</body>", None),
    ],
)
def test_bad_input_is_recorded_and_the_run_goes_on(tmp_path, name, content, reason):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / name).write_bytes(content)
    (tmp_path / "in" / "zz-good.txt").write_text(STORY, encoding="utf-8")
    output = convert(tmp_path / "n.db", tmp_path / "in")
    assert ("zz-good.txt",) in [(Path(s).name,) for (s,) in rows(tmp_path / "n.db", "select source from articles")]
    errors = rows(tmp_path / "n.db", "select source, reason from import_errors")
    if name == "broken.html":  # malformed HTML still has readable text: it converts
        assert errors == []
        return
    assert len(errors) == 1 and errors[0][0] == str(tmp_path / "in" / name)
    if reason:
        assert errors[0][1] == reason
    else:
        assert "truncated or corrupt" in errors[0][1]
    assert f"failed: {tmp_path / 'in' / name}" in output


def test_wrong_encoding_converts_with_the_encoding_option(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\xe9 owners said the rent rose.".encode("latin-1"))
    convert(tmp_path / "n.db", path, "--encoding", "latin-1")
    assert rows(tmp_path / "n.db", "select text from paragraphs") == [("Café owners said the rent rose.",)]


def test_fifty_megabyte_article_is_refused_without_reading_it_all(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as handle:
        handle.write((b"A sentence that goes on. " * 40 + b"\n") * 52_000)
    (tmp_path / "ok.txt").write_text(STORY, encoding="utf-8")
    convert(tmp_path / "n.db", big, tmp_path / "ok.txt")
    assert rows(tmp_path / "n.db", "select reason from import_errors") == [
        ("larger than 10 MB: too large for one article; is it a whole site or a corpus? Split it, or give it as JSON Lines or CSV",)
    ]


def test_nothing_stored_exits_non_zero_with_a_reason(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(cli, ["convert", str(tmp_path / "n.db"), str(tmp_path / "empty.txt"), "--silent"])
    assert result.exit_code == 1
    assert "Error: no article was stored: every input failed (1 failures" in result.output
    assert "Traceback" not in result.output


def test_workers_give_the_same_database_as_one_worker(tmp_path):
    (tmp_path / "in").mkdir()
    for n in range(40):
        (tmp_path / "in" / f"{n:02d}.txt").write_text(SEED.read_text(encoding="utf-8").replace("Seoul", f"Seoul{n}"), encoding="utf-8")
    (tmp_path / "in" / "bad.txt").write_bytes(b"")
    dumps = []
    for workers in ("1", "2"):
        db_path = tmp_path / f"w{workers}.db"
        CliRunner().invoke(cli, ["convert", str(db_path), str(tmp_path / "in"), "--silent", "--workers", workers, "--batch-size", "7"], catch_exceptions=False)
        db = sqlite_utils.Database(db_path)
        dumps.append({
            table: [{k: v for k, v in row.items() if k not in ("converted_at", "at")} for row in db[table].rows_where(order_by="rowid")]
            for table in ("articles", "blocks", "paragraphs", "captions", "videos", "quotes", "speakers", "import_errors")
        })
    assert dumps[0] == dumps[1]
    assert len(dumps[0]["articles"]) == 40


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_an_interrupted_run_leaves_a_whole_database_and_carries_on(tmp_path, sig):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed = SEED.read_text(encoding="utf-8")
    total = 1500
    for n in range(total):
        (corpus / f"{n:05d}.txt").write_text(seed.replace("Seoul", f"Place{n}"), encoding="utf-8")
    db_path = tmp_path / "n.db"
    command = [sys.executable, "-m", "datasette_newsfacts", "convert", str(db_path), str(corpus), "--silent", "--batch-size", "25", "--workers", "1"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.02)
        try:
            count = rows(db_path, "select count(*) from articles")[0][0]
        except sqlite3.Error:
            continue
        if count >= 50:
            break
    process.send_signal(sig)
    process.wait(timeout=30)
    stopped_at = rows(db_path, "select count(*) from articles")[0][0]
    assert 0 < stopped_at < total, "the run was not interrupted mid-way"
    assert rows(db_path, "pragma integrity_check") == [("ok",)]
    # no half-written article: each one has all of its rows
    assert rows(db_path, "select count(*) from articles where blocks != (select count(*) from blocks where article_id = articles.id)") == [(0,)]
    assert rows(db_path, "select count(*) from articles where paragraphs != 23 or quotes != 9") == [(0,)]
    subprocess.run(command, check=True, capture_output=True)
    assert rows(db_path, "select count(*), count(distinct source) from articles") == [(total, total)]
    assert rows(db_path, "select count(*) from paragraphs") == [(total * 23,)]
    assert rows(db_path, "select count(*) from paragraphs_fts where paragraphs_fts match 'Pinkston'") == [(total,)]


def test_html_page_in_the_charset_it_declares(tmp_path):
    page = tmp_path / "page.html"
    page.write_bytes(
        b'<html><head><meta charset="windows-1252"><title>T</title></head><body><article>'
        b"<p>Caf\xe9 owners said \x93we are closing\x94 on Monday.</p></article></body></html>"
    )
    convert(tmp_path / "n.db", page)
    assert rows(tmp_path / "n.db", "select text from paragraphs") == [("Café owners said “we are closing” on Monday.",)]
    assert rows(tmp_path / "n.db", "select text, speaker from quotes") == [("we are closing", "Café owners")]


RECOUNT = (
    "select speaker_id, count(*), count(distinct article_id) from quotes where speaker_id is not null "
    "group by speaker_id order by speaker_id"
)


def test_speaker_counts_stay_right_when_articles_are_replaced_or_removed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(f"“We will pass it,” said Ana Ruiz.\n\n“Story {n} goes on,” said Bo Lee.\n", encoding="utf-8")
    db_path = tmp_path / "n.db"
    convert(db_path, folder)
    assert rows(db_path, "select id, quotes, articles from speakers order by id") == [("ana ruiz", 3, 3), ("bo lee", 3, 3)]
    (folder / "0.txt").write_text("“Nothing changes,” said Cy Park.\n", encoding="utf-8")
    (folder / "1.txt").write_text("“Only one now,” said Bo Lee.\n", encoding="utf-8")
    convert(db_path, folder, tmp_path / "in" / "2.txt")  # a file named twice counts once
    assert rows(db_path, "select id, quotes, articles from speakers order by id") == rows(db_path, RECOUNT)
    assert rows(db_path, RECOUNT) == [("ana ruiz", 1, 1), ("bo lee", 2, 2), ("cy park", 1, 1)]


@pytest.mark.parametrize("batch", ["500", "1"])  # in one batch, and across batches of a first load
def test_a_record_given_twice_keeps_the_later_one(tmp_path, batch):
    corpus = tmp_path / "news.jsonl"
    corpus.write_text(
        json.dumps({"id": "a", "text": "First version."}) + "\n" + json.dumps({"id": "a", "text": "Second version."}) + "\n",
        encoding="utf-8",
    )
    convert(tmp_path / "n.db", corpus, "--batch-size", batch)
    assert rows(tmp_path / "n.db", "select text from paragraphs") == [("Second version.",)]
    assert rows(tmp_path / "n.db", "select text from paragraphs_fts where paragraphs_fts match 'version'") == [("Second version.",)]


def schema(db_path) -> list[tuple[str, str]]:
    return rows(db_path, "select type, name from sqlite_master where type in ('index', 'table', 'trigger', 'view') order by name")


def test_a_first_load_ends_with_every_index_and_search_index(tmp_path):
    expected = tmp_path / "expected.db"
    storage.ensure_schema(sqlite_utils.Database(expected))
    assert len(schema(expected)) > 60
    convert(tmp_path / "n.db", SEED)
    assert schema(tmp_path / "n.db") == schema(expected)
    assert rows(tmp_path / "n.db", "select count(*) from paragraphs_fts where paragraphs_fts match 'Pinkston'") == [(1,)]


def test_a_load_stopped_before_its_indexes_were_built_gets_them_next_run(tmp_path):
    db_path = tmp_path / "n.db"
    db = sqlite_utils.Database(db_path)
    assert storage.ensure_schema(db, defer=True) is True
    article = segment(SEED.read_text(encoding="utf-8"), str(SEED))
    storage.save_rows(db, [storage.article_rows(article, sha256="x", size=1)])
    db.close()  # stopped here: rows stored, search indexes never made
    assert not rows(db_path, "select name from sqlite_master where name = 'paragraphs_fts'")
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    convert(db_path, story)
    expected = tmp_path / "expected.db"
    storage.ensure_schema(sqlite_utils.Database(expected))
    assert schema(db_path) == schema(expected)
    assert rows(db_path, "select count(*) from paragraphs_fts where paragraphs_fts match 'Pinkston OR budget'") == [(2,)]


def test_json_file_holding_an_array_of_records(tmp_path):
    corpus = tmp_path / "news.json"
    corpus.write_text(json.dumps([{"id": "a", "title": "A", "text": "First story."}, "stray", {"id": "b", "text": "Second story."}]), encoding="utf-8")
    convert(tmp_path / "n.db", corpus)
    assert rows(tmp_path / "n.db", "select record, title from articles order by record") == [("a", "A"), ("b", None)]
    assert rows(tmp_path / "n.db", "select record, reason from import_errors") == [("2", "item 2 of the array is not an object")]


def test_json_file_holding_one_record_over_many_lines(tmp_path):
    corpus = tmp_path / "story.json"
    corpus.write_text(json.dumps({"id": "x", "title": "One", "text": STORY}, indent=2), encoding="utf-8")
    convert(tmp_path / "n.db", corpus)
    assert rows(tmp_path / "n.db", "select record, title, paragraphs from articles") == [("x", "One", 2)]


def test_a_search_index_left_half_made_is_made_again(tmp_path):
    db_path = tmp_path / "n.db"
    db = sqlite_utils.Database(db_path)
    storage.ensure_schema(db, defer=True)
    article = segment(SEED.read_text(encoding="utf-8"), str(SEED))
    storage.save_rows(db, [storage.article_rows(article, sha256="x", size=1)])
    # stopped after sqlite-utils made the table, before it filled it and added its triggers
    db.execute('CREATE VIRTUAL TABLE "paragraphs_fts" USING FTS5 ("text", tokenize=\'porter\', content="paragraphs")')
    db.close()
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    convert(db_path, story)
    assert rows(db_path, "select count(*) from paragraphs_fts where paragraphs_fts match 'Pinkston OR budget'") == [(2,)]
    expected = tmp_path / "expected.db"
    storage.ensure_schema(sqlite_utils.Database(expected))
    assert schema(db_path) == schema(expected)


def test_only_a_first_load_builds_indexes_afterwards_and_says_so(tmp_path):
    from datasette_newsfacts import convert as conversion

    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    db = sqlite_utils.Database(tmp_path / "n.db")
    said: list[str] = []
    conversion.run(db, [str(SEED)], announce=said.append)
    assert said == ["Building the search and facet indexes (once, after a first load) ..."]
    said.clear()
    conversion.run(db, [str(story)], announce=said.append)
    assert said == []  # the indexes exist: the new rows went into them as they were written
    assert rows(tmp_path / "n.db", "select count(*) from paragraphs_fts where paragraphs_fts match 'Pinkston OR budget'") == [(2,)]


def test_speakers_stored_under_an_older_key_take_todays(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("“We will pass it,” said Anne-Marie Kim.\n\n“Soon,” said Bo Lee.\n", encoding="utf-8")
    db_path = tmp_path / "n.db"
    convert(db_path, story)
    # as an older version keyed it: the name's hyphen (U+2010) kept as it was
    with sqlite3.connect(db_path) as conn:
        conn.execute("update speakers set id = 'anne\u2010marie kim', name = 'Anne\u2010Marie Kim' where id = 'anne-marie kim'")
        conn.execute("update quotes set speaker_id = 'anne\u2010marie kim' where speaker_id = 'anne-marie kim'")
    other = tmp_path / "other.txt"
    other.write_text("“Again,” said Anne-Marie Kim.\n", encoding="utf-8")
    convert(db_path, other)
    assert rows(db_path, "select id, quotes, articles from speakers order by id") == [("anne-marie kim", 2, 2), ("bo lee", 1, 1)]
    assert rows(db_path, "select distinct speaker_id from quotes order by 1") == [("anne-marie kim",), ("bo lee",)]
