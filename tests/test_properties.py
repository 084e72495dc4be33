"""Properties that hold for any text: segmentation never raises and loses no line."""

from hypothesis import given, settings
from hypothesis import strategies as st

from datasette_newsfacts.attribution import attribute
from datasette_newsfacts.segment import segment
from datasette_newsfacts.text import clean, split_lines

# Lines built from the pieces dumps are made of, so the recognisers are really exercised.
PIECES = [
    "Story highlights", "Seoul CNN  — ", "CNN", "—", "WASHINGTON (CNN) -- The talks went on.",
    "02:42 - Source: CNN", "05:22", "- Source:", "Video Ad Feedback", "Ad Feedback", "1 of 12",
    "AFP PHOTO/NICHOLAS KAMM (Photo credit should read NICHOLAS KAMM/AFP/Getty Images)",
    "Erin Schaff/Pool/Getty Images", "(AP Photo/Evan Vucci)", "Protesters hold a rally Wednesday in Seoul.",
    "“We will win,” he said.", "“Unclosed quote", "”", "\"", "said Jo Park, a spokeswoman, in a statement.",
    "CNN’s Jo Park and Al Kim contributed to this report.", "Intelligence sharing", "Justice", "is the tip.",
    "", "   ", "\t", "\u00a0", "\ufeff", "\r",
]
line = st.one_of(st.sampled_from(PIECES), st.text(max_size=80))
dump = st.lists(line, max_size=40).map("\n".join)


@settings(max_examples=400, deadline=None)
@given(dump)
def test_segmentation_never_raises_and_blocks_give_back_every_line(text):
    article = segment(text, "any.txt")
    given_back = [raw for block in article.blocks for raw in block.text.split("\n")]
    assert given_back == [line.raw for line in split_lines(text)]
    assert all(clean(raw) for raw in given_back)
    positions = [block.position for block in article.blocks]
    assert positions == list(range(len(positions)))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=120)), max_size=12))
def test_quote_finding_never_raises_and_offsets_hold(paragraphs):
    for quote in attribute(paragraphs):
        assert paragraphs[quote.paragraph][quote.start : quote.end] == quote.text
        assert quote.kind in ("full", "partial")
