"""The ``quotegraph`` command: a thin layer over the library.

Each command group lives in its own module exposing ``register(subparsers)``;
a command's handler parses options, calls one library function and formats the
result.  Errors quotegraph raises on purpose become one line on stderr and a
non-zero exit — never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Sequence

from ..errors import QuotegraphError

# Command modules, in the order their commands appear in --help.
COMMAND_MODULES = ("extract", "evaluate", "train", "store", "serve", "spark")


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    parser = argparse.ArgumentParser(
        prog="quotegraph",
        description="Who said what, to whom, and when: extract, store and serve attributed quotes from news.",
    )
    parser.add_argument("--version", action="version", version=f"quotegraph {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{__name__}.{name}":
                continue  # command group not built yet
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except QuotegraphError as exc:
        print(f"quotegraph: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("quotegraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
