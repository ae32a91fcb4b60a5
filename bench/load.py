"""Bounded load test of the HTTP API on loopback: a fixed number of requests, then it stops.

    python bench/load.py                       # builds a 20,000-article store in a temp folder
    python bench/load.py --db bench/load.db    # builds it there once, reuses it afterwards

The store is filled from bench/make_corpus.py's synthetic articles with the quotes the
generator wrote into them (no spaCy: 20,000 articles through the pipeline would take
hours on 2 cores), through ``Store.add_extracted`` — the same write path as ingest.
The server is the real ``quotegraph serve`` in its own process; 16 client threads
with keep-alive connections share a fixed list of requests: full-text searches
(some with filters, an act among them) and article fetches, over the JSON API and the HTML pages.
Prints requests/s and p50/p99 latency per kind; exits 1 when a search's p99 is
over 100 ms or any request failed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SEARCH_P99_MS = 100.0


def build_store(db: Path, articles: int) -> None:
    from make_corpus import generate

    from quotegraph.model import Article
    from quotegraph.store import Store

    started = time.perf_counter()
    new = quotes = 0
    with Store(db) as store:
        # Byte-identical syndicated copies are stored once, so draw until `articles` are new.
        for record in generate(articles * 2):
            added = store.add_extracted(Article.from_dict(record, record["quotes"]))
            if added is not None:
                new, quotes = new + 1, quotes + added
                if new == articles:
                    break
    print(f"built {db}: {new} articles, {quotes} quotes in {time.perf_counter() - started:.0f}s", file=sys.stderr)


def workload(db: Path, n: int, rng: random.Random) -> list[tuple[str, str]]:
    """``n`` requests as (kind, path), in a shuffled but reproducible order."""
    from quotegraph.store import Store

    with Store(db, readonly=True) as store:
        conn = store.connection
        ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY seq")]
        contents = [r[0] for r in conn.execute("SELECT content FROM quotes ORDER BY rowid LIMIT 5000")]
        outlets = [r[0] for r in conn.execute("SELECT name FROM outlets")]
        speakers = [r[0] for r in conn.execute("SELECT name FROM speakers ORDER BY n_quotes DESC LIMIT 200")]
    words = sorted({w.strip('",.').lower() for c in contents for w in c.split() if len(w.strip('",.')) > 3})

    def search_params() -> dict[str, str]:
        """Mostly words; some with an outlet, a date range or an act; some a speaker's latest quotes."""
        params = {"q": " ".join(rng.sample(words, rng.choice((1, 1, 2))))}
        extra = rng.random()
        if extra < 0.15:
            params["outlet"] = rng.choice(outlets)
        elif extra < 0.3:
            params["since"], params["until"] = "2023-06-01", "2024-03-31"
        elif extra < 0.4:
            params = {"speaker": rng.choice(speakers), "sort": "newest"}
        elif extra < 0.5:
            params["act"] = "speech"
        return params

    kinds = {
        "search api": lambda: "/api/quotes?" + urlencode(search_params()),
        "article api": lambda: "/api/articles/" + rng.choice(ids),
        "search page": lambda: "/?" + urlencode(search_params()),
        "article page": lambda: "/articles/" + rng.choice(ids),
    }
    reqs = [(kind, make()) for kind, make in kinds.items() for _ in range(n // len(kinds))]
    rng.shuffle(reqs)
    return reqs


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, workers: int = 1) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "quotegraph", "serve", "--db", str(db), "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/speakers?limit=1")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start within 60 s")


def run(port: int, reqs: list[tuple[str, str]], clients: int) -> tuple[list[tuple[str, float, int, str]], float]:
    todo: queue.SimpleQueue = queue.SimpleQueue()
    for r in reqs:
        todo.put(r)
    results: list[tuple[str, float, int, str]] = []
    lock = threading.Lock()

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while True:
            try:
                kind, path = todo.get_nowait()
            except queue.Empty:
                break
            t0 = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Accept": "text/html" if "page" in kind else "application/json"})
                resp = conn.getresponse()
                resp.read()
                status = resp.status
            except OSError:
                status = 0
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append((kind, (time.perf_counter() - t0) * 1000, status, path))
        conn.close()
        with lock:
            results.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, time.perf_counter() - started


def search_shape(path: str) -> str:
    if "speaker=" in path:
        return "speaker"
    if "outlet=" in path:
        return "words + outlet"
    if "since=" in path:
        return "words + dates"
    if "act=" in path:
        return "words + act"
    return "words"


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="store to use; built here first when it does not exist")
    parser.add_argument("--articles", type=int, default=20_000, help="articles in a new store (default: 20000)")
    parser.add_argument("--requests", type=int, default=4_000, help="requests in all (default: 4000)")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (default: 16)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--server-workers", type=int, default=1, help="`quotegraph serve --workers` (default: 1)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "load.db"
        if not db.exists():
            build_store(db, args.articles)
        reqs = workload(db, args.requests, random.Random(args.seed))
        port = free_port()
        server = start_server(db, port, args.server_workers)
        try:
            run(port, reqs[:200], args.clients)  # warm-up: connections, caches, thread pool
            results, elapsed = run(port, reqs, args.clients)
        finally:
            server.terminate()
            server.wait(10)
        from quotegraph.store import Store

        with Store(db, readonly=True) as store:
            stats = store.stats()

    print(f"store: {stats['articles']} articles, {stats['quotes']} quotes, {stats['speakers']} speakers")
    print(f"{len(results)} requests, {args.clients} clients, {elapsed:.1f} s: {len(results) / elapsed:.0f} requests/s overall\n")
    print("| kind | requests | errors | p50 ms | p99 ms | max ms |")
    print("|---|---:|---:|---:|---:|---:|")
    failed = False
    for kind in ("search api", "article api", "search page", "article page"):
        lat = [ms for k, ms, *_ in results if k == kind]
        errors = sum(1 for k, _, status, _ in results if k == kind and status != 200)
        print(f"| {kind} | {len(lat)} | {errors} | {statistics.median(lat):.1f} | {pct(lat, 99):.1f} | {max(lat):.1f} |")
        failed |= errors > 0 or ("search" in kind and pct(lat, 99) >= SEARCH_P99_MS)
    print("\nsearches (API and page) by shape:\n")
    print("| shape | requests | p50 ms | p99 ms |")
    print("|---|---:|---:|---:|")
    for shape in ("words", "words + outlet", "words + dates", "words + act", "speaker"):
        lat = [ms for k, ms, _, p in results if "search" in k and search_shape(p) == shape]
        if lat:
            print(f"| {shape} | {len(lat)} | {statistics.median(lat):.1f} | {pct(lat, 99):.1f} |")
    print(f"\ntarget: search p99 < {SEARCH_P99_MS:.0f} ms, no errors: {'FAIL' if failed else 'PASS'}")
    print(json.dumps({"requests_per_s": round(len(results) / elapsed, 1), "clients": args.clients}), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
