"""Who said each quotation.

`attribute` walks an article's body paragraphs in order, finds their quotes
(`quotes.find_quotes`) and resolves each one's speaker by these rules, abstaining
rather than guessing:

1. a reporting cue beside the quote (`said X`, `X said`, `according to X`, ...);
2. an appositive after the name gives the role (`said Lee, spokeswoman for ...`);
3. a pronoun (`he said`) is the most recent compatible person named before;
4. a quote with no cue continues the speaker of its paragraph, or of the one before;
5. a surname (`Pinkston said`) is the full name used earlier in the article;
6. an unnamed source keeps its describing phrase; organisations are speakers too.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from .cues import (
    ABBREVIATION, ACCORDING_TO, EVALUATIVE, AFTER_INVERTED, AFTER_NORMAL, AFTER_VERB_FORM, INVERTED_VERB_FORM, NAME_RUN, PARTICIPLE_WORD, PRONOUNS, REPORTING, REPORTING_WORD,
    SENTENCE_BREAK, clause_before, sentence_before, sentence_subject,
)
from .headlines import LONGEST_CHARS as _HEADLINE_LONGEST, is_title_case_headline
from .model import Quote
from .quotes import Span, find_quotes
from .speakers import HUMAN_NOUN, is_organisation, is_person_name, split_title
from .text import CAPITAL


@dataclass
class _Cue:
    np: str | None
    cue: str
    role: str | None = None
    # no verb of saying, but the subject is the speaker by the sentence's form: a verb that
    # attributes words to it (`slammed it as a “...”`) or a transcript's label (`Prelogar: “...”`)
    names_speaker: bool = False


def _cue_for(text: str, spans: list[Span], number: int) -> _Cue | None:
    """The reporting cue beside quote `number`, if the paragraph has one."""
    span = spans[number]
    after_end = spans[number + 1].open if number + 1 < len(spans) else len(text)
    after = text[span.after : after_end] if span.closed else ""
    if match := AFTER_INVERTED.match(after):
        return _Cue(match["np"], match["cue"], match["role"])
    if match := INVERTED_VERB_FORM.match(after):
        return _Cue(match["np"], match["cue"])
    if (match := AFTER_NORMAL.match(after)) or (match := AFTER_VERB_FORM.match(after)):
        return _Cue(match["np"], match["np"] + " " + match["cue"] if match["np"].lower() in PRONOUNS else match["cue"])
    previous_end = spans[number - 1].after if number else 0
    before = sentence_before(text[previous_end:], span.open - previous_end)
    sentence_end = SENTENCE_BREAK.search(after)
    rest = after[: sentence_end.start()] if sentence_end else after
    if match := ACCORDING_TO.search(before) or ACCORDING_TO.search(rest):
        return _Cue(match["np"], "according to")
    if match := PARTICIPLE_WORD.search(before):
        return _Cue(_main_subject(before[: match.start()]), match["cue"])
    if match := _last(REPORTING_WORD, before):  # the verb nearest the quote reports it
        np = clause_before(before[: match.start()])
        if not np:  # "Wall, who was ..., said" or "Thousands ..., says a report: “..."
            np = sentence_subject(before[: match.start()])
            inverted = AFTER_INVERTED.match(before[match.start():])
            if inverted and (np is None or not is_person_name(np)) and _clean_np(inverted["np"]):
                np = inverted["np"]
        if np is None or _clean_np(np) is None:
            np = sentence_subject(before)
        return _Cue(np, match.group(0))
    if before.strip() and span.start > 1:
        if (label := _LABEL.search(before)) and len(label["np"].split()) <= 6:
            # `PARTY SHIFTS AT LAST - Jo Park and Mara Quill: “...”`: a heading, a dash, the
            # speaker's label; the heading is nobody
            return _Cue(label["np"], "", names_speaker=True)
        subject = sentence_subject(before)
        # `California: Students can use “...”`: a label over a list item is nobody who spoke
        # (`Prelogar: “...”`, a transcript's speaker, has nothing between the colon and the quote)
        label, colon, rest = before.lstrip().partition(":")
        if subject and not (colon and label == subject and rest.strip()):
            return _Cue(subject, "", names_speaker=bool(colon and label == subject) or bool(EVALUATIVE.search(before)))
    return None


_LABEL = re.compile(rf"\s[-—–]+\s+(?P<np>{CAPITAL}[^-—–:“”\"]*?):\s*$")


def _last(pattern: re.Pattern, text: str) -> re.Match | None:
    """The last match of `pattern` in `text`."""
    match = None
    for match in pattern.finditer(text):
        pass
    return match


def _main_subject(sentence: str) -> str | None:
    """Who does what a participle goes on with (`..., saying`): the subject of the last clause
    that opens on a capital (`At an event in Ames, Iowa, on Sunday, Mrs. Clinton tried ...`,
    `Back in 1999, Mr. Trump expressed ...`), else the sentence's first subject."""
    for clause in reversed(sentence.split(",")):
        clause = clause.strip()
        if clause[:1].isupper() and " " in clause and (subject := sentence_subject(clause)) and subject != clause:
            if _clean_np(subject) is not None:
                return subject
    return sentence_subject(sentence)


