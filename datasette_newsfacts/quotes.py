"""Direct quotations in body paragraphs, and who said them.

Two steps.  `find_quotes` scans one paragraph for quoted spans and keeps those that
are quotations (not scare quotes or titles).  `attribute` then walks the article in
order, resolving each quote's speaker by the rules below, abstaining rather than
guessing:

1. a reporting cue beside the quote (`said X`, `X said`, `according to X`, ...);
2. an appositive after the name gives the role (`said Lee, spokeswoman for ...`);
3. a pronoun (`he said`) is the most recent compatible person named before;
4. a quote with no cue continues the speaker of its paragraph, or of the one before;
5. a surname (`Pinkston said`) is the full name used earlier in the article;
6. an unnamed source keeps its describing phrase; organisations are speakers too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Quote
from .speakers import is_organisation, split_title

REPORTING = (
    r"said|says|say|told|tells|asked|asks|added|adds|explained|explains|wrote|writes|tweeted|tweets|"
    r"posted|noted|notes|insisted|insists|warned|warns|argued|argues|responded|responds|declared|"
    r"declares|interjected|countered|counters|stated|states|continued|continues|recalled|recalls|"
    r"replied|replies|remarked|admitted|admits|acknowledged|claimed|claims|predicted|announced|"
    r"testified|conceded|cautioned|emphasized|emphasised|stressed|suggested|observed|complained|"
    r"boasted|joked|quipped|shouted|urged|vowed|confirmed|denied|maintained|contended|concluded|"
    r"pleaded|demanded|questioned|agreed|disagreed|texted|messaged|yelled|whispered|lamented|"
    r"reiterated|repeated|charged|alleged|explained|pointed out|went on|wondered"
)
PARTICIPLES = (
    r"saying|adding|predicting|noting|warning|arguing|insisting|explaining|calling|describing|"
    r"accusing|telling|asking|writing|declaring|claiming|stressing|urging|vowing|promising|"
    r"pledging|suggesting|complaining|lamenting|telling"
)
_PRONOUNS = {"he": "m", "she": "f", "they": None, "it": None, "we": None, "i": None}
_OPEN = "“\""
_CLOSE = "”\""
_WORD = re.compile(r"[\w’'-]+")
_NAME_TOKEN = r"[A-Z][\w’'.-]*"
_NAME_RUN = rf"{_NAME_TOKEN}(?:\s+(?:{_NAME_TOKEN}|of|for|de|da|van|von|bin|al|el|la|le|del|der|and)(?=\s+[A-Z]|$|[\s,.;:]))*(?:\s+{_NAME_TOKEN})?"

# "”, said Lee Jae-jeong, spokeswoman for the Minjoo opposition party, in a statement."
_AFTER_INVERTED = re.compile(
    rf"^[\s,.?!—–-]*(?P<cue>{REPORTING})\s+(?P<np>(?:(?:[a-z][\w-]*\s+){{0,4}}{_NAME_RUN})|(?:the|a|an)\s[^,.;:“”\"]{{1,60}}?)"
    r"(?=[,.;:]|\s+(?:in|on|at|during|after|before|when|while|as|to|from|of)\b|$)"
    r"(?:,\s*(?P<role>(?:the\s|a\s|an\s|[a-z])[^,.;“”\"]{1,80}))?"
)
# "” he said." / "” Pinkston said." / "” the ministry said."
_AFTER_NORMAL = re.compile(
    rf"^[\s,.?!—–-]*(?P<np>he|she|they|it|we|I|{_NAME_RUN}|(?:the|a|an)\s[^,.;:“”\"]{{1,60}}?)"
    rf"(?:,\s*[^,“”\"]{{1,80}},)?\s+(?:also\s+|later\s+|then\s+)?(?P<cue>{REPORTING})\b"
)
_ACCORDING_TO = re.compile(rf"\baccording to\s+(?P<np>{_NAME_RUN}|(?:the|a|an)\s[^,.;:“”\"]{{1,60}}?)(?=[,.;:]|\s+of\b|$|\s)", re.I)
_REPORTING_WORD = re.compile(rf"\b(?:{REPORTING})\b")
_PARTICIPLE_WORD = re.compile(rf",\s*(?P<cue>{PARTICIPLES})\b")
_INTRO = re.compile(
    r"^(?:(?:In|On|At|During|After|Before|Last|This|Earlier|Later|However|Meanwhile|While|Although|"
    r"Though|Since|When|As|Speaking|Asked|Despite|Still|Yet|Now|Today|Then|Instead|Separately|"
    r"Elsewhere|But|And|So)\b[^,“”\"]{0,90},\s*)+"
)
_SUBJECT_STOP = re.compile(
    rf"^(?:{REPORTING}|is|was|were|are|has|have|had|will|would|could|can|may|might|did|does|do|"
    r"also|who|which|that|in|on|at|during|after|before|with|while|when|where|to|from|into|since|"
    r"later|then|previously|recently|again)$"
)
_FUNCTION_WORDS = {
    "a", "an", "the", "as", "of", "to", "for", "by", "with", "from", "that", "is", "was", "are", "were",
    "be", "being", "been", "it", "its", "his", "her", "their", "our", "my", "this", "these", "those",
    "than", "like", "and", "or", "but", "at", "in", "on", "into", "about", "called", "call",
}
_SCARE_LEAD = re.compile(
    r"(?:so-called|dubbed|called|named|titled|entitled|known as|nicknamed|the word|the term|labeled|labelled|"
    r"branded|coined|the phrase)\s*$",
    re.I,
)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[”\"’)]?\s+(?=[“\"A-Z])")


@dataclass
class _Span:
    open: int  # index of the opening mark
    start: int  # text start (after the mark)
    end: int  # text end (before the closing mark, or the paragraph's end)
    closed: bool


def _is_opening(text: str, index: int) -> bool:
    mark = text[index]
    if mark == "“":
        return True
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/") and not after.isspace()


def scan_spans(text: str) -> list[_Span]:
    """Quoted spans in one paragraph; an unclosed quote runs to the paragraph's end."""
    spans: list[_Span] = []
    current: int | None = None
    for index, char in enumerate(text):
        if char not in "“”\"":
            continue
        if current is None:
            if char in _OPEN and _is_opening(text, index):
                current = index
        elif char == "“":
            current = index  # the earlier mark was stray: start again here
        else:
            spans.append(_Span(current, current + 1, index, True))
            current = None
    if current is not None:
        spans.append(_Span(current, current + 1, len(text), False))
    return spans


