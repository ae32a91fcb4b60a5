"""Print every quote's speaker, channel and date on the hand-check articles, for a human to mark.

    python bench/context_check.py [--finder auto|rules] [DIR]
    python bench/context_check.py --finder rules --time ../shared/data/polnear/dev/text

With ``--time`` it prints instead how long the context stage takes over the .txt
files of a directory, next to the whole pipeline's time.

Each article in examples/context/ starts with a line ``date YYYY-MM-DD`` (the
article date); the rest is the text.  The tally of the last hand check is in
bench/RESULTS-context.md.
"""

from __future__ import annotations

import argparse
import sys
import time
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
    parser.add_argument("--time", metavar="TEXT_DIR", help="time the context stage over the .txt files of TEXT_DIR")
    args = parser.parse_args(argv)
    if args.time:
        return time_stage(Path(args.time), args.finder)
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


def time_stage(directory: Path, finder: str) -> int:
    """Seconds spent in context.place, and in the whole pipeline, over a directory of texts."""
    from quotegraph.pipeline import component, context

    spent = [0.0]
    place = context.place

    def timed(doc, attributions):
        start = time.perf_counter()
        place(doc, attributions)
        spent[0] += time.perf_counter() - start

    component.context.place = timed  # type: ignore[attr-defined]
    texts = [p.read_text(encoding="utf-8") for p in sorted(directory.glob("*.txt"))]
    nlp = quotegraph.load(finder=finder)
    start = time.perf_counter()
    quotes = sum(len(doc._.quotes) for doc in nlp.pipe(texts))
    wall = time.perf_counter() - start
    print(f"{len(texts)} articles, {sum(map(len, texts))} characters, {quotes} quotes ({finder} finder, pipe {nlp.pipe_names})")
    print(f"whole pipeline {wall:.2f} s; context stage {spent[0]:.2f} s = {1000 * spent[0] / max(1, len(texts)):.1f} ms/article, "
          f"{100 * spent[0] / wall:.1f}% of the pipeline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
