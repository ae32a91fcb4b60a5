"""The cross-article stage at scale: speaker index and quote clusters with provenance.

The rules are the store's (:mod:`quotegraph.corpus`), imported, not restated:
``normalize_quote`` for "the same words", ``lsh_keys`` (shingles → MinHash →
bands, same seeds) for candidates, ``near_duplicate`` for the exact check,
``word_diff`` for misquotes, ``index_entry`` (key, name, aliases, roles) for
speakers.  Spark only supplies the plumbing, all of it distributed — nothing is
collected to the driver except loop counters:

    quotes → (one Python pass) norm, band keys, speaker key, alias keys
      → distinct norms → band-key self-join → near_duplicate → edges
      → connected components (iterated min-label propagation with joins)
      → clusters: first appearance (article date, then ingest order), differing words
    quotes → group by speaker key → name (first in ingest order), aliases, roles, counts

"Ingest order" is (article seq, quote start, quote id), the order in which the
store inserts quotes; an article whose text was already seen (same content
hash) is skipped, as the store skips it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..corpus import provenance
from ..corpus.normalize import quote_words
from ..corpus.outlets import outlet_name
from ..corpus.speakers import index_entry
from ..errors import InputError, QuotegraphError
from .arrow import arrow_map
from .session import input_exists, join_path, output_exists, quiet_pyspark

MAX_ROUNDS = 30  # label-propagation rounds; near-duplicate chains are short, so this is never reached in practice


@dataclass(frozen=True)
class ReconcileSummary:
    quotes: int
    speakers: int
    clusters: int
    multi_clusters: int  # clusters reported by more than one quote
    rounds: int
    output: str


def cut_lineage(df: Any) -> Any:
    """Materialise ``df`` so iterated joins do not replay the whole plan.

    A reliable checkpoint when the job has a checkpoint folder
    (``spark.sparkContext.setCheckpointDir``, advised on clusters that lose
    executors), else a local one (kept on the executors).
    """
    if df.sparkSession.sparkContext.getCheckpointDir():
        return df.checkpoint()
    return df.localCheckpoint()


def quote_keys(row: dict[str, Any]) -> dict[str, Any]:
    """The corpus keys of one quote: normalised text, LSH band keys, speaker index entry, outlet."""
    words = quote_words(row["content"] or "")
    norm = " ".join(words)
    entry = index_entry(row.get("speaker"), row.get("mention"), row["article_id"])
    return {
        "id": row["id"],
        "norm": norm,
        "bands": provenance.lsh_keys(words) if norm else [],
        "speaker_key": entry.key if entry else None,
        "speaker_name": entry.name if entry else None,
        "speaker_kind": entry.kind if entry else None,
        "full_name": entry.full_name if entry else False,
        "aliases": [{"alias_norm": n, "alias": a} for n, a in entry.aliases] if entry else [],
        "roles": list(entry.roles) if entry else [],
        "outlet": outlet_name(row.get("article_outlet"), row.get("article_url")),
    }


def _near_duplicate_pair(row: dict[str, Any]) -> dict[str, Any] | None:
    a = provenance.shingles(row["a"].split())
    b = provenance.shingles(row["b"].split())
    return row if provenance.near_duplicate(a, b) else None


def _diff(row: dict[str, Any]) -> dict[str, Any]:
    diff = provenance.word_diff(row["first_norm"].split(), row["norm"].split())
    return {"id": row["id"], "differs": diff.differs, "removed": list(diff.removed), "added": list(diff.added)}


def prepare(quotes: Any) -> Any:
    """Quotes in the store's terms: duplicate articles dropped, ingest order, keys computed."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql.types import ArrayType, BooleanType, LongType, StringType, StructField, StructType

    # The first article with a given text wins (by seq, then id: slices of one corpus may repeat seqs).
    first = F.min(F.struct("article_seq", "article_id")).over(Window.partitionBy("article_content_hash"))
    kept = (
        quotes.withColumn("_first", first)
        .where((F.col("article_seq") == F.col("_first.article_seq")) & (F.col("article_id") == F.col("_first.article_id")))
        .dropDuplicates(["id"])
        .select(
            "id",
            "article_id",
            "article_seq",
            "article_date",
            "article_outlet",
            "article_url",
            F.col("content.text").alias("content"),
            F.col("content.spans")[0][0].alias("start"),
            F.col("source.text").alias("mention"),
            "speaker",
            F.coalesce(F.col("date"), F.col("article_date")).alias("quote_date"),
        )
    )
    keys_schema = StructType(
        [
            StructField("id", StringType()),
            StructField("norm", StringType()),
            StructField("bands", ArrayType(LongType())),
            StructField("speaker_key", StringType()),
            StructField("speaker_name", StringType()),
            StructField("speaker_kind", StringType()),
            StructField("full_name", BooleanType()),
            StructField(
                "aliases", ArrayType(StructType([StructField("alias_norm", StringType()), StructField("alias", StringType())]))
            ),
            StructField("roles", ArrayType(StringType())),
            StructField("outlet", StringType()),
        ]
    )
    inputs = kept.select("id", "article_id", "content", "speaker", "mention", "article_outlet", "article_url")
    keys = arrow_map(inputs, quote_keys, keys_schema)
    order = F.struct("article_seq", "start", "id")
    return kept.drop("speaker", "mention", "article_outlet", "article_url").join(keys, "id").withColumn("order", order)


