"""Sidecar files: metadata about a page dump, in a JSON object beside it.

`NAME.meta.json` or `NAME.json` beside `NAME.txt` (or `NAME.html`, either gzipped) gives the
article's title, url, outlet, published date and byline, which a dump's text cannot (with no
date given, the one its url prints is taken).  A
sidecar is metadata, not an article: a directory walk passes it over, and so does a list of
inputs that names its dump too (`dumps/*`).  A `NAME.json` with no dump beside it is a corpus,
read as before.  A sidecar that cannot be read costs its metadata, never its article: the dump
is converted and the problem is recorded against the sidecar's path.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

SIDECAR_ENDINGS = (".meta.json", ".json")
DUMP_ENDINGS = (".txt", ".html", ".htm")
MAX_SIDECAR_BYTES = 1024 * 1024
# The sidecar's keys for each articles column, first found wins; `name` is left out on purpose:
# sidecars written by tools name the file with it, not the story.
KEYS = {
    "title": ("title", "headline"),
    "url": ("url", "canonical_url", "link"),
    "outlet": ("outlet", "site_name", "siteName", "publisher", "source"),
    "published": ("published", "date_publish", "datePublished", "publishedTime", "published_at", "date"),
    "byline": ("byline", "author", "authors"),
}


@dataclass
class Sidecar:
    """One sidecar file as read: the fields it gives, or why it gave none."""

    path: str
    meta: dict = field(default_factory=dict)
    problem: str | None = None
    sha256: str | None = None


def _stem(name: str) -> tuple[str, str] | None:
    """`NAME.txt.gz` -> (`NAME`, `.txt`); None when the name is not a dump's."""
    lower = name.lower()
    if lower.endswith(".gz"):
        name, lower = name[:-3], lower[:-3]
    for ending in DUMP_ENDINGS:
        if lower.endswith(ending) and len(name) > len(ending):
            return name[: -len(ending)], ending
    return None


def _sidecar_stem(name: str) -> str | None:
    lower = name.lower()
    for ending in SIDECAR_ENDINGS:
        if lower.endswith(ending) and len(name) > len(ending):
            return name[: -len(ending)]
    return None


def dump_stems(paths: Iterable[str]) -> set[str]:
    """The dumps among `paths`, each as its path without the dump's ending (`d/a.txt.gz` ->
    `d/a`): what `is_sidecar_of` looks a sidecar's own stem up in."""
    stems = set()
    for path in paths:
        folder, name = os.path.split(path)
        if found := _stem(name):
            stems.add(os.path.join(folder, found[0]))
    return stems


def is_sidecar_of(path: str, stems: set[str]) -> bool:
    """Whether `path` is the sidecar of one of the dumps in `stems` (see `dump_stems`); one
    look-up, so walking a folder of many dumps and sidecars stays linear."""
    folder, name = os.path.split(path)
    stem = _sidecar_stem(name)
    return stem is not None and os.path.join(folder, stem) in stems


def find(path: str) -> str | None:
    """The sidecar beside a dump (`NAME.meta.json` first, then `NAME.json`), or None."""
    folder, name = os.path.split(path)
    found = _stem(name)
    if found is None:
        return None
    for ending in SIDECAR_ENDINGS:
        candidate = os.path.join(folder, found[0] + ending)
        if os.path.isfile(candidate):
            return candidate
    return None


def _text(value) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):
        from .pagemeta import join_names

        return join_names([text for item in value if (text := _text(item))])
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)  # a timestamp
    if isinstance(value, str):
        return " ".join(value.split()) or None
    return None


def read(path: str) -> Sidecar:
    """A sidecar's fields (see KEYS); a file that is not a JSON object gives a problem instead."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_SIDECAR_BYTES + 1)
    except OSError as error:
        return Sidecar(path, problem=f"sidecar cannot be read ({error}); its dump was converted without it")
    digest = hashlib.sha256(data).hexdigest()
    if len(data) > MAX_SIDECAR_BYTES:
        return Sidecar(path, problem="sidecar larger than 1 MB: not metadata; its dump was converted without it", sha256=digest)
    try:
        record = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        return Sidecar(path, problem=f"sidecar is not valid UTF-8 JSON ({error}); mend it and convert again "
                                     "(its dump was converted without it)", sha256=digest)
    if not isinstance(record, dict):
        return Sidecar(path, problem="sidecar is JSON but not an object of fields (title, url, outlet, published, "
                                     "byline); its dump was converted without it", sha256=digest)
    meta = {}
    for column, keys in KEYS.items():
        value = next((text for key in keys if (text := _text(record.get(key)))), None)
        if value:
            meta[column] = value
    if "published" not in meta and meta.get("url"):
        from .pagemeta import date_in_url

        if found := date_in_url([meta["url"]]):
            meta["published"] = found  # the day the address prints (`/2023/11/06/`)
    return Sidecar(path, meta, sha256=digest)


def with_digest(stat: tuple[int, str] | None, sidecar: Sidecar | None) -> tuple[int, str] | None:
    """An input's (size, sha256) with its sidecar's bytes folded into the digest, so editing the
    sidecar alone converts the dump again."""
    if stat is None or sidecar is None or sidecar.sha256 is None:
        return stat
    return stat[0], hashlib.sha256(f"{stat[1]}+{sidecar.sha256}".encode()).hexdigest()


def attach(items: Iterator, sidecar: Sidecar | None) -> Iterator:
    """The documents read from one dump, with the sidecar's fields in their metadata; the
    sidecar's problem, if any, as a Failure of its own (the documents still follow)."""
    from .readers import Document, Failure

    if sidecar is not None and sidecar.problem:
        yield Failure(sidecar.path, None, sidecar.problem)
    for item in items:
        if sidecar is not None and isinstance(item, Document) and item.record is None:
            item.meta.update(sidecar.meta)
        yield item
