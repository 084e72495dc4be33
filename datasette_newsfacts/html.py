"""HTML pages: read an article out of a news page's markup.

The page's structure decides what it can: where the story's body is and which page chrome
to leave out (navigation, ads, share bars, related stories, bylines), its paragraphs (`<p>`),
headings (`<h2>`, `<h3>`), pictures with their captions and credits, video promos, the
dateline, a "Story highlights" list, a standfirst, and the title, byline, date and address
in the page's metadata.  Where the markup says nothing (text loose in a `<div>`, lines split
by `<br>`, list items, table rows), the lines go to `segment.segment_lines`, so the text
rules are the same for a page and for a dump of its text; the recognisers of the other
modules (credits, contributors, furniture, datelines) also read the text of marked elements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString

from . import captions, datelines, scorer, videos
from .bylines import read_byline
from .contributors import parse_contributors
from .furniture import is_furniture
from .model import Article, Block, Caption, Contributor, Dateline, Paragraph, TextItem, Video
from .pagemeta import PageMetadata, page_metadata
from .segment import HIGHLIGHTS_LABEL, segment_lines
from .text import DumpError, Line, clean

# lxml: on four real CNN pages (73 KB to 2.8 MB) parse_html ran about a quarter faster with it than
# with html.parser, and both gave the same articles.
PARSER = "lxml"

# Never the story: scripts, forms, players, the page's own navigation, and the headline (kept as the title).
_DROP_TAGS = frozenset(
    "script style noscript template nav footer aside form button input select textarea option label "
    "iframe frame svg canvas object embed audio video source track map link meta head title dialog menu h1".split()
)
_BLOCK_TAGS = frozenset(
    "address article aside blockquote center dd details dialog div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
# Words in class names and ids that mark page chrome around or inside the story.
_CHROME_WORDS = frozenset(
    "nav navbar navigation menu breadcrumb breadcrumbs comment comments commenting promo promos sponsor "
    "sponsored ad ads adslot advert advertisement related recirc recirculation playlist barrier modal popup "
    "toast footer sidebar side widget widgets rail timestamp tags toolbar btn button icon control controls tweet instagram tiktok "
    "rubric kicker eyebrow label labels keywords syndication byline author authors".split()
)
_CHROME_PREFIXES = ("share", "social", "newsletter", "subscri", "outbrain", "taboola", "nativo", "disqus", "cookie")
_CHROME_ROLES = frozenset("navigation banner contentinfo complementary search dialog menu menubar toolbar".split())
_HIDDEN_CLASSES = frozenset("hidden is-hidden u-hidden sr-only visually-hidden visuallyhidden screen-reader-text".split())
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_BYLINE_WORDS = frozenset(("byline", "author", "authors"))
_PICTURE_WORDS = frozenset(("image", "photo", "picture", "pic", "img", "figure"))
_INLINE_FORMATTING = frozenset("a abbr b br code em i q s small strong sub sup u".split())
_GALLERY_WORDS = frozenset(("gallery", "slideshow", "carousel"))
_STANDFIRST_WORDS = frozenset(("standfirst", "dek", "deck", "summary", "subtitle", "subheadline", "strapline"))
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])")
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]+")

# Real pages nest a few dozen elements deep; far deeper markup is read as plain lines.
_MAX_DEPTH = 200
_BREAK = "\ue000"  # stands for <br> while inline text is gathered
_BULLET_MARK = re.compile(r"^[•▪●◦·*–-]\s+(?=\S)")
# Containers that hold a story's body on many sites.
_BODY_CLASSES = frozenset(
    "article-body article__body articleBody article-content article__content story-body story-content "
    "entry-content post-content post-body".split()
)
_BODY_IDS = frozenset(("article-body", "story-body", "articleBody"))
# Words that name the story's own containers.
_STORY_WORDS = frozenset(("article", "body", "content", "story", "entry", "post", "main", "text"))


@dataclass
class _Piece:
    """One block found in the markup; `lines` kind is text the markup gives no structure to."""

    kind: str
    text: str
    data: object = None
    link: _Piece | None = None  # a thumbnail caption's video


@dataclass
class _Reader:
    """Walks the article body in document order, turning elements into pieces."""

    root: Tag
    pieces: list[_Piece] = field(default_factory=list)
    buffer: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    expect_highlights: bool = False
    in_gallery: int = 0
    story_length: int = 0

    def __post_init__(self) -> None:
        self.story_length = _paragraph_length(self.root)

    def emit(self, kind: str, text: str, data: object = None) -> _Piece:
        piece = _Piece(kind, text, data)
        if kind in ("lines", "boilerplate") and self.pieces and (self.pieces[-1].kind, self.pieces[-1].text) == (kind, text):
            return self.pieces[-1]  # a slideshow repeats its title once per slide
        self.pieces.append(piece)
        self.expect_highlights = False
        return piece

    def flush(self) -> None:
        lines = _lines("".join(self.buffer))
        self.buffer.clear()
        for line in lines:
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

    def walk(self, element: Tag) -> None:
        for child in element.children:
            if isinstance(child, NavigableString):
                if not isinstance(child, PreformattedString):
                    self.buffer.append(str(child))
            elif isinstance(child, Tag):
                self.visit(child)

    def visit(self, element: Tag) -> None:
        name = element.name
        if name == "br":
            self.buffer.append(_BREAK)
            return
        if name in ("img", "time"):
            return  # alt text is not on the page (pictures are read as a whole); a lone date is furniture
        words = _words(element)
        if self.dropped(element, words):
            return
        handled = self.structured(element, words)
        if handled:
            return
        if name not in _BLOCK_TAGS and element.find(_BLOCK_TAGS) is None:
            _gather(element, self.buffer)
            return
        self.flush()
        gallery = bool(words & _GALLERY_WORDS)
        self.in_gallery += gallery
        self.walk(element)
        self.flush()
        self.in_gallery -= gallery

    def dropped(self, element: Tag, words: set[str]) -> bool:
        if element.name == "header" and (element.find("nav") is not None or self.root.name == "body"):
            return True
        if element.name in _DROP_TAGS or _hidden(element) or element.get("role") in _CHROME_ROLES:
            return True
        # A layout wrapper named after its sidebar still holds the story: it is not chrome.
        if not _is_chrome(words) or 3 * _paragraph_length(element) > self.story_length:
            return False
        if words & _BYLINE_WORDS and (text := clean(element.get_text())):
            self.bylines.append(text)
        return True

    def structured(self, element: Tag, words: set[str]) -> bool:
        """Read an element whose markup says what it is; False when it says nothing."""
        name = element.name
        if _is_video(element, words):
            return self.video(element)
        if name == "figure" or (words & _PICTURE_WORDS and _is_picture(element)):
            return self.picture(element)
        if name == "figcaption" or "caption" in words or element.get("itemprop") == "caption":
            return self.picture(element, standalone=True)
        if "credit" in words:
            return self.credit(element)
        if "dateline" in words or ("source" in words and _find_word(element, "location") is not None):
            return self.dateline(element)
        if words & _STANDFIRST_WORDS and not self.said_anything():
            return self.standfirst(element)
        if name == "p" and not _holds_structure(element):
            return self.paragraph(element)
        if name in ("h2", "h3"):
            return self.heading(element)
        if name in ("ul", "ol") and (self.expect_highlights or "highlights" in words | _words(element.parent)):
            return self.highlights(element)
        if name == "tr":
            self.flush()
            cells = element.find_all(["td", "th"], recursive=False)
            for line in _lines(" ".join(_inline_text(cell) for cell in cells)):
                self.loose(line)
            return True
        if name == "pre":
            self.flush()
            for line in element.get_text().splitlines():
                if line := clean(line):
                    self.loose(line)
            return True
        return False

    def paragraph(self, element: Tag) -> bool:
        self.flush()
        lines = _inline_lines(element)
        if not lines:
            return True
        text = " ".join(lines)
        if HIGHLIGHTS_LABEL.match(text):
            self.loose(text)
        elif read_byline(text):  # `By Leigh Ann Caldwell` in a plain paragraph
            self.bylines.append(text)
            self.emit("boilerplate", "\n".join(lines))
        elif (
            is_furniture(text)
            or (_only_within(element, ("a",)) and len(text.split()) <= 15)  # a link to another story
            or _only_within(element, ("em", "i"))  # an editor's note: updates, corrections, calls for tips
        ):
            self.emit("boilerplate", "\n".join(lines))
        elif people := parse_contributors(0, text):
            self.emit("contributor", text, people)
        elif _only_within(element, ("strong", "b")) and _reads_as_heading(text):
            self.emit("heading", text)
        else:
            # `<br><br>` inside one <p> separates paragraphs; a single <br> only breaks a line.
            for group in _groups(element):
                self.emit("paragraph", " ".join(group))
        return True

    def heading(self, element: Tag) -> bool:
        self.flush()
        text = _inline_text(element)
        if not text:
            return True
        if HIGHLIGHTS_LABEL.match(text):
            self.loose(text)
        else:
            self.emit("boilerplate" if is_furniture(text) else "heading", text)
        return True

    def highlights(self, element: Tag) -> bool:
        self.flush()
        for item in element.find_all("li"):
            if item.find("li") is None and (text := _inline_text(item)):
                self.pieces.append(_Piece("highlight", text))
        self.expect_highlights = False
        return True

    def standfirst(self, element: Tag) -> bool:
        self.flush()
        if text := _inline_text(element):
            self.emit("highlight", text)
        return True

    def video(self, element: Tag) -> bool:
        """A video promo: its title, duration and source, and its thumbnail's caption."""
        self.flush()
        title_element = _find_word(element, "headline") or _find_word(element, "title")
        title = _inline_text(title_element) if title_element is not None else clean(element.get("data-headline") or "")
        duration_element = _find_word(element, "duration")
        duration_text = _inline_text(duration_element) if duration_element is not None else ""
        duration_text = duration_text or clean(element.get("data-duration") or "")
        duration = videos.DURATION.search(duration_text)
        if not title or duration is None:
            return False
        source_element = _find_word(element, "source")
        source_text = _inline_text(source_element) if source_element is not None else ""
        label = videos.SOURCE_LABEL.match(source_text)
        source = (label["source"] if label else source_text) or clean(element.get("data-source") or "") or None
        thumbnail = _alt_caption(element.find("img"), any_text=True)  # where it stands says "picture"
        video = Video(0, title, duration[0], videos.duration_seconds(duration[0]), source)
        credit_line = clean(_inline_text(duration_element.parent) if duration_element is not None else "")
        if not credit_line or duration[0] not in credit_line:
            credit_line = duration[0] + (f" - Source: {source}" if source else "")
        caption_piece = self.emit("caption", *thumbnail) if thumbnail else None
        video_piece = self.emit("video", f"{title}\n{credit_line}", video)
        if caption_piece is not None:
            caption_piece.link = video_piece
        return True

    def picture(self, element: Tag, standalone: bool = False) -> bool:
        """A picture (or a caption standing alone): its caption lines and its credit."""
        self.flush()
        credits = _outermost([node for node in element.find_all(True) if _words(node) & {"credit", "copyright"}])
        holders = [element] if standalone else _outermost(
            [
                node
                for node in element.find_all(True)
                if (node.name in ("figcaption", "cite") or "caption" in _words(node) or node.get("itemprop") == "caption")
                and not _within(node, credits)
                and not _is_chrome(_words(node))
            ]
        )
        # A picture box with no caption element: its own text is the caption.
        lines = [line for holder in holders or [element] for line in _caption_lines(holder, credits) if not is_furniture(line)]
        credit = " ".join(_inline_text(node, keep_hidden=True) for node in credits).strip() or None
        if lines or credit:
            self.emit("caption", *_caption(lines, credit))
        elif not standalone and (found := _alt_caption(element.find("img"))):
            self.emit("caption", *found)
        return True

    def credit(self, element: Tag) -> bool:
        """A credit standing alone belongs to the caption just before it, if that has none."""
        text = _inline_text(element, keep_hidden=True)
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

    def dateline(self, element: Tag) -> bool:
        self.flush()
        text = _inline_text(element)
        if not text or len(text) > 80:
            return False
        place_element, outlet_element = _find_word(element, "location"), (
            _find_word(element, "outlet") or _find_word(element, "text")
        )
        if place_element is not None or outlet_element is not None:
            place = _inline_text(place_element) if place_element is not None else ""
            outlet = _inline_text(outlet_element) if outlet_element is not None else ""
        elif match := datelines.OWN_LINE.match(text):
            place, outlet = match["place"] or "", match["outlet"]
        else:
            place, outlet = re.sub(r"\s*(?:—|–|--|-)$", "", text), ""
        self.emit("dateline", text, Dateline(0, datelines.tidy_place(place or None), outlet or None))
        return True


