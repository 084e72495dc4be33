"""A page's markup as lxml's own tree, and the text of its elements as a reader sees it.

lxml keeps text in two places: an element's `text` (before its first child) and each
child's `tail` (after it, up to the next sibling).  `contents` gives both, in document order,
as the strings and child elements a reader meets, so the walks elsewhere read like walks
over a DOM.  Comments and processing instructions are dropped while parsing: they are never
text, and with them gone every node in the tree is an element with a string tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from lxml import etree
from lxml.html import HtmlElement
from lxml.html import html_parser as _HTML_ELEMENTS

from .text import clean

# Never the story: scripts, forms, players, the page's own navigation, and the headline (kept as the title).
DROP_TAGS = frozenset(
    "script style noscript template nav footer aside form button input select textarea option label "
    "iframe frame svg canvas object embed audio video source track map link meta head title dialog menu h1".split()
)
BLOCK_TAGS = frozenset(
    "address article aside blockquote center dd details dialog div dl dt fieldset figcaption figure footer form "
    "h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
BLOCK_TAG_LIST = tuple(sorted(BLOCK_TAGS))
BREAK = "\ue000"  # stands for <br> while inline text is gathered
# Text a browser does not show as the element's own: a script's code, a style sheet, a template.
_NOT_TEXT = ("script", "style", "template")
_HIDDEN_CLASSES = frozenset("hidden is-hidden u-hidden sr-only visually-hidden visuallyhidden screen-reader-text".split())
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])")
_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]+")
# What lxml's parser is told: comments and processing instructions are not kept; ids are not
# indexed (nothing looks them up); no doctype is invented.  `huge_tree` lifts libxml2's limit of
# 256 nested elements (past it the tree stops, empty): pages are read up to 10 MB by then, and
# markup nested too deep to walk is read as lines (`flat_lines`).
_OPTIONS = dict(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
_PARSER = etree.HTMLParser(**_OPTIONS, collect_ids=False, default_doctype=False)
# Every node is an element (comments are not kept), so each is lxml.html's HtmlElement (which
# htmldate asks for) chosen in C, not by lxml.html's lookup in Python for every node touched.
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(element=HtmlElement))

Element = HtmlElement


def parse_document(markup: str) -> HtmlElement | None:
    """The page's `<html>` element, or None when the markup holds no element at all.

    The text goes to libxml2 as UTF-8 bytes: a page declaring its encoding in an XML
    declaration is refused as a Python string, and the text is already decoded."""
    data = markup.encode("utf-8", "replace")
    try:
        document = etree.fromstring(data, _PARSER)
    except (etree.LxmlError, ValueError):
        return None
    if document is None:
        return None
    if document.find("body") is None:
        # libxml2 gives up building a tree on a name lxml cannot hold (`<html xmogo.jpg" alt=...>`,
        # a broken quote making an attribute name of a file name); its parse events go on, and
        # the forgiving builder makes the tree from them.
        rebuilt = _forgiving_parse(data)
        document = rebuilt if rebuilt is not None else document
    return document


_NAME = re.compile(r"^[A-Za-z_][\w.-]*$")


class _ForgivingBuilder:
    """Builds the tree from libxml2's parse events, leaving out names an element cannot hold."""

    def __init__(self) -> None:
        self.builder = etree.TreeBuilder(element_factory=_HTML_ELEMENTS.makeelement)

    def start(self, tag: str, attributes) -> None:
        kept = {name: value for name, value in attributes.items() if _NAME.match(name)}
        self.builder.start(tag if _NAME.match(tag) else "span", kept)

    def end(self, tag: str) -> None:
        self.builder.end(tag if _NAME.match(tag) else "span")

    def data(self, text: str) -> None:
        self.builder.data(text)

    def close(self):
        return self.builder.close()


def _forgiving_parse(data: bytes) -> HtmlElement | None:
    parser = etree.HTMLParser(target=_ForgivingBuilder(), **_OPTIONS)
    try:
        parser.feed(data)
        document = parser.close()
    except (etree.LxmlError, ValueError):
        return None
    found = isinstance(document, HtmlElement) and document.tag == "html" and document.find("body") is not None
    return document if found else None


def contents(element: HtmlElement) -> Iterator[str | HtmlElement]:
    """The strings and child elements directly inside `element`, in document order."""
    if element.text:
        yield element.text
    for child in element:
        if isinstance(child.tag, str):
            yield child
        if child.tail:
            yield child.tail


def elements(element: HtmlElement) -> Iterator[HtmlElement]:
    """The child elements of `element` (never a comment or a processing instruction)."""
    return (child for child in element if isinstance(child.tag, str))


def descendants(element: HtmlElement, *tags: str) -> Iterator[HtmlElement]:
    """Every element inside `element` (not itself), in document order; only `tags` if given."""
    return element.iterdescendants(*tags) if tags else element.iterdescendants(etree.Element)


def first(element: HtmlElement, predicate) -> HtmlElement | None:
    """The first element inside `element` for which `predicate` holds, or None."""
    return next((node for node in descendants(element) if predicate(node)), None)


def text_of(element: HtmlElement) -> str:
    """The element's text as a reader sees it: scripts, style sheets and templates left out."""
    if element.tag in _NOT_TEXT or next(element.iterdescendants(*_NOT_TEXT), None) is None:
        return element.text_content()
    return "".join(_text_nodes(element))


_ASCII_SPACE = " \n\t\f\r"


def text_length(element: HtmlElement) -> int:
    """How much text `element` holds, as `text_of` reads it, with each run of nothing but
    spaces between two tags counted as one character: layout whitespace is not text."""
    if element.tag not in _NOT_TEXT and next(element.iterdescendants(*_NOT_TEXT), None) is not None:
        return sum(len(text) if text.strip(_ASCII_SPACE) else 1 for text in _text_nodes(element))
    return sum(len(text) if text.strip(_ASCII_SPACE) else 1 for text in element.itertext())


