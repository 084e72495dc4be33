"""Messy inputs that once lost good records, hung the run or aborted it: each costs only itself."""

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from datasette_newsfacts import readers
from datasette_newsfacts.cli import cli


def convert(*args, code=0, input=None):
    result = CliRunner().invoke(cli, ["convert", *map(str, args), "--silent", "--workers", "1"], input=input, catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.output


def rows(db_path, sql, params=()):
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql, params).fetchall()


def jsonl(records) -> bytes:
    return b"".join(json.dumps(record).encode() + b"\n" for record in records)


def stories(count):
    return [{"id": f"s{n}", "text": f"Story number {n} is about the river."} for n in range(1, count + 1)]


# --- one record that cannot be read costs that record, and the right one is blamed ---


def test_a_bad_byte_in_an_edited_json_lines_file_costs_only_its_record(tmp_path):
    corpus, db_path = tmp_path / "news.jsonl", tmp_path / "n.db"
    corpus.write_bytes(jsonl(stories(20)))
    convert(db_path, corpus)
    lines = corpus.read_bytes().splitlines(keepends=True)
    lines[2] = lines[2].replace(b"river", b"riv\xff r")
    corpus.write_bytes(b"".join(lines))
    output = convert(db_path, corpus)
    assert "Converted 0 articles (19 unchanged, 1 failed)" in output
    assert rows(db_path, "select count(*) from articles") == [(20,)]  # record 3 keeps its last good version
    assert rows(db_path, "select record, reason from import_errors") == [
        ("3", f"line 3 is not valid utf-8 (byte {lines[2].index(bytes([255]))} of the line: invalid start byte); pass --encoding")
    ]


def test_a_bad_byte_deep_in_a_first_load_blames_its_own_line(tmp_path):
    records = stories(100)
    corpus = tmp_path / "news.jsonl"
    data = jsonl(records).splitlines(keepends=True)
    data[49] = data[49].replace(b"river", b"\xe9 river")
    corpus.write_bytes(b"".join(data))
    convert(tmp_path / "n.db", corpus)
    assert rows(tmp_path / "n.db", "select count(*) from articles") == [(99,)]
    assert rows(tmp_path / "n.db", "select record from import_errors") == [("50",)]
    assert rows(tmp_path / "n.db", "select count(*) from articles where record = 's50'") == [(0,)]


def write_csv(path, table):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(table)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def csv_rows(count):
    return [["id", "text"]] + [[f"r{n}", f"Row story {n} is about the harbour."] for n in range(1, count + 1)]


def test_a_huge_field_in_an_edited_csv_costs_only_its_row(tmp_path):
    corpus, db_path = tmp_path / "news.csv", tmp_path / "n.db"
    table = csv_rows(20)
    write_csv(corpus, table)
    convert(db_path, corpus)
    table[3][1] = "x" * (11 * 1024 * 1024)
    write_csv(corpus, table)
    output = convert(db_path, corpus)
    assert "Converted 0 articles (19 unchanged, 1 failed)" in output
    assert rows(db_path, "select count(*) from articles") == [(20,)]
    assert rows(db_path, "select record, reason from import_errors") == [("3", "row 3 is over 10 MB on one line")]


