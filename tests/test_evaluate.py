"""`newsfacts evaluate --per-site`: each site's F1 and the mean over sites, on invented pages."""

import json

from datasette_newsfacts.sites import registrable_domain

DUMP_A = """The harbour board has voted to keep the old crane, and its members say it is part of the town’s story.

Members voted to keep it, saying the crane had stood over the quay for ninety years.
"""
DUMP_B = """Share this story

A new footbridge opened over the river on Sunday, after two years of building work.
"""


def _gold(source: str, paragraphs: list[str], **extra) -> dict:
    return {"format": "newsfacts-gold/1", "source": source, "dateline": None, "highlights": None,
            "headings": None, "captions": None, "videos": None, "contributors": None, "quotes": None,
            "paragraphs": [{"text": text, "section": None} for text in paragraphs], **extra}


def test_per_site_breakdown_gives_each_site_and_the_macro_mean(tmp_path, run_cli):
    (tmp_path / "a.txt").write_text(DUMP_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(DUMP_B, encoding="utf-8")
    # Site A: both paragraphs found (F1 1.0). Site B: gold holds a paragraph the dump lacks (F1 2/3).
    (tmp_path / "a.gold.json").write_text(json.dumps(_gold("a.txt", [
        "The harbour board has voted to keep the old crane, and its members say it is part of the town’s story.",
        "Members voted to keep it, saying the crane had stood over the quay for ninety years.",
    ], url="https://news.harbour-herald.co.uk/story/1")))
    (tmp_path / "b.gold.json").write_text(json.dumps(_gold("b.txt", [
        "A new footbridge opened over the river on Sunday, after two years of building work.",
        "The council said it would light the bridge at night from next month.",
    ], site="river-times.example")))
    result = run_cli("evaluate", tmp_path / "a.gold.json", tmp_path / "b.gold.json", "--per-site", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["sites"] == {
        "harbour-herald.co.uk": {"documents": 1, "kinds": {"paragraphs": {
            "precision": 1.0, "recall": 1.0, "f1": 1.0, "gold": 2, "predicted": 2, "matched": 2}}},
        "river-times.example": {"documents": 1, "kinds": {"paragraphs": {
            "precision": 1.0, "recall": 0.5, "f1": 0.6667, "gold": 2, "predicted": 1, "matched": 1}}},
    }
    assert data["macro_f1"] == {"paragraphs": 0.8333}
    assert data["kinds"]["paragraphs"]["f1"] == 0.8571  # micro: 3 of 4 gold, 3 of 3 predicted

    text = run_cli("evaluate", tmp_path / "a.gold.json", tmp_path / "b.gold.json", "--per-site").output
    assert "harbour-herald.co.uk    1      1.000" in text
    assert "river-times.example     1      0.667" in text
    assert "macro over sites        2      0.833" in text


def test_without_per_site_the_report_has_no_site_table(tmp_path, run_cli):
    (tmp_path / "a.txt").write_text(DUMP_A, encoding="utf-8")
    (tmp_path / "a.gold.json").write_text(json.dumps(_gold("a.txt", [])))
    data = json.loads(run_cli("evaluate", tmp_path / "a.gold.json", "--json").output)
    assert "sites" not in data and "macro_f1" not in data


def test_registrable_domain_keeps_three_labels_under_country_second_levels():
    assert registrable_domain("https://www.bbc.co.uk/news/world") == "bbc.co.uk"
    assert registrable_domain("http://edition.cnn.com/2024/01/01/x.html") == "cnn.com"
    assert registrable_domain("www.smh.com.au") == "smh.com.au"
    assert registrable_domain("https://localhost/x") is None
    assert registrable_domain(None) is None
