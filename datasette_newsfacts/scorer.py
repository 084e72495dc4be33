"""Body, heading or furniture: each block scored by a small learned model.

The sure forms (video promos, credit lines, datelines, contributor lines, bylines) are the
rules' to find; what the rules read as a paragraph, a heading or furniture is then scored
from the block's features (`features.py`) by gradient-boosted tree ensembles trained on
many sites (`scripts/train-scorer`), and the kind changes where the model is confident the
rules were wrong.  Dumps get two passes (`dump_scorer_weights.json`: the second sees the
neighbours' first-pass scores), HTML pages one (`scorer_weights.json`).  Applying the trees
needs nothing but Python: each ensemble is compiled once into a function of nested
conditionals from the flat lists the weights file holds.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from .features import SEQUENCE_NAMES, block_features, content_words, sequence_features
from .model import Article, Paragraph, TextItem
from .text import clean

# The HTML path's model (one pass, `html.parse_html` applies it) and the dumps' (two passes,
# `convert.parse_article` applies it once the metadata is known).
WEIGHTS = Path(__file__).with_name("scorer_weights.json")
DUMP_WEIGHTS = Path(__file__).with_name("dump_scorer_weights.json")
# Only these kinds are the scorer's to change: the others have a sure form.
SCORED_KINDS = frozenset(("paragraph", "heading", "boilerplate"))


class Model:
    """A multi-class tree ensemble read from the weights file (see scripts/train-scorer).

    The trees are compiled once into one Python function of nested conditionals (one sum per
    class): walking the flat lists node by node costs several times more per block."""

    def __init__(self, data: dict):
        self.classes: list[str] = data["classes"]
        self.prior: list[float] = data["prior"]
        self.rate: float = data["learning_rate"]
        # trees[k] holds class k's trees, each (feature, threshold, left, right, value) lists
        self.trees: list[list[tuple[list, list, list, list, list]]] = [
            [tuple(tree) for tree in per_class] for per_class in data["trees"]
        ]
        self.threshold: float = data.get("threshold", 0.5)
        self.names: list[str] = data["features"]
        self._scores = _compile(self.trees)

    def probabilities(self, row: list[float]) -> list[float]:
        """Softmax over the classes of the ensemble's summed tree values for one feature row."""
        scores = [prior + self.rate * total for prior, total in zip(self.prior, self._scores(row))]
        top = max(scores)
        exps = [math.exp(score - top) for score in scores]
        whole = sum(exps)
        return [value / whole for value in exps]


def _compile(trees: list[list[tuple]]):
    """One function from a feature row to each class's summed tree values."""

    def node(tree: tuple, at: int) -> str:
        feature, threshold, left, right, value = tree
        if left[at] < 0:
            return repr(value[at])
        return f"({node(tree, left[at])} if r[{feature[at]}] <= {threshold[at]!r} else {node(tree, right[at])})"

    sums = ", ".join("sum((" + "".join(node(tree, 0) + ", " for tree in per_class) + "))" for per_class in trees)
    namespace: dict = {}
    exec(compile(f"def scores(r):\n    return ({sums},)\n", "<scorer trees>", "exec"), namespace)
    return namespace["scores"]