def candidate_edges(prepared: Any) -> Any:
    """Pairs of distinct norms that are near duplicates: band-key self-join, then the exact check."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    norms = prepared.where(F.col("norm") != "").groupBy("norm").agg(F.min("order").alias("order"), F.first("bands").alias("bands"))
    buckets = norms.select("norm", "order", F.explode("bands").alias("band"))
    # A guard against huge buckets of boilerplate, like the store's MAX_CANDIDATES.
    rank = F.row_number().over(Window.partitionBy("band").orderBy("order"))
    buckets = buckets.withColumn("rank", rank).where(F.col("rank") <= provenance.MAX_CANDIDATES).select("band", "norm")
    pairs = (
        buckets.alias("x")
        .join(buckets.alias("y"), "band")
        .where(F.col("x.norm") < F.col("y.norm"))
        .select(F.col("x.norm").alias("a"), F.col("y.norm").alias("b"))
        .distinct()
    )
    schema = StructType([StructField("a", StringType()), StructField("b", StringType())])
    return arrow_map(pairs, _near_duplicate_pair, schema)


def connected_components(nodes: Any, edges: Any, *, max_rounds: int = MAX_ROUNDS) -> tuple[Any, int]:
    """(node, label) with label = smallest node of its component; returns the rounds it took.

    Min-label propagation with pointer jumping: each round a node takes the
    smallest label among itself and its neighbours, then the label of that
    label (a node of the same component), until no label changes.  Jumping
    makes long chains settle in about log2(length) rounds instead of length.
    """
    from pyspark.sql import functions as F

    both = edges.select(F.col("a").alias("u"), F.col("b").alias("v")).union(
        edges.select(F.col("b").alias("u"), F.col("a").alias("v"))
    )
    both = cut_lineage(both)
    labels = cut_lineage(nodes.select(F.col("node"), F.col("node").alias("label")))
    for rounds in range(1, max_rounds + 1):
        offered = both.join(labels.withColumnRenamed("node", "v"), "v").groupBy("u").agg(F.min("label").alias("offer"))
        stepped = labels.join(offered.withColumnRenamed("u", "node"), "node", "left").select(
            "node", F.least("label", F.coalesce("offer", "label")).alias("label"), F.col("label").alias("old")
        )
        parents = stepped.select(F.col("node").alias("label"), F.col("label").alias("parent"))
        updated = cut_lineage(
            stepped.join(parents, "label", "left").select(
                "node", F.least("label", F.coalesce("parent", "label")).alias("label"), "old"
            )
        )
        changed = updated.where(F.col("label") != F.col("old")).count()
        labels = updated.select("node", "label")
        if changed == 0:
            return labels, rounds
    raise QuotegraphError(f"quote clusters did not settle in {max_rounds} rounds: the corpus has unusually long chains")


def clusters_of(prepared: Any) -> tuple[Any, Any, int]:
    """(per-quote provenance, per-cluster summary, rounds)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql.types import ArrayType, BooleanType, StringType, StructField, StructType

    clustered = prepared.where(F.col("norm") != "")
    nodes = clustered.select(F.col("norm").alias("node")).distinct()
    labels, rounds = connected_components(nodes, candidate_edges(prepared))
    with_label = clustered.join(labels.withColumnRenamed("node", "norm"), "norm")
    in_cluster = Window.partitionBy("label")
    first_key = F.struct(F.col("article_date").isNull(), "article_date", "order")
    with_first = (
        with_label.withColumn("cluster_id", F.min("order").over(in_cluster)["id"])
        .withColumn("_first", F.min(first_key).over(in_cluster))
        .withColumn("is_first", F.col("_first")["order"]["id"] == F.col("id"))
        .withColumn("first_quote_id", F.col("_first")["order"]["id"])
        .withColumn("size", F.count("*").over(in_cluster))
    )
    first_norms = with_first.where("is_first").select(F.col("label"), F.col("norm").alias("first_norm"))
    to_diff = with_first.where(~F.col("is_first") & (F.col("size") > 1)).join(first_norms, "label").select("id", "norm", "first_norm")
    diff_schema = StructType(
        [
            StructField("id", StringType()),
            StructField("differs", BooleanType()),
            StructField("removed", ArrayType(StringType())),
            StructField("added", ArrayType(StringType())),
        ]
    )
    diffs = arrow_map(to_diff, _diff, diff_schema)
    per_quote = (
        with_first.join(diffs, "id", "left")
        .select(
            "id",
            "article_id",
            "article_seq",
            "article_date",
            F.col("outlet").alias("article_outlet"),
            "quote_date",
            "speaker_key",
            "norm",
            "cluster_id",
            "first_quote_id",
            "is_first",
            F.coalesce("differs", F.lit(False)).alias("differs"),
            F.coalesce("removed", F.array().cast("array<string>")).alias("removed"),
            F.coalesce("added", F.array().cast("array<string>")).alias("added"),
        )
    )
    summary = per_quote.groupBy("cluster_id").agg(
        F.count("*").alias("size"),
        F.first("first_quote_id").alias("first_quote_id"),
        F.countDistinct("article_id").alias("n_articles"),
        F.countDistinct("article_outlet").alias("n_outlets"),
        F.sum(F.col("differs").cast("int")).alias("n_differing"),
        F.min("article_date").alias("first_date"),
        F.max("article_date").alias("last_date"),
    )
    return per_quote, summary, rounds


