"""The pages under /-/newsfacts/ that show one article or one speaker, and the routes.

Pages: a list of newsfacts databases, the article reader (the article rebuilt from its
blocks, quotes highlighted) and a speaker page (their quotes, grouped by article). The
start page, search results and outlet pages are in `overview.py`. Every page checks
Datasette's view permissions before reading anything and has a `.json` form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote as url_quote
from urllib.parse import unquote

from datasette.utils import tilde_decode, tilde_encode
from datasette.utils.asgi import NotFound, Response

from . import compat
from .display import counted, periods, readable_date, timeline_svg
from .links import article_url, filtered_table_url, speaker_url, start_url
from .overview import MONTH, DATED, article_label, outlet_page, outlet_url, search_page, start_page
from .pages import database_for, respond, rows
from .recognise import newsfacts_database_names, recognise_databases
from .speakers import key as speaker_key

SPEAKER_PAGE_LIMIT = 500
CLOSING_MARKS = "”’\"'»"


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


async def article_page(datasette, request):
    """The article rebuilt from its blocks, each kind styled, quotes highlighted."""
    name, db = await database_for(datasette, request, READER_TABLES)
    article_id = tilde_decode(request.url_vars["article_id"])
    articles = await rows(db, "select * from articles where id = ?", [article_id])
    if not articles:
        raise NotFound(f"No article {article_id!r} in {name}")
    article = articles[0]
    by_position = lambda rows: {row["position"]: row for row in rows}  # noqa: E731
    blocks = await rows(db, "select position, kind, text from blocks where article_id = ? order by position", [article_id])
    paragraphs = by_position(await rows(db, "select * from paragraphs where article_id = ?", [article_id]))
    captions = by_position(await rows(db, "select * from captions where article_id = ?", [article_id]))
    videos = await rows(db, "select * from videos where article_id = ?", [article_id])
    quotes_by_paragraph: dict[str, list[dict]] = {}
    if await db.table_exists("quotes"):
        speakers_join = "left join speakers on speakers.id = quotes.speaker_id" if await db.table_exists("speakers") else ""
        speaker_name = "speakers.name" if speakers_join else "null"
        for quote in await rows(
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

    title = article_label(article)
    quote_count = sum(len(q) for q in quotes_by_paragraph.values())
    published = readable_date(article.get("published"))
    facts = [article.get("dateline_place")]
    facts += [f"by {article['byline']}" if article.get("byline") else None, published]
    facts += [counted(article.get(kind) or 0, kind[:-1]) for kind in ("paragraphs", "captions", "videos")]
    facts.append(counted(quote_count, "quote"))
    return await respond(
            datasette, request,
            "newsfacts_article.html",
            {
                "database": name,
                "article": article,
                "title": title,
                "published_readable": published,
                "outlet_url": outlet_url(datasette, name, article["outlet"]) if article.get("outlet") else None,
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
    )


# --- The speaker page ---------------------------------------------------------------------


async def speaker_page(datasette, request):
    """One speaker's quotes, grouped by article with their role, the outlet and the date; a timeline."""
    name, db = await database_for(datasette, request, ["quotes", "speakers", "articles", "paragraphs"])
    # a name typed into the address bar arrives percent-encoded (`Geng%20Shuang`), our links tilde-encoded
    speaker_id = unquote(tilde_decode(request.url_vars["speaker_id"]))
    if (canonical := speaker_key(speaker_id)) != speaker_id:  # `Geng Shuang` for `geng shuang`
        return Response.redirect(speaker_url(datasette, name, canonical))
    speakers = await rows(db, "select * from speakers where id = ?", [speaker_id])
    quotes = await rows(
        db,
        "select quotes.*, articles.title as article_title, articles.source as article_source, "
        "articles.outlet as outlet, articles.published as published, paragraphs.position as paragraph_position "
        "from quotes join articles on articles.id = quotes.article_id "
        "left join paragraphs on paragraphs.id = quotes.paragraph_id "
        # rowid order (the order of conversion) is the index's own: no sort, however often they spoke.
        "where quotes.speaker_id = ? order by quotes.rowid limit ?",
        [speaker_id, SPEAKER_PAGE_LIMIT + 1],
    )
    if not speakers and not quotes:
        raise NotFound(f"No speaker {speaker_id!r} in {name}")
    speaker = speakers[0] if speakers else {"id": speaker_id, "name": quotes[0]["speaker"]}
    # Quotes per month of their articles' dates, counted over all of them, not only those listed.
    timeline = periods(
        {
            row["month"]: row
            for row in await rows(
                db,
                f"select {MONTH} as month, count(*) as quotes from quotes join articles on articles.id = "
                f"quotes.article_id where quotes.speaker_id = ? and {DATED} group by month",
                [speaker_id],
            )
        },
        ["quotes"],
    )
    groups: dict[str, dict] = {}  # article id -> the article and its quotes, in the order first quoted
    for quote in quotes[:SPEAKER_PAGE_LIMIT]:
        quote["article_url"] = article_url(datasette, name, quote["article_id"], quote["paragraph_position"])
        group = groups.get(quote["article_id"])
        if group is None:
            group = groups[quote["article_id"]] = {
                "article_id": quote["article_id"],
                "title": article_label({"title": quote["article_title"], "source": quote["article_source"],
                                        "id": quote["article_id"]}),
                "url": article_url(datasette, name, quote["article_id"]),
                "outlet": quote["outlet"],
                "outlet_url": outlet_url(datasette, name, quote["outlet"]) if quote["outlet"] else None,
                "published": quote["published"],
                "published_readable": readable_date(quote["published"]),
                "roles": [],
                "quotes": [],
            }
        if quote.get("speaker_role") and quote["speaker_role"] not in group["roles"]:
            group["roles"].append(quote["speaker_role"])
        group["quotes"].append({key: quote[key] for key in (
            "id", "text", "kind", "cue", "speaker_mention", "speaker_role", "paragraph_position", "article_url")})
    return await respond(
            datasette, request,
            "newsfacts_speaker.html",
            {
                "database": name,
                "speaker": speaker,
                "groups": list(groups.values()),
                "listed": min(len(quotes), SPEAKER_PAGE_LIMIT),
                "truncated": len(quotes) > SPEAKER_PAGE_LIMIT,
                "articles": len({quote["article_id"] for quote in quotes}),
                "timeline": timeline,
                "start_url": start_url(datasette, name),
                "table_url": filtered_table_url(datasette, name, "quotes", "speaker_id", speaker_id),
                "csv_url": filtered_table_url(datasette, name, "quotes", "speaker_id", speaker_id, format="csv")
                + "&_stream=on&_dl=1",
            },
            {"timeline_svg": timeline_svg(timeline, [("quotes", "#d97706")], band=60)},
    )