class Scorer:
    """The two passes and the decision rule.

    The first pass scores each block from its own features; the second (when the weights hold
    one) scores it again beside its neighbours' first-pass scores (`features.sequence_features`).
    A block changes kind where the last pass gives another allowed kind at least `threshold`;
    a paragraph that reads as a sentence leaves the body only at `sentence_threshold`, and prose
    in the article's main run of body never does; what the furniture rules took out comes back
    at `restore_threshold`."""

    def __init__(self, first: Model, second: Model | None = None, threshold: float | None = None,
                 changes: dict[str, frozenset[str]] | None = None, sentence_threshold: float = math.inf,
                 restore_threshold: float = math.inf):
        self.first, self.second = first, second
        self.threshold = first.threshold if threshold is None else threshold
        self.changes = changes if changes is not None else {
            "paragraph": frozenset(("boilerplate",)), "heading": frozenset(("boilerplate",))}
        self.sentence_threshold = sentence_threshold
        self.restore_threshold = restore_threshold
        self.classes = (second or first).classes

    def kinds(self, texts: list[str], kinds: list[str], title: str | None) -> list[str]:
        """The kind of every block after scoring (sure forms unchanged)."""
        result = list(kinds)
        scored = [index for index, kind in enumerate(kinds) if kind in SCORED_KINDS and kind in self.changes]
        if self.second is not None:
            scored = [index for index, kind in enumerate(kinds) if kind in SCORED_KINDS]
            sure = sure_body(texts, kinds)
        else:
            # one pass: a sentence the rule would keep anyway is not worth scoring
            sure = [False] * len(kinds)
            if self.sentence_threshold > 1:
                scored = [index for index in scored if not _reads_as_sentence(texts[index])]
        if not scored or (self.second is not None and len(scored) < _FEWEST_BLOCKS):
            return result
        found: dict[int, list[str]] = {}
        rows = block_features(texts, kinds, title, only=[index for index in scored if not sure[index]], words=found)
        words = None
        if self.second is not None:
            words = [found[index] if index in found else content_words(texts[index]) for index in scored]
        decided = self.decide(
            [kinds[index] for index in scored], [rows[index] for index in scored], words,
            [sure[index] for index in scored], [_prose(texts[index], kinds[index]) for index in scored],
            [_reads_as_sentence(texts[index]) for index in scored], scored,
        )
        for index, kind in zip(scored, decided):
            result[index] = kind
        return result

    def decide(self, kinds: list[str], rows: list, words: list[list[str]] | None, sure: list[bool],
               prose: list[bool], sentence: list[bool], positions: list[int]) -> list[str]:
        """The kinds of the scored blocks of one article, in reading order, from their rules'
        kinds, feature rows (None for a sure one), content words, and what they read as
        (`scripts/train-scorer` decides through this too, from its stored rows)."""
        if self.second is not None and len(kinds) < _FEWEST_BLOCKS:
            return list(kinds)
        first = [SURE_BODY if flag else self.first.probabilities(row) for row, flag in zip(rows, sure)]
        kept: set[int] = set()
        final = first
        if self.second is not None:
            context = sequence_features(positions, first, words)
            # where the first pass is this sure of body, the second changes nothing on the dev split
            final = [scores if flag or scores[0] >= _SKIP_SECOND else self.second.probabilities(row + extra)
                     for row, flag, scores, extra in zip(rows, sure, first, context)]
            # Prose in the article's main run of body stays there: a short story amid rails
            # (its own scores dragged down by theirs) keeps its opening and closing paragraphs.
            kept = _kept(list(range(len(rows))), prose, first, context)
        result = []
        for number, (kind, scores) in enumerate(zip(kinds, final)):
            allowed = None if number in kept else self.changes.get(kind)
            best = max(range(len(scores)), key=scores.__getitem__)
            if kind == "boilerplate":
                needed = self.restore_threshold
            else:
                needed = self.sentence_threshold if sentence[number] and kind == "paragraph" else self.threshold
            if allowed and self.classes[best] in allowed and scores[best] >= max(needed, self.threshold):
                kind = self.classes[best]
            result.append(kind)
        return result


# The scores given without the trees to a block of prose beside more (see `sure_body`).
SURE_BODY = [0.97, 0.01, 0.02]
_SKIP_SECOND = 0.9
# A page of fewer scored blocks gives the model too little to compare with (invented two-line
# stories lost a sentence); the rules' reading stands.  On the dev split this changes block F1
# by less than 0.001 (58 of 1,062 documents).
_FEWEST_BLOCKS = 6
_IN_BODY_RUN = SEQUENCE_NAMES.index("in_body_run")
_PROSE_WORDS = 12
_SENTENCE_END = (".", "!", "?", ";", ":", "…")


def _prose(text: str, kind: str) -> bool:
    core = text.rstrip("\"”’)]'")
    return kind == "paragraph" and core[-1:] in _SENTENCE_END and len(text.split()) >= _PROSE_WORDS


