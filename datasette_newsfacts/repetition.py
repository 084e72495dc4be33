"""Furniture the corpus gives away: lines that recur in many articles of one outlet.

A real corpus holds many pages from each outlet.  Its furniture (a newsletter prompt, a
share bar, a standard closing paragraph) repeats across them while its stories do not,
so, as large web-text corpora do to strip boilerplate, a line found in enough articles of
the same group is furniture wherever it stands.  A group is the site of the article's URL,
else the outlet its dateline or credits name, else the folder its input came from.

Counts live in the database (`line_groups`, `line_counts`, `article_lines`), so each run
adds to the evidence of the runs before.  `refresh` is called at the end of every run and
by `newsfacts refine`: it counts the articles stored since it last ran and re-reads every
article whose repeated lines changed, turning whole blocks of such lines into furniture
(their paragraph, heading, highlight or caption rows, and the quotes in them, go; the
search index follows).  Sure forms are never touched: videos, datelines, contributor
lines and credited captions repeat across a corpus because they are what they are.

The thresholds, as numbers of articles in the group (see `is_repeated`), were chosen on the
train split of L3S-GN1 (domains with 3 or more pages, labelled blocks): a line in 3 pages
of a site is furniture in 99% of cases there; a line in 2 is too often the same story
twice.  Lines that read as sentences need more: a quote repeated in the stories of a
developing event must not go.
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import sqlite_utils

from . import storage
from .outlets import site_of

# A short line (a label, a button, a teaser headline) in this many articles of a group ...
MIN_ARTICLES = 3
# ... or in this share of them, whichever is more.
MIN_SHARE = 0.02
# A line that reads as a sentence: more articles, and a larger share (a developing story
# repeats a quote or a background paragraph in a handful of its reports, never in a tenth
# of an outlet's output, where a standard closing paragraph stands in most).
MIN_ARTICLES_SENTENCE = 4
MIN_SHARE_SENTENCE = 0.1
# Block kinds read by rules that can be wrong about furniture; the others have sure forms.
_DEMOTABLE = frozenset({"paragraph", "heading", "highlight", "caption"})
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
# One table for quotes, dashes and digits: a translation is cheaper than a pattern, and every
# line of every article goes through it.
_UNIFIED = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", **dict.fromkeys("123456789", "0")})


def normalise(line: str) -> str:
    """A line as counted: lower case, digits as 0, quotes and dashes unified, spaces collapsed
    (`Updated 9:22 PM` on one page is `Updated 10:05 AM` on the next)."""
    return " ".join(line.lower().translate(_UNIFIED).split())


def line_key(normalised: str) -> int:
    """A signed 64-bit key for a normalised line: what the counts are kept under."""
    return int.from_bytes(hashlib.blake2b(normalised.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def reads_as_sentence(normalised: str) -> bool:
    """Prose, which needs stronger evidence: a line of four words or more that ends as a
    sentence, or any line of more than twelve words."""
    words = normalised.count(" ") + 1
    return words > 12 or (words >= 4 and bool(_SENTENCE_END.search(normalised)))


def is_repeated(articles: int, group_articles: int, sentence: bool) -> bool:
    """Whether a line found in `articles` of a group's `group_articles` is the group's furniture."""
    if sentence:
        return articles >= max(MIN_ARTICLES_SENTENCE, MIN_SHARE_SENTENCE * group_articles)
    return articles >= max(MIN_ARTICLES, MIN_SHARE * group_articles)


def group_name(source: str, outlet: str | None, url: str | None) -> str:
    """The group an article's lines are counted in: its site, else its outlet, else its folder."""
    host = urlsplit(url).hostname if url and "//" in url else None
    if host:
        # the registrable domain, as the outlet is found: edition.cnn.com and cnn.com are one site
        return "site:" + (site_of(url) or host.removeprefix("www."))
    if outlet:
        return "outlet:" + outlet
    return "folder:" + os.path.dirname(source)


@dataclass
class Refreshed:
    """What `refresh` did."""

    counted: int = 0  # articles whose lines were counted for the first time or again
    forgotten: int = 0  # articles gone since they were counted
    reread: int = 0  # articles whose rows were checked against new evidence
    changed: int = 0  # of those, articles with blocks that became furniture
    copies: int = 0  # of those, articles left as they were: most of their body stands in others too
    blocks: int = 0  # blocks that became furniture

    def report(self) -> str:
        return (
            f"Lines repeated across articles: {self.blocks:,} blocks in {self.changed:,} articles became furniture "
            f"({self.counted:,} articles counted, {self.reread:,} re-read"
            + (f", {self.copies:,} left as they were: most of their body stands in other articles too" if self.copies else "")
            + ")"
        )


