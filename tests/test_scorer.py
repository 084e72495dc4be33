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
    shipped = scorer.load_model(scorer.DUMP_WEIGHTS)
    assert shipped is not None and shipped.second is not None
    assert shipped.first.names == list(features.NAMES)
    assert shipped.second.names == list(features.NAMES) + list(features.SEQUENCE_NAMES)
    assert shipped.classes == ["paragraph", "heading", "boilerplate"]
    assert 0.5 <= shipped.threshold < 1
    data = json.loads(scorer.DUMP_WEIGHTS.read_text(encoding="utf-8"))
    for model in ("first", "second"):
        assert all(len(per_class) == len(data[model]["trees"][0]) for per_class in data[model]["trees"])
    # a heading is never made a paragraph (see scripts/train-scorer's --changes)
    assert "paragraph" not in shipped.changes["heading"]


def test_the_html_weights_fit_the_features_too():
    shipped = scorer.load_model(scorer.WEIGHTS)
    assert shipped is not None and shipped.second is None
    assert shipped.first.names == list(features.NAMES)
    assert shipped.classes == ["paragraph", "heading", "boilerplate"]


def test_without_its_weights_a_dump_keeps_the_rules_reading(monkeypatch, tmp_path):
    """Not the HTML path's one-pass model in its place."""
    monkeypatch.setattr(scorer, "DUMP_WEIGHTS", tmp_path / "absent.json")
    used = []
    monkeypatch.setattr(scorer, "rescore", lambda article, model=None: used.append(model) or article)
    article = Article(source="x", blocks=[Block(0, "paragraph", "Subscribe"), Block(1, "paragraph", "Sign in")])
    assert scorer.rescore_dump(article) is article and used == []


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


def _walk(model: scorer.Model, row: list[float]) -> list[float]:
    """The trees applied node by node from their flat lists (what the compiled function must equal)."""
    totals = []
    for per_class in model.trees:
        total = 0.0
        for feature, threshold, left, right, value in per_class:
            node = 0
            while left[node] >= 0:
                node = left[node] if row[feature[node]] <= threshold[node] else right[node]
            total += value[node]
        totals.append(total)
    return totals


def test_the_compiled_trees_give_what_walking_them_gives():
    shipped = scorer.load_model(scorer.DUMP_WEIGHTS)
    texts = ["Home", LONG, "Sport", "Sign in to read more", LONG.replace("bridge", "ferry")]
    kinds = ["boilerplate", "paragraph", "heading", "paragraph", "paragraph"]
    rows = features.block_features(texts, kinds)
    for model in (shipped.first, shipped.second):
        for row in rows:
            full = row + [0.5] * (len(model.names) - len(row))
            assert model._scores(full) == tuple(_walk(model, full))


def test_sequence_features_see_the_neighbours_and_the_main_run_of_body():
    positions = [0, 1, 2, 3, 5]
    scores = [[0.1, 0.0, 0.9], [0.9, 0.0, 0.1], [0.8, 0.1, 0.1], [0.9, 0.0, 0.1], [0.2, 0.0, 0.8]]
    words = [["menu"], ["bridge", "river"], ["river", "ferry"], ["bridge"], ["prize", "baking"]]
    rows = [dict(zip(features.SEQUENCE_NAMES, row)) for row in features.sequence_features(positions, scores, words)]
    assert len(rows[0]) == len(features.SEQUENCE_NAMES)
    assert [row["in_body_run"] for row in rows] == [0.0, 1.0, 1.0, 1.0, 0.0]
    assert rows[0]["prev_p_body"] == -1.0 and rows[0]["next_p_body"] == 0.9
    assert rows[4]["to_body_run_after"] == 0.1 and rows[0]["to_body_run_before"] == 0.1
    # The teaser shares no word with the likely body; a body paragraph does.
    assert rows[4]["body_overlap"] == 0.0 and rows[3]["body_overlap"] == 1.0
    assert rows[4]["prev_gap"] == 0.2 and rows[1]["prev_gap"] == 0.1
    assert round(rows[2]["window3_p_body"], 3) == round((0.1 + 0.9 + 0.9 + 0.2) / 4, 3)


