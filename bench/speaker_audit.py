"""A sample of hard speaker resolutions on PolNeAR dev, printed for a human to mark.

    python bench/speaker_audit.py                 # 40 quotes, seed 2026
    python bench/speaker_audit.py --sample 60 --seed 7

PolNeAR's gold marks sources, not who they refer to, so speaker accuracy beyond the
annotated news-dev pages is checked by hand: this prints quotes whose source is not
the speaker's name (pronouns, descriptions, groups, unnamed sources), with the text
before the source, for a reader to judge right / wrong / unresolved.  The marks and
counts go into bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import quotegraph

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev" / "text"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--finder", default="auto")
    args = parser.parse_args()
    files = sorted(DEV.glob("*.txt"))
    items = [{"text": f.read_text(encoding="utf-8"), "id": f.stem, "date": f.stem.split("_")[1]} for f in files]
    rows = []
    for article in quotegraph.extract_many(items, finder=args.finder):
        for q in article.quotes:
            if q.source is None:
                continue
            if q.speaker is not None and q.speaker.name.split()[-1].lower() in q.source.text.lower():
                continue  # the speaker's name is in the source: not a hard case
            s = q.source.start
            context = article.text[max(0, s - 320) : s + 90].replace("\n", " / ")
            candidates = [article.entity(c).name for c in q.speaker_candidates if article.entity(c)]
            said = f"{q.speaker.name} ({q.speaker.kind})" if q.speaker else (f"unresolved {candidates}" if candidates else "unresolved")
            rows.append((article.id, q.source.text, said, context))
    print(f"{len(rows)} quotes whose source is not the speaker's name; a sample of {args.sample} (seed {args.seed}):\n")
    for n, (aid, source, said, context) in enumerate(random.Random(args.seed).sample(rows, min(args.sample, len(rows))), 1):
        print(f"{n:2d}. [{aid[:45]}] source {source!r} -> {said}")
        print(f"    …{context}")


if __name__ == "__main__":
    main()
