"""``quotegraph train``: train the span model on a PolNeAR-style split, selecting on dev."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "train",
        help="train the learned span model (train on --train, keep the best epoch on --dev)",
        description="Train the BiLSTM span model on PolNeAR-style brat data; the epoch with the best dev "
        "figures is saved to --out (a folder: config.json + weights.npz).",
    )
    parser.add_argument("--train", required=True, metavar="DIR", help="training split (text/ + attributions/)")
    parser.add_argument("--dev", required=True, metavar="DIR", help="dev split used to pick the best epoch")
    parser.add_argument("--out", required=True, metavar="MODEL", help="folder to write the model to")
    parser.add_argument("--seed", type=int, default=13, help="random seed (default 13)")
    parser.add_argument("--epochs", type=int, default=12, help="training epochs (default 12)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles of each split")
    parser.add_argument("--cache", metavar="DIR", default=None,
                        help="cache parsed features here so that a second run skips spaCy")
    parser.add_argument("--hidden", type=int, default=None, help="width of the convolutional layers (default 64)")
    parser.add_argument("--lstm", action="store_true", help="add a BiLSTM layer over the convolutions (slower)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from .. import train

    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    overrides: dict = {"lstm": True} if args.lstm else {}
    if args.hidden:
        overrides["hidden"] = args.hidden
    result = train.train(args.train, args.dev, args.out, seed=args.seed, epochs=args.epochs, limit=args.limit,
                         cache=args.cache, log=log, overrides=overrides)
    print(f"best epoch {result.best_epoch}: dev select {100 * result.best_score:.1f}; model in {result.path}")
    if result.dev_report is not None:
        print(result.dev_report.table())
    return 0
