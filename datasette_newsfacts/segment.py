"""Segmentation: split a page dump into the blocks of an article.

Each recogniser claims the lines it knows by their form (videos first, for their
duration line is the surest sign; then the dateline, whose lone `CNN` line would
otherwise pass for a credit; then credited captions, highlights, contributors and
furniture); what no recogniser claimed is read as a standalone caption,
a heading or a body paragraph.  Nothing depends on blank lines, so a dump with blank
lines between blocks and one without give the same article.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from . import captions, datelines, headlines, videos
from .bylines import read_byline
from .contributors import parse_contributors
from .furniture import is_furniture
from .speakers import is_person_name
from .model import (
    Article,
    Block,
    Caption,
    Contributor,
    Dateline,
    Paragraph,
    TextItem,
    Video,
)
from .text import Line, join_broken_lines, split_lines

HIGHLIGHTS_LABEL = re.compile(r"^(?:story\s+)?highlights:?$", re.I)
_ELLIPSIS = re.compile(r"^(?:\.\.\.|…)\s*|\s*(?:\.\.\.|…)$")
_FINISHED_SENTENCE = re.compile(r"\.[\"”’)]*$")
_BULLET_MARK = re.compile(r"^[•▪●◦·*–-]\s+(?=\S)")
_CLOSING_QUOTES = "\"”’)"
# What datelines.OWN_LINE must end with, and the longest line datelines.OUTLET_ONLY can match
# (`(The Associated Press)`): cheap looks before the patterns.
_DASHES = ("—", "–", "-")
_LONGEST_OUTLET_LINE = 22


def _ends_as_sentence(text: str) -> bool:
    """A sentence ends on its punctuation, perhaps inside quotes: `...aspire to be’` is a title,
    not one; a question counts only inside quotes.

    The pattern `[.!;:,…]["”’)]*$|\\?["”’)]+$` as string tests: a regex search for an end
    anchor tries every position of the line, and this is asked of nearly every line.
    """
    core = text.rstrip(_CLOSING_QUOTES)
    return core.endswith((".", "!", ";", ":", ",", "…")) or (core.endswith("?") and len(core) < len(text))


@dataclass
class _Span:
    """Lines start..end-1 claimed as one block of `kind`; `data` is what the recogniser read."""

    start: int
    end: int
    kind: str
    data: dict = field(default_factory=dict)


class _Claims:
    """Which input line belongs to which span."""

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.owner: list[_Span | None] = [None] * len(lines)

    def free(self, index: int) -> bool:
        return 0 <= index < len(self.lines) and self.owner[index] is None

    def text(self, index: int) -> str:
        return self.lines[index].text

    def claim(self, start: int, end: int, kind: str, **data) -> _Span:
        span = _Span(start, end, kind, data)
        for index in range(start, end):
            self.owner[index] = span
        return span

    def spans(self) -> list[_Span]:
        seen: dict[int, _Span] = {}
        previous = None
        for span in self.owner:
            # A span's lines are consecutive: look each span up once, not once a line.
            if span is not previous and span is not None:
                seen.setdefault(id(span), span)
            previous = span
        return sorted(seen.values(), key=_start)


def _start(span: _Span) -> int:
    return span.start


def _find_videos(claims: _Claims) -> list[tuple[_Span, int]]:
    """Video promos, each with the index of the line that may be its thumbnail caption."""
    found = []
    for index in range(len(claims.lines)):
        text = claims.lines[index].text
        # Every form starts with its duration, `02:17`: skip the patterns for all other lines.
        if not (text[:1].isdigit() and ":" in text) or not claims.free(index):
            continue
        below = claims.text(index + 1) if claims.free(index + 1) else ""
        title_above = claims.free(index - 1)
        if (match := videos.DURATION_LINE.match(text)) and title_above:
            title, start, end, source = index - 1, index - 1, index + 1, match["source"]
        elif (match := videos.DURATION_ONLY.match(text)) and (label := videos.SOURCE_LABEL.match(below)) and title_above:
            title, start, end, source = index - 1, index - 1, index + 2, label["source"]
            if not source and claims.free(end) and len(claims.text(end)) <= 40:
                source, end = claims.text(end), end + 1
        elif (match := videos.DURATION_ONLY.match(text)) and below and _is_title(below):
            # `Watch video` / `02:17` / the title: a player that prints its title under the duration.
            title, start, end, source = index + 1, index, index + 2, None
        else:
            continue
        duration = match["duration"]
        span = claims.claim(
            start, end, "video",
            video=Video(0, claims.text(title), duration, videos.duration_seconds(duration), source or None),
        )
        above = start - 1
        while above >= 0 and claims.free(above) and is_furniture(claims.text(above)):
            claims.claim(above, above + 1, "boilerplate")
            above -= 1
        found.append((span, above))
    return found


# A picture's label beside its credit is a few words (`Mira Holt`, `A drawing of the mill from
# the town archive`); a longer line with a credit is the caption itself.
_LONGEST_PICTURE_LABEL = 12


def _find_credited_captions(claims: _Claims) -> None:
    """Captions that carry a credit, at the end of their line or on a line of its own."""
    owner, lines = claims.owner, claims.lines
    for index in range(len(lines)):
        if owner[index] is not None:  # claims.free(index), spelt out for this runs on every line
            continue
        text = lines[index].text
        if captions.is_credit_line(text):
            if claims.free(index - 1) and not is_furniture(claims.text(index - 1)):
                start, description, credit = index - 1, [claims.text(index - 1)], text
            else:  # a picture with no caption, or one the page printed apart: the credit alone
                start, description, credit = index, [], text
        else:
            description_text, credit = captions.split_credit(text)
            if credit is None:
                continue
            start, description = index, [description_text] if description_text else []
            # A name or label with its credit (`Tahir Della (picture-alliance/dpa)`), then the
            # caption proper on the next line, not ended as a sentence either.
            if (
                description and len(description[0].split()) <= _LONGEST_PICTURE_LABEL and _is_title(description[0])
                and claims.free(index + 1) and _is_title(claims.text(index + 1))
                and captions.split_credit(claims.text(index + 1))[1] is None  # not a caption of its own
            ):
                index += 1
                description.append(claims.text(index))
        # A description that runs over two lines: the line above reads like one too.  The
        # image's alt text often stands there repeating the description: that is not a line of it.
        above = start - 1
        if (
            claims.free(above)
            and captions.looks_like_picture_description(claims.text(above))
            and claims.text(above) not in description
            and not _cut_short_copy(claims.text(above), set(description))
        ):
            start -= 1
            description.insert(0, claims.text(start))
        claims.claim(
            start, index + 1, "caption",
            caption=Caption(0, "\n".join(description), captions.parse_credit(credit)),
        )


def _link_thumbnails(claims: _Claims, found: list[tuple[_Span, int]]) -> None:
    """The picture line right above a video title is that video's thumbnail caption."""
    for number, (video_span, above) in enumerate(found):
        if above < 0:
            continue
        span = claims.owner[above]
        # The position already says "picture", so the present-tense form is enough.
        if span is None and (
            captions.reads_as_description(claims.text(above)) or _is_player_thumbnail(claims, above, video_span)
        ):
            span = claims.claim(above, above + 1, "caption", caption=Caption(0, claims.text(above)))
        if span is not None and span.kind == "caption" and span.end == above + 1:
            span.data["video_span"] = video_span


