"""The pieces a page's reading found, put together into an Article, numbered as blocks.

Runs of loose lines (text the markup gives no structure to) go to `segment.segment_lines`, so
the text rules are the same for a page and for a dump of its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import datelines
from .model import Article, Block, Caption, Contributor, Dateline, Paragraph, TextItem
from .segment import segment_lines
from .text import Line, clean

_BULLET_MARK = re.compile(r"^[•▪●◦·*–-]\s+(?=\S)")


@dataclass
class Piece:
    """One block found in the markup; `lines` kind is text the markup gives no structure to."""

    kind: str
    text: str
    data: object = None
    link: Piece | None = None  # a thumbnail caption's video


def assemble(pieces: list[Piece], source: str) -> Article:
    """Number the pieces as blocks; runs of loose lines are segmented by the text rules."""
    article = Article(source=source)
    state = {"section": None}
    run: list[str] = []
    videos_by_piece: dict[int, int] = {}
    links: list[tuple[Caption, Piece]] = []

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


