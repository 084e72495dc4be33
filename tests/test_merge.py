"""Partitioned runs: partition databases merged, on one machine or on a Dask cluster."""

from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from datasette_newsfacts.cli import cli
from datasette_newsfacts.cluster import partitions

SEED = Path(__file__).parents[1] / "fixtures" / "seed" / "000_14d1a24053a90e28.txt"
TABLES = ("articles", "blocks", "paragraphs", "captions", "videos", "quotes", "speakers", "highlights",
          "headings", "contributors", "import_errors", "sources")


def corpus(tmp_path, count=12):
    folder = tmp_path / "corpus"
    folder.mkdir()
    seed = SEED.read_text(encoding="utf-8")
    for n in range(count):
        text = seed.replace("Seoul", f"Seoul{n % 4}").replace("Daniel Pinkston", f"Daniel Pinkston{n % 3}")
        (folder / f"{n:03d}.txt").write_text(text, encoding="utf-8")
    (folder / "zz-empty.txt").write_bytes(b"")
    return folder


def invoke(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def snapshot(db_path):
    db = sqlite_utils.Database(db_path)
    return {
        table: sorted(
            (tuple(sorted((k, v) for k, v in row.items() if k not in ("converted_at", "at"))) for row in db[table].rows),
            key=repr,
        )
        for table in TABLES
    } | {
        "search": db.execute("select count(*) from paragraphs_fts where paragraphs_fts match 'Pinkston0'").fetchall(),
        "schema": db.execute("select type, name, sql from sqlite_master order by name").fetchall(),
    }


def test_partitions_are_contiguous_and_cover_everything(tmp_path):
    folder = corpus(tmp_path)
    parts = partitions([str(folder)], 5)
    assert [len(p) for p in parts] == [3, 3, 3, 2, 2]
    assert [path for part in parts for path in part] == sorted(str(p) for p in folder.iterdir())


def test_merged_partitions_equal_one_run(tmp_path):
    folder = corpus(tmp_path)
    invoke("convert", tmp_path / "whole.db", folder, "--silent", "--workers", "1")
    part_dbs = []
    for number, paths in enumerate(partitions([str(folder)], 3)):
        part_dbs.append(tmp_path / f"part{number}.db")
        invoke("convert", part_dbs[-1], *paths, "--silent", "--workers", "1")
    invoke("merge", tmp_path / "merged.db", *part_dbs)
    assert snapshot(tmp_path / "merged.db") == snapshot(tmp_path / "whole.db")
    invoke("merge", tmp_path / "merged.db", *part_dbs)  # merging again changes nothing
    assert snapshot(tmp_path / "merged.db") == snapshot(tmp_path / "whole.db")


def test_merge_refuses_a_database_convert_did_not_make(tmp_path):
    sqlite_utils.Database(tmp_path / "other.db")["t"].insert({"a": 1})
    result = CliRunner().invoke(cli, ["merge", str(tmp_path / "m.db"), str(tmp_path / "other.db")])
    assert result.exit_code == 1
    assert "not a newsfacts database" in result.output


def test_dask_local_cluster_gives_the_rows_of_one_run(tmp_path):
    pytest.importorskip("dask.distributed")
    folder = corpus(tmp_path)
    invoke("convert", tmp_path / "whole.db", folder, "--silent", "--workers", "1")
    output = invoke("convert-dask", tmp_path / "dask.db", folder, "--partitions", "4", "--local-workers", "2",
                    "--work-dir", tmp_path / "parts")
    assert "Converted 12 articles in 4 partitions (1 failed" in output
    assert snapshot(tmp_path / "dask.db") == snapshot(tmp_path / "whole.db")