def _is_player_thumbnail(claims: _Claims, index: int, video_span: _Span) -> bool:
    """`Video Ad Feedback` / `02 trump court civil fraud 110623` / the title: a short line
    between the video player's own line and the title is its thumbnail's alt text, whatever
    it says (a file-name slug, a name)."""
    text = claims.text(index)
    return (
        index == video_span.start - 1
        and index > 0
        and bool(videos.PLAYER_LINE.match(claims.text(index - 1)))
        and len(text.split()) <= 12
        and not _ends_as_sentence(text)
    )


def _find_highlights(claims: _Claims) -> None:
    """`Story highlights` and the bullets under it."""
    for index in range(len(claims.lines)):
        if claims.free(index) and HIGHLIGHTS_LABEL.match(claims.text(index)):
            claims.claim(index, index + 1, "boilerplate")
            bullet = index + 1
            while claims.free(bullet) and _is_bullet(claims.text(bullet)):
                claims.claim(bullet, bullet + 1, "highlight")
                bullet += 1
            return


def _is_bullet(text: str) -> bool:
    """A highlight: marked as a bullet, or short and not a finished sentence (the story's
    first paragraph, which ends the list, is one)."""
    if _BULLET_MARK.match(text):
        return True
    return (
        len(text.split()) <= 30
        and not _FINISHED_SENTENCE.search(text)
        and not datelines.OWN_LINE.match(text)
        and not datelines.OUTLET_ONLY.match(text)
    )


