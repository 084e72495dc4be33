"""The words of attribution: reporting verbs, cue patterns, and finding a sentence's subject.

Shared by quote finding (is a quoted phrase beside words of saying?) and speaker
attribution (who do those words point to?).  Pure text functions.
"""

from __future__ import annotations

import re

from .speakers import ABBREVIATED_TITLES, NAME_PARTICLE
from .text import CAPITAL

REPORTING = (
    r"said|says|say|told|tells|asked|asks|added|adds|explained|explains|wrote|writes|tweeted|tweets|"
    r"posted|noted|notes|insisted|insists|warned|warns|argued|argues|responded|responds|declared|"
    r"declares|interjected|countered|counters|stated|states|continued|continues|recalled|recalls|"
    r"replied|replies|remarked|admitted|admits|acknowledged|claimed|claims|predicted|announced|"
    r"testified|conceded|cautioned|emphasized|emphasised|stressed|suggested|observed|complained|"
    r"boasted|joked|quipped|shouted|urged|vowed|confirmed|denied|maintained|contended|concluded|"
    r"pleaded|demanded|questioned|agreed|disagreed|texted|messaged|yelled|whispered|lamented|"
    r"reiterated|repeated|charged|alleged|explained|pointed out|went on|wondered|wonders|remembered|"
    r"remembers|recounted|recounts|laughed|laughs|sighed|sighs|mused|muses|reflected|reflects|concedes|"
    r"cautions|observes|jokes|quips|marveled|marvelled|marvels|"
    # what organisations and documents do with words: `the Post reported`, `the letter reads`
    r"reported|reports|reads"
)

PARTICIPLES = (
    r"saying|adding|predicting|noting|warning|arguing|insisting|explaining|calling|describing|"
    r"accusing|telling|asking|writing|declaring|claiming|stressing|urging|vowing|promising|"
    r"pledging|suggesting|complaining|lamenting|telling"
)

PRONOUNS = {"he": "m", "she": "f", "they": None, "it": None, "we": None, "i": None}

WORD = re.compile(r"[\w’'-]+")

# `al-Şahin`, `d’Estaing`: a lower-case particle joined to a capitalised name is part of it.
_NAME_TOKEN = rf"(?:{NAME_PARTICLE}{CAPITAL}|{CAPITAL})[\w’'.-]*"

NAME_RUN = rf"{_NAME_TOKEN}(?:\s+(?:{_NAME_TOKEN}|of|for|de|da|van|von|bin|al|el|la|le|del|der|and)(?=\s+{CAPITAL}|$|[\s,.;:]))*(?:\s+{_NAME_TOKEN})?"

# What may stand between a quote's closing mark and its cue: punctuation, and the stray apostrophe
# that doubled apostrophes around a nested quote leave (a quote in single marks closing where the doubled ones do: three apostrophes, then `said X`).
_AFTER_MARK = r"[\s,.?!—–'’-]*"
# Who the speaker is, between commas after the name: `Jo Park, 81 and retired in Senn, Ore., said`.
_APPOSITIVE = r"(?:,\s*[^“”\"]{1,150}?,)?"
# A party or place tag in brackets after a name: `Sen. Jo Park (D-Ore.)`.
_PARTY_TAG = r"(?:\s*\([^()“”\"]{1,30}\))?"
# "”, said Lee Jae-jeong, spokeswoman for the Minjoo opposition party, in a statement."
# A name may stand before the role that comes before the speaker's name: "said Harris senior
# adviser Jo Park", "said US envoy Jo Park".
AFTER_INVERTED = re.compile(
    rf"^{_AFTER_MARK}(?P<cue>{REPORTING})\s+(?P<np>"
    rf"(?:(?:{_NAME_TOKEN}\s+){{0,2}}(?:(?:[a-z][\w-]*|{_NAME_TOKEN})\s+){{0,4}}{NAME_RUN}{_PARTY_TAG})(?=[,.;:]|\s+(?:in|on|at|during|after|before|when|while|as|to|from|of|with|for|who|about)\b|$)"
    r"|(?:the|a|an|one|another|two|three|several|some)\s[^,.;:“”\"]{1,60}?(?=[,.;:]|\s+(?:in|on|at|during|after|before|when|while|as|to|who|about)\b|$)"
    r"|(?:[a-z][\w-]+\s+){0,2}[a-z][\w-]+s(?=[,.;:]|$|\s+(?:in|at|on|who|from|with|for)\b))"
    r"(?:,\s*(?P<role>(?:the\s|a\s|an\s|[a-z])[^,.;“”\"]{1,80}))?"
)
# A title or an initial that ends on a point inside a name: "Mr. Park", "Sen. Warren", "J. Smith".
_ABBREVIATED = rf"\b(?:{'|'.join(ABBREVIATED_TITLES)}|St|Jr|Sr|{CAPITAL})\."
# "” he said." / "” Pinkston said."; a party tag in brackets may follow the name ("Jo Park (D-Ore.) said") / "” Mr. Park said." / "” the ministry said."; never an aside
# in brackets after the quote ("” (Current models say ...)")
AFTER_NORMAL = re.compile(
    rf"^{_AFTER_MARK}+(?![(\[])(?P<np>he|she|they|it|we|I|(?:{_ABBREVIATED}|\([^()“”\"]{{1,30}}\)|[^,.;:?!“”\"]){{1,100}}?)"
    rf"{_APPOSITIVE}\s+(?:also\s+|later\s+|then\s+|once\s+|will\s+|would\s+|has\s+|have\s+|had\s+)?(?P<cue>{REPORTING})\b"
)

