"""Accuracy on PolNeAR dev: the eval table per finder, and the dev errors by category.

    python bench/accuracy.py                       # default, rules and hybrid finders
    python bench/accuracy.py --systems default --errors

Same scorer as ``quotegraph eval GOLD --system NAME`` (docs/evaluation.md).
``--floors`` fails (exit 1) when the default finder drops below the pinned dev floors.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from quotegraph import evaluate
from quotegraph.evaluate import char_set, exact_key

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev"
# Dev floors for the default finder (F1, %): a change that drops below one fails --floors.
FLOORS = {"RELATION": 70.0, "Source overlap": 75.0, "Cue overlap": 75.0, "Content overlap": 75.0, "Content exact": 45.0}


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
    parser.add_argument("--systems", nargs="+", default=["default", "rules", "hybrid"])
    parser.add_argument("--errors", action="store_true", help="also print the error categories")
    parser.add_argument("--floors", action="store_true", help="exit 1 if the default finder is under the floors")
    args = parser.parse_args()
    articles = evaluate.load_gold(args.gold)
    failed = False
    for system in args.systems:
        predicted = evaluate.predict_system(articles, system)
        report = evaluate.evaluate(articles, predicted)
        print(f"## {system}\n{report.table()}\n")
        if args.errors:
            for name, n in sorted(error_categories(articles, predicted).items(), key=lambda kv: -kv[1]):
                print(f"  {name:<45} {n:6d}")
            print()
        if args.floors and system == "default":
            for metric, floor in FLOORS.items():
                if 100 * report.scores[metric].f1 < floor:
                    print(f"FLOOR: {metric} F1 {100 * report.scores[metric].f1:.1f} < {floor}", file=sys.stderr)
                    failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
