"""``quotegraph spark extract|reconcile`` (from ``quotegraph.spark.commands``) and ``quotegraph import-parquet``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..spark.commands import add_commands


def register(subparsers: Any) -> None:
    spark = subparsers.add_parser(
        "spark",
        help="run extraction or reconciliation on Apache Spark",
        description="Run quotegraph on Apache Spark (local mode or a cluster); see docs/spark.md.",
    )
    add_commands(spark.add_subparsers(dest="spark_command", metavar="SPARK_COMMAND"))
    spark.set_defaults(handler=lambda args: _usage(spark))

    load = subparsers.add_parser(
        "import-parquet",
        help="load `spark extract` output into the SQLite store",
        description="Load the articles and quotes written by `quotegraph spark extract` into a quotegraph "
        "database, so `quotegraph serve` can browse them. Articles already stored are skipped.",
    )
    load.add_argument("output_dir", metavar="OUTPUT_DIR", help="the OUTPUT folder of `quotegraph spark extract`")
    load.add_argument("--db", default="quotegraph.db", help="database file (default: quotegraph.db)")
    load.set_defaults(handler=_import)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def _import(args: argparse.Namespace) -> int:
    from ..spark.store_import import import_parquet

    def progress(n: int) -> None:
        if sys.stderr.isatty() and n % 500 == 0:
            print(f"\r{n} articles", end="", file=sys.stderr, flush=True)

    counts = import_parquet(args.output_dir, args.db, progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"{counts.new} articles new, {counts.present} already present, {len(counts.failed)} failed; {counts.quotes} quotes → {args.db}")
    for article_id, reason in counts.failed[:20]:
        print(f"  failed {article_id}: {reason}", file=sys.stderr)
    return 1 if counts.failed else 0
