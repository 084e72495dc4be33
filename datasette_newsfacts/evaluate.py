"""Scoring a conversion against hand-made gold (format `newsfacts-gold/1`, see README)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from .model import Article
from .convert import Options, parse_article
from .readers import Document, Failure, Fields, read_documents
from .text import fold

GOLD_FORMAT = "newsfacts-gold/1"
# kind -> the SequenceMatcher ratio at which a predicted item matches a gold one
THRESHOLDS = {"paragraphs": 0.9, "headings": 0.9, "highlights": 0.9, "captions": 0.8, "videos": 0.9, "quotes": 0.8}
CREDIT_FIELDS = ("credit", "photographer", "agency", "distributor", "pool")


class GoldError(ValueError):
    """A gold file that cannot be used; the message names it and says what to do."""


def match_pairs(gold: list[str], predicted: list[str], threshold: float) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) of texts at least `threshold` alike, best first."""
    gold_n = [fold(t) for t in gold]
    pred_n = [fold(t) for t in predicted]
    candidates = []
    for g, a in enumerate(gold_n):
        for p, b in enumerate(pred_n):
            if a == b:
                candidates.append((1.0, g, p))
                continue
            matcher = SequenceMatcher(None, a, b, autojunk=False)
            if matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold:
                ratio = matcher.ratio()
                if ratio >= threshold:
                    candidates.append((ratio, g, p))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g, used_p, pairs = set(), set(), []
    for _, g, p in candidates:
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            pairs.append((g, p))
    return sorted(pairs)


@dataclass
class Tally:
    """Counts for one kind, summed over documents (micro-average)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: int, predicted: int, matched: int) -> None:
        self.tp += matched
        self.fp += predicted - matched
        self.fn += gold - matched

    def scores(self) -> dict[str, float | int]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
                "gold": self.tp + self.fn, "predicted": self.tp + self.fp, "matched": self.tp}


@dataclass
class Report:
    documents: int = 0
    kinds: dict[str, Tally] = field(default_factory=dict)
    fields: dict[str, list[int]] = field(default_factory=dict)  # name -> [right, scored]
    misses: list[dict] = field(default_factory=list)

    def right(self, name: str, ok: bool) -> None:
        tally = self.fields.setdefault(name, [0, 0])
        tally[0] += int(ok)
        tally[1] += 1

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "kinds": {kind: tally.scores() for kind, tally in self.kinds.items()},
            "accuracy": {
                name: {"accuracy": round(right / scored, 4) if scored else None, "scored": scored}
                for name, (right, scored) in self.fields.items()
            },
            "misses": self.misses,
        }


def load_gold(path: Path) -> dict:
    """Read and check one gold file."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GoldError(f"{path}: cannot read gold file ({error})") from None
    if not isinstance(gold, dict) or gold.get("format") != GOLD_FORMAT:
        raise GoldError(f"{path}: not a {GOLD_FORMAT} gold file (its \"format\" key must say so)")
    if not gold.get("source"):
        raise GoldError(f"{path}: the gold file names no \"source\" dump")
    return gold


def resolve_spans(value, dump: str | None):
    """Gold text given as {"span": [start, end]} (or {"spans": [...]}, lines joined by a newline)
    read back from the dump, so gold for others' articles need not carry their text.
    With no dump, each span becomes a placeholder string."""
    if isinstance(value, list):
        return [resolve_spans(item, dump) for item in value]
    if isinstance(value, dict):
        if set(value) == {"span"}:
            start, end = value["span"]
            return dump[start:end] if dump is not None else f"<span {start}-{end}>"
        if set(value) == {"spans"}:
            return "\n".join(resolve_spans({"span": span}, dump) for span in value["spans"])
        return {key: resolve_spans(item, dump) for key, item in value.items()}
    return value


def read_dump_text(source: Path) -> str:
    """A dump's text as gold spans count it: UTF-8, byte-order mark dropped."""
    return source.read_bytes().decode("utf-8").lstrip("\ufeff")


def find_source(path: Path, gold: dict, source_dirs: list[Path]) -> Path:
    """The dump a gold file describes: beside it, or in one of `source_dirs`."""
    for folder in [path.parent, *source_dirs]:
        candidate = folder / gold["source"]
        if candidate.exists():
            return candidate
    raise GoldError(
        f"{path}: its dump {gold['source']!r} is not beside it"
        + (f" nor in {', '.join(map(str, source_dirs))}" if source_dirs else "")
        + "; pass --source-dir with the folder that holds it (for the bundled gold files, run scripts/fetch-real-pages)"
    )


def convert_for_scoring(source: Path) -> Article:
    """Convert one dump in memory, quotes included, as `convert` would."""
    [document] = list(read_documents(str(source), Fields()))[:1] or [None]
    if not isinstance(document, Document):
        reason = document.reason if isinstance(document, Failure) else "it holds no article"
        raise GoldError(f"{source}: {reason}")
    return parse_article(document, Options())


