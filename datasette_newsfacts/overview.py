"""The pages a researcher opens first: the start page, search results and an outlet's page.

Each reads only aggregate columns (the counts `articles` keeps per article) or indexed
lookups, so they stay fast on a large corpus; each has a `.json` form with the same data.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote as url_quote
from urllib.parse import unquote

from datasette.utils import tilde_decode, tilde_encode
from datasette.utils.asgi import NotFound

from . import compat, config, storage
from .display import bars, marked, periods, readable_date, timeline_svg
from .links import article_url, filtered_table_url, speaker_url, start_url
from .pages import database_for, respond, rows

ARTICLE_LIST_LIMIT = 20
OUTLET_ARTICLE_LIMIT = 100
OUTLET_SAMPLE = 5000  # the newest articles an outlet's speaker and credit charts count over
CHART_ROWS = 10
TIMELINE_SERIES = [("articles", "#2563eb"), ("quotes", "#d97706")]
# A month is the first seven characters of an ISO 8601 date; other forms are left out.
MONTH = "substr(published, 1, 7)"
DATED = "published glob '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'"


def outlet_url(datasette, database: str, outlet: str) -> str:
    return datasette.urls.path(f"/-/newsfacts/{tilde_encode(database)}/outlets/{tilde_encode(outlet)}")


def search_url(datasette, database: str, q: str | None = None) -> str:
    url = datasette.urls.path(f"/-/newsfacts/{tilde_encode(database)}/search")
    return url + (f"?q={url_quote(q)}" if q else "")


def article_label(article: dict) -> str:
    """An article's title, or the name of the file it came from."""
    return article.get("title") or Path(article.get("source") or article.get("id") or "").name


async def _timeline(db, where: str = "", params=None) -> list[dict]:
    """Articles and quotes per month (per year over ten years) of the articles' dates."""
    counts = {
        row["month"]: row
        for row in await rows(
            db,
            f"select {MONTH} as month, count(*) as articles, cast(total(quotes) as integer) as quotes "
            f"from articles where {DATED} {where} group by month",
            params,
        )
    }
    return periods(counts, [key for key, _ in TIMELINE_SERIES])


async def _speakers_by_kind(db) -> dict:
    """Named people apart from unnamed sources and organisations, when `speakers.kind` says so.

    A database converted before speakers had a kind cannot tell them apart: then every
    speaker is listed together and `kinds_known` is false, so the page says so.
    """
    if not await db.table_exists("speakers"):
        return {"kinds_known": False, "kinds": [], "named": [], "unnamed": [], "all": []}
    top = "select id, name, quotes, articles from speakers where quotes > 0 {} order by quotes desc, name limit ?"
    if "kind" not in await db.table_columns("speakers"):
        return {"kinds_known": False, "kinds": [], "named": [], "unnamed": [],
                "all": await rows(db, top.format(""), [CHART_ROWS])}
    kinds = await rows(
        db, "select kind, count(*) as speakers, cast(total(quotes) as integer) as quotes from speakers "
        "group by kind order by quotes desc",
    )
    return {
        "kinds_known": True,
        "kinds": kinds,
        "named": await rows(db, top.format("and kind = 'person'"), [CHART_ROWS]),
        "unnamed": await rows(db, top.format("and kind = 'unnamed'"), [CHART_ROWS]),
        "all": await rows(db, top.format(""), [CHART_ROWS]),
    }