def _pack(keys: Iterable[int]) -> bytes:
    return array("q", sorted(keys)).tobytes()


def _unpack(blob: bytes | None) -> set[int]:
    keys = array("q")
    if blob:
        keys.frombytes(blob)
    return set(keys)


@dataclass
class Lines:
    """An article's lines as counted: what a worker computes beside the article's rows, so
    that the writer normalises and hashes nothing."""

    # key -> (reads as a sentence, normalised text), for every distinct line of every block
    found: dict[int, tuple[bool, str]]
    # the blocks a re-read may turn into furniture, with their line keys and prose (`_pack_blocks`)
    blocks: bytes


def article_lines(
    blocks: Iterable[tuple[int, str, str]], credited: set[int], paragraphs: Iterable[tuple[int, str]]
) -> Lines:
    """The lines of an article's blocks, given as (position, kind, text) in position order;
    `credited` holds the positions of its captions with a credit or a video (sure forms), and
    `paragraphs` its paragraphs' (position, text), whose prose tells a copy (`_is_a_copy`)."""
    prose = {position: len(text) for position, text in paragraphs if reads_as_sentence(normalise(text))}
    found: dict[int, tuple[bool, str]] = {}
    demotable: list[tuple[int, int, list[int]]] = []
    for position, kind, text in blocks:
        keys = []
        for line in text.split("\n"):
            if normalised := normalise(line):
                key = line_key(normalised)
                keys.append(key)
                if key not in found:
                    found[key] = (reads_as_sentence(normalised), normalised)
        if kind in _DEMOTABLE and position not in credited:
            demotable.append((position, prose.get(position, 0), keys))
    return Lines(found, _pack_blocks(sum(prose.values()), demotable))


def _pack_blocks(body: int, blocks: list[tuple[int, int, list[int]]]) -> bytes:
    """One array: the length of the article's prose; then for each block its position, the
    length of its prose, its number of line keys and the keys."""
    packed = array("q", [body])
    for position, prose, keys in blocks:
        packed.extend((position, prose, len(keys)))
        packed.extend(keys)
    return packed.tobytes()


def _unpack_blocks(blob: bytes) -> tuple[int, Iterator[tuple[int, int, array]]]:
    packed = array("q")
    packed.frombytes(blob)

    def blocks() -> Iterator[tuple[int, int, array]]:
        at = 1
        while at < len(packed):
            position, prose, count = packed[at : at + 3]
            yield position, prose, packed[at + 3 : at + 3 + count]
            at += 3 + count

    return packed[0], blocks()


def _stored_lines(db: sqlite_utils.Database, aid: str) -> Lines:
    """The lines of a stored article (stored by a version that did not count them as it
    wrote, or copied by `merge`), from its rows as parsed."""
    parts = storage.parts_of(aid)
    credited = {position for (position,) in db.execute(
        f"select position from captions where {storage.PARTS_OF} and (credit != '' or video_id != '')", parts)}
    return article_lines(
        db.execute(f"select position, kind, text from blocks where {storage.PARTS_OF} order by position", parts),
        credited,
        db.execute(f"select position, text from paragraphs where {storage.PARTS_OF}", parts).fetchall(),
    )


def _group_id(db: sqlite_utils.Database, name: str) -> int:
    row = db.execute("select id from line_groups where name = ?", [name]).fetchone()
    if row:
        return row[0]
    return db.execute("insert into line_groups (name, articles) values (?, 0)", [name]).lastrowid


def _forget(db: sqlite_utils.Database, gid: int, blob: bytes | None) -> None:
    """Take one article's lines off its group's counts (lines left in no article are dropped
    by `_drop_uncounted`, once a group, not once an article: that delete scans the group)."""
    db.conn.executemany(
        # a line left in one article keeps no text, as one never shared has none (old values on the right)
        "update line_counts set articles = articles - 1, text = case when articles > 2 then text end "
        "where group_id = ? and key = ?",
        ((gid, k) for k in _unpack(blob)),
    )
    db.execute("update line_groups set articles = articles - 1 where id = ?", [gid])


def _drop_uncounted(db: sqlite_utils.Database, gids: Iterable[int]) -> None:
    db.conn.executemany("delete from line_counts where group_id = ? and articles <= 0", ((gid,) for gid in gids))


