"""Bylines printed in a dump: `By Jo Marsh`, `by Bob Yirka , Phys.org`, `Written by: Julie Mollins`,
`By Jon Porter @JonPorty Jul 3, 2019, 4:22am EDT`.

A byline is the word "by", the names, then only what a byline carries besides: an outlet, a
handle, a date and a time.  Prose that opens with "By" goes on in ordinary words
(`By Monday, the river had fallen.`), so it is never one.
"""

from __future__ import annotations

import re

from .dates import MONTH
from .text import CAPITAL

_NAME_WORD = rf"(?!{MONTH}(?:\s|$)|Follow\b|Updated\b|Published\b){CAPITAL}[\w.'’-]*"
_NAMES = rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|and|&|de|van|von|der|la|le|al|bin|da|du)|\s*,\s*{_NAME_WORD})*"
# What may follow the names: separators, capitalised words (an outlet, `Follow`), a handle,
# numbers and times, month names, a zone in brackets.
_EXTRA = (
    r"(?:\s*[,•|·–—/-]\s*|\s+)"
    r"(?:@\w+|[A-Z][\w.'’&-]*|\d[\d:,./]*(?:\s?[ap]\.?m\.?)?|[ap]\.?m\.?|\([A-Z]{2,4}\)|on|at|and|updated|published)"
)
BYLINE = re.compile(rf"^(?:[-–—]+\s*)?(?:[Ww]ritten\s+)?(?:[Bb]y|BY):?\s+(?P<names>{_NAMES})(?:{_EXTRA})*\s*$")


# What a byline's first three characters can be: a cheap look before the pattern.
_STARTS = ("by ", "by:", "wri", "-", "–", "—")


def read_byline(text: str) -> str | None:
    """The names a byline line gives, or None when the line is no byline."""
    if len(text) > 120 or not text[:3].lower().startswith(_STARTS) or (match := BYLINE.match(text)) is None:
        return None
    # `Bob Yirka , Phys.org`, `Ana Ruiz, CNN`: a single word after a comma is the outlet
    parts = [part.strip() for part in match["names"].split(",")]
    while len(parts) > 1 and len(parts[-1].split()) == 1:
        parts.pop()
    return ", ".join(parts)