def _score_kind(report: Report, name: str, kind: str, gold: list[str], predicted: list[str]) -> list[tuple[int, int]]:
    pairs = match_pairs(gold, predicted, THRESHOLDS[kind])
    report.kinds.setdefault(kind, Tally()).add(len(gold), len(predicted), len(pairs))
    matched_g = {g for g, _ in pairs}
    matched_p = {p for _, p in pairs}
    for g, text in enumerate(gold):
        if g not in matched_g:
            report.misses.append({"document": name, "kind": kind, "missed": text})
    for p, text in enumerate(predicted):
        if p not in matched_p:
            report.misses.append({"document": name, "kind": kind, "extra": text})
    return pairs


def score_document(report: Report, name: str, gold: dict, article: Article) -> None:
    """Add one document's counts to the report; keys that are null in the gold are not scored."""
    report.documents += 1
    if gold.get("paragraphs") is not None:
        pairs = _score_kind(report, name, "paragraphs", [p["text"] for p in gold["paragraphs"]], [p.text for p in article.paragraphs])
        for g, p in pairs:
            report.right("paragraph section", fold(gold["paragraphs"][g].get("section")) == fold(article.paragraphs[p].section))
    for kind in ("headings", "highlights"):
        if gold.get(kind) is not None:
            _score_kind(report, name, kind, gold[kind], [item.text for item in getattr(article, kind)])
    if gold.get("captions") is not None:
        pairs = _score_kind(report, name, "captions", [c["text"] for c in gold["captions"]], [c.text for c in article.captions])
        for g, p in pairs:
            expected, caption = gold["captions"][g], article.captions[p]
            credit = caption.credit
            found = {
                "credit": credit.text if credit else None,
                "photographer": credit.photographer if credit else None,
                "agency": credit.agency if credit else None,
                "distributor": credit.distributor if credit else None,
                "pool": bool(credit and credit.pool),
            }
            for field_name in CREDIT_FIELDS:
                if field_name in expected:
                    want, got = expected[field_name], found[field_name]
                    ok = bool(want) == got if field_name == "pool" else fold(want) == fold(got)
                    report.right(f"caption {field_name}", ok)
            if "video" in expected and gold.get("videos") is not None:
                want = expected["video"]
                got = caption.video + 1 if caption.video is not None else None
                report.right("caption video link", want == got)
    if gold.get("videos") is not None:
        pairs = _score_kind(report, name, "videos", [v["title"] for v in gold["videos"]], [v.title for v in article.videos])
        for g, p in pairs:
            report.right("video duration", gold["videos"][g].get("duration_seconds") == article.videos[p].duration_seconds)
            report.right("video source", fold(gold["videos"][g].get("source")) == fold(article.videos[p].source))
    if gold.get("contributors") is not None:
        want = sorted(fold(c["name"]) for c in gold["contributors"])
        got = sorted(fold(c.name) for c in article.contributors)
        report.right("contributors", want == got)
    if gold.get("dateline") is not None:
        place = article.dateline.place if article.dateline else None
        report.right("dateline place", fold(gold["dateline"].get("place")) == fold(place))
    if gold.get("quotes") is not None:
        pairs = _score_kind(report, name, "quotes", [q["text"] for q in gold["quotes"]], [q.text for q in article.quotes])
        for g, p in pairs:
            expected, quote = gold["quotes"][g], article.quotes[p]
            accepted = {fold(expected["speaker"]), *(fold(a) for a in expected.get("speaker_aliases") or [])}
            ok = fold(quote.speaker) in accepted
            report.right("speaker", ok)
            if not ok:
                report.misses.append({"document": name, "kind": "speaker", "quote": quote.text[:80],
                                      "expected": expected["speaker"], "got": quote.speaker})
            if expected.get("kind"):
                report.right("quote kind", expected["kind"] == quote.kind)


def evaluate(gold_paths: list[Path], source_dirs: list[Path]) -> Report:
    """Convert each gold file's dump and score it."""
    report = Report()
    for path in gold_paths:
        gold = load_gold(path)
        source = find_source(path, gold, source_dirs)
        gold = resolve_spans(gold, read_dump_text(source))
        article = convert_for_scoring(source)
        score_document(report, path.name, gold, article)
    return report


def format_report(report: Report) -> str:
    """The report as a plain-text table."""
    data = report.as_dict()
    lines = [f"{data['documents']} documents", "", f"{'kind':<12} {'P':>7} {'R':>7} {'F1':>7} {'gold':>6} {'pred':>6}"]
    for kind, s in data["kinds"].items():
        lines.append(f"{kind:<12} {s['precision']:>7.3f} {s['recall']:>7.3f} {s['f1']:>7.3f} {s['gold']:>6} {s['predicted']:>6}")
    lines += ["", f"{'accuracy':<22} {'':>7} {'scored':>6}"]
    for name, s in data["accuracy"].items():
        value = "-" if s["accuracy"] is None else f"{s['accuracy']:.3f}"
        lines.append(f"{name:<22} {value:>7} {s['scored']:>6}")
    return "\n".join(lines)
