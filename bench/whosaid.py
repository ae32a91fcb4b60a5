"""Who said what, to whom, when: every finder on hand-annotated real pages (news-dev format).

    python bench/whosaid.py                          # ../shared/data/news-dev, every installed finder
    python bench/whosaid.py --finders default rules  # some finders
    python bench/whosaid.py -v                       # and every item that is not all right

Scored as ``quotegraph eval FOLDER --system FINDER`` scores it (docs/evaluation.md): of the
required items, the share found, with the speaker right, wrong, unresolved; channel and
date over the items whose gold gives one.  Wrong and unresolved are reported apart.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from quotegraph.evaluate import whosaid
from quotegraph.pipeline import finders

NEWS_DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "news-dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default=str(NEWS_DEV))
    parser.add_argument("--finders", nargs="+", default=["default", "rules", "hybrid"])
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    rows = []
    for finder in args.finders:
        if finder not in ("default", *finders.NAMES):
            raise SystemExit(f"unknown finder {finder!r}; choose from default, {', '.join(finders.NAMES)}")
        t0 = time.perf_counter()
        report = whosaid.evaluate_system(args.folder, finder)
        rows.append((finder, report.tally(), time.perf_counter() - t0))
        if args.verbose:
            print(f"== {finder}")
            print(report.table(verbose=True))
            print()
    print(f"{'finder':<10} {'items':>5} {'found':>7} {'right':>7} {'wrong':>7} {'unres.':>7} {'channel':>12} {'date':>12} {'false':>5} {'s':>6}")
    for finder, t, seconds in rows:
        pct = lambda n, d: f"{100 * n / d:5.1f}%" if d else "    —"  # noqa: E731
        print(
            f"{finder:<10} {t.items:5d} {pct(t.found, t.items):>7} {pct(t.right, t.items):>7} {pct(t.wrong, t.items):>7}"
            f" {pct(t.unresolved, t.items):>7} {f'{t.channel_right}/{t.channel_gold} {pct(t.channel_right, t.channel_gold)}':>12}"
            f" {f'{t.date_right}/{t.date_gold} {pct(t.date_right, t.date_gold)}':>12} {t.false_quotes:5d} {seconds:6.1f}"
        )


if __name__ == "__main__":
    main()