@dataclass
class _Speaker:
    name: str
    mention: str
    role: str | None
    person: bool
    gender: str | None

_FEMALE = re.compile(r"\b(?:spokeswoman|woman|mrs\.?|ms\.?|she|her|chairwoman|congresswoman|mother|wife|queen|princess)\b")
_MALE = re.compile(r"\b(?:spokesman|man|mr\.?|he|his|chairman|congressman|father|husband|king|prince)\b")


def _gender(*texts: str | None) -> str | None:
    blob = " ".join(t for t in texts if t).lower()
    if _FEMALE.search(blob):
        return "f"
    if _MALE.search(blob):
        return "m"
    return None


class _Resolver:
    """The article-level memory the rules need: who was named, who spoke last.

    The people a paragraph names outside its quotes are worked out only when a pronoun
    looks back that far: most quotes never need them, and finding them is the costly part.
    """

    def __init__(self, article: list[str]) -> None:
        self.article = article
        self.learned: dict[str, str] = {}  # from the pronouns that pointed to someone
        self.timeline: list[_Speaker | int] = []  # speakers, and paragraph numbers standing for the people they name
        self.last: _Speaker | None = None
        self.bodies: list[_Speaker] = []  # organisations and unnamed sources, in order
        self._lower_case: dict[str, bool] = {}
        self.paragraphs: list[tuple[str, list[Span]]] = []
        self._mentions: dict[int, list[tuple[int, _Speaker]]] = {}

    @functools.cached_property
    def known_names(self) -> list[str]:
        """Full names the article uses, so that a surname can be told by them."""
        return _full_names(self.article, self.is_headline)

    def is_headline(self, text: str) -> bool:
        """Whether a paragraph of the article is a headline (see `headlines.is_title_case_headline`)."""
        return is_title_case_headline(text, self.writes_in_lower_case)

    @functools.cached_property
    def _text(self) -> str:
        return "\n".join(self.article)

    def writes_in_lower_case(self, word: str) -> bool:
        """Whether the article has `word` in lower case somewhere (asked of a few words: one
        search each costs less than reading the article's vocabulary)."""
        lower = word.lower()
        if lower not in self._lower_case:
            # after a space and before no letter: a substring search, far cheaper than a pattern
            text, needle, found = self._text, " " + lower, False
            at = text.find(needle)
            while at >= 0 and not found:
                after = text[at + len(needle) : at + len(needle) + 1]
                found = not (after.isalnum() or after in "’'-")
                at = text.find(needle, at + 1)
            self._lower_case[lower] = found
        return self._lower_case[lower]

    @functools.cached_property
    def known_tokens(self) -> set[str]:
        return {token for name in self.known_names for token in name.split()}

    @functools.cached_property
    def genders(self) -> dict[str, str]:
        """Genders from the article's own pronouns."""
        return _genders(self.article, self.known_names)

    def remember(self, speaker: _Speaker) -> None:
        if speaker.person and len(speaker.name.split()) > 1:
            self.timeline.append(speaker)
        if not speaker.person or not speaker.name[:1].isupper():
            self.bodies.append(speaker)  # what `they` and `it` can point back to
        self.last = speaker

    def remember_paragraph(self, number: int) -> None:
        """The people paragraph `number` names join the timeline (found when first needed)."""
        self.timeline.append(number)

    def mentions(self, number: int) -> list[tuple[int, _Speaker]]:
        if number not in self._mentions:
            text, spans = self.paragraphs[number]
            if len(text) <= _HEADLINE_LONGEST and self.is_headline(text):
                self._mentions[number] = []
                return []
            # a pronoun among the paragraph's own subjects looks back: it must find the
            # people named before, never set off working out this paragraph again
            self._mentions[number] = []
            self._mentions[number] = _mentions(text, spans, self)
        return self._mentions[number]

    def _gender_of(self, person: _Speaker) -> str | None:
        return self.genders.get(person.name) or self.learned.get(person.name) or person.gender

    def _look_back(self, position: int | None):
        """People named before `position` in the current paragraph, then everyone remembered, latest first."""
        current = len(self.paragraphs) - 1
        if current >= 0:
            for at, person in reversed(self.mentions(current)):
                if position is None or at < position:
                    yield person
        for item in reversed(self.timeline):
            if isinstance(item, int):
                yield from (person for _, person in reversed(self.mentions(item)))
            else:
                yield item

    def uncued_subject(self, np: str, position: int) -> _Speaker | None:
        """The speaker a sentence's subject names when no verb of saying stands beside the quote
        (`Prelogar: “...”`, `Pew found “...”`): only someone named, a person the article names in
        full or a body by its form, or a person described (`a spokesman`). Any other described
        phrase there is mostly what the sentence is about (`The promise “...”`, `his team`), a lone capitalised word an adverb or a place
        (`Specifically`, `Alabama`), and when a name opens the subject, the words after it say what
        it did (`Pew found`)."""
        if np.strip(" ,;:").lower() in PRONOUNS:
            return self.resolve(np, None, position)
        tokens = np.split()
        run = _head_run(tokens) or next(
            ((i, i + 1) for i, t in enumerate(tokens) if t[:1].isupper() and t.lower() not in _NOT_A_NAME), None)
        if run is None:
            return None
        start, end = run
        while end < len(tokens) and tokens[end][:1].isupper():
            end += 1
        for phrase in dict.fromkeys((" ".join(tokens[start:end]), np)):
            speaker = self.resolve(phrase, None, position)
            if speaker is not None and (speaker.person if not speaker.name[:1].isupper() else (
                is_organisation(speaker.name) or any(t in self.known_tokens for t in speaker.name.split())
            )):
                return speaker
        return None

    def resolve(self, np: str, role: str | None, position: int | None = None) -> _Speaker | None:
        np = np.strip(" ,;:")
        if np.endswith(".") and not ABBREVIATION.search(np):
            np = np[:-1]  # `says Loewenstein.`: the sentence's full stop is not the mention's
        lower = np.lower()
        if lower in PRONOUNS:
            gender = PRONOUNS[lower]
            if lower in ("they", "it"):
                # a body or a group, never one named person (`they` after `the ministry`)
                for body in reversed(self.bodies):
                    if lower == "they" or not body.person:
                        return _Speaker(body.name, np, body.role, body.person, None)
                return None
            if gender is None:
                return self.last
            for person in self._look_back(position):
                if self._gender_of(person) in (None, gender):
                    # the pronoun tells us this person's gender for the pronouns that follow
                    self.learned.setdefault(person.name, gender)
                    return _Speaker(person.name, np, person.role, True, gender)
            return None
        cleaned = _clean_np(np)
        if cleaned is None:
            return None
        if cleaned.lower() in PRONOUNS:
            return self.resolve(cleaned, role)
        tokens = cleaned.split()
        first = tokens[0]
        if first[:1].isupper() and first.lower() not in _NOT_A_NAME and self.writes_in_lower_case(first) and first not in self.known_tokens:
            # capitalised only as a sentence's first word (`Former`, `Back`): the article writes it in lower case
            tokens[0] = tokens[0].lower()
            cleaned = " ".join(tokens)
        head = _head_run(tokens, lambda: self.known_tokens)
        if head is None:  # an unnamed source keeps its describing phrase
            human = bool(HUMAN_NOUN.search(cleaned))
            if len(tokens) == 1 and not (human or tokens[0].endswith("s")):
                return None  # one word that is no noun for people or a group (`ever`, `back`)
            return _Speaker(cleaned, np, role, human, _gender(cleaned))
        start, end = head
        name = " ".join(tokens[start:end])
        lead = " ".join(tokens[:start]).strip(" ,")
        if lead.lower() in _DETERMINERS:
            lead = ""  # "the Rodong Sinmun": an article is no role
        tail = " ".join(tokens[end:]).strip(" ,")
        if " of " in name and not is_organisation(name.split(" of ")[0]):
            # "Daniel Pinkston of Seoul’s Troy University": a person and where they work
            name, affiliation = name.split(" of ", 1)
            tail = f"of {affiliation}" + (f" {tail}" if tail else "")
        name, title = split_title(name)
        if is_organisation(name) or not is_person_name(name):
            if not lead and not tail and not title:
                return _Speaker(name, np, role, False, None)
            return _Speaker(name, np, role or " ".join(p for p in (lead, title, tail) if p) or None, False, None)
        full_role = " ".join(part for part in (lead, title, tail, role) if part) or None
        if len(name.split()) == 1:
            for person in reversed(self.timeline):
                # a described source (`a Clinton campaign spokesman`) is no full name of Clinton
                if not isinstance(person, int) and name in person.name.split() and person.name[:1].isupper():
                    return _Speaker(person.name, np, person.role, True, person.gender)
            for full in self.known_names:
                if name in full.split():
                    return _Speaker(full, np, full_role, True, _gender(lead, title, role))
        return _Speaker(name, np, full_role, True, _gender(lead, title, role))

