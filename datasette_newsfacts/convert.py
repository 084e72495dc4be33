"""The conversion run: read inputs, parse articles (in parallel), write them in batches.

Parsing is pure and runs in worker processes; one writer (this process) owns the
database, so the output is the same whatever the number of workers.  Each batch is one
transaction: an interrupted run leaves no half-written article, and the next run picks
up where it stopped (unchanged inputs and articles are skipped by checksum).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone

import sqlite_utils

from . import repetition, scorer, sidecars, storage
from .model import Article
from .attribution import attribute
from .dates import iso_date, read_date
from .readers import (
    Document, Failure, Fields, Special, canonical, check_size, display_name, is_regular_file, read_documents,
)
from .segment import segment
from .workers import Pool
from .text import DumpError, decode, decode_html

# What one batch's documents may hold: two batches are in flight (one parsing, one being
# written), so this bounds memory however large the articles are, not only how many.
BATCH_BYTES = 16 * 1024 * 1024
# The key of a parsed document's rows that says why its quotes are missing (no table of its
# own: it is recorded in import_errors, under the article's source and record).
QUOTE_ERROR = "quote_error"
# The key of a parsed document's lines as corpus repetition counts them (repetition.Lines):
# worked out in the worker, so the writer only stores the counts.
LINES = "lines"

SUMMARY_TABLES = ("paragraphs", "captions", "videos", "quotes", "highlights", "headings", "contributors", "blocks")


@dataclass
class Options:
    """How documents are parsed; shipped to each worker."""

    encoding: str = "utf-8"
    quotes: bool = True


@dataclass
class Summary:
    """What a run did, for the closing report."""

    converted: int = 0
    unchanged: int = 0
    skipped: int = 0  # records older than --since
    failures: list[tuple[str, str | None, str]] = field(default_factory=list)
    # articles stored without their quotes because quote finding failed on them
    without_quotes: list[tuple[str, str | None, str]] = field(default_factory=list)
    rows: Counter = field(default_factory=Counter)
    repeated: repetition.Refreshed | None = None  # what the end-of-run re-read found

    @property
    def stored(self) -> int:
        return self.converted + self.unchanged

    def report(self) -> str:
        parts = [f"{self.rows[table]:,} {table}" for table in SUMMARY_TABLES]
        head = (
            f"Converted {self.converted:,} articles ({self.unchanged:,} unchanged, "
            f"{len(self.failures):,} failed"
            + (f", {self.skipped:,} older than --since" if self.skipped else "")
            + (f", {len(self.without_quotes):,} without quotes" if self.without_quotes else "")
            + "): "
            + ", ".join(parts)
        )
        lines = [head]
        if self.repeated and self.repeated.blocks:
            lines.append(self.repeated.report())
        for source, record, reason in self.failures[:20]:
            where = f"{source} (record {record})" if record else source
            lines.append(f"  failed: {where}: {reason}")
        if len(self.failures) > 20:
            lines.append(f"  ... and {len(self.failures) - 20:,} more (see the import_errors table)")
        for source, record, reason in self.without_quotes[:20]:
            where = f"{source} (record {record})" if record else source
            lines.append(f"  without quotes: {where}: {reason}")
        if len(self.without_quotes) > 20:
            lines.append(f"  ... and {len(self.without_quotes) - 20:,} more without quotes (see the import_errors table)")
        return "\n".join(lines)


class ConversionError(Exception):
    """Raised in strict mode at the first input that cannot be converted."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


def _payload_bytes(document: Document) -> bytes:
    payload = document.payload
    return payload if isinstance(payload, bytes) else payload.encode("utf-8")


