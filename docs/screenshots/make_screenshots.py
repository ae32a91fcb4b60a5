"""Screenshots of every page of the web UI, for docs/web.md.

    python docs/screenshots/make_screenshots.py [--db STORE]

Without --db it builds a store with ``quotegraph ingest examples/`` plus the hand-made
articles of tests/web_samples.py (incl. the XSS fixture).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent


def build_store(path: Path) -> None:
    """``quotegraph ingest examples/`` (the real pipeline), then the hand-made web test articles."""
    import subprocess

    sys.path.insert(0, str(ROOT / "tests"))
    import web_samples

    subprocess.run([sys.executable, "-m", "quotegraph", "ingest", str(ROOT / "examples"), "--db", str(path)], check=True)
    web_samples.build_store(path, [web_samples.first_report(), web_samples.later_report(), web_samples.xss_article(),
                                   web_samples.acts_report()])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from quotegraph.store import Store
    from quotegraph.web import create_app
    from quotegraph.web.background import running

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "shots.db"
        if args.db is None:
            build_store(db)
        store = Store(db, readonly=True)
        quote = {"id": store.connection.execute(  # a later report of the most reported quote: provenance to show
            "SELECT q.id FROM quotes q JOIN clusters c ON c.id = q.cluster_id ORDER BY c.size DESC, q.rowid DESC LIMIT 1"
        ).fetchone()[0]}
        speaker = {"id": store.connection.execute(  # the speaker seen in the most outlets: the richest chart
            "SELECT q.speaker_id FROM quotes q JOIN articles a ON a.seq = q.article_seq WHERE q.speaker_id IS NOT NULL "
            "GROUP BY q.speaker_id ORDER BY count(DISTINCT a.outlet_id) DESC, count(*) DESC LIMIT 1").fetchone()[0]}
        rich = store.connection.execute("SELECT id FROM articles ORDER BY title IS NULL, n_quotes DESC, id LIMIT 1").fetchone()
        article = rich[0]
        pages = {
            "search": "/?q=transit",  # statements first, the matching words marked, the download links
            "search-fragments": "/?q=bridge",  # a statement, a thought, then a fragment
            "article": f"/articles/{article}",
            "speaker": f"/speakers/{speaker['id']}",
            "quote": f"/quotes/{quote['id']}",
            "speakers": "/speakers",
        }
        with running(create_app(db)) as base, sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True,
                args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
            )
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            for name, path in pages.items():
                page.goto(base + path)
                page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
            page.goto(base + f"/articles/{article}")
            page.focus(".article-text [tabindex='0']")
            page.screenshot(path=str(OUT / "article-focus.png"))
            page.goto(base + "/try")
            page.fill("#try-text", (ROOT / "examples" / "mayor-transit-tweet.txt").read_text(encoding="utf-8"))
            page.click("button[type=submit]")
            page.wait_for_selector("#try-result .article-text", timeout=60_000)
            page.screenshot(path=str(OUT / "try.png"), full_page=True)
            phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
            phone.goto(base + f"/articles/{article}")
            phone.screenshot(path=str(OUT / "article-phone.png"))
            browser.close()
    print("wrote", ", ".join(sorted(p.name for p in OUT.glob("*.png"))))


if __name__ == "__main__":
    main()
