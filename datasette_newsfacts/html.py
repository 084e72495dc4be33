"""HTML pages: read an article out of a news page's markup.

The page's structure decides what it can: where the story's body is and which page chrome
to leave out (navigation, ads, share bars, related stories, bylines), its paragraphs (`<p>`),
headings (`<h2>`, `<h3>`), pictures with their captions and credits, video promos, the
dateline, a "Story highlights" list, a standfirst, and the title, byline, date and address
in the page's metadata.  Where the markup says nothing (text loose in a `<div>`, lines split
by `<br>`, list items, table rows), the lines go to `segment.segment_lines`, so the text
rules are the same for a page and for a dump of its text; the recognisers of the other
modules (credits, contributors, furniture, datelines) also read the text of marked elements.

The markup is parsed once, by lxml (libxml2) into its own tree (`htmltree`): the reading,
the metadata and htmldate's date search all work on that one tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import captions, datelines, scorer, videos
from .bylines import read_byline
from .contributors import parse_contributors
from .furniture import is_furniture
from .htmlbody import STANDFIRST_WORDS, find_body, is_chrome, page_root, standfirst_before, wraps_page
from .htmlpieces import Piece, assemble
from .htmltree import (
    BLOCK_TAG_LIST,
    BLOCK_TAGS,
    BREAK,
    DROP_TAGS,
    Element,
    contents,
    deeper_than,
    descendants,
    elements,
    first,
    flat_lines,
    gather,
    groups,
    hidden,
    inline_lines,
    inline_text,
    lines,
    only_within,
    outermost,
    parse_document,
    text_length,
    text_of,
    within,
    words,
)
from .model import Article, Caption, Dateline, Video
from .pagemeta import PageMetadata, page_metadata
from .segment import HIGHLIGHTS_LABEL
from .text import DumpError, clean

_CHROME_ROLES = frozenset("navigation banner contentinfo complementary search dialog menu menubar toolbar".split())
_BYLINE_WORDS = frozenset(("byline", "author", "authors"))
_PICTURE_WORDS = frozenset(("image", "photo", "picture", "pic", "img", "figure"))
_INLINE_FORMATTING = frozenset("a abbr b br code em i q s small strong sub sup u".split())
_GALLERY_WORDS = frozenset(("gallery", "slideshow", "carousel"))
_STRUCTURE_TAGS = frozenset(("figure", "figcaption", "table", "ul", "ol", "img"))

# Real pages nest a few dozen elements deep; far deeper markup is read as plain lines.
_MAX_DEPTH = 200


@dataclass
class _Reader:
    """Walks the article body in document order, turning elements into pieces."""

    root: Element
    pieces: list[Piece] = field(default_factory=list)
    buffer: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    expect_highlights: bool = False
    in_gallery: int = 0
    story_length: int = 0
    root_length: int | None = None

    def __post_init__(self) -> None:
        self.story_length = _paragraph_length(self.root)

    def page_length(self) -> int:
        """The text length of what is read (worked out when a form asks for it)."""
        if self.root_length is None:
            self.root_length = text_length(self.root)
        return self.root_length

    def emit(self, kind: str, text: str, data: object = None) -> Piece:
        piece = Piece(kind, text, data)
        if kind in ("lines", "boilerplate") and self.pieces and (self.pieces[-1].kind, self.pieces[-1].text) == (kind, text):
            return self.pieces[-1]  # a slideshow repeats its title once per slide
        self.pieces.append(piece)
        self.expect_highlights = False
        return piece

    def flush(self) -> None:
        found = lines("".join(self.buffer))
        self.buffer.clear()
        for line in found:
            self.loose(line)

    def loose(self, line: str) -> None:
        if HIGHLIGHTS_LABEL.match(line):
            self.emit("boilerplate", line)
            self.expect_highlights = True
        else:
            self.emit("boilerplate" if self.in_gallery else "lines", line)

    def said_anything(self) -> bool:
        """Whether the story has begun (a standfirst stands above it)."""
        return any(
            piece.kind == "paragraph" or (piece.kind == "lines" and len(piece.text.split()) > 12) for piece in self.pieces
        )

    def walk(self, element: Element) -> None:
        for child in contents(element):
            if isinstance(child, str):
                self.buffer.append(child)
            else:
                self.visit(child)

    def visit(self, element: Element) -> None:
        name = element.tag
        if name == "br":
            self.buffer.append(BREAK)
            return
        if name in ("img", "time"):
            return  # alt text is not on the page (pictures are read as a whole); a lone date is furniture
        names = words(element)
        if self.dropped(element, names):
            return
        if self.structured(element, names):
            return
        if name not in BLOCK_TAGS and next(element.iterdescendants(*BLOCK_TAG_LIST), None) is None:
            gather(element, self.buffer)
            return
        self.flush()
        gallery = bool(names & _GALLERY_WORDS)
        self.in_gallery += gallery
        self.walk(element)
        self.flush()
        self.in_gallery -= gallery

    def dropped(self, element: Element, names: set[str]) -> bool:
        if element.tag == "header" and (next(element.iterdescendants("nav"), None) is not None or self.root.tag == "body"):
            return True
        if element.tag in DROP_TAGS and not wraps_page(element, self.page_length()):
            return True
        if hidden(element) or element.get("role") in _CHROME_ROLES:
            return True
        # A layout wrapper named after its sidebar still holds the story: it is not chrome.
        if not is_chrome(names) or 3 * _paragraph_length(element) > self.story_length:
            return False
        if names & _BYLINE_WORDS and (text := clean(text_of(element))):
            self.bylines.append(text)
        return True

    def structured(self, element: Element, names: set[str]) -> bool:
        """Read an element whose markup says what it is; False when it says nothing."""
        name = element.tag
        if _is_video(element, names):
            return self.video(element)
        if name == "figure" or (names & _PICTURE_WORDS and _is_picture(element)):
            return self.picture(element)
        if name == "figcaption" or "caption" in names or element.get("itemprop") == "caption":
            return self.picture(element, standalone=True)
        if "credit" in names:
            return self.credit(element)
        if "dateline" in names or ("source" in names and _find_word(element, "location") is not None):
            return self.dateline(element)
        if names & STANDFIRST_WORDS and not self.said_anything():
            return self.standfirst(element)
        if name == "p" and not _holds_structure(element):
            return self.paragraph(element)
        if name in ("h2", "h3"):
            return self.heading(element)
        if name in ("ul", "ol") and (self.expect_highlights or "highlights" in names | words(element.getparent())):
            return self.highlights(element)
        if name == "tr":
            self.flush()
            cells = [cell for cell in elements(element) if cell.tag in ("td", "th")]
            for line in lines(" ".join(inline_text(cell) for cell in cells)):
                self.loose(line)
            return True
        if name == "pre":
            self.flush()
            for line in text_of(element).splitlines():
                if line := clean(line):
                    self.loose(line)
            return True
        return False

    def paragraph(self, element: Element) -> bool:
        self.flush()
        found = inline_lines(element)
        if not found:
            return True
        text = " ".join(found)
        if HIGHLIGHTS_LABEL.match(text):
            self.loose(text)
        elif read_byline(text):  # `By Leigh Ann Caldwell` in a plain paragraph
            self.bylines.append(text)
            self.emit("boilerplate", "\n".join(found))
        elif (
            is_furniture(text)
            or (only_within(element, ("a",)) and len(text.split()) <= 15)  # a link to another story
            or only_within(element, ("em", "i"))  # an editor's note: updates, corrections, calls for tips
        ):
            self.emit("boilerplate", "\n".join(found))
        elif people := parse_contributors(0, text):
            self.emit("contributor", text, people)
        elif only_within(element, ("strong", "b")) and _reads_as_heading(text):
            self.emit("heading", text)
        else:
            # `<br><br>` inside one <p> separates paragraphs; a single <br> only breaks a line.
            for group in groups(element):
                self.emit("paragraph", " ".join(group))
        return True

    def heading(self, element: Element) -> bool:
        self.flush()
        text = inline_text(element)
        if not text:
            return True
        if HIGHLIGHTS_LABEL.match(text):
            self.loose(text)
        else:
            self.emit("boilerplate" if is_furniture(text) else "heading", text)
        return True

    def highlights(self, element: Element) -> bool:
        self.flush()
        for item in descendants(element, "li"):
            if next(item.iterdescendants("li"), None) is None and (text := inline_text(item)):
                self.pieces.append(Piece("highlight", text))
        self.expect_highlights = False
        return True

    def standfirst(self, element: Element) -> bool:
        self.flush()
        if text := inline_text(element):
            self.emit("highlight", text)
        return True

    def video(self, element: Element) -> bool:
        """A video promo: its title, duration and source, and its thumbnail's caption."""
        self.flush()
        title_element = _find_word(element, "headline")
        if title_element is None:
            title_element = _find_word(element, "title")
        title = inline_text(title_element) if title_element is not None else clean(element.get("data-headline") or "")
        duration_element = _find_word(element, "duration")
        duration_text = inline_text(duration_element) if duration_element is not None else ""
        duration_text = duration_text or clean(element.get("data-duration") or "")
        duration = videos.DURATION.search(duration_text)
        if not title or duration is None:
            return False
        source_element = _find_word(element, "source")
        source_text = inline_text(source_element) if source_element is not None else ""
        label = videos.SOURCE_LABEL.match(source_text)
        source = (label["source"] if label else source_text) or clean(element.get("data-source") or "") or None
        thumbnail = _alt_caption(next(element.iterdescendants("img"), None), any_text=True)  # where it stands says "picture"
        video = Video(0, title, duration[0], videos.duration_seconds(duration[0]), source)
        credit_line = clean(inline_text(duration_element.getparent()) if duration_element is not None else "")
        if not credit_line or duration[0] not in credit_line:
            credit_line = duration[0] + (f" - Source: {source}" if source else "")
        caption_piece = self.emit("caption", *thumbnail) if thumbnail else None
        video_piece = self.emit("video", f"{title}\n{credit_line}", video)
        if caption_piece is not None:
            caption_piece.link = video_piece
        return True

    def picture(self, element: Element, standalone: bool = False) -> bool:
        """A picture (or a caption standing alone): its caption lines and its credit."""
        self.flush()
        inside = list(descendants(element))
        credits = outermost([node for node in inside if words(node) & {"credit", "copyright"}])
        holders = [element] if standalone else outermost(
            [
                node
                for node in inside
                if (node.tag in ("figcaption", "cite") or "caption" in words(node) or node.get("itemprop") == "caption")
                and not within(node, credits)
                and not is_chrome(words(node))
            ]
        )
        # A picture box with no caption element: its own text is the caption.
        found = [line for holder in holders or [element] for line in _caption_lines(holder, credits) if not is_furniture(line)]
        credit = " ".join(inline_text(node, keep_hidden=True) for node in credits).strip() or None
        if found or credit:
            self.emit("caption", *_caption(found, credit))
        elif not standalone and (alt := _alt_caption(next(element.iterdescendants("img"), None))):
            self.emit("caption", *alt)
        return True

    def credit(self, element: Element) -> bool:
        """A credit standing alone belongs to the caption just before it, if that has none."""
        text = inline_text(element, keep_hidden=True)
        if not text:
            return True
        self.flush()
        last = self.pieces[-1] if self.pieces else None
        if last is not None and last.kind == "caption" and last.data.credit is None:
            last.data.credit = captions.parse_credit(text)
            last.text = f"{last.text}\n{text}" if last.text else text
        else:
            self.emit("caption", *_caption([], text))
        return True

    def dateline(self, element: Element) -> bool:
        self.flush()
        text = inline_text(element)
        if not text or len(text) > 80:
            return False
        place_element = _find_word(element, "location")
        outlet_element = _find_word(element, "outlet")
        if outlet_element is None:
            outlet_element = _find_word(element, "text")
        if place_element is not None or outlet_element is not None:
            place = inline_text(place_element) if place_element is not None else ""
            outlet = inline_text(outlet_element) if outlet_element is not None else ""
        elif match := datelines.OWN_LINE.match(text):
            place, outlet = match["place"] or "", match["outlet"]
        else:
            place, outlet = re.sub(r"\s*(?:—|–|--|-)$", "", text), ""
        self.emit("dateline", text, Dateline(0, datelines.tidy_place(place or None), outlet or None))
        return True


