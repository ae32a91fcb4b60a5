"""quotegraph on Apache Spark: the same library calls, spread over a cluster.

    read (io.py: JSONL / Parquet / WARC at any Hadoop path)
      → extract (extract.py: mapInArrow; quotegraph.api.extract_many per partition)
      → Parquet: articles/ (one row per input record, quotes nested), quotes/ (one row per quote), status/
      → reconcile (reconcile.py: speaker index + quote clusters with provenance, the rules of quotegraph.corpus)
      → import (store_import.py: Parquet → the SQLite store, for the web UI)

Nothing here imports PySpark at module import time except the modules that need it,
so ``quotegraph --help`` stays instant.  The CLI is ``quotegraph spark ...`` and
``python -m quotegraph.spark ...`` (also usable as the script of ``spark-submit``).
"""

from __future__ import annotations

__all__ = ["arrow", "extract", "io", "reconcile", "schema", "session", "store_import"]