def _find_dateline(claims: _Claims) -> bool:
    """A dateline on a line of its own (`Seoul CNN —`) or over several (`CNN` / `—`)."""
    owner, lines = claims.owner, claims.lines
    for index in range(len(lines)):
        if owner[index] is not None:
            continue
        text = lines[index].text
        # Cheap looks first: the first form ends on its dash, the second is an outlet alone.
        if text.endswith(_DASHES) and (match := datelines.OWN_LINE.match(text)):
            claims.claim(index, index + 1, "dateline", place=match["place"], outlet=match["outlet"])
            return True
        if (
            len(text) <= _LONGEST_OUTLET_LINE
            and (match := datelines.OUTLET_ONLY.match(text))
            and claims.free(index + 1)
            and datelines.DASH_ONLY.match(claims.text(index + 1))
        ):
            start, place = index, None
            if claims.free(index - 1) and datelines.PLACE_ONLY.match(claims.text(index - 1)):
                start, place = index - 1, claims.text(index - 1)
            claims.claim(start, index + 2, "dateline", place=place, outlet=match["outlet"])
            return True
    return False


def _find_bylines(claims: _Claims) -> None:
    """`By Jo Marsh`, `Written by: Julie Mollins`: page furniture that names the authors."""
    owner, lines = claims.owner, claims.lines
    for index in range(len(lines)):
        if owner[index] is not None:
            continue
        text, names = lines[index].text, None
        if text[:1] in "BbWw-–—":  # what `By ...` bylines start with: a cheap look before the call
            names = read_byline(text)
        elif _is_bare_byline(claims, index):
            names = text
        if names:
            end = index + 1
            # `By Leigh Ann Caldwell` / `CNN`: the outlet on the line under the names
            if claims.free(end) and len(claims.text(end)) <= _LONGEST_OUTLET_LINE and datelines.OUTLET_ONLY.match(claims.text(end)):
                end += 1
            claims.claim(index, end, "boilerplate", byline=names)
            # A standfirst: the summary right above the byline at the top of the page, read as
            # a sentence (a shorter line there is the headline).
            above = index - 1
            if (
                above <= 2 and claims.free(above) and not is_furniture(claims.text(above))
                and (len(claims.text(above).split()) >= 10 or _ends_as_sentence(claims.text(above)))
                # nothing above it but a headline or what is already claimed: no story yet
                and all(not claims.free(line) or _is_title(claims.text(line)) for line in range(above))
            ):
                claims.claim(above, index, "highlight")


# Two to four capitalised words of letters alone: `Nathanael Johnson`, not `Greco/AFP/Getty Images`.
_PLAIN_NAME = re.compile(r"^[^\W\d_a-z][\w.'’-]*(?: [^\W\d_a-z][\w.'’-]*){1,3}$")


def _is_bare_byline(claims: _Claims, index: int) -> bool:
    """`Nathanael Johnson` over `January 10, 2020 9:00AM (UTC)`: a name alone over the date."""
    text = claims.text(index)
    return (
        len(text) <= 40
        and bool(_PLAIN_NAME.match(text))
        and claims.free(index + 1)
        and any(character.isdigit() for character in claims.text(index + 1))
        and len(text.split()) >= 2
        and is_person_name(text)
        and is_furniture(claims.text(index + 1))
    )


