"""``python -m quotegraph.spark extract|reconcile ...``, also the script to give ``spark-submit``.

    spark-submit --master yarn ... $(python -m quotegraph.spark --script) extract s3a://in/ s3a://out/
"""

from __future__ import annotations

import os
import sys

# Run as a file (spark-submit), Python puts this folder first on sys.path, where
# io.py would shadow the standard library; quotegraph is imported as a package.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _here]


def main(argv: list[str] | None = None) -> int:
    from quotegraph.cli import main as cli_main

    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--script"]:
        print(os.path.abspath(__file__))
        return 0
    return cli_main(["spark", *argv])


if __name__ == "__main__":
    sys.exit(main())
