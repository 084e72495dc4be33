"""Features of an article's blocks that need no knowledge of any outlet.

Each block is described by its own form (length, punctuation, capitals, stop words, digits,
quote marks), where it stands (position, repetition in the page, runs of prose or of short
lines around it, distance to the story's prose), how much it shares the vocabulary of the
article's own prose (a related-story teaser, a product rail or a paywall prompt is about
something else), what the rules made of it, and the same of its neighbours.  `scorer.py`
turns these numbers into a score per kind.
"""

from __future__ import annotations

import math
import re

# The most frequent English function words: their density tells running prose from labels,
# names and menus in any outlet's wording.
STOP_WORDS = frozenset(
    "a about after all also an and any are as at be been before but by can could did do does for from had has "
    "have he her his how i if in into is it its just more most no not of on one or our out over said she so "
    "some than that the their them then there these they this to up was we were what when where which while "
    "who will with would you your".split()
)
# The kinds the rules can give a block, as features (one indicator each).
RULE_KINDS = ("paragraph", "heading", "boilerplate", "caption", "highlight")
# A block of prose: at least this many words, ended as a sentence.
_PROSE_WORDS = 12
_SHORT_WORDS = 5
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_END = (".", "!", "?", ";", ":", "…")
_CLOSERS = "\"”’)]'"
_QUOTES = frozenset("\"“”‘’«»")
_CAP = 10  # distances in blocks are counted up to this


def _own(text: str) -> list[float]:
    """The block's own form."""
    words = text.split()
    n_words = len(words)
    letters = _WORD.findall(text)
    n_letters_words = len(letters) or 1
    core = text.rstrip(_CLOSERS)
    last = core[-1:] if core else ""
    stops = sum(1 for word in letters if word.lower() in STOP_WORDS)
    capitals = sum(1 for word in letters if word[0].isupper())
    # Counted with C-level maps: this runs for every block near a scored one.
    digits = sum(map(str.isdigit, text))
    punctuation = len(text) - sum(map(str.isalnum, text)) - sum(map(str.isspace, text))
    length = len(text) or 1
    return [
        math.log1p(n_words),
        math.log1p(len(text)),
        float(last in _SENTENCE_END),
        float(last == "."),
        float(last == ":"),
        float(last == "?"),
        float(text[:1].isupper()),
        capitals / n_letters_words,
        stops / n_letters_words,
        digits / length,
        float(any(mark in text for mark in _QUOTES)),
        punctuation / length,
        float(text.isupper() and n_words > 0),
        float("|" in text or "•" in text or "›" in text or "»" in text),
        float(n_words <= 3),
        float(n_words >= 25),
    ]


def _brief(text: str) -> list[float]:
    """What a neighbour contributes (`_NEIGHBOUR_OWN` of `_own`), without the rest's cost."""
    letters = _WORD.findall(text)
    n_letters_words = len(letters) or 1
    core = text.rstrip(_CLOSERS)
    last = core[-1:] if core else ""
    return [
        math.log1p(len(text.split())),
        float(last in _SENTENCE_END),
        sum(1 for word in letters if word[0].isupper()) / n_letters_words,
        sum(1 for word in letters if word.lower() in STOP_WORDS) / n_letters_words,
    ]


OWN_NAMES = ("log_words", "log_chars", "ends_sentence", "ends_period", "ends_colon", "ends_question",
             "starts_upper", "capital_ratio", "stop_ratio", "digit_ratio", "has_quote", "punct_ratio",
             "all_caps", "has_separator", "very_short", "long")
_NEIGHBOUR_OWN = (0, 2, 7, 8)  # of a neighbour: its length, sentence end, capitals and stop words


# The words of four letters or more (the same tokens as _WORD's, the shorter ones never built).
_LONG_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")


def _content_words(text: str) -> list[str]:
    return [word for word in map(str.lower, _LONG_WORD.findall(text)) if word not in STOP_WORDS]


