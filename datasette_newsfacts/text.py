"""Turning the bytes of a dump into lines the recognisers can read."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Dumps copied from browsers carry every kind of space; recognisers see one.
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_LINE_BREAKS = re.compile(r"\r\n|\r|\n|\u2028|\u2029|\x0b|\x0c|\x1c|\x1d|\x1e|\x85")


class DumpError(ValueError):
    """A dump that cannot be read as text; the message says why."""


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank input line: `raw` as it stood, `text` with spaces tidied."""

    raw: str
    text: str


def clean(text: str) -> str:
    """Collapse every run of white space (non-breaking too) to one space and strip."""
    return _SPACES.sub(" ", text).strip()


def decode(data: bytes, encoding: str = "utf-8") -> str:
    """Decode a dump, refusing binary data and dropping a byte-order mark."""
    if not data.strip():
        raise DumpError("the file is empty")
    head = data[:8192]
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    if b"\x00" in head or controls > len(head) // 20:
        raise DumpError("the file is binary, not a text dump")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise DumpError(
            f"the file is not valid {encoding} (byte {error.start}); "
            "pass --encoding with the file's encoding, for example --encoding cp1252"
        ) from None
    except LookupError:
        raise DumpError(f"unknown encoding {encoding!r}") from None
    return text.lstrip("\ufeff")


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of a dump, whatever its line endings."""
    lines = []
    for raw in _LINE_BREAKS.split(text):
        tidy = clean(raw)
        if tidy:
            lines.append(Line(raw, tidy))
    return lines
