"""The headline at the top of a dump: found by form, stored as the title, not a body paragraph."""

from __future__ import annotations

import json

import pytest
import sqlite_utils

from datasette_newsfacts.headlines import as_title, is_headline
from datasette_newsfacts.segment import segment

LEDE = "The ferry across the Senn ran again on Monday, three weeks after the flood closed the crossing, officials said."
STORY = [LEDE, "The river fell by two metres overnight, and the pier was mended by Sunday evening."]


def test_a_dump_with_a_headline_stores_it_as_the_title(tmp_path, run_cli):
    dump = tmp_path / "ferry.txt"
    dump.write_text("Senn ferry runs again after the flood\n\n" + "\n\n".join(STORY) + "\n", encoding="utf-8")
    assert run_cli("convert", tmp_path / "news.db", dump, "--silent").exit_code == 0
    db = sqlite_utils.Database(tmp_path / "news.db")
    assert list(db.query("select title, outlet, published, url, byline, paragraphs, blocks from articles")) == [{
        "title": "Senn ferry runs again after the flood", "outlet": None, "published": None, "url": None,
        "byline": None, "paragraphs": 2, "blocks": 3,
    }]
    assert [row["text"] for row in db.query("select text from paragraphs order by position")] == STORY
    # the headline stays in blocks, so the blocks still give back every line of the dump
    assert list(db.query("select position, kind, text from blocks where position = 0")) == [
        {"position": 0, "kind": "title", "text": "Senn ferry runs again after the flood"}
    ]


def test_a_sidecar_title_beats_the_headline_found_in_the_text(tmp_path, run_cli):
    dump = tmp_path / "ferry.txt"
    dump.write_text("Senn ferry runs again after the flood\n\n" + "\n\n".join(STORY) + "\n", encoding="utf-8")
    (tmp_path / "ferry.meta.json").write_text(json.dumps({"title": "Ferry back on the Senn"}), encoding="utf-8")
    assert run_cli("convert", tmp_path / "news.db", tmp_path, "--silent").exit_code == 0
    db = sqlite_utils.Database(tmp_path / "news.db")
    assert list(db.query("select title, paragraphs from articles")) == [{"title": "Ferry back on the Senn", "paragraphs": 2}]


@pytest.mark.parametrize(
    "first",
    [
        "Senn ferry runs again after the flood",  # no full stop
        "Ferry Runs Again as the Senn Falls Back.",  # title case, full stop and all
        "Ferry back on the Senn as river falls.",  # one short sentence, present tense, over the lede
        "‘We are back’: Senn ferry returns",
    ],
)
def test_headline_forms(first):
    assert is_headline(first, STORY)
    article = segment(first + "\n\n" + "\n\n".join(STORY), "ferry.txt")
    assert article.title == as_title(first)
    assert [p.text for p in article.paragraphs] == STORY


@pytest.mark.parametrize(
    "first, below",
    [
        (LEDE, STORY[1:]),  # the story's first sentence
        ("The council voted to reopen the ferry.", STORY),  # a short lede: it tells of the past
        ("Motherboard", STORY),  # a section label: too short
        ("WASHINGTON (AP) -- The ferry ran again", STORY),  # the dateline opens the story
        ("Senn ferry runs again", ["Photo by Jo Marsh / The Harbour Post", *STORY]),  # a picture's label
        ("Ferry crews mend the pier on Sunday, March 3", STORY),  # a dated scene: a caption
        ("Senn ferry runs again after the flood", []),  # nothing below it
        ("ferry runs again after the flood", STORY),  # no capital
    ],
)
def test_not_headlines(first, below):
    assert not is_headline(first, below)


def test_the_seed_opens_with_a_caption_not_a_headline(seed_path):
    article = segment(seed_path.read_text(encoding="utf-8"), seed_path.name)
    assert article.title is None and article.blocks[0].kind == "caption"


def test_a_pictures_label_at_the_top_is_not_the_headline():
    # a picture's label over its caption and credit at the top is the picture's, not the story's
    article = segment(
        "Senn ferry at the pier\nCrews mend the pier at Arden.\nPhotograph by Jo Marsh, Senn Valley Trust\n\n" + LEDE,
        "ferry.txt",
    )
    assert article.title is None
    assert [block.kind for block in article.blocks][:1] != ["title"]


def test_as_title():
    assert as_title("Ferry back on the Senn.") == "Ferry back on the Senn"
    assert as_title("Ferry ‘back on the Senn.’") == "Ferry ‘back on the Senn’"
    assert as_title("Ferry back in the U.S.") == "Ferry back in the U.S."
