"""How the plugin tells a database that `newsfacts convert` made from any other.

A database is ours when it holds our tables, whatever the file is called; the answer is
worked out once per database and kept.  Also here: Datasette's facet suggestions are
turned off for our tables, where they would cost seconds a page on a large corpus.
"""

from __future__ import annotations

import sqlite3
import weakref
from pathlib import Path

from datasette.utils import tilde_decode

from . import config

# Which databases are ours, per Datasette instance: {database name: bool}.
_recognised: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


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


def is_newsfacts_database(datasette, name: str | None) -> bool:
    """Whether `name` is a database `newsfacts convert` made (cheap after the first call).

    Sync, for the sync hooks (get_metadata, render_cell). In-memory databases can only be
    read asynchronously: `recognise_databases` at start-up covers them.
    """
    if name is None:
        return False
    known = _recognised.setdefault(datasette, {})
    if name in known:
        return known[name]
    db = datasette.databases.get(name)
    if db is None or db.is_memory or not db.path:
        return False
    result = _probe_file(db.path, not db.is_mutable)
    if result is not None:
        known[name] = result
    return bool(result)


async def recognise_databases(datasette) -> None:
    """Look at every attached database once, through Datasette's own connections."""
    known = _recognised.setdefault(datasette, {})
    for name, db in list(datasette.databases.items()):
        if name not in known:
            known[name] = config.is_newsfacts(await db.table_names())


def newsfacts_database_names(datasette) -> list[str]:
    """The attached databases that are ours, in Datasette's order."""
    return [name for name in datasette.databases if is_newsfacts_database(datasette, name)]


# --- Facet suggestions --------------------------------------------------------------------


def _our_table_request(datasette, path: str) -> bool:
    """Whether a request path is a table or view page (any format) of one of our databases."""
    base_url = datasette.setting("base_url") or "/"
    if base_url != "/" and path.startswith(base_url):
        path = "/" + path[len(base_url):]
    parts = path.strip("/").split("/")
    if len(parts) != 2 or parts[0].startswith("-"):
        return False
    table = parts[1]
    for suffix in (".json", ".csv"):
        table = table.removesuffix(suffix)
    return tilde_decode(table) in config.TABLES and is_newsfacts_database(datasette, tilde_decode(parts[0]))


def without_facet_suggestions(datasette):
    """ASGI wrapper: add `_nosuggest=1` to table requests on our databases.

    Datasette suggests facets by trying a count per column on every table page, each up to
    facet_suggest_time_limit_ms: seconds per page on a large corpus, for suggestions our
    default facets already make. Plugin setting `suggest_facets: true` turns this off.
    """

    def wrap(app):
        async def wrapped(scope, receive, send):
            if (
                scope.get("type") == "http"
                and b"_nosuggest" not in scope.get("query_string", b"")
                and _our_table_request(datasette, scope.get("path", ""))
                and not (datasette.plugin_config(config.PLUGIN_NAME) or {}).get("suggest_facets")
            ):
                query = scope.get("query_string", b"")
                scope = dict(scope, query_string=query + b"&_nosuggest=1" if query else b"_nosuggest=1")
            await app(scope, receive, send)

        return wrapped

    return wrap
