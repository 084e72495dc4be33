"""How the plugin tells a database that `newsfacts convert` made from any other.

A database is ours when it holds our tables, whatever the file is called.  A database
found to be ours stays ours; one that is not yet ours is looked at again when asked about
after a second or more, so a database converted while Datasette is running is recognised
on the next request, without a restart.  Also here: Datasette's facet suggestions are
turned off for our tables, where they would cost seconds a page on a large corpus.
"""

from __future__ import annotations

import sqlite3
import time
import weakref
from pathlib import Path

from datasette.utils import tilde_decode

from . import compat, config

# How long "not ours" is believed before the database is looked at again: a probe costs
# an open and a read of the schema, and the sync hooks ask once per table cell.
RECHECK_SECONDS = 1.0


class _State:
    """What one Datasette instance knows: {name: True} for ours, {name: time} for not yet."""

    def __init__(self):
        self.known: dict[str, bool | float] = {}
        self.installed: set[str] = set()  # ours, with their 1.0 settings and queries in place
        self.started = False


# Per Datasette instance.
_states: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _state(datasette) -> _State:
    state = _states.get(datasette)
    if state is None:
        state = _states[datasette] = _State()
    return state


def _probe_file(path: str, immutable: bool) -> bool | None:
    """Read a database file's table names without Datasette's (async) connections."""
    mode = "immutable=1" if immutable else "mode=ro"
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?{mode}", uri=True)
        try:
            names = [row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")]
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return config.is_newsfacts(names)


def _settled(known: dict, name: str) -> bool | None:
    """True or False when the last look still holds, None when it is time to look again."""
    entry = known.get(name)
    if entry is True:
        return True
    if entry is not None and time.monotonic() - entry < RECHECK_SECONDS:
        return False
    return None


def is_newsfacts_database(datasette, name: str | None) -> bool:
    """Whether `name` is a database `newsfacts convert` made (cheap: the answer is kept).

    Sync, for the sync hooks (get_metadata, render_cell). In-memory databases can only be
    read asynchronously: `recognise_databases` covers them.
    """
    if name is None:
        return False
    known = _state(datasette).known
    if (settled := _settled(known, name)) is not None:
        return settled
    db = datasette.databases.get(name)
    if db is None or db.is_memory or not db.path:
        return False
    result = _probe_file(db.path, not db.is_mutable)
    known[name] = True if result else time.monotonic()
    return bool(result)


async def recognise_databases(datasette) -> None:
    """Look at every attached database not known to be ours, through Datasette's connections.

    Run at start-up and before every request, so a database converted after start-up gets
    its pages and (on Datasette 1.0) its settings and canned queries when first asked for.
    """
    state = _state(datasette)
    state.started = True
    for name, db in list(datasette.databases.items()):
        if _settled(state.known, name) is None:
            try:
                ours = config.is_newsfacts(await db.table_names())
            except Exception:  # a file being written or replaced: look again next time
                ours = False
            state.known[name] = True if ours else time.monotonic()
        if state.known[name] is True and name not in state.installed:
            await compat.install_defaults(datasette, name)
            state.installed.add(name)


# Requests that read no database: static assets, which a page pulls in by the dozen.
_NO_DATABASE_PREFIXES = ("/-/static/", "/-/static-plugins/", "/favicon.ico")


def _reads_a_database(datasette, path: str) -> bool:
    base_url = datasette.setting("base_url") or "/"
    if base_url != "/" and path.startswith(base_url):
        path = "/" + path[len(base_url):]
    return not path.startswith(_NO_DATABASE_PREFIXES)


def recognising(datasette):
    """ASGI wrapper: recognise newly converted databases before each request that reads one."""

    def wrap(app):
        async def wrapped(scope, receive, send):
            # before start-up Datasette's internal tables may not exist yet: its startup hook runs us first
            if (
                scope.get("type") == "http"
                and _state(datasette).started
                and _reads_a_database(datasette, scope.get("path", ""))
            ):
                await recognise_databases(datasette)
            await app(scope, receive, send)

        return wrapped

    return wrap


def newsfacts_database_names(datasette) -> list[str]:
    """The attached databases that are ours, in Datasette's order."""
    return [name for name in datasette.databases if is_newsfacts_database(datasette, name)]


# --- Table pages: no facet suggestions, the columns a reader wants first -------------------


def _our_table_request(datasette, path: str) -> tuple[str, str | None] | None:
    """(table, format) when a request path is a table or view page of one of our databases."""
    base_url = datasette.setting("base_url") or "/"
    if base_url != "/" and path.startswith(base_url):
        path = "/" + path[len(base_url):]
    parts = path.strip("/").split("/")
    if len(parts) != 2 or parts[0].startswith("-"):
        return None
    table, format = parts[1], None
    for suffix in (".json", ".csv"):
        if table.endswith(suffix):
            table, format = table.removesuffix(suffix), suffix[1:]
    table = tilde_decode(table)
    if table in config.TABLES and is_newsfacts_database(datasette, tilde_decode(parts[0])):
        return table, format
    return None


def _with(query: bytes, extra: bytes) -> bytes:
    return query + b"&" + extra if query else extra


def table_page_defaults(datasette):
    """ASGI wrapper: our defaults for table pages that settings cannot express.

    `_nosuggest=1` on every table request of our databases: Datasette suggests facets by
    trying a count per column on every table page, each up to facet_suggest_time_limit_ms:
    seconds per page on a large corpus, for suggestions our default facets already make.
    Plugin setting `suggest_facets: true` turns this off.

    `_col=...` on the HTML page of a table in `config.OPENING_COLUMNS` when the address
    picks no columns itself: the columns a reader wants first; the table's description
    links to `?_allcols=1`, which shows every column (ids and offsets too).
    """

    def wrap(app):
        async def wrapped(scope, receive, send):
            if scope.get("type") == "http" and (found := _our_table_request(datasette, scope.get("path", ""))):
                table, format = found
                query = scope.get("query_string", b"")
                if b"_nosuggest" not in query and not (
                    datasette.plugin_config(config.PLUGIN_NAME) or {}
                ).get("suggest_facets"):
                    query = _with(query, b"_nosuggest=1")
                opening = config.OPENING_COLUMNS.get(table)
                if opening and format is None and not any(
                    key in query for key in (b"_col=", b"_nocol=", config.ALL_COLUMNS.encode())
                ):
                    query = _with(query, "&".join(f"_col={column}" for column in opening).encode())
                scope = dict(scope, query_string=query)
            await app(scope, receive, send)

        return wrapped

    return wrap
