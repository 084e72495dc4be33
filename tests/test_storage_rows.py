"""The stored rows are the parse result: what `convert` writes, every table, equals what the
parser gives for each input, once the corpus-repetition changes (which the database records
with what undoes them) are undone."""

import importlib.util
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from datasette_newsfacts import repetition, storage
from datasette_newsfacts.cli import cli
from datasette_newsfacts.convert import LINES, Options, parse_document
from datasette_newsfacts.readers import Fields, read_documents

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC_ARTICLES = 40


def synthetic():
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "scripts" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("synthetic", module)  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Fixtures of every form, the HTML pages and a synthetic corpus whose furniture repeats."""
    folder = tmp_path_factory.mktemp("corpus")
    for pattern in ("forms/*.txt", "html/*.html", "seed/*.txt"):
        for path in sorted(ROOT.glob(f"fixtures/{pattern}")):
            target = folder / path.parent.name / path.name
            target.parent.mkdir(exist_ok=True)
            shutil.copy(path, target)
    generator = synthetic()
    for index in range(SYNTHETIC_ARTICLES):
        name, data = generator.article_file(index)
        target = folder / "synthetic" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return folder


def convert(db_path, corpus, workers):
    result = CliRunner().invoke(
        cli, ["convert", str(db_path), str(corpus), "--silent", "--workers", str(workers)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output


def parsed(corpus: Path, db: sqlite_utils.Database) -> dict[str, list[tuple]]:
    """Every table's rows as the parser makes them for the inputs the database holds."""
    expected: dict[str, list[tuple]] = {table: [] for table in storage.INSERT_ORDER}
    for (source,) in db.execute("select source from articles order by source"):
        (document,) = read_documents(source, Fields())
        rows = parse_document(document, Options())
        assert isinstance(rows[LINES], repetition.Lines)
        for table in storage.INSERT_ORDER:
            expected[table].extend(rows[table])
    return expected


def stored(db: sqlite_utils.Database, table: str) -> list[tuple]:
    columns = ", ".join(f"[{c}]" for c in storage.TABLES[table][0])
    return db.execute(f"select {columns} from [{table}]").fetchall()


def without_time(table: str, rows: list[tuple]) -> list[tuple]:
    """The conversion time is the one value a parse cannot know: it is left out."""
    if table != "articles":
        return sorted(rows)
    at = list(storage.TABLES["articles"][0]).index("converted_at")
    return sorted(row[:at] + row[at + 1 :] for row in rows)


@pytest.mark.parametrize("workers", [1, 2])
def test_every_table_holds_the_parsed_rows(corpus, tmp_path, monkeypatch, workers):
    monkeypatch.chdir(corpus)  # sources are stored relative to the working directory
    db_path = tmp_path / "news.db"
    convert(db_path, ".", workers)
    db = sqlite_utils.Database(db_path)
    assert db.execute("select count(*) from articles").fetchone()[0] > SYNTHETIC_ARTICLES
    # the synthetic outlets' furniture repeats: the re-read changed articles, and says how to undo it
    changed = db.execute("select count(*) from article_lines where undo is not null").fetchone()[0]
    assert changed > 0
    with db.atomic():
        assert repetition.restore_parsed(db, "main") == changed
    expected = parsed(corpus, db)
    for table in storage.INSERT_ORDER:
        assert without_time(table, stored(db, table)) == without_time(table, expected[table]), table
    # the speakers and their counts follow from the quotes
    quoted = Counter(row[6] for row in expected["quotes"] if row[6])
    in_articles = Counter(sid for _, sid in {(row[1], row[6]) for row in expected["quotes"] if row[6]})
    assert {sid: (quotes, articles) for sid, _, quotes, articles in db.execute("select id, name, quotes, articles from speakers")} == {
        sid: (quoted[sid], in_articles[sid]) for sid in quoted
    }


def test_lines_counted_as_written_equal_lines_counted_from_the_stored_rows(corpus, tmp_path, monkeypatch):
    """The counts a convert keeps from its workers' lines are those an older database, whose
    articles are counted from their stored blocks, comes to (the path `merge` takes too)."""
    monkeypatch.chdir(corpus)
    db_path = tmp_path / "news.db"
    convert(db_path, ".", 1)
    db = sqlite_utils.Database(db_path)
    counts = "select line_groups.name, key, sentence, line_counts.articles, text from line_counts join line_groups on line_groups.id = group_id"
    lines = "select article_id, line_groups.name, keys, applied, blocks from article_lines join line_groups on line_groups.id = group_id"
    as_written = sorted(db.execute(counts).fetchall()), sorted(db.execute(lines).fetchall())
    with db.atomic():
        repetition.restore_parsed(db, "main")
        db.execute("delete from line_counts")
        db.execute("delete from article_lines")
        db.execute("update line_groups set articles = 0, fresh = null")
    repetition.refresh(db)
    assert (sorted(db.execute(counts).fetchall()), sorted(db.execute(lines).fetchall())) == as_written


def test_lines_counted_by_an_older_version_are_read_from_the_stored_rows(corpus, tmp_path, monkeypatch):
    """An older database's counted articles have no `blocks` keys: a re-read works them out
    from the article's stored rows, and comes to what the keys give."""
    monkeypatch.chdir(corpus)
    db_path = tmp_path / "news.db"
    convert(db_path, ".", 1)
    db = sqlite_utils.Database(db_path)
    before = {table: sorted(stored(db, table)) for table in storage.INSERT_ORDER}
    with db.atomic():
        repetition.restore_parsed(db, "main")
        db.execute("update article_lines set blocks = null, applied = ?, undo = null", [b""])
    assert sorted(stored(db, "blocks")) != before["blocks"]  # as parsed again
    repetition.refresh(db, every_group=True)
    assert {table: sorted(stored(db, table)) for table in storage.INSERT_ORDER} == before


def test_a_database_made_before_the_line_keys_opens_and_converts_as_a_new_one(corpus, tmp_path, monkeypatch):
    """A database an older version made (no `line_groups.fresh`, no `article_lines.blocks`)
    gets the columns when convert opens it, and ends with the rows a fresh database gets."""
    monkeypatch.chdir(corpus)
    old, new = tmp_path / "old.db", tmp_path / "new.db"
    convert(old, "synthetic", 1)
    db = sqlite_utils.Database(old)
    db.execute("alter table line_groups drop column fresh")
    db.execute("alter table article_lines drop column blocks")
    db.close()
    convert(old, ".", 1)  # the other inputs join the synthetic ones
    convert(new, ".", 1)
    dbs = sqlite_utils.Database(old), sqlite_utils.Database(new)
    assert {"fresh"} <= set(dbs[0]["line_groups"].columns_dict) and {"blocks"} <= set(dbs[0]["article_lines"].columns_dict)
    for table in storage.INSERT_ORDER:
        assert without_time(table, stored(dbs[0], table)) == without_time(table, stored(dbs[1], table)), table