_LEADING = {"and", "but", "so", "yet", "or", "then", "as", "while", "when", "after", "before", "because",
            "although", "though", "if", "since", "where", "also", "now", "still", "meanwhile", "however"}

_NOT_IN_NP = {"is", "was", "were", "are", "has", "have", "had", "will", "would", "could", "should", "that",
              "which", "because", "if", "not", "very", "there", "this", "these", "those", "it’s", "it's",
              "do", "does", "did", "be", "been", "being", "can", "may", "might", "must", "than", "we", "you",
              "i", "our", "your", "my", "me", "us"}

_AUXILIARIES = {"will", "may", "can", "must", "might", "should", "would", "could", "do", "does", "did", "be", "been",
                "being", "is", "was", "were", "are", "has", "have", "had"}

# Adverbs by their form (-ly) and those of time and sequence, which follow a subject.
_ADVERB = (r"[a-z]+ly|later|then|also|again|once|now|still|first|too|instead|further|today|"
           r"yesterday|tonight|ago|earlier|meanwhile|however|though")
_ASIDE = re.compile(r"\s*\([^()]*\)")
_DAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# A span of time heads no phrase that could speak.
_TIME = (r"(?i:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|nights?|mornings?|"
         r"evenings?|weekends?)")
_AFTER_HEAD = re.compile(rf"(?:{_ADVERB}|{_DAY})$")
_NO_HEAD = re.compile(rf"(?:{_TIME}|{_DAY})$")

