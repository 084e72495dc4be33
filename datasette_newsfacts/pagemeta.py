"""What a news page says about itself: title, outlet, canonical address, publication date, byline.

Read from JSON-LD first (a NewsArticle object, a list, or an @graph; malformed JSON-LD is
skipped), then `og:` and `article:` meta tags and the canonical link, then the visible
"By ..." line.  The outlet is chosen among the names the page gives its site (`outlets.choose`);
the title loses the site's name and a date printed beside it (`Headline | DW | 19.01.2020`);
the date, when no metadata gives it, is read from an itemprop, a `<time>` in the story, the
address (`/2023/11/06/`) or the title, and last by htmldate (dates printed in the text).
Never raises.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import date

from . import outlets
from .dates import iso_date, read_date
from .htmltree import Element, descendants, text_of
from .text import clean

_BYLINE_LABEL = re.compile(r"^(?:(?:analysis|opinion|commentary)\s+)?by\s+", re.I)

_ARTICLE_TYPES = frozenset(
    "newsarticle article reportagenewsarticle analysisnewsarticle opinionnewsarticle backgroundnewsarticle "
    "reviewnewsarticle blogposting liveblogposting report".split()
)
# Titles join the headline and the site's name with a spaced bar, dash, colon, bullet or guillemet.
_TITLE_SEPARATOR = re.compile(r"\s+[|–—·•»:-]+\s+|\s*\|\s*|(?<=\w):\s+")
_SITE_NAME_WORDS = 4  # `CNN Politics`, `Yonhap News Agency`: a site's name is a few words at most
# Dates a title or an address prints: `19.01.2020` (day.month.year), `/2023/11/06/`, `-2019-08-21-`.
_DOTTED_DATE = re.compile(r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})$")
_URL_DATE = re.compile(r"(?<![0-9])(?P<y>(?:19|20)\d\d)[/-](?P<m>[01]\d)[/-](?P<d>[0-3]\d)(?![0-9])")
_SITE_NAME_META = ("og:site_name",)
_PUBLISHER_META = ("publisher", "dc.publisher", "dcterms.publisher", "citation_publisher")
_APP_META = ("application-name", "apple-mobile-web-app-title")
# Handles (`@cnnpolitics`) are a desk's as often as the outlet's: mostly evidence for a name.
_HANDLE_META = ("twitter:site",)
_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "date", "dc.date.issued", "parsely-pub-date", "sailthru.date",
)


@dataclass
class PageMetadata:
    """What a page says about itself."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    byline: str | None = None


def _load_json(text: str):
    """JSON-LD as pages ship it: sometimes wrapped in comments or CDATA, sometimes broken (None)."""
    for attempt in (text, re.sub(r"^\s*(?://)?\s*(?:<!--|<!\[CDATA\[)|(?://)?\s*(?:-->|\]\]>)\s*$|;\s*$", "", text)):
        try:
            return json.loads(attempt, strict=False)
        except (ValueError, RecursionError):
            continue
    return None


def _types(item: dict) -> set[str]:
    kinds = item.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return {kind.rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower() for kind in kinds if isinstance(kind, str)}


def _text(value) -> str | None:
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, str) and item.strip()), None)
    return _tidy(value) if isinstance(value, str) else None


def _tidy(text: str) -> str | None:
    """Metadata text with spaces tidied and entities a CMS escaped twice (`&#8216;`) decoded."""
    return clean(html.unescape(text) if "&" in text else text) or None


def _names(value) -> list[str]:
    """Author names from JSON-LD: a string, an object with a name, or a list of either."""
    if isinstance(value, str):
        return [] if value.strip().startswith(("http://", "https://")) else [_tidy(value) or ""]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [name for item in value[:20] for name in _names(item)]
    return []


def join_names(names: list[str]) -> str | None:
    """`A`, `A and B`, `A, B and C`: names as a byline lists them, each once."""
    names = list(dict.fromkeys(name for name in names if name))
    if len(names) <= 1:
        return names[0] if names else None
    return ", ".join(names[:-1]) + " and " + names[-1]