# "” Toomey fumed on Tuesday." / "” Hannity pressed." / "” he snaps.": right after a quote, a
# subject, then a verb in the past or the present that ends the sentence (or has only the time
# or the place it was said after it) reports the quote, whatever the verb.
AFTER_VERB_FORM = re.compile(
    rf"^{_AFTER_MARK}+(?P<np>he|she|they|it|we|I|(?:the|a|an)\s+[a-z][\w-]*(?:\s+[a-z][\w-]*){{0,2}}|"
    rf"(?:{_ABBREVIATED}\s+)?{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,3}}{_PARTY_TAG}){_APPOSITIVE}"
    rf"\s+(?P<cue>[a-z]{{2,}}(?:ed|es|ts|ks|ds|ns|rs|ls|ps|gs|ws))"
    r"(?=\s*(?:[.,;!?]|$)|\s+(?:on|in|at|during|after|before|when|while|as|from|with|to|by|back|again|later|then|today|"
    r"yesterday|last|this|softly|quietly|loudly|angrily)\b)"
)

# "”, scoffed Arianna Gil, 22, ...": any verb in the past, then a name, right after a quote.
INVERTED_VERB_FORM = re.compile(rf"^{_AFTER_MARK}(?P<cue>[a-z]{{3,}}ed)\s+(?P<np>{NAME_RUN}{_PARTY_TAG})(?=[,.;:]|$)")

ACCORDING_TO = re.compile(rf"\baccording to\s+(?P<np>{NAME_RUN}|(?:the|a|an)\s[^,.;:“”\"]{{1,60}}?)(?=[,.;:]|\s+of\b|$|\s)", re.I)

REPORTING_WORD = re.compile(rf"\b(?:{REPORTING})\b")

PARTICIPLE_WORD = re.compile(rf",\s*(?P<cue>{PARTICIPLES})\b")

_INTRO = re.compile(
    r"^(?:(?:In|On|At|During|After|Before|Last|This|Earlier|Later|However|Meanwhile|While|Although|"
    r"Though|Since|When|As|Speaking|Asked|Despite|Still|Yet|Now|Today|Then|Instead|Separately|"
    r"Elsewhere|But|And|So|Following|Given|Amid|Under|With|Without|Within|Through|Across|Throughout|Unlike|"
    r"Like|Once|Until|Upon|Among|Beyond|For|From|By|If|Because|Whether|Outside|Inside)\b[^,“”\"]{0,90},\s*)+"
)

_SUBJECT_STOP = re.compile(
    rf"^(?:{REPORTING}|is|was|were|are|has|have|had|will|would|could|can|may|might|did|does|do|"
    r"also|who|which|that|in|on|at|during|after|before|with|while|when|where|to|from|into|since|"
    r"later|then|previously|recently|again)$"
)

