"""``quotegraph extract``: read articles, extract quotes, write them in a format.

Exit codes: 0 every input was processed (or some were skipped, without --strict);
1 nothing could be processed, or an error stopped the run; 2 bad usage;
3 with --strict, some inputs were skipped or failed.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from typing import Iterable, Iterator, TextIO

from ..api import DEFAULT_FINDER, DEFAULT_PIPELINE, extract_many
from ..errors import ExtractionError, InputError
from ..io import DEFAULT_MAX_BYTES, WRITERS, iter_articles, open_writer
from ..model import Article
from ..pipeline.finders import NAMES

EXIT_OK, EXIT_NOTHING, EXIT_PARTIAL = 0, 1, 3


def register(subparsers: argparse._SubParsersAction) -> None:
    formats = "; ".join(f"{name}: {cls.description}" for name, cls in WRITERS.items())
    p = subparsers.add_parser(
        "extract",
        help="extract attributed quotes from articles (.txt, .html, .jsonl, folders, - for stdin)",
        description="Extract who said what, to whom and when from news articles. "
        "Bad inputs are reported on stderr, one line each, and the other inputs are still processed.",
        epilog=f"Formats — {formats}. Exit codes: 0 all processed (or some skipped, without --strict); "
        "1 nothing processed or a fatal error; 2 bad usage; 3 some inputs skipped (with --strict).",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="a .txt/.html/.htm/.jsonl/.warc file, a folder (read recursively), or - for stdin")
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout (a folder for --format brat)")
    p.add_argument("-f", "--format", choices=list(WRITERS), default="text", help="output format (default: text)")
    p.add_argument("--model", default=DEFAULT_PIPELINE, metavar="NAME", help=f"spaCy pipeline to load, by name or path (default: {DEFAULT_PIPELINE})")
    p.add_argument(
        "--finder",
        default=DEFAULT_FINDER,
        choices=NAMES,
        metavar="NAME",
        help="span finder: default or auto (the learned model when installed, else rules), model, rules, "
        "hybrid (rules plus the model; slower: needs the parser), or accurate (a transformer encoder, "
        "checked against the parse; slower, more exact)",
    )
    p.add_argument("--workers", type=_positive, default=1, metavar="N", help="worker processes, each loading the pipeline once (default: 1)")
    p.add_argument("--batch-size", type=_positive, default=32, metavar="N", help="articles per nlp.pipe batch (default: 32)")
    p.add_argument("--max-bytes", type=_positive, default=DEFAULT_MAX_BYTES, metavar="N", help=f"skip inputs larger than this; for JSONL, per line (default: {DEFAULT_MAX_BYTES})")
    p.add_argument("--strict", action="store_true", help="exit 3 when any input was skipped or failed")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress or summary on stderr (errors are still printed)")
    p.set_defaults(handler=run)


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {n}")
    return n


class _Tally:
    """Counts what happened, reports skips as they come, and draws progress on a terminal."""

    def __init__(self, err: TextIO, show_progress: bool) -> None:
        self.err = err
        self.skipped = self.failed = self.done = self.quotes = 0
        self.show_progress = show_progress
        self._last = 0.0
        self._drawn = False

    def skip(self, message: str) -> None:
        self.skipped += 1
        self.say(f"quotegraph: skipped {message}")

    def fail(self, error: ExtractionError) -> None:
        self.failed += 1
        self.say(f"quotegraph: {error}")

    def say(self, line: str) -> None:
        self._clear()
        print(line, file=self.err, flush=True)

    def progress(self, article: Article) -> None:
        self.done += 1
        self.quotes += len(article.quotes)
        now = time.monotonic()
        if self.show_progress and self.done >= 10 and now - self._last > 0.2:
            self._last = now
            self.err.write(f"\r{self.done} articles, {self.quotes} quotes…")
            self.err.flush()
            self._drawn = True

    def _clear(self) -> None:
        if self._drawn:
            self.err.write("\r\033[K")
            self._drawn = False

    def finish(self) -> None:
        self._clear()


class _StderrLines(logging.Handler):
    """quotegraph's warnings (e.g. invalid UTF-8 replaced) as one line each on stderr."""

    def __init__(self, tally: _Tally) -> None:
        super().__init__(logging.WARNING)
        self.tally = tally

    def emit(self, record: logging.LogRecord) -> None:
        self.tally.say(f"quotegraph: warning: {record.getMessage()}")


def _articles(records: Iterable[tuple[str, Article | InputError]], tally: _Tally) -> Iterator[Article]:
    for _origin, item in records:
        if isinstance(item, InputError):
            tally.skip(str(item))
        else:
            yield item


def run(args: argparse.Namespace) -> int:
    writer = open_writer(args.format, args.output)
    err = sys.stderr
    to_terminal = err.isatty() and (args.output not in (None, "-") or not sys.stdout.isatty())
    tally = _Tally(err, show_progress=to_terminal and not args.quiet)
    handler = _StderrLines(tally)
    logger = logging.getLogger("quotegraph")
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False  # one line per warning, not also the root logger's
    try:
        records = iter_articles(args.paths, max_bytes=args.max_bytes)
        results = extract_many(
            _articles(records, tally),
            pipeline=args.model,
            finder=args.finder,
            batch_size=args.batch_size,
            workers=args.workers,
            on_error="yield",
        )
        for outcome in results:
            if isinstance(outcome, ExtractionError):
                tally.fail(outcome)
                continue
            writer.write(outcome)
            tally.progress(outcome)
    finally:
        tally.finish()
        writer.close()
        logger.removeHandler(handler)
        logger.propagate = propagate
    return _exit_code(tally, args)


def _exit_code(tally: _Tally, args: argparse.Namespace) -> int:
    bad = tally.skipped + tally.failed
    if tally.done == 0:
        if bad == 0:
            print("quotegraph: error: no articles found in the given paths", file=sys.stderr)
        else:
            print(f"quotegraph: error: nothing processed ({bad} input{'s' if bad != 1 else ''} skipped or failed)", file=sys.stderr)
        return EXIT_NOTHING
    if bad:
        if not args.quiet:
            print(f"quotegraph: processed {tally.done} article{'s' if tally.done != 1 else ''}; {bad} skipped or failed", file=sys.stderr)
        return EXIT_PARTIAL if args.strict else EXIT_OK
    return EXIT_OK
