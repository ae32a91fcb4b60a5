"""Ingest benchmark: end-to-end articles/s vs extraction alone, store size, search latency.

    python bench/make_corpus.py --articles 20000 --out bench/corpus.jsonl
    python bench/ingest.py bench/corpus.jsonl --sample 200 --repeat 3 --workers 1 2

Part 1 (the store must not be the bottleneck): on the first ``--sample`` articles,
time reading + ``extract_many`` alone, then ``quotegraph.ingest`` (reading,
hash check, extraction, one transaction per article) into a fresh database, for
each ``--workers``.  Part 2 (scale): store the whole corpus with the quotes the
generator wrote (no spaCy), report store-only articles/s, database size per
1,000 articles and clusters, then time 200 searches (p50/p99) on it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quotegraph.model import Article  # noqa: E402
from quotegraph.store import Store  # noqa: E402


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the extraction workers)."""
    import resource

    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def extract_only(path: str, workers: int) -> tuple[int, float, float]:
    from quotegraph.api import extract_many
    from quotegraph.io import iter_articles

    started, cpu = time.perf_counter(), cpu_seconds()
    articles = (a for _, a in iter_articles([path]) if isinstance(a, Article))
    n = sum(1 for _ in extract_many(articles, workers=workers, on_error="yield"))
    return n, time.perf_counter() - started, cpu_seconds() - cpu


def ingest_run(path: str, workers: int, db: Path) -> tuple[int, float, float]:
    from quotegraph.ingest import ingest

    started, cpu = time.perf_counter(), cpu_seconds()
    with Store(db) as store:
        timed = StoreTimer(store)
        summary = ingest([path], timed, workers=workers)
    wall = time.perf_counter() - started
    print(f"<!-- workers={workers}: store calls took {timed.seconds:.2f}s of the ingest's {wall:.1f}s wall "
          f"({100 * timed.seconds / wall:.1f}%), {timed.cpu:.2f} CPU-s -->", flush=True)
    return summary.new + summary.present, wall, cpu_seconds() - cpu


class StoreTimer:
    """A Store whose writes and hash checks are timed: the store's own share of an ingest."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.seconds = 0.0
        self.cpu = 0.0

    def _timed(self, fn, *args):
        t, c = time.perf_counter(), time.thread_time()
        try:
            return fn(*args)
        finally:
            self.seconds += time.perf_counter() - t
            self.cpu += time.thread_time() - c

    def has_hash(self, digest: str) -> bool:
        return self._timed(self._store.has_hash, digest)

    def add_extracted(self, article: Article) -> int | None:
        return self._timed(self._store.add_extracted, article)


def part1(corpus: str, sample: int, workers: list[int], tmp: Path, repeat: int = 1) -> None:
    import quotegraph

    subset = tmp / "sample.jsonl"
    with open(corpus, encoding="utf-8") as src, subset.open("w", encoding="utf-8") as out:
        for i, line in enumerate(src):
            if i >= sample:
                break
            out.write(line)
    quotegraph.load()  # the pipeline load is not part of either figure ...
    with open(corpus, encoding="utf-8") as src:  # ... nor are first-call costs inside the pipeline
        warm = [Article.from_dict(json.loads(next(src))) for _ in range(20)]
    for _ in quotegraph.extract_many(warm):
        pass
    print(f"## end to end, {sample} articles, best of {repeat} (extraction = read + extract_many; ingest = read + hash check + extract + store)")
    print("| workers | extract articles/s (wall) | ingest articles/s (wall) | ingest/extract (wall) "
          "| extract CPU s | ingest CPU s | ingest/extract (CPU) |")
    print("|---|---|---|---|---|---|---|")
    for w in workers:
        runs_e, runs_i = [], []
        for r in range(repeat):  # interleaved, best of ``repeat``: the machine's load hits both alike
            runs_e.append(extract_only(str(subset), w))
            runs_i.append(ingest_run(str(subset), w, tmp / f"ingest-w{w}-{r}.db"))
        n_e, t_e, c_e = min(runs_e, key=lambda x: x[1])
        n_i, t_i, c_i = min(runs_i, key=lambda x: x[1])
        print(f"| {w} | {n_e / t_e:.1f} | {n_i / t_i:.1f} | {(n_i / t_i) / (n_e / t_e):.2f} "
              f"| {c_e:.1f} | {c_i:.1f} | {c_i / c_e:.2f} |", flush=True)


def queries(corpus: str, rng: random.Random) -> list[dict]:
    """200 searches a user might type: words, pairs, phrases, speakers, outlets and date ranges."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import make_corpus as mc

    words = [w for group in (mc.VERBS, mc.OBJECTS, mc.TAILS) for phrase in group for w in phrase.split() if len(w) > 3]
    out: list[dict] = []
    out += [{"q": rng.choice(words)} for _ in range(80)]
    out += [{"q": f"{rng.choice(words)} {rng.choice(words)}"} for _ in range(40)]
    out += [{"q": f'"{rng.choice(mc.OBJECTS)}"'} for _ in range(20)]
    out += [{"q": rng.choice(words), "speaker": rng.choice(mc.LAST)} for _ in range(20)]
    out += [{"speaker": f"{rng.choice(mc.FIRST)} {rng.choice(mc.LAST)}"} for _ in range(10)]
    out += [{"q": rng.choice(words), "outlet": rng.choice(mc.OUTLETS), "since": "2024-01", "until": "2024-06"} for _ in range(20)]
    out += [{"outlet": rng.choice(mc.OUTLETS), "sort": "newest"} for _ in range(10)]
    return out


