"""Segmentation of whole dumps: block kinds in order, sections, highlights, headings,
the lossless property, and the variants of a dump that must not change the result."""


from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FORMS, facts_from_article
from datasette_newsfacts.bylines import read_byline
from datasette_newsfacts.segment import segment
from datasette_newsfacts.text import clean, split_lines

P, C, V, H, D, B = "paragraph", "caption", "video", "heading", "dateline", "boilerplate"

KINDS = {
    "captions.txt": [P, C, P, C, P, C, P, C, P, C, P, C, P, C, C, C, P],
    "videos.txt": [C, V, P, P, V, C, B, V, P],
    "broken_links.txt": [P, P, P, "heading", P],
    "highlights.txt": [B, "highlight", "highlight", "highlight", D, P, P],
    "highlights_marked.txt": [B, "highlight", "highlight", P, P],
    "dateline_split.txt": [D, P, P],
    "dateline_inline_cnn.txt": [P, P],
    "dateline_inline_ap.txt": [P, P],
    "dateline_inline_reuters.txt": [P, P],
    "headings.txt": [P, P, H, P, P, H, P],
    "contributors.txt": [P, P, "contributor", "contributor"],
    "furniture.txt": [B, B, B, B, B, B, B, P, B, C, B, B, P, B, C, B, P, B],
    "descriptions.txt": [P, C, P, P, C, P, P],
    "gallery.txt": [C, C, C, C, C, P, P, P],
    # a long caption between two captions is one; reported or past-tense prose between them is not
    "gallery_long_captions.txt": [C, C, C, C, P, C, P, C, P, P],
    "picture_labels.txt": [P, C, P, C, P, C, P],
    "video_title_below.txt": [P, B, V, P],
    "video_player_thumbnails.txt": [P, B, C, V, P, B, C, V, P],
    "headings_styled.txt": [P, H, P, H, P, H, P, P, P],
    # topic tags after the story's last sentence: furniture, not paragraphs
    "trailing_tags.txt": [P, P, B, B, B, B],
    # links to other stories under `Related`, and a headline over `Read more`; a heading stays one
    "related_links.txt": [P, B, B, B, P, B, B, P, H, P],
    # credits that name no known agency: a label (`Photograph by`, `Image:`, `Credit:`) or brackets
    "labelled_credits.txt": [P, C, P, C, P, C, C, C, P, C, C, P, P],
    # byline lines are furniture; prose that opens with "By" stays prose
    # (a credit under a byline is a picture's with no caption; an outlet under a byline is the byline's)
    "bylines.txt": ["title", B, C, P, P, B, P, B],  # the headline at the top is the title
    # the summary above the byline is a highlight (the headline above one stays a heading)
    "standfirst.txt": ["highlight", B, P, P],
    # a name alone over the date is a byline; a name over prose is a heading
    "bare_byline.txt": ["highlight", B, B, P, H, P],
    # what pages print around a story: a date alone, recommended links, where it first ran, a
    # study's reference, tags (under a label or between slashes), the legal line
    "page_notes.txt": [P, B, P, B, B, B, P, B, B, B, B, B, B, B],
}


def read(name: str) -> str:
    return (FORMS / name).read_text(encoding="utf-8")


def test_every_fixture_is_listed():
    assert sorted(KINDS) == sorted(path.name for path in FORMS.glob("*.txt"))


@pytest.mark.parametrize("name", sorted(KINDS))
def test_block_kinds(name):
    article = segment(read(name), name)
    assert [block.kind for block in article.blocks] == KINDS[name]
    assert [block.position for block in article.blocks] == list(range(len(KINDS[name])))


def test_highlights():
    facts = facts_from_article(segment(read("highlights.txt"), "highlights.txt"))
    assert facts["highlights"] == [
        "The river reached its highest level in forty years",
        "Two bridges were closed as a precaution",
        "Farmers downstream are moving livestock to higher ground",
    ]
    assert facts["paragraphs"] == [
        {"text": "The river Senn burst its banks on Sunday after a week of heavy rain.", "section": None},
        {"text": "Emergency crews worked through the night to reinforce the levees.", "section": None},
    ]


