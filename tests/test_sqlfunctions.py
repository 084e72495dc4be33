"""The SQL functions the canned queries call."""

import sqlite3

import pytest

from datasette_newsfacts import sqlfunctions


@pytest.mark.parametrize(
    "value, seconds",
    [("90", 90), (" 90 ", 90), ("1:30", 90), ("02:42", 162), ("1:02:03", 3723), (90, 90), ("", None), ("abc", None), ("2.5", None), (None, None)],
)
def test_seconds(value, seconds):
    assert sqlfunctions.seconds(value) == seconds


def test_registered_functions_answer_in_sql():
    conn = sqlite3.connect(":memory:")
    sqlfunctions.register(conn)
    assert conn.execute("select newsfacts_speaker_key(' Seán  O’Brien '), newsfacts_seconds('2:00')").fetchone() == (
        "seán o'brien",
        120,
    )
