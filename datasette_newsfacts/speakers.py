"""Speaker names: telling people from bodies, dropping titles, canonical keys."""

from __future__ import annotations

import re
import unicodedata

TITLES = (
    "President|Vice President|President-elect|Prime Minister|Deputy Prime Minister|Foreign Minister|"
    "Defense Minister|Minister|Secretary|Secretary of State|Sen\\.|Senator|Rep\\.|Representative|Gov\\.|"
    "Governor|Mayor|Justice|Chief Justice|Judge|Gen\\.|General|Lt\\.|Col\\.|Capt\\.|Adm\\.|Sgt\\.|Maj\\.|"
    "Dr\\.|Mr\\.|Mrs\\.|Ms\\.|Prof\\.|Professor|Pope|King|Queen|Prince|Princess|Chancellor|Speaker|"
    "Leader|Chairman|Chairwoman|Ambassador|Attorney General|Sheriff|Officer|Detective|Rev\\.|Bishop|"
    "Archbishop|Cardinal|Sir|Dame|Lord|Lady"
)
_TITLE_PREFIX = re.compile(rf"^(?:(?:{TITLES})\s+)+")
_ORGANISATION_WORDS = re.compile(
    r"\b(?:Ministry|Department|Party|University|College|School|Agency|Council|Office|Court|Police|"
    r"Army|Navy|Government|Committee|Commission|House|Service|Bank|Inc|Corp|Company|Group|Association|"
    r"Union|Foundation|Institute|Center|Centre|News|Times|Post|Network|Administration|Embassy|"
    r"Parliament|Congress|Senate|Assembly|Federation|Organization|Organisation|Board|Bureau|Authority|"
    r"Force|Forces|Command|Pentagon|Kremlin|Coalition|Campaign|Club|League|Society|Trust|Fund|"
    r"Corporation|Ltd|LLC|Team|Project|Alliance|Movement|Front|Guard|Council)\b"
)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.]{1,9}$")


def key(name: str) -> str:
    """The key one speaker is known by: case, quotes, dashes and spacing unified."""
    text = unicodedata.normalize("NFKC", name)
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    return " ".join(text.lower().split())


def is_organisation(name: str) -> bool:
    """KCNA, the Ministry of National Defense, Troy University: bodies, not people."""
    return bool(_ACRONYM.match(name) or _ORGANISATION_WORDS.search(name))


def split_title(name: str) -> tuple[str, str | None]:
    """`President Park Geun-hye` -> (`Park Geun-hye`, `President`)."""
    match = _TITLE_PREFIX.match(name)
    if not match or match.end() == len(name):
        return name, None
    return name[match.end():], match.group(0).strip()


def is_person_name(name: str) -> bool:
    """Two to four capitalised words that do not name a body."""
    words = name.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not is_organisation(name)