# --- reading text out of elements -----------------------------------------------------------


def _words(element: Tag | None) -> set[str]:
    """The words of an element's class names and id: `cnnArticleGalleryNav00` -> cnn, article, gallery, nav, 00."""
    if element is None or not isinstance(element, Tag):
        return set()
    names = element.get("class") or []
    if isinstance(names, str):
        names = names.split()
    ident = element.get("id")
    parts = [*names, ident] if isinstance(ident, str) else names
    return {word.lower() for part in parts for word in _NOT_ALNUM.split(_CAMEL.sub(" ", part)) if word}


def _paragraph_length(element: Tag) -> int:
    return sum(len(p.get_text()) for p in element.find_all("p"))


def _is_chrome(words: set[str]) -> bool:
    return bool(words & _CHROME_WORDS) or any(word.startswith(_CHROME_PREFIXES) for word in words)


def _hidden(element: Tag) -> bool:
    names = element.get("class") or []
    return (
        element.has_attr("hidden")
        or element.get("aria-hidden") == "true"
        or bool(_HIDDEN_STYLE.search(element.get("style") or ""))
        or any(name in _HIDDEN_CLASSES for name in names)
    )


def _gather(element: Tag, parts: list[str], keep_hidden: bool = False, skip: list[Tag] = ()) -> None:
    """The text of `element` as a reader sees it: inline markup joined as written, <br> a line break."""
    for child in element.children:
        if isinstance(child, NavigableString):
            if not isinstance(child, PreformattedString):
                parts.append(str(child))
        elif isinstance(child, Tag):
            if child.name == "br":
                parts.append(_BREAK)
            elif (
                child.name in _DROP_TAGS
                or _within(child, skip)
                or (not keep_hidden and _hidden(child))
            ):
                continue
            elif child.name in _BLOCK_TAGS:
                parts.append(_BREAK)
                _gather(child, parts, keep_hidden, skip)
                parts.append(_BREAK)
            else:
                _gather(child, parts, keep_hidden, skip)