async def start_page(datasette, request):
    """The corpus in numbers, search, outlets, time, speakers, and where to go next."""
    name, db = await database_for(datasette, request, ["articles", "captions", "speakers"])
    # The articles table counts each article's parts, so one pass over it gives the totals.
    totals = (
        await rows(
            db,
            "select count(*) as articles, total(paragraphs) as paragraphs, total(captions) as captions, "
            "total(videos) as videos, total(quotes) as quotes, total(blocks) as blocks, "
            "total(boilerplate) as boilerplate from articles",
        )
    )[0]
    totals = {key: int(value or 0) for key, value in totals.items()}
    if await db.table_exists("speakers"):
        totals["speakers"] = (await db.execute("select count(*) from speakers")).first()[0]
    errors = (await db.execute("select count(*) from import_errors")).first()[0] if await db.table_exists(
        "import_errors") else 0
    speakers = await _speakers_by_kind(db)
    outlets = await rows(
        db, "select outlet, count(*) as articles from articles where outlet is not null and outlet != '' "
        "group by outlet order by articles desc, outlet limit ?", [CHART_ROWS],
    )
    agencies = await rows(
        db, "select agency, count(*) as captions from captions where agency is not null "
        "group by agency order by captions desc, agency limit ?", [CHART_ROWS],
    )
    articles = await rows(
        db, "select id, title, source, outlet, published, dateline_place, paragraphs, captions, videos, quotes "
        "from articles order by source limit ?", [ARTICLE_LIST_LIMIT],
    )
    for article in articles:
        article["url"] = article_url(datasette, name, article["id"])
        article["label"] = article_label(article)
        article["published_readable"] = readable_date(article["published"])
    timeline = await _timeline(db)
    queries = await compat.canned_queries(datasette, name, request.actor)
    present = set(await db.table_names()) | set(await db.view_names())
    names = {row[0] for row in (await db.execute(storage.SCHEMA_NAMES)).rows}
    notices = [f"The search index {problem}: {storage.MEND_SEARCH}." for problem in storage.search_index_problems(names, totals["articles"] > 0)]
    speaker_bar = lambda rows_: bars(rows_, "name", "quotes", lambda row: speaker_url(datasette, name, row["id"]))  # noqa: E731
    data = {
        "database": name,
        "notices": notices,
        "totals": totals,
        "import_errors": {"count": errors, "url": datasette.urls.table(name, "import_errors")},
        "search_url": search_url(datasette, name),
        "outlet_bars": bars(outlets, "outlet", "articles", lambda row: outlet_url(datasette, name, row["outlet"])),
        "timeline": timeline,
        "speakers": {
            "kinds_known": speakers["kinds_known"],
            "kinds": speakers["kinds"],
            "named_bars": speaker_bar(speakers["named"]),
            "unnamed_bars": speaker_bar(speakers["unnamed"]),
            "all_bars": speaker_bar(speakers["all"]),
        },
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
            for table in config.TABLES if table in present
        ],
        "database_url": datasette.urls.database(name),
    }
    return await respond(datasette, request, "newsfacts_start.html", data,
                         {"timeline_svg": timeline_svg(timeline, TIMELINE_SERIES)})


async def search_page(datasette, request):
    """Paragraphs, captions and quotes matching `q`, each with its article's title, outlet and date."""
    name, db = await database_for(datasette, request, ["articles", "paragraphs", "captions", "quotes"])
    q = (request.args.get("q") or "").strip()
    hits, error = [], None
    if q:
        try:
            hits = await rows(db, config.QUERIES["newsfacts_search"]["sql"], {"q": q})
        except sqlite3.OperationalError as exc:  # a first load stopped before its search index was built
            error = f"The search index cannot be read ({exc}): run `newsfacts convert` on this database again to build it."
        ids = sorted({hit["article_id"] for hit in hits if hit["article_id"]})
        articles = {
            article["id"]: article
            for article in await rows(
                db, "select id, title, source, outlet, published from articles where id in "
                f"({', '.join('?' for _ in ids)})", ids,
            )
        } if ids else {}
        for hit in hits:
            article = articles.get(hit["article_id"], {})
            hit["article_title"] = article_label(article) if article else None
            hit["outlet"] = article.get("outlet")
            hit["published"] = article.get("published")
            hit["published_readable"] = readable_date(article.get("published"))
            hit["url"] = article_url(datasette, name, hit["article_id"], hit["position"]) if hit["article_id"] else None
            hit["snippet_html"] = marked(hit["snippet"])
            hit["outlet_url"] = outlet_url(datasette, name, hit["outlet"]) if hit["outlet"] else None
    data = {
        "database": name,
        "q": q,
        "error": error,
        "hits": hits,
        "counts": {kind: sum(1 for hit in hits if hit["kind"] == kind) for kind in ("paragraph", "caption", "quote")},
        "start_url": start_url(datasette, name),
        "search_url": search_url(datasette, name),
        "query_url": datasette.urls.query(name, "newsfacts_search") + (f"?q={url_quote(q)}" if q else ""),
    }
    return await respond(datasette, request, "newsfacts_search.html", data)


