"""``quotegraph train``: train a finder's model on a PolNeAR-style split, selecting on dev."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "train",
        help="train a learned finder's model (train on --train, keep the best state on --dev)",
        description="Train on PolNeAR-style brat data; the state with the best dev figures is saved to --out. "
        "--finder model (default): the convolutional span model (config.json + weights.npz, minutes on a CPU), "
        "then its parse step. "
        "--finder accurate: fine-tune the MiniLM encoder of the accurate finder and export it to int8 ONNX "
        "(config.json + vocab.txt + model.onnx; an hour or two on a 2-core CPU; needs quotegraph[train]), "
        "then fit its parse step. "
        "--finder edges: fit only the parse step (boundaries.json: which content edges and sources to take "
        "from the parse) for the model already in --out, an encoder or a span model (minutes; no torch).",
    )
    parser.add_argument("--finder", choices=("model", "accurate", "edges"), default="model",
                        help="which finder's model to train (default: model)")
    parser.add_argument("--train", required=True, metavar="DIR", help="training split (text/ + attributions/)")
    parser.add_argument("--dev", required=True, metavar="DIR", help="dev split used to pick the best state")
    parser.add_argument("--out", required=True, metavar="MODEL", help="folder to write the model to")
    parser.add_argument("--seed", type=int, default=13, help="random seed (default 13)")
    parser.add_argument("--epochs", type=float, default=None,
                        help="training epochs (default: 12 for model, 3 for accurate)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles of each split")
    parser.add_argument("--cache", metavar="DIR", default=None,
                        help="cache parsed features here so that a second run skips spaCy")
    parser.add_argument("--hidden", type=int, default=None, help="model: width of the convolutional layers (default 64)")
    parser.add_argument("--lstm", action="store_true", help="model: add a BiLSTM layer over the convolutions (slower)")
    parser.add_argument("--teacher", metavar="MODEL", default=None,
                        help="model: also learn from this accurate finder's tags over train ('accurate': the installed "
                             "one; needs onnxruntime, no torch at run time)")
    parser.add_argument("--gold-weight", type=float, default=0.0,
                        help="model, with --teacher: weight of the gold tags in the loss, the rest on the teacher's "
                             "(default 0: the teacher's alone, which its training on gold already reflects)")
    parser.add_argument("--threads", type=int, default=2, help="accurate: torch threads (default 2)")
    parser.add_argument("--lr", type=float, default=1e-4, help="accurate: the encoder's learning rate (default 1e-4)")
    parser.add_argument("--keep-fp32", metavar="FILE", default=None,
                        help="accurate: also keep the unquantised ONNX export in FILE (outside the model folder)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    if args.finder == "edges":
        from .. import train_edges

        weights = train_edges.fit_edges(args.train, args.dev, args.out, limit=args.limit, log=log)
        for split in ("trained_on", "dev"):
            for role in ("content", "source") if split in weights else ():
                w = weights[split][role]
                print(f"{split}: {weights[split]['articles']} articles, {w['cases']} {role} disagreements with one side "
                      f"right; switched to the parse's {role}: {w['switched_right']} right, {w['switched_wrong']} wrong")
        print(f"parse step in {args.out}/boundaries.json")
        return 0
    if args.finder == "accurate":
        from .. import train_encoder

        result = train_encoder.train_encoder(args.train, args.dev, args.out, seed=args.seed, epochs=args.epochs or 3.0,
                                             lr=args.lr, limit=args.limit, cache=args.cache, threads=args.threads,
                                             keep_fp32=args.keep_fp32, log=log)
        print(f"best step {result.best_step}: dev select {100 * result.best_score:.1f}; "
              f"model in {result.path} ({result.size_mb:.1f} MB)")
        report = result.quantized_report or result.dev_report
        _fit_parse_step(args, log, "encoder", required=True)
    else:
        from .. import train

        overrides: dict = {"lstm": True} if args.lstm else {}
        if args.hidden:
            overrides["hidden"] = args.hidden
        teacher = args.teacher
        if teacher == "accurate":
            from ..pipeline.finders import ACCURATE_MODEL

            teacher = str(ACCURATE_MODEL)
        result = train.train(args.train, args.dev, args.out, seed=args.seed, epochs=int(args.epochs or 12),
                             limit=args.limit, cache=args.cache, log=log, overrides=overrides, teacher=teacher,
                             gold_weight=args.gold_weight)
        print(f"best epoch {result.best_epoch}: dev select {100 * result.best_score:.1f}; model in {result.path}")
        report = result.dev_report
        _fit_parse_step(args, log, "span model", required=False)
    if report is not None:
        print(report.table())
    return 0


def _fit_parse_step(args: argparse.Namespace, log: Any, model: str, *, required: bool) -> None:
    """Fit the new model's parse step (boundaries.json): one fitted for another model would mislead.

    The accurate finder cannot run without one (``required``); a span model runs without it when
    the split is too small to learn one from.
    """
    from .. import train_edges
    from ..errors import ModelError
    from ..pipeline.boundaries import WEIGHTS_FILE

    log(f"fitting the parse step for the new {model}")
    try:
        weights = train_edges.fit_edges(args.train, None, args.out, limit=args.limit, log=log)
    except ModelError as exc:
        if required:
            raise
        (Path(args.out) / WEIGHTS_FILE).unlink(missing_ok=True)
        log(f"no parse step: {exc}")
        return
    print(f"parse step: {weights['trained_on']['content']['cases']} + {weights['trained_on']['source']['cases']} "
          f"train disagreements; in {args.out}/{WEIGHTS_FILE}")