def _calendar(year: str, month: str, day: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _segment_date(segment: str) -> str | None:
    """A title segment that is only a date (`19.01.2020`, `Jan 19, 2020`), in ISO form."""
    if match := _DOTTED_DATE.match(segment):
        return _calendar(match["y"], match["m"], match["d"])
    return iso_date(segment) if any(ch.isdigit() for ch in segment) and read_date(segment) else None


def title_segments(title: str | None) -> list[str]:
    """A title's parts between separators: `Headline | CNN Politics` -> [`Headline`, `CNN Politics`]."""
    return [part.strip() for part in _TITLE_SEPARATOR.split(title or "") if part.strip()]


def _names_site(segment: str, names: list[str]) -> bool:
    """A segment that is the site's name (`CNN Politics`, `Salon.com`, `VICE`): a few words that
    agree with one of the names the page gives its site."""
    return len(segment.split()) <= _SITE_NAME_WORDS and any(outlets.agree(segment, name) for name in names)


def trim_title(title: str | None, names: list[str]) -> tuple[str | None, str | None]:
    """The headline in a title, without the site's name and a date printed before or after it
    (`Headline | DW | 19.01.2020` -> `Headline`), and that date (ISO) if one was printed."""
    if not title:
        return title, None
    if any(outlets.key(title) == outlets.key(name) for name in names):
        return title, None  # the title is the site's name alone: a front page, no headline to cut out
    parts = _TITLE_SEPARATOR.split(title)
    seps = _TITLE_SEPARATOR.findall(title)
    printed = None
    # from the end: the site's name and dates; from the start: the site's name only, exactly
    # (`Senn – the river that came back` is about the river, not from the Senn Herald)
    while len(parts) > 1:
        last = parts[-1].strip()
        found = _segment_date(last)
        if found or _names_site(last, names):
            printed = printed or found
            parts.pop()
            seps.pop()
        else:
            break
    while len(parts) > 1 and any(outlets.key(parts[0]) == outlets.key(name) for name in names):
        parts.pop(0)
        seps.pop(0)
    head = parts[0] + "".join(sep + part for sep, part in zip(seps, parts[1:]))
    return head.strip() or title, printed


def _shares_words(a: str, b: str) -> bool:
    """Whether half of the words of `a` are in `b` (an <h1> and the <title> of one story)."""
    words = set(re.findall(r"\w+", a.lower()))
    return len(words & set(re.findall(r"\w+", b.lower()))) * 2 >= len(words)


def _collect_json_ld(document: Element) -> list[dict]:
    """Every object in the page's JSON-LD, however nested (lists, @graph, properties)."""
    found: list[dict] = []

    def collect(data, depth: int) -> None:
        if depth > 8 or len(found) > 2000:
            return
        if isinstance(data, list):
            for item in data:
                collect(item, depth + 1)
        elif isinstance(data, dict):
            found.append(data)
            for value in data.values():
                if isinstance(value, (list, dict)):
                    collect(value, depth + 1)

    for script in document.iter("script"):
        kind = script.get("type")
        if kind and "ld+json" in kind.lower():
            collect(_load_json(script.text or ""), 0)
    return found


def _publisher_names(objects: list[dict], articles: list[dict]) -> list[str]:
    """Names of the publisher the JSON-LD gives: the articles' first, then any object's; a
    publisher given by reference (`{"@id": "#publisher"}`) is looked up; then the WebSite's name."""
    by_id = {item["@id"]: item for item in objects if isinstance(item.get("@id"), str) and len(item) > 1}
    names: list[str] = []

    def add(value) -> None:
        if isinstance(value, list):
            for item in value[:5]:
                add(item)
        elif isinstance(value, dict):
            if not value.get("name") and isinstance(value.get("@id"), str):
                value = by_id.get(value["@id"], value)
            if name := _text(value.get("name")):
                names.append(name)
        elif isinstance(value, str) and not value.startswith(("http://", "https://", "#")):
            names.append(_tidy(value) or "")

    for item in articles + objects:
        add(item.get("publisher"))
    for item in objects:
        if "website" in _types(item):
            add(item)
    return [name for name in names if name]


def _meta_values(meta: dict[str, str], keys: tuple[str, ...]) -> list[str]:
    values = [meta[key] for key in keys if meta.get(key)]
    return [value.lstrip("@") for value in values if not value.startswith(("http://", "https://"))] + [
        value for value in values if value.startswith(("http://", "https://")) and "/" not in value.split("//", 1)[1].rstrip("/")
    ]


def date_in_url(urls: list[str]) -> str | None:
    """The first date an address prints (`/2023/11/06/`, `-2019-08-21-`), in ISO form."""
    for url in urls:
        if match := _URL_DATE.search(url):
            if found := _calendar(match["y"], match["m"], match["d"]):
                return found
    return None


def _published_in_markup(document: Element) -> str | None:
    """A date the markup marks as the publication's: an itemprop, a `<time pubdate>`, else the
    first `<time datetime>` inside the story's `<article>`."""
    marked = next((node for node in descendants(document) if node.get("itemprop") == "datePublished"), None)
    if marked is not None:
        value = marked.get("content") or marked.get("datetime") or text_of(marked)
        if value.strip():
            return _tidy(value)
    time = next((node for node in document.iter("time") if node.get("pubdate") is not None), None)
    if time is None and (story := next(document.iter("article"), None)) is not None:
        time = next((node for node in story.iter("time") if node.get("datetime") is not None), None)
    if time is not None:
        return _text(time.get("datetime")) or _tidy(text_of(time))
    return None


def _date_by_htmldate(document: Element) -> str | None:
    """htmldate's reading of the page (its dates in text, scripts and links, original date
    first), for pages whose metadata gives none; None when it finds none or fails.  It is given
    the tree already parsed (it copies it before pruning), not the markup to parse again."""
    try:
        from htmldate import find_date

        return find_date(document, extensive_search=True, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # a library's failure on odd markup costs the date, never the article
        return None


def warm_up_date_search() -> None:
    """Build what htmldate's text search builds the first time it hands a string to dateparser
    (dateparser compiles every locale's word patterns then: about 1.3 s of CPU).  Run before
    forking workers, it is paid once for all of them rather than once in each.  The invented
    page below gives a weekday, day, month and time but no year, the form that dateparser tries
    in every locale before giving up; its result is discarded, and no page's result depends on it."""
    from lxml.html import fromstring

    _date_by_htmldate(fromstring("<html><body><p>Open from Mon 3 Feb, 09:15</p></body></html>"))


def page_metadata(document: Element, bylines: list[str], *, htmldate: bool = True) -> PageMetadata:
    """What the page's metadata and markup say about the article (see the module's docstring),
    from the page's parsed tree (`htmltree.parse_document`); `htmldate=False` leaves out the
    last resort for a date, htmldate's search of the dates printed in the page."""
    meta: dict[str, str] = {}
    for tag in document.iter("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if key and content and content.strip():
            meta.setdefault(key.strip().lower(), _tidy(content) or "")
    objects = _collect_json_ld(document)
    articles = sorted(
        (item for item in objects if _types(item) & _ARTICLE_TYPES),
        key=lambda item: not any("newsarticle" in kind for kind in _types(item)),
    )

    def from_ld(*keys: str):
        for item in articles:
            for key in keys:
                if item.get(key):
                    return item.get(key)
        return None

    urls = []
    for link in document.iter("link"):
        rel = (link.get("rel") or "").split()
        if "canonical" in [word.lower() for word in rel] and link.get("href") is not None:
            urls.append(link.get("href").strip())
    urls.append(meta.get("og:url") or "")
    page = from_ld("url", "mainEntityOfPage")
    if isinstance(page, dict):
        page = page.get("@id") or page.get("url")
    urls.append(_text(page) or "")
    urls = [url for url in urls if url]
    url = next((url for url in urls if url.startswith(("http://", "https://"))), urls[0] if urls else None)

    heading = next(document.iter("h1"), None)
    document_title = next(document.iter("title"), None)
    document_title = _tidy(text_of(document_title)) if document_title is not None else None
    raw_titles = [meta.get("og:title"), meta.get("twitter:title"), document_title]
    # the parts of a title beside the headline: where a page prints its site's name
    segments = [part for raw in raw_titles for part in title_segments(raw)[1:]]
    strong = [meta.get(key) or "" for key in _SITE_NAME_META] + _publisher_names(objects, articles)
    strong += _meta_values(meta, _PUBLISHER_META)
    weak = _meta_values(meta, _APP_META)
    outlet = outlets.choose(strong, weak, _meta_values(meta, _HANDLE_META), url, segments)
    names = [name for name in [outlet, *strong, *weak, outlets.site_label(url)] if name]

    headline = _tidy(text_of(heading)) if heading is not None else None
    if headline and document_title and not _shares_words(headline, document_title):
        # an <h1> that the <title> does not repeat names a section (`Allergies Health Center`)
        headline = None if not _names_site(document_title, names) else headline
    trimmed_titles: dict[str, tuple[str | None, str | None]] = {}

    def trimmed(candidate: str) -> tuple[str | None, str | None]:
        # the same title is offered as a headline and as a place a date is printed: cut it once
        if candidate not in trimmed_titles:
            trimmed_titles[candidate] = trim_title(candidate, names)
        return trimmed_titles[candidate]

    title, printed = None, None
    for candidate in (_text(from_ld("headline", "name")), meta.get("og:title"), headline, document_title):
        if candidate:
            cut, found = trimmed(candidate)
            title, printed = title or cut, printed or found
    published = (
        _text(from_ld("datePublished"))
        or next((meta[key] for key in _PUBLISHED_META if key in meta), None)
        or _published_in_markup(document)
        or date_in_url(urls)
        or printed
        or next((found for raw in raw_titles if raw and (found := trimmed(raw)[1])), None)
        or (_date_by_htmldate(document) if htmldate else None)
    )
    byline = (
        join_names(_names(from_ld("author")))
        or join_names(_names(meta.get("article:author")))
        or meta.get("author")
        or next((rest for line in bylines if (rest := _BYLINE_LABEL.sub("", line)) != line and rest), None)
    )
    return PageMetadata(title or None, outlet or None, url or None, published or None, byline or None)