def parse_article(document: Document, options: Options) -> Article:
    """One document parsed into an Article: no database, no I/O."""
    check_size(document)
    payload = document.payload
    if isinstance(payload, bytes):
        text = (decode_html if document.is_html else decode)(payload, options.encoding)
    else:
        text = payload
    if (nul := text.find("\x00")) >= 0:
        # SQLite's length() and many tools stop at a NUL: the text would read as cut short
        raise DumpError(f"a NUL character at offset {nul:,} (binary data inside the text?); remove it "
                        "(tr -d '\\000' does) and convert again")
    if document.is_html:
        from .html import parse_html

        article = parse_html(text, document.source)
    else:
        article = segment(text, document.source)
    if not article.blocks:
        raise DumpError("the input holds no text")
    for key, value in document.meta.items():
        # given metadata fills what a page's own lacks, and beats a headline guessed from a dump's text
        if value and (not getattr(article, key, None) or (key == "title" and not document.is_html)):
            setattr(article, key, value)
    article.published = iso_date(article.published)
    if not document.is_html:
        # after the metadata: the headline a sidecar or record gives is what the body is compared with
        article = scorer.rescore_dump(article)
    if options.quotes:
        try:
            article.quotes = attribute([paragraph.text for paragraph in article.paragraphs])
        except Exception as error:  # a bug in quote finding costs the article its quotes, not the article
            article.quote_error = (
                f"quote finding failed ({type(error).__name__}: {error}); the article is stored without "
                "its quotes: please report this with the input"
            )
    return article


def parse_document(document: Document, options: Options) -> dict:
    """The rows of every table for one document (`storage.article_rows`), and its lines
    as corpus repetition counts them (under LINES)."""
    article = parse_article(document, options)
    data = _payload_bytes(document)
    digest = document.sha256 or hashlib.sha256(data).hexdigest()
    rows: dict = storage.article_rows(article, sha256=digest, size=len(data), record=document.record)
    credited = {caption.position for caption in article.captions if (caption.credit and caption.credit.text) or caption.video is not None}
    rows[LINES] = repetition.article_lines(
        ((b.position, b.kind, b.text) for b in article.blocks), credited, ((p.position, p.text) for p in article.paragraphs)
    )
    if article.quote_error:
        rows[QUOTE_ERROR] = [article.quote_error]
    return rows


def _parse_in_worker(job: tuple[Document, Options]) -> dict | str:
    document, options = job
    try:
        return parse_document(document, options)
    except DumpError as error:
        return str(error)
    except Exception as error:  # a parser bug must cost one article, not the corpus
        return f"internal error while parsing: {type(error).__name__}: {error}"


@dataclass
class _Done:
    """Marks the end of one input path in the stream of work."""

    path: str
    size: int
    sha256: str | None
    seen: set[str]
    articles: int = 0
    failures: int = 0
    complete: bool = True  # read to the end: articles it no longer holds can go
    errors: set[str] = field(default_factory=set)  # import_errors recorded for it in this run
    aliases: list[str] = field(default_factory=list)  # other names its rows are stored under
    sidecar: str | None = None  # the metadata file read with it, whose old errors go with its own


def _file_sha256(path: str) -> tuple[int, str] | None:
    try:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
        return os.path.getsize(path), digest.hexdigest()
    except OSError:
        return None


def _published_before(published: str | None, since: datetime | None) -> bool:
    """Whether a record is dated before --since; a date that cannot be read keeps the record."""
    found = read_date(published) if since is not None else None
    if found is None:
        return False
    when = found[0]
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc)
    return when.replace(tzinfo=None) < since


