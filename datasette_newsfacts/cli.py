"""The `newsfacts` command line (also offered as `datasette newsfacts`)."""

from __future__ import annotations

import os
import sqlite3
import sys
from datetime import datetime

import click
import sqlite_utils

from . import convert as conversion
from . import opening
from .readers import Fields, walk


@click.group(help="Turn raw news page dumps into a SQLite dataset for Datasette.")
@click.version_option(package_name="datasette-newsfacts")
def cli() -> None:
    pass


def _parse_since(ctx, param, value):
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value).replace(tzinfo=None)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD") from None


@cli.command()
@click.argument("db_path", type=click.Path(dir_okay=False, writable=True))
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--batch-size", default=500, show_default=True, type=click.IntRange(1), help="Articles written per transaction.")
@click.option("--workers", default=os.cpu_count() or 1, show_default="the machine's cores", type=click.IntRange(1),
              help="Processes that parse in parallel (one writer).")
@click.option("--strict", is_flag=True, help="Stop at the first input that cannot be converted.")
@click.option("--encoding", default="utf-8", show_default=True, help="Text encoding of the inputs.")
@click.option("--force", is_flag=True, help="Convert inputs again even when they have not changed.")
@click.option("--since", callback=_parse_since, metavar="DATE", help="Skip corpus records dated before DATE (YYYY-MM-DD).")
@click.option("--quotes/--no-quotes", default=True, show_default=True, help="Find quotations and their speakers.")
@click.option("--text-field", help="JSON Lines / CSV field holding the article text.")
@click.option("--html-field", help="JSON Lines / CSV field holding the article HTML.")
@click.option("--title-field", help="JSON Lines / CSV field holding the title.")
@click.option("--url-field", help="JSON Lines / CSV field holding the URL.")
@click.option("--date-field", help="JSON Lines / CSV field holding the publication date.")
@click.option("--id-field", help="JSON Lines / CSV field holding a record id.")
@click.option("--silent", is_flag=True, help="Do not show a progress bar.")
def convert(db_path, inputs, batch_size, workers, strict, encoding, force, since, quotes,
            text_field, html_field, title_field, url_field, date_field, id_field, silent):
    """Convert news articles from INPUTS into the SQLite database DB_PATH.

    INPUTS are files or directories (walked in sorted order) of plain-text page dumps
    (.txt), HTML pages (.html, .htm), JSON Lines (.jsonl) or CSV (.csv) corpora with one
    article per record, zip archives of these, any of them gzipped (.gz), or - for
    standard input.  Each article's body paragraphs, photo captions and credits, video
    promos, quotes, highlights, headings, dateline and contributors go into their own
    tables.  Inputs that cannot be read are recorded in the import_errors table and the
    run goes on (unless --strict); unchanged inputs are skipped (unless --force).
    """
    paths = list(walk(list(inputs)))
    fields = Fields(text_field, html_field, title_field, url_field, date_field, id_field)
    try:
        db = opening.open_database(db_path)
    except opening.DatabaseProblem as problem:
        raise click.ClickException(str(problem)) from None
    show = not silent and len(paths) > 1 and sys.stderr.isatty()
    bar = click.progressbar(length=len(paths), label="Converting", file=sys.stderr, show_pos=True) if show else None

    finished = []  # the bar was ended by a message after it

    def announce(message: str) -> None:
        if silent:
            return
        if bar and not finished:
            bar.render_finish()
            finished.append(True)
        click.echo(message, err=True)

    try:
        summary = conversion.run(
            db, paths, batch_size=batch_size, strict=strict, force=force, workers=workers,
            options=conversion.Options(encoding=encoding, quotes=quotes), fields=fields, since=since,
            progress=(lambda path: bar.update(1)) if bar else (lambda path: None), announce=announce,
        )
    except conversion.ConversionError as error:
        raise click.ClickException(f"{error.source}: {error.reason}. Stopped there (--strict).") from None
    except KeyboardInterrupt:
        raise click.ClickException(
            "interrupted: every batch written so far is kept; run the same command again to go on "
            "(and, after a first load, to build the search indexes)"
        ) from None
    except (sqlite3.Error, OSError) as error:  # the database's disk, lock or file, not the inputs (those are recorded)
        raise click.ClickException(opening.explain(error, db_path)) from None
    finally:
        if bar and not finished:
            bar.render_finish()
        opening.close_database(db)
    click.echo(summary.report())
    if summary.stored == 0:
        if not paths:
            why = "no inputs were found; name .txt, .html, .jsonl, .csv or .zip files, or directories holding them"
        elif summary.failures:
            why = f"every input failed ({len(summary.failures):,} failures, listed above and in the import_errors table)"
        else:
            why = "the inputs held no article" + (" dated on or after --since" if since else "")
        raise click.ClickException(f"no article was stored: {why}")


@cli.command()
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--source-dir", multiple=True, type=click.Path(exists=True, file_okay=False),
              help="Another folder to look in for the dumps the gold files name.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--misses", is_flag=True, help="Also list what was missed or extra, per document.")
@click.option("--per-site", is_flag=True,
              help="Also give F1 per kind for each site (registrable domain) and the mean over sites.")
