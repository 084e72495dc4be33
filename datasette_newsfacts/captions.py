"""Photo captions: finding credits, parsing them, and telling a picture's description by its form."""

from __future__ import annotations

import re

from .dates import MONTH
from .model import Credit
from .speakers import is_organisation

# Picture agencies and wires that appear in credits.  Names, not one site's strings:
# a credit is recognised by its slash-separated form, these only say which part is which.
AGENCIES = {
    name.lower(): name
    for name in (
        "AFP", "AP", "Reuters", "EPA", "EPA-EFE", "EFE", "Xinhua", "Kyodo", "Yonhap", "ANP",
        "Anadolu", "Anadolu Agency", "Bloomberg", "NurPhoto", "Sipa", "Sipa USA", "SOPA Images",
        "LightRocket", "Pacific Press", "Corbis", "Redux", "dpa", "TASS", "Sputnik", "UPI", "PA",
        "PA Images", "Polaris", "Abaca", "KCNA", "KNS", "Imagn", "USA Today Sports", "CNN", "NASA",
        "Planet Labs", "Maxar Technologies", "Associated Press", "UIG", "Universal Images Group",
        "ullstein bild", "akg-images", "Keystone", "DW",
    )
}
DISTRIBUTORS = {
    name.lower(): name
    for name in (
        "Getty Images", "Shutterstock", "Alamy", "Alamy Stock Photo", "AP Images", "Reuters Connect",
        "picture-alliance", "picture alliance", "imago", "imago images", "ZUMA", "ZUMA Press", "ZUMA Wire",
    )
}
# `getty images ` and the like: a distributor's regional desk starts with one of these.
_DESK_PREFIXES = tuple(known + " " for known in DISTRIBUTORS)
_AGENCY_ALIASES = {"reuters": "Reuters", "associated press": "AP", "ap photo": "AP", "afp photo": "AFP"}
_DISTRIBUTOR_ALIASES = {"getty": "Getty Images"}
_IGNORED = {"file", "file photo", "handout", "via", "courtesy", "photo illustration", "illustration", "supplied"}

# `... Photograph: Jo Li/Getty Images` and `... (picture-alliance/dpa/L. Schwedes)`: credits
# only when they name an agency, for `(AAPL/NASDAQ)` ends prose too.
# The label may be glued to the sentence before it (`...broke out.Credit: Senn College`), as
# when a page's caption and credit elements are flattened into one line.
_LABELLED = re.compile(r"(?:(?<=\S)\s+|(?<=[a-z0-9][.!?]))(?:Photo(?:graph)?|Image|Picture|Credit)s?:\s*([A-Z][^()]*)$")
# `... on Sunday. Photo by JO KREL /AFP via Getty Images`: the labelled credit without brackets.
_PHOTO_BY_TAIL = re.compile(r"(?<=\S)\s+(?:Photo(?:graph)?|Image|Picture)s?\s+by\s+([A-Z][^()]*)$")
# `... at the hall on Friday. Supplied` or `(Supplied)`: a picture the people in the story gave
# the paper, credited to no one; it stands after the caption's last sentence.
_SUPPLIED = re.compile(r"(?:(?<=[.!?\"”’)])\s*|\s+)(?:Supplied|\(\s*Supplied\s*\))$")
_BRACKETED = re.compile(r"\(([A-Za-z][^()/]{0,40}(?:/[^()/]{1,40})+)\)$")
# `/ AFP / POOL / Ed Jones`, naming an agency: `Comics / demographics / economics` lists tags.
_SLASHED = re.compile(r"(?:^|\s)(/\s*[A-Za-z][^/()]*(?:/[^/()]*)+)$")
# `(The Associated Press)`: one agency's name alone in brackets.
_BRACKETED_NAME = re.compile(r"\(\s*(?:The\s+)?([A-Z][^()/]{1,40}?)\s*\)$")
# Who a credit names when it names no agency: capitalised words, joined by slashes, commas
# and the small words of names (`Jo Marsh, Senn Valley Trust`, `Dan Seifert / The Verge`).
_NAME_WORD = r"(?:[A-Z][\w.'’&-]*|&|of|the|and|for|de|du|van|von|der|via)"
_NAME_LIKE = re.compile(rf"[A-Z][\w.'’&-]*(?:\s*[/,]\s*{_NAME_WORD}|\s+{_NAME_WORD}){{0,11}}")
# A line that is only a labelled credit: `Photograph by Jo Marsh, Senn Valley Trust`,
# `Image: Senn Valley Council`.  (A plural label with a colon heads a gallery: `Photos: Inside ...`.)
# `Left Image: NOAA, Right Image: Ana Ruiz`: one credit line for two pictures side by side.
_PLACED_LABEL = r"(?:(?:Left|Right|Top|Bottom|Above|Below|Main|Lead|Header)\s+)?(?:Photo(?:graph)?|Image|Picture|Credit)\s*:\s*"
_LABELLED_LINE = re.compile(
    rf"^(?:(?:Photo(?:graph)?|Image|Picture)s?\s+by\s+|{_PLACED_LABEL})(?:{_NAME_LIKE.pattern})"
    rf"(?:,\s*{_PLACED_LABEL}(?:{_NAME_LIKE.pattern}))*$"
)


def _may_be_labelled(rest: str) -> bool:
    """Could _LABELLED (case-sensitive) match: does a word of its label stand in the line?"""
    return "Photo" in rest or "Image" in rest or "Picture" in rest or "Credit" in rest


def _bracketed(rest: str) -> bool:
    return rest.endswith(")")


def _bracketed_chain(rest: str) -> bool:
    return rest.endswith(")") and "/" in rest


# Tails of a caption line that are credits, tried repeatedly from the end of the line.  Each
# comes with a cheap test of what it cannot match without (a final bracket, slashes, a colon, a
# word in capitals): each pattern is tried at every position of the line; most lines fail the test.
_CREDIT_TAILS = [
    (re.compile(r"\(\s*Photo credit should read [^()]*\)$", re.I), _bracketed),
    (re.compile(r"\(\s*(?:Photo|Image|Picture|Photograph|Credit)s?(?:\s+(?:by|courtesy of)\s|\s*:\s*)[^()]*\)$", re.I), _bracketed),
    # (AP Photo/Evan Vucci)
    (re.compile(r"\(\s*[A-Z][\w&-]*(?: [A-Z][\w&-]*)? Photo\s*/[^()]*\)$"), _bracketed_chain),
    # AFP PHOTO/NICHOLAS KAMM
    (re.compile(r"\b[A-Z]{2,}(?:-[A-Z]+)? PHOTO\s*/\s*[^()/]+(?:/[^()/]+)*$"), lambda rest: "PHOTO" in rest and "/" in rest),
    # REUTERS/Kevin Lamarque
    (re.compile(r"\bREUTERS\s*/\s*[^()]+$"), lambda rest: "REUTERS" in rest and "/" in rest),
    (_SLASHED, lambda rest: rest.count("/") >= 2),
    (_LABELLED, lambda rest: ":" in rest and _may_be_labelled(rest)),
    (_PHOTO_BY_TAIL, lambda rest: " by " in rest and _may_be_labelled(rest)),
    (_SUPPLIED, lambda rest: rest.endswith(("Supplied", "Supplied)"))),
    (_BRACKETED, _bracketed_chain),
    (_BRACKETED_NAME, _bracketed),
]
_SHOULD_READ = re.compile(r"should read ([^()]*)\)", re.I)
_PHOTO_BY = re.compile(r"(?:Photo|Image|Picture|Photograph)s? by ([^()]*)\)?", re.I)
_PAREN_PHOTO = re.compile(r"\(\s*([A-Z][\w&-]*(?: [A-Z][\w&-]*)?) Photo\s*/([^()]*)\)")
_CREDIT_PART = r"[A-Z][\w.'’&-]*(?: [A-Za-z][\w.'’&-]*){0,4}"
_CREDIT_LINE = re.compile(rf"^{_CREDIT_PART}(?:\s*/\s*{_CREDIT_PART})+$")
_FILES = re.compile(r"\s+files?$", re.I)  # `Reuters files`: an archive picture of that agency
_CREDIT_LABEL = re.compile(r"^(?:Photo(?:graph)?|Image|Picture|Credit)s?\s*:\s*", re.I)
_PLACED_LABELS = re.compile(_PLACED_LABEL)
_VIA = re.compile(r"\s+via\s+", re.I)
_AGENCY_PHOTO = re.compile(r"\b([A-Z]{2,}) PHOTO\b")
_POOL = re.compile(r"\bpool\b", re.I)
_PHOTOGRAPHER = re.compile(r"[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){1,4}")
_PHOTO_CHAIN = re.compile(r"PHOTO\s*/\s*([^()/]+)")
_CHAIN_SPLIT = re.compile(r"/|,\s")


def split_credit(text: str) -> tuple[str, str | None]:
    """Split a caption line into its description and its credit (None when it has none)."""
    rest = text.rstrip()
    if (
        "/" not in rest and not rest.endswith((")", "Supplied"))
        and not ((":" in rest or " by " in rest) and _may_be_labelled(rest))
    ):
        return text, None  # every credit form has a slash, a label, a closing bracket or `Supplied`
    start = len(rest)
    while True:
        for pattern, possible in _CREDIT_TAILS:
            if not possible(rest):
                continue
            match = pattern.search(rest)
            if match and pattern in _NEED_AN_AGENCY and not _credits(pattern, match.group(1)):
                continue
            if match and match.start() < len(rest):
                start = match.start()
                rest = rest[:start].rstrip()
                break
        else:
            break
    if start == len(text.rstrip()):
        return text, None
    return rest, " ".join(text[start:].split())


# Tails that end prose too, `(AAPL/NASDAQ)` or `(The Hague)`: credits only when they name an
# agency, or (the labelled one) when a label introduces a name.
_NEED_AN_AGENCY = (_LABELLED, _PHOTO_BY_TAIL, _BRACKETED, _BRACKETED_NAME, _SLASHED)


def _credits(pattern: re.Pattern, named: str) -> bool:
    if pattern is _BRACKETED_NAME:
        return _agency_or_distributor(named.lower())
    return _names_an_agency(named) or (pattern in (_LABELLED, _PHOTO_BY_TAIL) and bool(_NAME_LIKE.fullmatch(named)))


def is_credit_line(text: str) -> bool:
    """A line that is only a credit, like `Erin Schaff/Pool/Getty Images` or `Photo: AP`."""
    if len(text) <= 160 and (":" in text or " by " in text) and _LABELLED_LINE.match(text):
        return True
    if len(text) > 90:
        return False
    if ":" in text:  # the label needs its colon; most lines have none
        text = _CREDIT_LABEL.sub("", text)
    lowered = text.lower()
    if lowered in DISTRIBUTORS or lowered in AGENCIES:
        return True
    # A chain of parts needs a slash between them.
    return "/" in text and bool(_CREDIT_LINE.match(text)) and _names_an_agency(text)


def _names_an_agency(chain: str) -> bool:
    # `Ana Ruiz/The Associated Press`: the article is no part of the name
    parts = [_FILES.sub("", part.strip().lower()).removeprefix("the ") for part in chain.split("/")]
    return any(_agency_or_distributor(part) or part == "pool" for part in parts)


def _agency_or_distributor(key: str) -> bool:
    return key in AGENCIES or key in _AGENCY_ALIASES or _distributor(key) is not None


def _title(name: str) -> str:
    """NICHOLAS KAMM -> Nicholas Kamm; names already in mixed case stay as they are."""
    return name.title() if name.isupper() else name


def _distributor(key: str) -> str | None:
    """`getty images` and regional desks such as `getty images north america` -> Getty Images."""
    if key in DISTRIBUTORS:
        return DISTRIBUTORS[key]
    if key in _DISTRIBUTOR_ALIASES:
        return _DISTRIBUTOR_ALIASES[key]
    if not key.startswith(_DESK_PREFIXES):  # one test for all the names, for most parts are none
        return None
    return next((name for known, name in DISTRIBUTORS.items() if key.startswith(known + " ")), None)


def parse_credit(credit: str) -> Credit:
    """Read photographer, agency, distributor and pool out of a credit as printed."""
    chain = None
    if match := _SHOULD_READ.search(credit):
        chain = match.group(1)
    elif matches := _PHOTO_BY.findall(credit):
        # "(Photo by X / AFP) (Photo by X/AFP via Getty Images)": the last says the most
        chain = matches[-1]
    elif match := _PAREN_PHOTO.search(credit):
        chain = f"{match.group(2)}/{match.group(1)}"
    else:
        chain = _PLACED_LABELS.sub("", _CREDIT_LABEL.sub("", credit.strip("() ")))
    chain = _VIA.sub("/", chain)
    chain = _AGENCY_PHOTO.sub(r"\1", chain)
    result = Credit(text=credit, pool=bool(_POOL.search(credit)))
    source = None  # a body the credit names that is no known agency: `Senn Valley Trust`
    for part in (_FILES.sub("", p.strip(" ,.")) for p in _CHAIN_SPLIT.split(chain)):
        key = part.lower().removeprefix("the ")  # `The Associated Press`
        if not part or key in _IGNORED or key == "pool":
            continue
        if distributor := _distributor(key):
            result.distributor = result.distributor or distributor
        elif key in AGENCIES or key in _AGENCY_ALIASES:
            result.agency = result.agency or _AGENCY_ALIASES.get(key) or AGENCIES[key]
        elif result.photographer is None and _PHOTOGRAPHER.fullmatch(part) and not is_organisation(part):
            result.photographer = _title(part)
        elif part[:1].isupper():
            source = source or part
    result.agency = result.agency or source
    if result.photographer is None:
        # "AFP PHOTO/NICHOLAS KAMM (Photo credit should read ...)" without a readable chain
        if match := _PHOTO_CHAIN.search(credit):
            result.photographer = _title(match.group(1).strip())
    if result.agency is None and result.distributor is not None:
        result.agency = result.distributor
    return result


# What a picture's description looks like: a subject, then a present-tense verb of
# something one can see, then when or where it happened.
_VISIBLE_VERBS = (
    "speak|arrive|hold|attend|walk|wave|look|stand|pose|gesture|listen|sit|leave|deliver|talk|"
    "shake|greet|march|gather|protest|rall(?:y|ie)|react|watch|wait|carr(?:y|ie)|display|wear|"
    "take|participate|celebrate|chant|pray|embrace|hug|smile|laugh|cheer|salute|inspect|visit|"
    "answer|address|testif(?:y|ie)|prepare|play|ride|run|fl(?:y|ie)|sail|clean|cross|search|"
    "mourn|light|lay|place|raise|hold|point|sign|board|exit|depart|enter|kneel|rest|vote|"
    "work|fight|dance|sing|applaud|clap|kiss|shout|rush|block|guard|patrol|survey|tour|meet|"
    "stage|lead|join|line|fill|crowd|sweep|cover|view|hang|pass|spray|queue|pull|push|lift|drive|"
    "climb|load|unload|repair|build|dig|swim|paint|cook|eat|drink|read|check|open|close|hand|use|"
    "receive|collect|distribute|clear|wash|fish|plant|harvest|evacuate|rescue|treat|tend|"
    "drag|tow|steer|paddle|wade|jump|kick|throw|catch|sort|pack|unveil|demonstrate"
)
def _verb_forms(alternation: str) -> frozenset[str]:
    """Every word the verb pattern can match: `rall(?:y|ie)` -> rally, rallie, rallys, rallies, ..."""
    forms = set()
    for stem in re.split(r"\|(?![^(]*\))", alternation):
        if "(?:" in stem:
            head, options = stem.split("(?:")
            stems = [head + option for option in options.rstrip(")").split("|")]
        else:
            stems = [stem]
        forms.update(f"{word}{ending}" for word in stems for ending in ("", "s", "es"))
    return frozenset(forms)


# The verb pattern's words, for a cheap look before the pattern itself runs.
_VERB_FORMS = _verb_forms(_VISIBLE_VERBS)
_WORD = r"(?!(?:he|she|they|it|we|i)\b)[\w'’.\-,&()]+"
# After these a verb-like word is a noun or an infinitive ("the rally", "to close"), not the verb.
_NOT_BEFORE_VERB = r"(?:a|an|the|this|that|these|those|his|her|their|its|our|my|your|to|of|for|in|on|at|by|with|from)"
_DESCRIPTION = re.compile(
    rf"^(?:{_WORD}\s+){{0,8}}?(?!{_NOT_BEFORE_VERB}\s){_WORD}\s+(?P<verb>{_VISIBLE_VERBS})(?:s|es)?\b"
    # a word followed by an auxiliary is the subject ("The work is ..."), not the verb
    r"(?!\s+(?:is|are|was|were|has|have|had|will|would|can|could|of)\b)",
    re.I,
)
_PICTURE_NOUN = re.compile(
    r"^(?:An?|The|This)?\s*(?:undated\s+|file\s+|handout\s+|aerial\s+|satellite\s+|wide\s+|close\s+|general\s+)*"
    r"(?:image|photo|photograph|picture|view|screengrab|still|graphic|illustration|rendering|shot|close-up)\b"
    r"(?:\s+\w+){0,2}\s+(?:of|shows|showing|taken|released|from)\b",
    re.I,
)
# The words _PICTURE_NOUN can start with (`a` stands for `an` too, `photo` for `photograph`).
_PICTURE_NOUN_STARTS = (
    "a", "the", "this", "undated", "file", "handout", "aerial", "satellite", "wide", "close", "general",
    "image", "photo", "picture", "view", "screengrab", "still", "graphic", "illustration", "rendering", "shot",
)
# A day or a date ("Wednesday", "November 4") ...
_WHEN = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|"
    rf"\b{MONTH} \d{{1,2}}\b"
)
# ... or a place ("in Seoul", "at the White House").
_WHEN_OR_WHERE = re.compile(rf"{_WHEN.pattern}|\b(?:in|at|outside|near|on) (?:the )?[A-Z]")
_PAST_PROSE = re.compile(r"\b(?:said|says|say|told|tells|has|have|had|was|were|will|would|could|should)\b")
# The simple past marks reported prose: an irregular past form, or an -ed verb followed by its
# object or a preposition ("voted on"); "is removed from" (present passive) and "organized by"
# (a participle) are not it.
_PAST_TENSE = re.compile(
    r"\b(?:brought|rode|went|came|took|made|gave|found|began|ran|fell|stood|held|met|led|thought|"
    r"knew|got|won|paid|sent|spent|built|sold|wrote|spoke|drove|flew|saw|became|kept|struck|threw|sat)\b"
    r"|(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bbeen )\b\w{2,}ed\s+"
    r"(?:a|an|the|to|on|in|at|for|with|from|into|his|her|their|its|up|out|down|over)\b",
    re.I,
)


