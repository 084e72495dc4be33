"""Datelines: where a story was filed from, and for which outlet."""

from __future__ import annotations

import re

from .text import CAPITAL

_DASH = r"(?:—|–|--|-)"
_PLACE = rf"{CAPITAL}[\w.'’]*(?:[ ,]+{CAPITAL}[\w.'’]*){{0,4}}"
_OUTLET = r"(?:CNN(?: Business| Politics)?|AP|AFP|Reuters|BBC|NPR|UPI|Bloomberg|The Associated Press|[A-Z]{2,6})"

# `Seoul CNN  — ` standing on its own line.
OWN_LINE = re.compile(rf"^(?:(?P<place>{_PLACE})\s+)?\(?(?P<outlet>{_OUTLET})\)?\s*{_DASH}$")
# `CNN` then `—` on separate lines, the place on the line before, if any.
OUTLET_ONLY = re.compile(rf"^\(?(?P<outlet>{_OUTLET})\)?$")
DASH_ONLY = re.compile(rf"^{_DASH}$")
PLACE_ONLY = re.compile(rf"^{_PLACE}$")
# `WASHINGTON (CNN) --`, `MEXICO CITY (AP) —`, `LONDON (Reuters) -`, `Hong Kong (CNN) —`,
# `SEOUL, Aug. 20 (Yonhap) --`, `(CNN) --` opening the story: a place (and the date), the
# outlet in brackets, a dash, then the story, which starts as a sentence does
# (`Apple (AAPL) - shares rose` is no dateline).
_DATE = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}"
INLINE = re.compile(
    rf"^(?:(?P<place>{CAPITAL}[\w.'’]*(?:[ ,-]+{CAPITAL}[\w.'’]*){{0,4}}?)(?:,\s*{_DATE})?\s*)?"
    rf"\((?P<outlet>[A-Z][\w .&]{{0,30}})\)\s*{_DASH}\s*(?P<rest>(?:{CAPITAL}|[0-9\"“‘']).*)$"
)


def tidy_place(place: str | None) -> str | None:
    """WASHINGTON -> Washington, so one place is one facet value whatever the style.

    Words in capitals are title-cased, except two-letter abbreviations after a comma
    (`WASHINGTON, DC` -> `Washington, DC`); places already in mixed case stay as printed.
    """
    if not place:
        return None
    place = place.strip(" ,")
    head, comma, tail = place.partition(",")
    head = head.title() if head.isupper() else head
    tail = re.sub(r"\b[A-Z]{3,}\b", lambda word: word[0].title(), tail)
    return head + comma + tail