def _lines(text: str) -> list[str]:
    return [line for line in (clean(part) for part in text.split(_BREAK)) if line]


def _inline_lines(element: Tag, keep_hidden: bool = False, skip: list[Tag] = ()) -> list[str]:
    parts: list[str] = []
    _gather(element, parts, keep_hidden, skip)
    return _lines("".join(parts))


def _inline_text(element: Tag | None, keep_hidden: bool = False) -> str:
    return " ".join(_inline_lines(element, keep_hidden)) if element is not None else ""


def _groups(element: Tag) -> list[list[str]]:
    """A paragraph's lines in groups split by an empty line (two <br> in a row)."""
    parts: list[str] = []
    _gather(element, parts)
    groups: list[list[str]] = [[]]
    for part in "".join(parts).split(_BREAK):
        if line := clean(part):
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [group for group in groups if group]


def _only_within(element: Tag, names: tuple[str, ...]) -> bool:
    """True when every bit of text in `element` sits inside one of the tags `names`."""
    texts = [node for node in element.find_all(string=True) if node.strip() and not isinstance(node, PreformattedString)]
    return bool(texts) and all(any(parent.name in names for parent in _parents_until(node, element)) for node in texts)


def _parents_until(node, stop: Tag):
    for parent in node.parents:
        if parent is stop:
            return
        yield parent


