"""Scoring a conversion against hand-made gold (format `newsfacts-gold/1`, see README)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from .model import Article
from .convert import Options, parse_article
from .readers import Document, Failure, Fields, read_documents
from .sites import registrable_domain
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
    for p, b in enumerate(pred_n):
        # SequenceMatcher indexes its second sequence: one matcher per predicted text, and the
        # length bound (real_quick_ratio) first, so a page of thousands of lines scores quickly.
        matcher = None
        for g, a in enumerate(gold_n):
            if a == b:
                candidates.append((1.0, g, p))
                continue
            if 2 * min(len(a), len(b)) < threshold * (len(a) + len(b)):
                continue
            if matcher is None:
                matcher = SequenceMatcher(None, "", b, autojunk=False)
            matcher.set_seq1(a)
            if matcher.quick_ratio() >= threshold:
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
    sites: dict[str, "Report"] = field(default_factory=dict)  # site -> that site's own report

    def site(self, name: str) -> "Report":
        """The report of one site's documents (kept beside the overall counts)."""
        return self.sites.setdefault(name, Report())

    def macro_f1(self, kind: str) -> float | None:
        """The mean over sites of each site's F1 for `kind` (sites with nothing of it left out)."""
        values = [
            2 * tally.tp / (2 * tally.tp + tally.fp + tally.fn)
            for report in self.sites.values()
            if (tally := report.kinds.get(kind)) is not None and tally.tp + tally.fp + tally.fn
        ]
        return round(sum(values) / len(values), 4) if values else None

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
            **({"macro_f1": {kind: self.macro_f1(kind) for kind in self.kinds},
                "sites": {name: {"documents": report.documents,
                                 "kinds": {kind: tally.scores() for kind, tally in report.kinds.items()}}
                          for name, report in sorted(self.sites.items())}} if self.sites else {}),
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


def site_of(gold: dict, article: Article, source: Path) -> str:
    """The site a gold document belongs to: the gold's `site` or `url`, the page's own address,
    or the `url` of a `NAME.meta.json` beside the dump (as scripts/fetch-real-pages writes)."""
    if gold.get("site"):
        return gold["site"]
    url = gold.get("url") or article.url
    sidecar = source.with_name(source.name.rsplit(".", 1)[0] + ".meta.json")
    if not url and sidecar.exists():
        try:
            url = json.loads(sidecar.read_text(encoding="utf-8")).get("url")
        except (OSError, ValueError, AttributeError):
            url = None
    return registrable_domain(url) or "unknown"


def evaluate(gold_paths: list[Path], source_dirs: list[Path], per_site: bool = False) -> Report:
    """Convert each gold file's dump and score it; `per_site` also scores each site apart."""
    report = Report()
    for path in gold_paths:
        gold = load_gold(path)
        source = find_source(path, gold, source_dirs)
        gold = resolve_spans(gold, read_dump_text(source))
        article = convert_for_scoring(source)
        score_document(report, path.name, gold, article)
        if per_site:
            score_document(report.site(site_of(gold, article, source)), path.name, gold, article)
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
    if report.sites:
        lines += ["", _site_table(report)]
    return "\n".join(lines)


_SITE_KINDS = ("paragraphs", "headings", "highlights", "captions", "videos", "quotes")


def _site_table(report: Report) -> str:
    """F1 per kind for each site, then the macro average over sites."""
    kinds = [kind for kind in _SITE_KINDS if kind in report.kinds]
    width = max([len("macro over sites"), *map(len, report.sites)])
    lines = [f"{'site':<{width}} {'docs':>4} " + " ".join(f"{kind[:10]:>10}" for kind in kinds)]
    for name, site in sorted(report.sites.items()):
        cells = []
        for kind in kinds:
            tally = site.kinds.get(kind)
            cells.append(f"{tally.scores()['f1']:>10.3f}" if tally and tally.tp + tally.fp + tally.fn else f"{'-':>10}")
        lines.append(f"{name:<{width}} {site.documents:>4} " + " ".join(cells))
    macro = [report.macro_f1(kind) for kind in kinds]
    lines.append(f"{'macro over sites':<{width}} {len(report.sites):>4} "
                 + " ".join(f"{value:>10.3f}" if value is not None else f"{'-':>10}" for value in macro))
    return "\n".join(lines)