async def outlet_page(datasette, request):
    """One outlet: its articles, who it quotes, whose pictures it prints, how much is furniture."""
    name, db = await database_for(datasette, request, ["articles", "captions", "quotes"])
    outlet = unquote(tilde_decode(request.url_vars["outlet"]))
    summary = (await rows(
        db, "select count(*) as articles, cast(total(blocks) as integer) as blocks, "
        "cast(total(paragraphs) as integer) as paragraphs, cast(total(captions) as integer) as captions, "
        "cast(total(videos) as integer) as videos, cast(total(quotes) as integer) as quotes, "
        "cast(total(boilerplate) as integer) as boilerplate, min(case when " + DATED + " then published end) as first, "
        "max(case when " + DATED + " then published end) as last from articles where outlet = ?", [outlet],
    ))[0]
    if not summary["articles"]:
        raise NotFound(f"No articles from an outlet called {outlet!r} in {name}")
    # Furniture: every block that is not body text (captions, promos, headings, boilerplate, ...).
    summary["furniture"] = summary["blocks"] - summary["paragraphs"]
    summary["furniture_share"] = round(summary["furniture"] / summary["blocks"], 3) if summary["blocks"] else None
    articles = await rows(
        db, "select id, title, source, published, byline, paragraphs, captions, videos, quotes, blocks "
        "from articles where outlet = ? order by published desc, source limit ?", [outlet, OUTLET_ARTICLE_LIMIT],
    )
    for article in articles:
        article["url"] = article_url(datasette, name, article["id"])
        article["label"] = article_label(article)
        article["published_readable"] = readable_date(article["published"])
    # Who it quotes and credits, counted over its newest articles: over every article of an
    # outlet with tens of thousands, the joins outlast Datasette's time limit for a query.
    recent = "with recent(id) as (select id from articles where outlet = ? order by rowid desc limit ?) "
    speakers = await rows(
        db, recent + "select quotes.speaker_id as id, max(quotes.speaker) as name, count(*) as quotes, "
        "count(distinct quotes.article_id) as articles from recent join quotes on quotes.article_id = recent.id "
        "where quotes.speaker_id is not null group by quotes.speaker_id "
        "order by quotes desc, name limit ?", [outlet, OUTLET_SAMPLE, CHART_ROWS],
    )
    credits = {}
    for column in ("agency", "photographer"):
        credits[column] = await rows(
            db, recent + f"select captions.{column} as name, count(*) as captions from recent "
            f"join captions on captions.article_id = recent.id "
            f"where captions.{column} is not null group by captions.{column} order by captions desc, name limit ?",
            [outlet, OUTLET_SAMPLE, CHART_ROWS],
        )
    timeline = await _timeline(db, "and outlet = ?", [outlet])
    data = {
        "database": name,
        "outlet": outlet,
        "summary": summary,
        "first_readable": readable_date(summary["first"]),
        "last_readable": readable_date(summary["last"]),
        "articles": articles,
        "more_articles": summary["articles"] > len(articles),
        "charts_sample": min(summary["articles"], OUTLET_SAMPLE),
        "speaker_bars": bars(speakers, "name", "quotes", lambda row: speaker_url(datasette, name, row["id"])),
        "agency_bars": bars(
            credits["agency"], "name", "captions",
            lambda row: filtered_table_url(datasette, name, "captions", "agency", row["name"]),
        ),
        "photographer_bars": bars(
            credits["photographer"], "name", "captions",
            lambda row: filtered_table_url(datasette, name, "captions", "photographer", row["name"]),
        ),
        "timeline": timeline,
        "start_url": start_url(datasette, name),
        "articles_url": filtered_table_url(datasette, name, "articles", "outlet", outlet),
    }
    return await respond(datasette, request, "newsfacts_outlet.html", data,
                         {"timeline_svg": timeline_svg(timeline, TIMELINE_SERIES)})
