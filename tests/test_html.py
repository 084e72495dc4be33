"""HTML pages: exact articles from the fixture pages, JSON-LD variants, and broken markup."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datasette_newsfacts.html import parse_html
from datasette_newsfacts.model import BLOCK_KINDS, Article, Caption, Contributor, Credit, Dateline, Paragraph, TextItem, Video
from datasette_newsfacts.segment import segment
from datasette_newsfacts.text import DumpError

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "html"


def page(name: str) -> Article:
    return parse_html((PAGES / name).read_text(encoding="utf-8"), name)


def blocks(article: Article) -> list[tuple[str, str]]:
    return [(block.kind, block.text) for block in article.blocks]


def metadata(article: Article) -> dict:
    return {"title": article.title, "byline": article.byline, "published": article.published, "url": article.url}


def test_cnn_style_page():
    article = page("cnn_style.html")
    assert blocks(article) == [
        ("caption", "The lighthouse at Port Wren stands over the harbour on Sunday.\nLena Brook/Reuters"),
        ("dateline", "PORT WREN, Scotland CNN —"),
        ("paragraph", "Residents of Port Wren, a fishing town of 900 people, voted on Sunday to keep paying for the "
                      "lamp in their old lighthouse."),
        ("paragraph", "The vote ended a two-year argument over the cost of the light."),
        ("paragraph", "“We could not let it go dark,” said the harbour master, Ewan Rusk."),
        ("heading", "A light with a long history"),
        ("paragraph", "The tower was built in 1851 and has been lit every night since."),
        ("caption", "Keepers climb the stairs of the lighthouse on Saturday. (Photo by Ada Voss/AFP via Getty Images)"),
        ("video", "Inside the last lit lighthouse on the coast\n02:41 - Source: CNN"),
        ("paragraph", "Volunteers will keep the lamp clean, the council said."),
        ("boilerplate", "This story has been updated with the result of the vote."),
        ("contributor", "CNN’s Iris Dunmore contributed to this report."),
    ]
    assert article.paragraphs == [
        Paragraph(2, "Residents of Port Wren, a fishing town of 900 people, voted on Sunday to keep paying for the "
                     "lamp in their old lighthouse."),
        Paragraph(3, "The vote ended a two-year argument over the cost of the light."),
        Paragraph(4, "“We could not let it go dark,” said the harbour master, Ewan Rusk."),
        Paragraph(6, "The tower was built in 1851 and has been lit every night since.", "A light with a long history"),
        Paragraph(9, "Volunteers will keep the lamp clean, the council said.", "A light with a long history"),
    ]
    assert article.captions == [
        Caption(0, "The lighthouse at Port Wren stands over the harbour on Sunday.",
                Credit("Lena Brook/Reuters", photographer="Lena Brook", agency="Reuters")),
        Caption(7, "Keepers climb the stairs of the lighthouse on Saturday.",
                Credit("(Photo by Ada Voss/AFP via Getty Images)", photographer="Ada Voss", agency="AFP",
                       distributor="Getty Images"),
                video=0),
    ]
    assert article.videos == [Video(8, "Inside the last lit lighthouse on the coast", "02:41", 161, "CNN")]
    assert article.headings == [TextItem(5, "A light with a long history")]
    assert article.highlights == []
    assert article.dateline == Dateline(1, "Port Wren, Scotland", "CNN")
    assert article.contributors == [Contributor(11, "Iris Dunmore", "CNN")]
    # JSON-LD wins over og:title (site name), meta author and the visible byline.
    assert metadata(article) == {
        "title": "Harbour town votes to keep its lighthouse lit",
        "byline": "Mara Quill and Tobias Fenn",
        "published": "2024-03-04T09:15:00Z",
        "url": "https://www.example.com/2024/03/04/world/lighthouse-vote/index.html",
    }


def test_story_highlights_page():
    article = page("story_highlights.html")
    assert blocks(article) == [
        ("caption", "A plough clears the road near the summit on Sunday, February 10."),
        ("caption", "Drivers wait at the closed barrier in Alder Gap on February 9."),  # a hidden slide's caption
        ("boilerplate", "Winter on the pass"),  # the slideshow's title, once though the page repeats it
        ("boilerplate", "STORY HIGHLIGHTS"),
        ("highlight", "The pass has been shut since Friday"),
        ("highlight", "NEW: Crews expect to reopen it on Wednesday"),
        ("paragraph", "ALDER GAP, Colorado (Example) -- Snow closed the only road over the mountains for a third day on Monday."),
        ("paragraph", '"We have never seen drifts this deep," said a road crew chief, Dale Marsh.'),
        ("heading", "Schools stay shut"),
        ("paragraph", "Both schools in the valley will stay closed until the road opens."),
        ("boilerplate", "Five tips for driving in snow"),
        ("paragraph", "Parents said the children were happy."),
        ("paragraph", "Teachers said they would set work online."),
        ("contributor", "Example's Nico Varga and Ruth Osei contributed to this report."),
    ]
    assert article.paragraphs == [
        Paragraph(6, "Snow closed the only road over the mountains for a third day on Monday."),
        Paragraph(7, '"We have never seen drifts this deep," said a road crew chief, Dale Marsh.'),
        Paragraph(9, "Both schools in the valley will stay closed until the road opens.", "Schools stay shut"),
        Paragraph(11, "Parents said the children were happy.", "Schools stay shut"),
        Paragraph(12, "Teachers said they would set work online.", "Schools stay shut"),
    ]
    assert article.captions == [
        Caption(0, "A plough clears the road near the summit on Sunday, February 10."),
        Caption(1, "Drivers wait at the closed barrier in Alder Gap on February 9."),
    ]
    assert article.highlights == [
        TextItem(4, "The pass has been shut since Friday"),
        TextItem(5, "NEW: Crews expect to reopen it on Wednesday"),
    ]
    assert article.headings == [TextItem(8, "Schools stay shut")]
    assert article.dateline == Dateline(6, "Alder Gap, Colorado", "Example")
    assert article.contributors == [Contributor(13, "Nico Varga", "Example"), Contributor(13, "Ruth Osei", "Example")]
    assert article.videos == []
    assert metadata(article) == {
        "title": "Snow closes mountain pass for a third day",
        "byline": "Pia Lorne, Example News",
        "published": "2013-02-11T07:30:00Z",
        "url": "http://www.example.com/2013/02/11/travel/pass-closed/index.html",
    }


def test_figures_page():
    article = page("figures.html")
    assert blocks(article) == [
        ("highlight", "Boats, music and a night market fill the old quay this weekend"),
        ("caption", "Rowers race past the old quay on Friday.\nPhoto: Sam Idris/EPA"),
        ("paragraph", "The river festival returned to Millbrook on Friday after a five-year break."),
        ("paragraph", "Organisers expect 20,000 visitors over the weekend."),
        ("heading", "Why it stopped"),
        ("paragraph", "The festival was cancelled in 2017 when the quay wall began to crumble."),
        ("caption", "A lantern drifts on the river at night. (AP Photo/Lee Park)"),
        # Loose lines with no markup of their own are read by the text rules: a thumbnail and its video.
        ("caption", "Divers search the riverbed near the quay on Thursday."),
        ("video", "Why the festival stopped, and why it is back\n01:58 - Source: Daily Example Video"),
        ("paragraph", "Repairs took four years and cost £2 million."),
        ("boilerplate", "Read more: How the quay was rebuilt"),
    ]
    assert [(p.position, p.section) for p in article.paragraphs] == [
        (2, None), (3, None), (5, "Why it stopped"), (9, "Why it stopped"),
    ]
    assert article.captions == [
        Caption(1, "Rowers race past the old quay on Friday.",
                Credit("Photo: Sam Idris/EPA", photographer="Sam Idris", agency="EPA")),
        Caption(6, "A lantern drifts on the river at night.",
                Credit("(AP Photo/Lee Park)", photographer="Lee Park", agency="AP")),
        Caption(7, "Divers search the riverbed near the quay on Thursday.", video=0),
    ]
    assert article.videos == [Video(8, "Why the festival stopped, and why it is back", "01:58", 118, "Daily Example Video")]
    assert article.highlights == [TextItem(0, "Boats, music and a night market fill the old quay this weekend")]
    assert article.headings == [TextItem(4, "Why it stopped")]
    assert article.dateline is None
    assert article.contributors == []
    # JSON-LD in an HTML comment, in @graph, with a @type list; the relative canonical link loses to og:url.
    assert metadata(article) == {
        "title": "River festival returns after five years",
        "byline": "Jon Ashby and Kemi Ode",
        "published": "2022-07-01T18:00:00+02:00",
        "url": "https://daily.example.org/news/river-festival",
    }


@pytest.mark.parametrize("name", sorted(path.name for path in PAGES.glob("*.html")))
def test_blocks_cover_the_article_in_order(name):
    article = page(name)
    assert [block.position for block in article.blocks] == list(range(len(article.blocks)))
    assert {block.kind for block in article.blocks} <= set(BLOCK_KINDS)
    kinds = {block.position: block.kind for block in article.blocks}
    for kind, items in (("paragraph", article.paragraphs), ("caption", article.captions), ("video", article.videos),
                        ("highlight", article.highlights), ("heading", article.headings),
                        ("contributor", article.contributors)):
        assert all(kinds[item.position] == kind for item in items)


def test_inline_markup_joins_as_a_reader_sees_it():
    article = parse_html(
        "<article><p>Chief Justice\n   <a href='/r'>John Roberts</a>, who <b>wrote</b> the\u00a0opinion,"
        " said<span>so</span>.<sup>1</sup></p></article>",
        "inline.html",
    )
    assert [p.text for p in article.paragraphs] == ["Chief Justice John Roberts, who wrote the opinion, saidso.1"]


def test_text_with_no_markup_reads_as_its_dump_would():
    lines = [
        "Hong Kong CNN —",
        "Ferries stopped running on Tuesday as a typhoon neared the city.",
        "Schools closed",
        "All schools were told to close by noon, officials said.",
        "CNN’s Ada Lin contributed to this report.",
    ]
    article = parse_html("<html><body><div>" + "<br>\n".join(lines) + "</div></body></html>", "loose.html")
    from_text = segment("\n".join(lines), "loose.html")
    assert blocks(article) == blocks(from_text)
    assert article.paragraphs == from_text.paragraphs
    assert article.dateline == from_text.dateline == Dateline(0, "Hong Kong", "CNN")
    assert article.contributors == from_text.contributors


def test_an_inline_dateline_counts_only_in_the_first_paragraph():
    article = parse_html(
        "<article><p>Intro text, not a dateline.</p><div>LONDON (Reuters) - Prices rose again on Monday.</div></article>",
        "late.html",
    )
    assert article.dateline is None
    assert [p.text for p in article.paragraphs] == [
        "Intro text, not a dateline.",
        "LONDON (Reuters) - Prices rose again on Monday.",
    ]


def test_a_picture_box_with_its_caption_in_a_paragraph():
    article = parse_html(
        "<article><div class='picBox'><a href='#'><img alt='Vineyards above the river'></a>"
        "<p>The steep slopes make the harvest hard</p></div><p>Body text of the story goes here.</p></article>",
        "picbox.html",
    )
    assert article.captions == [Caption(0, "The steep slopes make the harvest hard")]
    assert [p.text for p in article.paragraphs] == ["Body text of the story goes here."]


def test_caption_parts_laid_out_apart_stay_apart():
    article = parse_html(
        "<article><figure><img alt='x'><figcaption><p><span>A dish points at the sky.</span>"
        "<span>Credit: Li Wen/Xinhua</span></p></figcaption></figure><p>The story.</p></article>",
        "parts.html",
    )
    assert article.captions == [
        Caption(0, "A dish points at the sky.", Credit("Credit: Li Wen/Xinhua", photographer="Li Wen", agency="Xinhua"))
    ]


# --- metadata: JSON-LD in its many shapes ------------------------------------------------------------


def with_json_ld(script: str, head: str = "") -> Article:
    return parse_html(
        f"<html><head>{head}<script type='application/ld+json'>{script}</script></head>"
        "<body><article><p>Some story text for the page.</p></article></body></html>",
        "meta.html",
    )


def test_json_ld_as_a_list_with_one_author_object():
    article = with_json_ld(
        '[{"@type": "WebPage", "name": "Not the headline"},'
        ' {"@type": "NewsArticle", "headline": "Dam opens", "datePublished": "2021-05-01",'
        '  "author": {"@type": "Person", "name": "Rui Sato"}, "mainEntityOfPage": "https://example.net/dam"}]'
    )
    assert metadata(article) == {"title": "Dam opens", "byline": "Rui Sato", "published": "2021-05-01",
                                 "url": "https://example.net/dam"}


def test_json_ld_news_article_preferred_and_type_given_as_url():
    article = with_json_ld(
        '{"@graph": [{"@type": "BlogPosting", "headline": "A blog post"},'
        ' {"@type": "http://schema.org/NewsArticle", "headline": "The news", "author": "Ola Berg"}]}'
    )
    assert (article.title, article.byline) == ("The news", "Ola Berg")


@pytest.mark.parametrize(
    "script",
    [
        '{"@type": "NewsArticle", "headline": "Broken", ',  # cut short
        "not json at all",
        "",
        "null",
        "42",
        '{"@type": "NewsArticle", "headline": ["", 7], "author": [null, 3, {"name": null}], "datePublished": {}}',
        '{"@graph": {"@graph": {"@graph": {"@graph": {"@graph": {"@graph": {"@graph": {"@type": "NewsArticle"}}}}}}}}',
        "[" * 5000 + "]" * 5000,
    ],
)
def test_bad_json_ld_falls_back_to_meta_tags(script):
    head = (
        "<meta property='og:title' content='From the og tag'>"
        "<meta property='article:published_time' content='2020-02-02T02:02:02Z'>"
        "<meta property='article:author' content='Ida Moe'>"
        "<link rel='canonical' href='https://example.net/og'>"
    )
    article = with_json_ld(script, head)
    assert metadata(article) == {"title": "From the og tag", "byline": "Ida Moe", "published": "2020-02-02T02:02:02Z",
                                 "url": "https://example.net/og"}


def test_no_metadata_at_all():
    article = parse_html("<p>Just one paragraph of text here.</p>", "bare.html")
    assert metadata(article) == {"title": None, "byline": None, "published": None, "url": None}
    assert [p.text for p in article.paragraphs] == ["Just one paragraph of text here."]


def test_title_falls_back_to_the_headline_then_the_title_tag():
    assert parse_html("<h1>Big <em>news</em></h1><p>Text.</p>", "h1.html").title == "Big news"
    assert parse_html("<title>Only a title | Example</title><p>Text.</p>", "t.html").title == "Only a title | Example"


# --- broken markup never raises --------------------------------------------------------------------


def test_malformed_markup_is_read():
    article = parse_html(
        "<html><body><article><p>First <b>bold <i>both</b> italic</i> para<p>Second para</div></span>"
        "<h2>Unclosed heading<p>Third para</table><figure><figcaption>A caption on Monday in Oslo.",
        "broken.html",
    )
    assert [(p.text, p.section) for p in article.paragraphs] == [
        ("First bold both italic para", None),
        ("Second para", None),
        ("Third para", "Unclosed heading"),
    ]
    assert [c.text for c in article.captions] == ["A caption on Monday in Oslo."]


@pytest.mark.parametrize(
    "markup, reason",
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("<html><head><script>var a = 1;</script><style>p {}</style></head><body></body></html>", "no readable text"),
        ("<nav><a href='/'>Home</a></nav><footer>Footer</footer>", "no readable text"),
        ("<!-- only a comment -->", "no readable text"),
    ],
)
def test_pages_with_no_text_are_refused(markup, reason):
    with pytest.raises(DumpError, match=reason):
        parse_html(markup, "nothing.html")


@pytest.mark.parametrize("tag", ["div", "b", "p", "table"])
def test_markup_nested_deeper_than_python_recurses(tag):
    markup = f"<h1>{'<b>' * 1500}Deep title</h1>" + f"<{tag}>" * 1500 + "The deep text of the page." + f"</{tag}>" * 1500
    article = parse_html(markup + "<p>After the deep part.</p>", "deep.html")
    assert article.title == "Deep title"
    assert [p.text for p in article.paragraphs] == ["The deep text of the page.", "After the deep part."]


_STORY = ["The river rose two metres overnight and the ferry stopped.", "Crews expect the water to fall by Friday."]


@pytest.mark.parametrize("markup", [
    # a broken quote makes an attribute name of a file name: libxml2 builds no tree past it
    '<!DOCTYPE html>\n<html xbanner.png" alt="The Senn Herald" width="10" /></a></td>'
    f"<td><p>{_STORY[0]}</p><p>{_STORY[1]}</p></td></html>",
    # some sites put the whole page in one <form>; a search box or sign-up form is never the story
    f"<html><body><form id='mainForm' method='post'><div class='story'><p>{_STORY[0]}</p><p>{_STORY[1]}</p></div>"
    "</form><form class='signup'><p>Get the Senn Herald's morning letter in your inbox</p></form></body></html>",
], ids=["a name the tree cannot hold", "a form around the page"])
def test_pages_lxml_reads_oddly_keep_their_story(markup):
    assert [p.text for p in parse_html(markup, "odd.html").paragraphs] == _STORY


def test_comments_and_scripts_are_not_text():
    markup = (
        "<html><head><title>Ferry back on the Senn</title></head><body><article>"
        "<p>The ferry<!-- a note for editors --> crossed again on Monday, after a week ashore.</p>"
        "<p>Its crew of four<script>var slot = 'ad';</script> cheered as it left the bank.</p>"
        "</article></body></html>"
    )
    article = parse_html(markup, "comments.html")
    assert article.title == "Ferry back on the Senn"
    assert [p.text for p in article.paragraphs] == [
        "The ferry crossed again on Monday, after a week ashore.",
        "Its crew of four cheered as it left the bank.",
    ]


def test_control_characters_and_odd_bytes_are_read():
    article = parse_html("<p>Tab\there, nul\x00 there, bell\x07 and \ufffd replacement.</p>", "odd.html")
    assert len(article.paragraphs) == 1


@pytest.mark.parametrize("name", sorted(path.name for path in PAGES.glob("*.html")))
def test_every_cut_of_a_page_parses_or_says_why(name):
    markup = (PAGES / name).read_text(encoding="utf-8")
    for end in range(0, len(markup), 97):
        try:
            article = parse_html(markup[:end], name)
        except DumpError:
            continue
        assert [block.position for block in article.blocks] == list(range(len(article.blocks)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([
    "<p>", "</p>", "<div class='caption'>", "</div>", "<figure>", "<figcaption>", "<h2>", "<br>", "<ul>", "<li>",
    "<script type='application/ld+json'>{", "</script>", "<em>", "<a>", "<img alt='A man walks in Rome on Monday.'>",
    "<div class='video-resource' data-duration='01:00'>", "<span class='credit'>Jo Lu/AP</span>",
    "STORY HIGHLIGHTS", "LONDON (CNN) -- ", "Some words here.", "02:12 - Source: CNN", "&amp;", "&#0;", "<!--", "-->",
]), max_size=40))
def test_random_tag_soup_never_raises_anything_but_dump_error(parts):
    try:
        article = parse_html("".join(parts), "soup.html")
    except DumpError:
        return
    assert [block.position for block in article.blocks] == list(range(len(article.blocks)))
    assert all(dataclasses.is_dataclass(item) for item in article.paragraphs + article.captions)


def test_a_footer_with_more_text_than_the_story_is_not_taken_for_it():
    legal = "<p>" + "Read the rules you agree to by using this website in our Terms of Service. " * 3 + "</p>"
    article = parse_html(
        "<body><div id='story'><p>The harbour authority closed the northern pier on Monday.</p>"
        "<p>Repairs will begin next week, the authority said.</p></div>"
        f"<div id='footer'>{legal * 4}</div></body>",
        "footer.html",
    )
    assert [p.text for p in article.paragraphs] == [
        "The harbour authority closed the northern pier on Monday.",
        "Repairs will begin next week, the authority said.",
    ]


def test_a_story_laid_out_beside_a_sidebar_is_still_the_story():
    article = parse_html(
        "<body><p>We use cookies.</p><div class='l-article-body l-sidebar-fixed'>"
        "<p>The harbour authority closed the northern pier on Monday after a storm.</p>"
        "<p>Repairs will begin next week, the authority said on Tuesday.</p></div></body>",
        "layout.html",
    )
    assert [p.text for p in article.paragraphs][-2:] == [
        "The harbour authority closed the northern pier on Monday after a storm.",
        "Repairs will begin next week, the authority said on Tuesday.",
    ]
    assert "We use cookies." not in [p.text for p in article.paragraphs]


def test_posting_times_and_a_byline_above_the_dateline_are_furniture():
    article = parse_html(
        "<article><p>Posted at 2013-12-30T14:42:01-0700</p><p>and last updated 2013-12-30 16:42:01-05</p>"
        "<p>By Leigh Ann Caldwell</p><p>WASHINGTON (CNN) — Some 40,000 new laws take effect on Wednesday.</p></article>",
        "posted.html",
    )
    assert [b.kind for b in article.blocks] == ["boilerplate", "boilerplate", "boilerplate", "paragraph"]
    assert (article.dateline.place, article.dateline.outlet) == ("Washington", "CNN")
    assert article.byline == "Leigh Ann Caldwell"