def _reads_as_heading(text: str) -> bool:
    return len(text.split()) <= 15 and (not text.endswith(".") or text.endswith(("...", "…")))


def _find_word(element: Tag, word: str) -> Tag | None:
    return element.find(lambda node: word in _words(node))


def _within(node, ancestors: list[Tag]) -> bool:
    """Whether `node` is one of `ancestors` or inside one (by identity: bs4 compares tags by content)."""
    wanted = {id(ancestor) for ancestor in ancestors}
    return id(node) in wanted or any(id(parent) in wanted for parent in node.parents)


def _outermost(elements: list[Tag]) -> list[Tag]:
    chosen: list[Tag] = []
    for element in elements:
        if not _within(element, chosen):
            chosen.append(element)
    return chosen


def _is_video(element: Tag, words: set[str]) -> bool:
    """A video component: marked `video`, and one duration in it (a playlist has many)."""
    if "video" not in words and "video" not in (element.get("data-component-name") or ""):
        return False
    if element.get("data-duration"):
        return True
    return len(element.find_all(lambda node: "duration" in _words(node), limit=2)) == 1


def _is_picture(element: Tag) -> bool:
    """A box of one picture and a little text (its caption), with no video or headings in it."""
    return (
        len(element.find_all("img", limit=2)) == 1
        and element.find(["h2", "h3", "video", "figure"]) is None
        and element.find(lambda node: "video" in _words(node)) is None
        and len(element.get_text()) <= 800
    )