def _text_nodes(element: HtmlElement) -> list[str]:
    """The text nodes `text_of` joins, one by one."""
    found: list[str] = []
    stack: list = [element]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            found.append(node)
        elif node is element or node.tag not in _NOT_TEXT:
            stack.extend(reversed(list(contents(node))))
    return found


def words(element: HtmlElement | None) -> frozenset[str]:
    """The words of an element's class names and id: `cnnArticleGalleryNav00` -> cnn, article, gallery, nav, 00."""
    if element is None:
        return frozenset()
    return _words_of(element.get("class"), element.get("id"))


@lru_cache(maxsize=8192)
def _words_of(names: str | None, ident: str | None) -> frozenset[str]:
    # a page repeats a few dozen class names over thousands of elements: each is split once
    parts = (names or "").split()
    if ident:
        parts.append(ident)
    return frozenset(word.lower() for part in parts for word in _NOT_ALNUM.split(_CAMEL.sub(" ", part)) if word)


def classes(element: HtmlElement) -> list[str]:
    """The element's class names."""
    return (element.get("class") or "").split()


def hidden(element: HtmlElement) -> bool:
    """Marked as not shown: `hidden`, `aria-hidden`, a `display: none` style, a hiding class."""
    return (
        element.get("hidden") is not None
        or element.get("aria-hidden") == "true"
        or bool(_HIDDEN_STYLE.search(element.get("style") or ""))
        or any(name in _HIDDEN_CLASSES for name in classes(element))
    )


def within(node: HtmlElement, ancestors: list[HtmlElement]) -> bool:
    """Whether `node` is one of `ancestors` or inside one (lxml hands out one proxy per live node)."""
    if not ancestors:
        return False
    wanted = {id(ancestor) for ancestor in ancestors}
    return id(node) in wanted or any(id(parent) in wanted for parent in node.iterancestors())


def outermost(found: list[HtmlElement]) -> list[HtmlElement]:
    """The elements of `found` that are inside no other of them."""
    chosen: list[HtmlElement] = []
    for element in found:
        if not within(element, chosen):
            chosen.append(element)
    return chosen


def gather(element: HtmlElement, parts: list[str], keep_hidden: bool = False, skip: list[HtmlElement] = ()) -> None:
    """The text of `element` as a reader sees it: inline markup joined as written, <br> a line break."""
    for child in contents(element):
        if isinstance(child, str):
            parts.append(child)
        elif child.tag == "br":
            parts.append(BREAK)
        elif child.tag in DROP_TAGS or within(child, skip) or (not keep_hidden and hidden(child)):
            continue
        elif child.tag in BLOCK_TAGS:
            parts.append(BREAK)
            gather(child, parts, keep_hidden, skip)
            parts.append(BREAK)
        else:
            gather(child, parts, keep_hidden, skip)


def lines(text: str) -> list[str]:
    """Gathered text split at its breaks, each line cleaned, empty ones dropped."""
    return [line for line in (clean(part) for part in text.split(BREAK)) if line]


def inline_lines(element: HtmlElement, keep_hidden: bool = False, skip: list[HtmlElement] = ()) -> list[str]:
    """The lines of an element's text (see `gather`)."""
    parts: list[str] = []
    gather(element, parts, keep_hidden, skip)
    return lines("".join(parts))


def inline_text(element: HtmlElement | None, keep_hidden: bool = False) -> str:
    """An element's text on one line; empty for no element."""
    return " ".join(inline_lines(element, keep_hidden)) if element is not None else ""


def groups(element: HtmlElement) -> list[list[str]]:
    """A paragraph's lines in groups split by an empty line (two <br> in a row)."""
    parts: list[str] = []
    gather(element, parts)
    found: list[list[str]] = [[]]
    for part in "".join(parts).split(BREAK):
        if line := clean(part):
            found[-1].append(line)
        elif found[-1]:
            found.append([])
    return [group for group in found if group]


def only_within(element: HtmlElement, names: tuple[str, ...]) -> bool:
    """True when every bit of text in `element` sits inside one of the tags `names`."""

    def inside(owner: HtmlElement) -> bool:
        while owner is not None and owner is not element:
            if owner.tag in names:
                return True
            owner = owner.getparent()
        return False

    if element.text and element.text.strip():
        return False  # text straight inside `element` is inside none of them
    seen = False
    for node in descendants(element):
        for text, owner in ((node.text, node), (node.tail, node.getparent())):
            if text and text.strip():
                if not inside(owner):
                    return False
                seen = True
    return seen


def deeper_than(root: HtmlElement, limit: int) -> bool:
    """Whether elements nest more than `limit` deep below `root` (asked of libxml2's XPath:
    is there an element `limit + 1` steps down)."""
    return bool(_depth_probe(limit)(root))


@lru_cache(maxsize=4)
def _depth_probe(limit: int) -> etree.XPath:
    return etree.XPath("boolean(" + "*/" * limit + "*)")


def flat_lines(root: HtmlElement) -> list[str]:
    """The text of markup nested too deep to walk, as lines (block elements and <br> break them)."""
    parts: list[str] = []
    stack: list = [root]
    while stack:  # no recursion here: this is for the pages that exhaust it
        node = stack.pop()
        if isinstance(node, str):
            parts.append(node)
            continue
        if node.tag in DROP_TAGS or hidden(node):
            continue
        if node.tag in BLOCK_TAGS or node.tag == "br":
            parts.append(BREAK)
            stack.append(BREAK)
        stack.extend(reversed(list(contents(node))))
    return lines("".join(parts))
