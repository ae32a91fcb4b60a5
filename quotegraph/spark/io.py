"""Read articles for Spark from JSONL, Parquet, WARC (or text/HTML files) at any Hadoop path.

Every reader returns a DataFrame with the columns of ``schema.INPUT``: one row
per input record, with ``error`` set (and no text) when the record cannot be
read as an article.  Bad records travel on as rows, so the job reports them
instead of dying on them.

Files (JSONL, WARC, text, HTML) are read by the very readers of
``quotegraph.io`` that ``quotegraph extract`` uses — same default ids
(``<stem>:<line>``), same date rules, same errors — one whole file per task
(``binaryFiles``), so executor memory must hold the largest input file.
Parquet is read natively and split by row group; its rows get the same
metadata rules as a JSONL record.

``seq`` is each record's position in input order (files sorted by path, then
record order; increasing, not dense): the "ingest order" that breaks ties
between articles of the same date, as in the single-machine store.
"""

from __future__ import annotations

import gzip
import os
import tempfile
from pathlib import Path
from typing import Any, Iterator

from ..errors import InputError
from ..io import ARTICLE_META, DEFAULT_MAX_BYTES, EXTENSIONS, FORMATS as FILE_READERS, readers
from ..io import format_of as io_format_of
from ..model import Article
from .arrow import arrow_map
from .schema import INPUT, INPUT_FIELDS

FORMATS = ("jsonl", "parquet", "warc", "text", "html")  # the file formats of quotegraph.io, plus Parquet
_FILE_RANK_BITS = 32  # seq = file rank << 32 | record number


def format_of_name(name: str) -> str | None:
    """The input format a file name suggests (quotegraph.io's registry; also Parquet and gzipped files), or None."""
    lowered = name.lower().rstrip("/")
    if lowered.endswith(".parquet"):
        return "parquet"
    return io_format_of(lowered) or (io_format_of(lowered[:-3]) if lowered.endswith(".gz") else None)


