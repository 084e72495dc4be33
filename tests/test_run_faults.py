"""Faults of the run itself (the database, its lock, its disk, a worker that dies): a
clear one-line error or a finished run, a sound database, and nothing lost."""

import sqlite3

import pytest
import sqlite_utils
from click.testing import CliRunner

from datasette_newsfacts import opening
from datasette_newsfacts.cli import cli

STORY = "WASHINGTON (CNN) -- Lawmakers met on Tuesday.\n\n“We will pass it,” said Ana Ruiz.\n"


def invoke(*args):
    return CliRunner().invoke(cli, ["convert", *map(str, args), "--silent", "--workers", "1"], catch_exceptions=False)


def refused(*args) -> str:
    """The one-line error of a run that must stop, checked to be one line and no traceback."""
    result = invoke(*args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    (line,) = result.output.strip().splitlines()[-1:]
    return line


def rows(db_path, sql):
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture
def story(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


@pytest.fixture
def short_wait(monkeypatch):
    monkeypatch.setattr(opening, "BUSY_TIMEOUT_SECONDS", 0.3)


def test_a_database_in_a_folder_that_does_not_exist(tmp_path, story):
    line = refused(tmp_path / "nowhere" / "n.db", story)
    assert line == f"Error: {tmp_path / 'nowhere' / 'n.db'}: the folder {tmp_path / 'nowhere'} does not exist; create it, or give a DB_PATH in a folder that does"


def test_a_file_that_is_not_sqlite(tmp_path, story):
    (tmp_path / "notes.db").write_text("shopping list: bread, milk\n" * 200)
    line = refused(tmp_path / "notes.db", story)
    assert line == f"Error: {tmp_path / 'notes.db'} is not a SQLite database (or is damaged); give a new DB_PATH, or a database newsfacts convert made"
    assert (tmp_path / "notes.db").read_text().startswith("shopping list")


def test_a_database_with_an_articles_table_of_its_own(tmp_path, story):
    db = sqlite_utils.Database(tmp_path / "blog.db")
    db["articles"].insert({"id": 1, "title": "Hello", "body": "My first post"}, pk="id")
    db.close()
    line = refused(tmp_path / "blog.db", story)
    assert line == (f"Error: {tmp_path / 'blog.db'} holds a table 'articles' that newsfacts did not make (it has no column "
                    "'blocks'); give another DB_PATH (or, if an older newsfacts made it, convert into a new database)")
    assert rows(tmp_path / "blog.db", "select name from sqlite_master where type = 'table'") == [("articles",)]


def test_a_database_another_program_is_writing_to_is_waited_for_then_reported(tmp_path, story, short_wait):
    db_path = tmp_path / "n.db"
    assert invoke(db_path, story).exit_code == 0
    other = tmp_path / "other.txt"
    other.write_text("Another story, for later.\n", encoding="utf-8")
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("begin immediate")
    writer.execute("insert into import_errors (id, source) values ('x', 'held')")
    try:
        line = refused(db_path, other)
    finally:
        writer.execute("rollback")
        writer.close()
    assert line == (f"Error: {db_path} is locked by another program writing to it (waited 0.3 s); every batch written "
                    "before it is kept; run the same command again to go on once it is done")
    assert rows(db_path, "pragma integrity_check") == [("ok",)]
    assert invoke(db_path, other).exit_code == 0
    assert rows(db_path, "select count(*) from articles") == [(2,)]


def test_two_converts_into_one_database_at_once(tmp_path, story, short_wait):
    db_path = tmp_path / "n.db"
    first = opening.open_database(str(db_path))  # as a convert still running holds it
    try:
        line = refused(db_path, story)
    finally:
        opening.close_database(first)
    assert line == (f"Error: another newsfacts convert is writing to {db_path} (waited 0.3 s); "
                    "let it finish, then run this command again")
    assert invoke(db_path, story).exit_code == 0


def test_a_full_disk_stops_the_run_with_a_word_and_keeps_what_was_written(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(60):
        (folder / f"{n:02d}.txt").write_text(STORY.replace("Tuesday", f"day {n}") * 40, encoding="utf-8")
    db_path = tmp_path / "n.db"
    real_open = opening.open_database

    def nearly_full(path):  # a disk with room for a few pages more than the schema needs
        db = real_open(path)
        pages = db.execute("pragma page_count").fetchone()[0]
        db.execute(f"pragma max_page_count = {max(pages, 60) + 40}")
        return db

    monkeypatch.setattr(opening, "open_database", nearly_full)
    line = refused(db_path, folder, "--batch-size", "5")
    assert line == (f"Error: the disk holding {db_path} is full; free some space: every batch written before it is kept; "
                    "run the same command again to go on")
    assert rows(db_path, "pragma integrity_check") == [("ok",)]
    kept = rows(db_path, "select count(*) from articles")[0][0]
    assert kept % 5 == 0 and kept < 60  # whole batches only
    monkeypatch.setattr(opening, "open_database", real_open)
    assert invoke(db_path, folder).exit_code == 0
    assert rows(db_path, "select count(*) from articles") == [(60,)]
    assert rows(db_path, "select count(*) from paragraphs_fts where paragraphs_fts match 'lawmakers'") == [(60 * 40,)]
