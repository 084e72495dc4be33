"""`scripts/devset score`: the converter (and trafilatura) on one split of the development set.

Each page is converted three ways: its whole-page dump, its article-region dump, and its HTML.
Per kind, precision, recall and F1 are given micro-averaged over pages and macro-averaged over
sites (each site's F1, then the mean), beside trafilatura's paragraphs on the same HTML pages.
"""

from __future__ import annotations

import gzip
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from datasette_newsfacts.convert import Options, parse_article
from datasette_newsfacts.evaluate import Report, Tally, score_document
from datasette_newsfacts.readers import Document
from datasette_newsfacts.text import decode_html

FORMS = ("page", "article", "html")
KINDS = ("paragraphs", "headings", "highlights", "captions")
_OPTIONS = Options(quotes=False)


def built_pages(cache: Path, split: str, sources: list[str] | None) -> list[tuple[dict, Path]]:
    """(meta, folder) of every built page of the split, in a fixed order."""
    found = []
    for meta_path in sorted(cache.glob("*/meta.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta["split"] == split and (not sources or meta["source"] in sources):
            found.append((meta, meta_path.parent))
    return found


def page_html(folder: Path) -> str:
    path = folder / "page.html"
    if path.exists():
        return decode_html(path.read_bytes())
    return decode_html(gzip.decompress((folder / "page.html.gz").read_bytes()))


def convert_form(folder: Path, form: str):
    """The converter's Article for one form of one page."""
    if form == "html":
        document = Document(str(folder / "page.html"), None, page_html(folder), is_html=True)
    else:
        document = Document(str(folder / f"{form}.txt"), None, (folder / f"{form}.txt").read_text(encoding="utf-8"))
    return parse_article(document, _OPTIONS)


def trafilatura_article(html: str):
    """trafilatura's paragraphs and headings from the same HTML, as an Article to score."""
    import trafilatura
    from lxml import etree

    from datasette_newsfacts.model import Article, Paragraph, TextItem

    article = Article(source="trafilatura")
    xml = trafilatura.extract(html, output_format="xml", include_comments=False, include_tables=False)
    if not xml:
        return article
    root = etree.fromstring(xml.encode("utf-8"))
    for element in root.iter("p", "item", "head"):
        if element.tag == "item" and element.find("p") is not None:
            continue
        text = " ".join("".join(element.itertext()).split())
        if not text:
            continue
        if element.tag == "head":
            article.headings.append(TextItem(0, text))
        else:
            article.paragraphs.append(Paragraph(0, text))
    return article


# --html-body-trafilatura: trafilatura finds the story's body in the HTML, our reading keeps
# everything else (captions, videos, highlights, metadata).  Two ways of joining them:
# `html+traf-body` takes trafilatura's paragraphs and headings as the body (less those that are
# our captions or highlights); `html+traf-filter` keeps our paragraphs and headings that
# trafilatura's body holds too.
HYBRIDS = ("html+traf-body", "html+traf-filter")
_KEPT_OVERLAP = 0.8  # share of a block's words trafilatura's body must hold to keep it


def hybrid_article(system: str, ours, traf):
    """Our HTML Article with its body chosen by trafilatura's (see HYBRIDS)."""
    import copy

    from datasette_newsfacts.text import fold

    article = copy.deepcopy(ours)
    if system == "html+traf-body":
        ours_only = {fold(item.text) for item in [*ours.captions, *ours.highlights]}
        article.paragraphs = [p for p in traf.paragraphs if fold(p.text) not in ours_only]
        article.headings = [h for h in traf.headings if fold(h.text) not in ours_only]
        return article
    body = fold(" ".join(item.text for item in [*traf.paragraphs, *traf.headings]))
    words = set(body.split())

    def held(text: str) -> bool:
        folded = fold(text)
        if folded in body:
            return True
        own = folded.split()
        return bool(own) and sum(word in words for word in own) >= _KEPT_OVERLAP * len(own)

    article.paragraphs = [p for p in ours.paragraphs if held(p.text)]
    article.headings = [h for h in ours.headings if held(h.text)]
    return article


def _macro(per_site: dict[str, Report], kind: str) -> float | None:
    values = []
    for report in per_site.values():
        tally = report.kinds.get(kind)
        if tally is None or tally.tp + tally.fp + tally.fn == 0:
            continue
        values.append(tally.scores()["f1"])
    return round(sum(values) / len(values), 4) if values else None


def _summary(report: Report, per_site: dict[str, Report]) -> dict:
    data = report.as_dict()
    data.pop("misses")
    for kind, scores in data["kinds"].items():
        scores["macro_f1"] = _macro(per_site, kind)
    data["sites"] = len(per_site)
    return data


def score(args, cache: Path) -> int:
    pages = built_pages(cache, args.split, args.source)
    if not pages:
        print(f"no built pages in split {args.split!r} under {cache}: run scripts/devset build first", file=sys.stderr)
        return 1
    systems = list(getattr(args, "form", None) or FORMS) + ([] if args.no_trafilatura else ["trafilatura"])
    hybrids = list(HYBRIDS) if getattr(args, "html_body_trafilatura", False) else []
    systems += hybrids
    reports = {system: Report() for system in systems}
    per_site = {system: defaultdict(Report) for system in systems}
    per_source = {system: defaultdict(Report) for system in systems}
    cpu = defaultdict(float)
    failures = []
    for meta, folder in pages:
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        made = {}
        for system in systems:
            started = time.process_time()
            try:
                if system in HYBRIDS:
                    ours = made.get("html") or convert_form(folder, "html")
                    traf = made.get("trafilatura") or trafilatura_article(page_html(folder))
                    article = hybrid_article(system, ours, traf)
                else:
                    article = trafilatura_article(page_html(folder)) if system == "trafilatura" else convert_form(folder, system)
                made[system] = article
            except Exception as error:  # a page that fails is scored as empty and listed
                failures.append(f"{meta['key']} {system}: {type(error).__name__}: {error}")
                from datasette_newsfacts.model import Article

                article = Article(source=str(folder))
            cpu[system] += time.process_time() - started
            graded = dict(gold) if system != "trafilatura" else {"paragraphs": gold.get("paragraphs")}
            score_document(reports[system], meta["key"], graded, article)
            score_document(per_site[system][meta["domain"]], meta["key"], graded, article)
            score_document(per_source[system][meta["source"]], meta["key"], graded, article)
    result = {"split": args.split, "pages": len(pages),
              "sources": sorted({meta["source"] for meta, _ in pages}),
              "systems": {system: _summary(reports[system], per_site[system]) for system in systems},
              "per_source": {system: {source: report.as_dict()["kinds"] for source, report in sorted(by_source.items())}
                             for system, by_source in per_source.items()},
              "cpu_ms_per_page": {system: round(1000 * cpu[system] / len(pages), 1) for system in systems},
              "failures": failures}
    print(format_result(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


def format_result(result: dict) -> str:
    lines = [f"split {result['split']}: {result['pages']} pages ({', '.join(result['sources'])})", "",
             f"{'system':<12} {'kind':<11} {'P':>6} {'R':>6} {'F1':>6} {'macro':>6} {'gold':>6} {'pred':>6}"]
    for system, data in result["systems"].items():
        for kind in KINDS:
            scores = data["kinds"].get(kind)
            if not scores:
                continue
            macro = "-" if scores["macro_f1"] is None else f"{scores['macro_f1']:.3f}"
            lines.append(f"{system:<12} {kind:<11} {scores['precision']:>6.3f} {scores['recall']:>6.3f} "
                         f"{scores['f1']:>6.3f} {macro:>6} {scores['gold']:>6} {scores['predicted']:>6}")
        for name, value in data["accuracy"].items():
            if name.startswith("caption ") and value["scored"]:
                lines.append(f"{system:<12} {name:<24} {value['accuracy']:.3f} of {value['scored']}")
    if result.get("per_source"):
        lines += ["", "paragraphs F1 per source (pages' gold paragraphs):"]
        sources = sorted({source for by_source in result["per_source"].values() for source in by_source})
        lines.append(f"{'system':<12} " + " ".join(f"{source:>12}" for source in sources))
        for system, by_source in result["per_source"].items():
            cells = []
            for source in sources:
                scores = by_source.get(source, {}).get("paragraphs")
                cells.append(f"{scores['f1']:>6.3f} ({scores['gold']:>4})" if scores else f"{'-':>12}")
            lines.append(f"{system:<12} " + " ".join(f"{cell:>12}" for cell in cells))
    lines.append("")
    lines.append("CPU ms per page: " + ", ".join(f"{k} {v}" for k, v in result["cpu_ms_per_page"].items()))
    if result["failures"]:
        lines.append(f"{len(result['failures'])} conversions failed: " + "; ".join(result["failures"][:5]))
    return "\n".join(lines)