def test_marked_highlights_lose_their_bullet():
    facts = facts_from_article(segment(read("highlights_marked.txt"), "highlights_marked.txt"))
    assert facts["highlights"] == [
        "Voters in Arden backed a new charter by a wide margin.",
        "Turnout was lower than in the last two votes",
    ]
    assert facts["paragraphs"] == [
        {"text": "Voters in the northern province of Arden approved a new charter on Sunday.", "section": None},
        {"text": "“This is a new start,” the provincial governor told supporters.", "section": None},
    ]


def test_headings_and_sections():
    facts = facts_from_article(segment(read("headings.txt"), "headings.txt"))
    assert facts["headings"] == ["A new home for old maps", "What comes next?"]
    assert facts["paragraphs"] == [
        {"text": "The city library will reopen next month after a two-year renovation.", "section": None},
        {"text": "The building now has a rooftop reading room and a new children's wing.", "section": None},
        {"text": "The map collection, which had been kept in a basement, moved to the third floor.",
         "section": "A new home for old maps"},
        {"text": "Curators spent six months cataloguing the collection before the move.",
         "section": "A new home for old maps"},
        {"text": "The library plans to extend its opening hours in the autumn.", "section": "What comes next?"},
    ]


def test_styled_headings():
    facts = facts_from_article(segment(read("headings_styled.txt"), "headings_styled.txt"))
    # An ellipsis or a closing quote does not end a sentence; a quoted question does.
    assert facts["headings"] == ["Trains, buses ...", "... and ferries", "A line ‘built to last’"]
    assert [(p["text"], p["section"]) for p in facts["paragraphs"]] == [
        ("The coastal railway reopened on Monday after a year of repairs.", None),
        ("Services run every hour between Port Alden and Kestrel Bay.", "Trains, buses ..."),
        ("The ferry timetable has been extended to match the trains.", "... and ferries"),
        ("Engineers said the new track would need little work for decades.", "A line ‘built to last’"),
        ("After the first train left, a conductor asked a passenger: “Ready?”", "A line ‘built to last’"),
        ("The passenger said yes.", "A line ‘built to last’"),
    ]


def test_a_gallery_of_captions():
    facts = facts_from_article(segment(read("gallery.txt"), "gallery.txt"))
    # Among captions, a one-sentence scene on a date is a caption even when its verb is unknown;
    # reported prose (`said`, the simple past) stays a paragraph.
    assert [c["text"] for c in facts["captions"]] == [
        "Crews clear snow from the runway at Orun Airport on Monday, January 8.",
        "A baggage handler signals a plane out of the gate at Orun Airport on Monday, January 8.",
        "Buses pick up stranded passengers outside the terminal on January 8.",
        "A fallen sign is removed from the car park at Orun Airport on January 8.",
        "Travellers wait for news of their flights at Orun Airport on Tuesday, January 9.",
    ]
    assert [p["text"] for p in facts["paragraphs"]] == [
        "Snow closed the airport for most of Monday, the operator said.",
        "Flights resumed on Tuesday afternoon.",
        "Passengers filled the terminal on Tuesday, January 9, as flights resumed.",
    ]


def test_picture_labels_with_their_caption_line():
    facts = facts_from_article(segment(read("picture_labels.txt"), "picture_labels.txt"))
    assert [(c["text"], c["credit"], c["photographer"], c["agency"], c["distributor"]) for c in facts["captions"]] == [
        ("Mira Holt\nMira Holt led the volunteers for six years",
         "(picture-alliance/dpa/J. Berger)", "J. Berger", "dpa", "picture-alliance"),
        ("Millstones in the restored grinding room\nThe millstones were carved from local sandstone",
         None, None, None, None),
        ("A drawing of the mill from the town archive\nThe drawing dates from the early nineteenth century",
         "(imago/UIG)", None, "UIG", "imago"),
    ]
    assert facts["headings"] == []
    assert [p["text"] for p in facts["paragraphs"]] == [
        "The old mill on the Senn has been restored by a group of volunteers.",
        "The mill had stood empty since the 1970s, when the last miller retired.",
        "Volunteers rebuilt the wheel using drawings found in the town archive.",
        "The mill will open to visitors in the summer.",
    ]


def test_a_list_of_titles_is_no_caption_pair():
    text = (
        "The mill will open to visitors in the summer.\n"
        "Mills of the Senn valley\nThe last miller of Valdora\nA guide to the river walks\n"
        "Tickets go on sale in May.\n"
    )
    article = segment(text, "x.txt")
    assert [b.kind for b in article.blocks] == [P, P, P, H, P]
    assert article.captions == []