_PREPOSITIONS = {"with", "of", "from", "at", "for", "in", "on", "by", "to", "about", "near", "outside", "inside"}

_DETERMINERS = {"the", "a", "an", "its", "his", "her", "their"}

_CONNECTORS = {"of", "for", "de", "da", "van", "von", "bin", "al", "el", "la", "le", "del", "der", "du", "and", "&"}


@functools.lru_cache(maxsize=16384)  # a pure function of its phrase, asked again of the same ones
def _clean_np(np: str) -> str | None:
    """The noun phrase of a cue, without the words around it that cannot be part of it."""
    # `Sen. Jo Park (D-Ore.)`: an aside in brackets is no part of the name
    tokens = _ASIDE.sub("", np).strip(" ,;:").split() if "(" in np else np.strip(" ,;:").split()
    while tokens and tokens[0].lower() in _LEADING:
        tokens.pop(0)
    # `a White House official who spoke anonymously`: a relative clause is about the speaker, not the name
    for index in range(1, len(tokens)):
        if tokens[index] in ("who", "whose", "which"):
            del tokens[index:]
            break
    if not tokens or len(tokens) > 12 or tokens[0].lower() in _PREPOSITIONS:
        return None  # (`Of Carson, ...`, `From Trump's ...`: a prepositional phrase names no speaker)
    # "a report highlighting the ...": a participle taking an object starts a clause about the
    # speaker, not more of the name ("the ruling party" keeps its adjective; "king" is no participle)
    for index in range(1, len(tokens) - 1):
        word = tokens[index]
        if len(word) > 5 and word.endswith("ing") and word.islower() and tokens[index + 1].lower() in _DETERMINERS:
            del tokens[index:]
            break
    # "Speaking through an interpreter, he": checked after the cut above, so that cleaning a
    # cleaned phrase changes nothing more
    if tokens[-1].lower().rstrip(".") in PRONOUNS:
        return tokens[-1].rstrip(".")
    if tokens[-1].endswith(".") and not ABBREVIATION.search(tokens[-1]):
        tokens[-1] = tokens[-1].rstrip(".")
    # what follows the head is no part of the phrase: an adverb (`Salazar merely`, `Noem
    # later`) or the day it was said (`Trump Thursday`)
    while len(tokens) > 1 and _AFTER_HEAD.match(tokens[-1]):
        tokens.pop()
    if tokens[-1].lower() in PRONOUNS:
        return tokens[-1]  # "She further"
    if _NO_HEAD.match(tokens[-1]) or (
        tokens[0].endswith("ing") and (tokens[0][:1].islower() or (len(tokens) > 1 and tokens[1][:1].islower()))
    ):
        return None  # a stretch of time (`Several months`), or a clause (`saying the city`, `Smiling broadly`)
    if any(t.endswith(("n’t", "n't")) for t in tokens):
        return None  # a negated verb ends the subject: `Jo Park wouldn’t`
    # `US`, `IT`: an acronym in capitals is a name, not the pronoun it spells
    # (`Will Doyle`, `May Lee`: a verb capitalised before another capitalised word is a given name)
    for index, token in enumerate(tokens):
        lower = token.lower().strip(",")
        if lower in _NOT_IN_NP and not (len(token) > 1 and token.isupper()) and not (
            lower in _AUXILIARIES and token[:1].isupper() and index + 1 < len(tokens) and tokens[index + 1][:1].isupper()
        ):
            return None
    if len(tokens) == 1 and (tokens[0].lower().endswith("ing") or tokens[0].lower() in _COMMON_STARTS):
        return None
    return " ".join(tokens)


