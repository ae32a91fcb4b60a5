"""Load Spark's extraction output into the SQLite store, so the web UI can browse it.

Runs on one machine without Spark: the ``articles`` table is read with PyArrow,
file by file in small batches, and merged by ``seq`` (each file is sorted by it)
so articles reach the store in input order — the order that breaks first-
appearance ties, as on a single-machine ingest.  The store applies its own
speaker and cluster rules on the way in (the same rules ``spark reconcile``
uses), one transaction per article, so an interrupted import can be rerun.
"""

from __future__ import annotations

import heapq
from pathlib import Path
from typing import Any, Callable, Iterator

from ..errors import InputError
from ..model import Article

BATCH_ROWS = 256


def iter_extracted(output_dir: str) -> Iterator[Article]:
    """The ok articles of a ``spark extract`` output folder, with their quotes, in ``seq`` order."""
    import pyarrow.fs as pafs
    import pyarrow.parquet as pq

    folder = output_dir.rstrip("/") + "/articles"
    try:
        fs, root = pafs.FileSystem.from_uri(folder)
    except (ValueError, TypeError):
        fs, root = pafs.LocalFileSystem(), str(Path(folder).resolve())
    try:
        infos = fs.get_file_info(pafs.FileSelector(root, recursive=False))
    except (FileNotFoundError, OSError) as exc:
        raise InputError(
            "no articles/ table here: pass the OUTPUT folder of `quotegraph spark extract`", path=output_dir
        ) from exc
    files = sorted(i.path for i in infos if i.is_file and i.path.endswith(".parquet"))
    if not files:
        raise InputError("articles/ holds no Parquet files: did `quotegraph spark extract` finish?", path=output_dir)

    def rows(path: str) -> Iterator[tuple[int, int, dict[str, Any]]]:
        with fs.open_input_file(path) as fh:
            for batch in pq.ParquetFile(fh).iter_batches(batch_size=BATCH_ROWS):
                for row in batch.to_pylist():
                    yield (row["seq"], row["id"] or "", row)

    for _, _, row in heapq.merge(*(rows(f) for f in files), key=lambda item: (item[0], item[1])):
        if row["status"] == "ok":
            yield Article.from_dict(row, row["quotes"] or [])


def import_parquet(
    output_dir: str, db_path: str, *, progress: Callable[[int], None] | None = None
) -> Any:
    """Store every ok article of a ``spark extract`` output; returns what was stored (an IngestSummary)."""
    from ..store import IngestSummary, Store

    summary = IngestSummary()
    with Store(db_path) as store:
        for n, article in enumerate(iter_extracted(output_dir), 1):
            store.ingest_articles([article], summary)
            if progress:
                progress(n)
    return summary
