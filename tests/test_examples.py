"""Every canned query against its examples/NAME.md file: the rows as JSON, and the same rows as CSV.

An example file is a `# name` title, a line of description, then one `## case` section per call,
each with a ```json block of parameters and a ```json block of the rows it returns on the fixtures
database.  After a deliberate change (a new query, a converter that finds more), rewrite them with

    NEWSFACTS_UPDATE_EXAMPLES=1 pytest tests/test_examples.py

and read the diff before committing it.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest
from datasette.app import Datasette

from datasette_newsfacts import config

from test_plugin import REPO, build_fixtures_db

EXAMPLES = REPO / "examples"
UPDATE = os.environ.get("NEWSFACTS_UPDATE_EXAMPLES") == "1"


@dataclass
class Case:
    title: str
    params: dict[str, str]
    rows: list[dict] | None


@dataclass
class Example:
    name: str
    description: str
    cases: list[Case]


_JSON_BLOCK = re.compile(r"```json\n(.*?)\n```", re.S)


def parse_example(text: str) -> Example:
    """Read an example file (see the module docstring for its shape)."""
    head, *sections = re.split(r"^## ", text, flags=re.M)
    lines = head.strip().splitlines()
    name = lines[0].removeprefix("# ").strip()
    cases = []
    for section in sections:
        title = section.splitlines()[0].strip()
        blocks = [json.loads(block) for block in _JSON_BLOCK.findall(section)]
        cases.append(Case(title, blocks[0], blocks[1] if len(blocks) > 1 else None))
    return Example(name, "\n".join(lines[1:]).strip(), cases)


def render_example(example: Example) -> str:
    """Write an example file back, one row a line so diffs stay readable."""
    out = [f"# {example.name}", "", example.description, ""]
    for case in example.cases:
        rows = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in case.rows or [])
        out += [
            f"## {case.title}", "",
            "Parameters:", "", "```json", json.dumps(case.params, ensure_ascii=False), "```", "",
            "Rows on the fixtures database:", "", "```json", f"[\n{rows}\n]" if rows else "[]", "```", "",
        ]
    return "\n".join(out)


def example_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.md"))


def test_one_example_file_per_canned_query():
    assert sorted(path.stem for path in example_files()) == sorted(config.QUERIES)
    for path in example_files():
        example = parse_example(path.read_text(encoding="utf-8"))
        assert example.name == path.stem
        assert example.cases, path
        for case in example.cases:
            assert set(case.params) == set(config.QUERIES[example.name]["params"]), (path, case.title)


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory) -> Path:
    return build_fixtures_db(tmp_path_factory.mktemp("examples") / "fixtures.db")


def _csv_value(value) -> str:
    return "" if value is None else str(value)


@pytest.mark.asyncio
@pytest.mark.parametrize("path", example_files(), ids=lambda path: path.stem)
async def test_example(examples_db, path):
    ds = Datasette([str(examples_db)])
    await ds.invoke_startup()
    example = parse_example(path.read_text(encoding="utf-8"))
    for case in example.cases:
        query = urlencode(case.params)
        response = await ds.client.get(f"/fixtures/{example.name}.json?_shape=array&{query}")
        assert response.status_code == 200, (case.title, response.text[:500])
        rows = response.json()
        if UPDATE:
            case.rows = rows
            continue
        assert rows == case.rows, case.title
        as_csv = await ds.client.get(f"/fixtures/{example.name}.csv?{query}")
        assert as_csv.status_code == 200
        csv_rows = list(csv.DictReader(io.StringIO(as_csv.text)))
        assert csv_rows == [{key: _csv_value(value) for key, value in row.items()} for row in case.rows], case.title
    if UPDATE:
        path.write_text(render_example(example), encoding="utf-8")
    else:
        assert render_example(example) == path.read_text(encoding="utf-8"), "run with NEWSFACTS_UPDATE_EXAMPLES=1"