def _add(db: sqlite_utils.Database, aid: str, gid: int, stamp: str, lines: Lines) -> None:
    """Count one article's lines in its group, and remember which they were."""
    db.conn.executemany(
        "insert into line_counts (group_id, key, sentence, articles) values (?, ?, ?, 1) "
        "on conflict (group_id, key) do update set articles = articles + 1, "
        # the text once a second article holds the line (a row forgotten down to 0 may still stand)
        "text = case when line_counts.articles >= 1 then coalesce(line_counts.text, ?) end",
        ((gid, key, int(sentence), text) for key, (sentence, text) in lines.found.items()),
    )
    db.execute("update line_groups set articles = articles + 1 where id = ?", [gid])
    db.execute(
        "insert or replace into article_lines (article_id, group_id, stamp, keys, applied, blocks) values (?, ?, ?, ?, ?, ?)",
        [aid, gid, stamp, _pack(lines.found), _pack(()), lines.blocks],
    )


def count_parsed(db: sqlite_utils.Database, parsed: Iterable[tuple[tuple, Lines]]) -> None:
    """Count the lines of articles just written, from what their workers computed: pairs of
    an `articles` row (as `storage.article_rows` makes it) and the article's `Lines`.

    Call it in the transaction that writes the rows.  Their groups' `fresh` says how many
    articles were counted in them since the last re-read: the next `refresh` re-reads them
    (a run stopped before it leaves them to the next run's)."""
    latest = {row[_ARTICLE_ID]: (row, lines) for row, lines in parsed}  # one record twice: the later one wins
    groups: dict[str, int] = {}
    fresh: Counter[int] = Counter()
    for aid, (row, lines) in latest.items():
        old = db.execute("select group_id, keys from article_lines where article_id = ?", [aid]).fetchone()
        if old:  # converted again: its old lines come off first
            _forget(db, *old)
            fresh[old[0]] += 0
        name = group_name(row[_SOURCE], row[_OUTLET], row[_URL])
        gid = groups.get(name) or groups.setdefault(name, _group_id(db, name))
        _add(db, aid, gid, f"{row[_CONVERTED_AT]} {row[_SHA256]}", lines)
        fresh[gid] += 1
    db.conn.executemany("update line_groups set fresh = coalesce(fresh, 0) + ? where id = ?", ((n, gid) for gid, n in fresh.items()))


# Where count_parsed finds what it reads in an `articles` row.
_ARTICLE_ID, _SOURCE, _OUTLET, _URL, _SHA256, _CONVERTED_AT = (
    list(storage.TABLES["articles"][0]).index(column) for column in ("id", "source", "outlet", "url", "sha256", "converted_at")
)


def _count(db: sqlite_utils.Database) -> tuple[set[int], int, int]:
    """Bring the counts up to date with the stored articles; returns the groups touched
    (those `count_parsed` counted in among them), and how many articles were counted and forgotten."""
    fresh = db.execute("select id, fresh from line_groups where fresh is not null").fetchall()
    touched = {gid for gid, _ in fresh}
    counted, forgotten = sum(n for _, n in fresh), 0
    gone = db.execute(
        "select article_id, group_id, keys from article_lines where article_id not in (select id from articles)"
    ).fetchall()
    for aid, gid, blob in gone:
        _forget(db, gid, blob)
        db.execute("delete from article_lines where article_id = ?", [aid])
        touched.add(gid)
        forgotten += 1
    # articles stored uncounted: by a version that did not count them as it wrote, or by `merge`
    new = db.execute(
        "select articles.id, articles.source, articles.outlet, articles.url, "
        "articles.converted_at || ' ' || articles.sha256, article_lines.group_id, article_lines.keys "
        "from articles left join article_lines on article_lines.article_id = articles.id "
        "where article_lines.stamp is null or article_lines.stamp != articles.converted_at || ' ' || articles.sha256"
    ).fetchall()
    for aid, source, outlet, url, stamp, old_gid, old_keys in new:
        if old_gid is not None:  # converted again since it was counted
            _forget(db, old_gid, old_keys)
            touched.add(old_gid)
        gid = _group_id(db, group_name(source, outlet, url))
        _add(db, aid, gid, stamp, _stored_lines(db, aid))
        touched.add(gid)
        counted += 1
    _drop_uncounted(db, touched)
    return touched, counted, forgotten


