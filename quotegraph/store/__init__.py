"""The corpus store: one SQLite file with articles, quotes, speakers and quote clusters.

    db.py          connection, WAL, pragmas, transactions, query time limit
    migrations.py  numbered schema steps + schema_version
    writer.py      one extracted Article → rows (one transaction)
    clusters.py    quote clusters (provenance) kept in the database
    queries.py     the read API (search, quote + provenance, speakers, articles)
    search.py      user text → safe FTS5 query
    store.py       ``Store``, the class the CLI, HTTP API and Spark import use
    ingest.py      files → extraction → store, resumable, with progress
"""

from .store import DEFAULT_DB, AddCounts, Store

__all__ = ["AddCounts", "DEFAULT_DB", "Store"]