def run(
    db: sqlite_utils.Database,
    paths: Iterable[str],
    *,
    batch_size: int = 500,
    strict: bool = False,
    force: bool = False,
    workers: int = 1,
    options: Options | None = None,
    fields: Fields | None = None,
    since: datetime | None = None,
    progress: Callable[[str], None] = lambda path: None,
    announce: Callable[[str], None] = lambda message: None,
    build_indexes: bool = True,
) -> Summary:
    """Convert every input in `paths` into `db`; one bad article never stops the others (unless strict).

    A first load into an empty database builds its search and facet indexes at the end;
    with `build_indexes=False` it leaves them to whoever takes the rows on (`merge`).
    """
    options = options or Options()
    fields = fields or Fields()
    names = {name for (name,) in db.execute(storage.SCHEMA_NAMES)}
    has_articles = "articles" in names and db.execute("select 1 from articles limit 1").fetchone() is not None
    for problem in storage.search_index_problems(names, has_articles):
        announce(f"The search index {problem}: rebuilding it now.")
    # a first load into an empty database builds its search indexes once, at the end
    deferred = storage.ensure_schema(db, defer=True)
    summary = Summary()
    open_inputs: dict[str, _Done] = {}
    # rows stored under another spelling of an input's name (`./a`, or an absolute path, from
    # an older version): the same file, so they go once it has been read whole again
    aliases: dict[str, list[str]] = {}
    for stored in storage.stored_sources(db):
        if stored != "-" and (name := canonical(stored)) != stored:
            aliases.setdefault(name, []).append(stored)

    def work() -> Iterator[Document | Failure | _Done]:
        """Everything to parse or record, in input order; unchanged inputs never leave here."""
        for path in paths:
            progress(path)
            if isinstance(path, Special):
                yield Failure(display_name(path), None, path.reason, record_known=True)
                continue
            # only a regular file is read twice (hashed, then parsed): a pipe is read once
            stat = _file_sha256(path) if is_regular_file(path) else None
            sidecar = sidecars.read(found) if path != "-" and (found := sidecars.find(path)) else None
            stat = sidecars.with_digest(stat, sidecar)  # an edited sidecar converts its dump again
            opened, path = path, display_name(path)
            if stat and not force and storage.source_sha256(db, path) == stat[1]:
                count = db.execute("select count(*) from articles where source = ?", [path]).fetchone()[0]
                summary.unchanged += count
                continue
            done = _Done(path, stat[0] if stat else 0, stat[1] if stat else None, set(),
                         sidecar=sidecar.path if sidecar else None)
            open_inputs[path] = done
            for item in sidecars.attach(read_documents(opened, fields, options.encoding, name=path), sidecar):
                if isinstance(item, Failure):
                    done.failures += 1
                    if item.record_known:
                        done.seen.add(storage.article_id(item.source, item.record))
                    else:
                        # what it holds past here, or under the id of the record that failed, is
                        # unknown: nothing stored for it may go
                        done.complete = False
                    done.errors.add(storage.error_id(item.source, item.record))
                    yield item
                    continue
                aid = storage.article_id(item.source, item.record)
                done.seen.add(aid)
                done.articles += 1
                if _published_before(item.meta.get("published"), since):
                    summary.skipped += 1
                    continue
                # the worker reuses it; a document that is a whole plain file has it already
                whole_file = stat and item.source == path and item.record is None and not path.lower().endswith(".gz")
                own = None if whole_file else (0, hashlib.sha256(_payload_bytes(item)).hexdigest())
                item.sha256 = stat[1] if whole_file else sidecars.with_digest(own, sidecar)[1]
                if not force and storage.stored_sha256(db, aid) == item.sha256:
                    summary.unchanged += 1
                    # a stored article's only possible error is why it has no quotes: it stays
                    done.errors.add(storage.error_id(item.source, item.record))
                    continue
                yield item
            yield done

    def inputs_holding(item: Document) -> Iterator[_Done]:
        return (done for done in open_inputs.values() if item.source == done.path or item.source.startswith(done.path + "/"))

    def write(chunk: list, results: list) -> None:
        rows_batch, errors, without_quotes, finished = [], [], [], []
        for item, result in zip(chunk, results):
            if isinstance(item, _Done):
                finished.append(item)
                open_inputs.pop(item.path, None)
                if item.complete:
                    item.aliases = [old for name, spellings in aliases.items() for old in spellings
                                    if name == item.path or name.startswith(item.path + "/")]
            elif isinstance(item, Failure):
                errors.append((item.source, item.record, item.reason))
            elif isinstance(result, str):
                errors.append((item.source, item.record, result))
                for done in inputs_holding(item):
                    done.failures += 1
                    done.errors.add(storage.error_id(item.source, item.record))
            else:
                rows_batch.append(result)
                summary.converted += 1
                for table in SUMMARY_TABLES:
                    summary.rows[table] += len(result[table])
                for reason in result.get(QUOTE_ERROR, ()):
                    # the article is stored: its input converted, and the error stays beside it
                    without_quotes.append((item.source, item.record, reason))
                    for done in inputs_holding(item):
                        done.errors.add(storage.error_id(item.source, item.record))
            if strict and errors:
                _write(db, rows_batch, errors[:1] + without_quotes, finished, build_indexes)
                source, record, reason = errors[0]
                raise ConversionError(f"{source} (record {record})" if record else source, reason)
        summary.failures.extend(errors)
        summary.without_quotes.extend(without_quotes)
        # recorded after the articles' rows, which clear what each had recorded before
        _write(db, rows_batch, errors + without_quotes, finished, build_indexes)

    try:
        _parse_and_write(work(), write, batch_size, workers, options)
    except Exception:  # not Ctrl-C: an interrupted run leaves a first load's indexes to the next run
        if deferred and build_indexes:
            # what was written stays searchable; the run's own error is the one to report
            with contextlib.suppress(Exception):
                _build_deferred(db, announce)
        raise
    if build_indexes:  # a partition (build_indexes=False) leaves corpus-wide evidence to the merge
        # lines the corpus repeats: counted, and the articles they appear in re-read
        summary.repeated = repetition.refresh(db)
    if deferred and build_indexes:
        _build_deferred(db, announce)
    return summary