def _is_quotation(text: str, span: _Span) -> bool:
    """A quotation, not a scare quote, a nickname or a title."""
    inner = text[span.start : span.end].strip()
    words = _WORD.findall(inner)
    if not words:
        return False
    before = text[: span.open]
    if _SCARE_LEAD.search(before):
        return False
    if len(words) == 1:
        return False
    long_words = [w for w in words if len(w) >= 4]
    title_like = long_words and all(w[0].isupper() for w in long_words) and inner[-1:] not in ".?!,"
    return not title_like


def _quote_kind(text: str, span: _Span) -> str:
    inner = text[span.start : span.end].lstrip(" .…(")
    if not inner[:1].isupper():
        return "partial"
    words_before = _WORD.findall(text[: span.open][-40:])
    if words_before and words_before[-1].lower() in _FUNCTION_WORDS and not text[: span.open].rstrip().endswith((",", ":")):
        return "partial"
    return "full"


@dataclass
class _Cue:
    np: str | None
    cue: str
    role: str | None = None


def _sentence_before(text: str, index: int) -> str:
    """The part of the sentence holding `index` that comes before it ('' at a sentence start)."""
    head = text[:index]
    if re.search(r"[.!?][”\"’)]?\s*$", head):
        return ""
    parts = _SENTENCE_BREAK.split(head)
    return parts[-1] if parts else head


def sentence_subject(sentence: str) -> str | None:
    """The noun phrase a sentence opens with, after any introductory clause."""
    sentence = _INTRO.sub("", sentence.strip())
    words = []
    for word in sentence.split():
        bare = word.strip(",;:.!?")
        lower = bare.lower()
        if words and (
            _SUBJECT_STOP.match(lower)
            or (lower.endswith("ed") and bare[:1].islower() and "-" not in bare and len(bare) > 4)
        ):
            break
        if word[:1] in _OPEN:
            return None
        words.append(bare)
        if word.endswith((",", ";", ":")):
            break
    if not words or len(words) > 12:
        return None
    return " ".join(words)


def _cue_for(text: str, spans: list[_Span], number: int) -> _Cue | None:
    """The reporting cue beside quote `number`, if the paragraph has one."""
    span = spans[number]
    after_end = spans[number + 1].open if number + 1 < len(spans) else len(text)
    after = text[span.end + 1 : after_end] if span.closed else ""
    if match := _AFTER_INVERTED.match(after):
        return _Cue(match["np"], match["cue"], match["role"])
    if match := _AFTER_NORMAL.match(after):
        return _Cue(match["np"], match["np"] + " " + match["cue"] if match["np"].lower() in _PRONOUNS else match["cue"])
    previous_end = spans[number - 1].end + 1 if number else 0
    before = _sentence_before(text[previous_end:], span.open - previous_end)
    sentence_end = _SENTENCE_BREAK.search(after)
    rest = after[: sentence_end.start()] if sentence_end else after
    if match := _ACCORDING_TO.search(before) or _ACCORDING_TO.search(rest):
        return _Cue(match["np"], "according to")
    if match := _PARTICIPLE_WORD.search(before):
        return _Cue(sentence_subject(before[: match.start()]), match["cue"])
    if match := _REPORTING_WORD.search(before):
        return _Cue(sentence_subject(before), match.group(0))
    if before.strip() and span.start > 1:
        subject = sentence_subject(before)
        if subject:
            return _Cue(subject, "")
    return None


@dataclass
class _Speaker:
    name: str
    mention: str
    role: str | None
    person: bool
    gender: str | None