def test_a_second_pass_can_put_back_what_the_rules_took_out():
    """A second pass that gives body to a block scored as body, or standing between two such."""
    first = _stump_model("log_words", math.log1p(5), below="boilerplate", above="paragraph")
    names = list(features.NAMES) + list(features.SEQUENCE_NAMES)
    own, before, after = (names.index(name) for name in ("p_body", "prev_p_body", "next_p_body"))
    strength = math.log(0.9 / 0.1 * 2)
    body_leaves, furniture_leaves = (2, 6), (3, 5)
    trees = []
    for kind in ("paragraph", "heading", "boilerplate"):
        leaves = body_leaves if kind == "paragraph" else furniture_leaves if kind == "boilerplate" else ()
        values = [strength if node in leaves else 0.0 for node in range(7)]
        trees.append([[[own, before, -2, -2, after, -2, -2], [0.5, 0.5, 0.0, 0.0, 0.5, 0.0, 0.0],
                       [1, 3, -1, -1, 5, -1, -1], [2, 4, -1, -1, 6, -1, -1], values]])
    second = scorer.Model({"classes": ["paragraph", "heading", "boilerplate"], "prior": [0.0] * 3,
                           "learning_rate": 1.0, "trees": trees, "features": names})
    both = scorer.Scorer(first, second, 0.8, {"boilerplate": frozenset(("paragraph",)),
                                              "paragraph": frozenset(("boilerplate",))}, restore_threshold=0.8)
    story = [LONG, "Rain fell.", LONG.replace("bridge", "ferry"), LONG.replace("bridge", "pier")]
    menu = ["Home", "Sport", "Weather"]
    kinds = ["paragraph", "boilerplate", "paragraph", "paragraph"] + ["paragraph"] * 3
    article = Article(source="x", blocks=[Block(i, kind, text) for i, (kind, text) in enumerate(zip(kinds, story + menu))],
                      paragraphs=[Paragraph(i, text) for i, text in enumerate(story + menu) if i != 1])
    scorer.rescore(article, both)
    # The short line amid the story comes back; the menu after it goes.
    assert [p.text for p in article.paragraphs] == story
    assert [block.kind for block in article.blocks] == ["paragraph"] * 4 + ["boilerplate"] * 3


def test_prose_beside_prose_is_left_unscored_and_training_reads_it_the_same_from_the_rows():
    import importlib.machinery
    import importlib.util
    from pathlib import Path

    loader = importlib.machinery.SourceFileLoader(
        "train_scorer", str(Path(__file__).resolve().parent.parent / "scripts" / "train-scorer"))
    train = importlib.util.module_from_spec(importlib.util.spec_from_loader("train_scorer", loader))
    loader.exec_module(train)
    texts = [LONG, LONG.replace("bridge", "ferry"), "Sign in", LONG, LONG.replace("bridge", "pier"),
             LONG.replace("bridge", "weir") + "”", LONG]
    kinds = ["paragraph", "paragraph", "paragraph", "paragraph", "paragraph", "paragraph", "heading"]
    assert scorer.sure_body(texts, kinds) == [True, True, False, True, True, True, False]
    rows = features.block_features(texts, kinds)
    assert train.sure_rows({"rows": rows}) == scorer.sure_body(texts, kinds)


def test_rows_made_for_a_few_blocks_equal_the_rows_made_for_all():
    texts = ["Home", LONG, "Sport", "Sign in to read more", LONG.replace("bridge", "ferry"), "Most read", LONG]
    kinds = ["boilerplate", "paragraph", "heading", "paragraph", "paragraph", "boilerplate", "paragraph"]
    full = features.block_features(texts, kinds, "A new bridge for the river")
    found: dict[int, list[str]] = {}
    some = features.block_features(texts, kinds, "A new bridge for the river", only=[0, 3, 5], words=found)
    assert [some[i] for i in (0, 3, 5)] == [full[i] for i in (0, 3, 5)]
    assert some[1] is None and found[3] == features.content_words(texts[3]) == ["sign", "read"]