def test_rows_after_a_huge_quoted_field_over_many_lines_are_converted(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_ARTICLE_BYTES", 2000)  # a 10 MB field, made small
    corpus = tmp_path / "news.csv"
    table = csv_rows(6)
    table[2][1] = "A line of a long field, with \"quotes\" in it.\n" * 100
    write_csv(corpus, table)
    convert(tmp_path / "n.db", corpus)
    assert rows(tmp_path / "n.db", "select record from articles order by record") == [("r1",), ("r3",), ("r4",), ("r5",), ("r6",)]
    [(record, reason)] = rows(tmp_path / "n.db", "select record, reason from import_errors")
    assert (record, reason.split(" (")[0]) == ("2", "row 2 is not valid CSV")


def test_a_bad_byte_in_a_csv_row_blames_that_row(tmp_path):
    corpus = tmp_path / "news.csv"
    write_csv(corpus, csv_rows(30))
    corpus.write_bytes(corpus.read_bytes().replace(b"story 17 ", b"story \xff17 "))
    convert(tmp_path / "n.db", corpus)
    assert rows(tmp_path / "n.db", "select count(*) from articles") == [(29,)]
    assert rows(tmp_path / "n.db", "select record, reason from import_errors") == [("17", "row 17 is not valid utf-8; pass --encoding")]


def test_a_record_that_cannot_be_read_never_lets_stored_records_go(tmp_path):
    corpus, db_path = tmp_path / "news.jsonl", tmp_path / "n.db"
    corpus.write_bytes(jsonl(stories(3)))
    convert(db_path, corpus)
    # record s2 is now a line that is not JSON: its id cannot be read, so s2 is kept
    corpus.write_bytes(jsonl(stories(1)) + b"{broken\n" + jsonl(stories(3)[2:]))
    convert(db_path, corpus)
    assert rows(db_path, "select record from articles order by record") == [("s1",), ("s2",), ("s3",)]
    # once mended, a record that is really gone goes
    corpus.write_bytes(jsonl(stories(1)))
    convert(db_path, corpus)
    assert rows(db_path, "select record from articles") == [("s1",)]
    assert rows(db_path, "select count(*) from import_errors") == [(0,)]


# --- one file, one identity, however its name is spelled ---

RECOUNT = (
    "select id, (select count(*) from quotes where speaker_id = speakers.id), "
    "(select count(distinct article_id) from quotes where speaker_id = speakers.id) from speakers order by id"
)


def spelled_corpus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").mkdir()
    for n in range(3):
        (tmp_path / "corpus" / f"000{n}.txt").write_text(f"“Story {n} goes on,” said Bo Lee.\n", encoding="utf-8")


def test_four_spellings_of_one_file_are_one_input(tmp_path, monkeypatch):
    spelled_corpus(tmp_path, monkeypatch)
    convert("n.db", "corpus/0000.txt", "./corpus/0000.txt", tmp_path / "corpus" / "0000.txt", "corpus//0000.txt", "corpus")
    assert rows("n.db", "select source from articles order by source") == [("corpus/0000.txt",), ("corpus/0001.txt",), ("corpus/0002.txt",)]
    assert rows("n.db", "select id, quotes, articles from speakers") == [("bo lee", 3, 3)]
    assert "(3 unchanged" in convert("n.db", "./corpus/", tmp_path / "corpus" / "0001.txt")


def test_rows_stored_under_an_older_spelling_give_way_to_the_canonical_one(tmp_path, monkeypatch):
    from datasette_newsfacts import convert as conversion
    import sqlite_utils

    spelled_corpus(tmp_path, monkeypatch)
    # as an older version stored them: under the absolute names
    conversion.run(sqlite_utils.Database("n.db"), [str(tmp_path / "corpus" / f"000{n}.txt") for n in range(3)])
    convert("n.db", "corpus")
    assert rows("n.db", "select source from articles order by source") == [("corpus/0000.txt",), ("corpus/0001.txt",), ("corpus/0002.txt",)]
    assert rows("n.db", "select path from sources order by path") == [("corpus/0000.txt",), ("corpus/0001.txt",), ("corpus/0002.txt",)]
    assert rows("n.db", "select id, quotes, articles from speakers") == rows("n.db", RECOUNT) == [("bo lee", 3, 3)]


def test_a_record_gone_from_a_corpus_takes_its_speaker_counts_with_it(tmp_path):
    corpus, db_path = tmp_path / "news.jsonl", tmp_path / "n.db"
    quoted = [{"id": n, "text": f"“Point {n},” said Bo Lee."} for n in range(3)]
    corpus.write_bytes(jsonl(quoted))
    convert(db_path, corpus)
    corpus.write_bytes(jsonl(quoted[:1]))
    convert(db_path, corpus)
    assert rows(db_path, "select id, quotes, articles from speakers") == [("bo lee", 1, 1)]


# --- archives: what is not read is said ---


def test_a_zip_with_two_members_of_one_name_reads_the_last_and_says_so(tmp_path):
    import warnings
    import zipfile

    archive = tmp_path / "bundle.zip"
    with warnings.catch_warnings(), zipfile.ZipFile(archive, "w") as zf:
        warnings.simplefilter("ignore")  # zipfile warns of the duplicate name, as it should
        zf.writestr("story.txt", "The first version of the story.\n")
        zf.writestr("story.txt", "The second version of the story.\n")
        zf.writestr("other.txt", "Another story entirely.\n")
    output = convert(tmp_path / "n.db", archive)
    assert "Converted 2 articles (0 unchanged, 1 failed)" in output
    assert rows(tmp_path / "n.db", "select source, paragraphs from articles order by source") == [
        (f"{archive}/other.txt", 1), (f"{archive}/story.txt", 1)]
    assert rows(tmp_path / "n.db", "select text from paragraphs where text like '%version%'") == [("The second version of the story.",)]
    assert rows(tmp_path / "n.db", "select source, reason from import_errors") == [
        (f"{archive}/story.txt", "the archive holds 2 members of this name: only the last one is read")]


def test_a_zip_inside_a_zip_is_recorded_not_skipped_silently(tmp_path):
    import zipfile

    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("deep.txt", "A story two archives deep.\n")
    archive = tmp_path / "outer.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("inner.zip", inner.getvalue())
        zf.writestr("top.txt", "A story at the top.\n")
    convert(tmp_path / "n.db", archive)
    assert rows(tmp_path / "n.db", "select source from articles") == [(f"{archive}/top.txt",)]
    assert rows(tmp_path / "n.db", "select source, reason from import_errors") == [
        (f"{archive}/inner.zip", "an archive inside the archive is not read: unzip it and convert what it holds")]


# --- what is not a regular file never hangs the run ---


def run_convert(*args, timeout=120, **kwargs):
    """The command in a process of its own, so a run that hangs fails the test instead of stopping it."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "datasette_newsfacts", "convert", *map(str, args), "--silent", "--workers", "1"]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, **kwargs)


def test_a_named_pipe_found_in_a_folder_is_recorded_and_skipped(tmp_path):
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("The first story of the folder.\n", encoding="utf-8")
    os.mkfifo(folder / "b.txt")
    (folder / "c.txt").write_text("The last story of the folder.\n", encoding="utf-8")
    result = run_convert(tmp_path / "n.db", folder)
    assert result.returncode == 0, result.stderr
    assert rows(tmp_path / "n.db", "select source from articles order by source") == [(str(folder / "a.txt"),), (str(folder / "c.txt"),)]
    assert rows(tmp_path / "n.db", "select source, reason from import_errors") == [
        (str(folder / "b.txt"), "a named pipe, not a regular file: skipped (name it on the command line to read it)")]


def test_a_pipe_named_on_the_command_line_is_read_once(tmp_path):
    import os
    import threading

    pipe = tmp_path / "dump"
    os.mkfifo(pipe)

    def feed():  # as the shell's <(cat dump.txt) does
        with open(pipe, "w", encoding="utf-8") as handle:
            handle.write("WASHINGTON (CNN) -- A story that came down a pipe.\n")

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    result = run_convert(tmp_path / "n.db", pipe)
    writer.join(timeout=10)
    assert result.returncode == 0, result.stdout + result.stderr
    assert rows(tmp_path / "n.db", "select source, dateline_place, paragraphs from articles") == [(str(pipe), "Washington", 1)]
    assert rows(tmp_path / "n.db", "select count(*) from sources") == [(0,)]  # nothing to compare a pipe with next time


def test_an_endless_device_is_refused_at_the_size_limit(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("A story beside an endless device.\n", encoding="utf-8")
    result = run_convert(tmp_path / "n.db", "/dev/zero", good)
    assert result.returncode == 0, result.stderr
    assert rows(tmp_path / "n.db", "select count(*) from articles") == [(1,)]
    [(source, reason)] = rows(tmp_path / "n.db", "select source, reason from import_errors")
    assert (source, reason.split(":")[0]) == ("/dev/zero", "larger than 10 MB")


# --- inputs that once aborted the run with a traceback ---


def test_a_file_name_that_is_not_utf8_converts_under_a_readable_name(tmp_path):
    import os

    folder = os.path.join(os.fsencode(tmp_path), b"in")
    os.mkdir(folder)
    with open(os.path.join(folder, b"caf\xe9.txt"), "w", encoding="utf-8") as handle:
        handle.write("A story whose file name is Latin-1.\n")
    with open(os.path.join(folder, b"plain.txt"), "w", encoding="utf-8") as handle:
        handle.write("A story with a plain name.\n")
    output = convert(tmp_path / "n.db", tmp_path / "in")
    assert "Converted 2 articles (0 unchanged, 0 failed)" in output
    assert rows(tmp_path / "n.db", "select source from articles order by source") == [
        (f"{tmp_path}/in/caf\\xe9.txt",), (f"{tmp_path}/in/plain.txt",)]
    assert "(2 unchanged" in convert(tmp_path / "n.db", tmp_path / "in")


def test_a_record_nested_too_deeply_costs_only_itself(tmp_path):
    corpus = tmp_path / "news.jsonl"
    corpus.write_bytes(jsonl(stories(1)) + b"[" * 100_000 + b"]" * 100_000 + b"\n" + jsonl(stories(3)[2:]))
    convert(tmp_path / "n.db", corpus)
    assert rows(tmp_path / "n.db", "select record from articles order by record") == [("s1",), ("s3",)]
    assert rows(tmp_path / "n.db", "select record, reason from import_errors") == [
        ("2", "line 2 nests brackets too deeply to be a news record")]


# --- limits apply while reading: a bomb never sits in memory whole ---


def peak_of(*args) -> int:
    """Peak Python memory of one in-process conversion (one worker, so all of it is traced)."""
    import tracemalloc

    tracemalloc.start()
    try:
        convert(*args)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture
def small_limits(monkeypatch):
    """The 10 MB article, 20 MB record and 32 MB JSON document limits, made a hundred times smaller for CI."""
    monkeypatch.setattr(readers, "MAX_ARTICLE_BYTES", 100 * 1024)
    monkeypatch.setattr(readers, "MAX_RECORD_BYTES", 200 * 1024)
    monkeypatch.setattr(readers, "MAX_JSON_DOCUMENT_BYTES", 300 * 1024)


def test_a_gzip_bomb_of_one_endless_line_is_refused_while_reading(tmp_path, small_limits):
    import gzip

    bomb = tmp_path / "bomb.jsonl.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as handle:
        handle.write(jsonl(stories(1)))
        for _ in range(40):  # 40 MB of spaces on one line, a few KB compressed
            handle.write(b" " * (1 << 20))
        handle.write(b"\n" + jsonl(stories(2)[1:]))
    assert bomb.stat().st_size < 200_000
    peak = peak_of(tmp_path / "n.db", bomb)
    assert peak < 8 * 1024 * 1024, f"{peak:,} bytes at the peak"
    assert rows(tmp_path / "n.db", "select record from articles order by record") == [("s1",), ("s2",)]
    assert rows(tmp_path / "n.db", "select record, reason from import_errors") == [
        ("2", "line 2 is over 200 KB: too large for one article's record")]


def test_a_zip_bomb_costs_its_members_and_little_memory(tmp_path, small_limits):
    import zipfile

    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name in ("a.jsonl", "b.csv", "c.txt", "d.json"):
            with zf.open(name, "w") as member:
                member.write({"b.csv": b"id,text\n", "d.json": b"["}.get(name, b""))
                for _ in range(20):
                    member.write(b"x" * (1 << 20))
        zf.writestr("e.txt", "A small story beside the bomb.\n")
    assert archive.stat().st_size < 400_000
    peak = peak_of(tmp_path / "n.db", archive)
    assert peak < 8 * 1024 * 1024, f"{peak:,} bytes at the peak"
    assert rows(tmp_path / "n.db", "select source from articles") == [(f"{archive}/e.txt",)]
    assert [(Path(source).name, reason.split(":")[0].split(" (")[0]) for source, reason in rows(
        tmp_path / "n.db", "select source, reason from import_errors order by source")] == [
        ("a.jsonl", "line 1 is over 200 KB"), ("b.csv", "row 1 is over 100 KB on one line"),
        ("c.txt", "larger than 100 KB"), ("d.json", "a JSON document over 300 KB, which is read whole; give the corpus as JSON Lines")]


# --- text forms once refused or stored wrong ---


@pytest.mark.parametrize("encoding, option", [("utf-16", []), ("utf-16-be", ["--encoding", "utf-16"]), ("utf-32", [])])
def test_a_dump_with_a_wide_byte_order_mark_converts(tmp_path, encoding, option):
    dump = tmp_path / "story.txt"
    text = "WASHINGTON (CNN) -- A story saved by a Windows editor.\n\n“It works,” said Ana Ruiz.\n"
    dump.write_bytes(("\ufeff" + text).encode(encoding))
    convert(tmp_path / "n.db", dump, *option)
    assert rows(tmp_path / "n.db", "select dateline_place, paragraphs from articles") == [("Washington", 2)]
    assert rows(tmp_path / "n.db", "select text, speaker from quotes") == [("It works,", "Ana Ruiz")]


def test_a_utf16_json_lines_corpus_converts(tmp_path):
    corpus = tmp_path / "news.jsonl"
    corpus.write_bytes(jsonl(stories(3)).decode().encode("utf-16"))
    convert(tmp_path / "n.db", corpus)
    assert rows(tmp_path / "n.db", "select record from articles order by record") == [("s1",), ("s2",), ("s3",)]


def test_a_nul_byte_past_the_head_is_refused_and_said(tmp_path):
    dump = tmp_path / "story.txt"
    dump.write_bytes(b"A paragraph that goes on and on.\n" * 400 + b"Then a \x00 in the text.\n")
    (tmp_path / "good.txt").write_text("A good story.\n", encoding="utf-8")
    convert(tmp_path / "n.db", dump, tmp_path / "good.txt")
    assert rows(tmp_path / "n.db", "select reason from import_errors") == [
        ("a NUL character at offset 13,207 (binary data inside the text?); remove it (tr -d '\\000' does) and convert again",)]
    assert rows(tmp_path / "n.db", "select count(*) from articles") == [(1,)]


def test_a_json_lines_corpus_over_the_article_limit_streams_from_standard_input(tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_ARTICLE_BYTES", 100 * 1024)  # 10 MB, made small for CI
    data = jsonl(stories(3000))
    assert len(data) > 100 * 1024
    convert(tmp_path / "n.db", "-", input=data)
    assert rows(tmp_path / "n.db", "select count(*), count(distinct record), min(source) from articles") == [(3000, 3000, "-")]