def sure_body(texts: list[str], kinds: list[str]) -> list[bool]:
    """Blocks of prose (a paragraph of twelve words or more ended as a sentence) beside more:
    the story's own run, left to the second pass unscored.  On the dev split this changes
    block F1 by less than 0.001 and spares many of a story's blocks the trees."""
    prose = [_prose(text, kind) for text, kind in zip(texts, kinds)]
    last = len(prose) - 1
    return [flag and ((index > 0 and prose[index - 1]) or (index < last and prose[index + 1]))
            for index, flag in enumerate(prose)]


def _kept(scored: list[int], prose: list[bool], first: list[list[float]], context: list[list[float]]) -> set[int]:
    """The prose blocks in the article's main run of body; where no block reaches even odds of
    body (a one-paragraph page under a share prompt), the likeliest: a page has a body."""
    kept = {index for index, flag, extra in zip(scored, prose, context) if flag and extra[_IN_BODY_RUN] == 1.0}
    if not kept and scored and not any(extra[_IN_BODY_RUN] for extra in context):
        kept.add(scored[max(range(len(scored)), key=lambda number: first[number][0])])
    return kept


def scorer_from(data: dict) -> Scorer:
    """A Scorer from the weights file's data (one model, as the first weights were, or two passes)."""
    if "first" not in data:
        return Scorer(Model(data))
    changes = {kind: frozenset(into) for kind, into in data["changes"].items()}
    second = Model(data["second"]) if data.get("second") else None
    return Scorer(Model(data["first"]), second, data["threshold"], changes, data.get("sentence_threshold", math.inf),
                  data.get("restore_threshold", math.inf))


@lru_cache(maxsize=2)
def load_model(path: Path = WEIGHTS) -> Scorer | None:
    """A shipped scorer (the HTML path's by default), read once; None when the package carries no weights."""
    if not path.exists():
        return None
    return scorer_from(json.loads(path.read_text(encoding="utf-8")))


def rescore_dump(article: Article) -> Article:
    """`rescore` with the dumps' two-pass scorer (the rules' reading stands without its
    weights: the HTML path's one-pass model was never trained on dumps alone)."""
    model = load_model(DUMP_WEIGHTS)
    return article if model is None else rescore(article, model)


def _reads_as_sentence(text: str) -> bool:
    return len(text.split()) >= 2 and text.rstrip("\"”’)]'").endswith((".", "!", "?", "…"))


def _block_text(raw: str) -> str:
    return clean(" ".join(raw.split("\n")))


def rescore(article: Article, model: Scorer | Model | None = None) -> Article:
    """Change the kind of paragraph, heading and furniture blocks where the scorer is confident
    the rules were wrong, and rebuild the article's paragraphs and headings to match.  Used for
    dumps (by `convert.parse_article`, once the metadata is known) and HTML pages alike."""
    model = model or load_model()
    if isinstance(model, Model):
        model = Scorer(model)
    blocks = article.blocks
    if model is None or not blocks:
        return article
    texts = [_block_text(block.text) for block in blocks]
    kinds = model.kinds(texts, [block.kind for block in blocks], article.title)
    changed = False
    for block, kind in zip(blocks, kinds):
        if block.kind != kind:
            block.kind = kind
            changed = True
    if changed:
        _rebuild(article, texts)
    return article


def _rebuild(article: Article, texts: list[str]) -> None:
    """Paragraphs and headings again from the blocks' kinds; a paragraph the rules had keeps
    its text (an inline dateline taken off, lines joined), sections follow the headings."""
    old = {paragraph.position: paragraph for paragraph in article.paragraphs}
    paragraphs, headings, section = [], [], None
    old_headings = {heading.position: heading for heading in article.headings}
    for block in article.blocks:
        if block.kind == "heading":
            heading = old_headings.get(block.position) or TextItem(block.position, texts[block.position])
            headings.append(heading)
            section = heading.text
        elif block.kind == "paragraph":
            paragraph = old.get(block.position)
            text = paragraph.text if paragraph else texts[block.position]
            paragraphs.append(Paragraph(block.position, text, section))
    article.paragraphs, article.headings = paragraphs, headings
