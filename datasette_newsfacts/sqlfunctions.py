"""SQL functions the canned queries call, so that what people type matches what is stored.

Registered on every connection Datasette opens (the `prepare_connection` hook).
"""

from __future__ import annotations

import sqlite3

from .speakers import key
from .videos import DURATION, duration_seconds


def speaker_key(name: str | None) -> str:
    """`Geng Shuang`, `geng shuang` and ` Geng  Shuang ` -> the speakers.id they share."""
    return key(name or "")


def seconds(value: str | int | None) -> int | None:
    """`90` -> 90, `1:30` -> 90, `1:02:03` -> 3723; blank or anything else -> NULL."""
    if value is None or isinstance(value, int):
        return value
    value = str(value).strip()
    if value.isdigit():
        return int(value)
    if DURATION.fullmatch(value):
        return duration_seconds(value)
    return None


def register(conn: sqlite3.Connection) -> None:
    conn.create_function("newsfacts_speaker_key", 1, speaker_key, deterministic=True)
    conn.create_function("newsfacts_seconds", 1, seconds, deterministic=True)
