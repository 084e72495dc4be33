"""Faults of the run itself (the database, its lock, its disk, a worker that dies): a
clear one-line error or a finished run, a sound database, and nothing lost."""

import sqlite3

import pytest
import sqlite_utils
from click.testing import CliRunner

from datasette_newsfacts import opening, storage
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


def test_a_database_an_older_newsfacts_made_gains_the_new_columns(tmp_path, story):
    db_path = tmp_path / "n.db"
    assert invoke(db_path, story).exit_code == 0
    db = sqlite_utils.Database(db_path)  # as converted before speakers had a kind
    db.execute("drop index idx_speakers_kind")
    db.execute("alter table speakers drop column kind")
    db.close()
    other = tmp_path / "other.txt"
    other.write_text("A later story, said nobody in particular.\n", encoding="utf-8")
    result = invoke(db_path, other)
    assert result.exit_code == 0, result.output
    assert "kind" in sqlite_utils.Database(db_path)["speakers"].columns_dict


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
    # the articles each batch handed to the writer: a batch of 5 inputs holds 2 or 3 articles,
    # since a file's end is an item of the batch too
    handed = []
    real_save = storage.save_rows

    def counted(db, batch):
        handed.append(len(batch))
        real_save(db, batch)

    monkeypatch.setattr(storage, "save_rows", counted)
    line = refused(db_path, folder, "--batch-size", "5")
    assert line == (f"Error: the disk holding {db_path} is full; free some space: every batch written before it is kept; "
                    "run the same command again to go on")
    assert rows(db_path, "pragma integrity_check") == [("ok",)]
    kept = rows(db_path, "select count(*) from articles")[0][0]
    assert 0 < kept < 60 and kept == sum(handed[:-1])  # whole batches only: all but the one the disk refused
    monkeypatch.setattr(storage, "save_rows", real_save)
    monkeypatch.setattr(opening, "open_database", real_open)
    assert invoke(db_path, folder).exit_code == 0
    assert rows(db_path, "select count(*) from articles") == [(60,)]
    # every stored paragraph is searchable (how many of the 40 repeated lines an article keeps
    # in its body is the dumps' scorer's call, not this test's)
    stored = rows(db_path, "select count(*) from paragraphs where text like '%Lawmakers%'")
    assert stored[0][0] >= 60  # every article keeps some of its body
    assert rows(db_path, "select count(*) from paragraphs_fts where paragraphs_fts match 'lawmakers'") == stored


# --- a worker process that dies ---


@pytest.fixture
def no_hang():
    """Fail, rather than wait for ever, if the run hangs."""
    import signal

    def hung(signum, frame):
        raise TimeoutError("the run hung")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def killing_parser(monkeypatch, tmp_path, once: bool):
    """Workers die (SIGKILL, as the out-of-memory killer sends) on a document named doomed;
    with `once`, only the first time."""
    import os
    import signal

    from datasette_newsfacts import convert as conversion

    parent, real = os.getpid(), conversion.parse_document
    marker = tmp_path / "killed-once"

    def parse(document, options):
        if "doomed" in document.source and os.getpid() != parent and not (once and marker.exists()):
            marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return real(document, options)

    monkeypatch.setattr(conversion, "parse_document", parse)


