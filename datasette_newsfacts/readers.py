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
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

from . import sidecars
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
    """An input, or one record of it, that could not be read."""

    source: str
    record: str | None
    reason: str


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
    for path in _walk(inputs):
        if path not in seen:
            seen.add(path)
            yield path


def _walk(inputs: list[str]) -> Iterator[str]:
    named = set(inputs)
    for given in inputs:
        if given != "-" and os.path.isdir(given):
            for root, dirs, files in os.walk(given):
                dirs.sort()
                for name in sorted(files):
                    # a dump's sidecar is its metadata, read with it (sidecars.py), not an input
                    if _base_suffix(name) in SUFFIXES and not sidecars.dumps_beside(name, files):
                        yield os.path.join(root, name)
        elif given == "-" or not named.intersection(sidecars.dumps_beside(given)):
            yield given


def _base_suffix(name: str) -> str:
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return os.path.splitext(lower)[1]


def read_documents(path: str, fields: Fields, encoding: str = "utf-8") -> Iterator[Document | Failure]:
    """The documents of one input path ('-' is standard input)."""
    try:
        if path == "-":
            yield from _read_stream(path, sys.stdin.buffer, "", fields, encoding)
            return
        suffix = _base_suffix(path)
        if suffix == ".zip":
            yield from _read_zip(path, fields, encoding)
            return
        with open(path, "rb") as handle:
            stream: IO[bytes] = gzip.GzipFile(fileobj=handle) if path.lower().endswith(".gz") else handle
            yield from _read_stream(path, stream, suffix, fields, encoding)
    except FileNotFoundError:
        yield Failure(path, None, "no such file")
    except IsADirectoryError:
        yield Failure(path, None, "is a directory")
    except PermissionError:
        yield Failure(path, None, "permission denied")
    except (EOFError, gzip.BadGzipFile, zipfile.BadZipFile) as error:
        yield Failure(path, None, f"the compressed data is truncated or corrupt ({error}); download or compress it again")
    except OSError as error:
        yield Failure(path, None, f"cannot be read ({error})")


def _read_stream(source: str, stream: IO[bytes], suffix: str, fields: Fields, encoding: str) -> Iterator[Document | Failure]:
    if suffix in JSONL_SUFFIXES:
        buffered = io.BufferedReader(stream) if not hasattr(stream, "peek") else stream
        head = buffered.peek(65536).lstrip(b"\xef\xbb\xbf \t\r\n")
        if suffix == ".json" and (head[:1] == b"[" or (head[:1] == b"{" and not _is_json(head.split(b"\n", 1)[0]))):
            # an array of records, or one record spread over many lines: a JSON document
            yield from _read_json_document(source, buffered, fields, encoding)
        else:
            yield from _read_jsonl(source, buffered, fields, encoding)
    elif suffix in CSV_SUFFIXES:
        yield from _read_csv(source, stream, fields, encoding, "\t" if suffix == ".tsv" else ",")
    else:
        data = stream.read(MAX_ARTICLE_BYTES + 1)
        if len(data) > MAX_ARTICLE_BYTES:
            yield Failure(source, None, f"larger than {MAX_ARTICLE_BYTES // 1024 // 1024} MB: too large for one article; "
                          "is it a whole site or a corpus? Split it, or give it as JSON Lines or CSV")
            return
        if not suffix:  # standard input, or a file with no known suffix: look at it
            suffix = _sniff(data)
            if suffix in JSONL_SUFFIXES + CSV_SUFFIXES:
                yield from _read_stream(source, io.BytesIO(data), suffix, fields, encoding)
                return
        yield Document(source, None, data, is_html=suffix in HTML_SUFFIXES)


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
        return Failure(source, record_id, reason)
    body = record[html_field or text_field]
    if not isinstance(body, str):
        return Failure(source, record_id, f"field {html_field or text_field!r} is not text")
    meta = {}
    for kind in ("title", "url", "date"):
        name = _pick(record, getattr(fields, kind), kind)
        if name and record.get(name) not in (None, ""):
            meta["published" if kind == "date" else kind] = str(record[name])
    return Document(source, record_id, body, is_html=bool(html_field), meta=meta)


def _read_jsonl(source: str, stream: IO[bytes], fields: Fields, encoding: str) -> Iterator[Document | Failure]:
    text = io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline="")
    number = 0
    while True:
        try:
            line = text.readline()
        except UnicodeDecodeError as error:
            yield Failure(source, str(number + 1), f"not valid {encoding} ({error.reason}); pass --encoding")
            return
        if not line:
            return
        number += 1
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Failure(source, str(number), f"line {number} is not JSON ({error.msg} at column {error.colno})")
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
    try:
        records = json.loads(stream.read().decode(encoding).lstrip("\ufeff"))
    except UnicodeDecodeError as error:
        yield Failure(source, None, f"not valid {encoding} ({error.reason}); pass --encoding")
        return
    except json.JSONDecodeError as error:
        yield Failure(source, None, f"not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})")
        return
    if isinstance(records, dict):
        records = [records]
    for number, record in enumerate(records, 1):
        if isinstance(record, dict):
            yield _document_from_record(source, number, record, fields)
        else:
            yield Failure(source, str(number), f"item {number} of the array is not an object")


def _read_csv(source: str, stream: IO[bytes], fields: Fields, encoding: str, delimiter: str) -> Iterator[Document | Failure]:
    csv.field_size_limit(MAX_ARTICLE_BYTES)
    text = io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline="")
    reader = csv.DictReader(text, delimiter=delimiter)
    number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as error:
            yield Failure(source, str(number + 1), f"not valid {encoding} ({error.reason}); pass --encoding")
            return
        except csv.Error as error:
            yield Failure(source, str(number + 1), f"row {number + 1} is not valid CSV ({error})")
            return
        number += 1
        if None in row or any(value is None for value in row.values()):
            yield Failure(source, str(number), f"row {number} has {'more' if None in row else 'fewer'} fields than the header")
            continue
        yield _document_from_record(source, number, row, fields)


def _read_zip(path: str, fields: Fields, encoding: str) -> Iterator[Document | Failure]:
    with zipfile.ZipFile(path) as archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            if info.is_dir() or _base_suffix(info.filename) not in SUFFIXES or _base_suffix(info.filename) == ".zip":
                continue
            member = f"{path}/{info.filename}"
            try:
                with archive.open(info) as raw:
                    stream: IO[bytes] = gzip.GzipFile(fileobj=raw) if info.filename.lower().endswith(".gz") else raw
                    yield from _read_stream(member, stream, _base_suffix(info.filename), fields, encoding)
            except (EOFError, gzip.BadGzipFile, zipfile.BadZipFile, OSError) as error:
                yield Failure(member, None, f"the archive member is truncated or corrupt ({error})")


def check_size(document: Document) -> None:
    """Refuse what cannot be one article: a huge payload, or a line no page has."""
    payload = document.payload
    if len(payload) > MAX_ARTICLE_BYTES:
        raise DumpError(f"larger than {MAX_ARTICLE_BYTES // 1024 // 1024} MB: too large for one article")
    longest = max((len(line) for line in (payload.splitlines() if payload else [])), default=0)
    if longest > MAX_LINE_CHARS and not document.is_html:
        raise DumpError(f"a line of {longest:,} characters: not an article dump (the limit is {MAX_LINE_CHARS:,})")
