"""The pages under /-/newsfacts/.

Pages: a list of newsfacts databases, a start page per database (the corpus in numbers,
two small charts drawn as CSS bars), the article reader (the article rebuilt from its
blocks, quotes highlighted) and a speaker page (their quotes across articles).
Every page checks Datasette's view permissions before reading anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote as url_quote
from urllib.parse import unquote

from datasette.utils import tilde_decode, tilde_encode
from datasette.utils.asgi import NotFound, Response

from . import config, storage
from .links import article_url, filtered_table_url, speaker_url, start_url
from .recognise import is_newsfacts_database, newsfacts_database_names, recognise_databases
from .speakers import key as speaker_key

SPEAKER_PAGE_LIMIT = 500
CLOSING_MARKS = "”’\"'»"
ARTICLE_LIST_LIMIT = 20
CHART_ROWS = 10


# --- Reading the database -----------------------------------------------------------------


async def _database_for(datasette, request, tables: list[str]):
    """The database named in the URL, if it is ours and the actor may see these tables."""
    name = tilde_decode(request.url_vars["database"])
    if name not in datasette.databases or not is_newsfacts_database(datasette, name):
        raise NotFound(f"No newsfacts database called {name!r}")
    for table in tables:  # the first explicit answer in each cascade decides, so one cascade per table
        await datasette.ensure_permissions(
            request.actor, [("view-table", (name, table)), ("view-database", name), "view-instance"]
        )
    return name, datasette.get_database(name)


async def _rows(db, sql: str, params=None) -> list[dict]:
    return [dict(row) for row in (await db.execute(sql, params or [])).rows]


# --- The article reader -------------------------------------------------------------------


# Every table the reader reads: the actor must be allowed to see each of them.
READER_TABLES = ["articles", "blocks", "paragraphs", "captions", "videos", "quotes", "speakers"]


@dataclass
class Segment:
    """A run of paragraph text; `quote` is set when the run is a quotation."""

    text: str
    quote: dict | None = None
    closing: str = ""  # the closing quote mark, so the speaker tag can follow it


@dataclass
class BlockView:
    position: int
    kind: str
    text: str
    paragraph: dict | None = None
    segments: list[Segment] = field(default_factory=list)
    caption: dict | None = None
    video: dict | None = None


def split_quotes(text: str, quotes: list[dict]) -> list[Segment]:
    """Cut a paragraph's text into plain runs and quoted runs, using quotes.start/end.

    A quote whose offsets do not point at its text is looked up by its text instead;
    one that cannot be found, or overlaps an earlier one, is left unhighlighted.
    """
    spans = []
    for quote in quotes:
        start, end = quote.get("start"), quote.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
                and (not quote.get("text") or text[start:end] == quote["text"])):
            found = text.find(quote["text"]) if quote.get("text") else -1
            if found < 0:
                continue
            start, end = found, found + len(quote["text"])
        spans.append((start, end, quote))
    spans.sort(key=lambda span: (span[0], span[1]))
    segments, cursor = [], 0
    for start, end, quote in spans:
        if start < cursor:
            continue
        if start > cursor:
            segments.append(Segment(text[cursor:start]))
        closing = 1 if text[end:end + 1] and text[end:end + 1] in CLOSING_MARKS else 0
        segments.append(Segment(text[start:end], quote, text[end:end + closing]))
        cursor = end + closing
    if cursor < len(text) or not segments:
        segments.append(Segment(text[cursor:]))
    return segments


def counted(number: int, noun: str) -> str:
    """`1 video`, `2 videos`, `1,204 paragraphs`."""
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


async def article_page(datasette, request):
    """The article rebuilt from its blocks, each kind styled, quotes highlighted."""
    name, db = await _database_for(datasette, request, READER_TABLES)
    article_id = tilde_decode(request.url_vars["article_id"])
    articles = await _rows(db, "select * from articles where id = ?", [article_id])
    if not articles:
        raise NotFound(f"No article {article_id!r} in {name}")
    article = articles[0]
    by_position = lambda rows: {row["position"]: row for row in rows}  # noqa: E731
    blocks = await _rows(db, "select position, kind, text from blocks where article_id = ? order by position", [article_id])
    paragraphs = by_position(await _rows(db, "select * from paragraphs where article_id = ?", [article_id]))
    captions = by_position(await _rows(db, "select * from captions where article_id = ?", [article_id]))
    videos = await _rows(db, "select * from videos where article_id = ?", [article_id])
    quotes_by_paragraph: dict[str, list[dict]] = {}
    if await db.table_exists("quotes"):
        speakers_join = "left join speakers on speakers.id = quotes.speaker_id" if await db.table_exists("speakers") else ""
        speaker_name = "speakers.name" if speakers_join else "null"
        for quote in await _rows(
            db,
            f"select quotes.*, {speaker_name} as speaker_name from quotes {speakers_join} "
            "where quotes.article_id = ? order by quotes.position, quotes.start",
            [article_id],
        ):
            quote["url"] = (
                speaker_url(datasette, name, quote["speaker_id"]) if quote.get("speaker_id")
                else filtered_table_url(datasette, name, "quotes", "speaker", quote["speaker"]) if quote.get("speaker")
                else None
            )
            quotes_by_paragraph.setdefault(quote["paragraph_id"], []).append(quote)
    videos_by_id = {video["id"]: video for video in videos}
    videos_by_position = {video["position"]: video for video in videos}

    views = []
    for block in blocks:
        view = BlockView(block["position"], block["kind"], block["text"])
        if block["kind"] == "paragraph" and block["position"] in paragraphs:
            view.paragraph = paragraphs[block["position"]]
            view.segments = split_quotes(view.paragraph["text"], quotes_by_paragraph.get(view.paragraph["id"], []))
        elif block["kind"] == "caption" and block["position"] in captions:
            view.caption = dict(captions[block["position"]])
            view.caption["video"] = videos_by_id.get(view.caption.get("video_id"))
            if view.caption.get("agency"):
                view.caption["agency_url"] = filtered_table_url(datasette, name, "captions", "agency", view.caption["agency"])
            if view.caption.get("photographer"):
                view.caption["photographer_url"] = filtered_table_url(
                    datasette, name, "captions", "photographer", view.caption["photographer"]
                )
        elif block["kind"] == "video":
            view.video = videos_by_position.get(block["position"])
        if view.kind == "paragraph" and not view.segments:
            view.segments = [Segment(block["text"])]
        views.append(view)

    title = article.get("title") or Path(article["source"] or article_id).name
    quote_count = sum(len(q) for q in quotes_by_paragraph.values())
    facts = [article.get("outlet"), article.get("dateline_place")]
    facts += [f"by {article['byline']}" if article.get("byline") else None, article.get("published")]
    facts += [counted(article.get(kind) or 0, kind[:-1]) for kind in ("paragraphs", "captions", "videos")]
    facts.append(counted(quote_count, "quote"))
    return Response.html(
        await datasette.render_template(
            "newsfacts_article.html",
            {
                "database": name,
                "article": article,
                "title": title,
                "blocks": views,
                "facts": [fact for fact in facts if fact],
                # the address a page gave for itself: a link only when it is a web address
                "original_url": url if (url := article.get("url") or "").startswith(("https://", "http://")) else None,
                "start_url": start_url(datasette, name),
                "row_url": datasette.urls.row(name, "articles", tilde_encode(article_id)),
                "blocks_url": filtered_table_url(datasette, name, "blocks", "article_id", article_id),
                "blocks_csv_url": filtered_table_url(datasette, name, "blocks", "article_id", article_id, format="csv")
                + "&_stream=on",
                "outline_url": datasette.urls.query(name, "newsfacts_article_outline")
                + f"?article_id={url_quote(article_id)}",
            },
            request=request,
        )
    )


# --- The speaker page ---------------------------------------------------------------------


async def speaker_page(datasette, request):
    """One speaker's quotes across articles."""
    name, db = await _database_for(datasette, request, ["quotes", "speakers", "articles", "paragraphs"])
    # a name typed into the address bar arrives percent-encoded (`Geng%20Shuang`), our links tilde-encoded
    speaker_id = unquote(tilde_decode(request.url_vars["speaker_id"]))
    if (canonical := speaker_key(speaker_id)) != speaker_id:  # `Geng Shuang` for `geng shuang`
        return Response.redirect(speaker_url(datasette, name, canonical))
    speakers = await _rows(db, "select * from speakers where id = ?", [speaker_id])
    quotes = await _rows(
        db,
        "select quotes.*, articles.title as article_title, articles.source as article_source, "
        "paragraphs.position as paragraph_position "
        "from quotes join articles on articles.id = quotes.article_id "
        "left join paragraphs on paragraphs.id = quotes.paragraph_id "
        # rowid order (the order of conversion) is the index's own: no sort, however often they spoke.
        "where quotes.speaker_id = ? order by quotes.rowid limit ?",
        [speaker_id, SPEAKER_PAGE_LIMIT + 1],
    )
    if not speakers and not quotes:
        raise NotFound(f"No speaker {speaker_id!r} in {name}")
    speaker = speakers[0] if speakers else {"id": speaker_id, "name": quotes[0]["speaker"]}
    for quote in quotes:
        quote["article_url"] = article_url(datasette, name, quote["article_id"], quote["paragraph_position"])
        quote["article_label"] = quote["article_title"] or Path(quote["article_source"] or quote["article_id"]).name
    return Response.html(
        await datasette.render_template(
            "newsfacts_speaker.html",
            {
                "database": name,
                "speaker": speaker,
                "quotes": quotes[:SPEAKER_PAGE_LIMIT],
                "truncated": len(quotes) > SPEAKER_PAGE_LIMIT,
                "articles": len({quote["article_id"] for quote in quotes}),
                "start_url": start_url(datasette, name),
                "table_url": filtered_table_url(datasette, name, "quotes", "speaker_id", speaker_id),
                "csv_url": filtered_table_url(datasette, name, "quotes", "speaker_id", speaker_id, format="csv")
                + "&_stream=on&_dl=1",
            },
            request=request,
        )
    )


