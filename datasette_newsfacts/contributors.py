"""Contributor lines: `CNN’s James Griffiths contributed to this report.`"""

from __future__ import annotations

import re

from .model import Contributor
from .text import CAPITAL

_OUTLET = r"[A-Z][\w&.]*(?: [A-Z][\w&.]*){0,2}"
_LINE = re.compile(
    # `CNN’s James Griffiths`, `Reuters' Ivan Petrov` or `Associated Press writer Ana Ruiz`
    rf"^(?:(?P<outlet>{_OUTLET})(?:['’]s?| (?:staff )?(?:writer|reporter|correspondent|journalist)s?) )?(?P<names>.+?)"
    rf"(?: of (?P<outlet_after>{_OUTLET}))?"
    r" (?:contributed|also contributed|contributed reporting)(?: to)?(?: this)?(?: report(?:ing)?| story)?"
    r"(?: from [^.]+)?\.?$"
)
# Wire style: `Additional reporting by Steve Gorman; Editing by ...` (editors are not contributors).
_REPORTING_BY = re.compile(r"^(?:Additional )?[Rr]eporting by (?P<names>[^;]+?)\.?(?:;.*)?$")
# `Ana Ruiz in Lagos`: where a reporter filed from is not part of the name.
_FILED_FROM = re.compile(rf"\s+in\s+{CAPITAL}[\w.'’-]*(?:\s+{CAPITAL}[\w.'’-]*)*$")
_NAME = re.compile(rf"^{CAPITAL}[\w.'’-]*(?: (?:{CAPITAL}[\w.'’-]*|de|da|van|von|der|bin|al|el|la|le)){{1,4}}$")
_SEPARATORS = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


def parse_contributors(position: int, text: str) -> list[Contributor] | None:
    """The people a contributor line names, or None when the line is not one."""
    if "contributed" not in text and "eporting by" not in text:
        return None  # both forms need one of these words: skip the patterns for every other line
    if match := _LINE.match(text):
        outlet = match.group("outlet") or match.group("outlet_after")
    elif match := _REPORTING_BY.match(text):
        outlet = None
    else:
        return None
    names = [_FILED_FROM.sub("", name.strip()) for name in _SEPARATORS.split(match.group("names")) if name.strip()]
    if not names or not all(_NAME.match(name) for name in names):
        return None
    return [Contributor(position, name, outlet) for name in names]
