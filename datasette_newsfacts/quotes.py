"""Direct quotations in body paragraphs: where they stand and what kind they are.

`find_quotes` scans one paragraph for quoted spans, curly or straight, and keeps those
that are quotations (not scare quotes, nicknames or titles).  An unclosed quote runs to
the paragraph's end, so a stray mark never swallows the rest of an article.  Who said
each quote is worked out in `attribution`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import ACCORDING_TO, AFTER_INVERTED, AFTER_NORMAL, EVALUATIVE, REPORTING_WORD, SCARE_LEAD, WORD, sentence_before

_OPEN = ("“", "\"", "''", "``")

_FUNCTION_WORDS = {
    "a", "an", "the", "as", "of", "to", "for", "by", "with", "from", "that", "is", "was", "are", "were",
    "be", "being", "been", "it", "its", "his", "her", "their", "our", "my", "this", "these", "those",
    "than", "like", "and", "or", "but", "at", "in", "on", "into", "about", "called", "call",
}


@dataclass
class Span:
    open: int  # index of the opening mark
    start: int  # text start (after the mark)
    end: int  # text end (before the closing mark, or the paragraph's end)
    closed: bool
    after: int  # where the text after the closing mark starts



def _is_opening(text: str, index: int, mark: str) -> bool:
    if mark in ("“", "``"):
        return True
    before = text[index - 1] if index else " "
    after = text[index + len(mark)] if index + len(mark) < len(text) else " "
    return (before.isspace() or before in "([{—–-/") and not after.isspace()

# Curly and straight double quotes, and the doubled apostrophes (''...'', or ``...'') that
# typewriter-era archives and some wire feeds write for them.
_MARKS = re.compile("''|``|[“”\"]")


def scan_spans(text: str) -> list[Span]:
    """Quoted spans in one paragraph; an unclosed quote runs to the paragraph's end."""
    if "“" not in text and "”" not in text and '"' not in text and "''" not in text and "``" not in text:
        return []  # most paragraphs: a few string scans cost less than the pattern's
    spans: list[Span] = []
    current: int | None = None
    start = 0
    for mark in _MARKS.finditer(text):
        index, char = mark.start(), mark.group(0)
        if current is None:
            if char in _OPEN and _is_opening(text, index, char):
                current, start = index, mark.end()
        elif char in ("“", "``"):
            current, start = index, mark.end()  # the earlier mark was stray: start again here
        elif index == start:
            continue  # a doubled mark (“”This ...): the quote has not started yet
        else:
            spans.append(Span(current, start, index, True, mark.end()))
            current = None
    if current is not None:
        spans.append(Span(current, start, len(text), False, len(text)))
    return spans


def _is_quotation(text: str, span: Span) -> bool:
    """A quotation, not a scare quote, a nickname or a title."""
    inner = text[span.start : span.end].strip()
    words = WORD.findall(inner)
    if not words:
        return False
    before = text[: span.open]
    if SCARE_LEAD.search(before):
        return False
    after = text[span.after : span.after + 80] if span.closed else ""
    cued = bool(AFTER_NORMAL.match(after) or AFTER_INVERTED.match(after))
    spoken = inner[-1:] in ".?!…" or (inner[-1:] == "," and (cued or inner[:1].isupper()))
    if len(words) == 1:
        # "So," Alito declared / "Done?" / called them "brilliant." -- but not "THAAD"
        return spoken and (cued or inner[-1:] in ".?!")
    long_words = [w for w in words if len(w) >= 4]
    if long_words and all(w[0].isupper() for w in long_words) and not cued and len(words) <= 8:
        return False  # a title or a name: “Marriage Story,” “Climate Innovation Fund”
    if len(words) <= 3 and not spoken and not cued:
        # a short phrase in marks is a partial quote only beside words of saying,
        # and never when it modifies the noun after it (“gig economy” workers)
        if inner[-1:].isalnum() and re.match(
            r"^(?:[”\"]|'')?\s+(?!(?:and|or|but|in|on|at|to|for|from|by|with|as|of|that|which|when|while|according)\b)[a-z]",
            text[span.end : span.end + 16],
        ):
            return False
        sentence = sentence_before(text, span.open) + " " + after.split(". ")[0]
        return bool(REPORTING_WORD.search(sentence) or EVALUATIVE.search(sentence) or ACCORDING_TO.search(sentence))
    return True


def _quote_kind(text: str, span: Span) -> str:
    inner = text[span.start : span.end].lstrip(" .…(")
    if not inner[:1].isupper():
        return "partial"
    words_before = WORD.findall(text[: span.open][-40:])
    if words_before and words_before[-1].lower() in _FUNCTION_WORDS and not text[: span.open].rstrip().endswith((",", ":")):
        return "partial"
    return "full"


def find_quotes(text: str) -> list[tuple[Span, str]]:
    """The quotations in one paragraph, each with its kind."""
    return [(span, _quote_kind(text, span)) for span in scan_spans(text) if _is_quotation(text, span)]