def test_credit_less_captions_told_from_paragraphs_by_form():
    facts = facts_from_article(segment(read("descriptions.txt"), "descriptions.txt"))
    assert [c["text"] for c in facts["captions"]] == [
        "Shepherds drive their flocks across the Senn bridge near Valdora on Saturday.",
        "A ranger walks along the edge of the reservoir at Lake Orun on Thursday.",
    ]
    assert all(c["credit"] is None for c in facts["captions"])
    assert [p["text"] for p in facts["paragraphs"]] == [
        "The drought in the north of Valdoria entered its third month on Monday.",
        "Shepherds drove their flocks south in search of water, the farmers' union said.",
        "The reservoir at Lake Orun is at a quarter of its usual level.",
        "Engineers plan to open a second pipeline in the spring.",
        "The government said it would pay farmers for lost livestock.",
    ]


def test_empty_and_blank_dumps_have_no_blocks():
    assert segment("", "x").blocks == []
    assert segment("\n \t\n\u00a0\n\ufeff\n", "x").blocks == []


# --- the lossless property: blocks, read in order, give back every non-blank input line ---


def non_blank_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if clean(line)]


def block_lines(text: str) -> list[str]:
    return [line for block in segment(text, "x").blocks for line in block.text.split("\n")]


@pytest.mark.parametrize("name", sorted(KINDS))
def test_lossless_on_fixtures(name):
    text = read(name)
    assert block_lines(text) == non_blank_lines(text)


def test_lossless_on_the_seed(seed_path):
    text = seed_path.read_text(encoding="utf-8")
    assert block_lines(text) == non_blank_lines(text)
    assert len(non_blank_lines(text)) == 41


