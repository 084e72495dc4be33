"""The conversion run: read each dump, segment it, write it in batches, remember failures."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import sqlite_utils

from . import storage
from .quotes import attribute
from .segment import segment
from .sources import read_bytes
from .text import DumpError, decode

SUMMARY_TABLES = ("paragraphs", "captions", "videos", "quotes", "highlights", "headings", "contributors", "blocks")


@dataclass
class Summary:
    """What a run did, for the closing report."""

    converted: int = 0
    unchanged: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    rows: Counter = field(default_factory=Counter)

    @property
    def stored(self) -> int:
        return self.converted + self.unchanged

    def report(self) -> str:
        parts = [f"{self.rows[table]:,} {table}" for table in SUMMARY_TABLES]
        lines = [
            f"Converted {self.converted:,} articles ({self.unchanged:,} unchanged, "
            f"{len(self.failures):,} failed): " + ", ".join(parts)
        ]
        for source, reason in self.failures[:20]:
            lines.append(f"  failed: {source}: {reason}")
        if len(self.failures) > 20:
            lines.append(f"  ... and {len(self.failures) - 20:,} more (see the import_errors table)")
        return "\n".join(lines)


class ConversionError(Exception):
    """Raised in strict mode at the first dump that cannot be converted."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


def convert_bytes(source: str, data: bytes, encoding: str = "utf-8", quotes: bool = True) -> dict[str, list[dict]]:
    """The rows of one dump, from its bytes: the whole parse, with no database."""
    article = segment(decode(data, encoding), source)
    if not article.blocks:
        raise DumpError("the file holds no text")
    if quotes:
        article.quotes = attribute([paragraph.text for paragraph in article.paragraphs])
    return storage.article_rows(article, sha256=hashlib.sha256(data).hexdigest(), size=len(data))


def run(
    db: sqlite_utils.Database,
    paths: Iterable[str],
    *,
    batch_size: int = 100,
    strict: bool = False,
    encoding: str = "utf-8",
    force: bool = False,
    quotes: bool = True,
    progress: Callable[[str], None] = lambda path: None,
) -> Summary:
    """Convert every dump in `paths` into `db`; one bad dump never stops the others (unless strict)."""
    storage.ensure_schema(db)
    summary = Summary()
    batch: list[dict[str, list[dict]]] = []
    errors: list[tuple[str, str]] = []

    def flush() -> None:
        with db.atomic():
            storage.save_rows(db, batch)
            for source, reason in errors:
                storage.record_error(db, source, None, reason)
        batch.clear()
        errors.clear()

    for path in paths:
        progress(path)
        try:
            data = read_bytes(path)
            if not force and storage.stored_sha256(db, path) == hashlib.sha256(data).hexdigest():
                summary.unchanged += 1
                continue
            rows = convert_bytes(path, data, encoding, quotes)
        except DumpError as error:
            if strict:
                flush()
                raise ConversionError(path, str(error)) from None
            summary.failures.append((path, str(error)))
            errors.append((path, str(error)))
        except Exception as error:  # a parser bug must cost one article, not the corpus
            reason = f"internal error while parsing: {type(error).__name__}: {error}"
            if strict:
                flush()
                raise ConversionError(path, reason) from error
            summary.failures.append((path, reason))
            errors.append((path, reason))
        else:
            batch.append(rows)
            summary.converted += 1
            for table in SUMMARY_TABLES:
                summary.rows[table] += len(rows[table])
        if len(batch) + len(errors) >= batch_size:
            flush()
    flush()
    return summary
