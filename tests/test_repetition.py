"""Furniture the corpus gives away: lines repeated across many articles of one invented outlet."""

from pathlib import Path

import sqlite_utils
from click.testing import CliRunner

from datasette_newsfacts import repetition
from datasette_newsfacts.cli import cli
from datasette_newsfacts.speakers import kind as speaker_kind

# An invented outlet whose furniture is nothing the rules know: a masthead, its tagline and a
# plea that reads as a sentence, on every page.
FURNITURE = ["Harbour Ledger Insider", "Tides, ferries and the people of the bay", "Keep the lamp lit for local reporting."]
STORIES = [
    ("Ferry timetable changes for winter", "The island ferry will sail twice a day from November, the operator announced on Tuesday.",
     "Residents of Kell Point said the new times leave little room for commuters who work in the harbour town."),
    ("Lighthouse keeper retires after forty years", "Mora Vell climbed the 212 steps of the north light for the last time on Sunday.",
     "She kept a logbook of every storm, and the museum has asked to display it."),
    ("School roof repaired before term", "Builders finished the new roof at Saltmarsh Primary two days ahead of schedule.",
     "Parents had raised money at a summer fair to pay for the insulation."),
    ("Fishing quota talks stall again", "Talks over next year's herring catch ended without agreement in the capital on Thursday.",
     "Skippers from the bay travelled overnight to follow the meeting."),
    ("Market square to close for resurfacing", "The council will close the market square for six weeks from Monday.",
     "Stallholders will move to the car park beside the old customs house."),
    ("Choir wins regional festival", "The Kell Point Singers took first prize at the coastal choir festival on Saturday.",
     "Their conductor, Ilse Marran, has led the choir since it was founded."),
]
# A developing story quotes one line in two of its reports: body text, never furniture.
REPEATED_QUOTE = "“We will not leave the bay,” said the harbour master, Tova Brenn."


