"""``quotegraph ingest | search | speakers | show``: the corpus commands over ``quotegraph.store``."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from typing import Any

from ..errors import QuotegraphError, StoreError
from ..io.writers import EXPORT_FORMATS, export_lines
from ..model import ACTS
from ..store import DEFAULT_DB, Store
from ..store.search import highlights, pieces

MAX_LISTED_FAILURES = 20


def register(subparsers: argparse._SubParsersAction) -> None:
    from ..api import DEFAULT_FINDER, DEFAULT_PIPELINE
    from ..pipeline.finders import NAMES
    from ..io import DEFAULT_MAX_BYTES

    p = subparsers.add_parser(
        "ingest",
        help="extract quotes from articles (also .warc/.warc.gz) into a SQLite corpus; resumable",
        description="Read articles, extract their quotes and store them in a SQLite database, with the "
        "speaker index and quote provenance. Articles already stored (same text) are skipped before "
        "extraction, so re-running after an interruption resumes where it stopped.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="a .txt/.html/.jsonl/.warc/.warc.gz file, a folder, or - for stdin")
    _db(p)
    p.add_argument("--workers", type=_positive, default=1, metavar="N", help="extraction processes (default: 1)")
    p.add_argument("--model", default=DEFAULT_PIPELINE, metavar="NAME", help=f"spaCy pipeline (default: {DEFAULT_PIPELINE})")
    p.add_argument("--finder", default=DEFAULT_FINDER, choices=NAMES, metavar="NAME",
                   help=f"span finder: {', '.join(NAMES)} (see quotegraph extract --help)")
    p.add_argument("--batch-size", type=_positive, default=32, metavar="N", help="articles per nlp.pipe batch (default: 32)")
    p.add_argument("--max-bytes", type=_positive, default=DEFAULT_MAX_BYTES, metavar="N", help="skip inputs larger than this")
    p.add_argument("--progress", choices=("auto", "always", "never"), default="auto", help="progress line on stderr (auto: on a terminal)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="summary format (default: text)")
    p.set_defaults(handler=run_ingest)

    p = subparsers.add_parser(
        "search", help="full-text search over stored quotes, with filters; export every match as CSV or JSONL",
        description='Search stored quotes. Words are ANDed; "double quotes" make a phrase. Statements (speech '
        "and writing in a clause or a quotation) come first, fragments last; on a terminal the matching words "
        "are marked. --format csv|jsonl writes every matching quote, not one page.")
    p.add_argument("text", nargs="?", default=None, metavar="TEXT", help="words to find in the quote or speaker (omit to list)")
    _db(p)
    p.add_argument("--speaker", metavar="NAME", help="a speaker name or alias")
    p.add_argument("--outlet", metavar="NAME", help="an outlet name")
    p.add_argument("--channel", metavar="NAME", help="where it was said (outlet, platform, event)")
    p.add_argument("--since", metavar="DATE", help="on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="on or before this date")
    p.add_argument("--type", choices=("direct", "indirect", "mixed"), help="quote type")
    p.add_argument("--act", choices=ACTS, action="append", metavar="ACT",
                   help=f"what the source did: {', '.join(ACTS)} (repeat for several)")
    p.add_argument("--sort", choices=("relevance", "newest", "oldest"),
                   help="order (default: relevance with TEXT — statements first, fragments last — else newest)")
    p.add_argument("--limit", type=_positive, default=20, metavar="N", help="results to show (default: 20; not for csv/jsonl)")
    p.add_argument("--offset", type=int, default=0, metavar="N", help="skip this many results")
    p.add_argument("--format", choices=("text", "json", *EXPORT_FORMATS), default="text",
                   help="text, json (one page), or csv/jsonl (every matching quote) (default: text)")
    p.add_argument("-o", "--output", metavar="FILE", help="write csv/jsonl to FILE instead of stdout")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                   help="mark the matching words (auto: on a terminal, unless NO_COLOR is set)")
    p.set_defaults(handler=run_search)

    p = subparsers.add_parser("speakers", help="the speaker index: one speaker with aliases and counts, or a list",
                              description="List speakers (most quoted first) or show the ones matching NAME.")
    p.add_argument("name", nargs="?", default=None, metavar="NAME", help="a name or alias (omit to list)")
    _db(p)
    p.add_argument("--limit", type=_positive, default=20, metavar="N", help="speakers to list (default: 20)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.set_defaults(handler=run_speakers)

    p = subparsers.add_parser("show", help="one stored quote with its article context and provenance",
                              description="Show a quote, the text around it, and every article that reported it.")
    p.add_argument("quote_id", metavar="QUOTE_ID", help="a quote id (from search)")
    _db(p)
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.set_defaults(handler=run_show)


def _db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=DEFAULT_DB, metavar="FILE", help=f"the SQLite database (default: {DEFAULT_DB})")


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {n}")
    return n


def _json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


# -- ingest -------------------------------------------------------------------------------


def run_ingest(args: argparse.Namespace) -> int:
    from ..ingest import Progress, count_inputs, ingest

    show = args.progress == "always" or (args.progress == "auto" and sys.stderr.isatty())
    with Store(args.db) as store:
        progress = Progress(count_inputs(args.paths)) if show else None
        summary = ingest(
            args.paths, store, workers=args.workers, max_bytes=args.max_bytes, progress=progress,
            pipeline=args.model, finder=args.finder, batch_size=args.batch_size,
        )
    if args.format == "json":
        _json(summary.to_dict())
    else:
        print(
            f"{args.db}: {summary.new} new, {summary.present} already present, {len(summary.failed)} failed; "
            f"{summary.quotes} quotes added in {summary.seconds:.1f}s"
        )
        for origin, reason in summary.failed[:MAX_LISTED_FAILURES]:
            print(f"  failed {origin}: {reason}")
        if len(summary.failed) > MAX_LISTED_FAILURES:
            print(f"  … and {len(summary.failed) - MAX_LISTED_FAILURES} more failed")
    if summary.done and not (summary.new or summary.present):
        return 1  # nothing at all could be read
    return 0


# -- reading ------------------------------------------------------------------------------


def _open(db: str) -> Store:
    return Store(db, readonly=True, query_timeout=10)


def _speaker_label(row: dict[str, Any]) -> str:
    if row.get("speaker"):
        return row["speaker"]["name"]
    if row.get("source"):
        return row["source"]["text"]
    return "(unknown)"


def _quoted(text: str, marks: list[list[int]] | None = None, color: bool = False) -> str:
    """The quote for display: in quote marks, without doubling the ones the content already has;
    with ``color``, the ``marks`` ranges shown in reverse video."""
    opens = text.lstrip()[:1] in "\"“‘'«"
    text = _marked(text, marks, color)
    text = re.sub(r"\s+", " ", text).strip()
    return text if opens else f"“{text}”"


MARK_ON, MARK_OFF = "\x1b[7m", "\x1b[27m"  # reverse video, as a terminal's own selection looks


def _marked(text: str, marks: list[list[int]] | None, color: bool) -> str:
    if not color or not marks:
        return text
    return "".join(f"{MARK_ON}{piece}{MARK_OFF}" if hit else piece for piece, hit in pieces(text, marks))


def _search_args(args: argparse.Namespace) -> dict[str, Any]:
    return {"speaker": args.speaker, "outlet": args.outlet, "channel": args.channel, "since": args.since,
            "until": args.until, "type": args.type, "act": args.act, "sort": args.sort}


def run_search(args: argparse.Namespace) -> int:
    if args.format in EXPORT_FORMATS:
        return _export(args)
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    with _open(args.db) as store:
        result = store.search_quotes(args.text, **_search_args(args), limit=args.limit, offset=max(0, args.offset))
    rows, total, estimate = result.rows, result.total, result.total_is_estimate
    if args.format == "json":
        _json({"total": total, "total_is_estimate": estimate, "results": rows})
        return 0
    for row in rows:
        art = row["article"]
        where = ", ".join(x for x in (art["outlet"], row.get("date") or art["date"]) if x)
        what = row["act"] + (", fragment" if row["fragment"] else "")
        cluster = row["cluster"]
        also = f"  [reported {cluster['size']}×]" if cluster and cluster["size"] > 1 else ""
        speaker = _speaker_label(row)
        quote = _quoted(row["content"]["text"], row.get("highlights", []), color)
        print(f"{row['id']}  {_marked(speaker, highlights(speaker, args.text), color)}: {quote}  ({what}"
              + (f"; {where}" if where else "") + ")" + also)
    sys.stdout.flush()
    print(f"{len(rows)} of {total}{'+' if estimate else ''} quote{'s' if total != 1 else ''}", file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    """Every matching quote as CSV or JSON lines, streamed to stdout or --output."""
    count = 0

    def counted(rows):
        nonlocal count
        for row in rows:
            count += 1
            yield row

    with _open(args.db) as store:
        rows = store.export_quotes(args.text, **_search_args(args))
        try:
            out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
        except OSError as exc:
            raise QuotegraphError(f"cannot write {args.output}: {exc.strerror or exc}; check the -o path") from None
        try:
            for chunk in export_lines(counted(rows), args.format):
                out.write(chunk)
        finally:
            if out is not sys.stdout:
                out.close()
    sys.stdout.flush()
    print(f"{count} quote{'s' if count != 1 else ''} exported" + (f" to {args.output}" if args.output else ""), file=sys.stderr)
    return 0


def run_speakers(args: argparse.Namespace) -> int:
    with _open(args.db) as store:
        if args.name:
            ids = store.find_speakers(args.name)
            if not ids:
                raise StoreError(f"no speaker named {args.name!r}: try `quotegraph speakers` to list them")
            speakers = [store.get_speaker(i) for i in ids[: args.limit]]
            if args.format == "json":
                _json(speakers)
                return 0
            for sp in speakers:
                _print_speaker(sp)
            return 0
        rows, total = store.list_speakers(limit=args.limit)
    if args.format == "json":
        _json({"total": total, "results": rows})
        return 0
    for row in rows:
        aliases = ", ".join(a for a in row["aliases"] if a != row["name"])
        print(f"{row['id']:>6}  {row['name']} ({row['kind']}, {row['n_quotes']} quotes)" + (f"  aka {aliases}" if aliases else ""))
    sys.stdout.flush()
    print(f"{len(rows)} of {total} speakers", file=sys.stderr)
    return 0


def _print_speaker(sp: dict[str, Any]) -> None:
    print(f"{sp['name']}  (#{sp['id']}, {sp['kind']}, {sp['n_quotes']} quotes)")
    print("  aliases: " + ", ".join(f"{a['alias']} ({a['n']})" for a in sp["aliases"]))
    if sp["roles"]:
        print("  roles:   " + ", ".join(r["role"] for r in sp["roles"]))
    if sp["outlets"]:
        print("  outlets: " + ", ".join(f"{o['outlet']} ({o['n']})" for o in sp["outlets"]))
    for label in ("first_quote", "last_quote"):
        q = sp[label]
        if q:
            print(f"  {label.replace('_', ' ')}: {q.get('date') or q['article']['date'] or 'undated'}  {_quoted(q['content']['text'])}  [{q['id']}]")


def run_show(args: argparse.Namespace) -> int:
    with _open(args.db) as store:
        quote = store.get_quote(args.quote_id)
    if quote is None:
        raise StoreError(f"no quote {args.quote_id!r} in {args.db}: find ids with `quotegraph search`")
    if args.format == "json":
        _json(quote)
        return 0
    art = quote["article"]
    print(f"{_speaker_label(quote)}: {_quoted(quote['content']['text'])}")
    print(f"  {quote['type']} quote in {art['title'] or art['id']}" + "".join(f", {x}" for x in (art["outlet"], art["date"]) if x))
    ctx = quote["context"]["text"].replace("\n", " ")
    print(f"  context: …{ctx}…")
    prov = quote["provenance"]
    if prov and prov["size"] > 1:
        print(f"  reported {prov['size']} times by {prov['outlets']} outlet(s):")
        for ap in prov["appearances"]:
            a = ap["article"]
            mark = "first" if ap["first"] else ("differs" if ap["differs"] else "same")
            line = f"    [{mark}] {a['date'] or 'undated'} {a['outlet'] or a['id']}: {_quoted(ap['content'])}"
            if ap["differs"]:
                line += f"  (−{' '.join(ap['removed']) or '∅'} / +{' '.join(ap['added']) or '∅'})"
            print(line)
    return 0