def _parse_and_write(items: Iterator, write: Callable[[list, list], None], batch_size: int, workers: int, options: Options) -> None:
    """Parse the documents among `items` batch by batch (in a pool of workers if more than
    one) and hand each batch to `write` in order, the next batch parsing while one is written."""
    pool = Pool(_parse_in_worker, workers, warm=lambda jobs: _warm_up(jobs, workers))
    try:
        pending = None
        for chunk in _chunks(items, batch_size, BATCH_BYTES):
            started = pool.start([(item, options) for item in chunk if isinstance(item, Document)])
            if pending is not None:
                write(*_results(pool, *pending))
            pending = (chunk, started)
        if pending is not None:
            write(*_results(pool, *pending))
    finally:
        pool.close()


# Of the devset's 1,714 HTML pages, 62 (3.6%: 6% of L3S's 2008 pages, 2% of WCXB's 2025-26 ones,
# none of the real CNN pages) send dateparser a string no locale reads, the warm-up's cost.  From
# about ln 2 / 0.036 = 19 pages a worker, the workers are expected to pay it more than once between
# them: below that (a handful of pages) paying it ahead would cost more than it saves.
_WARM_PAGES_PER_WORKER = 20


def _warm_up(jobs: list, workers: int) -> None:
    """Before the workers fork, with the first batch: what every worker would otherwise build
    for itself on first use (dateparser's patterns, when the batch holds enough HTML pages)."""
    if sum(document.is_html for document, _ in jobs) >= _WARM_PAGES_PER_WORKER * workers:
        from .pagemeta import warm_up_date_search

        warm_up_date_search()


def _build_deferred(db: sqlite_utils.Database, announce: Callable[[str], None]) -> None:
    announce("Building the search and facet indexes (once, after a first load) ...")
    storage.build_deferred(db)


def _results(pool: Pool, chunk: list, started: list) -> tuple[list, list]:
    """Line the parse results up with the chunk's items (None where nothing was parsed)."""
    outputs = iter(pool.results(started))
    return chunk, [next(outputs) if isinstance(item, Document) else None for item in chunk]


def _chunks(items: Iterator, size: int, max_bytes: int) -> Iterator[list]:
    """Batches of at most `size` items whose documents hold about `max_bytes` at most
    (a single larger document makes a batch of its own)."""
    chunk: list = []
    held = 0
    for item in items:
        if isinstance(item, Document):
            cost = len(item.payload)
            if chunk and held + cost > max_bytes:
                yield chunk
                chunk, held = [], 0
            held += cost
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk, held = [], 0
    if chunk:
        yield chunk


def _write(db: sqlite_utils.Database, rows_batch: list, errors: list, finished: list, count_lines: bool) -> None:
    with db.atomic():
        storage.save_rows(db, rows_batch)
        if count_lines:  # a partition leaves counting to the merge, which counts the whole corpus
            repetition.count_parsed(db, [(rows["articles"][0], rows[LINES]) for rows in rows_batch])
        for source, record, reason in errors:
            storage.record_error(db, source, record, reason)
        for done in finished:
            for alias in done.aliases:
                storage.forget_source(db, alias)
            storage.finish_source(
                db, done.path, size=done.size, sha256=done.sha256, seen=done.seen if done.complete else None,
                articles=done.articles, failures=done.failures, errors=done.errors,
                companions=(done.sidecar,) if done.sidecar else (),
            )
