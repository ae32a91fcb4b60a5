"""Extraction on Spark: ``quotegraph.api.extract_many`` over each partition.

The partition function is plain Python over Arrow batches (``mapInArrow``): it
calls the same library function as ``quotegraph extract``, so a quote found on
a cluster is the quote found on a laptop.  ``quotegraph.api.load`` is cached per
process and Spark reuses its Python workers, so the spaCy pipeline loads once
per executor worker, not per record.  Records go to ``extract_many`` in small
chunks with ``on_error="yield"``: an article the pipeline fails on becomes a
failed status row with its reason, and the rest of the chunk comes through.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from ..api import DEFAULT_FINDER, DEFAULT_PIPELINE, extract_many
from ..errors import ExtractionError, ModelError, QuotegraphError
from ..io import ARTICLE_META
from ..model import Article, content_hash
from .schema import ARTICLE, ARTICLE_COLUMNS, STATUS_COLUMNS, arrow
from .session import join_path, output_exists, quiet_pyspark

CHUNK = 64  # records per extract_many call (and per output Arrow batch)
MAX_REASON = 500


@dataclass(frozen=True)
class ExtractSummary:
    """What a Spark extraction did: counts read back from its status table."""

    articles: int
    ok: int
    failed: int
    quotes: int
    output: str


def extract_records(
    records: Iterable[dict[str, Any]],
    *,
    pipeline: str = DEFAULT_PIPELINE,
    finder: str = DEFAULT_FINDER,
    chunk: int = CHUNK,
) -> Iterator[dict[str, Any]]:
    """One ARTICLE row (a dict) per INPUT record, in input order: extracted, or failed with a reason."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):  # Spark runs one Python worker per core: one BLAS thread each, while extracting
        pending: list[dict[str, Any]] = []
        for record in records:
            pending.append(record)
            if len(pending) >= chunk:
                yield from _extract_chunk(pending, pipeline, finder)
                pending = []
        if pending:
            yield from _extract_chunk(pending, pipeline, finder)


def _extract_chunk(records: list[dict[str, Any]], pipeline: str, finder: str) -> Iterator[dict[str, Any]]:
    readable = [r for r in records if not r.get("error")]
    articles = [_article(r) for r in readable]
    # on_error="yield": the library redoes a failing batch one article at a time
    # and hands back an ExtractionError for the article that fails.
    outcomes = extract_many(articles, pipeline=pipeline, finder=finder, on_error="yield")
    done = {id(record): outcome for record, outcome in zip(readable, outcomes)}
    for record in records:
        outcome = done.get(id(record))
        if isinstance(outcome, Article):
            yield _ok_row(record, outcome)
        elif outcome is not None:
            yield _failed_row(record, _reason(outcome))
        else:
            yield _failed_row(record, record["error"])


def _article(record: dict[str, Any]) -> Article:
    return Article(text=record["text"], **{k: record.get(k) or ("" if k == "id" else None) for k in ARTICLE_META})


def _ok_row(record: dict[str, Any], article: Article) -> dict[str, Any]:
    return article_row(article, seq=record.get("seq"), origin=record.get("origin"))


def article_row(article: Article, *, seq: int | None, origin: str | None = None) -> dict[str, Any]:
    """The ARTICLE row of an extracted article (also how tests and tools feed hand-made Articles to Spark)."""
    record = article.result()
    return {
        **record["article"],
        "seq": seq,
        "origin": origin,
        "content_hash": content_hash(article.text),
        "blockquotes": [[s, e] for s, e in article.blockquotes],
        "status": "ok",
        "reason": None,
        "n_quotes": len(record["quotes"]),
        "quotes": record["quotes"],
        "entities": record["entities"],
    }


def _failed_row(record: dict[str, Any], reason: str) -> dict[str, Any]:
    return {
        **{k: record.get(k) for k in ARTICLE_META},
        "seq": record.get("seq"),
        "origin": record.get("origin"),
        "content_hash": None,
        "text": None,
        "blockquotes": [],
        "status": "failed",
        "reason": reason[:MAX_REASON],
        "n_quotes": 0,
        "quotes": [],
        "entities": [],
    }


def _reason(exc: Exception) -> str:
    if isinstance(exc, ExtractionError):
        return f"ExtractionError: {exc.reason}"
    return f"{type(exc).__name__}: {exc}".replace("\n", " ")


