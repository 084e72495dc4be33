"""Opening the database a conversion writes to, and saying plainly why it cannot be.

One `convert` writes to a database at a time (an advisory lock on the file, which the
kernel lets go of however the process ends); another program's write lock is waited for
a while (SQLite's busy timeout).  A database that is not SQLite, or whose tables another
tool made, is refused before anything is written.
"""

from __future__ import annotations

import errno
import fcntl
import os
import sqlite3
import time

import sqlite_utils

from .config import is_newsfacts
from .storage import TABLES

# How long a run waits for another writer's lock before it gives up and says so.
BUSY_TIMEOUT_SECONDS = 30.0


class DatabaseProblem(Exception):
    """The database cannot be opened or written to; the message says why and what to do."""


def open_database(path: str) -> sqlite_utils.Database:
    """The database at `path`, checked and locked for this run's writes (or DatabaseProblem)."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise DatabaseProblem(f"{path}: the folder {folder} does not exist; create it, or give a DB_PATH in a folder that does")
    if os.path.isdir(path):
        raise DatabaseProblem(f"{path} is a folder; give the path of a database file (news.db, say)")
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise DatabaseProblem(f"{path} cannot be opened for writing ({error.strerror}); check its permissions") from None
    _lock(handle, path)
    db = sqlite_utils.Database(sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS))
    db._newsfacts_lock = handle  # held as long as the database is: the kernel drops it when the process ends
    try:
        existing = {name: set(db[name].columns_dict) for name in db.table_names()}
    except sqlite3.DatabaseError as error:
        close_database(db)
        raise DatabaseProblem(explain(error, path)) from None
    # A database holding every table newsfacts signs its databases with was made by newsfacts,
    # perhaps an older one: `ensure_schema` adds the columns the schema has gained since.
    ours = is_newsfacts(existing)
    for name, (columns, _, _) in TABLES.items():
        missing = sorted(set(columns) - existing.get(name, set(columns)))
        if missing and not ours:
            close_database(db)
            raise DatabaseProblem(
                f"{path} holds a table {name!r} that newsfacts did not make (it has no column {missing[0]!r}); "
                "give another DB_PATH (or, if an older newsfacts made it, convert into a new database)"
            )
    return db


def close_database(db: sqlite_utils.Database) -> None:
    """Close a database `open_database` opened, and let go of its lock."""
    db.close()
    handle = getattr(db, "_newsfacts_lock", None)
    if handle is not None:
        os.close(handle)
        db._newsfacts_lock = None


def _lock(handle: int, path: str) -> None:
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.EACCES) or time.monotonic() > deadline:
                os.close(handle)
                raise DatabaseProblem(
                    f"another newsfacts convert is writing to {path} (waited {BUSY_TIMEOUT_SECONDS:g} s); "
                    "let it finish, then run this command again"
                ) from None
            time.sleep(0.1)


def explain(error: Exception, path: str) -> str:
    """One line on what a database error means for the user, and what to do."""
    message = str(error).lower()
    kept = "every batch written before it is kept; run the same command again to go on"
    if "locked" in message or "busy" in message:
        return (f"{path} is locked by another program writing to it (waited {BUSY_TIMEOUT_SECONDS:g} s); "
                f"{kept} once it is done")
    if "disk is full" in message or "database or disk is full" in message or getattr(error, "errno", None) == errno.ENOSPC:
        return f"the disk holding {path} is full; free some space: {kept}"
    if "not a database" in message or "malformed" in message:
        return f"{path} is not a SQLite database (or is damaged); give a new DB_PATH, or a database newsfacts convert made"
    if "readonly" in message or "read-only" in message:
        return f"{path} cannot be written to; check its permissions and the folder's"
    return f"{path}: {error}; {kept}"