# --- what elements are -----------------------------------------------------------------------


def _paragraph_length(element: Element) -> int:
    return sum(text_length(p) for p in descendants(element, "p"))


def _reads_as_heading(text: str) -> bool:
    return len(text.split()) <= 15 and (not text.endswith(".") or text.endswith(("...", "…")))


def _find_word(element: Element, word: str) -> Element | None:
    return first(element, lambda node: word in words(node))


def _is_video(element: Element, names: set[str]) -> bool:
    """A video component: marked `video`, and one duration in it (a playlist has many)."""
    if "video" not in names and "video" not in (element.get("data-component-name") or ""):
        return False
    if element.get("data-duration"):
        return True
    marked = (node for node in descendants(element) if "duration" in words(node))
    return sum(1 for _ in zip(marked, range(2))) == 1


def _is_picture(element: Element) -> bool:
    """A box of one picture and a little text (its caption), with no video or headings in it."""
    return (
        sum(1 for _ in zip(element.iterdescendants("img"), range(2))) == 1
        and next(element.iterdescendants("h2", "h3", "video", "figure"), None) is None
        and first(element, lambda node: "video" in words(node)) is None
        and text_length(element) <= 800
    )


def _caption_lines(element: Element, skip: list[Element]) -> list[str]:
    """A caption's lines: parts laid out as separate elements (description, credit) stay apart."""
    parts = [
        child
        for child in contents(element)
        if not (isinstance(child, str) and not child.strip())
        and not (not isinstance(child, str) and (child.tag in DROP_TAGS or child.tag in ("img", "picture") or within(child, skip)))
    ]
    if parts and all(not isinstance(part, str) and part.tag not in _INLINE_FORMATTING for part in parts):
        if len(parts) > 1 or next(elements(parts[0]), None) is not None:
            return [line for part in parts for line in _caption_lines(part, skip)]
    return inline_lines(element, keep_hidden=True, skip=skip)


