"""Turning the bytes of a dump into lines the recognisers can read."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


class DumpError(ValueError):
    """A dump that cannot be read as text; the message says why."""


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank input line: `raw` as it stood, `text` with spaces tidied."""

    raw: str
    text: str


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\ufeff"), " ")


_DOUBLE_QUOTES = re.compile(r"[“”„‟″\"]")
_SINGLE_QUOTES = re.compile(r"[‘’‚‛′`]")
_DASHES = re.compile(r"[‐‑‒–—―]")


def fold(text: str | None) -> str:
    """The form two texts are compared in: NFKC, lower case, one kind of quote and dash, spaces collapsed."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _DASHES.sub("-", _SINGLE_QUOTES.sub("'", _DOUBLE_QUOTES.sub('"', text)))
    return " ".join(text.split())


def clean(text: str) -> str:
    """Collapse every run of white space (non-breaking too) to one space and strip."""
    if "\u200b" in text or "\ufeff" in text:  # spaces str.split() does not know
        text = text.translate(_INVISIBLE)
    return " ".join(text.split())


# Every byte but the control characters that never stand in text (tab to carriage return do).
_NOT_CONTROL = bytes(byte for byte in range(256) if not (byte < 9 or 13 < byte < 32))


def decode(data: bytes, encoding: str = "utf-8") -> str:
    """Decode a dump, refusing binary data and dropping a byte-order mark."""
    if not data.strip():
        raise DumpError("the file is empty")
    head = data[:8192]
    controls = len(head.translate(None, _NOT_CONTROL))  # the control bytes of the head, counted in C
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


def decode_html(data: bytes, encoding: str = "utf-8") -> str:
    """Decode an HTML page: UTF-8 or the encoding given, else the charset the page declares."""
    try:
        return decode(data, encoding)
    except DumpError as error:
        if "not valid" not in str(error):
            raise
    from bs4.dammit import UnicodeDammit

    markup = UnicodeDammit(data, is_html=True).unicode_markup
    if markup is None:
        raise DumpError(f"the page is not valid {encoding} and declares no charset; pass --encoding")
    return markup.lstrip("\ufeff")


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of a dump, whatever its line endings."""
    # str.splitlines() breaks on every line ending: \r\n, \r, \n, \v, \f, \x1c-\x1e, \x85,
    # \u2028 and \u2029.
    if "\u200b" in text or "\ufeff" in text:
        return [Line(raw, tidy) for raw in text.splitlines() if (tidy := clean(raw))]
    # No invisible spaces anywhere: clean() reduces to its join.
    return [Line(raw, tidy) for raw in text.splitlines() if (tidy := " ".join(raw.split()))]


# A capital letter of any Latin, Greek or Cyrillic alphabet, not only ASCII's: "Émile Zola",
# "Øystein Berg", "SÃO PAULO".  For patterns; str.isupper() says the same of one character.
CAPITAL = "[A-Z" + "".join(c for c in map(chr, range(0xC0, 0x530)) if c.isupper()) + "]"

_CLOSERS = "\"”’')]"
_ENDS_OPEN = re.compile(
    r"(?:,|\b(?:a|an|the|of|to|by|for|with|from|in|on|at|as|and|or|but|that|said|says|told|than|about|into|its|his|her|their))$",
    re.I,
)
# _ENDS_OPEN matches at most the last five characters (`their`, `about`), so it is searched
# from there: a search from the start would try every position of a long line.  (`\b` still
# sees the character before that position.)
_ENDS_OPEN_LONGEST = 5
_LINK_TEXT = re.compile(r"^[A-Z][\w.'’-]*(?: [A-Za-z][\w.'’-]*){0,3}$")


def _ends_sentence(text: str) -> bool:
    r"""Does tidied `text` end a sentence: `.`, `!`, `?` or `…`, perhaps inside quotes or
    brackets, or `:` / `;`?  (The pattern `[.!?…]["”’')\]]*$|[:;]$`, without a regex search
    that tries every position of the line.)"""
    return text.endswith((":", ";")) or text.rstrip(_CLOSERS).endswith((".", "!", "?", "…"))


def _ends_open(text: str) -> bool:
    """Does `text` end on a comma or a word like `of`, so that the sentence goes on?"""
    return bool(_ENDS_OPEN.search(text, max(0, len(text) - _ENDS_OPEN_LONGEST)))


def _starts_lower(line: str) -> bool:
    """Does `line` start in lower case, as a sentence's middle does?  `iOS` and `eBay` do not:
    names written so start sentences too."""
    if not line[0].islower():
        return False
    first = line.split(None, 1)[0]
    return first.islower() or not first.isalpha()


def _continues(merged: str, line: str) -> bool:
    """Could `line` carry on the sentence that `merged` left open?"""
    return _starts_lower(line) or line[0] in ",;.)’'" or _ends_open(merged) or bool(_LINK_TEXT.match(line))


def join_broken_lines(lines: list[Line]) -> list[Line]:
    """Join a sentence that inline links broke over several lines back into one line.

    `Justice` / `Samuel Alito` / `is the tip of the spear.` becomes one line.  A run is
    joined only when it ends a sentence and at least one break in it is plainly mid-sentence
    (the next line starts in lower case, or the line before ends on a word like `of`).
    """
    joined: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        end = index + 1
        if not _ends_sentence(line.text):
            merged, mid_sentence = line.text, False
            while end < len(lines) and not _ends_sentence(merged) and _continues(merged, lines[end].text):
                next_text = lines[end].text
                mid_sentence = mid_sentence or _starts_lower(next_text) or _ends_open(merged)
                glue = "" if next_text[0] in ",;.)’'" else " "
                merged += glue + next_text
                end += 1
            if end > index + 1 and mid_sentence and _ends_sentence(merged):
                joined.append(Line("\n".join(l.raw for l in lines[index:end]), merged))
                index = end
                continue
            end = index + 1
        joined.append(line)
        index = end
    return joined