def evaluate(gold, source_dir, as_json, misses, per_site):
    """Score the converter against hand-made GOLD files (format newsfacts-gold/1).

    Each gold file names its dump in "source"; the dump is looked for beside the gold
    file, then in each --source-dir.  Prints precision, recall and F1 per kind
    (paragraphs, headings, highlights, captions, videos, quotes), micro-averaged over
    documents, and the accuracy of credit fields, video links and quote speakers.
    With --per-site, each site's F1 too: the site is the gold's "site" or "url", the page's
    own address, or the "url" of a NAME.meta.json beside the dump.
    """
    import json as json_module
    from pathlib import Path

    from . import evaluate as scoring

    try:
        report = scoring.evaluate([Path(p) for p in gold], [Path(d) for d in source_dir], per_site=per_site)
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


@cli.command()
@click.option("-o", "--output", type=click.File("w"), default="-", help="Write here instead of standard output.")
@click.option("--database", default="news", show_default=True, help="The database name (file name without .db).")
def metadata(output, database):
    """Write Datasette metadata (table defaults and canned queries) for a converted database.

    The plugin serves the same settings on its own; this file is for reading them, for
    `datasette -m` without the plugin, and for moving to Datasette 1.0's datasette.yaml.
    """
    from .config import metadata_yaml

    output.write(metadata_yaml(database))


@cli.command()
@click.argument("db_path", type=click.Path(dir_okay=False, writable=True))
@click.argument("parts", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
def merge(db_path, parts):
    """Merge databases that `convert` made from parts of a corpus (PARTS) into DB_PATH.

    The result holds the same rows as one `convert` run over the whole corpus; search
    indexes and speaker counts are kept right.  Merging the same part twice changes nothing.
    """
    from pathlib import Path

    from .merge import merge_databases

    try:
        copied = merge_databases(sqlite_utils.Database(db_path), [Path(p) for p in parts])
    except (ValueError, FileNotFoundError) as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Merged {len(parts):,} databases: " + ", ".join(f"{n:,} {table}" for table, n in copied.items() if n))


@cli.command()
@click.argument("db_path", type=click.Path(exists=True, dir_okay=False, writable=True))
def refine(db_path):
    """Re-read the articles in DB_PATH against the lines its corpus repeats.

    A line found in many articles of one site, outlet or input folder is page furniture.
    `convert` does this at the end of every run; `refine` brings the counts up to date and
    checks every stored article against them (after a merge by hand, say, or an upgrade).
    """
    from . import config, repetition, storage

    try:
        db = opening.open_database(db_path)  # locked as convert locks it: the two never interleave
    except opening.DatabaseProblem as problem:
        raise click.ClickException(str(problem)) from None
    try:
        if not config.is_newsfacts(db.table_names()):
            raise click.ClickException(f"{db_path}: not a database `newsfacts convert` made; convert some articles into it first")
        storage.ensure_schema(db)
        if not db.execute("select 1 from articles limit 1").fetchone():
            raise click.ClickException(f"{db_path}: holds no article; convert some into it first")
        click.echo(repetition.refresh(db, every_group=True).report())
    except (sqlite3.Error, OSError) as error:
        raise click.ClickException(opening.explain(error, db_path)) from None
    finally:
        opening.close_database(db)


@cli.command(name="convert-dask")
@click.argument("db_path", type=click.Path(dir_okay=False, writable=True))
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--scheduler", metavar="ADDRESS", help="A running Dask scheduler (tcp://host:8786); default: a local cluster.")
@click.option("--local-workers", default=2, show_default=True, type=click.IntRange(1), help="Workers of the local cluster.")
@click.option("--partitions", default=8, show_default=True, type=click.IntRange(1), help="Parts the corpus is split into.")
@click.option("--work-dir", type=click.Path(file_okay=False), help="Where the partition databases go (shared by the workers).")
@click.option("--quotes/--no-quotes", default=True, show_default=True, help="Find quotations and their speakers.")
def convert_dask(db_path, inputs, scheduler, local_workers, partitions, work_dir, quotes):
    """Convert INPUTS on a Dask cluster, one database per partition, merged into DB_PATH.

    Needs `pip install 'datasette-newsfacts[dask]'`.  The inputs and --work-dir must be
    at the same paths on every worker (a shared file system).
    """
    from pathlib import Path

    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise click.ClickException("Dask is not installed: pip install 'datasette-newsfacts[dask]'") from None
    from .cluster import convert_on_dask
    from .merge import merge_databases

    work = Path(work_dir or f"{db_path}.parts")
    cluster = None if scheduler else LocalCluster(n_workers=local_workers, threads_per_worker=1, processes=True)
    with Client(scheduler or cluster) as client:
        results = convert_on_dask(client, list(inputs), work, partitions, quotes)
    if cluster is not None:
        cluster.close()
    copied = merge_databases(sqlite_utils.Database(db_path), [Path(r["db"]) for r in results])
    failed = sum(r["failed"] for r in results)
    click.echo(
        f"Converted {sum(r['converted'] for r in results):,} articles in {len(results)} partitions "
        f"({failed:,} failed, see import_errors): " + ", ".join(f"{n:,} {t}" for t, n in copied.items() if n)
    )
    if not copied["articles"]:
        raise click.ClickException("no article was stored")
