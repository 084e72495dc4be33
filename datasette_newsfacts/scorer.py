"""Body, heading or furniture: each block scored by a small learned model.

The sure forms (video promos, credit lines, datelines, contributor lines, bylines) are the
rules' to find; what the rules read as a paragraph, a heading or furniture is then scored
from the block's features (`features.py`) by a gradient-boosted tree ensemble trained on
many sites (`scripts/train-scorer`, weights in `scorer_weights.json`), and the kind changes
where the model is confident the rules were wrong.  Applying the trees needs nothing but
Python: each tree is a few flat lists walked from the root.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from .features import block_features
from .model import Article, Paragraph, TextItem
from .text import clean

WEIGHTS = Path(__file__).with_name("scorer_weights.json")
# Only these kinds are the scorer's to change: the others have a sure form.
SCORED_KINDS = frozenset(("paragraph", "heading", "boilerplate"))
# What the scorer may change a kind into.  It takes furniture out of the body; it does not
# (yet) put back what the furniture rules took out, nor move blocks between paragraph and
# heading: on the project's own gold and form fixtures those rules are right, and the model
# trained so far, allowed those changes, lost more there than it gained.
CHANGES = {"paragraph": frozenset(("boilerplate",)), "heading": frozenset(("boilerplate",))}
# A block that reads as a sentence (two words or more, ended on sentence punctuation) stays in
# the body whatever the score: on small pages with little prose to compare with, the model
# takes a story's short closing sentence for a prompt; on the dev split this guard costs
# about 0.005 of block F1.
_SENTENCE_WORDS = 2


class Model:
    """A multi-class tree ensemble read from the weights file (see scripts/train-scorer)."""

    def __init__(self, data: dict):
        self.classes: list[str] = data["classes"]
        self.prior: list[float] = data["prior"]
        self.rate: float = data["learning_rate"]
        # trees[k] holds class k's trees, each (feature, threshold, left, right, value) lists
        self.trees: list[list[tuple[list, list, list, list, list]]] = [
            [tuple(tree) for tree in per_class] for per_class in data["trees"]
        ]
        self.threshold: float = data["threshold"]
        self.names: list[str] = data["features"]

    def probabilities(self, row: list[float]) -> list[float]:
        """Softmax over the classes of the ensemble's summed tree values for one feature row."""
        scores = []
        for prior, per_class in zip(self.prior, self.trees):
            total = 0.0
            for feature, threshold, left, right, value in per_class:
                node = 0
                while left[node] >= 0:
                    node = left[node] if row[feature[node]] <= threshold[node] else right[node]
                total += value[node]
            scores.append(prior + self.rate * total)
        top = max(scores)
        exps = [math.exp(score - top) for score in scores]
        whole = sum(exps)
        return [value / whole for value in exps]


@lru_cache(maxsize=1)
def load_model() -> Model | None:
    """The shipped model, read once; None when the package carries no weights."""
    if not WEIGHTS.exists():
        return None
    return Model(json.loads(WEIGHTS.read_text(encoding="utf-8")))


def _reads_as_sentence(text: str) -> bool:
    return len(text.split()) >= _SENTENCE_WORDS and text.rstrip("\"”’)]'").endswith((".", "!", "?", "…"))


def _block_text(raw: str) -> str:
    return clean(" ".join(raw.split("\n")))


def rescore(article: Article, model: Model | None = None) -> Article:
    """Change the kind of paragraph, heading and furniture blocks where the model is confident
    the rules were wrong, and rebuild the article's paragraphs and headings to match."""
    model = model or load_model()
    blocks = article.blocks
    if model is None or not blocks:
        return article
    texts = [_block_text(block.text) for block in blocks]
    kinds = [block.kind for block in blocks]
    # Only blocks the scorer may change are scored (most of a story reads as sentences).
    candidates = [index for index, kind in enumerate(kinds) if kind in CHANGES and not _reads_as_sentence(texts[index])]
    if not candidates:
        return article
    rows = block_features(texts, kinds, article.title, only=candidates)
    changed = False
    for index in candidates:
        block = blocks[index]
        probabilities = model.probabilities(rows[index])
        best = max(range(len(probabilities)), key=probabilities.__getitem__)
        kind = model.classes[best]
        if kind in CHANGES[block.kind] and probabilities[best] >= model.threshold:
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