def block_features(texts: list[str], kinds: list[str], title: str | None = None,
                   only: list[int] | None = None, words: dict[int, list[str]] | None = None) -> list[list[float] | None]:
    """One feature row per block; `kinds` are what the rules made of each block.  With `only`,
    rows are made for those blocks alone (the others are None): the page-wide counts they
    need are the same, and the scorer asks for few.  `words`, when given, receives the content
    words worked out on the way (by block index), so the second pass need not read them again."""
    n = len(texts)
    wanted = range(n) if only is None else only
    # A block's own form is worked out for the wanted blocks, the little their rows need of
    # their neighbours' for those alone.
    near = set(range(n)) if only is None else {i for index in only for i in range(index - 2, index + 3) if 0 <= i < n}
    own: dict[int, list[float]] = {index: _own(texts[index]) for index in wanted}
    brief = {index: [own[index][k] for k in _NEIGHBOUR_OWN] if index in own else _brief(texts[index]) for index in near}
    lengths = [len(text.split()) for text in texts]
    is_prose = [lengths[i] >= _PROSE_WORDS and texts[i].rstrip(_CLOSERS)[-1:] in _SENTENCE_END and texts[i].rstrip(_CLOSERS) != ""
                for i in range(n)]
    is_short = [length <= _SHORT_WORDS for length in lengths]
    # Vocabulary of the article's own prose: how many prose blocks use each word.
    if words is None:
        words = {}
    for index in set(wanted) | {i for i in range(n) if is_prose[i]}:
        if index not in words:
            words[index] = _content_words(texts[index])
    prose_df: dict[str, int] = {}
    for index in range(n):
        if is_prose[index]:
            for word in set(words[index]):
                prose_df[word] = prose_df.get(word, 0) + 1
    title_words = set(_content_words(title or ""))
    repeats: dict[str, int] = {}
    for text in texts:
        repeats[text] = repeats.get(text, 0) + 1
    prose_run, short_run = _runs(is_prose), _runs(is_short)
    prose_before = _distance(is_prose, forward=True)
    prose_after = _distance(is_prose, forward=False)
    first_prose = next((i for i in range(n) if is_prose[i]), n)
    last_prose = next((i for i in range(n - 1, -1, -1) if is_prose[i]), -1)
    rows: list[list[float] | None] = [None] * n
    for index in wanted:
        own_words = set(words[index])
        own_prose = 1 if is_prose[index] else 0
        shared = sum(1 for word in own_words if prose_df.get(word, 0) - own_prose > 0)
        overlap = shared / len(own_words) if own_words else 0.0
        row = list(own[index])
        row += [
            index / n,
            float(index < first_prose),
            float(index > last_prose),
            float(repeats[texts[index]] > 1),
            overlap,
            float(bool(own_words & title_words)),
            math.log1p(prose_run[index]),
            math.log1p(short_run[index]),
            prose_before[index] / _CAP,
            prose_after[index] / _CAP,
        ]
        row += [float(kinds[index] == kind) for kind in RULE_KINDS]
        for offset in (-2, -1, 1, 2):
            other = index + offset
            if 0 <= other < n:
                row += brief[other]
                row += [float(kinds[other] == "paragraph"), float(kinds[other] == "boilerplate"), 1.0]
            else:
                row += [0.0] * (len(_NEIGHBOUR_OWN) + 2) + [0.0]
        rows[index] = row
    return rows


CONTEXT_NAMES = ("rel_position", "before_prose", "after_prose", "repeated", "prose_overlap", "title_overlap",
                 "prose_run", "short_run", "to_prose_before", "to_prose_after")
NAMES = (
    OWN_NAMES + CONTEXT_NAMES + tuple(f"rule_{kind}" for kind in RULE_KINDS)
    + tuple(f"{side}_{name}" for side in ("prev2", "prev", "next", "next2")
            for name in ("log_words", "ends_sentence", "capital_ratio", "stop_ratio", "rule_paragraph",
                         "rule_boilerplate", "exists"))
)


