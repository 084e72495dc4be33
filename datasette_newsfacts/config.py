"""How Datasette shows a newsfacts database: the one source of truth.

Table defaults (facets, sort orders, label columns, descriptions), the canned queries
and the clean-text view live here as plain data.  The plugin hooks serve them, and
`newsfacts metadata` writes them out as `metadata.yml`; in Datasette 1.0 the same
dicts become `datasette.yaml`.  Every faceted or sorted column has an index in
`storage.INDEXES` (a test checks it), so facet counts read an index, not the table.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable

# A database is ours when it holds these tables, whatever its file is called.
SIGNATURE_TABLES = frozenset({"articles", "blocks", "paragraphs", "captions", "videos"})

PLUGIN_NAME = "datasette-newsfacts"
QUERY_PREFIX = "newsfacts_"
DEFAULT_DATABASE_NAME = "news"

DATABASE_DESCRIPTION = (
    "News page dumps converted by newsfacts: each article's body paragraphs, photo captions and "
    "credits, video promos, highlights, headings, dateline, contributors and quotes, in their own tables."
)

TABLES: dict[str, dict] = {
    "articles": {
        "description": "One row per converted page dump, with counts of its parts.",
        "facets": ["outlet", "dateline_place"],
        "sort": "source",
        "label_column": "title",
        "columns": {
            "source": "The dump the article was converted from (links to the article reader)",
            "outlet": "The outlet named in the dateline, a contributor line or a video promo",
            "dateline_place": "The place in the dateline, e.g. Seoul",
            "blocks": "Blocks of every kind, body paragraphs included",
            "boilerplate": "Blocks of page furniture with no content (\"Story highlights\", ...)",
        },
    },
    "blocks": {
        "description": "Every block of every dump, in page order: the article as it was laid out.",
        "facets": ["kind"],
        "sort": "id",
        "columns": {
            "kind": "paragraph, caption, video, highlight, heading, dateline, contributor or boilerplate",
            "position": "0-based place of the block in its dump",
        },
    },
    "paragraphs": {
        "description": "Body paragraphs only, with the section heading they stand under.",
        "facets": ["section"],
        "sort": "id",
        "columns": {"section": "The heading above the paragraph, if any"},
    },
    "captions": {
        "description": "Photo captions with their credit line and what it says.",
        "facets": ["agency", "photographer", "distributor"],
        "sort": "id",
        "columns": {
            "credit": "The credit as printed",
            "pool": "1 when the photo is a pool photo",
            "video_id": "The video promo this image is the thumbnail of",
        },
    },
    "videos": {
        "description": "Video promos: a title and a MM:SS - Source: X line.",
        "facets": ["source"],
        "sort_desc": "duration_seconds",
        "label_column": "title",
        "columns": {"duration": "As printed (MM:SS)", "duration_seconds": "The duration in seconds"},
    },
    "highlights": {"description": "\"Story highlights\" bullets.", "sort": "id"},
    "headings": {"description": "Section headings inside the body.", "sort": "id"},
    "contributors": {
        "description": "\"X contributed to this report\" lines.",
        "facets": ["outlet"],
        "sort": "name",
    },
    "speakers": {
        "description": "People and bodies that are quoted, with how often.",
        "sort_desc": "quotes",
        "label_column": "name",
        "facets": ["kind"],
        "columns": {
            "name": "Canonical name (links to the speaker page)",
            "kind": "person (named), organisation (a body or a document) or unnamed (a source described, not named: officials, a spokesman)",
        },
    },
    "quotes": {
        "description": "Direct quotations in body paragraphs, with who said them.",
        "description_html": (
            "<p>Direct quotations in body paragraphs, with who said them. The page opens with the quote, "
            "its speaker and its article; <a href=\"?_allcols=1\">show every column</a> for ids and offsets.</p>"
        ),
        "facets": ["speaker", "kind"],
        "sort": "id",
        "columns": {
            "kind": "full (a whole sentence or more) or partial (a phrase)",
            "speaker_mention": "How the speaker is named next to the quote",
            "cue": "The words that attribute the quote, e.g. \"he said\"",
            "start": "Offset of the quote in its paragraph's text",
            "end": "Offset just after the quote",
        },
    },
    "import_errors": {"description": "Dumps that could not be converted, and why.", "sort": "source"},
    "article_text": {
        "description": (
            "The story without the furniture: each article's body paragraphs joined by blank lines. "
            "Download it all with the CSV link and \"stream all rows\"."
        ),
    },
}

# The columns a table's HTML page opens with (the rest one click away, `?_allcols=1`):
# Datasette's settings cannot order columns, so the plugin's ASGI wrapper adds `_col=...`.
OPENING_COLUMNS: dict[str, list[str]] = {
    "quotes": ["text", "speaker", "article_id", "kind", "speaker_role", "cue"],
}
ALL_COLUMNS = "_allcols"

# Canned-query results stop at max_returned_rows even when streamed; tables stream every row.
_STREAM_HINT = (
    "<p>Results stop at max_returned_rows (1,000 unless the instance says otherwise). For every row, "
    "download <a href=\"{table}.csv?_stream=on&amp;_dl=1\">{table}.csv with all rows</a>{filters}.</p>"
)

# Canned queries, named newsfacts_* because hook queries win over metadata ones of the same name.
# full_download: the table (and the column the query's parameter filters) that streams every row.
QUERIES: dict[str, dict] = {
    "newsfacts_quotes_by_speaker": {
        "title": "Quotes by a speaker",
        "description": (
            "Every quote attributed to one speaker, in the order the articles were converted. Type the name "
            "as the speakers table shows it; case, spacing and the kind of apostrophe or dash do not matter. "
            "Leave speaker blank for every attributed quote."
        ),
        "params": ["speaker"],
        "sql": """