def repeated_keys(db: sqlite_utils.Database, gid: int) -> set[int]:
    """The keys of the lines that are furniture in a group, by today's counts."""
    row = db.execute("select articles from line_groups where id = ?", [gid]).fetchone()
    total = row[0] if row else 0
    floor = min(MIN_ARTICLES, MIN_ARTICLES_SENTENCE)
    return {
        key
        for key, articles, sentence in db.execute(
            "select key, articles, sentence from line_counts where group_id = ? and articles >= ?", [gid, floor]
        )
        if is_repeated(articles, total, bool(sentence))
    }


def refresh(db: sqlite_utils.Database, *, every_group: bool = False) -> Refreshed:
    """Count the lines of articles stored since the last call, and re-read the articles of
    every group whose evidence changed (of every group with `every_group`).

    The database must have today's schema (`storage.ensure_schema`)."""
    result = Refreshed()
    with db.atomic():
        touched, result.counted, result.forgotten = _count(db)
        if every_group:
            touched = {gid for (gid,) in db.execute("select id from line_groups")}
        for gid in sorted(touched):
            repeated = repeated_keys(db, gid)
            for aid, blob, applied, undo, blocks in db.execute(
                "select article_id, keys, applied, undo, blocks from article_lines where group_id = ?", [gid]
            ).fetchall():
                now = _unpack(blob) & repeated
                if now == _unpack(applied):
                    continue
                result.reread += 1
                # always from the rows as parsed, so the outcome depends on today's evidence
                # alone, not on the order the evidence came in (a line may stop being furniture)
                if undo:
                    _undo(db, undo)
                demoted, undo = demote(db, aid, now, blocks)
                if demoted < 0:
                    result.copies += 1
                elif demoted:
                    result.changed += 1
                    result.blocks += demoted
                db.execute("update article_lines set applied = ?, undo = ? where article_id = ?", [_pack(now), undo, aid])
        db.execute("update line_groups set fresh = null where fresh is not null")
    return result


def forget(db: sqlite_utils.Database, ids_sql: str) -> None:
    """Take the articles `ids_sql` selects off the counts, to be counted afresh (for `merge`,
    whose copied rows are not the ones counted here)."""
    gids = set()
    for aid, gid, blob in db.execute(
        f"select article_id, group_id, keys from article_lines where article_id in ({ids_sql})"
    ).fetchall():
        _forget(db, gid, blob)
        db.execute("delete from article_lines where article_id = ?", [aid])
        gids.add(gid)
    _drop_uncounted(db, gids)


def restore_parsed(db: sqlite_utils.Database, schema: str) -> int:
    """Put back, as parsed, the articles of the attached database `schema` that its own
    re-read changed (for `merge`: the merged corpus's evidence decides); returns how many."""
    undos = db.execute(f"select undo from {schema}.article_lines where undo is not null").fetchall()
    for (undo,) in undos:
        _undo(db, undo)
    return len(undos)


# The rows a re-read removes, and the blocks whose kind it changes.
_PARTS = ("paragraphs", "headings", "highlights", "captions")


