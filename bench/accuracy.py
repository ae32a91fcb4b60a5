"""Accuracy on PolNeAR dev: every finder side by side, its full table, and the dev errors by category.

    python bench/accuracy.py                       # every finder (default, rules, hybrid, accurate)
    python bench/accuracy.py --systems default --errors
    python bench/accuracy.py --news ../shared/data/news-dev   # also: share of hand-annotated quotes found

Same scorer as ``quotegraph eval GOLD --system NAME`` (docs/evaluation.md); the
side-by-side table gives P/R/F1 (%) for exact and overlap match of each role, and
RELATION.  ``--floors`` fails (exit 1) when a finder drops below its pinned dev floors.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from quotegraph import evaluate
from quotegraph.evaluate import char_set, exact_key

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev"
SYSTEMS = ["default", "rules", "hybrid", "accurate"]
# Dev floors (F1, %): a change that drops a finder below one fails --floors.
FLOORS = {
    "default": {"RELATION": 75.0, "Source overlap": 79.5, "Cue overlap": 80.0, "Content overlap": 83.0, "Content exact": 58.0},
    "accurate": {"RELATION": 80.0, "Source exact": 79.5, "Cue exact": 73.5, "Content exact": 64.5},
}
SIDE_BY_SIDE = ("Source exact", "Source overlap", "Cue exact", "Cue overlap", "Content exact", "Content overlap", "RELATION")


def side_by_side(reports: dict) -> str:
    """One row per finder: P/R/F1 of each role (exact and overlap) and RELATION, as a markdown table."""
    lines = ["| finder | " + " | ".join(f"{m} P/R/F1" for m in SIDE_BY_SIDE) + " |",
             "|---|" + "---:|" * len(SIDE_BY_SIDE)]
    for system, report in reports.items():
        cells = []
        for m in SIDE_BY_SIDE:
            sc = report.scores[m]
            cells.append(f"{100 * sc.precision:.1f} / {100 * sc.recall:.1f} / **{100 * sc.f1:.1f}**")
        lines.append(f"| {system} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def error_categories(articles, predicted) -> Counter:
    """Count gold relations by what went wrong, and predictions that match no gold content."""
    counts: Counter = Counter()
    for art in articles:
        text, pred = art.text, predicted.get(art.name, [])
        p_chars = [char_set(text, p.content) for p in pred]
        for g in art.relations:
            g_chars = char_set(text, g.content)
            hits = [i for i, pc in enumerate(p_chars) if not pc.isdisjoint(g_chars)]
            quoted = any(ch in text[s:e] for s, e in g.content for ch in "\"“”")
            if not hits:
                counts["missed content (no quote marks)" if not quoted else "missed content (quoted)"] += 1
                continue
            if len(hits) > 1:
                counts["gold content split over several predictions"] += 1
            p = pred[hits[0]]
            if exact_key(text, p.content) != exact_key(text, g.content):
                counts["content found, boundaries differ"] += 1
            g_src, p_src = char_set(text, g.source), char_set(text, p.source)
            if g_src and not p_src:
                counts["source missed"] += 1
            elif p_src and not g_src:
                counts["source predicted, gold has none"] += 1
            elif g_src and g_src.isdisjoint(p_src):
                counts["wrong source"] += 1
            if char_set(text, g.cue).isdisjoint(char_set(text, p.cue)):
                counts["wrong or missing cue"] += 1
            counts["content found"] += 1
        g_all = [char_set(text, g.content) for g in art.relations]
        for pc in p_chars:
            if all(pc.isdisjoint(gc) for gc in g_all):
                counts["spurious content (no gold overlap)"] += 1
        counts["gold relations"] += len(art.relations)
        counts["predicted relations"] += len(pred)
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEV)
    parser.add_argument("--systems", nargs="+", default=SYSTEMS)
    parser.add_argument("--news", type=Path, default=None, metavar="DIR",
                        help="also run each finder over annotated pages (../shared/data/news-dev) and give the share found")
    parser.add_argument("--errors", action="store_true", help="also print the error categories")
    parser.add_argument("--floors", action="store_true", help="exit 1 if the default finder is under the floors")
    args = parser.parse_args()
    articles = evaluate.load_gold(args.gold)
    failed = False
    reports = {}
    for system in args.systems:
        predicted = evaluate.predict_system(articles, system)
        report = reports[system] = evaluate.evaluate(articles, predicted)
        print(f"## {system}\n{report.table()}\n", flush=True)
        if args.errors:
            for name, n in sorted(error_categories(articles, predicted).items(), key=lambda kv: -kv[1]):
                print(f"  {name:<45} {n:6d}")
            print()
        if args.floors:
            for metric, floor in FLOORS.get(system, {}).items():
                if 100 * report.scores[metric].f1 < floor:
                    print(f"FLOOR: {system} {metric} F1 {100 * report.scores[metric].f1:.1f} < {floor}", file=sys.stderr)
                    failed = True
    print(f"## every finder on {args.gold.name} ({len(articles)} articles): P / R / F1, %\n")
    print(side_by_side(reports))
    if args.news:
        from quotegraph.evaluate import whosaid

        print(f"\n## {args.news.name}: share of hand-annotated quotes found\n\n| finder | found | speaker right |\n|---|---:|---:|")
        for system in args.systems:
            total = whosaid.evaluate_system(args.news, system).to_dict()["all"]
            print(f"| {system} | {total['found']}/{total['items']} ({100 * total['found_share']:.0f} %) "
                  f"| {total['speaker_right']}/{total['items']} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
