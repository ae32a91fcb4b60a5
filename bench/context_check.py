"""Print every quote's speaker, channel and date on the hand-check articles, for a human to mark.

    python bench/context_check.py [--finder auto|rules] [DIR]

Each article in examples/context/ starts with a line ``date YYYY-MM-DD`` (the
article date); the rest is the text.  The tally of the last hand check is in
bench/RESULTS-context.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import quotegraph

ROOT = Path(__file__).resolve().parent.parent


def read_article(path: Path) -> dict:
    """An article dict from a file whose first line is ``date YYYY-MM-DD``."""
    first, _, rest = path.read_text(encoding="utf-8").partition("\n")
    if not first.startswith("date "):
        raise SystemExit(f"{path}: the first line must be 'date YYYY-MM-DD'")
    return {"id": path.stem, "date": first.split()[1], "text": rest.lstrip("\n")}


def short(text: str | None, width: int = 60) -> str:
    if not text:
        return "-"
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", default=str(ROOT / "examples" / "context"))
    parser.add_argument("--finder", default="auto", help="span finder: auto (default) or rules")
    args = parser.parse_args(argv)
    articles = [read_article(p) for p in sorted(Path(args.directory).glob("*.txt"))]
    for article in quotegraph.extract_many(articles, finder=args.finder):
        print(f"== {article.id}  (article date {article.date})")
        for n, quote in enumerate(article.quotes, 1):
            channel = f"{quote.channel.name} [{quote.channel.kind}]" if quote.channel else "-"
            speaker = quote.speaker.name if quote.speaker else "-"
            details = ""
            if quote.speaker and (quote.speaker.roles or quote.speaker.age is not None):
                rel = ", ".join(f"{r.relation} {r.of}" for r in quote.speaker.relations)
                details = f" roles={list(quote.speaker.roles)}" + (f" ({rel})" if rel else "") + (
                    f" age={quote.speaker.age}" if quote.speaker.age is not None else ""
                )
            print(f"  {n:2d}. {short(quote.content.text)}")
            print(f"      source={short(quote.source.text if quote.source else None, 40)!s}  speaker={speaker}{details}")
            print(f"      channel={channel}  date={quote.date or '-'} ({quote.date_basis or '-'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
