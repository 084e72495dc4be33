"""Publication dates read into one form that sorts, whatever form the source printed."""

import json
import sqlite3

import pytest
from click.testing import CliRunner

from datasette_newsfacts.cli import cli
from datasette_newsfacts.dates import iso_date


@pytest.mark.parametrize(
    "printed, stored",
    [
        # a time zone given: the moment in UTC
        ("2023-11-06T16:22:00-05:00", "2023-11-06T21:22:00Z"),
        ("2023-11-06T21:22:00.123Z", "2023-11-06T21:22:00Z"),
        ("Mon, 06 Nov 2023 21:22:00 GMT", "2023-11-06T21:22:00Z"),
        ("1699305720", "2023-11-06T21:22:00Z"),  # seconds since 1970
        ("1699305720000", "2023-11-06T21:22:00Z"),  # milliseconds
        # a time without a zone: as printed
        ("2023-11-06 21:22:00", "2023-11-06T21:22:00"),
        # a date alone
        ("2024-03-05", "2024-03-05"),
        ("20240305", "2024-03-05"),
        ("November 6, 2023", "2023-11-06"),
        ("Nov. 6, 2023", "2023-11-06"),
        ("Sept. 5, 2024", "2024-09-05"),
        ("6 Nov 2023", "2023-11-06"),
        ("Monday, November 6th, 2023", "2023-11-06"),
        ("Tue, 05 Mar 2024", "2024-03-05"),
        # unreadable: kept as printed, never lost
        ("yesterday", "yesterday"),
        ("Updated 9:22 PM EST, Mon November 6, 2023", "Updated 9:22 PM EST, Mon November 6, 2023"),
        ("  ", None),
        (None, None),
    ],
)
def test_iso_date(printed, stored):
    assert iso_date(printed) == stored


def test_a_corpus_date_is_stored_in_iso_form(tmp_path):
    corpus = tmp_path / "news.jsonl"
    corpus.write_text(
        "\n".join(
            json.dumps(record)
            for record in [
                {"id": "a", "text": "First story.", "date": "Mon, 06 Nov 2023 21:22:00 GMT"},
                {"id": "b", "text": "Second story.", "date": "November 7, 2023"},
                {"id": "c", "text": "Third story.", "date": "last week"},
            ]
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["convert", str(tmp_path / "n.db"), str(corpus), "--silent", "--workers", "1"])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(tmp_path / "n.db") as conn:
        assert conn.execute("select record, published from articles order by published").fetchall() == [
            ("a", "2023-11-06T21:22:00Z"),
            ("b", "2023-11-07"),
            ("c", "last week"),
        ]