def _caption_lines(element: Tag, skip: list[Tag]) -> list[str]:
    """A caption's lines: parts laid out as separate elements (description, credit) stay apart."""
    parts = [
        child
        for child in element.children
        if not isinstance(child, PreformattedString)
        and not (isinstance(child, NavigableString) and not child.strip())
        and not (isinstance(child, Tag) and (child.name in _DROP_TAGS or child.name in ("img", "picture") or _within(child, skip)))
    ]
    if parts and all(isinstance(part, Tag) and part.name not in _INLINE_FORMATTING for part in parts):
        if len(parts) > 1 or parts[0].find(True) is not None:
            return [line for part in parts for line in _caption_lines(part, skip)]
    return _inline_lines(element, keep_hidden=True, skip=skip)


def _holds_structure(element: Tag) -> bool:
    """A <p> holding pictures or captions is a container, not a paragraph."""
    return element.find(
        lambda node: node.name in ("figure", "figcaption", "table", "ul", "ol", "img")
        or bool(_words(node) & {"caption", "credit"})
    ) is not None


def _caption(lines: list[str], credit: str | None) -> tuple[str, Caption]:
    """The block text and Caption of description lines and a credit (split off the text when not marked)."""
    lines = list(lines)
    shown = list(lines) + ([credit] if credit else [])
    if credit is None and lines:
        if len(lines) > 1 and captions.is_credit_line(lines[-1]):
            credit = lines.pop()
        else:
            rest, credit = captions.split_credit(lines[-1])
            if credit is not None:
                lines[-1:] = [rest] if rest else []
    caption = Caption(0, "\n".join(lines), captions.parse_credit(credit) if credit else None)
    return "\n".join(shown), caption


def _alt_caption(image: Tag | None, any_text: bool = False) -> tuple[str, Caption] | None:
    """A picture's alt text as its caption: any text for a video's thumbnail; elsewhere only
    text that describes the picture, ends a sentence or carries a credit (not `image 3`)."""
    alt = image.get("alt") if image is not None else None
    lines = [line for line in (clean(part) for part in alt.splitlines()) if line] if isinstance(alt, str) else []
    if not lines:
        return None
    text, caption = _caption(lines, None)
    if any_text or caption.credit or captions.reads_as_description(lines[0]) or lines[-1].endswith("."):
        return text, caption
    return None


# --- finding the article body -------------------------------------------------------------------


def _find_body(soup: BeautifulSoup) -> Tag:
    """The element holding the story: an <article>, [itemprop=articleBody], a common body container,
    or the parent of most paragraph text; else the whole <body>."""
    root = soup.body or soup
    # paragraphs in the page's chrome (a footer's legal text, a sidebar's teasers) never count
    paragraphs = [p for p in root.find_all("p") if not _in_chrome(p, root)]
    length = {id(p): len(p.get_text()) for p in paragraphs}
    by_parent: dict[int, tuple[Tag, int]] = {}
    for p in paragraphs:
        parent, total = by_parent.get(id(p.parent), (p.parent, 0))
        by_parent[id(p.parent)] = (parent, total + length[id(p)])
    densest = max(by_parent.values(), key=lambda pair: pair[1], default=(None, 0))

    def weight(candidate: Tag) -> int:
        if densest[1]:
            return sum(length.get(id(p), 0) for p in candidate.find_all("p"))
        return len(candidate.get_text())

    tiers = (
        lambda: root.find_all("article"),
        lambda: root.find_all(attrs={"itemprop": "articleBody"}),
        lambda: root.find_all(_is_common_body),
        lambda: [densest[0]] if densest[0] is not None else [],
    )
    for candidates in tiers:
        scored = [(weight(candidate), candidate) for candidate in candidates() if isinstance(candidate, Tag)]
        if not scored:
            continue
        best_weight, best = max(scored, key=lambda pair: pair[0])
        if best_weight and best_weight >= 0.6 * densest[1]:
            # An <article> around the story and its teasers: the inner one that holds nearly all the text.
            inner = [(w, c) for w, c in scored if w >= 0.9 * best_weight and c is not best and _within(c, [best])]
            return max(inner, key=lambda pair: pair[0])[1] if inner else best
    return root


