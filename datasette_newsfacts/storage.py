"""The database: its schema, and writing articles into it.

This module owns every table.  `ensure_schema` is idempotent and creates each table
with its column types and keys before the first row goes in, and the indexes too, but
for a first load, which builds its search and facet indexes once at the end.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import operator
import sqlite3
from datetime import datetime, timezone
from itertools import chain

import sqlite_utils

from .model import Article
from .outlets import article_outlet
from .speakers import key as speaker_key, kind as speaker_kind

# table -> (columns, primary key, foreign keys)
TABLES: dict[str, tuple[dict[str, type], str | tuple[str, ...], list[tuple[str, str, str]]]] = {
    "articles": (
        {
            "id": str, "source": str, "record": str, "title": str, "outlet": str, "dateline_place": str,
            "dateline_outlet": str, "url": str, "published": str, "byline": str,
            "sha256": str, "size": int, "blocks": int, "paragraphs": int, "captions": int,
            "videos": int, "quotes": int, "boilerplate": int, "converted_at": str,
        },
        "id",
        [],
    ),
    "blocks": (
        {"id": str, "article_id": str, "position": int, "kind": str, "text": str},
        "id",
        [("article_id", "articles", "id")],
    ),
    "paragraphs": (
        {"id": str, "article_id": str, "position": int, "section": str, "text": str},
        "id",
        [("article_id", "articles", "id")],
    ),
    "videos": (
        {
            "id": str, "article_id": str, "position": int, "title": str, "duration": str,
            "duration_seconds": int, "source": str,
        },
        "id",
        [("article_id", "articles", "id")],
    ),
    "captions": (
        {
            "id": str, "article_id": str, "position": int, "text": str, "credit": str,
            "photographer": str, "agency": str, "distributor": str, "pool": int, "video_id": str,
        },
        "id",
        [("article_id", "articles", "id"), ("video_id", "videos", "id")],
    ),
    "highlights": (
        {"id": str, "article_id": str, "position": int, "text": str},
        "id",
        [("article_id", "articles", "id")],
    ),
    "headings": (
        {"id": str, "article_id": str, "position": int, "text": str},
        "id",
        [("article_id", "articles", "id")],
    ),
    "contributors": (
        {"id": str, "article_id": str, "position": int, "name": str, "outlet": str},
        "id",
        [("article_id", "articles", "id")],
    ),
    "speakers": (
        {"id": str, "name": str, "kind": str, "articles": int, "quotes": int},
        "id",
        [],
    ),
    "quotes": (
        {
            "id": str, "article_id": str, "paragraph_id": str, "position": int, "text": str,
            "speaker": str, "speaker_id": str, "speaker_mention": str, "speaker_role": str,
            "cue": str, "kind": str, "start": int, "end": int,
        },
        "id",
        [("article_id", "articles", "id"), ("paragraph_id", "paragraphs", "id"), ("speaker_id", "speakers", "id")],
    ),
    "import_errors": (
        {"id": str, "source": str, "record": str, "reason": str, "at": str},
        "id",
        [],
    ),
    "sources": (
        {"path": str, "size": int, "sha256": str, "converted_at": str, "articles": int, "failures": int},
        "path",
        [],
    ),
    # Corpus repetition (see repetition.py): the groups lines are counted in, how many articles
    # of a group hold each normalised line (`text` once a second article holds it), and each
    # article's line keys, so that a replaced or removed article comes off the counts exactly.
    "line_groups": (
        # `fresh`: articles counted in it since its articles were last re-read (null: none)
        {"id": int, "name": str, "articles": int, "fresh": int},
        "id",
        [],
    ),
    "line_counts": (
        {"group_id": int, "key": int, "sentence": int, "articles": int, "text": str},
        ("group_id", "key"),
        [("group_id", "line_groups", "id")],
    ),
    "article_lines": (
        # no foreign key to articles: the row outlives its article until the counts forget it
        # `undo`: what undoes the change the last re-read made (compressed JSON), if it made one;
        # `blocks`: the blocks a re-read may demote, with their line keys (repetition.Lines)
        {"article_id": str, "group_id": int, "stamp": str, "keys": bytes, "applied": bytes, "undo": bytes, "blocks": bytes},
        "article_id",
        [("group_id", "line_groups", "id")],
    ),
}
# Parents before children, so foreign keys hold at every step.
INSERT_ORDER = ["articles", "videos", "paragraphs", "captions", "highlights", "headings", "contributors", "blocks", "quotes"]
# An article's parts, children before parents: the order they are deleted in.
ARTICLE_PARTS = INSERT_ORDER[:0:-1]
INDEXES = {
    "articles": [["source", "record"], ["outlet"], ["dateline_place"], ["boilerplate"]],
    "blocks": [["article_id", "position"], ["kind"]],
    "paragraphs": [["article_id", "position"], ["section"]],
    "videos": [["article_id", "position"], ["source"], ["duration_seconds"]],
    "captions": [["article_id", "position"], ["photographer"], ["distributor"], ["video_id"]],
    "highlights": [["article_id", "position"]],
    "headings": [["article_id", "position"]],
    "contributors": [["article_id"], ["name"], ["outlet"]],
    "speakers": [["name"], ["quotes"], ["kind"]],
    "quotes": [["article_id", "position"], ["paragraph_id"], ["speaker_id"], ["speaker"], ["kind"]],
    "import_errors": [["source"]],
    "sources": [],
    "line_groups": [["name"]],
    "line_counts": [],
    "article_lines": [["group_id"]],
}
# article_text has no ORDER BY on purpose: with one, `select count(*)` from it would build every text.
VIEWS: dict[str, str] = {
    "article_text": """