SCARE_LEAD = re.compile(
    r"(?:so-called|dubbed|called|named|titled|entitled|known as|nicknamed|nickname|the word|the term|"
    r"the words|the phrase|coined|hashtag|slogan|motto|headline|the title)\s*$",
    re.I,
)
# Verbs that attribute words to someone without reporting speech: "slammed it as a “...”".
EVALUATIVE = re.compile(
    r"\b(?:slammed|slams|accused|accuses|called|calls|calling|described|describes|describing|criticized|"
    r"criticised|praised|dismissed|labeled|labelled|branded|blasted|decried|denounced|hailed|characterized|"
    r"termed|deemed|condemned|lauded|pledged|promised|vowed|threatened|urged|demanded|insisted|admitted|"
    r"conceded|acknowledged|praising|hailing|blasting|warning|urging|saying|adding|arguing|claiming)\b"
)
# A sentence ends at . ! or ? before a capital, but not after an initial or a title (Brian M. Good, Mr. Kim).
SENTENCE_BREAK = re.compile(
    rf"(?<=[.!?])(?<!\b{CAPITAL}\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bMrs\.)(?<!\bGen\.)"
    r"(?<!\bSen\.)(?<!\bRep\.)(?<!\bGov\.)(?<!\bLt\.)(?<!\bCol\.)(?<!\bJr\.)(?<!\bSr\.)(?<!\bNo\.)"
    rf"[”\"’)]?\s+(?=[“\"]|{CAPITAL})"
)

_ENDS_SENTENCE = re.compile(r"[.!?][”\"’)]?\s*$")
# A full stop that ends an initial or an abbreviation, not a sentence.
ABBREVIATION = re.compile(rf"(?:\b{CAPITAL}|Inc|Co|Corp|Ltd|Jr|Sr|St|Bros|{'|'.join(ABBREVIATED_TITLES)})\.$")


def sentence_before(text: str, index: int) -> str:
    """The part of the sentence holding `index` that comes before it ('' at a sentence start)."""
    head = text[:index]
    if _ENDS_SENTENCE.search(head):
        return ""
    parts = SENTENCE_BREAK.split(head)
    return parts[-1] if parts else head


def sentence_subject(sentence: str) -> str | None:
    """The noun phrase a sentence opens with, after any introductory clause."""
    sentence = _INTRO.sub("", sentence.strip())
    words = []
    for word in sentence.split():
        bare = word.strip(",;:!?")
        if bare.endswith(".") and not ABBREVIATION.search(bare):
            bare = bare.rstrip(".")
        lower = bare.lower()
        if words and (
            _SUBJECT_STOP.match(lower)
            or EVALUATIVE.fullmatch(lower)
            or lower in ("calls", "writes", "argues", "says", "tells", "adds", "notes", "warns")
            or (lower.endswith("ed") and bare[:1].islower() and "-" not in bare and len(bare) > 4)
        ):
            break
        if word[:1] in "“\"":
            return None
        words.append(bare)
        if word.endswith((",", ";", ":")):
            break
    if not words or len(words) > 12:
        return None
    return " ".join(words)

_CLAUSE_BOUNDARY = re.compile(
    r"[,;:—–(]|\b(?:and|but|when|while|as|after|before|because|although|though|if|since|where|so|then)\b"
)


_TRAILING_ASIDE = re.compile(r"\s*\([^()]{1,30}\)[\s,]*$")


def clause_before(text: str) -> str:
    """The words of the clause that ends where `text` ends: `Of Friar Lawrence, Prelogar` -> `Prelogar`;
    a tag in brackets and a comma after the name end no clause (`..., Gov. Jo Park (R-OH), said`)."""
    if "(" in text:
        text = _TRAILING_ASIDE.sub("", text)
    clause = _CLAUSE_BOUNDARY.split(text)[-1].strip()
    # `... Employers’ Association (UCEA)`: the end of a bracketed aside is no clause of its own
    return "" if ")" in clause and "(" not in clause else clause
