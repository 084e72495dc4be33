"""Quote finding that fails costs an article its quotes, never the article: it is stored,
and why its quotes are missing is recorded in import_errors and in the run's summary."""

from __future__ import annotations

import shutil

import sqlite_utils

from conftest import ROOT
from datasette_newsfacts import convert as conversion

# A seed-shaped article whose "Seoul she hoping ..." once made pronoun look-up recurse for ever.
RECURSION_CASE = ROOT / "fixtures" / "cases" / "attribution-recursion.txt"


def test_the_recursion_case_converts_with_its_quotes(tmp_path, run_cli):
    db_path = tmp_path / "news.db"
    result = run_cli("convert", db_path, RECURSION_CASE, "--silent")
    assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(db_path)
    assert db.execute("select count(*) from import_errors").fetchone()[0] == 0
    quotes = list(db.query("select text, speaker, cue from quotes order by position"))
    assert [q["text"][:30] for q in quotes] == [
        "so far as to slammed merits ba",
        "For anyone who ultimately (is)",
        "It would be irresponsible and ",
        "Intensified as between relevan",
        "the trend of peace and develop",
    ]
    assert (quotes[0]["speaker"], quotes[-1]["speaker"]) == ("KCNA", "Geng Shuang")


def test_a_pronoun_after_a_name_and_a_pronoun_looks_back_without_end():
    from datasette_newsfacts.attribution import attribute

    paragraphs = [
        "Busan she hoping the plan will help it to grow.",
        "“We will wait and see what the council decides,” she said.",
    ]
    (quote,) = attribute(paragraphs)
    assert (quote.text, quote.cue) == ("We will wait and see what the council decides,", "she said")


def test_an_exception_inside_quote_finding_keeps_the_article_and_records_the_error(tmp_path, run_cli, monkeypatch):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(RECURSION_CASE, inputs / "bad.txt")
    (inputs / "good.txt").write_text(
        "The river rose overnight in Lenwick.\n\n“We moved the sheep at dawn,” said farmer Ada Brill.\n",
        encoding="utf-8",
    )
    real_attribute = conversion.attribute

    def attribute(paragraphs):
        if any("Seoul" in text for text in paragraphs):
            raise RecursionError("maximum recursion depth exceeded")
        return real_attribute(paragraphs)

    monkeypatch.setattr(conversion, "attribute", attribute)
    db_path = tmp_path / "news.db"
    result = run_cli("convert", db_path, inputs, "--silent")
    assert result.exit_code == 0, result.output
    reason = (
        "quote finding failed (RecursionError: maximum recursion depth exceeded); the article is "
        "stored without its quotes: please report this with the input"
    )
    assert f"without quotes: {inputs / 'bad.txt'}: {reason}" in result.output
    assert "(0 unchanged, 0 failed, 1 without quotes)" in result.output
    db = sqlite_utils.Database(db_path)
    assert sorted(row["source"] for row in db.query("select source from articles")) == [
        str(inputs / "bad.txt"), str(inputs / "good.txt"),
    ]
    bad_id = db.execute("select id from articles where source like '%bad.txt'").fetchone()[0]
    assert db.execute("select count(*) from paragraphs where article_id = ?", [bad_id]).fetchone()[0] == 15
    assert [(q["speaker"], q["text"]) for q in db.query("select speaker, text from quotes")] == [
        ("Ada Brill", "We moved the sheep at dawn,")
    ]
    assert [(row["source"], row["reason"]) for row in db.query("select source, reason from import_errors")] == [
        (str(inputs / "bad.txt"), reason)
    ]
    # converting again skips the unchanged inputs and keeps the record of what is missing
    again = run_cli("convert", db_path, inputs, "--silent")
    assert again.exit_code == 0, again.output
    assert db.execute("select count(*) from import_errors").fetchone()[0] == 1
    # once quote finding works, converting the article again gives it its quotes and clears the error
    monkeypatch.setattr(conversion, "attribute", real_attribute)
    run_cli("convert", db_path, inputs, "--silent", "--force")
    assert db.execute("select count(*) from import_errors").fetchone()[0] == 0
    assert db.execute("select count(*) from quotes where article_id = ?", [bad_id]).fetchone()[0] == 5
