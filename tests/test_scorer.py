"""The learned scorer: features, applying the trees, and what it changes in an article."""

import json
import math

from datasette_newsfacts import features, scorer
from datasette_newsfacts.convert import Options, parse_article
from datasette_newsfacts.model import Article, Block, Paragraph, TextItem
from datasette_newsfacts.readers import Document
from datasette_newsfacts.segment import segment

LONG = "The council said on Monday that the new bridge over the river would open to walkers next spring."


def _stump_model(feature: str, threshold: float, below: str, above: str, confidence: float = 0.9) -> scorer.Model:
    """One tree per class on one feature: `below` wins at or under the threshold, `above` over it."""
    index = features.NAMES.index(feature)
    strength = math.log(confidence / (1 - confidence) * 2)  # softmax of (s, 0, 0) gives `confidence`
    trees = []
    for kind in ("paragraph", "heading", "boilerplate"):
        values = [0.0, strength if kind == below else 0.0, strength if kind == above else 0.0]
        trees.append([[[index, -2, -2], [threshold, -2.0, -2.0], [1, -1, -1], [2, -1, -1], values]])
    return scorer.Model({"classes": ["paragraph", "heading", "boilerplate"], "prior": [0.0, 0.0, 0.0],
                         "learning_rate": 1.0, "trees": trees, "threshold": 0.8, "features": list(features.NAMES)})


def test_probabilities_are_the_softmax_of_the_summed_trees():
    model = _stump_model("log_words", math.log1p(5), below="boilerplate", above="paragraph")
    short = features.block_features(["Home"], ["paragraph"])[0]
    long = features.block_features([LONG], ["paragraph"])[0]
    assert [round(p, 3) for p in model.probabilities(short)] == [0.05, 0.05, 0.9]
    assert [round(p, 3) for p in model.probabilities(long)] == [0.9, 0.05, 0.05]


def test_features_say_what_they_name():
    rows = features.block_features(["Home", LONG, "Sport"], ["boilerplate", "paragraph", "heading"])
    named = [dict(zip(features.NAMES, row)) for row in rows]
    assert len(rows[0]) == len(features.NAMES)
    assert named[1]["ends_sentence"] == 1.0 and named[0]["ends_sentence"] == 0.0
    assert named[0]["before_prose"] == 1.0 and named[2]["after_prose"] == 1.0
    assert named[1]["rule_paragraph"] == 1.0 and named[2]["rule_heading"] == 1.0
    assert named[2]["prev_rule_paragraph"] == 1.0 and named[0]["prev_exists"] == 0.0
    assert named[0]["very_short"] == 1.0 and round(named[1]["stop_ratio"], 3) == round(9 / 18, 3)


def test_rescore_takes_confident_furniture_out_of_the_body_and_rebuilds_sections():
    article = Article(source="x", blocks=[
        Block(0, "heading", "Rivers"),
        Block(1, "paragraph", LONG),
        Block(2, "paragraph", "Sign in"),
        Block(3, "boilerplate", LONG.replace("bridge", "ferry")),
    ], paragraphs=[Paragraph(1, LONG, "Rivers"), Paragraph(2, "Sign in", "Rivers")],
        headings=[TextItem(0, "Rivers")])
    scorer.rescore(article, _stump_model("log_words", math.log1p(5), below="boilerplate", above="paragraph"))
    # The short heading and "Sign in" leave the body; furniture is never put back into it.
    assert [block.kind for block in article.blocks] == ["boilerplate", "paragraph", "boilerplate", "boilerplate"]
    assert [(p.position, p.text, p.section) for p in article.paragraphs] == [(1, LONG, None)]
    assert article.headings == []


def test_a_block_that_reads_as_a_sentence_stays_in_the_body():
    closing = "The museum will open in two years."
    article = Article(source="x", blocks=[Block(0, "paragraph", closing), Block(1, "paragraph", "Sign in")],
                      paragraphs=[Paragraph(0, closing), Paragraph(1, "Sign in")])
    scorer.rescore(article, _stump_model("log_words", 100.0, below="boilerplate", above="boilerplate"))
    assert [p.text for p in article.paragraphs] == [closing]


def test_rescore_leaves_sure_forms_alone():
    article = Article(source="x", blocks=[Block(0, "video", "Floods in the valley\n02:10 - Source: Senn TV"),
                                          Block(1, "caption", "A flooded road.")])
    scorer.rescore(article, _stump_model("log_words", 100.0, below="paragraph", above="paragraph"))
    assert [block.kind for block in article.blocks] == ["video", "caption"]


def test_the_shipped_weights_fit_the_features():
    model = scorer.load_model()
    assert model is not None
    assert model.names == list(features.NAMES)
    assert model.classes == ["paragraph", "heading", "boilerplate"]
    assert 0.5 <= model.threshold < 1
    data = json.loads(scorer.WEIGHTS.read_text(encoding="utf-8"))
    assert all(len(per_class) == len(data["trees"][0]) for per_class in data["trees"])


def test_a_list_of_teasers_after_an_invented_story_is_furniture_and_the_story_stays():
    story = [
        "The Senn Valley council has voted to rebuild the old stone bridge, which floods swept away last winter.",
        "Work will start in April and should take two years, the council said in a statement on Tuesday.",
        "Farmers on the east bank have crossed by ferry since the flood, adding an hour to every trip to market.",
        "The new bridge will be wider than the old one, with a path for walkers and cyclists on either side.",
    ]
    teasers = ["Most popular", "Ten walks to try in the hills this autumn", "Café owner wins national baking prize",
               "Schools to close early for the holidays", "Weather warning for the coast on Friday"]
    # The page lists its teasers above the story and again below it.
    dump = "\n\n".join(teasers + story + teasers)
    rules_alone = segment(dump, "x.txt")
    assert "Ten walks to try in the hills this autumn" in [p.text for p in rules_alone.paragraphs]
    article = parse_article(Document("x.txt", None, dump), Options(quotes=False))
    assert [p.text for p in article.paragraphs] == story
    assert article.headings == []