def _holds_structure(element: Element) -> bool:
    """A <p> holding pictures or captions is a container, not a paragraph."""
    return first(element, lambda node: node.tag in _STRUCTURE_TAGS or bool(words(node) & {"caption", "credit"})) is not None


def _caption(found: list[str], credit: str | None) -> tuple[str, Caption]:
    """The block text and Caption of description lines and a credit (split off the text when not marked)."""
    found = list(found)
    shown = list(found) + ([credit] if credit else [])
    if credit is None and found:
        if len(found) > 1 and captions.is_credit_line(found[-1]):
            credit = found.pop()
        else:
            rest, credit = captions.split_credit(found[-1])
            if credit is not None:
                found[-1:] = [rest] if rest else []
    caption = Caption(0, "\n".join(found), captions.parse_credit(credit) if credit else None)
    return "\n".join(shown), caption


def _alt_caption(image: Element | None, any_text: bool = False) -> tuple[str, Caption] | None:
    """A picture's alt text as its caption: any text for a video's thumbnail; elsewhere only
    text that describes the picture, ends a sentence or carries a credit (not `image 3`)."""
    alt = image.get("alt") if image is not None else None
    found = [line for line in (clean(part) for part in alt.splitlines()) if line] if alt else []
    if not found:
        return None
    text, caption = _caption(found, None)
    if any_text or caption.credit or captions.reads_as_description(found[0]) or found[-1].endswith("."):
        return text, caption
    return None


