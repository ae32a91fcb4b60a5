"""``python -m quotegraph.spark extract|reconcile ...``, also the script to give ``spark-submit``.

    spark-submit --master yarn ... $(python -m quotegraph.spark --script) extract s3a://in/ s3a://out/

The same commands as ``quotegraph spark`` (both come from ``quotegraph.spark.commands``).
"""

from __future__ import annotations

import argparse
import os
import sys

# Run as a file (spark-submit), Python puts this folder first on sys.path, where
# io.py would shadow the standard library; quotegraph is imported as a package.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _here]


def main(argv: list[str] | None = None) -> int:
    from quotegraph.errors import QuotegraphError
    from quotegraph.spark.commands import add_commands

    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--script"]:
        print(os.path.abspath(__file__))
        return 0
    parser = argparse.ArgumentParser(prog="quotegraph spark", description="Run quotegraph on Apache Spark; see docs/spark.md.")
    parser.set_defaults(handler=lambda _: parser.print_help() or 2)  # no command: the usage
    add_commands(parser.add_subparsers(dest="spark_command", metavar="SPARK_COMMAND"))
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except QuotegraphError as exc:
        sys.exit(f"quotegraph: error: {exc}")  # one line on stderr, status 1, never a traceback


if __name__ == "__main__":
    sys.exit(main())
