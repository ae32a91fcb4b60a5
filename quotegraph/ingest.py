"""Ingestion: input files → extraction → the store, resumable and crash-safe.

Orchestration only, above both the readers and pipeline (``quotegraph.io``,
``quotegraph.api``) and the store (``quotegraph.store``), which never import it.

Each article is checked against the store by content hash *before* extraction (a
resumed run costs only reading), extracted in streaming batches, and written with
its quotes, entities, speakers and clusters in one transaction.  Articles are
written in input order whatever order the workers finish in, and everything the
store derives from an article depends only on what is stored before it, so after
``kill -9`` a rerun of the same command ends exactly as an uninterrupted run.
Bad input and articles the pipeline fails on are counted and listed, never fatal.
"""

from __future__ import annotations

import itertools
import sys
import time
from collections import deque
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence, TextIO

from .errors import ExtractionError, InputError, ModelError, StoreError
from .io import DEFAULT_MAX_BYTES, format_of, iter_articles, reader_for
from .model import Article
from .store import IngestSummary, Store
from .store.writer import IdTaken

Extract = Callable[[Iterable[Article]], Iterator["Article | ExtractionError"]]


class _Lines:
    """A stream for tqdm off a terminal: each refresh is a plain line, no carriage returns or padding."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> None:
        line = text.replace("\r", "").strip()
        if line:
            self.stream.write(line + "\n")

    def flush(self) -> None:
        self.stream.flush()


class Progress:
    """The progress line of an ingest run, drawn by tqdm: articles done (of the total, when
    known), how many were new, already present and failed, the rate and the ETA.

    On a terminal the line is redrawn in place at most every ``interval`` seconds
    (default 0.5); elsewhere (a log file, a pipe) it is a plain line every
    ``interval`` seconds (default 30) and one at the end.
    """

    def __init__(self, total: int | None, stream: TextIO | None = None, *, interval: float | None = None) -> None:
        from tqdm import tqdm

        stream = stream or sys.stderr
        terminal = bool(getattr(stream, "isatty", lambda: False)())
        counts = "{n_fmt}/{total_fmt} articles" if total else "{n_fmt} articles"
        self._bar = tqdm(
            total=total,
            file=stream if terminal else _Lines(stream),
            unit=" articles",
            desc="0 new, 0 present, 0 failed",
            miniters=1,  # redraw by time alone, however uneven the pace
            mininterval=(0.5 if terminal else 30.0) if interval is None else interval,
            dynamic_ncols=terminal,
            bar_format=counts + "  ({desc})  {rate_fmt}" + ("  ETA {remaining}" if total else ""),
        )

    def update(self, summary: IngestSummary, *, final: bool = False) -> None:
        self._bar.set_description_str(
            f"{summary.new:,} new, {summary.present:,} present, {len(summary.failed):,} failed", refresh=False
        )
        self._bar.update(summary.done - self._bar.n)
        if final:
            self._bar.close()  # draws the last state, then ends the line


def count_inputs(paths: Sequence[str]) -> int | None:
    """A cheap estimate of how many articles ``paths`` hold (None when it cannot tell, e.g. WARC, stdin)."""
    total = 0
    for raw in paths:
        if raw == "-":
            return None
        path = Path(raw)
        files = sorted(p for p in path.rglob("*") if p.is_file() and reader_for(p, in_directory=True)) if path.is_dir() else [path]
        for file in files:
            fmt = format_of(file.name)
            if fmt == "warc":
                return None
            if fmt == "jsonl":
                try:
                    with file.open("rb") as f:
                        total += sum(1 for line in f if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total


def _extractor(workers: int, **options: object) -> Extract:
    from .api import extract_many

    kwargs = {k: v for k, v in options.items() if v is not None}
    # on_error="yield": a failing article comes back as an ExtractionError in its place.
    return lambda articles: extract_many(articles, workers=workers, on_error="yield", **kwargs)  # type: ignore[arg-type]


def ingest(
    paths: Sequence[str],
    store: Store,
    *,
    workers: int = 1,
    max_bytes: int | None = None,
    progress: Progress | None = None,
    extract: Extract | None = None,
    **extract_options: object,
) -> IngestSummary:
    """Read, extract and store every article in ``paths``; see the module docstring.

    ``extract`` replaces ``quotegraph.extract_many`` (tests, pre-extracted input);
    ``extract_options`` (pipeline, finder, batch_size) go to it.
    """
    started = time.monotonic()
    summary = IngestSummary()
    run = extract or _extractor(workers, **extract_options)
    seen: set[str] = set()

    def todo() -> Iterator[tuple[str, Article]]:
        for origin, item in iter_articles(list(paths), max_bytes=max_bytes or DEFAULT_MAX_BYTES):
            if isinstance(item, InputError):
                summary.failed.append((origin, item.reason))
            else:
                digest = item.content_hash
                if digest in seen or store.has_hash(digest):
                    summary.present += 1
                else:
                    seen.add(digest)
                    yield origin, item
            if progress:
                progress.update(summary)

    def store_one(origin: str, outcome: Article | ExtractionError) -> None:
        if isinstance(outcome, ExtractionError):
            summary.failed.append((origin, f"extraction failed: {outcome.reason}"))
            return
        try:
            summary.stored(store.add_extracted(outcome))
        except IdTaken as exc:  # any other StoreError (a failing database) stops the run; a rerun resumes
            summary.failed.append((origin, str(exc)))
        if progress:
            progress.update(summary)

    source = todo()
    in_flight: deque[tuple[str, Article]] = deque()

    def feed() -> Iterator[Article]:
        for origin, article in source:
            in_flight.append((origin, article))
            yield article

    while (first := next(source, None)) is not None:  # load the pipeline only when something needs extracting
        source = itertools.chain([first], source)
        try:
            for outcome in run(feed()):
                store_one(in_flight.popleft()[0], outcome)
        except (ModelError, StoreError, KeyboardInterrupt):
            raise  # no pipeline, or a database that cannot be written: stop (a rerun resumes)
        except Exception:  # one article broke the batch: redo the batch one by one, then stream on
            stuck = list(in_flight)
            in_flight.clear()
            for origin, article in stuck:
                try:
                    outcome = next(iter(run(iter([article]))))
                except ModelError:
                    raise
                except Exception as exc:
                    summary.failed.append((origin, f"extraction failed: {type(exc).__name__}: {exc}"))
                    continue
                store_one(origin, outcome)
    summary.seconds = time.monotonic() - started
    if progress:
        progress.update(summary, final=True)
    return summary
