"""Where a news page keeps its story: the element holding the body, and the standfirst above it."""

from __future__ import annotations

from functools import lru_cache

from .htmltree import DROP_TAGS, Element, descendants, elements, hidden, inline_text, text_length, within, words

# Words in class names and ids that mark page chrome around or inside the story.
CHROME_WORDS = frozenset(
    "nav navbar navigation menu breadcrumb breadcrumbs comment comments commenting promo promos sponsor "
    "sponsored ad ads adslot advert advertisement related recirc recirculation playlist barrier modal popup "
    "toast footer sidebar side widget widgets rail timestamp tags toolbar btn button icon control controls tweet instagram tiktok "
    "rubric kicker eyebrow label labels keywords syndication byline author authors".split()
)
_CHROME_PREFIXES = ("share", "social", "newsletter", "subscri", "outbrain", "taboola", "nativo", "disqus", "cookie")
STANDFIRST_WORDS = frozenset(("standfirst", "dek", "deck", "summary", "subtitle", "subheadline", "strapline"))
# Containers that hold a story's body on many sites.
_BODY_CLASSES = frozenset(
    "article-body article__body articleBody article-content article__content story-body story-content "
    "entry-content post-content post-body".split()
)
_BODY_IDS = frozenset(("article-body", "story-body", "articleBody"))
# Words that name the story's own containers.
_STORY_WORDS = frozenset(("article", "body", "content", "story", "entry", "post", "main", "text"))


@lru_cache(maxsize=8192)
def is_chrome(names: frozenset[str]) -> bool:
    """Whether the words of an element's class and id (`htmltree.words`) name page chrome."""
    return bool(names & CHROME_WORDS) or any(word.startswith(_CHROME_PREFIXES) for word in names)


def wraps_page(element: Element, root_length: int) -> bool:
    """A form around the page rather than in it (ASP.NET pages put the whole page in one
    `<form>`): it holds more than half of the text of `root_length`.  Other forms (search
    boxes, sign-ups, comment boxes) are never the story."""
    return element.tag == "form" and 2 * text_length(element) > root_length


def page_root(document: Element) -> Element:
    """The page's <body>, or the whole document when it has none."""
    return next(document.iter("body"), document)


def find_body(document: Element) -> Element:
    """The element holding the story: an <article>, [itemprop=articleBody], a common body container,
    or the parent of most paragraph text; else the whole <body>."""
    root = page_root(document)
    # paragraphs in the page's chrome (a footer's legal text, a sidebar's teasers) never count
    chrome: dict[Element, bool] = {None: text_length(root)}  # (under None: the page's length)
    paragraphs = [p for p in descendants(root, "p") if not _in_chrome(p, root, chrome)]
    length = {p: text_length(p) for p in paragraphs}
    by_parent: dict[Element, int] = {}
    for p in paragraphs:
        parent = p.getparent()
        by_parent[parent] = by_parent.get(parent, 0) + length[p]
    densest = max(by_parent.items(), key=lambda pair: pair[1], default=(None, 0))

    def weight(candidate: Element) -> int:
        if densest[1]:
            return sum(length.get(p, 0) for p in descendants(candidate, "p"))
        return text_length(candidate)

    tiers = (
        lambda: descendants(root, "article"),
        lambda: (node for node in descendants(root) if node.get("itemprop") == "articleBody"),
        lambda: (node for node in descendants(root) if _is_common_body(node)),
        lambda: [densest[0]] if densest[0] is not None else [],
    )
    for candidates in tiers:
        scored = [(weight(candidate), candidate) for candidate in candidates()]
        if not scored:
            continue
        best_weight, best = max(scored, key=lambda pair: pair[0])
        if best_weight and best_weight >= 0.6 * densest[1]:
            # An <article> around the story and its teasers: the inner one that holds nearly all the text.
            inner = [(w, c) for w, c in scored if w >= 0.9 * best_weight and c is not best and within(c, [best])]
            return max(inner, key=lambda pair: pair[0])[1] if inner else best
    return root


def _in_chrome(element: Element, root: Element, known: dict[Element, bool]) -> bool:
    """Inside the page's chrome: a dropped element, or one named as chrome and not also as
    the story's (`l-article-body l-sidebar-fixed` lays the story out beside a sidebar).
    `known` remembers the answer for each parent already seen (paragraphs share them)."""
    parent = element.getparent()
    if parent is None or parent is root:
        return False
    if parent not in known:
        names = words(parent)
        known[parent] = (
            (parent.tag in DROP_TAGS and not wraps_page(parent, known[None]))
            or (is_chrome(names) and not names & _STORY_WORDS)
            or _in_chrome(parent, root, known)
        )
    return known[parent]


def _is_common_body(element: Element) -> bool:
    return (
        element.tag == "main"
        or element.get("role") == "main"
        or element.get("id") in _BODY_IDS
        or any(name in _BODY_CLASSES for name in (element.get("class") or "").split())
    )


def standfirst_before(body: Element) -> list[str]:
    """Standfirst elements in the story's <article> or <main> that stand above the body."""
    scope = next((parent for parent in body.iterancestors() if parent.tag in ("article", "main")), None)
    found: list[str] = []

    def visit(element: Element) -> bool:
        for child in elements(element):
            if child is body:
                return True
            if child.tag in DROP_TAGS or hidden(child):
                continue
            names = words(child)
            if is_chrome(names):
                continue
            if names & STANDFIRST_WORDS:
                if text := inline_text(child):
                    found.append(text)
                continue
            if visit(child):
                return True
        return False

    if scope is not None:
        visit(scope)
    return found
