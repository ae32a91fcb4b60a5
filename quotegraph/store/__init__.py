"""The corpus store: one SQLite file with articles, quotes, speakers and quote clusters.

    db.py          connection, WAL, pragmas, transactions, query time limit
    migrations.py  numbered schema steps + schema_version
    writer.py      one extracted Article → rows (one transaction)
    clusters.py    quote clusters (provenance) kept in the database
    queries.py     the read API (search, export, quote + provenance, speakers, articles)
    search.py      user text → safe FTS5 query; the words it matches in a quote
    store.py       ``Store``, the class the CLI, HTTP API and Spark import use

Reading files and extracting them is ``quotegraph.ingest``, above this package:
the store never imports the pipeline.
"""

from .store import DEFAULT_DB, IngestSummary, Store

__all__ = ["DEFAULT_DB", "IngestSummary", "Store"]