select
  articles.id,
  articles.title,
  articles.outlet,
  articles.dateline_place,
  (
    select group_concat(ordered.text, char(10) || char(10))
    from (
      select paragraphs.text from paragraphs
      where paragraphs.article_id = articles.id
      order by paragraphs.position
    ) as ordered
  ) as text
from articles
""".strip(),
}
EXTRA_INDEXES: dict[str, str] = {
    # "Most page furniture" sorts on this expression; an index on it reads the top rows directly.
    "idx_articles_furniture": "create index if not exists idx_articles_furniture on articles (blocks - paragraphs)",
    # "Photo credits" groups by these; covering them lets it read the index alone.
    "idx_captions_credit": (
        "create index if not exists idx_captions_credit on captions (agency, photographer, distributor, pool, article_id)"
    ),
}

FTS = {"paragraphs": ["text"], "captions": ["text", "credit"], "quotes": ["text", "speaker"]}


def ensure_schema(db: sqlite_utils.Database, *, defer: bool = False) -> bool:
    """Create every table, index and search index that is missing; True when some wait.

    With `defer`, and only while the database holds no article yet, the search indexes
    and the indexes that serve facets and lookups (not the ones deletes go through) are
    left for `build_deferred`: made in one pass after a bulk load, they cost half of
    keeping them up to date row by row.  A run stopped before that pass loses nothing:
    the next `ensure_schema` builds whatever is missing from the rows already stored.
    """
    db.execute("PRAGMA journal_mode=WAL")
    # in WAL mode this still never corrupts the database; a power cut may lose the last commits
    db.execute("PRAGMA synchronous=NORMAL")
    with db.atomic():
        for name, (columns, pk, foreign_keys) in TABLES.items():
            if not db[name].exists():
                db[name].create(columns, pk=pk, foreign_keys=foreign_keys)
            else:  # a database made before the schema gained a column gets it, empty
                existing = db[name].columns_dict
                for column, kind in columns.items():
                    if column not in existing:
                        db[name].add_column(column, kind)
        defer = defer and db.execute("select 1 from articles limit 1").fetchone() is None
        for name, indexes in INDEXES.items():
            for columns in indexes:
                if not (defer and _deferrable(name, columns)):
                    db[name].create_index(columns, if_not_exists=True)
    ensure_views(db)
    if not defer:
        build_deferred(db)
        rekey_speakers(db)
    classify_speakers(db)
    return defer


def classify_speakers(db: sqlite_utils.Database) -> None:
    """Speakers stored before speakers had a kind get theirs."""
    stale = [(speaker_kind(name), sid) for sid, name in db.execute("select id, name from speakers where kind is null")]
    if stale:
        with db.atomic():
            db.conn.executemany("update speakers set kind = ? where id = ?", stale)


def add_speakers(db: sqlite_utils.Database, speakers) -> None:
    """Add the speakers (id, name) not stored yet, each with its kind and no quotes counted."""
    db.conn.executemany(
        "insert or ignore into speakers (id, name, kind, articles, quotes) values (?, ?, ?, 0, 0)",
        ((sid, name, speaker_kind(name)) for sid, name in speakers),
    )


def rekey_speakers(db: sqlite_utils.Database) -> None:
    """Speakers stored under an older form of the key take today's, their quotes with them.

    A speaker's id is the key of its name, so a stale one shows as an id that is not; where
    two names now share a key (`Anne‐Marie` with a hyphen of another kind), they become one.
    """
    stale = [(sid, new) for sid, name in db.execute("select id, name from speakers") if (new := speaker_key(name)) != sid]
    if not stale:
        return
    with db.atomic():
        for old, new in stale:
            db.execute("insert or ignore into speakers (id, name, kind, articles, quotes) select ?, name, kind, 0, 0 from speakers where id = ?", [new, old])
            db.execute("update quotes set speaker_id = ? where speaker_id = ?", [new, old])
            db.execute("delete from speakers where id = ?", [old])
        recount_speakers(db, sorted({new for _, new in stale}))


_RECOUNT = (
    "update speakers set quotes = (select count(*) from quotes where speaker_id = speakers.id), "
    "articles = (select count(distinct article_id) from quotes where speaker_id = speakers.id)"
)


def recount_speakers(db: sqlite_utils.Database, ids: list[str] | None = None) -> None:
    """Count the quotes and articles of every speaker (or of those in `ids`) again from `quotes`."""
    if ids is None:
        db.execute(_RECOUNT)
    else:
        db.conn.executemany(_RECOUNT + " where id = ?", [(sid,) for sid in ids])


def _deferrable(table: str, columns: list[str]) -> bool:
    """Whether an index can wait for the end of a bulk load: every index of an article's parts,
    as the writer finds those through their primary key (`PARTS_OF`); not the articles' own,
    which it looks inputs up by."""
    return table in ARTICLE_PARTS


def build_deferred(db: sqlite_utils.Database) -> None:
    """Make the indexes and search indexes `ensure_schema(defer=True)` left out (a no-op when none are).

    Each search index is made in a transaction of its own: whole, or not at all.
    """
    with db.atomic():
        for name, indexes in INDEXES.items():
            for columns in indexes:
                db[name].create_index(columns, if_not_exists=True)
        for sql in EXTRA_INDEXES.values():
            db.execute(sql)
    for name, columns in FTS.items():
        # sqlite-utils makes a search index in three scripts (table, rows, triggers), each
        # committing on its own: run in one transaction, a kill part-way leaves no index rather
        # than one without triggers that search answers wrongly from.  replace=True makes a
        # half-made one (from an older version) again, and leaves a whole one as it is.
        with _scripts_in_one_transaction(db), db.atomic():
            db[name].enable_fts(columns, create_triggers=True, tokenize="porter", replace=True)


@contextlib.contextmanager
def _scripts_in_one_transaction(db: sqlite_utils.Database):
    """sqlite-utils' `executescript` calls, statement by statement inside the open transaction
    (Python's executescript commits first)."""

    def execute_script(script: str):
        statement = ""
        for line in script.splitlines(keepends=True):
            statement += line
            if sqlite3.complete_statement(statement):  # knows a trigger's body runs to its END;
                db.conn.execute(statement)
                statement = ""
        if statement.strip():
            db.conn.execute(statement)

    db.executescript = execute_script
    try:
        yield
    finally:
        del db.executescript


def search_index_problems(names: set[str], has_articles: bool) -> list[str]:
    """What is wrong with the search indexes, given the names in sqlite_master: a missing
    index, or one without the triggers that keep it in step with its table."""
    if not has_articles:
        return []
    problems = []
    for table in FTS:
        if f"{table}_fts" not in names:
            problems.append(f"{table}_fts is missing, so search finds nothing there (a first convert was stopped before its closing index build)")
        elif not {f"{table}_ai", f"{table}_ad", f"{table}_au"} <= names:
            problems.append(f"{table}_fts has lost its triggers, so search answers from stale rows (a convert was stopped while building it)")
    return problems


# The query whose names search_index_problems reads.
SCHEMA_NAMES = "select name from sqlite_master"
MEND_SEARCH = "run newsfacts convert on this database again (any input, an unchanged one will do) to rebuild it"


def ensure_views(db) -> None:
    """Create (or bring up to date) the views; `db` is a sqlite_utils Database.

    Idempotent and cheap when nothing changed: ensure_schema calls it.
    """
    for name, sql in VIEWS.items():
        current = db.execute("select sql from sqlite_master where type = 'view' and name = ?", [name]).fetchone()
        wanted = f"CREATE VIEW [{name}] AS {sql}"
        if current and current[0] == wanted:
            continue
        if current:
            db.execute(f"drop view [{name}]")
        db.execute(wanted)


# An article's parts, by their primary key: their ids are `<article id>-...` (`_part_id`), and
# article ids hold no `-`, so they are the range [id + "-", id + ".") (`.` follows `-`).  The
# writer reads and deletes parts this way, as a first load has no article_id index until
# its closing pass (building them once then costs less than keeping them row by row).
PARTS_OF = "id >= ? and id < ?"


def parts_of(aid: str) -> tuple[str, str]:
    """The bounds `PARTS_OF` takes for one article's parts."""
    return aid + "-", aid + "."


def article_id(source: str, record: str | None = None) -> str:
    """An article is known by where it came from, so an edited dump replaces it."""
    key = source if record is None else f"{source}\0{record}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _part_id(article: str, position: int, suffix: str = "") -> str:
    return f"{article}-{position:04d}{suffix}"


def part_position(part_id: str) -> int | None:
    """The block position a part's id names (`_part_id`'s inverse): a paragraph's, for its quotes."""
    tail = part_id[len(part_id.split("-", 1)[0]) + 1 :][:4] if "-" in part_id else ""
    return int(tail) if len(tail) == 4 and tail.isdigit() else None


def article_rows(
    article: Article, *, sha256: str, size: int, record: str | None = None, converted_at: str | None = None
) -> dict[str, list[tuple]]:
    """The rows of every table for one article, as tuples in the order of `TABLES`' columns.

    Tuples, not dicts: built in the worker that parsed the article, they go to SQLite as
    they are (`insert_rows`), so the writer builds nothing.
    """
    aid = article_id(article.source, record)
    video_ids = [_part_id(aid, video.position) for video in article.videos]
    outlet = article_outlet(article)
    kinds = [block.kind for block in article.blocks]
    dateline = article.dateline
    paragraph_ids = [_part_id(aid, p.position) for p in article.paragraphs]
    return {
        "articles": [(
            aid, article.source, record, article.title, outlet,
            dateline.place if dateline else None, dateline.outlet if dateline else None,
            article.url, article.published, article.byline, sha256, size, len(article.blocks),
            len(article.paragraphs), len(article.captions), len(article.videos), len(article.quotes),
            kinds.count("boilerplate"),
            converted_at or datetime.now(timezone.utc).isoformat(timespec="seconds"),
        )],
        "blocks": [(_part_id(aid, b.position), aid, b.position, b.kind, b.text) for b in article.blocks],
        "paragraphs": [
            (paragraph_ids[n], aid, p.position, p.section, p.text) for n, p in enumerate(article.paragraphs)
        ],
        "videos": [
            (video_ids[n], aid, v.position, v.title, v.duration, v.duration_seconds, v.source)
            for n, v in enumerate(article.videos)
        ],
        "captions": [
            (
                _part_id(aid, c.position), aid, c.position, c.text,
                *((c.credit.text, c.credit.photographer, c.credit.agency, c.credit.distributor, int(bool(c.credit.pool)))
                  if c.credit else (None, None, None, None, 0)),
                video_ids[c.video] if c.video is not None else None,
            )
            for c in article.captions
        ],
        "highlights": [(_part_id(aid, h.position), aid, h.position, h.text) for h in article.highlights],
        "headings": [(_part_id(aid, h.position), aid, h.position, h.text) for h in article.headings],
        "contributors": [
            (_part_id(aid, c.position, f"-{n}"), aid, c.position, c.name, c.outlet) for n, c in enumerate(article.contributors)
        ],
        "quotes": [
            (
                f"{paragraph_ids[q.paragraph]}-{n}", aid, paragraph_ids[q.paragraph], n, q.text, q.speaker,
                speaker_key(q.speaker) if q.speaker else None, q.speaker_mention, q.speaker_role, q.cue,
                q.kind, q.start, q.end,
            )
            for n, q in enumerate(article.quotes)
        ],
    }



def as_tuples(table: str, rows: list[dict]) -> list[tuple]:
    """Rows of `table` as dicts with every column (as `load_rows` gives them), as `insert_rows` takes them."""
    values = _columns(table)[1]
    return [values(row) for row in rows]


def stored_sha256(db: sqlite_utils.Database, aid: str) -> str | None:
    """The checksum of the input an article was last converted from, if it was."""
    row = db.execute("select sha256 from articles where id = ?", [aid]).fetchone()
    return row[0] if row else None


def source_sha256(db: sqlite_utils.Database, path: str) -> str | None:
    """The checksum of an input file when it was last converted whole."""
    row = db.execute("select sha256 from sources where path = ?", [path]).fetchone()
    return row[0] if row else None


# An input's own rows, and those of the members of an archive at that path ("a.zip/b.txt").
_UNDER = "(source = :path or (source >= :path || '/' and source < :path || '0'))"


def finish_source(
    db: sqlite_utils.Database,
    path: str,
    *,
    size: int,
    sha256: str | None,
    seen: set[str] | None,
    articles: int,
    failures: int,
    errors: set[str],
    companions: tuple[str, ...] = (),
) -> None:
    """After an input was read: drop the articles it no longer holds, old errors, and remember it.

    `seen` is None when the input could not be read to its end: then nothing is dropped.
    Only an input that converted whole is remembered as done.  `companions` are files read
    with it (a dump's sidecar): their errors not recorded again in this run go too.
    """
    if seen is not None:
        for (aid,) in db.execute(f"select id from articles where {_UNDER}", {"path": path}).fetchall():
            if aid not in seen:
                remove_article(db, aid)
    for name in (path, *companions):
        for (eid,) in db.execute(f"select id from import_errors where {_UNDER}", {"path": name}).fetchall():
            if eid not in errors:
                db.execute("delete from import_errors where id = ?", [eid])
    if failures or sha256 is None or seen is None:
        # an input with failures is read again next time (with --encoding, say): only its
        # unchanged articles are skipped then
        db.execute("delete from sources where path = ?", [path])
    else:
        # one row per input, replaced whole: plain SQL, as sqlite-utils' upsert costs a schema look-up a call
        db.execute(
            "insert or replace into sources (path, size, sha256, converted_at, articles, failures) values (?, ?, ?, ?, ?, ?)",
            [path, size, sha256, datetime.now(timezone.utc).isoformat(timespec="seconds"), articles, failures],
        )


def stored_sources(db: sqlite_utils.Database) -> set[str]:
    """Every input name the database holds rows under (articles, errors, inputs done)."""
    return {
        source
        for sql in ("select distinct source from articles", "select distinct source from import_errors", "select path from sources")
        for (source,) in db.execute(sql)
    }


def forget_source(db: sqlite_utils.Database, source: str) -> None:
    """Drop everything stored under exactly this input name: its articles, errors and record."""
    for (aid,) in db.execute("select id from articles where source = ?", [source]).fetchall():
        remove_article(db, aid)
    db.execute("delete from import_errors where source = ?", [source])
    db.execute("delete from sources where path = ?", [source])


def remove_article(db: sqlite_utils.Database, aid: str) -> None:
    """Remove an article its input no longer holds, and what it counted for its speakers."""
    counted = db.execute(
        f"select speaker_id, count(*) from quotes where {PARTS_OF} and speaker_id is not null group by speaker_id", parts_of(aid)
    ).fetchall()
    delete_article(db, aid)
    db.conn.executemany("update speakers set quotes = quotes - ?, articles = articles - 1 where id = ?", [(n, sid) for sid, n in counted])
    db.conn.executemany("delete from speakers where id = ? and quotes <= 0", [(sid,) for sid, _ in counted])
def load_rows(
    db: sqlite_utils.Database, aid: str, tables: tuple[str, ...] = tuple(INSERT_ORDER[1:]), positions: set[int] | None = None
) -> dict[str, list[dict]]:
    """The stored rows of one article's parts (in position order), as dicts named by their
    columns; only those at `positions` when given."""
    rows = {}
    at = f" and position in ({', '.join(map(str, sorted(positions)))})" if positions is not None else ""
    for table in tables:
        columns = list(TABLES[table][0])
        rows[table] = [dict(zip(columns, row)) for row in db.execute(
            f"select {', '.join(f'[{c}]' for c in columns)} from [{table}] where {PARTS_OF}{at} order by position, id", parts_of(aid))]
    return rows


def delete_article(db: sqlite_utils.Database, aid: str) -> None:
    """Remove an article and all its parts; the search-index triggers follow."""
    for table in ARTICLE_PARTS:
        db.execute(f"delete from [{table}] where {PARTS_OF}", parts_of(aid))
    db.execute("delete from articles where id = ?", [aid])


@functools.cache
def _columns(table: str) -> tuple[list[str], operator.itemgetter]:
    columns = list(TABLES[table][0])
    return columns, operator.itemgetter(*columns)


@functools.cache
def _insert_sql(table: str, rows: int) -> str:
    columns = _columns(table)[0]
    one = "(" + ", ".join("?" * len(columns)) + ")"
    return f"insert into [{table}] ({', '.join(f'[{c}]' for c in columns)}) values " + ", ".join([one] * rows)


# Rows a statement. Few enough that the prepared statements stay small in SQLite's statement
# cache (one distinct statement per row count would fill memory with huge ones).
_ROWS_PER_STATEMENT = 128


def insert_rows(db: sqlite_utils.Database, table: str, rows: list[tuple]) -> None:
    """Insert complete rows of one table (tuples of every column, in `TABLES`' order), many to
    a statement: in SQLite that is twice as fast as one statement a row."""
    full = len(rows) - len(rows) % _ROWS_PER_STATEMENT
    if full:
        db.conn.executemany(
            _insert_sql(table, _ROWS_PER_STATEMENT),
            (list(chain.from_iterable(rows[start : start + _ROWS_PER_STATEMENT])) for start in range(0, full, _ROWS_PER_STATEMENT)),
        )
    if full < len(rows):
        db.conn.executemany(_insert_sql(table, 1), rows[full:])


# Where save_rows finds the values it reads in the rows' tuples.
_ID, _SOURCE, _RECORD = 0, 1, 2
_SPEAKER, _SPEAKER_ID = 5, 6


def save_rows(db: sqlite_utils.Database, batch: list[dict[str, list[tuple]]]) -> None:
    """Write the rows of several articles (as `article_rows` makes them), replacing what each
    had before, in one transaction.

    Plain INSERTs (the search-index triggers fire as for any insert): the rows are already
    complete tuples of the schema's types, so sqlite-utils' per-row handling would only cost time.
    """
    # a corpus that holds one record twice: the later one wins, as it would across batches
    batch = list({rows["articles"][0][_ID]: rows for rows in batch}.values())
    if not batch:
        return
    with db.atomic():
        ids = [rows["articles"][0][_ID] for rows in batch]
        marks = ", ".join("?" * len(ids))
        replaced = [aid for (aid,) in db.execute(f"select id from articles where id in ({marks})", ids)]
        # what the replaced articles counted for their speakers comes off before they go
        counts: dict[str, list[int]] = {}
        for aid in replaced:
            for sid, quotes in db.execute(
                f"select speaker_id, count(*) from quotes where {PARTS_OF} and speaker_id is not null group by speaker_id",
                parts_of(aid),
            ):
                change = counts.setdefault(sid, [0, 0])
                change[0] -= quotes
                change[1] -= 1
            delete_article(db, aid)
        db.conn.executemany(
            "delete from import_errors where id = ?",
            [(error_id(rows["articles"][0][_SOURCE], rows["articles"][0][_RECORD]),) for rows in batch],
        )
        speakers: dict[str, str] = {}
        for rows in batch:
            seen: set[str] = set()
            for row in rows["quotes"]:
                sid = row[_SPEAKER_ID]
                if sid:
                    speakers.setdefault(sid, row[_SPEAKER])
                    change = counts.setdefault(sid, [0, 0])
                    change[0] += 1
                    if sid not in seen:
                        seen.add(sid)
                        change[1] += 1
        add_speakers(db, speakers.items())
        for table in INSERT_ORDER:
            insert_rows(db, table, [row for rows in batch for row in rows[table]])
        db.conn.executemany(
            "update speakers set quotes = quotes + ?, articles = articles + ? where id = ?",
            ((quotes, articles, sid) for sid, (quotes, articles) in counts.items()),
        )
        if replaced:
            db.execute("delete from speakers where quotes <= 0")


def error_id(source: str, record: str | None) -> str:
    """One row per input (or record) that failed, however often it is tried."""
    return hashlib.sha256(f"{source}\0{record or ''}".encode("utf-8")).hexdigest()[:16]


def record_error(db: sqlite_utils.Database, source: str, record: str | None, reason: str) -> None:
    """Remember that a file (or one record in it) could not be converted, and why."""
    db.execute(
        "insert or replace into import_errors (id, source, record, reason, at) values (?, ?, ?, ?, ?)",
        [error_id(source, record), source, record, reason, datetime.now(timezone.utc).isoformat(timespec="seconds")],
    )
