"""Page furniture: lines of the page around the story that belong to none of its parts.

Recognised by form (short, not a sentence, a counter, a timestamp, a button label),
so that dumps from any site are handled, not only the sites we have seen.
"""

from __future__ import annotations

import re

_FORMS = re.compile(
    r"""^(?:
        (?:video\s+)?ad\s+feedback
      | advertisement | sponsored(?:\s+content)? | story\s+continues\s+below(?:\s+advertisement)?
      | link\s+copied! | copy\s+link | share(?:\s+this(?:\s+(?:article|story))?)?(?:\s+on\s+\w+)?
      | (?:share|email|print|tweet|comment|comments|save|follow|subscribe|sign\s+up|log\s+in|close|menu|more|next|previous|replay|play|watch|listen)(?:\s+\S+){0,3}
      | read\s+more(?:\s*:.*)? | see\s+(?:more|all)(?:\s+\S+){0,3} | related(?:\s*:.*)? | more\s+from\s+.{0,40}
      | updated\s.{0,60}\d{4} | published\s.{0,60}\d{4}
      | \d{1,2}:\d{2}\s*(?:[AP]M)?\s*[A-Z]{2,4},?\s.{0,40}\d{4}
      | \d+\s+min(?:ute)?s?\s+read
      | \d+\s+(?:of|/)\s+\d+
      | (?:photos?|gallery|slideshow|in\s+pictures)(?:\s*:\s*.{0,60})?
      | (?:hide|show|expand|collapse)\s+caption
      | (?:enlarge|toggle)\s+\w+(?:\s+\w+)?
      | (?:sign\s+up|subscribe|get|join|receive)\b.{0,80}\bnewsletters?\b.{0,60}
      | ©.{0,80} | copyright\s.{0,80}
    )[.!:]?$""",
    re.I | re.X,
)


def is_furniture(text: str) -> bool:
    """True for a line of page furniture such as `Ad Feedback` or `1 of 12`."""
    return len(text) <= 120 and bool(_FORMS.match(text))
