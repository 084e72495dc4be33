"""Datelines: on a line of their own, over several lines, or opening the first paragraph."""

import pytest

from conftest import FORMS, facts_from_article
from datasette_newsfacts import datelines
from datasette_newsfacts.segment import segment
from datasette_newsfacts.text import clean


@pytest.mark.parametrize(
    "line, place, outlet",
    [
        ("Seoul CNN \u00a0—\u00a0", "Seoul", "CNN"),
        ("Valdora CNN  — ", "Valdora", "CNN"),
        ("Hong Kong (CNN) —", "Hong Kong", "CNN"),
        ("CNN —", None, "CNN"),
    ],
)
def test_own_line(line, place, outlet):
    match = datelines.OWN_LINE.match(clean(line))
    assert (match["place"], match["outlet"]) == (place, outlet)


@pytest.mark.parametrize(
    "line",
    ["The river Senn burst its banks on Sunday.", "Intelligence sharing", "Story highlights"],
)
def test_not_an_own_line_dateline(line):
    assert datelines.OWN_LINE.match(line) is None


@pytest.mark.parametrize(
    "line, place, outlet, rest",
    [
        ("WASHINGTON (CNN) -- A committee voted.", "WASHINGTON", "CNN", "A committee voted."),
        ("MEXICO CITY (AP) — Thousands rode.", "MEXICO CITY", "AP", "Thousands rode."),
        ("LONDON (Reuters) - The price of copper rose.", "LONDON", "Reuters", "The price of copper rose."),
        ("Hong Kong (CNN) — The city said.", "Hong Kong", "CNN", "The city said."),
        ("ARDEN, Valdoria (Reuters) - Voters went.", "ARDEN, Valdoria", "Reuters", "Voters went."),
        ("LONDON (Reuters) - “We are ready,” he said.", "LONDON", "Reuters", "“We are ready,” he said."),
        ("SEOUL, Aug. 20 (Yonhap) -- North Korea said.", "SEOUL", "Yonhap", "North Korea said."),
        ("(CNN) -- The storm passed.", None, "CNN", "The storm passed."),
        ("SÃO PAULO (Reuters) - Érica Lima won.", "SÃO PAULO", "Reuters", "Érica Lima won."),
    ],
)
def test_inline(line, place, outlet, rest):
    match = datelines.INLINE.match(line)
    assert (match["place"], match["outlet"], match["rest"]) == (place, outlet, rest)


@pytest.mark.parametrize(
    "line",
    [
        "Apple (AAPL) - shares rose on Monday.",  # the story starts as a sentence does
        "The council (which met on Monday) - agreed.",
        "Japan and South Korea have agreed to share intelligence.",
    ],
)
def test_not_an_inline_dateline(line):
    assert datelines.INLINE.match(line) is None


@pytest.mark.parametrize(
    "place, tidy",
    [
        ("WASHINGTON", "Washington"),
        ("MEXICO CITY", "Mexico City"),
        ("WASHINGTON, DC", "Washington, DC"),
        ("SEOUL, SOUTH KOREA", "Seoul, South Korea"),
        ("ARDEN, Valdoria", "Arden, Valdoria"),
        ("Kestrel Bay", "Kestrel Bay"),
        ("McAllen", "McAllen"),
        (None, None),
        ("", None),
    ],
)
def test_tidy_place(place, tidy):
    assert datelines.tidy_place(place) == tidy


@pytest.mark.parametrize(
    "fixture, dateline, first_paragraph",
    [
        ("highlights.txt", {"place": "Valdora", "outlet": "CNN"},
         "The river Senn burst its banks on Sunday after a week of heavy rain."),
        ("dateline_split.txt", {"place": "Kestrel Bay", "outlet": "CNN"},
         "Fishing boats stayed in port on Friday as a storm moved along the coast."),
        ("dateline_inline_cnn.txt", {"place": "Washington", "outlet": "CNN"},
         "A committee of the House voted on Thursday to extend the study of rail safety."),
        ("dateline_inline_ap.txt", {"place": "Mexico City", "outlet": "AP"},
         "Thousands of cyclists rode through the capital on Sunday to mark the opening of a new lane."),
        ("dateline_inline_reuters.txt", {"place": "London", "outlet": "Reuters"},
         "The price of copper rose for a third day on Tuesday."),
        ("highlights_marked.txt", {"place": "Arden, Valdoria", "outlet": "Reuters"},
         "Voters in the northern province of Arden approved a new charter on Sunday."),
        ("headings.txt", None, "The city library will reopen next month after a two-year renovation."),
    ],
)
def test_dateline_in_a_dump(fixture, dateline, first_paragraph):
    article = segment((FORMS / fixture).read_text(encoding="utf-8"), fixture)
    facts = facts_from_article(article)
    assert facts["dateline"] == dateline
    # An inline dateline leaves the rest of its paragraph as the story's first paragraph.
    assert facts["paragraphs"][0] == {"text": first_paragraph, "section": None}


def test_a_promo_line_may_precede_the_dateline():
    text = "Are you in Valdora? Share your pictures with us.\n(CNN) -- The storm passed on Monday.\n"
    article = segment(text, "x.txt")
    facts = facts_from_article(article)
    assert facts["dateline"] == {"place": None, "outlet": "CNN"}
    assert [p["text"] for p in facts["paragraphs"]] == ["The storm passed on Monday."]
    # the promo asks the reader to send pictures in: page furniture
    assert [(b.kind, b.text) for b in article.blocks][0] == ("boilerplate", "Are you in Valdora? Share your pictures with us.")


def test_a_dateline_deep_in_the_story_is_a_quotation_not_the_dateline():
    text = "The vote was held.\nIt passed.\nThe mayor spoke.\nLONDON (Reuters) - A story quoted here.\n"
    facts = facts_from_article(segment(text, "x.txt"))
    assert facts["dateline"] is None
    assert facts["paragraphs"][3]["text"] == "LONDON (Reuters) - A story quoted here."
