"""scripts/polnear: gold quotes built from brat Source/Cue/Content spans, and how speakers
are scored.  Invented text; the PolNeAR data itself is never needed here."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys

from conftest import ROOT


def _load():
    loader = importlib.machinery.SourceFileLoader("polnear", str(ROOT / "scripts" / "polnear"))
    spec = importlib.util.spec_from_loader("polnear", loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules["polnear"] = module
    loader.exec_module(module)
    return module


polnear = _load()

TEXT = (
    "Council Votes on Bridge\n\n"
    "“We will rebuild the bridge by spring. It will cost less than the last one,” said Mayor Ann Rudd of Tollby.\n\n"
    "She added that the vote was “a fair test of what the town wants from us.”\n\n"
    "''Nobody asked the ferry workers what they think about it,'' said the union.\n\n"
    "The plan was called “bold.”\n"
)


def _spans(text: str, *pieces: tuple[str, str]) -> list[str]:
    lines = []
    for number, (kind, piece) in enumerate(pieces, 1):
        start = text.index(piece)
        lines.append(f"T{number}\t{kind} {start} {start + len(piece)}\t{piece}")
    return lines


def _write(tmp_path):
    folder = tmp_path / "train"
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    pieces = [
        ("Content", "“We will rebuild the bridge by spring."),  # one sentence each: one quote
        ("Content", "It will cost less than the last one,”"),
        ("Cue", "said"),
        ("Source", "Mayor Ann Rudd of Tollby"),
        ("Source", "She"),
        ("Cue", "added"),
        ("Content", "that the vote was “a fair test of what the town wants from us.”"),
        ("Content", "''Nobody asked the ferry workers what they think about it,''"),
        ("Source", "the union"),
    ]
    lines = _spans(TEXT, *pieces)
    lines += [
        "E1\tAttribution:T3 Content:T1 Cue:T3 Source:T4",
        "E2\tAttribution:T3 Content:T2 Cue:T3 Source:T4",
        "E3\tAttribution:T6 Content:T7 Cue:T6 Source:T5",
        "E4\tAttribution:T3 Content:T8 Source:T9",
    ]
    (folder / "attributions" / "a_x1.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_gold_quotes_are_the_quoted_stretches_that_contents_cover(tmp_path):
    data = _write(tmp_path)
    spans, relations = polnear.read_ann(data / "train" / "attributions" / "a_x1.ann")
    gold = polnear.gold_quotes(TEXT, spans, relations)
    assert [(q.text, q.form, q.reference, q.named) for q in gold] == [
        ("We will rebuild the bridge by spring. It will cost less than the last one,", "apposition",
         "Mayor Ann Rudd of Tollby", True),
        ("a fair test of what the town wants from us.", "pronoun", "Mayor Ann Rudd of Tollby", False),
        ("Nobody asked the ferry workers what they think about it,", "unnamed", "the union", False),
    ]


def test_speakers_are_right_by_the_head_name_of_the_mention():
    text = "Hillary Clinton spoke. Later Clinton said it again."
    right = polnear.speaker_right
    assert right("Ann Rudd", "Mayor Ann Rudd of Tollby", TEXT, set(), 0)
    assert not right("Tollby", "Mayor Ann Rudd of Tollby", TEXT, set(), 0)
    assert right("Hillary Clinton", "Clinton", text, set(), 0)
    assert not right("Clinton merely", "Clinton", text, set(), 0)
    assert right("the union", "the union", TEXT, set(), 0)
    assert not right(None, "the union", TEXT, set(), 0)
def test_the_whole_score_on_a_tiny_corpus(tmp_path):
    result = polnear.score(_write(tmp_path), "train", misses=5)
    assert result["quotes"] == {"gold": 3, "predicted": 3, "matched": 3, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert result["speaker_accuracy"]["named speakers"] == [1, 1]
    assert result["speaker_accuracy"]["all scored"][1] == 3
