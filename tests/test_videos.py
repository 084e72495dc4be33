"""Video promos: duration lines, durations in seconds, thumbnails linked to their video."""

import pytest

from conftest import FORMS, facts_from_article
from datasette_newsfacts import videos
from datasette_newsfacts.segment import segment


@pytest.mark.parametrize(
    "line, duration, source",
    [
        ("02:42 - Source: CNN", "02:42", "CNN"),
        ("00:48 - Source: CNN", "00:48", "CNN"),
        ("1:02:03 - Source: C-SPAN", "1:02:03", "C-SPAN"),
        ("3:05 – Source: Reuters", "3:05", "Reuters"),
        ("12:00 — Source:  CNN Business ", "12:00", "CNN Business"),
    ],
)
def test_duration_line(line, duration, source):
    match = videos.DURATION_LINE.match(line)
    assert (match["duration"], match["source"]) == (duration, source)


@pytest.mark.parametrize("line", ["02:42", "Source: CNN", "The meeting ran from 9:30 to 11:00 - Source: minutes", "2:42 pm"])
def test_not_a_duration_line(line):
    assert videos.DURATION_LINE.match(line) is None


@pytest.mark.parametrize(
    "duration, seconds",
    [("02:42", 162), ("00:48", 48), ("5:22", 322), ("1:02:03", 3723), ("10:00:00", 36000)],
)
def test_duration_seconds(duration, seconds):
    assert videos.duration_seconds(duration) == seconds


def test_split_duration_lines():
    assert videos.DURATION_ONLY.match("05:22")["duration"] == "05:22"
    assert videos.SOURCE_LABEL.match("- Source:")["source"] == ""
    assert videos.SOURCE_LABEL.match("- Source: CNN")["source"] == "CNN"


def test_video_forms_in_a_dump():
    article = segment((FORMS / "videos.txt").read_text(encoding="utf-8"), "videos.txt")
    facts = facts_from_article(article)
    assert facts["videos"] == [
        {"title": "Why the cargo ship ran aground", "duration": "02:42", "duration_seconds": 162, "source": "CNN"},
        {"title": "The full hearing on the grounding", "duration": "1:02:03", "duration_seconds": 3723, "source": "C-SPAN"},
        {"title": "Salvage crews race against the tide", "duration": "05:22", "duration_seconds": 322, "source": "CNN"},
    ]
    # Each thumbnail caption is linked to the video under it (1-based, as in gold files);
    # the second video has no thumbnail: the line above it is a paragraph.
    assert [(c["text"], c["video"]) for c in facts["captions"]] == [
        ("Divers inspect the hull of a stranded cargo ship off the coast of Maren Island on Monday.", 1),
        ("A tug pulls a barge past the stranded ship near Maren Island on Tuesday.", 3),
    ]
    assert [p["text"] for p in facts["paragraphs"]] == [
        "The cargo ship Northern Star ran aground early on Monday, the coast guard said.",
        "Salvage crews have begun pumping fuel from its tanks.",
        "The ship's owners said they would pay for the clean-up.",
    ]
    assert [(b.kind, b.text) for b in article.blocks if b.kind in ("video", "boilerplate")] == [
        ("video", "Why the cargo ship ran aground\n02:42 - Source: CNN"),
        ("video", "The full hearing on the grounding\n1:02:03 - Source: C-SPAN"),
        ("boilerplate", "Video Ad Feedback"),
        ("video", "Salvage crews race against the tide\n05:22\n- Source:\nCNN"),
    ]


def test_a_title_under_its_duration():
    article = segment((FORMS / "video_title_below.txt").read_text(encoding="utf-8"), "video_title_below.txt")
    facts = facts_from_article(article)
    assert facts["videos"] == [
        {"title": "Inside the clock museum of Valdora", "duration": "02:17", "duration_seconds": 137, "source": None},
    ]
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("paragraph", "The museum will open a new wing for its collection of clocks next year."),
        ("boilerplate", "Watch video"),
        ("video", "02:17\nInside the clock museum of Valdora"),
        ("paragraph", "The collection includes more than four hundred clocks."),
    ]
    assert facts["captions"] == []


def test_the_line_between_the_player_and_the_title_is_the_thumbnail():
    # `Video Ad Feedback`, then the thumbnail's alt text (a file-name slug, a name), then the title
    article = segment((FORMS / "video_player_thumbnails.txt").read_text(encoding="utf-8"), "video_player_thumbnails.txt")
    facts = facts_from_article(article)
    assert [(c["text"], c["credit"], c["video"]) for c in facts["captions"]] == [
        ("04 harbour bridge closure 112023", None, 1),
        ("Mara Lindqvist", None, 2),
    ]
    assert [v["title"] for v in facts["videos"]] == [
        "Why the harbour bridge is closing",
        "'It was only a matter of time': Mara Lindqvist on the bridge",
    ]
    assert [p["text"] for p in facts["paragraphs"]] == [
        "The council voted on Tuesday to close the old harbour bridge for repairs.",
        "Repairs are expected to take two years, officials said.",
        "The ferry service will run every half hour until the bridge reopens.",
    ]
    assert facts["headings"] == []
    assert [b.text for b in article.blocks if b.kind == "boilerplate"] == ["Video Ad Feedback", "Video Ad Feedback"]


def test_a_heading_under_other_furniture_is_no_thumbnail():
    text = (
        "The storm reached the coast on Monday.\n\nAdvertisement\nThe aftermath\n"
        "Why the sea wall failed\n02:10 - Source: CNN\n\nCrews began clearing the roads on Tuesday.\n"
    )
    article = segment(text, "x.txt")
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("paragraph", "The storm reached the coast on Monday."),
        ("boilerplate", "Advertisement"),
        ("heading", "The aftermath"),
        ("video", "Why the sea wall failed\n02:10 - Source: CNN"),
        ("paragraph", "Crews began clearing the roads on Tuesday."),
    ]
    assert article.captions == []
