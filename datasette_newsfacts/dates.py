"""Publication dates as pages and corpora print them, read into one form that sorts.

`2023-11-06T16:22:00-05:00`, `Mon, 06 Nov 2023 21:22:00 GMT`, `November 6, 2023`,
`6 Nov 2023`, `1699305720`: `iso_date` gives `2023-11-06T21:22:00Z` for the first two and
the last (a time zone given: in UTC), `2023-11-06` for the others (a date alone).  A date
it cannot read is kept as printed, never dropped.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

# A month's name as text prints it, in full or cut short (`Sept.`): for the patterns that look for dates.
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
# Dates printed in words, without a time (strptime's month names are English in the C locale).
_WORDED = ("%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d")
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.I)
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b")
_SEPT = re.compile(r"\bSept\b", re.I)  # the one month abbreviation strptime does not know
_DATE_ONLY = re.compile(r"^\d{4}-?\d{2}-?\d{2}$")
_TIMESTAMP = re.compile(r"^\d{9,13}(?:\.\d+)?$")


def read_date(text: str | None) -> tuple[datetime, bool] | None:
    """The moment a date names, and whether it gives a time of day; None when unreadable."""
    if not text:
        return None
    text = " ".join(text.split())
    if _TIMESTAMP.match(text):  # seconds, or milliseconds, since 1970
        seconds = float(text) / (1000 if len(text.split(".")[0]) > 10 else 1)
        return datetime.fromtimestamp(seconds, timezone.utc), True
    try:
        return datetime.fromisoformat(text), not _DATE_ONLY.match(text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text), True
    except (TypeError, ValueError, IndexError):
        pass
    worded = _SEPT.sub("Sep", _ORDINAL.sub("", _WEEKDAY.sub("", text))).replace(".", "")
    for form in _WORDED:
        try:
            return datetime.strptime(worded, form), False
        except ValueError:
            continue
    return None


def iso_date(text: str | None) -> str | None:
    """ISO 8601: in UTC (`...Z`) when the text gives a time zone, as printed when it gives a
    time without one, the date alone when it gives no time; unreadable text unchanged."""
    found = read_date(text)
    if found is None:
        return (text.strip() or None) if text else None
    when, has_time = found
    if not has_time:
        return when.strftime("%Y-%m-%d")
    if when.tzinfo is not None:
        return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return when.strftime("%Y-%m-%dT%H:%M:%S")