def _gender(*texts: str | None) -> str | None:
    blob = " ".join(t for t in texts if t).lower()
    if re.search(r"\b(?:spokeswoman|woman|mrs\.?|ms\.?|she|her|chairwoman|congresswoman|mother|wife|queen|princess)\b", blob):
        return "f"
    if re.search(r"\b(?:spokesman|man|mr\.?|he|his|chairman|congressman|father|husband|king|prince)\b", blob):
        return "m"
    return None


class _Resolver:
    """The article-level memory the rules need: who was named, who spoke last."""

    def __init__(self) -> None:
        self.people: list[_Speaker] = []
        self.last: _Speaker | None = None

    def remember(self, speaker: _Speaker) -> None:
        if speaker.person:
            self.people.append(speaker)
        self.last = speaker

    def resolve(self, np: str, role: str | None) -> _Speaker | None:
        np = np.strip(" ,.;:")
        lower = np.lower()
        if lower in _PRONOUNS:
            gender = _PRONOUNS[lower]
            if gender is None:
                return self.last
            for person in reversed(self.people):
                if person.gender in (None, gender):
                    # the pronoun tells us this person's gender for the pronouns that follow
                    for same in self.people:
                        if same.name == person.name:
                            same.gender = gender
                    return _Speaker(person.name, np, person.role, True, gender)
            return None
        tokens = np.split()
        run = len(tokens)
        while run > 0 and (tokens[run - 1][:1].isupper() or (tokens[run - 1] in ("of", "for", "de", "van", "bin", "al") and run < len(tokens))):
            run -= 1
        name_tokens = tokens[run:]
        if not name_tokens:
            return _Speaker(np, np, role, False, _gender(np))
        lead = " ".join(tokens[:run]).strip(" ,")
        name = " ".join(name_tokens)
        if " of " in name and not is_organisation(name.split(" of ")[0]):
            # "Daniel Pinkston of Seoul’s Troy University": a person and where they work
            name, affiliation = name.split(" of ", 1)
            role = role or f"of {affiliation}"
        name, title = split_title(name)
        if is_organisation(name) and not lead:
            name = re.sub(r"^The\s+", "", np)
            return _Speaker(name, np, role, False, None)
        if is_organisation(name):
            return _Speaker(name, np, role or lead or None, False, None)
        full_role = " ".join(part for part in (lead, title, role) if part) or None
        if len(name.split()) == 1:
            for person in reversed(self.people):
                if name in person.name.split():
                    return _Speaker(person.name, np, person.role, True, person.gender)
        return _Speaker(name, np, full_role, True, _gender(lead, title, role))


def find_quotes(text: str) -> list[tuple[_Span, str]]:
    """The quotations in one paragraph, each with its kind."""
    return [(span, _quote_kind(text, span)) for span in scan_spans(text) if _is_quotation(text, span)]


def attribute(paragraphs: list[str]) -> list[Quote]:
    """Every quotation in an article's body paragraphs, with its speaker where one can be told."""
    resolver = _Resolver()
    quotes: list[Quote] = []
    previous_speaker: _Speaker | None = None
    for number, text in enumerate(paragraphs):
        found = find_quotes(text)
        spans = [span for span, _ in found]
        if not found:
            previous_speaker = _remember_cues(text, resolver) or None
            continue
        paragraph_speaker: _Speaker | None = None
        pending: list[Quote] = []
        for index, (span, kind) in enumerate(found):
            cue = _cue_for(text, spans, index)
            speaker = resolver.resolve(cue.np, cue.role) if cue and cue.np else None
            if speaker is not None:
                resolver.remember(speaker)
                paragraph_speaker = paragraph_speaker or speaker
            quote = Quote(
                paragraph=number, text=text[span.start : span.end].strip(), start=span.start,
                end=span.end, kind=kind, cue=(cue.cue or None) if cue else None,
            )
            # keep the offsets exact after stripping spaces inside the marks
            quote.start = text.index(quote.text, span.start) if quote.text else span.start
            quote.end = quote.start + len(quote.text)
            if speaker is not None:
                quote.speaker, quote.speaker_mention, quote.speaker_role = speaker.name, speaker.mention, speaker.role
            pending.append(quote)
        fallback = paragraph_speaker or previous_speaker
        for quote in pending:
            if quote.speaker is None and fallback is not None:
                quote.speaker, quote.speaker_role = fallback.name, fallback.role
                quote.cue = quote.cue or "continues"
                quote.speaker_mention = None
        quotes.extend(pending)
        previous_speaker = paragraph_speaker or (previous_speaker if pending and pending[-1].speaker else None)
    return quotes


def _remember_cues(text: str, resolver: _Resolver) -> _Speaker | None:
    """People named as sources in a paragraph without quotes (`according to X`, `X said`)."""
    speaker = None
    for sentence in _SENTENCE_BREAK.split(text):
        match = _ACCORDING_TO.search(sentence)
        np = match["np"] if match else (sentence_subject(sentence) if _REPORTING_WORD.search(sentence) else None)
        if np and (found := resolver.resolve(np, None)) and found.person:
            resolver.remember(found)
            speaker = found
    return speaker
