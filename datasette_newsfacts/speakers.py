"""Speaker names: telling people from bodies, dropping titles, canonical keys."""

from __future__ import annotations

import functools
import re

from .text import fold

TITLES = (
    "President|Vice President|President-elect|Prime Minister|Deputy Prime Minister|Foreign Minister|"
    "Defense Minister|Minister|Secretary|Secretary of State|Sen\\.|Senator|Rep\\.|Representative|Gov\\.|"
    "Governor|Mayor|Justice|Chief Justice|Judge|Gen\\.|General|Lt\\.|Col\\.|Capt\\.|Adm\\.|Sgt\\.|Maj\\.|"
    "Dr\\.?|Mr\\.?|Mrs\\.?|Ms\\.?|Prof\\.|Professor|Pope|King|Queen|Prince|Princess|Chancellor|Speaker|"
    "Leader|Chairman|Chairwoman|Ambassador|Attorney General|Sheriff|Officer|Detective|Rev\\.|Bishop|"
    "Archbishop|Cardinal|Sir|Dame|Lord|Lady|"
    # after the titles they begin, so that `Chief Executive` is one title and not `Chief`
    "Chief Executive Officer|Chief Executive|Chief|CEO|Director|Commissioner|Inspector|Superintendent|Coach"
)
# The titles written with a point ("Sen.", "Dr."), where the point ends no sentence.
ABBREVIATED_TITLES = tuple(dict.fromkeys(re.findall(r"(\w+)\\\.", TITLES)))
_ORGANISATION_WORDS = re.compile(
    r"\b(?:Ministry|Department|Party|University|College|School|Agency|Council|Office|Court|Police|"
    r"Army|Navy|Government|Committee|Commission|House|Service|Bank|Inc|Corp|Company|Group|Association|"
    r"Union|Foundation|Institute|Center|Centre|News|Times|Post|Network|Administration|Embassy|"
    r"Parliament|Congress|Senate|Assembly|Federation|Organization|Organisation|Board|Bureau|Authority|"
    r"Force|Forces|Command|Pentagon|Kremlin|Coalition|Campaign|Club|League|Society|Trust|Fund|"
    r"Corporation|Ltd|LLC|Team|Project|Alliance|Movement|Front|Guard|Council|"
    # documents, named like bodies: never who spoke
    r"Agreement|Accord|Accords|Treaty|Protocol|Convention)\b"
)
# `al-Şahin`, `d’Estaing`: a name word that starts with a lower-case particle.
NAME_PARTICLE = r"(?:al|el|ad|bin|ibn|abu|ben|d|l)[-’']"
_PARTICLE = re.compile(rf"{NAME_PARTICLE}[^\W\d_]", re.I)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.]{1,9}$")


@functools.lru_cache(maxsize=16384)
def key(name: str) -> str:
    """The key one speaker is known by: case, quotes, dashes and spacing unified."""
    return fold(name)


@functools.lru_cache(maxsize=16384)  # names recur within and across articles
def is_organisation(name: str) -> bool:
    """KCNA, the Ministry of National Defense, Troy University: bodies, not people."""
    return bool(_ACRONYM.match(name) or _ORGANISATION_WORDS.search(name))


_TITLE_WORD = re.compile(rf"(?:^|(?<=\s))(?:{TITLES})(?=\s)")


@functools.lru_cache(maxsize=16384)  # names recur within and across articles
def split_title(name: str) -> tuple[str, str | None]:
    """`President Park Geun-hye` -> (`Park Geun-hye`, `President`);
    `Microsoft President Brad Smith` -> (`Brad Smith`, `Microsoft President`)."""
    last = None
    for match in _TITLE_WORD.finditer(name):
        if name[match.end():].strip():
            last = match
    if last is None:
        return name, None
    return name[last.end():].strip(), name[: last.end()].strip()


# Names of places, not people: "North Korea", "New York", "Ahr Valley", "San Francisco".
_PLACE_START = {"north", "south", "east", "west", "new", "los", "las", "san", "santa", "saint", "st.", "fort",
                "port", "mount", "lake", "cape", "upper", "lower", "greater", "central"}
_PLACE_WORDS = re.compile(
    r"\b(?:Valley|River|Mountains?|Islands?|Street|Avenue|Road|City|County|State|Province|Republic|Kingdom|"
    r"Sea|Ocean|Lake|Bay|Square|Bridge|Airport|Station|Hotel|Tower|Hospital|Museum|Church|Festival|Awards?|"
    r"Prize|Act|Day|Week|War|Games|Cup|Island|Peninsula|Strait|Gulf|Coast|Region|District|Village|Town)\b"
)


@functools.lru_cache(maxsize=16384)  # names recur within and across articles
def is_person_name(name: str) -> bool:
    """One to four capitalised words that name neither a body nor a place."""
    words = name.split()
    return (
        1 <= len(words) <= 4
        and all(w[:1].isupper() or _PARTICLE.match(w) for w in words)
        and not is_organisation(name)
        and words[0].lower() not in _PLACE_START
        and not _PLACE_WORDS.search(name)
        and not any(w.endswith(("’s", "'s")) for w in words)
    )


# A described source who is a person (`a spokesman`, `officials`), so that "he said" can point
# back to them and a count of sources can tell them from named people and from bodies.
HUMAN_NOUN = re.compile(
    r"\b(?:spokes(?:wo)?man|spokesperson|official|officer|doctor|researcher|scientist|analyst|expert|lawyer|"
    r"attorney|resident|witness|winemaker|waiter|waitress|teacher|student|worker|employee|executive|director|"
    r"manager|minister|president|mayor|man|woman|professor|economist|engineer|nurse|farmer|soldier|activist|"
    r"protester|victim|survivor|mother|father|owner|founder|chief|member|voter|player|coach|judge|diplomat|"
    r"source|aide|adviser|advisor|consultant|neighbor|neighbour|friend|relative|son|daughter|wife|husband)s?\b",
    re.I,
)

SPEAKER_KINDS = ("person", "organisation", "unnamed")


@functools.lru_cache(maxsize=16384)  # names recur within and across articles
def kind(name: str) -> str:
    """What a canonical speaker is: a named `person`; an `organisation` (a body or a document,
    named or described: `KCNA`, `the ministry`); or an `unnamed` source, a person described
    but not named (`officials`, `a spokesman for the ministry`)."""
    described = name.split(" ", 1)[0].lower() in ("a", "an", "the")  # `A spokesman for ...`
    if (name[:1].isupper() or name[:1].isdigit()) and not described:
        return "person" if is_person_name(name) else "organisation"
    return "unnamed" if HUMAN_NOUN.search(name) else "organisation"
