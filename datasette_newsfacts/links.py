"""Links into the plugin's pages: their URLs, and table cells that point to them."""

from __future__ import annotations

from urllib.parse import quote as url_quote

from datasette.utils import tilde_encode
from markupsafe import Markup, escape

from .recognise import is_newsfacts_database
from .storage import part_position

# --- URLs -------------------------------------------------------------------------------


def start_url(datasette, database: str) -> str:
    return datasette.urls.path(f"/-/newsfacts/{tilde_encode(database)}")


def article_url(datasette, database: str, article_id: str, position: int | None = None) -> str:
    anchor = f"#block-{position}" if position is not None else ""
    return datasette.urls.path(f"/-/newsfacts/{tilde_encode(database)}/articles/{tilde_encode(article_id)}") + anchor


def speaker_url(datasette, database: str, speaker_id: str) -> str:
    return datasette.urls.path(f"/-/newsfacts/{tilde_encode(database)}/speakers/{tilde_encode(speaker_id)}")


def filtered_table_url(datasette, database: str, table: str, column: str, value, format: str | None = None) -> str:
    return datasette.urls.table(database, table, format=format) + f"?{url_quote(column)}={url_quote(str(value))}"


# --- Table and query cells that link to our pages -------------------------------------------


def _cell(row, key):
    """A row's value by column name, whether or not Datasette expanded it into {value, label}."""
    try:
        value = row[key]
    except (IndexError, KeyError):
        return None
    return value.get("value") if isinstance(value, dict) else value


# Foreign keys whose expanded cells we draw ourselves (Datasette prints a missing label as "None").
FOREIGN_KEYS = {"article_id": "articles", "video_id": "videos", "speaker_id": "speakers"}


# The tables whose rows are blocks of an article, where `position` is the block's.
_BLOCK_TABLES = frozenset(("blocks", "paragraphs", "captions", "videos", "highlights", "headings", "contributors"))


def _block_position(row, table: str) -> int | None:
    """Where in its article a row stands, so `read` opens the reader at it."""
    if table in _BLOCK_TABLES:
        position = _cell(row, "position")
        return position if isinstance(position, int) else None
    # a quote's id names its paragraph's position as the paragraph's id does, so either serves
    # (the quotes page opens without paragraph_id)
    part_id = (_cell(row, "paragraph_id") or _cell(row, "id")) if table == "quotes" else None
    return part_position(part_id) if isinstance(part_id, str) else None


def _foreign_key_cell(row, value: dict, column: str, table: str, database: str, datasette):
    if not is_newsfacts_database(datasette, database) or value.get("value") is None:
        return None
    key, label = str(value["value"]), value.get("label")
    row_url = datasette.urls.row(database, FOREIGN_KEYS[column], tilde_encode(key))
    html = f'<a href="{escape(row_url)}">{escape(label if label not in (None, "", key) else key)}</a>'
    if column == "article_id":
        read = article_url(datasette, database, key, _block_position(row, table))
        html += f' <a class="newsfacts-read" href="{escape(read)}">read</a>'
    return Markup(html)


def render_link_cell(row, value, column, table, database, datasette):
    """A link to the reader or a speaker page for the cells that name one; None for the rest."""
    if isinstance(value, dict) and column in FOREIGN_KEYS and table is not None:
        return _foreign_key_cell(row, value, column, table, database, datasette)
    if not isinstance(value, str) or not value or not is_newsfacts_database(datasette, database):
        return None
    url = None
    if (table, column) in {("articles", "source"), ("article_text", "id")}:
        url = article_url(datasette, database, _cell(row, "id"))
    elif table is None and column == "article_id":
        position = _cell(row, "position")
        url = article_url(datasette, database, value, position if isinstance(position, int) else None)
    elif table is None and column == "speaker_id":
        url = speaker_url(datasette, database, value)
    elif (table, column) == ("speakers", "name"):
        url = speaker_url(datasette, database, _cell(row, "id"))
    elif table in (None, "quotes") and column == "speaker" and isinstance(_cell(row, "speaker_id"), str):
        url = speaker_url(datasette, database, _cell(row, "speaker_id"))
    elif table is None and column == "snippet":
        # Search snippets mark their hits with « »: show them as <mark>, escaping the rest.
        html = str(escape(value)).replace("«", "<mark>").replace("»", "</mark>")
        return Markup(html) if html.count("<mark>") == html.count("</mark>") else None
    if url is None:
        return None
    return Markup(f'<a class="newsfacts-link" href="{escape(url)}">{escape(value)}</a>')
