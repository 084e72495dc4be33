"""The headline at the top of a page dump, found by its form.

A copied page often starts with its headline: the first line, a few words long, that reads as
a name rather than as prose — it does not end as a sentence does, or it is set in title case
(`Stealth Over Health: Clinton Was Headed to ER.`; some corpora end even headlines with a full
stop), or it is one short sentence over a line half as long again (the lede) — and that is
followed by more text than itself.  Lines the other recognisers claim first
(a picture's label over its credit, a video promo, a byline, page furniture, a standfirst) are
never taken for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from . import captions, datelines

# Headlines run from three words (`Ferry runs again`) to a long two-clause line; a shorter line
# at the top is a section label (`Motherboard`), a longer one prose.
SHORTEST_WORDS = 3
LONGEST_WORDS = 25
# Words a title-case headline leaves in lower case.
_MINOR_WORDS = frozenset(
    "a an and as at but by for from in into nor of off on onto or over per so than the to up via vs with yet".split()
)
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_SENTENCE_END = re.compile(r"[.…][\"”’')\]]*$")
# A full stop after a word (not `U.S.` or `No.`), perhaps inside closing quotes, which a headline does not need.
_FULL_STOP = re.compile(r"(?<=[a-z0-9”’\"')])\.(?=[\"”’']?$)")
# A headline with a full stop is still one short sentence, over a lede at least this many times as long.
_SHORT_SENTENCE_WORDS = 15
_STORY_RATIO = 1.5
# Headlines tell of the past in the present tense (`Council votes to close pier`); a lede does not
# (`The council voted on Tuesday ...`): a full-stopped line with a verb in the past is prose.
_PAST_TENSE = re.compile(r"\b(?:[a-z]{2,}ed|said|was|were|had|told|made|took|came|went|gave|got)\b")
_INNER_SENTENCE = re.compile(r"[.!?][\"”’']?\s+[A-Z“\"‘]")


def _title_case(text: str) -> bool:
    """Most words capitalised, the small ones aside (`Clinton Was Headed to ER`)."""
    words = [word for word in _WORD.findall(text) if word.lower() not in _MINOR_WORDS]
    return len(words) >= 2 and sum(word[0].isupper() for word in words) >= 0.8 * len(words)


def is_headline(line: str, following: list[str]) -> bool:
    """Whether the first line of a dump, with the lines after it, is the story's headline."""
    words = line.split()
    if not SHORTEST_WORDS <= len(words) <= LONGEST_WORDS or not following:
        return False
    if not (line[0].isupper() or line[0].isdigit() or line[0] in "\"“‘'"):
        return False
    if datelines.INLINE.match(line) or captions.reads_as_scene(line):
        return False  # the story's first paragraph, or a picture's caption
    if captions.is_credit_line(following[0]):
        return False  # a picture's label over its credit
    below = max(len(text.split()) for text in following)
    if _SENTENCE_END.search(line) and not _title_case(line):
        # prose (the story's first sentence, a caption), unless it is one short sentence over a
        # longer line (within the next three): a headline its corpus ended with a full stop, then the lede
        if (
            len(words) > _SHORT_SENTENCE_WORDS
            or _INNER_SENTENCE.search(line)
            or _PAST_TENSE.search(" ".join(words[1:]))
            or below < _STORY_RATIO * len(words)
        ):
            return False
    # the story follows: more words below it than in it
    return sum(len(text.split()) for text in following) > len(words)


def as_title(line: str) -> str:
    """The headline as a title: without a full stop at its end."""
    return _FULL_STOP.sub("", line.strip())


# A headline among the paragraphs is at most this long (longer lines are prose).
LONGEST_CHARS = 160
_LOWER_WORD = re.compile(r"\b[a-z]{4}")
_UPPER_WORD = re.compile(r"\b[A-Z][a-z]{3}")


def _title_case_words(text: str) -> list[str] | None:
    """The capitalised words of a line in title case (three in four words of four letters or
    more capitalised), or None for a line that is not."""
    if len(text) > LONGEST_CHARS or len(_LOWER_WORD.findall(text, 0, 64)) > 3:
        return None  # prose (its opening words are in lower case): no need to read them all
    lower = len(_LOWER_WORD.findall(text))
    if lower > 6 or len(_UPPER_WORD.findall(text)) < max(3, 3 * lower):
        return None  # too few capitalised words to be three in four
    content = [word for word in _WORD.findall(text) if len(word) >= 4]
    capitalised = [word for word in content if word[0].isupper()]
    return capitalised if len(capitalised) >= 3 and len(capitalised) >= 0.75 * len(content) else None


def is_title_case_headline(text: str, writes_in_lower_case: Callable[[str], bool]) -> bool:
    """A headline standing among a story's paragraphs (a corpus that gives the title as its first
    paragraph), told by the article's own words: in title case, with at least two capitalised
    words the article writes in lower case elsewhere (`Ben Carson Defends Himself`, beside
    "defends" and "himself" in the prose), so that a line of names (`Ted Cruz, Marco Rubio and
    Ben Carson spoke.`) is none.  A headline's capitalised runs are no names (`Carson Defends
    Himself`); quote finding asks this (`attribution`) before taking names from a paragraph."""
    words = _title_case_words(text)
    return words is not None and sum(map(writes_in_lower_case, words)) >= 2