# --- The index and the lists ---------------------------------------------------------------


async def index_page(datasette, request):
    """Every newsfacts database attached to this Datasette."""
    await compat.ensure_can_view_instance(datasette, request.actor)
    await recognise_databases(datasette)
    databases = []
    for name in newsfacts_database_names(datasette):
        if await compat.can_view_database(datasette, request.actor, name):
            databases.append({"name": name, "url": start_url(datasette, name)})
    return await respond(datasette, request, "newsfacts_index.html", {"databases": databases})


async def list_page(datasette, request):
    """`/-/newsfacts/news/speakers` and `/articles`: the table, sorted to browse."""
    table = request.url_vars["table"]
    name, _db = await database_for(datasette, request, [table])
    sort = "?_sort_desc=quotes" if table == "speakers" else "?_sort=source"
    return Response.redirect(datasette.urls.table(name, table) + sort)


# `.json` at the end of any page's address gives its data: tilde-encoding writes a name's own
# dots as ~2E, so the suffix cannot be part of a database, article, speaker or outlet name.
_JSON = r"(?:\.(?P<format>json))?$"
_DB = r"^/-/newsfacts/(?P<database>[^/]+?)"

ROUTES = [
    (r"^/-/newsfacts" + _JSON, index_page),
    (_DB + _JSON, start_page),
    (_DB + r"/search" + _JSON, search_page),
    (_DB + r"/articles/(?P<article_id>[^/]+?)" + _JSON, article_page),
    (_DB + r"/speakers/(?P<speaker_id>[^/]+?)" + _JSON, speaker_page),
    (_DB + r"/outlets/(?P<outlet>[^/]+?)" + _JSON, outlet_page),
    (r"^/-/newsfacts/(?P<database>[^/]+)/(?P<table>articles|speakers)/?$", list_page),
]