# Capitalised only because they open a sentence: never a speaker on their own.
_COMMON_STARTS = {"not", "good", "very", "that", "this", "in", "on", "at", "it", "yes", "no", "well", "so", "but",
                  "and", "then", "there", "here", "today", "now", "still", "just", "even", "also", "only", "all",
                  "some", "many", "most", "more", "what", "why", "how", "who", "when", "where"}

# Capitalised words that open a phrase without being part of a name: "The Kreuzberg family".
_NOT_A_NAME = _COMMON_STARTS | _DETERMINERS | _LEADING | _PREPOSITIONS | {"since", "during", "until", "both", "each", "every", "another", "other"}


# A name holds no article or conjunction: in a line set in title case (`Trump And Marco Rubio`,
# `Rubio The ...`) they end the name they follow.
_TITLE_CASE_FUNCTION_WORDS = {"The", "And", "Or", "But", "An"}
_PAST = re.compile(r"[a-z]{3,}ed$")


def _predicate_starts(tokens: list[str], index: int) -> bool:
    """Whether what the phrase says about its subject starts at `index`: an adverb of manner
    (`Obama passionately rebuked critics`) or a verb in the past with an object that is no
    person (`Putin dismissed the claims`; `Democratic elected officials` names people)."""
    word = tokens[index]
    if not word[:1].islower() or index + 1 >= len(tokens):
        return False
    if word.endswith("ly") and len(word) > 4 and word not in _NOT_ADVERBS:
        return True
    return bool(_PAST.match(word)) and not HUMAN_NOUN.fullmatch(tokens[index + 1])