def write_story(folder: Path, number: int) -> None:
    title, first, second = STORIES[number]
    lines = [title, FURNITURE[0], FURNITURE[1], first, FURNITURE[2], second]
    if number in (0, 1):
        lines.append(REPEATED_QUOTE)
    (folder / f"story{number}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def invoke(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def blocks(db_path, name="story0.txt"):
    db = sqlite_utils.Database(db_path)
    return db.execute(
        "select blocks.kind, blocks.text from blocks join articles on articles.id = blocks.article_id "
        "where articles.source like ? order by blocks.position", [f"%{name}"]
    ).fetchall()


def paragraphs(db_path, name="story0.txt"):
    db = sqlite_utils.Database(db_path)
    return [row[0] for row in db.execute(
        "select paragraphs.text from paragraphs join articles on articles.id = paragraphs.article_id "
        "where articles.source like ? order by paragraphs.position", [f"%{name}"]
    )]


def converted_ledger(tmp_path, stories: int) -> tuple[Path, Path]:
    """A folder of the first `stories` invented stories, converted once."""
    folder = tmp_path / "ledger"
    folder.mkdir()
    for number in range(stories):
        write_story(folder, number)
    db_path = tmp_path / "news.db"
    invoke("convert", db_path, folder, "--silent", "--workers", "1")
    return folder, db_path


def snapshot(db_path):
    db = sqlite_utils.Database(db_path)
    tables = ["articles", "blocks", "paragraphs", "headings", "captions", "quotes", "speakers", "line_groups", "line_counts"]
    return {table: sorted(map(repr, db.execute(f"select * from [{table}]").fetchall())) for table in tables} | {
        "lines": db.execute("select article_id, group_id, stamp, keys, applied from article_lines order by 1").fetchall()
    }


def test_lines_repeated_across_an_outlet_become_furniture_in_earlier_articles_too(tmp_path):
    folder = tmp_path / "ledger"
    folder.mkdir()
    db_path = tmp_path / "news.db"
    for number in range(2):
        write_story(folder, number)
    invoke("convert", db_path, folder, "--silent", "--workers", "1")
    # two articles are no evidence: the plea, which reads as a sentence, stays in the body (the
    # dumps' scorer takes the masthead and its tagline out by their form alone)
    assert blocks(db_path) == [
        ("title", "Ferry timetable changes for winter"),
        ("boilerplate", "Harbour Ledger Insider"),
        ("boilerplate", "Tides, ferries and the people of the bay"),
        ("paragraph", STORIES[0][1]),
        ("paragraph", "Keep the lamp lit for local reporting."),
        ("paragraph", STORIES[0][2]),
        ("paragraph", REPEATED_QUOTE),
    ]
    for number in range(2, 6):
        write_story(folder, number)
    output = invoke("convert", db_path, folder, "--silent", "--workers", "1")
    assert "Lines repeated across articles: 14 blocks in 6 articles became furniture" in output  # the scorer had taken some already
    # the first article, stored before the evidence grew, is re-read
    assert blocks(db_path) == [
        ("title", "Ferry timetable changes for winter"),
        ("boilerplate", "Harbour Ledger Insider"),
        ("boilerplate", "Tides, ferries and the people of the bay"),
        ("paragraph", STORIES[0][1]),
        ("boilerplate", "Keep the lamp lit for local reporting."),
        ("paragraph", STORIES[0][2]),
        ("paragraph", REPEATED_QUOTE),
    ]
    assert paragraphs(db_path) == [STORIES[0][1], STORIES[0][2], REPEATED_QUOTE]
    db = sqlite_utils.Database(db_path)
    # the paragraphs under the tagline, read as a heading before, fall under no heading now
    assert db.execute("select count(*) from paragraphs where section is not null").fetchone() == (0,)
    assert db.execute("select count(*) from headings").fetchone() == (0,)
    assert db.execute("select paragraphs, boilerplate, quotes from articles where source like '%story0.txt'").fetchone() == (3, 3, 1)
    assert db.execute("select text from quotes where article_id = (select id from articles where source like '%story0.txt')").fetchall() == [
        ("We will not leave the bay,",)
    ]
    # the search index follows
    assert db.execute("select count(*) from paragraphs_fts where paragraphs_fts match 'lamp'").fetchone() == (0,)
    assert db.execute("select count(*) from paragraphs_fts where paragraphs_fts match 'ferry'").fetchone() == (1,)  # story0's first paragraph (its headline is the title)
    assert db.execute("select name, articles from line_groups").fetchall() == [(f"folder:{folder}", 6)]
    assert sorted(db.execute("select text, articles, sentence from line_counts where articles > 1").fetchall()) == sorted([
        ("harbour ledger insider", 6, 0),
        ("keep the lamp lit for local reporting.", 6, 1),
        ("tides, ferries and the people of the bay", 6, 0),
        ('"we will not leave the bay," said the harbour master, tova brenn.', 2, 1),
    ])


def test_refine_is_idempotent_and_an_unchanged_corpus_changes_nothing(tmp_path):
    folder, db_path = converted_ledger(tmp_path, 6)
    before = snapshot(db_path)
    assert invoke("refine", db_path).strip() == (
        "Lines repeated across articles: 0 blocks in 0 articles became furniture (0 articles counted, 0 re-read)"
    )
    assert snapshot(db_path) == before
    invoke("convert", db_path, folder, "--silent", "--workers", "1")
    assert snapshot(db_path) == before


def test_evidence_that_shrinks_gives_the_body_back(tmp_path):
    """Whatever order the evidence came in, the rows are what today's counts say."""
    folder, db_path = converted_ledger(tmp_path, 4)
    # 4 articles: the short lines (3 or more) and the plea (4 or more) are furniture
    assert [kind for kind, _ in blocks(db_path)] == ["title", "boilerplate", "boilerplate", "paragraph", "boilerplate", "paragraph", "paragraph"]
    # two pages are edited: the plea goes from them, so it stands in two articles only
    for number in (2, 3):
        path = folder / f"story{number}.txt"
        path.write_text(path.read_text(encoding="utf-8").replace(FURNITURE[2] + "\n", ""), encoding="utf-8")
    invoke("convert", db_path, folder, "--silent", "--workers", "1")
    assert [kind for kind, _ in blocks(db_path)] == ["title", "boilerplate", "boilerplate", "paragraph", "paragraph", "paragraph", "paragraph"]
    assert "Keep the lamp lit for local reporting." in paragraphs(db_path)


def test_an_edited_corpus_ends_with_the_counts_of_a_clean_run(tmp_path):
    """Lines that lose their second article lose their text too, and a line forgotten and
    counted again gets it back only once a second article holds it, as in a first run."""
    folder, db_path = converted_ledger(tmp_path, 6)
    invoke("convert", db_path, folder, "--silent", "--workers", "1", "--force")
    for number in (1, 4):  # the repeated quote now stands in one article, and one plea goes
        path = folder / f"story{number}.txt"
        path.write_text(path.read_text(encoding="utf-8").replace(REPEATED_QUOTE + "\n", "").replace(FURNITURE[2] + "\n", ""),
                        encoding="utf-8")
    invoke("convert", db_path, folder, "--silent", "--workers", "1")
    clean = tmp_path / "clean.db"
    invoke("convert", clean, folder, "--silent", "--workers", "1")
    counts = "select line_groups.name, key, sentence, line_counts.articles, text from line_counts join line_groups on line_groups.id = group_id order by 1, 2"
    edited = sqlite_utils.Database(db_path).execute(counts).fetchall()
    assert edited == sqlite_utils.Database(clean).execute(counts).fetchall()
    assert [text for *_, articles, text in edited if articles == 1] == [None] * sum(1 for row in edited if row[3] == 1)


def test_groups_are_counted_apart(tmp_path):
    """Two folders (no outlet named): a line in two articles of each is furniture of neither."""
    db_path = tmp_path / "news.db"
    for name, numbers in (("east", (0, 1)), ("west", (2, 3))):
        (tmp_path / name).mkdir()
        for number in numbers:
            write_story(tmp_path / name, number)
    output = invoke("convert", db_path, tmp_path / "east", tmp_path / "west", "--silent", "--workers", "1")
    # the plea reads as a sentence: only repetition could make it furniture (the dumps' scorer
    # takes the masthead and tagline out by their form, whatever the counts)
    assert ("paragraph", FURNITURE[2]) in blocks(db_path)
    assert ("boilerplate", FURNITURE[2]) not in blocks(db_path)
    assert "became furniture" not in output


def test_copies_of_one_story_keep_their_body(tmp_path):
    """Four copies of one page: its lines stand in four articles, but they are its body."""
    folder = tmp_path / "ledger"
    folder.mkdir()
    write_story(folder, 0)
    for copy in range(1, 4):
        (folder / f"copy{copy}.txt").write_text((folder / "story0.txt").read_text(encoding="utf-8"), encoding="utf-8")
    db_path = tmp_path / "news.db"
    output = invoke("convert", db_path, folder, "--silent", "--workers", "1")
    assert ("paragraph", FURNITURE[2]) in blocks(db_path)
    assert ("boilerplate", FURNITURE[2]) not in blocks(db_path)
    assert "became furniture" not in output


def test_thresholds():
    assert repetition.normalise("  Updated 9:22 PM “Today” ") == 'updated 0:00 pm "today"'
    assert not repetition.reads_as_sentence("harbour ledger insider")
    assert repetition.reads_as_sentence("keep the lamp lit for local reporting.")
    assert not repetition.reads_as_sentence("read more.")
    # a short line: 3 articles, or 2% of the group
    assert not repetition.is_repeated(2, 10, False)
    assert repetition.is_repeated(3, 10, False)
    assert not repetition.is_repeated(3, 1000, False)
    assert repetition.is_repeated(20, 1000, False)
    # a sentence: 4 articles, or 10% of the group
    assert not repetition.is_repeated(3, 10, True)
    assert repetition.is_repeated(4, 10, True)
    assert not repetition.is_repeated(99, 1000, True)
    assert repetition.is_repeated(100, 1000, True)
    assert repetition.group_name("a/b.txt", "CNN", "https://www.example.org/x") == "site:example.org"
    assert repetition.group_name("a/b.txt", "CNN", None) == "outlet:CNN"
    assert repetition.group_name("a/b.txt", None, None) == "folder:a"


def test_refine_explains_what_it_needs(tmp_path):
    empty = tmp_path / "other.db"
    sqlite_utils.Database(empty)["t"].insert({"a": 1})
    result = CliRunner().invoke(cli, ["refine", str(empty)])
    assert result.exit_code == 1
    assert "not a database `newsfacts convert` made" in result.output


def test_a_quote_in_furniture_goes_with_it_and_comes_back(tmp_path):
    """A plea quoting its editor on every page: the quote and its speaker go, and return when
    the evidence no longer holds."""
    folder = tmp_path / "ledger"
    folder.mkdir()
    plea = "“Local news keeps the bay together,” said Edda Stroem, the editor."
    for number in range(4):
        write_story(folder, number)
        path = folder / f"story{number}.txt"
        # a story of a more usual length: the plea is not most of its prose
        more = f"The council will hear more on {STORIES[number][0].lower()} at its meeting, and residents may write in until then."
        path.write_text(path.read_text(encoding="utf-8") + more + "\n" + plea + "\n", encoding="utf-8")
    db_path = tmp_path / "news.db"
    invoke("convert", db_path, folder, "--silent", "--workers", "1")
    db = sqlite_utils.Database(db_path)
    assert db.execute("select count(*) from quotes where speaker = 'Edda Stroem'").fetchone() == (0,)
    assert db.execute("select name, articles, quotes from speakers order by name").fetchall() == [("the harbour master", 2, 2)]
    assert db.execute("select count(*) from quotes_fts where quotes_fts match 'bay together'").fetchone() == (0,)
    for number in (1, 2, 3):
        path = folder / f"story{number}.txt"
        path.write_text(path.read_text(encoding="utf-8").replace(plea + "\n", ""), encoding="utf-8")
    invoke("convert", db_path, folder, "--silent", "--workers", "1")
    # a speaker put back comes back with its kind
    assert db.execute("select name, kind, articles, quotes from speakers order by name").fetchall() == [
        ("Edda Stroem", speaker_kind("Edda Stroem"), 1, 1), ("the harbour master", speaker_kind("the harbour master"), 2, 2)
    ]
    assert db.execute("select count(*) from quotes_fts where quotes_fts match 'bay together'").fetchone() == (1,)
    assert db.execute("select quotes, paragraphs, boilerplate from articles where source like '%story0.txt'").fetchone() == (2, 5, 3)


def test_pages_of_one_site_are_one_group_whatever_their_folder(tmp_path):
    """HTML pages name their address: three pages of one site, on three of its hosts and in three
    folders, share evidence."""
    db_path = tmp_path / "news.db"
    folders = []
    for number in range(3):
        title, first, second = STORIES[number]
        folder = tmp_path / f"day{number}"
        folder.mkdir()
        folders.append(folder)
        (folder / "page.html").write_text(
            f'<html><head><title>{title}</title>'
            f'<link rel="canonical" href="https://{("www.", "edition.", "")[number]}harbourledger.example/news/{number}"></head><body><article>'
            f"<h1>{title}</h1><p>{FURNITURE[0]}</p><p>{first}</p><p>{second}</p></article></body></html>",
            encoding="utf-8",
        )
    invoke("convert", db_path, folders[0], "--silent", "--workers", "1")
    db = sqlite_utils.Database(db_path)
    assert db.execute("select kind from blocks where text = ?", [FURNITURE[0]]).fetchall() == [("paragraph",)]
    invoke("convert", db_path, *folders, "--silent", "--workers", "1")
    assert db.execute("select name, articles from line_groups").fetchall() == [("site:harbourledger.example", 3)]
    assert db.execute("select kind, count(*) from blocks where text = ? group by kind", [FURNITURE[0]]).fetchall() == [("boilerplate", 3)]
    assert db.execute("select count(*) from paragraphs where text = ?", [STORIES[0][1]]).fetchone() == (1,)


def test_records_gone_from_a_corpus_come_off_the_counts(tmp_path):
    import json

    corpus = tmp_path / "ledger.jsonl"

    def write(numbers):
        records = []
        for number in numbers:
            title, first, second = STORIES[number]
            text = "\n".join([title, FURNITURE[0], FURNITURE[1], first, FURNITURE[2], second])
            records.append(json.dumps({"id": str(number), "title": title, "text": text}))
        corpus.write_text("\n".join(records) + "\n", encoding="utf-8")

    db_path = tmp_path / "news.db"
    write(range(3))
    invoke("convert", db_path, corpus, "--silent", "--workers", "1")
    db = sqlite_utils.Database(db_path)
    assert db.execute("select kind from blocks where text = ?", [FURNITURE[0]]).fetchall() == [("boilerplate",)] * 3
    write(range(2))  # a record is gone: the masthead stands in two articles now
    output = invoke("convert", db_path, corpus, "--silent", "--workers", "1")
    assert db.execute("select kind from blocks where text = ?", [FURNITURE[0]]).fetchall() == [("paragraph",)] * 2
    assert db.execute("select articles from line_groups").fetchall() == [(2,)]
    assert db.execute("select articles from line_counts where text = 'harbour ledger insider'").fetchall() == [(2,)]
    assert db.execute("select count(*) from article_lines").fetchone() == (2,)


def test_refine_waits_for_a_convert_writing_to_the_same_database(tmp_path, monkeypatch):
    from datasette_newsfacts import opening

    folder, db_path = converted_ledger(tmp_path, 3)
    monkeypatch.setattr(opening, "BUSY_TIMEOUT_SECONDS", 0.2)
    held = opening.open_database(str(db_path))  # as a convert running in another process holds it
    try:
        result = CliRunner().invoke(cli, ["refine", str(db_path)])
    finally:
        opening.close_database(held)
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: another newsfacts convert is writing to {db_path} (waited 0.2 s); let it finish, then run this command again"
    )
    assert invoke("refine", db_path).startswith("Lines repeated across articles:")
