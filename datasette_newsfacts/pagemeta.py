"""What a news page says about itself: title, canonical address, publication date, byline.

Read from JSON-LD first (a NewsArticle object, a list, or an @graph; malformed JSON-LD is
skipped), then `og:` and `article:` meta tags and the canonical link, then the visible
"By ..." line.  Never raises.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup

from .text import clean

_BYLINE_LABEL = re.compile(r"^(?:(?:analysis|opinion|commentary)\s+)?by\s+", re.I)

_ARTICLE_TYPES = frozenset(
    "newsarticle article reportagenewsarticle analysisnewsarticle opinionnewsarticle backgroundnewsarticle "
    "reviewnewsarticle blogposting liveblogposting report".split()
)
_SITE_SUFFIX = re.compile(r"^(?P<head>.+?)\s+[|–—-]\s+(?P<tail>[^|–—]+)$")
_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "date", "dc.date.issued", "parsely-pub-date", "sailthru.date",
)


@dataclass
class PageMetadata:
    """What a page says about itself."""

    title: str | None = None
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


def _json_ld_articles(soup: BeautifulSoup) -> list[dict]:
    """Every article object in the page's JSON-LD, NewsArticle kinds first."""
    found: list[dict] = []

    def collect(data, depth: int) -> None:
        if depth > 6:
            return
        if isinstance(data, list):
            for item in data:
                collect(item, depth + 1)
        elif isinstance(data, dict):
            if _types(data) & _ARTICLE_TYPES:
                found.append(data)
            for key in ("@graph", "mainEntity"):
                collect(data.get(key), depth + 1)

    for script in soup.find_all("script"):
        kind = script.get("type")
        if isinstance(kind, str) and "ld+json" in kind.lower():
            collect(_load_json(script.string or script.get_text() or ""), 0)
    return sorted(found, key=lambda item: not any("newsarticle" in kind for kind in _types(item)))


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


def _join_names(names: list[str]) -> str | None:
    names = list(dict.fromkeys(name for name in names if name))
    if len(names) <= 1:
        return names[0] if names else None
    return ", ".join(names[:-1]) + " and " + names[-1]


def _trim_site(title: str | None, site: str | None) -> str | None:
    """`Some headline | CNN Politics` -> `Some headline` when the page names its site as CNN."""
    if title and site and (match := _SITE_SUFFIX.match(title)) and site.lower() in match["tail"].lower():
        return match["head"]
    return title


def page_metadata(soup: BeautifulSoup, bylines: list[str]) -> PageMetadata:
    meta: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        content = tag.get("content")
        if isinstance(key, str) and isinstance(content, str) and content.strip():
            meta.setdefault(key.strip().lower(), _tidy(content) or "")
    articles = _json_ld_articles(soup)

    def from_ld(*keys: str):
        for item in articles:
            for key in keys:
                if item.get(key):
                    return item.get(key)
        return None

    urls = []
    for link in soup.find_all("link"):
        rel = link.get("rel") or []
        rel = rel.split() if isinstance(rel, str) else rel
        if "canonical" in [word.lower() for word in rel] and isinstance(link.get("href"), str):
            urls.append(link["href"].strip())
    urls.append(meta.get("og:url") or "")
    page = from_ld("url", "mainEntityOfPage")
    if isinstance(page, dict):
        page = page.get("@id") or page.get("url")
    urls.append(_text(page) or "")
    urls = [url for url in urls if url]

    heading = soup.find("h1")
    document_title = soup.find("title")
    site = meta.get("og:site_name")
    title = (
        _text(from_ld("headline", "name"))
        or _trim_site(meta.get("og:title"), site)
        or (_tidy(heading.get_text()) if heading is not None else None)
        or _trim_site(_tidy(document_title.get_text()) if document_title is not None else None, site)
    )
    time = soup.find("time", attrs={"itemprop": "datePublished"}) or soup.find("time", attrs={"pubdate": True})
    published = _text(from_ld("datePublished")) or next((meta[key] for key in _PUBLISHED_META if key in meta), None)
    if published is None and time is not None:
        published = _text(time.get("datetime")) or _tidy(time.get_text())
    byline = (
        _join_names(_names(from_ld("author")))
        or _join_names(_names(meta.get("article:author")))
        or meta.get("author")
        or next((rest for line in bylines if (rest := _BYLINE_LABEL.sub("", line)) != line and rest), None)
    )
    url = next((url for url in urls if url.startswith(("http://", "https://"))), urls[0] if urls else None)
    return PageMetadata(title or None, url or None, published or None, byline or None)
