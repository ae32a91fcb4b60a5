"""Opening the SQLite file: WAL, pragmas, read-only connections with a time limit.

One writer at a time (SQLite's rule); any number of readers, also while an ingest
runs, because the journal is in WAL mode.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from pathlib import Path
from typing import Iterator

from ..errors import StoreError

BUSY_TIMEOUT_MS = 10_000


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection with quotegraph's pragmas; read-only connections never create the file."""
    path = Path(path)
    try:
        if readonly:
            if not path.exists():
                raise StoreError(f"no database at {path}: create one with `quotegraph ingest PATH --db {path}`")
            conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        else:
            if path.parent and not path.parent.exists():
                raise StoreError(f"cannot create database {path}: folder {path.parent} does not exist")
            conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")  # in WAL: durable against process crashes
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA cache_size=-32000")
        # Reads come straight from the OS page cache, shared by every thread's connection,
        # instead of each connection copying pages into its own cache.
        conn.execute("PRAGMA mmap_size=268435456")
        conn.execute("PRAGMA temp_store=MEMORY")
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open database {path}: {exc} (is it a quotegraph database?)") from exc
    conn.row_factory = sqlite3.Row
    return conn


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error: all or nothing."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextlib.contextmanager
def time_limit(conn: sqlite3.Connection, seconds: float | None) -> Iterator[None]:
    """Interrupt a query that runs longer than ``seconds`` (raises StoreError)."""
    if not seconds:
        yield
        return
    deadline = time.monotonic() + seconds
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            raise StoreError(f"query took longer than {seconds:g}s: narrow it with filters") from exc
        raise
    finally:
        conn.set_progress_handler(None, 0)