# Lines drawn from every fixture and the forms recognisers look for, shuffled into new pages.
_FIXTURE_LINES = sorted({line.text for path in FORMS.glob("*.txt") for line in split_lines(path.read_text("utf-8"))})
_LINE = st.one_of(
    st.sampled_from(_FIXTURE_LINES),
    st.sampled_from(["", "  ", "\t", "\u00a0", "—", "CNN", "- Source:", "05:22", "Story highlights", "1 of 3"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINE, max_size=25), st.sampled_from(["\n", "\r\n", "\r"]))
def test_lossless_on_any_page(lines, newline):
    text = newline.join(lines)
    assert block_lines(text) == non_blank_lines(text)


# --- variants of a dump that must not change what is found ---


def _variants(text: str) -> dict[str, str]:
    lines = [line for line in text.splitlines() if line.strip()]
    return {
        "no blank lines": "\n".join(lines),
        "blank lines between all": "\n\n".join(lines) + "\n",
        "CRLF": text.replace("\n", "\r\n"),
        "BOM": "\ufeff" + text,
        "non-breaking spaces": text.replace(", ", ",\u00a0").replace(". ", ".\u00a0 "),
        "blank lines of spaces and tabs": "\n \t \n".join(lines),
    }


@pytest.mark.parametrize("name", sorted(KINDS))
def test_variants_do_not_change_the_result(name):
    text = read(name)
    expected = facts_from_article(segment(text, name))
    for variant, changed in _variants(text).items():
        article = segment(changed, name)
        assert [b.kind for b in article.blocks] == KINDS[name], variant
        assert facts_from_article(article) == expected, variant


def test_seed_variants_do_not_change_the_result(seed_path, seed_gold):
    text = seed_path.read_text(encoding="utf-8")
    for variant, changed in _variants(text).items():
        facts = facts_from_article(segment(changed, seed_path.name))
        assert facts == seed_gold, variant


def test_sentences_broken_by_inline_links_are_joined_back():
    from datasette_newsfacts.segment import segment

    text = (Path(__file__).parents[1] / "fixtures" / "forms" / "broken_links.txt").read_text(encoding="utf-8")
    article = segment(text, "broken_links.txt")
    assert [(p.text, p.section) for p in article.paragraphs] == [
        ("The court heard the case on Monday.", None),
        ("The dissent, written by Justice Samuel Alito, is the tip of the spear in the debate over federal power.", None),
        ("Lawmakers from both parties said the ruling would stand.", None),
        ("The hearing went on for three hours.", "A second heading"),
    ]
    assert [b.kind for b in article.blocks] == ["paragraph", "paragraph", "paragraph", "heading", "paragraph"]
    assert article.blocks[1].text == "The dissent, written by\nJustice\nSamuel Alito\n, is the tip of the spear in\nthe debate over federal power."


def test_the_first_byline_line_fills_the_articles_byline():
    assert segment(read("bylines.txt"), "bylines.txt").byline == "Mara Quill and Tobias Fenn"


@pytest.mark.parametrize(
    "line, names",
    [
        ("By Mara Quill", "Mara Quill"),
        ("by Ada Lind , Harbour.org", "Ada Lind"),
        ("By Ana Ruiz, CNN", "Ana Ruiz"),
        ("By Jo Marsh, Ana Ruiz and Lee Park", "Jo Marsh, Ana Ruiz and Lee Park"),
        ("By Lee Park @leepark Jul 3, 2019, 4:22am EDT", "Lee Park"),
        ("by Ada Lind August 21, 2019", "Ada Lind"),
        ("By The Harbour Press - January 17, 2020", "The Harbour Press"),
        ("-- By Tom Reyes Follow @tomreyes", "Tom Reyes"),
        ("Written by: Jo Marsh", "Jo Marsh"),
        ("By Monday, the river had fallen.", None),
        ("By Tuesday the water had gone", None),
        ("By 2030 the city will need two more bridges.", None),
        ("Bystanders watched from the quay.", None),
    ],
)
def test_read_byline(line, names):
    assert read_byline(line) == names


def test_a_credit_with_no_caption_above_is_a_caption_of_its_own():
    article = segment(read("bylines.txt"), "bylines.txt")
    [caption] = article.captions
    assert (caption.text, caption.credit.photographer, caption.credit.agency) == ("", "Jo Marsh", "The Harbour Post")
    assert article.blocks[-1].text == "By Ana Ruiz\nCNN"


def test_alt_text_that_repeats_a_caption_cut_short_is_furniture():
    article = segment(
        "The mill at Arden stands in floodwater beside the old weir on Monday ...\n"
        "The mill at Arden stands in floodwater beside the old weir on Monday morning.\n"
        "Photograph by Jo Marsh, Senn Valley Trust\n"
        "The river rose another metre overnight, officials said.\n",
        "alt.txt",
    )
    assert [b.kind for b in article.blocks] == [B, C, P]
    assert article.captions[0].text == "The mill at Arden stands in floodwater beside the old weir on Monday morning."


def test_a_credit_line_over_furniture_is_no_bare_byline_and_a_standfirst_needs_no_story_above():
    article = segment(
        "The council voted on Monday to close the northern pier for a year of repairs.\n"
        "The repairs still need the approval of the harbour board, which meets again next month.\n"
        "Camille Greco/AFP/Getty Images\n"
        "8 minute read\n"
        "Work will begin in the spring, the council said.\n",
        "credit.txt",
    )
    assert "highlight" not in [b.kind for b in article.blocks]
    assert article.byline is None


def test_two_titles_are_one_caption_only_between_paragraphs():
    """A label and its caption line stand between paragraphs; a headline and the line under it
    at the top of the page are two blocks, not one picture's caption."""
    text = "\n".join([
        "Quarry reopens after ten years",
        "Valley Courier Weekend",
        "The quarry above Senn reopened on Monday after a decade of disputes over dust and traffic.",
        "Owners said forty people would work there by the spring.",
        "Lorry drivers at the gate",
        "The first lorries left the gate at six in the morning",
        "Residents plan to watch the dust levels through the summer.",
    ])
    article = segment(text, "quarry.txt")
    assert [(block.kind, block.text) for block in article.blocks] == [
        ("title", "Quarry reopens after ten years"),
        ("heading", "Valley Courier Weekend"),
        ("paragraph", "The quarry above Senn reopened on Monday after a decade of disputes over dust and traffic."),
        ("paragraph", "Owners said forty people would work there by the spring."),
        ("caption", "Lorry drivers at the gate\nThe first lorries left the gate at six in the morning"),
        ("paragraph", "Residents plan to watch the dust levels through the summer."),
    ]
