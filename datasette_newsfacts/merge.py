"""Combining databases that `convert` made from parts of one corpus into one database.

When the parse stage runs on many machines (see `cluster`), each partition of the
corpus is converted into its own database; `merge_databases` folds them into one with
the same rows a single run would have written.  An article found in several inputs
keeps the version of the last one, as a re-conversion would.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from . import repetition, storage



def merge_databases(target: sqlite_utils.Database, sources: list[Path]) -> dict[str, int]:
    """Fold each source database into `target`; returns the rows copied per table."""
    # into an empty database, the search and facet indexes are built once, after the last part
    deferred = storage.ensure_schema(target, defer=True)
    copied: dict[str, int] = dict.fromkeys([*storage.INSERT_ORDER, "speakers", "import_errors", "sources"], 0)
    for source in sources:
        if not Path(source).exists():
            raise FileNotFoundError(f"{source}: no such database")
        target.execute("ATTACH DATABASE ? AS part", [str(source)])
        try:
            missing = [t for t in storage.TABLES if not _attached_table_exists(target, t)]
            if missing:
                raise ValueError(f"{source}: not a newsfacts database (no {', '.join(missing)} table)")
            with target.atomic():
                repetition.forget(target, "select id from part.articles")
                for (aid,) in target.execute("select id from part.articles where id in (select id from main.articles)").fetchall():
                    storage.delete_article(target, aid)  # by the parts' key: a first load has no article_id index yet
                target.execute(
                    "insert or ignore into speakers (id, name, kind, articles, quotes) "
                    "select id, name, kind, 0, 0 from part.speakers"
                )
                copied["speakers"] += target.execute("select count(*) from part.speakers").fetchone()[0]
                for table in storage.INSERT_ORDER:
                    columns = ", ".join(f"[{c}]" for c in storage.TABLES[table][0])
                    cursor = target.execute(f"insert into [{table}] ({columns}) select {columns} from part.[{table}]")
                    copied[table] += cursor.rowcount
                # as parsed: the part's re-read saw only the part's evidence (the speakers
                # its writes drop, counting from zero, come back below and are counted at the end)
                repetition.restore_parsed(target, "part")
                target.execute("insert or ignore into speakers (id, name, kind, articles, quotes) select id, name, kind, 0, 0 from part.speakers")
                for table in ("import_errors", "sources"):
                    columns = ", ".join(f"[{c}]" for c in storage.TABLES[table][0])
                    cursor = target.execute(f"insert or replace into [{table}] ({columns}) select {columns} from part.[{table}]")
                    copied[table] += cursor.rowcount
        finally:
            target.execute("DETACH DATABASE part")
    # the partitions left corpus-wide evidence to the merge: lines repeated across all of them
    repetition.refresh(target)
    if deferred:
        storage.build_deferred(target)  # the recount below looks quotes up by speaker
    with target.atomic():
        storage.recount_speakers(target)
        target.execute("delete from speakers where quotes = 0")
    return copied


def _attached_table_exists(db: sqlite_utils.Database, table: str) -> bool:
    return bool(db.execute("select 1 from part.sqlite_master where type = 'table' and name = ?", [table]).fetchone())
