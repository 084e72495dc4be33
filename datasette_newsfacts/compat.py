"""What differs between the two Datasette lines the plugin runs on: 0.65 and 1.0.

0.65 asks plugins for metadata and canned queries through hooks, on every request, and
checks permissions with `ensure_permissions`.  1.0 has no such hooks: table settings live
in the configuration (`datasette.config`), descriptions in the internal database's
metadata tables, canned queries in its `queries` table, and permissions are checked on
resources.  Everything that depends on the line is here, so the rest of the plugin reads
the same on both; what it installs always comes from `config.py`.
"""

from __future__ import annotations

import copy

from datasette.utils.asgi import Forbidden

from . import config

try:  # 1.0: permissions are checked on resources
    from datasette.resources import DatabaseResource, TableResource
except ImportError:  # 0.65
    DatabaseResource = TableResource = None

DATASETTE_1 = TableResource is not None

# Where a query we add is recorded as coming from, so we replace ours and never the user's.
QUERY_SOURCE = "plugin"

# The table settings 1.0 reads from the configuration rather than from metadata.
TABLE_CONFIG_KEYS = ("hidden", "sort", "sort_desc", "size", "sortable_columns", "label_column", "facets",
                     "fts_table", "fts_pk", "searchmode")


async def ensure_can_view(datasette, actor, database: str, tables: list[str]) -> None:
    """Raise Forbidden unless `actor` may see each of `tables` of `database`."""
    if DATASETTE_1:
        allowed = await datasette.allowed(action="view-database", resource=DatabaseResource(database), actor=actor)
        for table in tables:
            if not allowed:
                break
            allowed = await datasette.allowed(action="view-table", resource=TableResource(database, table), actor=actor)
        if not allowed:
            raise Forbidden("You may not view this database")
        return
    for table in tables:  # the first explicit answer in each cascade decides, so one cascade per table
        await datasette.ensure_permissions(
            actor, [("view-table", (database, table)), ("view-database", database), "view-instance"]
        )


async def ensure_can_view_instance(datasette, actor) -> None:
    """Raise Forbidden unless `actor` may see this Datasette at all."""
    if DATASETTE_1:
        if not await datasette.allowed(action="view-instance", actor=actor):
            raise Forbidden("You may not view this instance")
        return
    await datasette.ensure_permissions(actor, ["view-instance"])


async def can_view_database(datasette, actor, database: str) -> bool:
    """Whether `actor` may see `database` (for lists that leave out what they may not)."""
    if DATASETTE_1:
        return await datasette.allowed(action="view-database", resource=DatabaseResource(database), actor=actor)
    visible, _ = await datasette.check_visibility(actor, permissions=[("view-database", database), "view-instance"])
    return visible


async def canned_queries(datasette, database: str, actor) -> dict[str, dict]:
    """The canned queries of `database` that `actor` may see: {name: {title, description}}."""
    if not DATASETTE_1:
        return await datasette.get_canned_queries(database, actor)
    queries, cursor = {}, None
    while True:
        page = await datasette.list_queries(database, actor=actor, limit=100, cursor=cursor)
        for query in page.queries:
            queries[query.name] = {"title": query.title, "description": query.description, "sql": query.sql}
        if not page.has_more or not page.next:
            return queries
        cursor = page.next


async def install_defaults(datasette, database: str) -> None:
    """1.0: give a newsfacts database our table settings, descriptions and canned queries.

    What the user configured wins key by key, as the 0.65 hooks' defaults do: table settings
    are filled in under theirs, descriptions only where they gave none, and a query of theirs
    is never replaced. 0.65 needs nothing here: its hooks serve the same data per request.
    """
    if not DATASETTE_1:
        return
    if datasette.config is None:
        datasette.config = {}
    tables = datasette.config.setdefault("databases", {}).setdefault(database, {}).setdefault("tables", {})
    for table, settings in config.TABLES.items():
        configured = tables.setdefault(table, {})
        for key in TABLE_CONFIG_KEYS:
            if key in settings:
                configured.setdefault(key, copy.deepcopy(settings[key]))
    if "description" not in await datasette.get_database_metadata(database):
        await datasette.set_database_metadata(database, "description", config.DATABASE_DESCRIPTION)
    for table, settings in config.TABLES.items():
        given = await datasette.get_resource_metadata(database, table)
        for key in ("description", "description_html"):
            if settings.get(key) and key not in given:
                await datasette.set_resource_metadata(database, table, key, settings[key])
        for column, description in settings.get("columns", {}).items():
            if "description" not in await datasette.get_column_metadata(database, table, column):
                await datasette.set_column_metadata(database, table, column, "description", description)
    for name, query in config.canned_queries().items():
        existing = await datasette.get_query(database, name)
        if existing is not None and existing.source != QUERY_SOURCE:
            continue
        await datasette.add_query(
            database, name, query["sql"],
            title=query.get("title"), description=query.get("description"),
            description_html=query.get("description_html"), hide_sql=bool(query.get("hide_sql")),
            parameters=query.get("params"),
            # ours are read-only and written here, not by a visitor: they run without execute-sql
            is_trusted=True, source=QUERY_SOURCE,
        )
