"""Which site a page belongs to: its registrable domain, for per-site figures and splits."""

from __future__ import annotations

from urllib.parse import urlsplit

# Second-level suffixes under which a site's name is the third label from the right
# (`bbc.co.uk`, `smh.com.au`); elsewhere it is the second (`cnn.com`).  The rule the L3S-GN1
# benchmark uses to split its pages by site.
_TWO_LABEL_SUFFIXES = frozenset(("co.uk", "com.au", "net.au", "co.za", "co.nz", "com.cn", "com.tw", "com.pk", "co.kr"))


def registrable_domain(url_or_host: str | None) -> str | None:
    """`https://www.bbc.co.uk/news/x` -> `bbc.co.uk`; `edition.cnn.com` -> `cnn.com`; None when none."""
    if not url_or_host:
        return None
    host = urlsplit(url_or_host).hostname if "//" in url_or_host else url_or_host.split("/")[0]
    labels = [label for label in (host or "").lower().strip(".").split(".") if label]
    if len(labels) < 2:
        return None
    keep = 3 if ".".join(labels[-2:]) in _TWO_LABEL_SUFFIXES else 2
    return ".".join(labels[-keep:])