select quotes.speaker, quotes.speaker_id, quotes.text, quotes.kind, quotes.cue,
  quotes.article_id, paragraphs.position
from quotes
join paragraphs on paragraphs.id = quotes.paragraph_id
-- speakers.id is the name's key (newsfacts_speaker_key); a blank speaker widens the range to
-- every key, so one index serves both cases.
where quotes.speaker_id between newsfacts_speaker_key(:speaker)
  and iif(trim(:speaker) = '', char(1114111), newsfacts_speaker_key(:speaker))
order by quotes.speaker_id, quotes.rowid
""".strip(),
        "full_download": ("quotes", "speaker_id"),
    },
    "newsfacts_top_speakers": {
        "title": "Most quoted speakers",
        "description": "Speakers by number of quotes. Set min_quotes to hide the rarely quoted.",
        "params": ["min_quotes"],
        "sql": """
select speakers.id as speaker_id, speakers.name, speakers.quotes, speakers.articles
from speakers
where speakers.quotes >= cast(:min_quotes as integer)
order by speakers.quotes desc, speakers.name
""".strip(),
        "full_download": ("speakers", None),
    },
    "newsfacts_speakers_by_kind": {
        "title": "Named people, organisations and unnamed sources",
        "description": (
            "How many speakers of each kind are quoted, and how often: named people apart from bodies "
            "and from sources described but not named (officials, a spokesman)."
        ),
        "params": [],
        "sql": """
select speakers.kind, count(*) as speakers, sum(speakers.quotes) as quotes,
  round(100.0 * sum(speakers.quotes) / (select sum(quotes) from speakers), 1) as percent_of_quotes
from speakers
group by speakers.kind
order by quotes desc
""".strip(),
        "full_download": None,  # three rows at most
    },
    "newsfacts_photo_credits": {
        "title": "Photo credits by agency and photographer",
        "description": (
            "How many captions, in how many articles, each agency and photographer is credited with. "
            "agency matches the agency or the distributor (Getty Images is often both); neither filter "
            "minds case. Leave agency or photographer blank to see them all."
        ),
        "params": ["agency", "photographer"],
        "sql": """
select captions.agency, captions.photographer, captions.distributor,
  count(*) as captions, count(distinct captions.article_id) as articles, sum(captions.pool) as pool
from captions
where (captions.agency is not null or captions.photographer is not null or captions.distributor is not null)
  and (:agency = '' or captions.agency = :agency collate nocase or captions.distributor = :agency collate nocase)
  and (:photographer = '' or captions.photographer = :photographer collate nocase)
group by captions.agency, captions.photographer, captions.distributor
order by captions desc, captions.agency, captions.photographer
""".strip(),
        "full_download": ("captions", "agency"),
    },
    "newsfacts_videos_by_duration": {
        "title": "Videos with a duration between two values",
        "description": (
            "Video promos lasting from min_seconds to max_seconds, shortest first: give seconds (90) or "
            "minutes and seconds as the promos print them (1:30). Either may be blank."
        ),
        "params": ["min_seconds", "max_seconds"],
        "sql": """
select videos.title, videos.duration, videos.duration_seconds, videos.source, videos.article_id, videos.position
from videos
where (trim(:min_seconds) = '' or videos.duration_seconds >= newsfacts_seconds(:min_seconds))
  and (trim(:max_seconds) = '' or videos.duration_seconds <= newsfacts_seconds(:max_seconds))
order by videos.duration_seconds, videos.id
""".strip(),
        "full_download": ("videos", None),
    },
    "newsfacts_article_outline": {
        "title": "Outline of one article",
        "description": (
            "The blocks of one article in page order, each with its kind. article_id is the articles.id, "
            "or the file the article came from (its name, as the start page lists it)."
        ),
        "params": ["article_id"],
        "sql": """
