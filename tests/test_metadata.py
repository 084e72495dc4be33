"""metadata.yml is generated from config.py, and says what the plugin hooks serve."""

from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner
from datasette.app import Datasette

from datasette_newsfacts import compat, config
from datasette_newsfacts.cli import cli

from test_plugin import REPO, facet_results, query_names, table_settings


async def served_query(ds, database: str, name: str) -> dict:
    """A canned query as Datasette serves it, in the shape metadata.yml writes queries."""
    if not compat.DATASETTE_1:
        return (await ds.get_canned_queries(database, None))[name]
    query = await ds.get_query(database, name)
    return {"sql": query.sql, "title": query.title, "description": query.description,
            "description_html": query.description_html, "params": query.parameters, "hide_sql": query.hide_sql}


def test_checked_in_metadata_is_up_to_date(tmp_path):
    out = tmp_path / "metadata.yml"
    result = CliRunner().invoke(cli, ["metadata", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == (REPO / "metadata.yml").read_text(encoding="utf-8"), (
        "metadata.yml is stale: run `newsfacts metadata -o metadata.yml`"
    )


def test_metadata_yaml_round_trips():
    assert yaml.safe_load((REPO / "metadata.yml").read_text(encoding="utf-8")) == config.metadata_document()


def test_database_option_names_the_database():
    result = CliRunner().invoke(cli, ["metadata", "--database", "corpus"], catch_exceptions=False)
    assert list(yaml.safe_load(result.output)["databases"]) == ["corpus"]


def test_metadata_command_has_help():
    result = CliRunner().invoke(cli, ["metadata", "--help"], catch_exceptions=False)
    assert "Write Datasette metadata" in result.output


@pytest.mark.asyncio
async def test_hooks_serve_what_the_file_says(tmp_path):
    from test_plugin import build_fixtures_db

    path = build_fixtures_db(tmp_path / "news.db")
    ds = Datasette([str(path)])
    await ds.invoke_startup()
    written = yaml.safe_load((REPO / "metadata.yml").read_text(encoding="utf-8"))["databases"]["news"]
    for table, settings in written["tables"].items():
        assert await table_settings(ds, "news", table) == settings, table
    if compat.DATASETTE_1:
        assert (await ds.get_database_metadata("news"))["description"] == written["description"]
    else:
        assert ds.metadata("description", database="news") == written["description"]
    for name, query in written["queries"].items():
        served = await served_query(ds, "news", name)
        assert {key: served[key] for key in query} == query, name


@pytest.mark.asyncio
async def test_the_file_alone_gives_the_same_pages(tmp_path):
    """With the plugin's settings also in -m metadata.yml nothing is doubled or lost."""
    from test_plugin import build_fixtures_db

    path = build_fixtures_db(tmp_path / "news.db")
    ds = Datasette([str(path)], metadata=yaml.safe_load((REPO / "metadata.yml").read_text(encoding="utf-8")))
    await ds.invoke_startup()
    assert sorted(await query_names(ds, "news")) == sorted(config.QUERIES)
    assert list(await facet_results(ds, "/news/captions.json")) == config.TABLES["captions"]["facets"]
