"""`newsfacts convert` end to end: what it stores, read back from the real SQLite file."""

import gzip
import shutil

import pytest
import sqlite_utils

from conftest import FORMS, facts_from_db
from datasette_newsfacts.readers import canonical

PART_TABLES = ("articles", "blocks", "paragraphs", "captions", "videos", "highlights", "headings", "contributors")
# Search words and how many of the seed's paragraphs / captions hold each.
SEARCHES = {
    "paragraphs_fts": {"Gallup": 1, "Pinkston": 1, "intelligence": 7},
    "captions_fts": {"THAAD": 1, "KAMM": 1, "Getty": 2},
}


def convert(run_cli, db_path, *args):
    result = run_cli("convert", db_path, *args)
    assert "Traceback" not in result.output
    return result


def counts(db_path) -> dict[str, int]:
    db = sqlite_utils.Database(db_path)
    return {table: db[table].count for table in PART_TABLES}


def hits(db_path, table: str, word: str) -> int:
    db = sqlite_utils.Database(db_path)
    return db.execute(f"select count(*) from {table} where {table} match ?", [word]).fetchone()[0]


def all_hits(db_path) -> dict[str, dict[str, int]]:
    return {table: {word: hits(db_path, table, word) for word in words} for table, words in SEARCHES.items()}


def import_errors(db_path) -> list[tuple[str, str]]:
    db = sqlite_utils.Database(db_path)
    if not db["import_errors"].exists():
        return []
    return [(row["source"], row["reason"]) for row in db.query("select source, reason from import_errors order by source")]


# --- the seed against its gold ---


def test_seed_matches_gold(tmp_path, run_cli, seed_path, seed_gold):
    dump = tmp_path / seed_path.name
    shutil.copy(seed_path, dump)
    db_path = tmp_path / "news.db"
    result = convert(run_cli, db_path, dump)
    assert result.exit_code == 0, result.output
    assert facts_from_db(db_path, dump) == seed_gold
    assert counts(db_path) == {
        "articles": 1, "blocks": 37, "paragraphs": 23, "captions": 4, "videos": 3,
        "highlights": 2, "headings": 2, "contributors": 1,
    }
    assert all_hits(db_path) == SEARCHES


def _seed_variants(text: str) -> dict[str, bytes]:
    lines = [line for line in text.splitlines() if line.strip()]
    return {
        "no_blank_lines.txt": "\n".join(lines).encode("utf-8"),
        "crlf.txt": text.replace("\n", "\r\n").encode("utf-8"),
        "bom.txt": ("\ufeff" + text).encode("utf-8"),
        "nbsp.txt": text.replace(", ", ",\u00a0").replace(". ", ".\u00a0 ").encode("utf-8"),
        "blank_lines_of_spaces.txt": "\n \t \n".join(lines).encode("utf-8"),
        "gzipped.txt.gz": gzip.compress(text.encode("utf-8")),
    }


def test_seed_variants_match_gold(tmp_path, run_cli, seed_path, seed_gold):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    variants = _seed_variants(seed_path.read_text(encoding="utf-8"))
    for name, data in variants.items():
        (corpus / name).write_bytes(data)
    db_path = tmp_path / "news.db"
    result = convert(run_cli, db_path, corpus)  # a directory walk picks up .txt and .txt.gz
    assert result.exit_code == 0, result.output
    assert import_errors(db_path) == []
    for name in variants:
        assert facts_from_db(db_path, corpus / name) == seed_gold, name
    assert counts(db_path)["paragraphs"] == 23 * len(variants)