def _find_contributors(claims: _Claims) -> None:
    owner = claims.owner
    for index, line in enumerate(claims.lines):
        if owner[index] is None and (people := parse_contributors(0, line.text)):
            claims.claim(index, index + 1, "contributor", people=people)


def _find_furniture(claims: _Claims) -> None:
    """Furniture by form, short lines the page repeats, and alt text that repeats a caption."""
    short_lines = Counter(
        line.text for line in claims.lines if not _ends_as_sentence(line.text) and len(line.text.split()) <= 8
    )
    caption_texts = _caption_texts(claims)
    owner = claims.owner
    for index, line in enumerate(claims.lines):
        if owner[index] is None and (
            is_furniture(line.text) or short_lines[line.text] > 1 or line.text in caption_texts
        ):
            claims.claim(index, index + 1, "boilerplate")


# A label that stands alone over (or under) links to other stories.
_LINKS_LABEL = re.compile(
    r"^(?:(?P<list>related(?:\s+(?:coverage|content|stories|articles|links|reading))?|see\s+also|more\s+on\s+this(?:\s+story)?"
    r"|editors[’']?\s+(?:recommendations|picks)|recommended(?:\s+(?:for\s+you|stories|reading|articles))?"
    r"|you\s+(?:may|might)\s+also\s+like|more\s+in\s+\S.{0,40}|next\s+up(?:\s+in\s+\S.{0,30})?)"
    r"|(?P<one>read\s+more|explore\s+further))\s*:?$",
    re.I,
)
# No label the two patterns know is longer (`More in ` and 40 characters).
_LONGEST_LABEL = 60
# A label over the story's topic tags: `Tagged:`, `Filed under:`.
_TAGS_LABEL = re.compile(r"^(?:tagged(?:\s+with)?|filed\s+under|tags|topics|categories)\s*:?$", re.I)


def _find_related_links(claims: _Claims) -> None:
    """`Related` and the headlines listed under it; a headline with `Read more` under (or
    over) it: links to other stories, set in the body as lines of their own.  And `Tagged:`
    with the topic tags under it."""
    for index, line in enumerate(claims.lines):
        if len(line.text) > _LONGEST_LABEL:
            continue
        if _TAGS_LABEL.match(line.text):
            if claims.free(index):
                claims.claim(index, index + 1, "boilerplate")
            below = index + 1
            while claims.free(below) and len(claims.text(below).split()) <= 4 and not _ends_as_sentence(claims.text(below)):
                claims.claim(below, below + 1, "boilerplate")
                below += 1
            continue
        label = _LINKS_LABEL.match(line.text)
        if not label:
            continue
        if claims.free(index):
            claims.claim(index, index + 1, "boilerplate")
        if label["list"]:
            below = index + 1
            while claims.free(below) and _is_title(claims.text(below)):
                claims.claim(below, below + 1, "boilerplate")
                below += 1
        else:
            for neighbour in (index - 1, index + 1):
                if claims.free(neighbour) and _is_title(claims.text(neighbour)):
                    claims.claim(neighbour, neighbour + 1, "boilerplate")
                    break


def _caption_texts(claims: _Claims) -> set[str]:
    """Every line of the descriptions of the captions found so far."""
    return {
        part
        for span in claims.spans()
        if span.kind == "caption"
        for part in span.data["caption"].text.split("\n")
    }


def _is_heading(text: str) -> bool:
    # `Planes, trains ...` / `... and automobiles`: an ellipsis does not end a heading.
    core = _ELLIPSIS.sub("", text) if "..." in text or "…" in text else text
    if not core:
        return False
    if core.endswith("?"):
        return len(core.split()) <= 10
    # The cheapest tests first: most lines asked are paragraphs, too long to be headings.
    return (
        len(core) <= 90
        and not _ends_as_sentence(core)
        and len(core.split()) <= 12
        and (core[0].isupper() or core[0].isdigit() or core != text)
    )


