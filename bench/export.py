"""Exports stream in constant memory: peak RSS of CSV exports of growing parts of a store, up to all of it.

    python bench/export.py                       # builds the 20,000-article store in a temp folder
    python bench/export.py --db bench/load.db    # bench/load.py's store: built there once, reused after

Each export is a fresh process, ``quotegraph search [TEXT] --format csv -o FILE`` (the CLI), its
memory sampled from ``/proc/PID/status`` every few milliseconds while it runs.  Two figures: the
peak of ``RssAnon`` — the process's own memory (Python objects, SQLite's cache) — and the peak of
``RssFile``, the database pages it touched through SQLite's memory map (``PRAGMA mmap_size``):
those are the OS page cache, shared by every process reading the file and bounded by the file's
size (and the 256 MB map), so the total ``VmRSS`` grows with the part of the file read even when
the process holds nothing.  Listings without words (the whole store, the quotes up to a date) walk
the date index a batch at a time; a text query orders its matches' rowids once (8 bytes each) and
reads rows in batches.  For contrast: the same rows held in one Python list.  Then the HTTP route,
``quotegraph serve`` sampled the same way while ``/api/quotes.csv`` streams the whole store.
Exits 1 when the whole store's export needs more than 20 MB of its own memory beyond what the
first day's export (81 quotes) needs, by the CLI or over HTTP.
"""

from __future__ import annotations

import argparse
import http.client
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

GROWTH_LIMIT_MB = 20.0


class Sampler(threading.Thread):
    """Polls a process's /proc status, keeping the peaks of RssAnon, RssFile and VmRSS (MB)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.stopped = pid, {"RssAnon": 0.0, "RssFile": 0.0, "VmRSS": 0.0}, threading.Event()

    def sample(self) -> None:
        try:
            lines = Path(f"/proc/{self.pid}/status").read_text().splitlines()
        except OSError:
            return
        for line in lines:
            key, _, value = line.partition(":")
            if key in self.peak:
                self.peak[key] = max(self.peak[key], int(value.split()[0]) / 1024)

    def run(self) -> None:
        while not self.stopped.wait(0.005):
            self.sample()

    def reset(self) -> None:
        self.peak = dict.fromkeys(self.peak, 0.0)


def run_measured(cmd: list[str]) -> tuple[float, dict[str, float]]:
    """Run ``cmd``; its wall seconds and memory peaks."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = Sampler(proc.pid)
    sampler.start()
    _, err = proc.communicate()
    sampler.stopped.set()
    sampler.join()
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed: {err.decode()}")
    return time.perf_counter() - started, sampler.peak


def download(port: int, path: str) -> int:
    """GET ``path``, reading the body as it streams; its size in bytes."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    conn.request("GET", path)
    resp = conn.getresponse()
    assert resp.status == 200, resp.status
    size = 0
    while chunk := resp.read(1 << 16):
        size += len(chunk)
    conn.close()
    return size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="store to use; built here first when it does not exist")
    parser.add_argument("--articles", type=int, default=20_000, help="articles in a new store (default: 20000)")
    args = parser.parse_args()
    from load import build_store, free_port, start_server

    from quotegraph.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "export.db"
        if not db.exists():
            build_store(db, args.articles)
        with Store(db, readonly=True) as store:
            stats = store.stats()
            dates = [r[0] for r in store.connection.execute("SELECT date FROM quotes WHERE date IS NOT NULL ORDER BY date")]
        print(f"store: {stats['articles']} articles, {stats['quotes']} quotes, {db.stat().st_size / 1e6:.0f} MB\n")
        out = Path(tmp) / "out.csv"
        cli = [sys.executable, "-m", "quotegraph", "search", "--db", str(db), "--format", "csv", "-o", str(out)]
        runs = [
            (f"the first day (--until {dates[0]})", ["--until", dates[0]]),
            *[(f"{share}% of the store (--until {dates[len(dates) * share // 100 - 1]})",
               ["--until", dates[len(dates) * share // 100 - 1]]) for share in (10, 25, 50)],
            ("the whole store", []),
            ("a common word: 'the' (text query)", ["the"]),
        ]
        print("| export | quotes | CSV MB | wall s | own memory (RssAnon) MB | mapped db pages (RssFile) MB | VmRSS MB |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        own = []
        for label, extra in runs:
            wall, peak = run_measured(cli + extra)
            rows = sum(1 for _ in out.open(encoding="utf-8")) - 1
            own.append(peak["RssAnon"])
            print(f"| {label} | {rows} | {out.stat().st_size / 1e6:.1f} | {wall:.1f} | {peak['RssAnon']:.0f} | "
                  f"{peak['RssFile']:.0f} | {peak['VmRSS']:.0f} |")
        code = ("import sys; from quotegraph.store import Store; s = Store(sys.argv[1], readonly=True); "
                "rows = list(s.export_quotes()); print(len(rows))")
        wall, peak = run_measured([sys.executable, "-c", code, str(db)])
        print(f"| (contrast) the whole store held in a list | {stats['quotes']} | — | {wall:.1f} | "
              f"{peak['RssAnon']:.0f} | {peak['RssFile']:.0f} | {peak['VmRSS']:.0f} |")

        port = free_port()
        server = start_server(db, port)
        sampler = Sampler(server.pid)
        sampler.start()
        try:
            download(port, f"/api/quotes.csv?until={dates[0]}")
            small = dict(sampler.peak)
            started = time.perf_counter()
            size = download(port, "/api/quotes.csv")
            wall = time.perf_counter() - started
            whole = dict(sampler.peak)
        finally:
            sampler.stopped.set()
            server.terminate()
            server.wait(10)
        print(f"\nHTTP: GET /api/quotes.csv, the whole store ({size / 1e6:.1f} MB) in {wall:.1f} s. `quotegraph serve` "
              f"peaks: own memory {small['RssAnon']:.0f} MB after the first day's export, {whole['RssAnon']:.0f} MB after the "
              f"whole store (mapped db pages {small['RssFile']:.0f} → {whole['RssFile']:.0f} MB)")
    growth = max(own[-2] - own[0], whole["RssAnon"] - small["RssAnon"])
    failed = growth > GROWTH_LIMIT_MB
    print(f"\ntarget: exporting the whole store needs at most {GROWTH_LIMIT_MB:.0f} MB of own memory more than "
          f"exporting one day (it needs {growth:.1f} MB more): {'FAIL' if failed else 'PASS'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