def _runs(flags: list[bool]) -> list[int]:
    """For each block, the length of the run of flagged blocks it stands in (0 when not flagged)."""
    runs = [0] * len(flags)
    start = 0
    while start < len(flags):
        if not flags[start]:
            start += 1
            continue
        end = start
        while end < len(flags) and flags[end]:
            end += 1
        for index in range(start, end):
            runs[index] = end - start
        start = end
    return runs


def _distance(flags: list[bool], forward: bool) -> list[int]:
    """Blocks to the nearest flagged block before (forward=True) or after it, capped."""
    n = len(flags)
    result = [_CAP] * n
    last = None
    order = range(n) if forward else range(n - 1, -1, -1)
    for index in order:
        if last is not None:
            result[index] = min(_CAP, abs(index - last))
        if flags[index]:
            last = index
    return result


# --- The second pass: a block among its neighbours' first-pass scores -----------------------

# Windows (in scored blocks) over which the neighbours' body scores are averaged.
_WINDOWS = (3, 10)
SEQUENCE_NAMES = (
    ("p_body", "p_heading", "prev2_p_body", "prev_p_body", "next_p_body", "next2_p_body")
    + tuple(f"window{size}_p_body" for size in _WINDOWS)
    + ("in_body_run", "to_body_run_before", "to_body_run_after", "body_mass_before", "body_overlap", "prev_gap",
       "next_gap")
)


def content_words(text: str) -> list[str]:
    """The words that carry a block's subject (no stop words, none under four letters)."""
    return _content_words(text)


def sequence_features(positions: list[int], probabilities: list[list[float]], words: list[list[str]]) -> list[list[float]]:
    """For each scored block (its position in the article, its first-pass [body, heading,
    furniture] scores and content words, in reading order), how its neighbours scored: their
    body scores one and two away and averaged over windows; whether it stands in the article's
    main run of body (the stretch where body scores sum highest above even odds, as a story's
    paragraphs stand together while rails and menus stand apart); how much body stands above
    it; and how much of its vocabulary the likely body uses (teasers and prompts are about
    something else)."""
    count = len(positions)
    body = [p[0] for p in probabilities]
    prefix = [0.0]
    for value in body:
        prefix.append(prefix[-1] + value)
    total = prefix[-1] or 1.0
    start, end = _best_run([value - 0.5 for value in body])
    document_frequency: dict[str, float] = {}
    for index in range(count):
        if body[index] >= 0.5:
            for word in set(words[index]):
                document_frequency[word] = document_frequency.get(word, 0.0) + 1.0
    rows = []
    for index in range(count):
        row = [body[index], probabilities[index][1]]
        for offset in (-2, -1, 1, 2):
            other = index + offset
            row.append(body[other] if 0 <= other < count else -1.0)
        for size in _WINDOWS:
            low, high = max(0, index - size), min(count, index + size + 1)
            row.append((prefix[high] - prefix[low] - body[index]) / max(1, high - low - 1))
        inside = start <= index < end
        row += [float(inside), min(_CAP, max(0, start - index)) / _CAP, min(_CAP, max(0, index - end + 1)) / _CAP,
                prefix[index] / total]
        own = set(words[index])
        self_count = 1.0 if body[index] >= 0.5 else 0.0
        shared = sum(1 for word in own if document_frequency.get(word, 0.0) - self_count > 0)
        row.append(shared / len(own) if own else 0.0)
        row.append(min(_CAP, positions[index] - positions[index - 1]) / _CAP if index > 0 else 1.0)
        row.append(min(_CAP, positions[index + 1] - positions[index]) / _CAP if index + 1 < count else 1.0)
        rows.append(row)
    return rows


def _best_run(values: list[float]) -> tuple[int, int]:
    """The stretch [start, end) whose values sum highest (Kadane's algorithm); (0, 0) if none is positive."""
    best, best_start, best_end = 0.0, 0, 0
    running, running_start = 0.0, 0
    for index, value in enumerate(values):
        if running <= 0:
            running, running_start = 0.0, index
        running += value
        if running > best:
            best, best_start, best_end = running, running_start, index + 1
    return best_start, best_end
