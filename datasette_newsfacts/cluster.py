"""Running the parse stage on a Dask cluster when one machine is not enough.

The corpus is split into partitions (contiguous runs of the sorted input list, so the
split is the same every time); each Dask task converts one partition into a database of
its own on storage the workers share; `merge.merge_databases` then combines them into one
database with the same rows as a single-machine run.  Dask is an optional dependency:
`pip install 'datasette-newsfacts[dask]'`.
"""

from __future__ import annotations

from pathlib import Path

from .readers import walk


def partitions(inputs: list[str], count: int) -> list[list[str]]:
    """The walked inputs split into `count` contiguous, nearly equal partitions."""
    paths = list(walk(inputs))
    size, extra = divmod(len(paths), count)
    result, start = [], 0
    for number in range(count):
        end = start + size + (1 if number < extra else 0)
        if end > start:
            result.append(paths[start:end])
        start = end
    return result


def convert_partition(db_path: str, paths: list[str], quotes: bool = True) -> dict:
    """One Dask task: convert `paths` into the database `db_path` (run on a worker)."""
    import sqlite_utils

    from . import convert

    # the merge reads the rows only: a partition needs no search or facet indexes of its own
    summary = convert.run(
        sqlite_utils.Database(db_path), paths, workers=1, options=convert.Options(quotes=quotes), build_indexes=False
    )
    return {"db": db_path, "converted": summary.converted, "failed": len(summary.failures)}


def convert_on_dask(client, inputs: list[str], work_dir: Path, partition_count: int, quotes: bool = True) -> list[dict]:
    """Convert the corpus on the cluster behind `client`, one database per partition."""
    work_dir.mkdir(parents=True, exist_ok=True)
    parts = partitions(inputs, partition_count)
    futures = [
        client.submit(convert_partition, str(work_dir / f"part-{number:05d}.db"), paths, quotes, pure=False)
        for number, paths in enumerate(parts)
    ]
    return client.gather(futures)