def corpus_with_a_doomed_dump(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(30):
        name = "15-doomed.txt" if n == 15 else f"{n:02d}.txt"
        (folder / name).write_text(STORY.replace("Tuesday", f"day {n}"), encoding="utf-8")
    return folder


def convert_with_a_killer(tmp_path, monkeypatch, once: bool):
    folder = corpus_with_a_doomed_dump(tmp_path)
    killing_parser(monkeypatch, tmp_path, once=once)
    db_path = tmp_path / "n.db"
    result = CliRunner().invoke(cli, ["convert", str(db_path), str(folder), "--silent", "--workers", "2", "--batch-size", "8"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder, db_path, result


def test_a_worker_killed_for_every_try_costs_its_article_and_the_run_finishes(tmp_path, monkeypatch, no_hang):
    folder, db_path, result = convert_with_a_killer(tmp_path, monkeypatch, once=False)
    assert "Converted 29 articles (0 unchanged, 1 failed)" in result.output
    assert rows(db_path, "select source, reason from import_errors") == [
        (str(folder / "15-doomed.txt"), "the process parsing it was killed, twice (the kernel does that when memory runs out): it is left out")]
    assert rows(db_path, "select count(*), sum(quotes) from articles") == [(29, 29)]
    assert rows(db_path, "select id, quotes, articles from speakers") == [("ana ruiz", 29, 29)]


def test_a_worker_killed_once_loses_nothing(tmp_path, monkeypatch, no_hang):
    folder, db_path, result = convert_with_a_killer(tmp_path, monkeypatch, once=True)
    assert (tmp_path / "killed-once").exists()  # a worker did die
    assert "Converted 30 articles (0 unchanged, 0 failed)" in result.output
    assert rows(db_path, "select count(*) from import_errors") == [(0,)]
    assert rows(db_path, "select count(*) from paragraphs_fts where paragraphs_fts match 'lawmakers'") == [(30,)]


def test_ctrl_c_with_workers_says_one_thing_and_no_traceback(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(400):
        (folder / f"{n:03d}.txt").write_text(STORY.replace("Tuesday", f"day {n}") * 30, encoding="utf-8")
    db_path = tmp_path / "n.db"
    command = [sys.executable, "-m", "datasette_newsfacts", "convert", str(db_path), str(folder), "--silent",
               "--workers", "2", "--batch-size", "10"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL), start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (db_path.exists() and rows_or_none(db_path)):
        time.sleep(0.05)
    import os

    os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C does: the whole process group
    out, err = process.communicate(timeout=60)
    assert process.returncode == 1, out + err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert err.strip() == ("Error: interrupted: every batch written so far is kept; run the same command again to go on "
                           "(and, after a first load, to build the search indexes)")
    assert rows(db_path, "pragma integrity_check") == [("ok",)]


def rows_or_none(db_path):
    try:
        return rows(db_path, "select count(*) from articles")[0][0]
    except sqlite3.Error:
        return None


# --- what is in flight is bounded by bytes, not only by count ---


def test_batches_are_bounded_by_the_bytes_their_articles_hold(tmp_path, monkeypatch):
    from datasette_newsfacts import convert as conversion
    from datasette_newsfacts import storage

    folder = tmp_path / "in"
    folder.mkdir()
    sizes = [1000, 1000, 1000, 5000, 1000, 1000, 1000, 1000]  # bytes of each article's dump
    for n, size in enumerate(sizes):
        text = f"Story {n} of the corpus goes on. "
        (folder / f"{n}.txt").write_text((text * (size // len(text) + 1))[:size] + "\n", encoding="utf-8")
    monkeypatch.setattr(conversion, "BATCH_BYTES", 2500)
    written, real_save = [], storage.save_rows
    monkeypatch.setattr(storage, "save_rows", lambda db, batch: (written.append(len(batch)), real_save(db, batch)))
    assert invoke(tmp_path / "n.db", folder).exit_code == 0  # --batch-size stays 500
    assert written == [2, 1, 1, 2, 2]  # 0-1, 2, the large 3 alone, 4-5, 6-7
    assert rows(tmp_path / "n.db", "select count(*) from articles") == [(8,)]


# --- the search index: whole or absent, and a broken one is said ---


def test_a_search_index_build_stopped_part_way_leaves_no_half_made_index(tmp_path):
    from datasette_newsfacts import storage
    from datasette_newsfacts.segment import segment

    db = sqlite_utils.Database(tmp_path / "n.db")
    storage.ensure_schema(db, defer=True)
    storage.save_rows(db, [storage.article_rows(segment(STORY, "story.txt"), sha256="x", size=1)])

    def stopped_before_triggers(action, *args):  # as a kill between the index's rows and its triggers
        return sqlite3.SQLITE_DENY if action == sqlite3.SQLITE_CREATE_TRIGGER else sqlite3.SQLITE_OK

    db.conn.set_authorizer(stopped_before_triggers)
    with pytest.raises(sqlite3.DatabaseError):
        storage.build_deferred(db)
    db.conn.set_authorizer(None)
    assert rows(tmp_path / "n.db", "select name from sqlite_master where name like '%_fts'") == []


@pytest.fixture
def half_made(tmp_path, story):
    """A converted database whose paragraphs search index lost its triggers, as an older
    version left it when killed while building it."""
    db_path = tmp_path / "n.db"
    invoke(db_path, story)
    with sqlite3.connect(db_path) as conn:
        for suffix in ("ai", "ad", "au"):
            conn.execute(f"drop trigger paragraphs_{suffix}")
    return db_path


def test_a_half_made_search_index_is_said_and_mended_by_the_next_convert(tmp_path, half_made):
    from datasette_newsfacts import convert as conversion

    other = tmp_path / "other.txt"
    other.write_text("Lawmakers came back on Friday.\n", encoding="utf-8")
    said = []
    db = opening.open_database(str(half_made))
    conversion.run(db, [str(other)], announce=said.append)
    opening.close_database(db)
    assert said == ["The search index paragraphs_fts has lost its triggers, so search answers from stale rows "
                    "(a convert was stopped while building it): rebuilding it now."]
    assert rows(half_made, "select count(*) from paragraphs_fts where paragraphs_fts match 'lawmakers'") == [(2,)]
    assert rows(half_made, "select count(*) from sqlite_master where name like 'paragraphs_a_'") == [(3,)]


@pytest.mark.asyncio
async def test_the_start_page_says_when_search_is_out_of_step(half_made):
    from bs4 import BeautifulSoup
    from datasette.app import Datasette

    ds = Datasette([str(half_made)])
    response = await ds.client.get("/-/newsfacts/n")
    assert response.status_code == 200
    notices = [p.get_text() for p in BeautifulSoup(response.text, "html.parser").select("p.nf-notice")]
    assert notices == ["The search index paragraphs_fts has lost its triggers, so search answers from stale rows (a convert "
                       "was stopped while building it): run newsfacts convert on this database again (any input, an "
                       "unchanged one will do) to rebuild it."]


def test_workers_do_not_outlive_a_parent_killed_outright(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(400):
        (folder / f"{n:03d}.txt").write_text(STORY.replace("Tuesday", f"day {n}") * 30, encoding="utf-8")
    command = [sys.executable, "-m", "datasette_newsfacts", "convert", str(tmp_path / "n.db"), str(folder), "--silent", "--workers", "2"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline, workers = time.monotonic() + 60, []
    while time.monotonic() < deadline and len(workers) < 2:
        time.sleep(0.05)
        with open(f"/proc/{process.pid}/task/{process.pid}/children") as handle:
            workers = [int(pid) for pid in handle.read().split()]
    assert len(workers) == 2
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    time.sleep(1)

    def running(pid):
        try:
            with open(f"/proc/{pid}/stat") as handle:
                return handle.read().split(") ", 1)[1][:1] not in "ZX"
        except OSError:
            return False

    left = [pid for pid in workers if running(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == []
