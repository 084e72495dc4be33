"""Page furniture: lines of the page around the story that belong to none of its parts.

Recognised by form (short, not a sentence, a counter, a timestamp, a button label),
so that dumps from any site are handled, not only the sites we have seen.
"""

from __future__ import annotations

import re

from .dates import MONTH

# A button is an action word followed only by words that name the page, the story or a
# channel ("Share on X", "Listen to this article", "Follow us"); a section heading that
# starts with the same word goes on with ordinary words ("Follow the money", "Close to home").
_ACTIONS = (
    r"share|email|print|tweet|comments?|save|follow|subscribe|sign\s+(?:up|in)|log\s+in|close|menu|"
    r"more|next|previous|replay|play|watch|listen|download|open|skip|write|leave|adjust"
)
_UI_WORDS = (
    r"this|the|a|our|us|to|now|live|video|videos|audio|article|story|page|link|gallery|photos?|all|"
    r"comments?|newsletters?|app|in|here|list|ad|ads|menu|content|search|\(\d+\)|(?:on|via)\s+\S+"
)
# `January 10, 2020 9:00AM (UTC)`, `Friday, 21 August 2019, 7:40am`
_DATE = (
    rf"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*\(?[a-z]{2,4}\)?)?)?"
)
_FORMS = re.compile(
    rf"""^(?:
        (?:video\s+)?ad\s+feedback
      | advertisement | sponsored(?:\s+content)? | story\s+continues\s+below(?:\s+advertisement)?
      | link\s+copied! | copy\s+link | share(?:\s+this(?:\s+(?:article|story))?)?(?:\s+on\s+\w+)?
      | (?:{_ACTIONS})(?:\s+(?:{_UI_WORDS})){{0,3}} | (?:(?:{_ACTIONS})\s*){{2,}}
      | read\s+more(?:\s*:.*)? | see\s+(?:more|all)(?:\s+\S+){{0,3}}
      | related(?:\s+(?:coverage|content|stories|articles|links|topics|reading))?(?:\s*:.*)? | more\s+from\s+.{{0,40}}
      | updated\s.{{0,60}}\d{{4}} | published\s.{{0,60}}\d{{4}}
      | \d{{1,2}}:\d{{2}}\s*(?:[AP]M)?\s*[A-Z]{{2,4}},?\s.{{0,40}}\d{{4}}
      | \d+\s+min(?:ute)?s?\s+read
      | \d+\s+(?:of|/)\s+\d+
      | (?:photos?|gallery|slideshow|in\s+pictures)(?:\s*\(\d+(?:\s+\w+)?\))?(?:\s*:\s*.{{0,60}})?
      | (?:hide|show|expand|collapse)\s+caption
      | (?:enlarge|toggle)\s+\w+(?:\s+\w+)?
      | (?:™\s*&\s*)?(?:copyright\s*)?(?:©|\(c\)).{{0,80}} | copyright\s+\d{{4}}.{{0,80}}
      | (?:(?:posted|updated|published)\s+(?:on\s+)?)?{_DATE}  # a date (and time) alone
      | (?:and\s+)?(?:last\s+)?(?:posted|updated|published|modified)\s+(?:at\s+|on\s+)?\d{{4}}-\d\d-\d\d[t\s]?[\d:.+-]*
      | read\s+(?:the\s+rest|the\s+full\s+(?:story|article))
      | (?:this|the)\s+(?:post|article|story|piece)\s+(?:was\s+)?(?:originally|first)\s+(?:appeared|published|ran)\s+(?:on|in|at|by)\s+[^,;]{{1,60}}
      | courtesy\s+of\s+[^,;]{{1,60}} | related\s+topics\b.{{0,100}}
      | loading(?:\s+[a-z]+){{0,2}}\s*(?:\.\.\.|…)? | (?:\#\w+\s*)+  # a page still loading; hashtags alone
      | [—–-]\s*[^()]{{1,60}}\(@\w{{1,30}}\)(?:\s+.{{0,40}})?  # who posted an embedded tweet
      | \(end\) | [\w.+-]+@[\w-]+(?:\.[\w-]+)+  # a wire story's end mark; a reporter's address alone
      | this\s+(?:story|article)\s+has\s+been\s+updated.{{0,80}}
    )[.!:]?$""",
    re.I | re.X,
)




def _literal_start(alternative: str) -> str:
    """The letters an alternative of the pattern surely starts with: `comments?` -> `comment`."""
    word = re.match(r"[a-z]*", alternative).group()
    return word[:-1] if alternative[len(word) :].startswith("?") else word


# The words (in lower case) that each form of _FORMS starts with, but for a number, `©` and an
# address, so that most lines are turned down without trying the forms one after another.
_FIRST_WORDS = tuple(
    {
        "video", "ad", "sponsored", "story", "link", "copy", "share", "read", "see", "related",
        "more", "updated", "published", "photo", "gallery", "slideshow", "in", "hide", "show",
        "expand", "collapse", "enlarge", "toggle", "sign", "subscribe",
        "copyright", "(", "this", "posted", "courtesy", "loading", "#", "modified", "—", "–", "-",
    }
    | {_literal_start(action) for action in _ACTIONS.split("|")}
)
# First words of forms that prose often starts with too (`The`, `And`, `March`, `Sunday`): such a
# line is tried only when it holds a digit (a date, a time) or says where a story first ran.
_COMMON_FIRST_WORDS = (
    "the", "and", "last", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    "mon", "tue", "wed", "thu", "fri", "sat", "sun",
)
_ANY_FIRST_WORDS = _FIRST_WORDS + _COMMON_FIRST_WORDS
_DIGIT = re.compile(r"\d")


# The reader asked to do something for the site: sign up for its newsletter, send in pictures.
_CALL_TO_ACTION = re.compile(
    r"""^(?:please\s+)?(?:
        (?:sign\s+up|subscribe|get|join|receive)\b.{0,80}\bnewsletters?\b.{0,60}
      | (?:share|send|submit)\s+(?:us\s+)?your\s+(?:photos?|pictures?|videos?|stor(?:y|ies)|views|experiences?|tips?)\b.{0,80}
    )[.!]?$""",
    re.I | re.X,
)
# An editor's note about the story itself: `Update July 3rd, 8:05AM ET: Added ...`,
# `Correction: An earlier version of this story ...`, `Editor’s note: ...`.
_NOTE_WORDS = ("update", "correction", "clarification", "editor")
_EDITORS_NOTE = re.compile(
    r"^(?i:updated?|correction|clarification|editor[’']?s[’']?\s+note)(?:[\s,]+(?:[A-Z0-9][\w.:]*|at|on))*\s*:\s+\S"
)
# Three or more short items set apart by slashes: tags or buttons (`Comics / economics / mutants`,
# `SHARE / TWEET / 82 COMMENTS`).
_SLASH_LIST = re.compile(r"^[^/.!?]{1,30}(?:\s/\s[^/.!?]{1,30}){2,}$")
# Lines under a science story that cite its source, however long.
_REFERENCE_LABELS = (
    "more information:", "journal information:", "citation:", "explore further", "(sourcing:", "(source:", "(sources:",
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def is_furniture(text: str) -> bool:
    """True for a line of page furniture such as `Ad Feedback` or `1 of 12`, or a promotion
    that ends by asking the reader to sign up or send something in."""
    if len(text) > 300:
        return False
    lowered = text.lower()
    if ("newsletter" in lowered or "your" in lowered) and _CALL_TO_ACTION.match(_SENTENCE_END.split(text)[-1]):
        return True
    if ("rights reserved" in lowered and len(text) <= 300) or lowered.startswith(_REFERENCE_LABELS):
        return True  # the page's legal line; a study's reference under the story
    if lowered.startswith(_NOTE_WORDS) and _EDITORS_NOTE.match(text):
        return True
    if len(text) > 120:
        return False
    if not any(character.isalnum() for character in text):
        return True  # `•`, `* * *`: a separator, no words
    if " / " in text and _SLASH_LIST.match(text):
        return True
    # In ASCII text, where IGNORECASE is plain lower-casing, a line can only be furniture if it
    # starts with a number or one of the forms' first words, or holds an address.
    if text.isascii() and not (
        text[:1].isdigit() or "@" in text
        or (
            lowered.startswith(_ANY_FIRST_WORDS)  # one look for most lines, which start with none
            and (
                lowered.startswith(_FIRST_WORDS)
                or "originally" in lowered or "first" in lowered or _DIGIT.search(text) is not None
            )
        )
    ):
        return False
    return bool(_FORMS.match(text))
