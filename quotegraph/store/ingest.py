"""Ingestion: input files → extraction → the store, resumable and crash-safe.

Each article is checked against the store by content hash *before* extraction (a
resumed run costs only reading), extracted in streaming batches, and written with
its quotes, speakers and clusters in one transaction.  Articles are written in
input order, so after ``kill -9`` a rerun of the same command ends exactly as an
uninterrupted run.  Bad input and articles the pipeline fails on are counted and
listed, never fatal.
"""

from __future__ import annotations

import inspect
import itertools
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence, TextIO

from ..errors import ExtractionError, InputError, ModelError, StoreError
from ..model import Article
from .store import Store
from .writer import IdTaken

Extractor = Callable[..., Iterator[Article]]


@dataclass
class IngestSummary:
    """What an ingest run did."""

    new: int = 0
    present: int = 0
    quotes: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)
    seconds: float = 0.0

    @property
    def done(self) -> int:
        return self.new + self.present + len(self.failed)

    def to_dict(self) -> dict[str, object]:
        return {
            "new": self.new,
            "present": self.present,
            "failed": [{"origin": o, "reason": r} for o, r in self.failed],
            "quotes": self.quotes,
            "seconds": round(self.seconds, 3),
        }


class Progress:
    """A one-line progress display (done, rate, ETA), redrawn at most every ``interval`` seconds."""

    def __init__(self, total: int | None, stream: TextIO | None = None, interval: float = 0.5) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.interval = interval
        self.started = time.monotonic()
        self._last = 0.0

    def update(self, summary: IngestSummary, *, final: bool = False) -> None:
        now = time.monotonic()
        if not final and now - self._last < self.interval:
            return
        self._last = now
        done = summary.done
        rate = done / max(now - self.started, 1e-9)
        of = f"/{self.total:,}" if self.total else ""
        eta = ""
        if self.total and rate > 0 and done < self.total:
            eta = f"  ETA {_duration((self.total - done) / rate)}"
        line = (
            f"\r{done:,}{of} articles  ({summary.new:,} new, {summary.present:,} present, "
            f"{len(summary.failed):,} failed)  {rate:,.1f}/s{eta}"
        )
        self.stream.write(line.ljust(90) + ("\n" if final else ""))
        self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


def count_inputs(paths: Sequence[str]) -> int | None:
    """A cheap estimate of how many articles ``paths`` hold (None when it cannot tell, e.g. WARC, stdin)."""
    from ..io import reader_for

    total = 0
    for raw in paths:
        if raw == "-":
            return None
        path = Path(raw)
        files = sorted(p for p in path.rglob("*") if p.is_file() and reader_for(p, in_directory=True)) if path.is_dir() else [path]
        for file in files:
            name = file.name.lower()
            if name.endswith((".warc", ".warc.gz")):
                return None
            if name.endswith((".jsonl", ".ndjson")):
                try:
                    with file.open("rb") as f:
                        total += sum(1 for line in f if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total


def _extractor(workers: int, **options: object) -> Callable[[Iterable[Article]], Iterator[Article]]:
    from ..api import extract_many

    params = inspect.signature(extract_many).parameters
    kwargs = {k: v for k, v in options.items() if k in params and v is not None}
    if "workers" in params:
        kwargs["workers"] = workers
    if "on_error" in params:
        kwargs["on_error"] = "yield"  # a failing article comes back as an ExtractionError in its place
    return lambda articles: extract_many(articles, **kwargs)


def ingest(
    paths: Sequence[str],
    store: Store,
    *,
    workers: int = 1,
    max_bytes: int | None = None,
    progress: Progress | None = None,
    extract: Callable[[Iterable[Article]], Iterator[Article]] | None = None,
    **extract_options: object,
) -> IngestSummary:
    """Read, extract and store every article in ``paths``; see the module docstring.

    ``extract`` replaces ``quotegraph.extract_many`` (tests, pre-extracted input);
    ``extract_options`` (pipeline, finder, batch_size) go to it.
    """
    from ..io import DEFAULT_MAX_BYTES, iter_articles

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

    def store_one(origin: str, article: Article) -> None:
        n = store.add_extracted(article)
        if n is None:
            summary.present += 1
        else:
            summary.new += 1
            summary.quotes += n
        if progress:
            progress.update(summary)

    source = todo()
    in_flight: deque[tuple[str, Article]] = deque()

    def feed() -> Iterator[Article]:
        for origin, article in source:
            in_flight.append((origin, article))
            yield article

    while True:
        first = next(source, None)  # load the pipeline only when something needs extracting
        if first is None:
            break
        source = itertools.chain([first], source)
        try:
            for extracted in run(feed()):
                origin, _ = in_flight.popleft()
                if isinstance(extracted, ExtractionError):
                    summary.failed.append((origin, f"extraction failed: {extracted.reason}"))
                    continue
                _store_or_fail(store_one, summary, origin, extracted)
        except (ModelError, StoreError, KeyboardInterrupt):
            raise  # no pipeline, or a database that cannot be written: stop (a rerun resumes)
        except Exception:  # one article broke the batch: redo the batch one by one, then stream on
            stuck = list(in_flight)
            in_flight.clear()
            for origin, article in stuck:
                try:
                    extracted = next(iter(run(iter([article]))))
                except ModelError:
                    raise
                except Exception as exc:
                    summary.failed.append((origin, f"extraction failed: {type(exc).__name__}: {exc}"))
                    continue
                if isinstance(extracted, ExtractionError):
                    summary.failed.append((origin, f"extraction failed: {extracted.reason}"))
                    continue
                _store_or_fail(store_one, summary, origin, extracted)
    summary.seconds = time.monotonic() - started
    if progress:
        progress.update(summary, final=True)
    return summary


def _store_or_fail(store_one: Callable[[str, Article], None], summary: IngestSummary, origin: str, article: Article) -> None:
    try:
        store_one(origin, article)
    except IdTaken as exc:  # any other StoreError (a failing database) stops the run; a rerun resumes
        summary.failed.append((origin, str(exc)))
