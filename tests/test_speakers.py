"""What kind each speaker is (a named person, an organisation, an unnamed source), stored in
`speakers.kind` so that named people can be counted apart from anonymous sources."""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from conftest import SEED
from datasette_newsfacts import storage
from datasette_newsfacts.speakers import kind


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Ada Brill", "person"),
        ("Émile Zola", "person"),
        ("KCNA", "organisation"),
        ("Tollby Council", "organisation"),
        ("the ministry", "organisation"),
        ("Senn Valley Trust", "organisation"),
        ("officials", "unnamed"),
        ("a spokesman for the ferry company", "unnamed"),
        ("A spokeswoman for Tollby Council", "unnamed"),
        ("two residents", "unnamed"),
    ],
)
def test_kind_of_a_speaker(name, expected):
    assert kind(name) == expected


SEED_KINDS = [
    ("A spokesman for China’s foreign ministry", "unnamed"),
    ("Advocacy groups for the so-called comfort women", "organisation"),
    ("Daniel Pinkston", "person"),
    ("Geng Shuang", "person"),
    ("KCNA", "organisation"),
    ("Lee Jae-jeong", "person"),
    ("South Korea’s Ministry of National Defense", "organisation"),
]


def test_converted_speakers_carry_their_kind(tmp_path, run_cli):
    db_path = tmp_path / "news.db"
    run_cli("convert", db_path, SEED, "--silent")
    db = sqlite_utils.Database(db_path)
    assert [(row["name"], row["kind"]) for row in db.query("select name, kind from speakers order by name")] == SEED_KINDS
    assert ["kind"] in [index.columns for index in db["speakers"].indexes]


def test_a_database_made_before_speakers_had_a_kind_gets_it(tmp_path, run_cli):
    db_path = tmp_path / "news.db"
    run_cli("convert", db_path, SEED, "--silent")
    with sqlite3.connect(db_path) as conn:  # the table as it was before the column
        conn.execute("drop index idx_speakers_kind")
        conn.execute("alter table speakers drop column kind")
    assert "kind" not in sqlite_utils.Database(db_path)["speakers"].columns_dict
    db = sqlite_utils.Database(db_path)
    storage.ensure_schema(db)
    assert [(row["name"], row["kind"]) for row in db.query("select name, kind from speakers order by name")] == SEED_KINDS
