"""The development set's pages: where each comes from, its HTML, its site and its gold.

Every source of ../shared/devdata (and the project's own gold over the real pages that
scripts/fetch-real-pages caches) is read here into `Page` records whose gold is in
`newsfacts-gold/1` with the text written out (no spans), so one gold file scores the page
dump, the article-region dump and the HTML alike.  Keys a source does not label are null:
not scored.  Nothing here is written into the repository.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from lxml import html as lxml_html

from datasette_newsfacts.evaluate import resolve_spans, read_dump_text
from datasette_newsfacts.sites import registrable_domain
from datasette_newsfacts.text import decode_html

REPO = Path(__file__).resolve().parent.parent
DEVDATA = Path(__file__).resolve().parents[2].parent / "shared" / "devdata"
if not DEVDATA.exists():
    DEVDATA = Path("/work/shared/devdata")
REAL_PAGES = Path.home() / ".cache" / "newsfacts" / "real-pages"

def split_of(domain: str) -> str:
    """train / dev / test by a hash of the domain, so no site is in two splits."""
    bucket = int(hashlib.sha1(domain.encode()).hexdigest()[:8], 16) % 100
    return "train" if bucket < 60 else "dev" if bucket < 80 else "test"


@dataclass
class Page:
    """One page of the development set."""

    key: str  # unique and file-name safe: source-id
    source: str  # wcxb, readability, l3s, real
    url: str
    domain: str
    html_path: Path
    gold: dict
    title: str | None = None

    @property
    def split(self) -> str:
        return split_of(self.domain)

    def html_text(self) -> str:
        data = self.html_path.read_bytes()
        if self.html_path.suffix == ".gz":
            data = gzip.decompress(data)
        return decode_html(data)


def _gold(**keys) -> dict:
    gold = {"format": "newsfacts-gold/1", "source": "page.txt", "dateline": None, "highlights": None,
            "headings": None, "paragraphs": None, "captions": None, "videos": None,
            "contributors": None, "quotes": None}
    gold.update(keys)
    return gold


def _with_sections(items: list[tuple[str, str]]) -> tuple[list[str], list[dict]]:
    """(kind, text) in reading order -> headings and paragraphs with the heading above each."""
    headings, paragraphs, section = [], [], None
    for kind, text in items:
        if kind == "heading":
            headings.append(text)
            section = text
        else:
            paragraphs.append({"text": text, "section": section})
    return headings, paragraphs


# --- WCXB ---------------------------------------------------------------------------------

_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_MD_LIST = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?=\S)")
_MD_HEADING = re.compile(r"^#{1,6}\s+")


def _markdown_items(markdown: str) -> list[tuple[str, str]]:
    """Each non-blank line of WCXB's Markdown as a heading (`#`) or a paragraph, markup dropped."""
    items = []
    for line in markdown.splitlines():
        line = line.strip()
        if not line or line.startswith("|") or set(line) <= set("-*_= "):
            continue  # tables and rules: no paragraph form to match
        heading = bool(_MD_HEADING.match(line))
        text = _MD_HEADING.sub("", line)
        text = _MD_EMPHASIS.sub("", _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", text)))
        text = re.sub(r"\s+", " ", text.lstrip(">").strip())
        if heading:
            items.append(("heading", text))
        elif text:
            # A list item keeps its text without the marker, as a browser copy shows it apart.
            items.append(("paragraph", text))
    return items


def wcxb_pages() -> list[Page]:
    pages = []
    root = DEVDATA / "wcxb"
    with open(root / "articles.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            truth = json.loads((root / row["split"] / "ground-truth" / f"{row['file_id']}.json").read_text())["ground_truth"]
            items = _markdown_items(truth.get("main_content_markdown") or truth.get("main_content") or "")
            headings, paragraphs = _with_sections(items)
            pages.append(Page(
                f"wcxb-{row['split']}-{row['file_id']}", "wcxb", row["url"], registrable_domain(row["url"]),
                root / row["split"] / "html" / f"{row['file_id']}.html.gz",
                _gold(headings=headings, paragraphs=paragraphs), truth.get("title"),
            ))
    return pages


# --- Readability --------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")


def _text(element) -> str:
    return _SPACES.sub(" ", element.text_content()).strip()


def readability_pages() -> list[Page]:
    pages = []
    root = DEVDATA / "readability"
    with open(root / "cases.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            case = root / row["case"]
            tree = lxml_html.fromstring((case / "expected.html").read_bytes().decode("utf-8"))
            items, captions = [], []
            for element in tree.iter("p", "li", "h2", "h3", "h4", "h5", "h6", "figcaption", "pre"):
                if any(a.tag in ("figcaption",) for a in element.iterancestors()):
                    continue
                if element.tag == "li" and (element.find(".//p") is not None or element.find(".//li") is not None):
                    continue
                if element.tag == "p" and any(a.tag == "li" for a in element.iterancestors()):
                    continue
                text = _text(element)
                if not text:
                    continue
                if element.tag == "figcaption":
                    captions.append({"text": text})  # credit not told apart in this gold: not scored
                elif element.tag.startswith("h"):
                    items.append(("heading", text))
                else:
                    items.append(("paragraph", text))
            headings, paragraphs = _with_sections(items)
            metadata = json.loads((case / "expected-metadata.json").read_text(encoding="utf-8"))
            pages.append(Page(
                f"readability-{row['case']}", "readability", row["url"], registrable_domain(row["url"]),
                case / "source.html", _gold(headings=headings, paragraphs=paragraphs, captions=captions),
                metadata.get("title"),
            ))
    return pages


# --- L3S-GN1 ------------------------------------------------------------------------------

# Elements a browser lays out as blocks of their own (and <br>): each run of text between two
# of them is one line of the rendered page, which is what a paragraph is in a dump.
_BLOCK_TAGS = {"address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "div", "dl",
               "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
               "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td",
               "tfoot", "th", "thead", "tr", "ul"}
_SKIPPED_TAGS = {"script", "style", "noscript", "title", "head", "select", "option", "textarea", "iframe", "object"}
# Every file is UTF-8 whatever its <meta charset> says (devdata's README).
_UTF8 = lxml_html.HTMLParser(encoding="utf-8")
_L3S_LABEL = re.compile(r"\bx-nc-sel([0-5])\b")


def _rendered_blocks(root) -> list[str]:
    """The page's text as runs between block boundaries, in document order (whitespace collapsed)."""
    blocks: list[str] = []
    current: list[str] = []

    def close() -> None:
        text = _SPACES.sub(" ", "".join(current)).strip()
        if text:
            blocks.append(text)
        current.clear()

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIPPED_TAGS:
            return
        block = tag in _BLOCK_TAGS
        if block:
            close()
        if element.text and tag:
            current.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if block:
            close()

    walk(root)
    close()
    return blocks


def _labelled_text(root) -> tuple[str, list[int]]:
    """The annotated page's text with no whitespace, and each character's label (0 = not content)."""
    chars: list[str] = []
    labels: list[int] = []

    def add(text: str, label: int) -> None:
        for char in text:
            if not char.isspace():
                chars.append(char)
                labels.append(label)

    def walk(element, label: int) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIPPED_TAGS:
            return
        classes = element.get("class") or ""
        if "x-nc-invisible" in classes:
            return
        found = _L3S_LABEL.search(classes)
        if found:
            label = int(found.group(1))
        if element.text and tag:
            add(element.text, label)
        for child in element:
            walk(child, label)
            if child.tail:
                add(child.tail, label)

    body = root.find("body")
    walk(body if body is not None else root, 0)
    return "".join(chars), labels


def _l3s_key(text: str) -> str:
    # annotated/ holds no character above U+00FF (they show as `?`): compare the original the same way
    return "".join("?" if ord(c) > 0xFF else c for c in text if not c.isspace())


# A block shorter than this (whitespace removed) is placed only where it stands right after
# the last block placed (a few characters of unrendered text between): anywhere further on,
# its text (`AP`, `|`, a name) is likely to be part of a longer block.
_L3S_SHORT_KEY = 12
_L3S_SHORT_REACH = 3


def _l3s_blocks(original: Path, annotated: Path) -> list[tuple[str, int]]:
    """Each rendered block of the original page with the label the assessors gave its text.

    `annotated/` is a re-serialised DOM whose paragraph tags were mangled (a browser's repair of
    `<P>` used as a separator), so paragraphs are cut from the original page, as it renders, and
    each takes the majority label of its characters, found by text in the annotated copy (both
    with whitespace removed, characters above U+00FF as `?`).  Text the assessors left unlabelled,
    or that cannot be found, is not content.
    """
    labelled, labels = _labelled_text(lxml_html.document_fromstring(annotated.read_bytes(), parser=_UTF8))
    blocks = _rendered_blocks(lxml_html.document_fromstring(original.read_bytes(), parser=_UTF8))
    result, cursor = [], 0
    for text in blocks:
        key = _l3s_key(text)
        if not key:
            continue
        at = labelled.find(key, cursor)
        if at >= 0 and len(key) < _L3S_SHORT_KEY and at - cursor > _L3S_SHORT_REACH:
            at = -1  # not this short block itself, but its text inside a later one
        if at >= 0:
            cursor = at + len(key)
        elif len(key) >= _L3S_SHORT_KEY:
            # out of order in the annotated copy: labelled from there, but the cursor stays, so
            # the blocks after this one are still looked for after the last one placed in order
            at = labelled.find(key)
        if at < 0:
            result.append((text, 0))
            continue
        counts = Counter(labels[at : at + len(key)])
        result.append((text, counts.most_common(1)[0][0]))
    return result


def _l3s_gold(original: Path, annotated: Path) -> tuple[list[dict], str | None]:
    """Full-text blocks (label 2) as paragraphs; the first headline block (label 1) as the title.

    A page whose original renders no full-text block (12 of 621: markup so broken that a browser
    shows nothing) gets paragraphs null, not scored, rather than an empty list that would count
    every line a converter reads from it as wrong.
    """
    blocks = _l3s_blocks(original, annotated)
    paragraphs = [{"text": text, "section": None} for text, label in blocks if label == 2 and len(text) > 1]
    title = next((text for text, label in blocks if label == 1), None)
    return paragraphs or None, title


def l3s_pages() -> list[Page]:
    pages = []
    root = DEVDATA / "l3s-gn1"
    with open(root / "site-split.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            original = root / "original" / f"{row['id']}.html"
            paragraphs, title = _l3s_gold(original, root / "annotated" / f"{row['id']}.html")
            pages.append(Page(
                f"l3s-{row['id']}", "l3s", row["url"], row["domain"], original, _gold(paragraphs=paragraphs), title,
            ))
    return pages


# --- The project's own gold over real pages -------------------------------------------------


def real_pages() -> list[Page]:
    pages = []
    if not REAL_PAGES.exists():
        print(f"note: {REAL_PAGES} is missing (run scripts/fetch-real-pages): real pages left out", file=sys.stderr)
        return pages
    for path in sorted((REPO / "fixtures" / "gold").glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        dump = REAL_PAGES / gold["source"]
        name = gold["source"].removesuffix(".txt")
        html_path, meta_path = REAL_PAGES / f"{name}.html", REAL_PAGES / f"{name}.meta.json"
        if not (dump.exists() and html_path.exists() and meta_path.exists()):
            continue
        gold = resolve_spans(gold, read_dump_text(dump))
        gold["source"] = "page.txt"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        url = meta.get("url") or ""
        pages.append(Page(f"real-{name}", "real", url, registrable_domain(url), html_path, gold, meta.get("headline")))
    return pages


SOURCES = {"wcxb": wcxb_pages, "readability": readability_pages, "l3s": l3s_pages, "real": real_pages}


def all_pages(sources: list[str] | None = None) -> list[Page]:
    """Every page of the chosen sources (all by default), in a fixed order."""
    pages = []
    for name in sources or list(SOURCES):
        pages.extend(SOURCES[name]())
    return pages
