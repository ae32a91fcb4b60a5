"""Statements first: on a store of 40 PolNeAR dev articles, the first ten results for each of the ten
most common speaker surnames hold no fragment unless nothing else matches (issue 14).

    python bench/statements.py                      # builds the store in a temp folder (quotegraph ingest)
    python bench/statements.py --db bench/dev40.db  # builds it there once, reuses it afterwards

The store is what a new user makes: the first 40 dev texts (sorted by file name) as one JSONL
file (id, text, and the date and outlet the file name gives), then ``quotegraph ingest``.  Each
surname is searched through the CLI (``quotegraph search NAME --format json``) and the HTTP API
(``/api/quotes?q=NAME``, in-process).  A surname passes when its first min(10, N) results are
not fragments, N being how many of its matches are not fragments.  Prints a table, the first
results of the worst surname, and exits 1 if any surname fails.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"
TOP = 10


def dev_jsonl(path: Path, n: int = 40) -> Path:
    """The first ``n`` PolNeAR dev texts as JSONL, with the date and outlet their file names give."""
    with path.open("w", encoding="utf-8") as f:
        for file in sorted(DEV.glob("*.txt"))[:n]:
            outlet, date, _ = file.stem.split("_", 2)
            f.write(json.dumps({"id": file.stem, "text": file.read_text(encoding="utf-8"), "date": date,
                                "outlet": outlet}) + "\n")
    return path


def surnames(db: Path, n: int = TOP) -> list[tuple[str, int]]:
    """The ``n`` most common surnames of person speakers, by their quotes."""
    from quotegraph.store import Store

    counts: collections.Counter[str] = collections.Counter()
    with Store(db, readonly=True) as store:
        for name, quotes in store.connection.execute("SELECT name, n_quotes FROM speakers WHERE kind = 'person'"):
            words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", name) if w.lower().rstrip(".") not in ("jr", "sr")]
            if words:
                counts[words[-1]] += quotes
    return counts.most_common(n)


def cli_top(db: Path, query: str) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "quotegraph", "search", query, "--db", str(db), "--format", "json",
                           "--limit", str(TOP)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)["results"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="store to use; built here first when it does not exist")
    args = parser.parse_args()
    from quotegraph.store import Store
    from quotegraph.web import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "dev40.db"
        if not db.exists():
            jsonl = dev_jsonl(Path(tmp) / "dev40.jsonl")
            subprocess.run([sys.executable, "-m", "quotegraph", "ingest", str(jsonl), "--db", str(db)], check=True)
        with Store(db, readonly=True) as store:
            stats = store.stats()
        print(f"store: {stats['articles']} articles, {stats['quotes']} quotes, {stats['speakers']} speakers\n")
        print("| query | matches | not fragments | fragments in CLI top 10 | fragments in API top 10 | verdict |")
        print("|---|---:|---:|---:|---:|---|")
        failed, worst = False, None
        with TestClient(create_app(db)) as client, Store(db, readonly=True) as store:
            for surname, _ in surnames(db):
                everything = list(store.export_quotes(surname))
                statements = sum(not r["fragment"] for r in everything)
                want = min(TOP, statements)  # the first `want` results must be no fragments
                cli = cli_top(db, surname)
                api = client.get("/api/quotes", params={"q": surname, "limit": TOP}).json()["items"]
                ok = all(not r["fragment"] for r in cli[:want]) and all(not r["fragment"] for r in api[:want])
                ok &= [r["id"] for r in cli] == [r["id"] for r in api]
                failed |= not ok
                fragments = (sum(r["fragment"] for r in cli), sum(r["fragment"] for r in api))
                if worst is None or len(everything) - statements > worst[1]:
                    worst = (surname, len(everything) - statements, cli)
                print(f"| {surname} | {len(everything)} | {statements} | {fragments[0]} | {fragments[1]} | "
                      f"{'PASS' if ok else 'FAIL'} |")
        if worst:
            surname, _, rows = worst
            print(f"\nfirst {TOP} results for {surname!r} (the surname with the most fragments among its matches):")
            for r in rows:
                who = (r["speaker"] or {}).get("name") or (r["source"] or {}).get("text") or "(no source)"
                flag = ", fragment" if r["fragment"] else ""
                print(f"  {who}: {' '.join(r['content']['text'].split())[:90]!r} ({r['act']}{flag})")
    print(f"\ntarget: no fragment in the first {TOP} unless nothing else matches: {'FAIL' if failed else 'PASS'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
