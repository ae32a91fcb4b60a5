"""``Store``: the quotegraph corpus in one SQLite file.

    store = Store("quotegraph.db")                 # creates / migrates, one writer
    store.add_extracted(article)                    # one transaction per article
    rows, total = Store("quotegraph.db", readonly=True).search_quotes("appeal", speaker="Kaplan")

Writers serialise on SQLite's lock; read-only stores may be opened at any time,
also while an ingest runs (WAL).  Methods are safe to call from several threads.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from ..errors import StoreError
from ..model import Article
from . import queries
from .db import connect, time_limit, transaction
from .migrations import LATEST, current_version, migrate
from .writer import IdTaken, add_article

DEFAULT_DB = "quotegraph.db"


@dataclass
class IngestSummary:
    """What a run of writes did: ``Store.ingest_articles``, ``quotegraph.ingest`` and ``import-parquet`` alike."""

    new: int = 0
    present: int = 0
    quotes: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (where: an origin or an article id, reason)
    seconds: float = 0.0

    @property
    def done(self) -> int:
        return self.new + self.present + len(self.failed)

    def stored(self, quotes: int | None) -> None:
        """Count one article ``Store.add_extracted`` returned for: its quotes, or None when already present."""
        if quotes is None:
            self.present += 1
        else:
            self.new += 1
            self.quotes += quotes

    def to_dict(self) -> dict[str, object]:
        return {
            "new": self.new,
            "present": self.present,
            "failed": [{"origin": o, "reason": r} for o, r in self.failed],
            "quotes": self.quotes,
            "seconds": round(self.seconds, 3),
        }


class Store:
    """An open quotegraph database (see the module docstring)."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, readonly: bool = False, query_timeout: float | None = None) -> None:
        """Open (and, unless ``readonly``, create or migrate) the database at ``path``.

        ``query_timeout`` (seconds) interrupts a read that runs longer (StoreError).
        """
        self.path = Path(path)
        self.readonly = readonly
        self.query_timeout = query_timeout
        self._lock = threading.RLock()
        self._conn = connect(self.path, readonly=readonly)
        try:
            if readonly:
                version = current_version(self._conn)
                if version < LATEST:
                    raise StoreError(
                        f"database {self.path} has schema v{version}, this quotegraph needs v{LATEST}: "
                        f"open it once for writing (e.g. `quotegraph ingest --db {self.path}`) to migrate it"
                    )
            else:
                migrate(self._conn)
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreError(f"cannot use database {self.path}: {exc}") from exc
        except BaseException:
            self._conn.close()
            raise

    # -- lifecycle -------------------------------------------------------------------

    def close(self) -> None:
        """Close the connection (a WAL checkpoint happens when the last one closes)."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection, for tests and one-off SQL; prefer the methods."""
        return self._conn

    def _read(self, fn, *args: Any, **kwargs: Any) -> Any:
        with self._lock, time_limit(self._conn, self.query_timeout):
            try:
                return fn(self._conn, *args, **kwargs)
            except sqlite3.OperationalError as exc:
                if "interrupted" in str(exc):
                    raise
                raise StoreError(f"query failed on {self.path}: {exc}") from exc

    # -- writing -------------------------------------------------------------------

    def has_hash(self, content_hash: str) -> bool:
        """Whether an article with this text (sha256, ``Article.content_hash``) is stored."""
        with self._lock:
            return self._conn.execute("SELECT 1 FROM articles WHERE hash = ?", (content_hash,)).fetchone() is not None

    def add_extracted(self, article: Article) -> int | None:
        """Store one extracted article in one transaction; its quote count, or None if already stored.

        Raises StoreError (nothing written) when the article id is taken by another text.
        """
        if self.readonly:
            raise StoreError(f"database {self.path} is open read-only: open it without readonly to write")
        with self._lock:
            try:
                with transaction(self._conn):
                    return add_article(self._conn, article)
            except sqlite3.IntegrityError as exc:
                raise IdTaken(f"article {article.id!r} cannot be stored: {exc} (are its quote ids unique?)") from exc
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"cannot write to {self.path}: {exc}") from exc

    def ingest_articles(self, articles: Iterable[Article], summary: IngestSummary | None = None) -> IngestSummary:
        """Store already-extracted articles (e.g. from Parquet), one transaction each; counts go to ``summary``.

        An article refused because its id is taken is counted as failed; any other
        StoreError (a database that cannot be written) stops the run (a rerun resumes).
        """
        summary = IngestSummary() if summary is None else summary
        for article in articles:
            try:
                summary.stored(self.add_extracted(article))
            except IdTaken as exc:
                summary.failed.append((article.id, str(exc)))
        return summary

    # -- reading -------------------------------------------------------------------

    def search_quotes(
        self,
        q: str | None = None,
        *,
        speaker: str | int | None = None,
        outlet: str | None = None,
        channel: str | None = None,
        since: str | None = None,
        until: str | None = None,
        type: str | None = None,
        act: str | Sequence[str] | None = None,
        limit: int = 20,
        offset: int = 0,
        sort: str | None = None,
    ) -> queries.SearchResult:
        """Quotes matching a full-text query (any user text is safe) and filters: ``(rows, total)``
        (see :class:`~quotegraph.store.queries.SearchResult` for the cap on very common words).

        A row is ``Quote.to_dict()`` plus ``speaker_id``, ``article`` {id, title, date,
        outlet, url}, ``cluster`` {id, size}, ``fragment`` and, with ``q``, ``highlights``
        ([start, end] ranges of the content that match).  ``speaker`` is an id or a
        name/alias; ``since``/``until`` are inclusive ISO date prefixes; ``act`` one act or
        several; ``sort`` is relevance (statements first, fragments last), newest or oldest.
        """
        return self._read(
            queries.search_quotes, q, speaker=speaker, outlet=outlet, channel=channel, since=since, until=until,
            type=type, act=act, limit=max(0, int(limit)), offset=max(0, int(offset)), sort=sort,
        )

    def export_quotes(self, q: str | None = None, *, sort: str | None = None, batch: int = 500,
                      **filters: Any) -> Iterator[dict[str, Any]]:
        """Every quote the same search matches — no cap, no pages — as rows like ``search_quotes``'s
        (without highlights), read ``batch`` at a time.  ``filters`` are ``search_quotes``'s
        (speaker, outlet, channel, since, until, type, act).  The search is checked (and a text
        query's matches ordered) now; rows are read as the iterator is consumed."""
        return self._export_rows(self._read(queries.start_export, q, sort=sort, **filters), batch)

    def _export_rows(self, export: queries.Export, batch: int) -> Iterator[dict[str, Any]]:
        while rows := self._read(queries.export_batch, export, batch):
            yield from rows

    def get_quote(self, quote_id: str) -> dict[str, Any] | None:
        """One quote row plus ``context`` {text, offset} and ``provenance`` (see ``provenance``); None if unknown."""
        return self._read(queries.get_quote, quote_id)

    def provenance(self, cluster_id: int) -> dict[str, Any]:
        """A cluster's appearances, first first; later ones flag differing wording (removed/added words)."""
        return self._read(queries.provenance, cluster_id)

    def list_speakers(self, q: str | None = None, *, limit: int = 20, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """Speakers, most quoted first, filtered by name/alias when ``q`` is given: ``(rows, total)``."""
        return self._read(queries.list_speakers, q, limit=max(0, int(limit)), offset=max(0, int(offset)))

    def get_speaker(self, speaker_id: int) -> dict[str, Any] | None:
        """A speaker with aliases, roles, counts per outlet, month and (month, outlet), first and last quote; None if unknown."""
        return self._read(queries.get_speaker, int(speaker_id))

    def find_speakers(self, name: str) -> list[int]:
        """Ids of the speakers a name or alias designates (exact normalised match, else substring)."""
        return self._read(queries.speaker_ids, name)

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """An article (text, title, date, outlet, url, blockquotes) with all its quote rows and entities; None if unknown."""
        return self._read(queries.get_article, article_id)

    def read_article(self, article_id: str) -> Article | None:
        """A stored article as the Article it was stored from (quotes, entities, blockquotes); None if unknown."""
        return self._read(queries.read_article, article_id)

    def stats(self) -> dict[str, int]:
        """Counts of articles, quotes, speakers, outlets and multi-report clusters."""
        return self._read(queries.stats)
