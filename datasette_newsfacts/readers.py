"""Reading every input form into documents: one document per article.

A plain-text or HTML page is one document; a JSON Lines or CSV corpus holds one per
record; a zip archive holds any of these.  Readers stream: a corpus is never read into
memory whole, and a record that cannot be read becomes a `Failure`, not an exception.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import stat
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

from . import sidecars
from .streams import CsvLines, Prefixed, Recoded, TooLong, bounded_lines, wide_encoding
from .text import DumpError

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
CSV_SUFFIXES = (".csv", ".tsv")
# What a directory walk picks up (each also gzipped); a file named on the command line is read whatever its name.
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES + (".zip",)

# Field names the common news datasets use, tried in this order when no --*-field is given.
FIELD_DEFAULTS = {
    "text": ("text", "maintext", "content", "body", "article", "article_text", "story", "full_text", "description"),
    "html": ("html", "raw_html", "content_html", "body_html", "page"),
    "title": ("title", "headline", "name"),
    "url": ("url", "link", "source_url", "canonical_url", "uri"),
    "date": ("date", "date_publish", "published", "publish_date", "published_at", "pubDate", "datetime", "timestamp", "created_at"),
    "id": ("id", "article_id", "uuid", "guid", "doc_id", "_id"),
}
MAX_ARTICLE_BYTES = 10 * 1024 * 1024
MAX_LINE_CHARS = 200_000
# A corpus record holds an article and its metadata, JSON-escaped: room for a whole 10 MB article.
MAX_RECORD_BYTES = 2 * MAX_ARTICLE_BYTES
# A .json array is parsed whole (its objects take several times its size in memory).
MAX_JSON_DOCUMENT_BYTES = 32 * 1024 * 1024


def size(count: int) -> str:
    """A size limit as a person reads it: `10 MB`, `100 KB`."""
    return f"{count // (1 << 20)} MB" if count >= 1 << 20 else f"{count // 1024} KB"


@dataclass
class Document:
    """One article's raw input: `payload` is text (or HTML when `is_html`)."""

    source: str  # the input path as walked
    record: str | None  # which record of a corpus, None for a file holding one article
    payload: bytes | str
    is_html: bool = False
    meta: dict = field(default_factory=dict)  # title, url, published from a corpus record
    sha256: str | None = None  # of the payload, once the run has worked it out


@dataclass
class Failure:
    """An input, or one record of it, that could not be read.

    `record_known` says that `record` is the id the record's article is stored under; when
    it is not (a line that is not JSON has no id to read), what is stored for the input
    cannot be compared with what it holds now, so none of it may be dropped.
    """

    source: str
    record: str | None
    reason: str
    record_known: bool = False


@dataclass
class Fields:
    """Which record field holds what; None means detect it from the fields present."""

    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    date: str | None = None
    id: str | None = None


def walk(inputs: list[str]) -> Iterator[str]:
    """Every input under the given files and directories, directories walked in sorted order,
    each once however many times it is named."""
    seen: set[str] = set()
    for found in _walk(inputs):
        path = canonical(found)
        if path not in seen:
            seen.add(path)
            yield Special(path, found.reason) if isinstance(found, Special) else path


class Special(str):
    """A path a directory walk found that is no regular file (a named pipe, a device, a
    socket): opening or reading it could wait for ever, so it is recorded and skipped."""

    def __new__(cls, path: str, reason: str):
        made = super().__new__(cls, path)
        made.reason = reason
        return made

    def __reduce__(self):  # a str subclass with an attribute, sent to other processes whole
        return (Special, (str(self), self.reason))