# --- The start page and the index ------------------------------------------------------------


def bars(rows: list[dict], label: str, count: str, url=None) -> list[dict]:
    """Rows for a CSS bar chart: label, count, width in percent of the largest, link."""
    top = max((row[count] or 0 for row in rows), default=0) or 1
    return [
        {
            "label": row[label],
            "count": row[count] or 0,
            "width": round(100 * (row[count] or 0) / top, 1),
            "url": url(row) if url else None,
        }
        for row in rows
    ]


async def start_page(datasette, request):
    """The corpus in numbers, two small charts, and where to go next."""
    name, db = await _database_for(datasette, request, ["articles", "captions", "speakers"])
    # The articles table counts each article's parts, so one pass over it gives the totals.
    totals = (
        await _rows(
            db,
            "select count(*) as articles, total(paragraphs) as paragraphs, total(captions) as captions, "
            "total(videos) as videos, total(quotes) as quotes, total(blocks) as blocks, "
            "total(boilerplate) as boilerplate from articles",
        )
    )[0]
    totals = {key: int(value or 0) for key, value in totals.items()}
    has_speakers = await db.table_exists("speakers")
    if has_speakers:
        totals["speakers"] = (await db.execute("select count(*) from speakers")).first()[0]
        top_speakers = await _rows(
            db, "select id, name, quotes from speakers where quotes > 0 order by quotes desc, name limit ?", [CHART_ROWS]
        )
    else:
        top_speakers = []
    agencies = await _rows(
        db,
        "select agency, count(*) as captions from captions where agency is not null "
        "group by agency order by captions desc, agency limit ?",
        [CHART_ROWS],
    )
    articles = await _rows(
        db,
        "select id, title, source, outlet, dateline_place, paragraphs, captions, videos, quotes "
        "from articles order by source limit ?",
        [ARTICLE_LIST_LIMIT],
    )
    for article in articles:
        article["url"] = article_url(datasette, name, article["id"])
        article["label"] = article["title"] or Path(article["source"] or article["id"]).name
    queries = await datasette.get_canned_queries(name, request.actor)
    names = {row[0] for row in (await db.execute(storage.SCHEMA_NAMES)).rows}
    notices = [f"The search index {problem}: {storage.MEND_SEARCH}." for problem in storage.search_index_problems(names, totals["articles"] > 0)]
    present = set(await db.table_names()) | set(await db.view_names())
    tables = [table for table in config.TABLES if table in present]
    return Response.html(
        await datasette.render_template(
            "newsfacts_start.html",
            {
                "database": name,
                "notices": notices,
                "totals": totals,
                "speaker_bars": bars(top_speakers, "name", "quotes", lambda row: speaker_url(datasette, name, row["id"])),
                "agency_bars": bars(
                    agencies, "agency", "captions",
                    lambda row: filtered_table_url(datasette, name, "captions", "agency", row["agency"]),
                ),
                "articles": articles,
                "more_articles": totals["articles"] > len(articles),
                "queries": [
                    {"name": key, "title": query.get("title") or key, "description": query.get("description"),
                     "url": datasette.urls.query(name, key)}
                    for key, query in queries.items() if key.startswith(config.QUERY_PREFIX)
                ],
                "tables": [
                    {
                        "name": table,
                        "description": config.TABLES[table].get("description"),
                        "url": datasette.urls.table(name, table),
                        "csv_url": datasette.urls.table(name, table, format="csv") + "?_stream=on&_dl=1",
                        # pages of max_returned_rows; each page's next_url fetches the next
                        "json_url": datasette.urls.table(name, table, format="json") + "?_shape=objects&_size=max",
                    }
                    for table in tables
                ],
                "database_url": datasette.urls.database(name),
            },
            request=request,
        )
    )


