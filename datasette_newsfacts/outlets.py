"""Which outlet published an article: the name a page gives its site, told from section names,
app names and handles by agreeing with the page's other evidence, else the address's site.

A page names its site in several places that mean different things: `og:site_name` is
usually the outlet (`CNN`) but sometimes a section (`U.S.` on a Reuters page);
`application-name` is an app (`nextgen`) as often as the outlet; a `twitter:site` handle may be a
desk's (`@cnnpolitics`).  So a name counts when it agrees with another piece of evidence (the
address's site, another name, a segment of the title), and the strong ones (site name,
publisher) count alone when nothing agrees with anything.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from .model import Article

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
# `DW.COM`, `Salon.com`: a site name printed as its address.
_DOMAIN_SHAPED = re.compile(r"^[\w-]+(?:\.[a-z]{2,})+$", re.I)
# `Deutsche Welle (www.dw.com)`: a name followed by its address in brackets.
_BRACKETED_ADDRESS = re.compile(r"\s*\((?:https?://)?(?:www\.)?[\w.-]+\.[a-z]{2,}/?\)\s*$", re.I)


def key(name: str | None) -> str:
    """A name reduced for comparison: lower case, letters and digits only."""
    return _NOT_ALNUM.sub("", (name or "").lower())


def _initials(name: str) -> str:
    return "".join(word[0] for word in re.findall(r"[A-Za-z0-9]+", name)).lower()


def agree(a: str | None, b: str | None) -> bool:
    """Two names for one outlet: one contains the other (`CNN` / `CNN Politics`, `fox13` /
    `FOX 13 News`), or one is the other's initials (`DW` / `Deutsche Welle`)."""
    ka, kb = key(a), key(b)
    if len(ka) < 2 or len(kb) < 2:
        return False
    short, long = sorted((ka, kb), key=len)
    # two letters are a name only at the start (`dw` / `dwnews`), not inside a word (`us` / `business`)
    if long.startswith(short) or (len(short) >= 3 and short in long):
        return True
    return (len(ka) <= 5 and ka == _initials(b or "")) or (len(kb) <= 5 and kb == _initials(a or ""))


@lru_cache(maxsize=1)
def _suffixes():
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()  # the list bundled with the package: no network


def site_of(url: str | None) -> str | None:
    """The registrable domain of an address (`https://news.bbc.co.uk/x` -> `bbc.co.uk`), lower
    case, by the Public Suffix List; None for no address, a bare host or an IP address."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    host = host.rstrip(".").lower()
    if not host or "." not in host or host.replace(".", "").isdigit():
        return None
    return _suffixes().privatesuffix(host) or None


def site_label(url: str | None) -> str | None:
    """The site's own label in its address: `cnn` for money.cnn.com, `bbc` for bbc.co.uk."""
    site = site_of(url)
    return site.split(".", 1)[0] if site else None


_SCHEME = re.compile(r"^https?://(?:www\.)?|/$", re.I)
# `Spiceworks Inc`, `Example Media Ltd.`: the company's legal form after the name
_LEGAL_FORM = re.compile(r",?\s+(?:Inc|Ltd|LLC|L\.L\.C|GmbH|plc|PLC|Corp|Co|Limited|S\.A|AG|SE|Pty Ltd)\.?$")
# `Yahoo News - Latest News & Headlines`: a site name with a tag line after a spaced separator
_TAG_LINE = re.compile(r"\s+[|–—:-]\s+.*$")


def tidy_name(name: str) -> str:
    """A site name without the address some pages print after it, and a name given as an
    address (`http://www.tmz.com`) as its host."""
    name = _BRACKETED_ADDRESS.sub("", name).strip() or name
    name = _TAG_LINE.sub("", name) or name
    name = _LEGAL_FORM.sub("", name) or name
    return _SCHEME.sub("", name) or name


def choose(strong: list[str], weak: list[str], handles: list[str], url: str | None, segments: list[str]) -> str | None:
    """The outlet among the names a page gives its site: the one most other evidence agrees with
    (the other names, the handles, the title's `segments` beside the headline, the address's
    own label), the first in order on a tie; the strong names (site name, publisher) count even
    when nothing agrees with them, weak ones (an app's name) and handles (`@Reuters`, only when
    written as a name, with a capital) only when something does.  A name printed as an address
    (`DW.COM`) is replaced by the title segment that names it the same way (`... | DW | 19.01.2020`)."""
    label = site_label(url)
    handles = [handle.lstrip("@") for handle in handles if handle]
    candidates = [tidy_name(name) for name in strong if name and key(name)]
    eligible_unagreed = len(candidates)
    candidates += [tidy_name(name) for name in weak if name and key(name)]
    candidates += [handle for handle in handles if handle != handle.lower()]
    evidence = [name for name in candidates] + [h for h in handles if h == h.lower()] + segments + ([label] if label else [])
    best, best_score = None, 0
    for index, name in enumerate(candidates):
        score = sum(agree(name, other) for position, other in enumerate(evidence) if position != index)
        score += bool(label and key(name) == key(label))  # the address's own label (`Nature` at nature.com)
        if score > best_score or (best is None and index < eligible_unagreed):
            best, best_score = name, score
    if best and not best[:1].isupper():
        # `the Guardian` beside `The Guardian`: the same name, written as a name
        best = next((name for name in candidates if key(name) == key(best) and name[:1].isupper()), best)
    if best and _DOMAIN_SHAPED.match(best):
        first = key(best.split(".", 1)[0])
        best = next((segment for segment in segments if key(segment) == first), best)
    return best


def article_outlet(article: Article) -> str | None:
    """articles.outlet: the outlet the page or its sidecar names, else the one in the dateline,
    the contributor line or the video promos, else the site of the article's address."""
    return (
        article.outlet
        or (article.dateline and article.dateline.outlet)
        or next((c.outlet for c in article.contributors if c.outlet), None)
        or next((v.source for v in article.videos if v.source), None)
        or site_of(article.url)
    )
