"""Video promos: a title line, then its duration and source."""

from __future__ import annotations

import re

# `02:42`, `1:02:03`: found anywhere in a line by DURATION, or as the duration group below.
DURATION = re.compile(r"(?:\d{1,2}:)?\d{1,2}:\d{2}")
_DURATION = rf"(?P<duration>{DURATION.pattern})"
# `02:42 - Source: CNN` on one line ...
DURATION_LINE = re.compile(rf"^{_DURATION}\s*[-–—]\s*Source:\s*(?P<source>.+?)\s*$")
# ... or `05:22`, `- Source:`, `CNN` on three.
DURATION_ONLY = re.compile(rf"^{_DURATION}$")
SOURCE_LABEL = re.compile(r"^[-–—]\s*Source:\s*(?P<source>.*?)\s*$")
# What a video player prints around a promo: `Video Ad Feedback`, `Watch video`, `Play`.
PLAYER_LINE = re.compile(r"^(?:video(?:\s+ad\s+feedback)?|(?:play|watch|replay)(?:\s+(?:the\s+)?video)?)$", re.I)


def duration_seconds(duration: str) -> int:
    """`02:42` -> 162, `1:02:03` -> 3723."""
    seconds = 0
    for part in duration.split(":"):
        seconds = seconds * 60 + int(part)
    return seconds
