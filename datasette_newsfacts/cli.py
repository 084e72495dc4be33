"""The `newsfacts` command line (also offered as `datasette newsfacts`)."""

from __future__ import annotations

import sys

import click
import sqlite_utils

from . import convert as conversion
from .sources import walk


@click.group(help="Turn raw news page dumps into a SQLite dataset for Datasette.")
@click.version_option(package_name="datasette-newsfacts")
def cli() -> None:
    pass


@cli.command()
@click.argument("db_path", type=click.Path(dir_okay=False, writable=True))
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--batch-size", default=100, show_default=True, help="Articles written per transaction.")
@click.option("--strict", is_flag=True, help="Stop at the first file that cannot be converted.")
@click.option("--encoding", default="utf-8", show_default=True, help="Text encoding of the dumps.")
@click.option("--force", is_flag=True, help="Convert dumps again even when they have not changed.")
@click.option("--quotes/--no-quotes", default=True, show_default=True, help="Find quotations and their speakers.")
@click.option("--silent", is_flag=True, help="Do not show a progress bar.")
def convert(db_path, inputs, batch_size, strict, encoding, force, quotes, silent):
    """Convert page dumps (files or directories of .txt / .txt.gz) into DB_PATH.

    Each article's body paragraphs, photo captions and credits, video promos, highlights,
    headings, dateline and contributors go into their own tables.  Files that cannot be
    read are recorded in the import_errors table and the run goes on (unless --strict).
    """
    paths = list(walk(list(inputs)))
    db = sqlite_utils.Database(db_path)
    show = not silent and len(paths) > 1
    with click.progressbar(length=len(paths), label="Converting", file=sys.stderr, show_pos=True) if show else _NoBar() as bar:
        try:
            summary = conversion.run(
                db, paths, batch_size=batch_size, strict=strict, encoding=encoding, force=force, quotes=quotes,
                progress=lambda path: bar.update(1),
            )
        except conversion.ConversionError as error:
            raise click.ClickException(
                f"{error.source}: {error.reason}. Nothing after it was converted (--strict)."
            ) from None
    click.echo(summary.report())
    if summary.stored == 0:
        raise click.ClickException(
            "no article was stored: "
            + ("no input files were found; name .txt or .txt.gz files or directories that hold them"
               if not paths else f"all {len(paths):,} inputs failed (see above and the import_errors table)")
        )


class _NoBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n):
        pass


@cli.command()
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--source-dir", multiple=True, type=click.Path(exists=True, file_okay=False),
              help="Another folder to look in for the dumps the gold files name.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--misses", is_flag=True, help="Also list what was missed or extra, per document.")
def evaluate(gold, source_dir, as_json, misses):
    """Score the converter against hand-made GOLD files (format newsfacts-gold/1).

    Each gold file names its dump in "source"; the dump is looked for beside the gold
    file, then in each --source-dir.  Prints precision, recall and F1 per kind
    (paragraphs, headings, highlights, captions, videos, quotes), micro-averaged over
    documents, and the accuracy of credit fields, video links and quote speakers.
    """
    import json as json_module
    from pathlib import Path

    from . import evaluate as scoring

    try:
        report = scoring.evaluate([Path(p) for p in gold], [Path(d) for d in source_dir])
    except (scoring.GoldError, OSError, ValueError) as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        data = report.as_dict()
        if not misses:
            data.pop("misses")
        click.echo(json_module.dumps(data, indent=2, ensure_ascii=False))
        return
    click.echo(scoring.format_report(report))
    if misses:
        for miss in report.misses:
            click.echo(f"{miss.pop('document')}: " + json_module.dumps(miss, ensure_ascii=False))
