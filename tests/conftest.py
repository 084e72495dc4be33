"""Shared fixtures: the fixture dumps, the seed dump and its gold, running the CLI, and
reading an article back in the shape of a `newsfacts-gold/1` file so tests compare like with like.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from datasette_newsfacts.cli import cli
from datasette_newsfacts.model import Article

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "fixtures" / "forms"
SEED = ROOT / "fixtures" / "seed" / "000_14d1a24053a90e28.txt"
SEED_GOLD = SEED.with_suffix(".gold.json")

# The gold keys a conversion is compared on; quotes belong to another pass.
GOLD_KEYS = ("dateline", "highlights", "headings", "paragraphs", "captions", "videos", "contributors")


def facts_from_article(article: Article) -> dict:
    """An Article in the shape of a gold file (without quotes)."""
    return {
        "dateline": (
            {"place": article.dateline.place, "outlet": article.dateline.outlet} if article.dateline else None
        ),
        "highlights": [item.text for item in article.highlights],
        "headings": [item.text for item in article.headings],
        "paragraphs": [{"text": p.text, "section": p.section} for p in article.paragraphs],
        "captions": [
            {
                "text": c.text,
                "credit": c.credit.text if c.credit else None,
                "photographer": c.credit.photographer if c.credit else None,
                "agency": c.credit.agency if c.credit else None,
                "distributor": c.credit.distributor if c.credit else None,
                "pool": bool(c.credit and c.credit.pool),
                "video": None if c.video is None else c.video + 1,
            }
            for c in article.captions
        ],
        "videos": [
            {"title": v.title, "duration": v.duration, "duration_seconds": v.duration_seconds, "source": v.source}
            for v in article.videos
        ],
        "contributors": [{"name": c.name, "outlet": c.outlet} for c in article.contributors],
    }


def facts_from_db(db_path: Path, source: str | Path) -> dict:
    """One article read back from the SQLite file the CLI wrote, in the shape of a gold file."""
    db = sqlite_utils.Database(db_path)
    (article,) = db.query("select * from articles where source = ?", [str(source)])
    aid = article["id"]

    def rows(table: str, columns: str) -> list[dict]:
        return list(db.query(f"select {columns} from {table} where article_id = ? order by position, id", [aid]))

    video_ids = [row["id"] for row in rows("videos", "id")]
    place, outlet = article["dateline_place"], article["dateline_outlet"]
    return {
        "dateline": {"place": place, "outlet": outlet} if (place or outlet) else None,
        "highlights": [row["text"] for row in rows("highlights", "text")],
        "headings": [row["text"] for row in rows("headings", "text")],
        "paragraphs": rows("paragraphs", "text, section"),
        "captions": [
            {
                **{key: row[key] for key in ("text", "credit", "photographer", "agency", "distributor")},
                "pool": bool(row["pool"]),
                "video": None if row["video_id"] is None else video_ids.index(row["video_id"]) + 1,
            }
            for row in rows("captions", "*")
        ],
        "videos": rows("videos", "title, duration, duration_seconds, source"),
        "contributors": rows("contributors", "name, outlet"),
    }


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def seed_gold(seed_path) -> dict:
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    return {key: gold[key] for key in GOLD_KEYS}


@pytest.fixture
def run_cli():
    """Run `newsfacts ARGS...`; exceptions propagate, so a traceback fails the test."""

    def run(*args: str | Path):
        return CliRunner().invoke(cli, [str(arg) for arg in args], catch_exceptions=False)

    return run