def _is_title(text: str) -> bool:
    """A line that names or labels, not a sentence: a heading, a video title, a picture's
    label, the headline of a link to another story."""
    # The cheapest tests first: most lines asked are paragraphs, too long to be titles.
    return (
        len(text) <= 200
        and text[0].isupper()
        and not text.endswith("?")
        and not _ends_as_sentence(text)
        and len(text.split()) <= 25
        and not is_furniture(text)
    )


def _read_the_rest(claims: _Claims) -> None:
    """Lines no recogniser claimed: standalone captions, headings, paragraphs."""
    owner, lines = claims.owner, claims.lines
    free = [index for index, span in enumerate(owner) if span is None]
    unclaimed = set(free)
    # A picture's alt text repeats its caption: the first is the caption, a repeat is furniture.
    caption_texts = _caption_texts(claims)
    for number, index in enumerate(free):
        if owner[index] is not None:  # the second line of a caption pair
            continue
        text = lines[index].text
        if _is_caption_pair(claims, index, unclaimed):
            # A picture's label, then its caption: two titles in a row, between paragraphs.
            claims.claim(index, index + 2, "caption", caption=Caption(0, f"{text}\n{claims.text(index + 1)}"))
        elif text in caption_texts or _cut_short_copy(text, caption_texts):
            claims.claim(index, index + 1, "boilerplate")
        elif captions.looks_like_picture_description(text):
            claims.claim(index, index + 1, "caption", caption=Caption(0, text))
            caption_texts.add(text)
        elif _is_heading(text) and number + 1 < len(free) and not _is_heading(claims.text(free[number + 1])):
            claims.claim(index, index + 1, "heading")
        else:
            claims.claim(index, index + 1, "paragraph")
    _extend_galleries(claims)


def _cut_short_copy(text: str, caption_texts: set[str]) -> bool:
    """`The Redonda tree lizard ... were ...`: alt text that repeats a caption, cut short."""
    if not text.endswith(("...", "…")):
        return False
    stem = text.rstrip(".… ")
    return len(stem) >= 20 and any(caption.startswith(stem) for caption in caption_texts)


def _is_caption_pair(claims: _Claims, index: int, unclaimed: set[int]) -> bool:
    """Lines index and index+1 are titles, and the unclaimed lines around them are not (that
    would be a list of links): the pair stands between body paragraphs.  Nothing but that
    layout ties two lines with no credit into one caption, so prose must stand right above
    (a headline and the label under it at the top of a page are no picture's)."""
    return (
        index in unclaimed
        and index + 1 in unclaimed
        and index + 2 in unclaimed
        and _is_title(claims.text(index))
        and _is_title(claims.text(index + 1))
        and index - 1 in unclaimed
        and not _is_title(claims.text(index - 1))
        and not _is_title(claims.text(index + 2))
    )


def _extend_galleries(claims: _Claims) -> None:
    """A gallery: a line that stands among captions and reads as a scene is a caption too,
    and so is one between two captions whose first sentence is a dated scene."""
    changed = True
    while changed:
        changed = False
        spans = [span for span in claims.spans() if span.kind != "boilerplate"]
        last = len(spans) - 1
        for number, span in enumerate(spans):
            if span.kind != "paragraph":
                continue
            after_caption = number > 0 and spans[number - 1].kind == "caption"
            before_caption = number < last and spans[number + 1].kind == "caption"
            if not (after_caption or before_caption):
                continue
            text = claims.text(span.start)
            if captions.reads_as_scene(text) or (
                after_caption and before_caption and captions.opens_with_a_dated_scene(text)
            ):
                claims.claim(span.start, span.end, "caption", caption=Caption(0, text))
                changed = True


# Topic tags and the like are a few words: a short line after the story is not a paragraph.
_LONGEST_LABEL_WORDS = 6


def _find_trailing_labels(claims: _Claims) -> None:
    """After the story's last sentence, with only furniture below: short lines that are no
    sentence (topic tags such as `Malware` / `Mobile Security`) are furniture too."""
    for span in reversed(claims.spans()):
        if span.kind == "boilerplate":
            continue
        text = claims.text(span.start)
        if span.kind != "paragraph" or _ends_as_sentence(text) or len(text.split()) > _LONGEST_LABEL_WORDS:
            return
        claims.claim(span.start, span.end, "boilerplate")