select blocks.position, blocks.kind, blocks.text
from blocks
where blocks.article_id = coalesce(
  (select id from articles where id = :article_id),
  (select id from articles where source = :article_id or source like '%/' || :article_id order by source limit 1)
)
order by blocks.position
""".strip(),
        "full_download": ("blocks", "article_id"),
    },
    "newsfacts_search": {
        "title": "Search paragraphs, captions and quotes",
        "description": (
            "Full-text search across body paragraphs, photo captions and quotes (their words and their "
            "speakers) at once; every word must "
            "match (word stems count: \"sharing\" finds \"share\"). Words only: OR, quote marks, * and - are "
            "read as plain words here; for phrases, OR and prefixes, search a table with _searchmode=raw. "
            "Best matches first: up to 100 of each kind, "
            "chosen from the 1,000 most recently converted matches of that kind, so a common word stays fast."
        ),
        "params": ["q"],
        "hide_sql": True,  # long: show the results first
        "sql": """
with search(terms) as (
  select '"' || replace(replace(trim(:q), '"', ' '), ' ', '" "') || '"'
),
-- Ranking every match of a common word takes seconds: rank the 1,000 newest of each kind.
paragraph_hits as (
  select 'paragraph' as kind, rowid as hit, rank, snippet(paragraphs_fts, -1, '«', '»', '…', 24) as snippet
  from paragraphs_fts where paragraphs_fts match (select terms from search)
  order by rowid desc limit 1000
),
caption_hits as (
  select 'caption' as kind, rowid as hit, rank, snippet(captions_fts, -1, '«', '»', '…', 24) as snippet
  from captions_fts where captions_fts match (select terms from search)
  order by rowid desc limit 1000
),
quote_hits as (
  -- the quote's own words, even when the search named its speaker
  select 'quote' as kind, rowid as hit, rank, snippet(quotes_fts, 0, '«', '»', '…', 24) as snippet
  from quotes_fts where quotes_fts match (select terms from search)
  order by rowid desc limit 1000
),
hits as (
  select * from (select * from paragraph_hits order by rank limit 100)
  union all
  select * from (select * from caption_hits order by rank limit 100)
  union all
  select * from (select * from quote_hits order by rank limit 100)
)
select hits.kind, hits.snippet, quotes.speaker,
  coalesce(paragraphs.article_id, captions.article_id, quoted.article_id) as article_id,
  coalesce(paragraphs.position, captions.position, quoted.position) as position
from hits
left join paragraphs on hits.kind = 'paragraph' and paragraphs.rowid = hits.hit
left join captions on hits.kind = 'caption' and captions.rowid = hits.hit
left join quotes on hits.kind = 'quote' and quotes.rowid = hits.hit
left join paragraphs as quoted on quoted.id = quotes.paragraph_id
order by hits.rank, hits.kind, article_id, position
""".strip(),
        "full_download": None,
    },
    "newsfacts_most_furniture": {
        "title": "Articles with the most page furniture",
        "description": (
            "Articles ranked by blocks that are not body text (captions, video promos, highlights, headings, "
            "dateline, contributor lines, boilerplate). Leave outlet blank for every outlet; case does not matter."
        ),
        "params": ["outlet"],
        "sql": """
select articles.id as article_id, articles.title, articles.outlet,
  articles.blocks - articles.paragraphs as furniture,
  articles.captions, articles.videos, articles.boilerplate, articles.paragraphs
from articles
where (:outlet = '' or articles.outlet = :outlet collate nocase)
order by articles.blocks - articles.paragraphs desc
""".strip(),
        "full_download": ("articles", "outlet"),
    },
}


def is_newsfacts(table_names: Iterable[str]) -> bool:
    """True when a database holds the tables `newsfacts convert` makes."""
    return SIGNATURE_TABLES <= set(table_names)


def canned_queries() -> dict[str, dict]:
    """The canned queries as Datasette takes them: sql, title, description(_html), params."""
    queries = {}
    for name, spec in QUERIES.items():
        query = {key: value for key, value in spec.items() if key != "full_download"}
        if spec["full_download"]:
            table, column = spec["full_download"]
            filters = f" (add <code>&amp;{column}=&hellip;</code> to the link to filter it the same way)" if column else ""
            hint = _STREAM_HINT.format(table=table, filters=filters)
            query["description_html"] = f"<p>{spec['description']}</p>{hint}"
        queries[name] = query
    return queries


def database_settings() -> dict:
    """The metadata for one newsfacts database, without its canned queries.

    A fresh copy every time: Datasette merges the user's metadata into what hooks return.
    """
    return json.loads(_database_settings_json())


@functools.cache
def _database_settings_json() -> str:
    # Datasette asks for metadata dozens of times a page; decoding JSON is the cheap deep copy.
    return json.dumps({"description": DATABASE_DESCRIPTION, "tables": TABLES})


def metadata_document(database: str = DEFAULT_DATABASE_NAME) -> dict:
    """Everything above as one Datasette metadata document for a database called `database`."""
    settings = database_settings()
    settings["queries"] = canned_queries()
    return {"databases": {database: settings}}


def metadata_yaml(database: str = DEFAULT_DATABASE_NAME) -> str:
    """`metadata_document` as YAML, SQL written as literal blocks so it reads as SQL."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def represent_str(dumper, value):
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, represent_str)
    header = "# Generated by `newsfacts metadata` from datasette_newsfacts/config.py: edit that, then regenerate.\n"
    return header + yaml.dump(metadata_document(database), Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100)