async def index_page(datasette, request):
    """Every newsfacts database attached to this Datasette."""
    await datasette.ensure_permissions(request.actor, ["view-instance"])
    await recognise_databases(datasette)
    databases = []
    for name in newsfacts_database_names(datasette):
        visible, _ = await datasette.check_visibility(request.actor, permissions=[("view-database", name), "view-instance"])
        if visible:
            databases.append({"name": name, "url": start_url(datasette, name)})
    return Response.html(
        await datasette.render_template("newsfacts_index.html", {"databases": databases}, request=request)
    )


async def list_page(datasette, request):
    """`/-/newsfacts/news/speakers` and `/articles`: the table, sorted to browse."""
    table = request.url_vars["table"]
    name, _db = await _database_for(datasette, request, [table])
    sort = "?_sort_desc=quotes" if table == "speakers" else "?_sort=source"
    return Response.redirect(datasette.urls.table(name, table) + sort)


ROUTES = [
    (r"^/-/newsfacts$", index_page),
    (r"^/-/newsfacts/(?P<database>[^/]+)$", start_page),
    (r"^/-/newsfacts/(?P<database>[^/]+)/articles/(?P<article_id>[^/]+)$", article_page),
    (r"^/-/newsfacts/(?P<database>[^/]+)/speakers/(?P<speaker_id>[^/]+)$", speaker_page),
    (r"^/-/newsfacts/(?P<database>[^/]+)/(?P<table>articles|speakers)/?$", list_page),
]