# Words in -ly that are no adverbs of manner.
_NOT_ADVERBS = {"family", "supply", "rally", "ally", "daily", "weekly", "monthly", "early", "only", "likely", "elderly"}


def _head_run(tokens: list[str], known: Callable[[], set[str]] = frozenset) -> tuple[int, int] | None:
    """The capitalised run that names the speaker: the one the phrase ends on, or the one
    a prepositional phrase follows (`James Hall with the ... Department`), never one inside
    a prepositional phrase (`a doctor from Hebron`) or one used as an adjective (`North Korean
    state-controlled news agency`)."""
    index = 0
    fallback = None
    while index < len(tokens):
        if not tokens[index][:1].isupper() or tokens[index].lower() in _NOT_A_NAME:
            index += 1
            continue
        start = index
        index += 1
        while index < len(tokens) and (
            (tokens[index][:1].isupper() and tokens[index] not in _TITLE_CASE_FUNCTION_WORDS)
            or (tokens[index].lower() in _CONNECTORS and index + 1 < len(tokens) and tokens[index + 1][:1].isupper())
        ):
            index += 1
        end = index
        ends_phrase = (
            end == len(tokens) or tokens[end].lower() in _PREPOSITIONS or tokens[end][:1] in "(,"
            or tokens[end] in _TITLE_CASE_FUNCTION_WORDS or _predicate_starts(tokens, end)
        )
        back = start - 1
        while back >= 0 and tokens[back].lower() in _DETERMINERS:
            back -= 1
        inside_phrase = back >= 0 and tokens[back].lower() in _PREPOSITIONS
        if ends_phrase and not inside_phrase:
            return start, end
        if start == 0 and end < len(tokens) and tokens[end][:1].islower() and all(t in known() for t in tokens[:end]):
            # "Alito cut her off": a name the article uses, then what it did -- unless only
            # role words stand between it and a name later (`Harris senior adviser David
            # Plouffe`: the name is his); an article or a preposition starts what it did
            # (`Kreuzberg regards the Frühburgunder`)
            between = itertools.takewhile(lambda t: not t[:1].isupper(), tokens[end:])
            if any(t.lower() in _DETERMINERS or t.lower() in _PREPOSITIONS for t in between):
                return start, end
            fallback = fallback or (start, end)
    return fallback

# Led by the capital itself, its word start checked behind it: a pattern that opens on a
# character set is scanned for that set before anything else is tried (2.7 times faster than `\b`)
_FULL_NAME = re.compile(
    rf"{CAPITAL}(?<!\w{CAPITAL})(?:[\w’'-]+|\.)(?:\s+(?:{CAPITAL}(?:[\w’'-]+|\.)|de|van|von|bin|al|da|del|der)){{1,3}}\b\.?"
)


def _full_names(paragraphs: list[str], is_headline: Callable[[str], bool] = lambda text: False) -> list[str]:
    """Names of people the article uses in full, so a surname can be told by them later
    (never from a headline, whose capitalised words run into junk names)."""
    names: dict[str, None] = {}
    for text in paragraphs:
        people = [name for run in _FULL_NAME.findall(text) if (name := _person_in(run))]
        if people and not (len(text) <= _HEADLINE_LONGEST and is_headline(text)):
            names.update(dict.fromkeys(people))
    return list(names)


@functools.lru_cache(maxsize=16384)
def _person_in(found: str) -> str | None:
    """The full name of a person in a capitalised run, if it holds one (runs recur: cached)."""
    tokens = (found.rstrip(".") if found.endswith(".") and not ABBREVIATION.search(found) else found).split()
    # `Trump And Marco Rubio`, a title-case line: the name after the conjunction is the one named in full
    for index in range(len(tokens) - 1, 0, -1):
        if tokens[index] in _TITLE_CASE_FUNCTION_WORDS:
            tail, head = tokens[index + 1 :], tokens[:index]
            tokens = tail if len(tail) > 1 else head
            break
    while tokens and tokens[0].lower() in _NOT_A_NAME:
        tokens.pop(0)
    name, _title = split_title(" ".join(tokens))
    return name if len(name.split()) > 1 and is_person_name(name) else None

