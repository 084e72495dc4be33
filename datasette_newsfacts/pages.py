"""What every page under /-/newsfacts/ shares: finding its database, reading rows, answering.

Every page checks Datasette's view permissions before reading anything, and every page
answers as JSON too (the same data, for scripts) when its address ends in `.json`.
"""

from __future__ import annotations

import dataclasses

from datasette.utils import tilde_decode
from datasette.utils.asgi import NotFound, Response

from . import compat
from .recognise import is_newsfacts_database


async def database_for(datasette, request, tables: list[str]):
    """The database named in the URL, if it is ours and the actor may see these tables."""
    name = tilde_decode(request.url_vars["database"])
    if name not in datasette.databases or not is_newsfacts_database(datasette, name):
        raise NotFound(f"No newsfacts database called {name!r}")
    await compat.ensure_can_view(datasette, request.actor, name, tables)
    return name, datasette.get_database(name)


async def rows(db, sql: str, params=None) -> list[dict]:
    """The rows of a query as dicts."""
    return [dict(row) for row in (await db.execute(sql, params or [])).rows]


def _plain(value):
    """Dataclasses as dicts, all the way down, so a page's data is JSON."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {key: _plain(item) for key, item in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


async def respond(datasette, request, template: str, data: dict, html_only: dict | None = None) -> Response:
    """The page as HTML from `template`, or `data` as JSON when the address ends in `.json`.

    `html_only` holds what only the HTML needs (a drawn chart), left out of the JSON.
    """
    if request.url_vars.get("format") == "json":
        return Response.json(_plain(data), default=str)
    return Response.html(await datasette.render_template(template, {**data, **(html_only or {})}, request=request))
