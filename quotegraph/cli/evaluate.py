"""``quotegraph eval``: score predicted attributions (brat) against gold, or run a finder first."""

from __future__ import annotations

import argparse
import json

from ..errors import InputError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="score attributions against PolNeAR-style gold (P/R/F1 per role, relations, content chars)",
        description="Score predicted brat .ann files against gold ones, or run quotegraph over the gold texts "
        "first (--system). Definitions: docs/evaluation.md.",
    )
    parser.add_argument("gold", help="gold split folder (holding text/ and attributions/) or its attributions/ folder")
    parser.add_argument("pred", nargs="?", help="folder of predicted .ann files (NAME.ann or NAME_X.ann)")
    parser.add_argument("--system", metavar="FINDER", help="run quotegraph with this finder over GOLD's texts "
                        "instead of reading PRED: default, model, rules, hybrid")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from .. import evaluate

    if (args.pred is None) == (args.system is None):
        raise InputError("give either PRED (a folder of .ann files) or --system FINDER, not both or neither")
    if args.system:
        report = evaluate.evaluate_system(args.gold, args.system)
    else:
        report = evaluate.evaluate_folders(args.gold, args.pred)
    print(json.dumps(report.to_dict(), indent=1) if args.json else report.table())
    return 0