def _find_headline(claims: _Claims) -> None:
    """The dump's first line, when nothing else claimed it and it reads as a headline, is the title
    (not when a caption follows: then it is that picture's label)."""
    below_kind = claims.owner[1].kind if len(claims.lines) > 1 and claims.owner[1] is not None else None
    if claims.lines and claims.free(0) and below_kind != "caption":
        below = [claims.text(index) for index in range(1, min(len(claims.lines), 4))]
        if headlines.is_headline(claims.text(0), below):
            claims.claim(0, 1, "title")


def segment(text: str, source: str) -> Article:
    """Split the text of one page dump into an Article by the rules: they find the sure forms
    and read the rest.  The learned scorer (`scorer.rescore`) judges paragraphs, headings and
    furniture afterwards, once the article's metadata (a sidecar's title) is known:
    `convert.parse_article` does both."""
    return segment_lines(split_lines(text), source)


def segment_lines(lines: list[Line], source: str, *, whole_page: bool = True) -> Article:
    """Split the non-blank lines of one page dump into an Article.

    `whole_page=False` for lines that are only part of a page (a run of an HTML page's
    text): what stands after them is not known, so their last lines are not taken for
    the furniture that follows a story.
    """
    claims = _Claims(join_broken_lines(lines))
    found_videos = _find_videos(claims)
    _find_dateline(claims)
    _find_bylines(claims)
    _find_credited_captions(claims)
    _link_thumbnails(claims, found_videos)
    _find_highlights(claims)
    _find_contributors(claims)
    _find_furniture(claims)
    _find_related_links(claims)
    if whole_page:
        _find_headline(claims)
    _read_the_rest(claims)
    if whole_page:
        _find_trailing_labels(claims)
    return _assemble(claims, source)


def _assemble(claims: _Claims, source: str) -> Article:
    article = Article(source=source)
    section = None
    video_numbers: dict[int, int] = {}
    pending_links: list[tuple[Caption, _Span]] = []
    for position, span in enumerate(claims.spans()):
        if span.end - span.start == 1:  # most spans are one line: no join to build
            raw = claims.lines[span.start].raw
        else:
            raw = "\n".join(line.raw for line in claims.lines[span.start : span.end])
        text = claims.text(span.start)
        article.blocks.append(Block(position, span.kind, raw))
        if span.kind == "paragraph":
            # The dateline opens the story, which a promo line or two may precede.
            if article.dateline is None and len(article.paragraphs) < 3 and (match := datelines.INLINE.match(text)):
                article.dateline = Dateline(position, datelines.tidy_place(match["place"]), match["outlet"].strip())
                text = match["rest"]
            article.paragraphs.append(Paragraph(position, text, section))
        elif span.kind == "heading":
            section = text
            article.headings.append(TextItem(position, text))
        elif span.kind == "highlight":
            article.highlights.append(TextItem(position, _BULLET_MARK.sub("", text)))
        elif span.kind == "caption":
            caption = span.data["caption"]
            caption.position = position
            article.captions.append(caption)
            if "video_span" in span.data:
                pending_links.append((caption, span.data["video_span"]))
        elif span.kind == "video":
            video = span.data["video"]
            video.position = position
            video_numbers[id(span)] = len(article.videos)
            article.videos.append(video)
        elif span.kind == "title":
            article.title = headlines.as_title(text)
        elif span.kind == "dateline" and article.dateline is None:
            article.dateline = Dateline(position, datelines.tidy_place(span.data["place"]), span.data["outlet"])
        elif span.kind == "boilerplate" and "byline" in span.data:
            article.byline = article.byline or span.data["byline"]
        elif span.kind == "contributor":
            article.contributors.extend(
                Contributor(position, person.name, person.outlet) for person in span.data["people"]
            )
    for caption, video_span in pending_links:
        caption.video = video_numbers[id(video_span)]
    return article
