"""Finding the dumps to convert and reading their bytes."""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Iterator
from pathlib import Path

from .text import DumpError

# The suffixes a directory walk picks up; a file named on the command line is read whatever its name.
SUFFIXES = (".txt", ".txt.gz")


def walk(inputs: list[str]) -> Iterator[str]:
    """Every dump under the given files and directories, directories walked in sorted order."""
    for given in inputs:
        if os.path.isdir(given):
            for root, dirs, files in os.walk(given):
                dirs.sort()
                for name in sorted(files):
                    if name.lower().endswith(SUFFIXES):
                        yield os.path.join(root, name)
        else:
            yield given


def read_bytes(path: str) -> bytes:
    """The bytes of a dump, gunzipped when its name ends in `.gz`."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise DumpError("no such file") from None
    except IsADirectoryError:
        raise DumpError("is a directory") from None
    except OSError as error:
        raise DumpError(f"cannot be read ({error.strerror})") from None
    if path.lower().endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (EOFError, gzip.BadGzipFile, zlib.error, OSError) as error:
            raise DumpError(f"the gzip data is truncated or corrupt ({error}); download or compress it again") from None
    return data
