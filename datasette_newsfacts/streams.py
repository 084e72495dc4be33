"""Byte streams read with care: lines bounded as they are read, a head looked at and put
back, UTF-16 and UTF-32 recoded, CSV lines decoded one by one.

Every piece here holds at most a bounded amount of its stream in memory, so a line of a
gigabyte costs no more than a short one: that is how the readers' size limits apply while
reading rather than after.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from typing import IO


# Byte-order marks that say a text is UTF-32 or UTF-16 (UTF-32's first: it begins as UTF-16's does).
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def wide_encoding(head: bytes, encoding: str) -> str | None:
    """UTF-16 or UTF-32, when a byte-order mark or --encoding says so: these hold NUL bytes,
    so they must be decoded before any look for binary data."""
    for bom, name in _WIDE_BOMS:
        if head.startswith(bom):
            return name
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return None
    return encoding if name.startswith(("utf-16", "utf-32")) else None


class Prefixed(io.RawIOBase):
    """A stream whose first bytes were already read (to look at them): those, then the rest."""

    def __init__(self, head: bytes, rest: IO[bytes]):
        self.head, self.rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.head:
            count = min(len(buffer), len(self.head))
            buffer[:count], self.head = self.head[:count], self.head[count:]
            return count
        data = self.rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class Recoded(io.RawIOBase):
    """A UTF-16 or UTF-32 stream read as UTF-8, a bounded piece at a time."""

    def __init__(self, stream: IO[bytes], encoding: str):
        self.text = io.TextIOWrapper(stream, encoding=encoding, newline="")
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self.pending:
            chunk = self.text.read(max(1, len(buffer) // 4))
            if not chunk:
                return 0
            self.pending = chunk.encode("utf-8", "surrogatepass")
        count = min(len(buffer), len(self.pending))
        buffer[:count], self.pending = self.pending[:count], self.pending[count:]
        return count


def bounded_lines(stream: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """The physical lines of a byte stream; a line longer than `limit` comes as None, and
    its bytes are skipped without ever being held whole."""
    while line := stream.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


class CsvLines:
    """The lines of a CSV stream for `csv.reader`, each decoded on its own.

    Bytes that do not decode are carried as lone surrogates, so the row holding them is
    the one blamed.  A line over the size limit is skipped unread and raises `TooLong`
    (the csv reader passes it on and starts afresh at the next line).  `quoted` follows
    the parity of quote marks since the last row ended: odd means inside a quoted field.
    """

    def __init__(self, stream: IO[bytes], encoding: str, limit: int):
        self.lines = bounded_lines(stream, limit)
        self.encoding = encoding
        self.quoted = False
        self.first = True

    def __iter__(self):
        return self

    def __next__(self) -> str:
        raw = next(self.lines)
        if raw is None:
            raise TooLong()
        self.quoted ^= bool(raw.count(b'"') % 2)
        line = raw.decode(self.encoding, errors="surrogateescape")
        if self.first:
            self.first = False
            line = line.lstrip("\ufeff")
        return line

    def resynchronise(self) -> None:
        """After a row that could not be parsed: skip what is left of it (to the line that
        closes an open quoted field), so the next row starts where a row starts."""
        while self.quoted:
            raw = next(self.lines, b"")
            if raw == b"":
                return
            if raw is not None:
                self.quoted ^= bool(raw.count(b'"') % 2)


class TooLong(Exception):
    """A CSV line over the size limit, skipped unread."""