def is_regular_file(path: str) -> bool:
    """Whether `path` names a regular file: only those are hashed, then read (a pipe is read once)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _special(path: str) -> str | None:
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None  # reading it will say what is wrong
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = "a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
    return f"{kind}, not a regular file: skipped (name it on the command line to read it)"


def canonical(path: str) -> str:
    """One spelling for one file, since an article's id comes from it: `./a//b` is `a/b`,
    and a path inside the working directory is written relative to it, however it was given
    (outside it, absolute).  Symbolic links are left as named."""
    if path == "-":
        return path
    absolute = os.path.abspath(path)
    here = os.getcwd()
    inside = os.path.commonpath([absolute, here]) == here and absolute != here
    return os.path.relpath(absolute, here) if inside else absolute


def _walk(inputs: list[str]) -> Iterator[str]:
    named = sidecars.dump_stems(canonical(given) for given in inputs if given != "-")
    for given in inputs:
        if given != "-" and os.path.isdir(given):
            for root, dirs, files in os.walk(given):
                dirs.sort()
                beside = sidecars.dump_stems(files)
                for name in sorted(files):
                    # a dump's sidecar is its metadata, read with it (sidecars.py), not an input
                    if _base_suffix(name) in SUFFIXES and not sidecars.is_sidecar_of(name, beside):
                        path = os.path.join(root, name)
                        reason = _special(path)
                        yield Special(path, reason) if reason else path
        elif given == "-" or not sidecars.is_sidecar_of(canonical(given), named):
            yield given


def _base_suffix(name: str) -> str:
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return os.path.splitext(lower)[1]


def read_documents(path: str, fields: Fields, encoding: str = "utf-8", name: str | None = None) -> Iterator[Document | Failure]:
    """The documents of one input path ('-' is standard input), their sources named `name`
    (by default the path itself; see `display_name`)."""
    source = name or path
    try:
        if path == "-":
            yield from _read_stream(source, sys.stdin.buffer, "", fields, encoding)
            return
        suffix = _base_suffix(path)
        if suffix == ".zip":
            yield from _read_zip(path, source, fields, encoding)
            return
        with open(path, "rb") as handle:
            stream: IO[bytes] = gzip.GzipFile(fileobj=handle) if path.lower().endswith(".gz") else handle
            yield from _read_stream(source, stream, suffix, fields, encoding)
    except FileNotFoundError:
        yield Failure(source, None, "no such file")
    except IsADirectoryError:
        yield Failure(source, None, "is a directory")
    except PermissionError:
        yield Failure(source, None, "permission denied")
    except (EOFError, gzip.BadGzipFile, zipfile.BadZipFile) as error:
        yield Failure(source, None, f"the compressed data is truncated or corrupt ({error}); download or compress it again")
    except OSError as error:
        yield Failure(source, None, f"cannot be read ({error})")
    except UnicodeDecodeError as error:  # a UTF-16 or UTF-32 corpus, decoded as a whole
        yield Failure(source, None, f"not valid {error.encoding} past byte {error.start} of a piece; pass --encoding")
    except Exception as error:  # a reader's bug must cost this input, not the run
        yield Failure(source, None, f"internal error while reading: {type(error).__name__}: {error}")


def display_name(path: str) -> str:
    """The name an input is stored under: its path, with bytes that are not UTF-8 (which a
    file name may hold, and SQLite text may not) written as `\\xe9`."""
    if path == "-":
        return path
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")


def _read_stream(source: str, stream: IO[bytes], suffix: str, fields: Fields, encoding: str) -> Iterator[Document | Failure]:
    if not suffix:  # standard input, or a file with no known suffix: look at its head, then stream it
        head = stream.read(2048)
        stream, suffix = Prefixed(head, stream), _sniff(head)
    buffered = stream if hasattr(stream, "peek") else io.BufferedReader(stream)
    wide = wide_encoding(buffered.peek(4)[:4], encoding)
    if wide and suffix in JSONL_SUFFIXES + CSV_SUFFIXES:
        # lines are found in bytes, which UTF-16 and UTF-32 do not allow: read it as UTF-8
        buffered, encoding = io.BufferedReader(Recoded(buffered, wide)), "utf-8"
    if suffix in JSONL_SUFFIXES:
        head = buffered.peek(65536).lstrip(b"\xef\xbb\xbf \t\r\n")
        if suffix == ".json" and (head[:1] == b"[" or (head[:1] == b"{" and not _is_json(head.split(b"\n", 1)[0]))):
            # an array of records, or one record spread over many lines: a JSON document
            yield from _read_json_document(source, buffered, fields, encoding)
        else:
            yield from _read_jsonl(source, buffered, fields, encoding)
    elif suffix in CSV_SUFFIXES:
        yield from _read_csv(source, buffered, fields, encoding, "\t" if suffix == ".tsv" else ",")
    else:
        data = buffered.read(MAX_ARTICLE_BYTES + 1)
        if len(data) > MAX_ARTICLE_BYTES:
            yield Failure(source, None, f"larger than {size(MAX_ARTICLE_BYTES)}: too large for one article; "
                          "is it a whole site or a corpus? Split it, or give it as JSON Lines or CSV")
            return
        payload: bytes | str = data
        if wide:
            try:
                payload = data.decode(wide).lstrip("\ufeff")
            except UnicodeDecodeError as error:
                yield Failure(source, None, f"the file is not valid {wide} (byte {error.start}); pass --encoding")
                return
        yield Document(source, None, payload, is_html=suffix in HTML_SUFFIXES)


def _sniff(data: bytes) -> str:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"{"):
        return ".jsonl"
    if head[:1] == b"<" and b"<html" in head.lower() or head.lower().startswith((b"<!doctype", b"<html")):
        return ".html"
    return ".txt"


def _pick(record: dict, chosen: str | None, kind: str) -> str | None:
    if chosen is not None:
        return chosen if chosen in record else None
    return next((name for name in FIELD_DEFAULTS[kind] if record.get(name) not in (None, "")), None)


def _document_from_record(source: str, number: int, record: dict, fields: Fields) -> Document | Failure:
    key = _pick(record, fields.id, "id")
    record_id = str(record[key]) if key else str(number)
    html_field = _pick(record, fields.html, "html")
    text_field = None if html_field else _pick(record, fields.text, "text")
    if not html_field and not text_field:
        wanted = fields.html or fields.text
        reason = (f"the record has no field {wanted!r}" if wanted else
                  "the record has no text field (tried " + ", ".join(FIELD_DEFAULTS["text"] + FIELD_DEFAULTS["html"])
                  + "); name it with --text-field or --html-field")
        return Failure(source, record_id, reason, record_known=True)
    body = record[html_field or text_field]
    if not isinstance(body, str):
        return Failure(source, record_id, f"field {html_field or text_field!r} is not text", record_known=True)
    meta = {}
    for kind in ("title", "url", "date"):
        name = _pick(record, getattr(fields, kind), kind)
        if name and record.get(name) not in (None, ""):
            meta["published" if kind == "date" else kind] = str(record[name])
    return Document(source, record_id, body, is_html=bool(html_field), meta=meta)


def _undecodable(encoding: str, error: UnicodeDecodeError, number: int, what: str = "line") -> str:
    return f"{what} {number} is not valid {encoding} (byte {error.start} of the {what}: {error.reason}); pass --encoding"


def _read_jsonl(source: str, stream: IO[bytes], fields: Fields, encoding: str) -> Iterator[Document | Failure]:
    # each line is decoded on its own, so one bad byte costs one record and names it
    for number, raw in enumerate(bounded_lines(stream, MAX_RECORD_BYTES), 1):
        if raw is None:
            yield Failure(source, str(number), f"line {number} is over {size(MAX_RECORD_BYTES)}: "
                          "too large for one article's record")
            continue
        try:
            line = raw.decode(encoding)
        except UnicodeDecodeError as error:
            yield Failure(source, str(number), _undecodable(encoding, error, number))
            continue
        if number == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Failure(source, str(number), f"line {number} is not JSON ({error.msg} at column {error.colno})")
            continue
        except RecursionError:
            yield Failure(source, str(number), f"line {number} nests brackets too deeply to be a news record")
            continue
        if not isinstance(record, dict):
            yield Failure(source, str(number), f"line {number} is JSON but not an object")
            continue
        yield _document_from_record(source, number, record, fields)


def _is_json(line: bytes) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


def _read_json_document(source: str, stream: IO[bytes], fields: Fields, encoding: str) -> Iterator[Document | Failure]:
    """A JSON file holding an array of records or one record (read whole: JSON Lines streams, this cannot)."""
    data = stream.read(MAX_JSON_DOCUMENT_BYTES + 1)
    if len(data) > MAX_JSON_DOCUMENT_BYTES:
        yield Failure(source, None, f"a JSON document over {size(MAX_JSON_DOCUMENT_BYTES)}, which is read whole; "
                      "give the corpus as JSON Lines (one record a line), which is streamed")
        return
    try:
        records = json.loads(data.decode(encoding).lstrip("\ufeff"))
    except UnicodeDecodeError as error:
        yield Failure(source, None, f"not valid {encoding} ({error.reason}); pass --encoding")
        return
    except json.JSONDecodeError as error:
        yield Failure(source, None, f"not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})")
        return
    except RecursionError:
        yield Failure(source, None, "nests brackets too deeply to be a news corpus")
        return
    if isinstance(records, dict):
        records = [records]
    for number, record in enumerate(records, 1):
        if isinstance(record, dict):
            yield _document_from_record(source, number, record, fields)
        else:
            yield Failure(source, str(number), f"item {number} of the array is not an object")


_SURROGATE = re.compile("[\udc80-\udcff]")


def _read_csv(source: str, stream: IO[bytes], fields: Fields, encoding: str, delimiter: str) -> Iterator[Document | Failure]:
    csv.field_size_limit(MAX_ARTICLE_BYTES)
    lines = CsvLines(stream, encoding, MAX_ARTICLE_BYTES)
    reader = csv.reader(lines, delimiter=delimiter)
    header: list[str] | None = None
    number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except (csv.Error, TooLong) as error:
            if header is None:
                yield Failure(source, None, f"the header line is not valid CSV ({error or 'too long'})")
                return
            number += 1
            why = f"not valid CSV ({error})" if isinstance(error, csv.Error) else f"over {size(MAX_ARTICLE_BYTES)} on one line"
            yield Failure(source, str(number), f"row {number} is {why}")
            lines.resynchronise()
            continue
        lines.quoted = False
        if not row:  # a blank line
            continue
        if header is None:
            if any(_SURROGATE.search(name) for name in row):
                yield Failure(source, None, f"the header line is not valid {encoding}; pass --encoding")
                return
            header = row
            continue
        number += 1
        if any(_SURROGATE.search(value) for value in row):
            yield Failure(source, str(number), f"row {number} is not valid {encoding}; pass --encoding")
            continue
        if len(row) != len(header):
            yield Failure(source, str(number), f"row {number} has {'more' if len(row) > len(header) else 'fewer'} fields than the header")
            continue
        yield _document_from_record(source, number, dict(zip(header, row)), fields)


def _read_zip(path: str, source: str, fields: Fields, encoding: str) -> Iterator[Document | Failure]:
    with zipfile.ZipFile(path) as archive:
        # sorted by name; members of one name keep their order in the archive, the last one
        # being what unzip leaves on disk
        members = sorted(archive.infolist(), key=lambda i: i.filename)
        last = {info.filename: info for info in members}
        for info in members:
            suffix = _base_suffix(info.filename)
            member = f"{source}/{info.filename}"
            if info.is_dir():
                continue
            if suffix == ".zip":
                yield Failure(member, None, "an archive inside the archive is not read: unzip it and convert what it holds",
                              record_known=True)
                continue
            if suffix not in SUFFIXES:
                continue
            if last[info.filename] is not info:
                count = sum(other.filename == info.filename for other in members)
                yield Failure(member, None, f"the archive holds {count} members of this name: only the last one is read",
                              record_known=True)
                continue
            try:
                with archive.open(info) as raw:
                    stream: IO[bytes] = gzip.GzipFile(fileobj=raw) if info.filename.lower().endswith(".gz") else raw
                    yield from _read_stream(member, stream, suffix, fields, encoding)
            except (EOFError, gzip.BadGzipFile, zipfile.BadZipFile, OSError) as error:
                yield Failure(member, None, f"the archive member is truncated or corrupt ({error})")


def check_size(document: Document) -> None:
    """Refuse what cannot be one article: a huge payload, or a line no page has."""
    payload = document.payload
    if len(payload) > MAX_ARTICLE_BYTES:
        raise DumpError(f"larger than {size(MAX_ARTICLE_BYTES)}: too large for one article")
    longest = max((len(line) for line in (payload.splitlines() if payload else [])), default=0)
    if longest > MAX_LINE_CHARS and not document.is_html:
        raise DumpError(f"a line of {longest:,} characters: not an article dump (the limit is {MAX_LINE_CHARS:,})")