def part2(corpus: str, tmp: Path, keep: str | None = None) -> None:
    db = Path(keep) if keep else tmp / "scale.db"
    records = [json.loads(line) for line in open(corpus, encoding="utf-8")]
    articles = [Article.from_dict(r) for r in records]
    started = time.perf_counter()
    cpu = time.process_time()
    with Store(db) as store:
        counts = store.ingest_articles(articles)
        stats = store.stats()
        store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    size = db.stat().st_size
    print(f"\n## store at scale: {len(articles)} articles with their generated quotes (no spaCy)")
    print(f"- stored {counts.new} new, {counts.present} byte-identical copies skipped, {counts.quotes} quotes "
          f"in {seconds:.1f}s wall ({cpu:.1f}s CPU) = {len(articles) / seconds:.0f} articles/s wall, "
          f"{len(articles) / cpu:.0f} articles/s per CPU-second (store only)")
    print(f"- {stats}")
    print(f"- database {size / 1e6:.1f} MB = {size / 1e6 / (counts.new / 1000):.2f} MB per 1,000 stored articles")
    rng = random.Random(11)
    qs = queries(corpus, rng)
    timings, cpus, totals = [], [], []
    with Store(db, readonly=True) as ro:
        for query in qs:  # a first pass warms the page cache, as a running server's would be
            ro.search_quotes(**query, limit=20)
        for query in qs:
            t, c = time.perf_counter(), time.process_time()
            _, total = ro.search_quotes(**query, limit=20)
            timings.append((time.perf_counter() - t) * 1000)
            cpus.append((time.process_time() - c) * 1000)
            totals.append(total)
    print(f"- search over {len(qs)} queries (limit 20, with total count), wall: {percentiles(timings)}; "
          f"CPU: {percentiles(cpus)}; median hits {statistics.median(totals):.0f}")


def percentiles(values: list[float]) -> str:
    values = sorted(values)
    p99 = values[min(len(values) - 1, int(round(0.99 * len(values))) - 1)]
    return f"p50 {statistics.median(values):.1f} ms, p99 {p99:.1f} ms, max {values[-1]:.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", help="JSONL from bench/make_corpus.py")
    parser.add_argument("--sample", type=int, default=1000, help="articles for the end-to-end part (default: 1000)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts (default: 1 2)")
    parser.add_argument("--repeat", type=int, default=1, help="end-to-end runs per figure, best kept (default: 1)")
    parser.add_argument("--skip-extract", action="store_true", help="only the store-at-scale part")
    parser.add_argument("--skip-scale", action="store_true", help="only the end-to-end part")
    parser.add_argument("--keep-db", metavar="FILE", help="build the scale database here (a new file) and keep it")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPUs; python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_extract:
            part1(args.corpus, args.sample, args.workers, Path(tmp), args.repeat)
        if not args.skip_scale:
            part2(args.corpus, Path(tmp), args.keep_db)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