def _in_chrome(element: Tag, root: Tag) -> bool:
    """Inside the page's chrome: a dropped element, or one named as chrome and not also as
    the story's (`l-article-body l-sidebar-fixed` lays the story out beside a sidebar)."""
    for parent in _parents_until(element, root):
        if parent.name in _DROP_TAGS:
            return True
        words = _words(parent)
        if _is_chrome(words) and not words & _STORY_WORDS:
            return True
    return False


def _is_common_body(element: Tag) -> bool:
    names = element.get("class") or []
    return (
        element.name == "main"
        or element.get("role") == "main"
        or element.get("id") in _BODY_IDS
        or any(name in _BODY_CLASSES for name in names)
    )


def _standfirst_before(body: Tag) -> list[str]:
    """Standfirst elements in the story's <article> or <main> that stand above the body."""
    scope = body.find_parent(["article", "main"])
    found: list[str] = []

    def visit(element: Tag) -> bool:
        for child in element.children:
            if child is body:
                return True
            if not isinstance(child, Tag) or child.name in _DROP_TAGS or _hidden(child):
                continue
            words = _words(child)
            if _is_chrome(words):
                continue
            if words & _STANDFIRST_WORDS:
                if text := _inline_text(child):
                    found.append(text)
                continue
            if visit(child):
                return True
        return False

    if scope is not None:
        visit(scope)
    return found


# --- putting the article together ---------------------------------------------------------------


def _assemble(pieces: list[_Piece], source: str) -> Article:
    """Number the pieces as blocks; runs of loose lines are segmented by the text rules."""
    article = Article(source=source)
    state = {"section": None}
    run: list[str] = []
    videos_by_piece: dict[int, int] = {}
    links: list[tuple[Caption, _Piece]] = []

    def flush() -> None:
        if run:
            _splice(article, segment_lines([Line(line, line) for line in run], source, whole_page=False), state)
            run.clear()

    for piece in pieces:
        if piece.kind == "lines":
            run.append(piece.text)
            continue
        flush()
        position = len(article.blocks)
        article.blocks.append(Block(position, piece.kind, piece.text))
        text = piece.text
        if piece.kind == "paragraph":
            if article.dateline is None and not article.paragraphs and (match := datelines.INLINE.match(text)):
                article.dateline = Dateline(position, datelines.tidy_place(match["place"]), match["outlet"].strip())
                text = match["rest"]
            article.paragraphs.append(Paragraph(position, text, state["section"]))
        elif piece.kind == "heading":
            state["section"] = text
            article.headings.append(TextItem(position, text))
        elif piece.kind == "highlight":
            article.highlights.append(TextItem(position, _BULLET_MARK.sub("", text)))
        elif piece.kind == "caption":
            piece.data.position = position
            article.captions.append(piece.data)
            if piece.link is not None:
                links.append((piece.data, piece.link))
        elif piece.kind == "video":
            piece.data.position = position
            videos_by_piece[id(piece)] = len(article.videos)
            article.videos.append(piece.data)
        elif piece.kind == "dateline" and article.dateline is None:
            piece.data.position = position
            article.dateline = piece.data
        elif piece.kind == "contributor":
            article.contributors.extend(Contributor(position, person.name, person.outlet) for person in piece.data)
    flush()
    for caption, video_piece in links:
        caption.video = videos_by_piece.get(id(video_piece))
    return article


