"""Contributor lines: `CNN’s James Griffiths contributed to this report.`"""

from __future__ import annotations

import re

from .model import Contributor

_LINE = re.compile(
    r"^(?:(?P<outlet>[A-Z][\w&.]*(?: [A-Z][\w&.]*){0,2})['’]s? )?(?P<names>.+?)"
    r"(?: of (?P<outlet_after>[A-Z][\w&.]*(?: [A-Z][\w&.]*){0,2}))?"
    r" (?:contributed|also contributed|contributed reporting)(?: to)?(?: this)?(?: report(?:ing)?| story)?"
    r"(?: from [^.]+)?\.?$"
)
_NAME = re.compile(r"^[A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|de|da|van|von|der|bin|al|el|la|le)){1,4}$")
_SEPARATORS = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


def parse_contributors(position: int, text: str) -> list[Contributor] | None:
    """The people a contributor line names, or None when the line is not one."""
    match = _LINE.match(text)
    if not match:
        return None
    names = [name.strip() for name in _SEPARATORS.split(match.group("names")) if name.strip()]
    if not names or not all(_NAME.match(name) for name in names):
        return None
    outlet = match.group("outlet") or match.group("outlet_after")
    return [Contributor(position, name, outlet) for name in names]
