"""Datasette plugin hooks for datasette-newsfacts: hooks only, heavy imports inside them.

Every hook acts only on databases that `newsfacts convert` made (recognised by their
tables, whatever the file is called) and leaves other databases alone.  The settings and
queries they serve come from `config.py`.  On Datasette 0.65 the `get_metadata` and
`canned_queries` hooks serve them; Datasette 1.0 has neither hook, so `compat.py` installs
the same data into its configuration and internal tables when a database is recognised.
"""

from datasette import hookimpl


@hookimpl
def register_commands(cli):
    from .cli import cli as newsfacts

    cli.add_command(newsfacts, name="newsfacts")


@hookimpl
def startup(datasette):
    async def inner():
        from .recognise import recognise_databases

        await recognise_databases(datasette)

    return inner


@hookimpl
def get_metadata(datasette, key, database, table):
    # Datasette 0.65 only. It merges the user's metadata over this, so theirs wins key by key.
    from . import config
    from .recognise import newsfacts_database_names

    names = newsfacts_database_names(datasette)
    if not names:
        return {}
    return {"databases": {name: config.database_settings() for name in names}}


@hookimpl
def prepare_connection(conn):
    from .sqlfunctions import register

    register(conn)


@hookimpl
def canned_queries(datasette, database, actor):
    # Datasette 0.65 only: 1.0 keeps canned queries in its internal database (compat.py).
    from . import config
    from .recognise import is_newsfacts_database

    if is_newsfacts_database(datasette, database):
        return config.canned_queries()
    return None


@hookimpl
def asgi_wrapper(datasette):
    from .recognise import recognising, table_page_defaults

    defaults = table_page_defaults(datasette)
    return lambda app: recognising(datasette)(defaults(app))


@hookimpl
def register_routes(datasette):
    from .views import ROUTES

    return ROUTES


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if column not in _LINKED_COLUMNS:
        return None
    from .links import render_link_cell

    return render_link_cell(row, value, column, table, database, datasette)


# Columns the plugin turns into links to its pages (checked first: render_cell runs per cell).
_LINKED_COLUMNS = frozenset({"source", "id", "article_id", "video_id", "speaker", "speaker_id", "name", "snippet"})


@hookimpl
def menu_links(datasette, actor, request):
    from .recognise import newsfacts_database_names

    if newsfacts_database_names(datasette):
        return [{"href": datasette.urls.path("/-/newsfacts"), "label": "News facts"}]
    return None


@hookimpl
def extra_template_vars(template, database, datasette):
    # The home and database pages (templates/index.html, database.html) link to our start pages.
    if template not in ("index.html", "database.html"):
        return None
    from .links import start_url
    from .recognise import is_newsfacts_database, newsfacts_database_names

    names = [database] if template == "database.html" else newsfacts_database_names(datasette)
    pages = [
        {"url": start_url(datasette, name), "label": f"{name} start page"}
        for name in names if name and is_newsfacts_database(datasette, name)
    ]
    return {"newsfacts_start_pages": pages}


@hookimpl
def database_actions(datasette, actor, database, request):
    from .links import start_url
    from .recognise import is_newsfacts_database

    if is_newsfacts_database(datasette, database):
        return [{"href": start_url(datasette, database), "label": "News facts: start page, charts, article reader"}]
    return None