def _splice(article: Article, part: Article, state: dict) -> None:
    """Add an article segmented from loose lines to the one being built, renumbered."""
    offset, video_offset = len(article.blocks), len(article.videos)
    had_text = bool(article.paragraphs) or article.dateline is not None
    article.blocks.extend(Block(offset + block.position, block.kind, block.text) for block in part.blocks)
    for paragraph in part.paragraphs:
        text = paragraph.text
        if had_text and part.dateline is not None and part.dateline.position == paragraph.position:
            text = clean(part.blocks[paragraph.position].text)  # an inline dateline counts only in the first paragraph
        article.paragraphs.append(Paragraph(offset + paragraph.position, text, paragraph.section or state["section"]))
    if part.headings:
        state["section"] = part.headings[-1].text
    for caption in part.captions:
        caption.position += offset
        if caption.video is not None:
            caption.video += video_offset
        article.captions.append(caption)
    for video in part.videos:
        video.position += offset
        article.videos.append(video)
    for items, target in ((part.highlights, article.highlights), (part.headings, article.headings)):
        target.extend(TextItem(offset + item.position, item.text) for item in items)
    article.contributors.extend(Contributor(offset + c.position, c.name, c.outlet) for c in part.contributors)
    if part.dateline is not None and not had_text:
        article.dateline = Dateline(offset + part.dateline.position, part.dateline.place, part.dateline.outlet)


def _read(soup: BeautifulSoup) -> _Reader:
    """The pieces of the story's body (or, when no body holds any, of the whole page)."""
    body = _find_body(soup)
    reader = _Reader(body)
    for text in _standfirst_before(body):
        reader.emit("highlight", text)
    reader.walk(body)
    reader.flush()
    root = soup.body or soup
    if not any(piece.kind != "highlight" for piece in reader.pieces) and body is not root:
        reader = _Reader(root)
        reader.walk(root)
        reader.flush()
    return reader


def _deeper_than(root: Tag, limit: int) -> bool:
    stack = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in node.contents if isinstance(child, Tag))
    return False


def _flat_lines(root: Tag) -> list[str]:
    """The text of markup nested too deep to walk, as lines (block elements and <br> break them)."""
    parts: list[str] = []
    stack: list = [root]
    while stack:  # no recursion here: this is for the pages that exhaust it
        node = stack.pop()
        if isinstance(node, Tag):
            if node.name in _DROP_TAGS or _hidden(node):
                continue
            if node.name in _BLOCK_TAGS or node.name == "br":
                parts.append(_BREAK)
                stack.append(_BREAK)
            stack.extend(reversed(node.contents))
        elif isinstance(node, str) and not isinstance(node, PreformattedString):
            parts.append(str(node))
    return _lines("".join(parts))


def parse_html(markup: str, source: str, *, rescore: bool = True) -> Article:
    """Read one news page's HTML into an Article: the same parts a text dump gives, plus the title,
    byline, publication date and canonical URL from the page's metadata (JSON-LD, Open Graph, <meta>).

    Pure: no I/O and no database.  Broken markup and broken JSON-LD are read as well as they can be;
    `DumpError` is raised only when the page has no readable text at all.  The learned scorer then
    judges the blocks as for a dump (`rescore=False`: the markup and the rules alone).
    """
    if not isinstance(markup, str) or not markup.strip():
        raise DumpError("the page is empty")
    soup = BeautifulSoup(markup, PARSER)
    try:
        if _deeper_than(soup, _MAX_DEPTH):
            raise RecursionError
        reader = _read(soup)
        pieces, bylines = reader.pieces, reader.bylines
    except RecursionError:  # nested deeper than the walk goes: the text rules read it as lines
        pieces, bylines = [_Piece("lines", line) for line in _flat_lines(soup.body or soup)], []
    article = _assemble(pieces, source)
    try:
        found = page_metadata(soup, bylines, markup)
    except RecursionError:
        found = PageMetadata()
    article.title, article.outlet, article.url, article.published = found.title, found.outlet, found.url, found.published
    article.byline = found.byline or article.byline  # else a `By ...` line of the text
    if not article.blocks and not article.title:
        raise DumpError("the page has no readable text (no article body, paragraphs or captions)")
    return scorer.rescore(article) if rescore else article
