"""What the app holds between requests: the store path, per-thread read connections,
the write token, and the extraction pipeline (loaded on first use, one call at a time)."""

from __future__ import annotations

import hmac
import threading
from pathlib import Path
from typing import Any

from ..errors import StoreError

QUERY_TIMEOUT_S = 5.0  # a read running longer is interrupted and answered 503, not left to pile up


class WebState:
    def __init__(self, db_path: Path, *, write: bool, token: str | None, pipeline: str | None, finder: str | None) -> None:
        self.db_path = db_path
        self.write = write
        self._token = token
        self.pipeline = pipeline
        self.finder = finder
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._writer: Any = None
        self.extract_lock = threading.Lock()

    def store(self) -> Any:
        """A read-only Store for this thread (SQLite connections are not shared across threads)."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._open(readonly=True)
            self._local.store = store
        return store

    def open_reader(self) -> Any:
        """A read-only Store of its own, for a response that outlives its thread (a streamed export);
        the caller closes it."""
        return self._open(readonly=True)

    def writer(self) -> Any:
        """The single writing Store; callers hold ``write_lock`` while using it."""
        if self._writer is None:
            self._writer = self._open(readonly=False)
        return self._writer

    @property
    def write_lock(self) -> threading.Lock:
        return self._write_lock

    def _open(self, *, readonly: bool) -> Any:
        from ..store import Store

        if readonly and not self.db_path.exists():
            raise StoreError(f"no database at {self.db_path}: build one with `quotegraph ingest PATH --db {self.db_path}`, or pass --db")
        return Store(str(self.db_path), readonly=readonly, query_timeout=QUERY_TIMEOUT_S if readonly else None)

    def token_matches(self, presented: str) -> bool:
        return self._token is not None and hmac.compare_digest(presented.encode(), self._token.encode())