def test_blocks_give_back_every_non_blank_line(tmp_path, run_cli, seed_path):
    dumps = [seed_path, *sorted(FORMS.glob("*.txt"))]
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(seed_path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    db_path = tmp_path / "news.db"
    assert convert(run_cli, db_path, *dumps, crlf).exit_code == 0
    db = sqlite_utils.Database(db_path)
    for dump in [*dumps, crlf]:
        blocks = db.query(
            "select blocks.text from blocks join articles on articles.id = blocks.article_id "
            "where articles.source = ? order by blocks.position",
            [canonical(str(dump))],  # the fixtures lie inside the working directory: named relative to it
        )
        lines = [line for block in blocks for line in block["text"].split("\n")]
        expected = [line for line in dump.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert lines == expected, dump.name


# --- converting again ---


@pytest.mark.parametrize("again", [[], ["--force"]])
def test_converting_twice_changes_nothing(tmp_path, run_cli, seed_path, again):
    dump = tmp_path / seed_path.name
    shutil.copy(seed_path, dump)
    other = tmp_path / "videos.txt"
    shutil.copy(FORMS / "videos.txt", other)
    db_path = tmp_path / "news.db"
    assert convert(run_cli, db_path, dump, other).exit_code == 0
    before = counts(db_path), all_hits(db_path)
    assert convert(run_cli, db_path, dump, other, *again).exit_code == 0
    assert (counts(db_path), all_hits(db_path)) == before
    assert before[0]["articles"] == 2


def test_an_edited_dump_replaces_its_article(tmp_path, run_cli, seed_path, seed_gold):
    dump = tmp_path / "article.txt"
    shutil.copy(seed_path, dump)
    other = tmp_path / "videos.txt"
    shutil.copy(FORMS / "videos.txt", other)
    db_path = tmp_path / "news.db"
    assert convert(run_cli, db_path, dump, other).exit_code == 0
    before = counts(db_path)
    other_facts = facts_from_db(db_path, other)

    text = seed_path.read_text(encoding="utf-8")
    dump.write_text(text.replace("Gallup Korea", "Kantar Korea").replace("NICHOLAS KAMM", "RUTH OKAFOR"), encoding="utf-8")
    assert convert(run_cli, db_path, dump, other).exit_code == 0

    assert counts(db_path) == before  # replaced, not added to
    assert hits(db_path, "paragraphs_fts", "Gallup") == 0
    assert hits(db_path, "paragraphs_fts", "Kantar") == 1
    assert hits(db_path, "captions_fts", "KAMM") == 0
    assert hits(db_path, "captions_fts", "OKAFOR") == 1
    facts = facts_from_db(db_path, dump)
    assert facts["paragraphs"][12]["text"] == seed_gold["paragraphs"][12]["text"].replace("Gallup", "Kantar")
    assert facts["captions"][0]["photographer"] == "Ruth Okafor"
    assert facts_from_db(db_path, other) == other_facts


# --- files that cannot be converted ---


def _bad_files(tmp_path):
    """Each kind of bad input, with a word its import_errors reason must contain."""
    text = (FORMS / "videos.txt").read_bytes()
    (tmp_path / "latin1.txt").write_bytes("Caf\u00e9 owners in Valdora protest on Monday.\n".encode("latin-1"))
    (tmp_path / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "truncated.txt.gz").write_bytes(gzip.compress(text)[:40])
    return {
        "latin1.txt": "--encoding",
        "picture.txt": "binary",
        "empty.txt": "empty",
        "truncated.txt.gz": "truncated",
        "missing.txt": "no such file",
    }


@pytest.mark.parametrize("bad", ["latin1.txt", "picture.txt", "empty.txt", "truncated.txt.gz", "missing.txt"])
def test_a_bad_file_is_recorded_and_the_rest_converts(tmp_path, run_cli, bad):
    reasons = _bad_files(tmp_path)
    good = tmp_path / "videos.txt"
    shutil.copy(FORMS / "videos.txt", good)
    db_path = tmp_path / "news.db"
    result = convert(run_cli, db_path, tmp_path / bad, good)
    assert result.exit_code == 0, result.output
    [(source, reason)] = import_errors(db_path)
    assert source == str(tmp_path / bad)
    assert reasons[bad] in reason
    assert bad in result.output  # the closing report names it too
    assert counts(db_path)["articles"] == 1
    assert len(facts_from_db(db_path, good)["videos"]) == 3


@pytest.mark.parametrize("again", [[], ["--force"]])
def test_the_right_encoding_converts_the_file_and_clears_its_error(tmp_path, run_cli, again):
    _bad_files(tmp_path)
    db_path = tmp_path / "news.db"
    latin1 = tmp_path / "latin1.txt"
    convert(run_cli, db_path, latin1, FORMS / "videos.txt")
    assert [source for source, _ in import_errors(db_path)] == [str(latin1)]
    assert convert(run_cli, db_path, latin1, "--encoding", "latin-1", *again).exit_code == 0
    assert import_errors(db_path) == []
    assert facts_from_db(db_path, latin1)["captions"][0]["text"] == "Caf\u00e9 owners in Valdora protest on Monday."


def test_nothing_stored_is_an_error_without_a_traceback(tmp_path, run_cli):
    reasons = _bad_files(tmp_path)
    db_path = tmp_path / "news.db"
    result = convert(run_cli, db_path, *(tmp_path / name for name in reasons))
    assert result.exit_code != 0
    assert "no article was stored" in result.output
    assert sorted(source for source, _ in import_errors(db_path)) == sorted(str(tmp_path / name) for name in reasons)


def test_no_inputs_found_is_an_error(tmp_path, run_cli):
    empty_dir = tmp_path / "nothing here"
    empty_dir.mkdir()
    result = convert(run_cli, tmp_path / "news.db", empty_dir)
    assert result.exit_code != 0
    assert "no article was stored" in result.output


def test_strict_stops_at_the_first_failure(tmp_path, run_cli):
    _bad_files(tmp_path)
    first, last = tmp_path / "first.txt", tmp_path / "last.txt"
    shutil.copy(FORMS / "videos.txt", first)
    shutil.copy(FORMS / "headings.txt", last)
    db_path = tmp_path / "news.db"
    result = convert(run_cli, db_path, "--strict", first, tmp_path / "empty.txt", last)
    assert result.exit_code != 0
    assert str(tmp_path / "empty.txt") in result.output
    assert "strict" in result.output
    db = sqlite_utils.Database(db_path)
    stored = [row["source"] for row in db.query("select source from articles")] if db["articles"].exists() else []
    assert str(last) not in stored
    assert stored == [str(first)]
    assert hits(db_path, "captions_fts", "barge") == 1  # what was stored is searchable