_CLAUSE = re.compile(r"[^,;:]+")
# A work's title in quote marks before the role of someone who made it or stars in it.
_TITLE_BEFORE_ROLE = re.compile(r"[“\"][^“”\"]{1,80}[”\"]\s+(?=[a-z])")
# "said Jo Park" names a speaker; "told Jo Park" names who listened.
_SAID_NAME = re.compile(rf"\b(?!told|tells|asked|asks)(?:{REPORTING})\s+(?P<np>{NAME_RUN})")


def _mentions(text: str, spans: list[Span], resolver: _Resolver) -> list[tuple[int, _Speaker]]:
    """People a paragraph names as the subject of its sentences or clauses, outside its quotes."""
    masked = list(text)
    for span in spans:
        for index in range(span.open, span.after):
            masked[index] = " "
    plain = "".join(masked)
    candidates = []
    starts = [0, *(match.end() for match in SENTENCE_BREAK.finditer(plain))]
    for start, end in zip(starts, [*starts[1:], len(plain)]):
        for clause in _CLAUSE.finditer(plain[start:end]):
            text_of_clause = clause.group(0).lstrip()
            if title := _TITLE_BEFORE_ROLE.match(text_of_clause):
                text_of_clause = text_of_clause[title.end() :]  # "“Parasite” director Bong Joon Ho"
            elif not text_of_clause[:1].isupper():
                continue
            subject = sentence_subject(text_of_clause)
            if subject and _clean_np(subject) and subject.lower() not in PRONOUNS:
                candidates.append((start + clause.start(), subject))
    for match in _SAID_NAME.finditer(plain):
        candidates.append((match.start("np"), match["np"]))
    for match in ACCORDING_TO.finditer(plain):
        candidates.append((match.start("np"), match["np"]))
    found = []
    for at, np in sorted(candidates, key=lambda item: item[0]):
        cleaned = _clean_np(np)
        if cleaned is None or cleaned.lower() in PRONOUNS:
            continue  # a pronoun names nobody new
        speaker = resolver.resolve(cleaned, None)
        if speaker is not None and speaker.person and len(speaker.name.split()) > 1:
            found.append((at, speaker))
    return found

# he, him, his, himself, Mr. in the first two groups; she, her, hers, herself, Mrs., Ms. in the
# other three.  Led by the word's first letter, the word start checked behind it: a pattern that
# opens on a character set is scanned for that set first (twice as fast as `\b(?=[hms])`).
_GENDERED = re.compile(
    r"[hmsHMS](?<!\w[hmsHMS])(?:(?<=[hH])((?i:e|im|is|imself)\b)|(?<=[mM])((?i:r\.))|"
    r"(?<=[sS])((?i:he|her|hers|herself)\b)|(?<=[hH])((?i:er|ers|erself)\b)|(?<=[mM])((?i:rs\.|s\.)))"
)

_CAPITALISED = re.compile(rf"\b{CAPITAL}[\w’'-]+")


def _genders(paragraphs: list[str], names: list[str]) -> dict[str, str]:
    """Each person's gender, from the pronouns of the sentences that name only them."""
    if not names:
        return {}
    surnames = {name.split()[-1]: name for name in names}
    votes: dict[str, int] = {}
    for text in paragraphs:
        if not _GENDERED.search(text):
            continue
        for sentence in SENTENCE_BREAK.split(text):
            pronouns = _GENDERED.findall(sentence)
            if not pronouns:
                continue
            named = {surnames[word] for word in _CAPITALISED.findall(sentence) if word in surnames}
            if len(named) == 1:
                (name,) = named
                votes[name] = votes.get(name, 0) + sum(1 if he or mr else -1 for he, mr, *_she in pronouns)
    return {name: ("m" if vote > 0 else "f") for name, vote in votes.items() if vote}