def demote(db: sqlite_utils.Database, aid: str, repeated: set[int], blocks: bytes | None = None) -> tuple[int, bytes | None]:
    """Turn the blocks of a stored article whose every line is repeated into furniture.

    `blocks` is the article's `Lines.blocks` (worked out from its stored rows when None).
    Returns how many blocks changed (-1 for an article left as it was because those blocks
    are most of its body: see `_is_a_copy`) and what undoes the change (compressed JSON of
    the rows removed and the values changed), or None when nothing changed.
    """
    if not repeated:
        return 0, None
    if blocks is None:
        blocks = _stored_lines(db, aid).blocks
    body, parts = _unpack_blocks(blocks)
    positions, prose = set(), 0
    for position, length, keys in parts:
        if all(key in repeated for key in keys):
            positions.add(position)
            prose += length
    if not positions:
        return 0, None
    if _is_a_copy(prose, body):
        return -1, None
    # only the rows that go, but every heading, and every paragraph if a heading goes (their sections)
    rows = storage.load_rows(db, aid, ("blocks", "captions", "highlights"), positions)
    rows.update(storage.load_rows(db, aid, ("headings", "quotes")))
    heading_goes = any(row["position"] in positions for row in rows["headings"])
    rows.update(storage.load_rows(db, aid, ("paragraphs",), None if heading_goes else positions))
    # copies: the sections of the rows still stored change below, not those of the removed ones
    removed = {table: [dict(row) for row in rows[table] if row["position"] in positions] for table in _PARTS}
    gone = {row["id"] for row in removed["paragraphs"]}
    removed["quotes"] = [row for row in rows["quotes"] if row["paragraph_id"] in gone]
    sections = {row["id"]: row["section"] for row in rows["paragraphs"]}
    _keep_sections(rows, positions)
    moved = [[row["id"], sections[row["id"]], row["section"]] for row in rows["paragraphs"] if row["section"] != sections[row["id"]]]
    kinds = [[block["id"], block["kind"]] for block in rows["blocks"] if block["position"] in positions]
    article = dict(zip(("paragraphs", "captions", "quotes", "boilerplate"), db.execute(
        "select paragraphs, captions, quotes, boilerplate from articles where id = ?", [aid]).fetchone()))
    undo = {"article": [aid, article], "kinds": kinds, "rows": removed, "sections": moved}
    for table in ("quotes", *_PARTS):
        db.conn.executemany(f"delete from [{table}] where id = ?", [(row["id"],) for row in removed[table]])
    db.conn.executemany("update blocks set kind = 'boilerplate' where id = ?", [(bid,) for bid, _ in kinds])
    db.conn.executemany("update paragraphs set section = ? where id = ?", [(new, pid) for pid, _, new in moved])
    _recount(db, removed["quotes"])
    db.execute(
        "update articles set paragraphs = paragraphs - ?, captions = captions - ?, quotes = quotes - ?, "
        "boilerplate = boilerplate + ? where id = ?",
        [len(removed["paragraphs"]), len(removed["captions"]), len(removed["quotes"]), len(kinds), aid],
    )
    return len(positions), zlib.compress(json.dumps(undo, ensure_ascii=False).encode("utf-8"), 1)


def _undo(db: sqlite_utils.Database, blob: bytes) -> None:
    """Put an article back as it was before `demote` changed it."""
    undo = json.loads(zlib.decompress(blob))
    aid, article = undo["article"]
    removed = undo["rows"]
    storage.add_speakers(db, [(row["speaker_id"], row["speaker"]) for row in removed["quotes"] if row["speaker_id"]])
    for table in storage.INSERT_ORDER:
        if table in removed:
            storage.insert_rows(db, table, storage.as_tuples(table, removed[table]))
    db.conn.executemany("update blocks set kind = ? where id = ?", [(kind, bid) for bid, kind in undo["kinds"]])
    db.conn.executemany("update paragraphs set section = ? where id = ?", [(old, pid) for pid, old, _ in undo["sections"]])
    _recount(db, removed["quotes"])
    db.execute(
        "update articles set paragraphs = ?, captions = ?, quotes = ?, boilerplate = ? where id = ?",
        [article["paragraphs"], article["captions"], article["quotes"], article["boilerplate"], aid],
    )


def _recount(db: sqlite_utils.Database, quotes: list[dict]) -> None:
    """The speakers of quotes that went or came back: counted again, dropped when quoted no more."""
    ids = sorted({row["speaker_id"] for row in quotes if row["speaker_id"]})
    if ids:
        storage.recount_speakers(db, ids)
        db.conn.executemany("delete from speakers where id = ? and quotes = 0", [(sid,) for sid in ids])


# More of a body than this found in other articles of the group: the article is another copy
# or version of one story (syndicated, updated, converted twice), and its lines are no evidence.
_MOST_OF_THE_BODY = 0.5


def _is_a_copy(repeated: int, body: int) -> bool:
    """Whether the repeated blocks are most of the article's prose (the length of its
    paragraphs that read as sentences, `repeated` of `body`: a masthead or a label repeated
    is no sign of a copy)."""
    return repeated > _MOST_OF_THE_BODY * body


def _keep_sections(rows: dict[str, list[dict]], positions: set[int]) -> None:
    """Paragraphs under a heading that became furniture fall under the heading before it."""
    demoted = {row["position"]: row["text"] for row in rows["headings"] if row["position"] in positions}
    if not demoted:
        return
    parts = sorted([(row["position"], "heading", row) for row in rows["headings"]]
                   + [(row["position"], "paragraph", row) for row in rows["paragraphs"]], key=lambda part: part[0])
    kept, instead = None, {}
    for position, kind, row in parts:
        if kind == "heading" and position in demoted:
            instead[row["text"]] = kept
        elif kind == "heading":
            kept = row["text"]
            instead.pop(kept, None)
        elif row["section"] in instead:
            row["section"] = instead[row["section"]]