def read_articles(spark: Any, path: str, fmt: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Any:
    """The articles at ``path`` (a file, a folder or a glob) as an INPUT DataFrame."""
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown input format {fmt!r}; choose one of: {', '.join(FORMATS)}", path=path)
    files = list_files(spark, path)
    if fmt is None:
        kinds = {format_of_name(f) for f in files} - {None}
        if not kinds:
            raise InputError(
                "cannot tell the input format from the file names; pass --input-format " + " | ".join(FORMATS), path=path
            )
        if "parquet" in kinds and len(kinds) > 1:
            raise InputError("mixes Parquet with other files: give them as separate inputs", path=path)
        fmt = "parquet" if kinds == {"parquet"} else None
    if fmt == "parquet":
        return read_parquet(spark, path)
    return read_files(spark, files, fmt, max_bytes=max_bytes)


def list_files(spark: Any, path: str) -> list[str]:
    """The data files under ``path`` (recursive for folders), sorted; hidden and ``_`` files left out."""
    jvm = spark.sparkContext._jvm
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    fs = hpath.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    statuses = fs.globStatus(hpath) or []
    if not statuses:
        raise InputError("no such file or folder", path=path)
    found: list[str] = []
    for status in statuses:
        if status.isDirectory():
            it = fs.listFiles(status.getPath(), True)
            while it.hasNext():
                found.append(str(it.next().getPath().toString()))
        else:
            found.append(str(status.getPath().toString()))
    files = sorted(f for f in found if not any(part.startswith(("_", ".")) for part in f.split("/")[-1:]))
    if not files:
        raise InputError("no input files found", path=path)
    return files


def read_files(spark: Any, files: list[str], fmt: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Any:
    """JSONL / WARC / text / HTML files through quotegraph.io's readers, one file per task."""
    chosen = [f for f in files if fmt or format_of_name(f) in FILE_READERS]
    if not chosen:
        raise InputError("no readable files (looked for .parquet, " + ", ".join(sorted(EXTENSIONS)) + ")", path=files[0])
    sc = spark.sparkContext
    rank = sc.broadcast({name: i for i, name in enumerate(chosen)})  # input order, shipped once per executor
    rows = sc.binaryFiles(",".join(chosen)).flatMap(
        lambda item: file_rows(item[0], item[1], rank.value.get(item[0], 0), fmt, max_bytes)
    )
    return spark.createDataFrame(rows, INPUT)


def file_rows(name: str, data: bytes, rank: int, fmt: str | None, max_bytes: int) -> Iterator[tuple]:
    """INPUT rows for one file's bytes, read by the quotegraph.io reader for its format."""
    kind = fmt or format_of_name(name) or "text"
    reader = FILE_READERS[kind]
    base = os.path.basename(name)
    if base.lower().endswith(".gz") and kind != "warc":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            yield _error_row(rank << _FILE_RANK_BITS, name, f"NotText: cannot gunzip: {exc}")
            return
        base = base[:-3]
    with tempfile.TemporaryDirectory(prefix="quotegraph-spark-") as tmp:
        local = os.path.join(tmp, base or "input")
        with open(local, "wb") as fh:
            fh.write(data)
        del data
        number = 0
        try:
            for origin, item in reader(Path(local), name, max_bytes):
                seq = (rank << _FILE_RANK_BITS) + number
                number += 1
                where = origin.replace(local, name)
                if isinstance(item, Article):
                    yield (seq, where, item.text, *(getattr(item, k) for k in ARTICLE_META), None)
                else:
                    yield _error_row(seq, where, f"{type(item).__name__}: {item.reason}")
        except Exception as exc:  # a reader bug or a damaged file: report it, keep the job alive
            yield _error_row((rank << _FILE_RANK_BITS) + number, name, f"{type(exc).__name__}: {exc}")
            return
        if number == 0:  # e.g. a damaged archive the reader saw no record in: report the file
            yield _error_row(rank << _FILE_RANK_BITS, name, f"NotText: no {kind} records could be read from the file")


def _error_row(seq: int, origin: str, reason: str) -> tuple:
    return (seq, origin, None, *(None for _ in ARTICLE_META), reason.replace("\n", " ")[:500])


def read_parquet(spark: Any, path: str) -> Any:
    """Parquet with a ``text`` column and optional id, date, title, outlet, url (any types, read as strings)."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import DateType, TimestampType

    raw = spark.read.parquet(path)
    types = {f.name: f.dataType for f in raw.schema.fields}
    if "text" not in types:
        raise InputError(f"Parquet input needs a 'text' column; it has: {', '.join(types) or 'none'}", path=path)
    columns = [F.col("text").cast("string").alias("text")]
    for name in ARTICLE_META:
        if name not in types:
            columns.append(F.lit(None).cast("string").alias(name))
        elif isinstance(types[name], (DateType, TimestampType)):
            columns.append(F.date_format(F.col(name), "yyyy-MM-dd").alias(name))
        else:
            columns.append(F.col(name).cast("string").alias(name))
    df = raw.select(
        F.monotonically_increasing_id().alias("seq"), F.col("_metadata.file_path").alias("origin"), *columns
    )
    return arrow_map(df, parquet_record, INPUT)


def parquet_record(row: dict[str, Any]) -> dict[str, Any]:
    """A Parquet row as an INPUT row, with the JSONL record rules (date normalised, dateline fallback)."""
    out = {k: row.get(k) for k in INPUT_FIELDS}
    record = {k: row[k] for k in ("text", *ARTICLE_META) if row.get(k) is not None}
    try:
        article = readers.article_from_record(record, row["origin"] or "", int(row["seq"]), "")
    except InputError as exc:
        out.update(text=None, error=f"{type(exc).__name__}: {exc.reason}")
        return out
    out.update(id=article.id, text=article.text, date=article.date, title=article.title, outlet=article.outlet, url=article.url)
    out["error"] = None
    return out