def attribute(paragraphs: list[str]) -> list[Quote]:
    """Every quotation in an article's body paragraphs, with its speaker where one can be told."""
    resolver = _Resolver(paragraphs)
    quotes: list[Quote] = []
    previous_speaker: _Speaker | None = None
    cue_paragraph = -1
    for number, text in enumerate(paragraphs):
        found = find_quotes(text)
        spans = [span for span, _ in found]
        resolver.paragraphs.append((text, spans))
        if not found:
            previous_speaker = None
            cue_paragraph = number
            resolver.remember_paragraph(number)
            continue
        paragraph_speaker: _Speaker | None = None
        pending: list[Quote] = []
        for index, (span, kind) in enumerate(found):
            cue = _cue_for(text, spans, index)
            if cue is None or not cue.np:
                speaker = None
            elif cue.cue or cue.names_speaker:
                speaker = resolver.resolve(cue.np, cue.role, span.open)
            else:
                speaker = resolver.uncued_subject(cue.np, span.open)
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
        if paragraph_speaker is None and previous_speaker is None and cue_paragraph == number - 1:
            # an uncued quote after a paragraph with no quotes: who did that paragraph cite?
            previous_speaker = _cited(paragraphs[cue_paragraph], resolver)
            if previous_speaker is None and not text[: spans[0].open].strip() and all(q.cue is None for q in pending):
                # a paragraph of quotes with no cue, after prose that cites nobody: the one the
                # prose's last sentence is about speaks (`Richards also spoke about the case.`)
                previous_speaker = _about(paragraphs[cue_paragraph], resolver)
        if paragraph_speaker is None and pending:
            # `Lawrence says she hopes ... “But they don’t know ...”`: an uncued quote after a
            # sentence of the same paragraph that reports someone's words is theirs
            paragraph_speaker = _cited(text[: pending[0].start], resolver)
        fallback = paragraph_speaker or previous_speaker
        for quote in pending:
            if quote.speaker is None and fallback is not None:
                quote.speaker, quote.speaker_role = fallback.name, fallback.role
                quote.cue = quote.cue or "continues"
                quote.speaker_mention = None
        quotes.extend(pending)
        # what the paragraph said is what the next paragraph's pronouns look back on
        resolver.remember_paragraph(number)
        if resolver.last is not None:
            resolver.remember(resolver.last)
        previous_speaker = paragraph_speaker or (previous_speaker if pending and pending[-1].speaker else None)
    return quotes


@functools.lru_cache(maxsize=64)  # a paragraph without quotes is asked whom it cites, then whom it is about
def _sentences(text: str) -> tuple[str, ...]:
    return tuple(SENTENCE_BREAK.split(text))


def _about(text: str, resolver: _Resolver) -> _Speaker | None:
    """Who the last sentence of a paragraph is about, when its subject names someone."""
    sentences = _sentences(text)
    subject = sentence_subject(sentences[-1].strip()) if sentences else None
    return resolver.uncued_subject(subject, len(text)) if subject else None


def _cited(text: str, resolver: _Resolver) -> _Speaker | None:
    """The last source a paragraph without quotes cites (`according to X`, `X said`); a
    sentence that ends on a colon introduces what follows, so whoever it names, a body or a
    document too, is the source (`as the foundation's website notes:`, `Stated Stone:`)."""
    speaker = None
    for sentence in _sentences(text):
        match = ACCORDING_TO.search(sentence)
        introduces = sentence.rstrip().endswith(":")
        if match:
            np = match["np"]
        elif introduces and (opening := _STATED_NAME.match(sentence)):
            np = opening["np"]
        elif reporting := REPORTING_WORD.search(sentence):
            # who the verb reports (`It is easy, he says, ...`), else who the sentence is about
            np = _clean_np(clause_before(sentence[: reporting.start()])) or sentence_subject(sentence)
        else:
            np = None
        if np and (found := resolver.resolve(np, None)) and (found.person or introduces or np == (match and match["np"])):
            speaker = found
    return speaker


# `Stated Stone:`, `Added the mayor:`: a sentence that opens on its verb of saying, then who said it.
_STATED_NAME = re.compile(rf"(?i:{REPORTING})\s+(?P<np>[^:,;]{{1,60}}):\s*$")