def partition_function(pipeline: str, finder: str) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """The ``mapInArrow`` function: INPUT record batches in, ARTICLE record batches out."""
    schema = arrow(ARTICLE)

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        def records() -> Iterator[dict[str, Any]]:
            for batch in batches:
                yield from batch.to_pylist()

        out: list[dict[str, Any]] = []
        for row in extract_records(records(), pipeline=pipeline, finder=finder):
            out.append(row)
            if len(out) >= CHUNK:
                yield pa.RecordBatch.from_pylist(out, schema=schema)
                out = []
        if out:
            yield pa.RecordBatch.from_pylist(out, schema=schema)

    return run


def extract_dataframe(
    articles: Any,
    *,
    pipeline: str = DEFAULT_PIPELINE,
    finder: str = DEFAULT_FINDER,
    partitions: int | None = None,
) -> Any:
    """ARTICLE rows for an INPUT DataFrame (lazy: nothing runs until it is written)."""
    spark = articles.sparkSession
    wanted = partitions or spark.sparkContext.defaultParallelism * 2
    if partitions or articles.rdd.getNumPartitions() < wanted:
        articles = articles.repartition(wanted)
    with quiet_pyspark():
        return articles.mapInArrow(partition_function(pipeline, finder), ARTICLE)


def quotes_of(articles: Any) -> Any:
    """One row per quote: every Quote field plus ``article_*`` (id, seq, content_hash, title, date, outlet, url) and its position."""
    from pyspark.sql import functions as F

    exploded = articles.where(F.col("status") == "ok").select(
        *[F.col(c).alias(f"article_{c}") for c in ARTICLE_COLUMNS],
        F.posexplode("quotes").alias("position", "quote"),
    )
    return exploded.select("quote.*", *[c for c in exploded.columns if c != "quote"])


def status_of(articles: Any) -> Any:
    """One row per input record: seq, origin, id, status (ok | failed), reason, n_quotes."""
    return articles.select(*STATUS_COLUMNS)


def check_pipeline(pipeline: str) -> None:
    """Fail at once, with what to do, when the spaCy pipeline is not installed here (cheap: nothing is loaded)."""
    from pathlib import Path

    import spacy.util

    if not (spacy.util.is_package(pipeline) or Path(pipeline).exists()):
        raise ModelError(
            f"spaCy pipeline {pipeline!r} is not installed: pip install it (on the driver and every executor) "
            "or pass --model with an installed pipeline"
        )


def run_extract(
    spark: Any,
    input_path: str,
    output: str,
    *,
    input_format: str | None = None,
    pipeline: str = DEFAULT_PIPELINE,
    finder: str = DEFAULT_FINDER,
    partitions: int | None = None,
    overwrite: bool = False,
) -> ExtractSummary:
    """Read, extract and write ``output``/articles, /quotes and /status as Parquet.

    Extraction runs once: the nested articles table is written first, and the
    quotes and status tables are derived from it.
    """
    from pyspark.sql import functions as F

    from .io import read_articles

    if not overwrite and output_exists(spark, output):
        raise QuotegraphError(f"{output} already exists: pass --overwrite or choose another output folder")
    mode = "overwrite" if overwrite else "errorifexists"
    check_pipeline(pipeline)
    inputs = read_articles(spark, input_path, input_format)
    with quiet_pyspark():
        extracted = extract_dataframe(inputs, pipeline=pipeline, finder=finder, partitions=partitions)
        # Each file sorted by seq: import-parquet merges the files back into input order.
        extracted.sortWithinPartitions("seq").write.mode(mode).parquet(
            join_path(output, "articles")
        )
        written = spark.read.parquet(join_path(output, "articles"))
        quotes_of(written).write.mode(mode).parquet(join_path(output, "quotes"))
        status_of(written).write.mode(mode).parquet(join_path(output, "status"))
        counts = (
            spark.read.parquet(join_path(output, "status"))
            .agg(
                F.count("*").alias("articles"),
                F.sum(F.when(F.col("status") == "ok", 1).otherwise(0)).alias("ok"),
                F.sum(F.col("n_quotes")).alias("quotes"),
            )
            .first()
        )
    articles = int(counts["articles"] or 0)
    ok = int(counts["ok"] or 0)
    return ExtractSummary(articles=articles, ok=ok, failed=articles - ok, quotes=int(counts["quotes"] or 0), output=output)