def speakers_of(prepared: Any) -> Any:
    """One row per cross-article speaker: key, name, kind, full_name, n_quotes, aliases, roles, dates."""
    from pyspark.sql import functions as F

    spoken = prepared.where(F.col("speaker_key").isNotNull())
    base = spoken.groupBy("speaker_key").agg(
        F.min_by(F.struct("speaker_name", "speaker_kind", "full_name"), F.col("order")).alias("first"),
        F.count("*").alias("n_quotes"),
        F.min("quote_date").alias("first_date"),
        F.max("quote_date").alias("last_date"),
    )
    aliases = (
        spoken.select("speaker_key", "order", F.explode("aliases").alias("a"))
        .groupBy("speaker_key", F.col("a.alias_norm").alias("alias_norm"))
        .agg(F.min_by(F.col("a.alias"), F.col("order")).alias("alias"), F.count("*").alias("n"))
        .groupBy("speaker_key")
        .agg(F.array_sort(F.collect_list(F.struct("alias_norm", "alias", "n"))).alias("aliases"))
    )
    roles = (
        spoken.select("speaker_key", F.explode("roles").alias("role"))
        .groupBy("speaker_key", "role")
        .agg(F.count("*").alias("n"))
        .groupBy("speaker_key")
        .agg(F.array_sort(F.collect_list(F.struct("role", "n"))).alias("roles"))
    )
    return (
        base.join(aliases, "speaker_key", "left")
        .join(roles, "speaker_key", "left")
        .select(
            "speaker_key",
            F.col("first.speaker_name").alias("name"),
            F.col("first.speaker_kind").alias("kind"),
            F.col("first.full_name").alias("full_name"),
            "n_quotes",
            F.coalesce("aliases", F.array()).alias("aliases"),
            F.coalesce("roles", F.array()).alias("roles"),
            "first_date",
            "last_date",
        )
    )


def run_reconcile(spark: Any, quotes_path: str, output: str, *, overwrite: bool = False) -> ReconcileSummary:
    """Read a quotes table (``spark extract``'s OUTPUT/quotes) and write OUTPUT/speakers, /clusters, /provenance."""
    from pyspark.sql import functions as F

    if not overwrite and output_exists(spark, output):
        raise QuotegraphError(f"{output} already exists: pass --overwrite or choose another output folder")
    mode = "overwrite" if overwrite else "errorifexists"
    if not input_exists(spark, quotes_path):
        raise InputError("no such file or folder: pass the quotes/ table written by `quotegraph spark extract`",
                         path=quotes_path)
    with quiet_pyspark():
        quotes = spark.read.parquet(quotes_path)
    missing = {"id", "content", "speaker", "source", "article_seq", "article_content_hash"} - set(quotes.columns)
    if missing:
        raise QuotegraphError(
            f"{quotes_path} is not a quotes table from `quotegraph spark extract` (missing {', '.join(sorted(missing))})"
        )
    prepared = cut_lineage(prepare(quotes))
    per_quote, summary, rounds = clusters_of(prepared)
    with quiet_pyspark():
        per_quote.write.mode(mode).parquet(join_path(output, "provenance"))
        summary.write.mode(mode).parquet(join_path(output, "clusters"))
        speakers_of(prepared).write.mode(mode).parquet(join_path(output, "speakers"))
        counts = spark.read.parquet(join_path(output, "clusters")).agg(
            F.count("*").alias("clusters"), F.sum((F.col("size") > 1).cast("int")).alias("multi"), F.sum("size").alias("quotes")
        ).first()
        n_speakers = spark.read.parquet(join_path(output, "speakers")).count()
    return ReconcileSummary(
        quotes=int(counts["quotes"] or 0),
        speakers=int(n_speakers),
        clusters=int(counts["clusters"] or 0),
        multi_clusters=int(counts["multi"] or 0),
        rounds=rounds,
        output=output,
    )