def reads_as_description(text: str) -> bool:
    """True for a line that describes a picture in the present tense: `A tug pulls a barge`.

    Enough on its own where the position already says "picture" (the line above a video
    title is its thumbnail); elsewhere see `looks_like_picture_description`.
    """
    if len(text) > 400 or text[:1] in "“\"‘'" or not text[:1].isupper():
        return False
    lowered = text.lower()
    # In ASCII text, where IGNORECASE is plain lower-casing, the noun pattern can only match a
    # line that starts with one of its words: look at that before trying the pattern.
    if (not text.isascii() or lowered.startswith(_PICTURE_NOUN_STARTS)) and _PICTURE_NOUN.match(text):
        return True
    if text.count(". ") > 1:
        return False
    # Lowering the line, then splitting, gives the same words as lowering word by word.
    if _VERB_FORMS.isdisjoint(lowered.split(None, 10)[1:10]):
        return False  # no verb of something one can see where the pattern would look for one
    match = _DESCRIPTION.match(text)
    if not match or _PAST_TENSE.search(text, 0, match.start("verb")):
        return False
    head = text.split(".", 1)[0]
    return not _PAST_PROSE.search(head) and text.count(". ") <= 1


def looks_like_picture_description(text: str) -> bool:
    """True for a line such as `South Korean protesters hold a rally Wednesday in Seoul ...`.

    Prose in news stories reports in the past tense and attributes; a caption describes,
    in the present tense, what the picture shows, and says when or where.
    """
    return reads_as_description(text) and bool(_PICTURE_NOUN.match(text) or _WHEN_OR_WHERE.search(text))


def reads_as_scene(text: str) -> bool:
    """True for one sentence that says what happens on a day without reporting it:
    `Cars slide on Paseo del Norte in Albuquerque on November 24.`

    Too loose alone (it knows no verbs), it is what a line among a gallery's captions must be.
    """
    if len(text) > 300 or text[:1] in "“\"‘'" or not text[:1].isupper() or text.count(". ") or "?" in text:
        return False
    return bool(_WHEN.search(text)) and not _PAST_PROSE.search(text) and not _PAST_TENSE.search(text)


_PRESENT_BE = re.compile(r"\b(?:is|are)\b")


def opens_with_a_dated_scene(text: str) -> bool:
    """True for a line whose first sentence says what is seen on a day, whatever follows:
    `The Snoopy balloon ... is partially inflated on Wednesday, November 27, in New York. High
    winds threatened ...`.  Looser still than `reads_as_scene`: only for a line that stands
    between two captions, where a gallery's longer captions tell the story around the picture.
    """
    if text[:1] in "“\"‘'" or not text[:1].isupper():
        return False
    first = text.split(". ", 1)[0] + "."
    if reads_as_scene(first):
        return True
    # "... is partially inflated on Wednesday": a present passive, which the past-tense
    # pattern cannot tell from a past when an adverb stands between
    return (
        len(first) <= 300 and bool(_PRESENT_BE.search(first)) and bool(_WHEN.search(first))
        and not _PAST_PROSE.search(first) and "?" not in first
    )
