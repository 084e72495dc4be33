"""Plain data produced by parsing: no I/O, no database."""

from __future__ import annotations

from dataclasses import dataclass, field

# Every block of a dump is one of these kinds; the storage layer writes the
# kind as text so a new kind needs no schema change.
BLOCK_KINDS = (
    "paragraph",
    "caption",
    "video",
    "highlight",
    "heading",
    "dateline",
    "contributor",
    "boilerplate",
    "title",  # a dump's headline, stored as articles.title
)


@dataclass
class Block:
    """A run of input lines that belong together, as they stood in the input."""

    position: int
    kind: str
    text: str  # the raw lines joined by "\n": blocks give back every non-blank line


@dataclass
class Paragraph:
    position: int
    text: str
    section: str | None = None


@dataclass
class Credit:
    """A photo credit as printed, and what it says."""

    text: str
    photographer: str | None = None
    agency: str | None = None
    distributor: str | None = None
    pool: bool = False


@dataclass
class Caption:
    position: int
    text: str
    credit: Credit | None = None
    video: int | None = None  # 0-based index into Article.videos


@dataclass
class Video:
    position: int
    title: str
    duration: str
    duration_seconds: int
    source: str | None


@dataclass
class TextItem:
    """A highlight or a heading: a position and its text."""

    position: int
    text: str


@dataclass
class Contributor:
    position: int
    name: str
    outlet: str | None


@dataclass
class Dateline:
    position: int
    place: str | None
    outlet: str | None


@dataclass
class Quote:
    """A direct quotation inside one body paragraph."""

    paragraph: int  # 0-based index into Article.paragraphs
    text: str
    start: int  # offsets of `text` in the paragraph text
    end: int
    kind: str  # "full" or "partial"
    speaker: str | None = None
    speaker_mention: str | None = None
    speaker_role: str | None = None
    cue: str | None = None


@dataclass
class Article:
    """Everything the converter found in one page dump."""

    source: str
    blocks: list[Block] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    videos: list[Video] = field(default_factory=list)
    highlights: list[TextItem] = field(default_factory=list)
    headings: list[TextItem] = field(default_factory=list)
    contributors: list[Contributor] = field(default_factory=list)
    dateline: Dateline | None = None
    quotes: list[Quote] = field(default_factory=list)
    # Why quote finding failed on this article, if it did: the article is kept without quotes.
    quote_error: str | None = None
    title: str | None = None
    # From the page's metadata, where the input had any (HTML pages, corpus records, sidecars).
    outlet: str | None = None  # the outlet the page names; storage falls back on the text's and the address's
    url: str | None = None
    published: str | None = None
    byline: str | None = None