# --- the page ----------------------------------------------------------------------------------


def _read(document: Element) -> _Reader:
    """The pieces of the story's body (or, when no body holds any, of the whole page)."""
    body = find_body(document)
    reader = _Reader(body)
    for text in standfirst_before(body):
        reader.emit("highlight", text)
    reader.walk(body)
    reader.flush()
    root = page_root(document)
    if not any(piece.kind != "highlight" for piece in reader.pieces) and body is not root:
        reader = _Reader(root)
        reader.walk(root)
        reader.flush()
    return reader


def parse_html(markup: str, source: str, *, rescore: bool = True) -> Article:
    """Read one news page's HTML into an Article: the same parts a text dump gives, plus the title,
    byline, publication date and canonical URL from the page's metadata (JSON-LD, Open Graph, <meta>).

    Pure: no I/O and no database.  Broken markup and broken JSON-LD are read as well as they can be;
    `DumpError` is raised only when the page has no readable text at all.  The learned scorer then
    judges the blocks as for a dump (`rescore=False`: the markup and the rules alone).
    """
    if not isinstance(markup, str) or not markup.strip():
        raise DumpError("the page is empty")
    document = parse_document(markup)
    if document is None:
        raise DumpError("the page has no readable text (no article body, paragraphs or captions)")
    try:
        if deeper_than(document, _MAX_DEPTH):
            raise RecursionError
        reader = _read(document)
        pieces, bylines = reader.pieces, reader.bylines
    except RecursionError:  # nested deeper than the walk goes: the text rules read it as lines
        pieces, bylines = [Piece("lines", line) for line in flat_lines(page_root(document))], []
    article = assemble(pieces, source)
    try:
        found = page_metadata(document, bylines)
    except RecursionError:
        found = PageMetadata()
    article.title, article.outlet, article.url, article.published = found.title, found.outlet, found.url, found.published
    article.byline = found.byline or article.byline  # else a `By ...` line of the text
    if not article.blocks and not article.title:
        raise DumpError("the page has no readable text (no article body, paragraphs or captions)")
    return scorer.rescore(article) if rescore else article
