"""Writers: one class per output format, registered by name in ``WRITERS``.

A writer gets results one article at a time (``write``) and finishes with
``close``; stream formats write to a file given with ``-o`` or to stdout, brat
writes a folder.  Formats:

    text   a table for people: one block per article (speaker, cue, quote, channel, date)
    json   one indented object {"article": …, "quotes": […]} per input, one after the other
    jsonl  the same object, one per line
    csv    one row per quote, flat columns; spans as JSON lists of [start, end]
    brat   OUT/<id>.txt and OUT/<id>.ann (PolNeAR's brat convention); needs -o OUT

Stored quotes (the rows ``Store.search_quotes`` and ``Store.export_quotes`` give) are
exported by :func:`export_lines`: CSV with ``EXPORT_COLUMNS``, or one JSON row per line.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any, ClassVar, Iterable, Iterator, TextIO

from ..errors import QuotegraphError
from ..model import Article, Quote, TextSpan


class Writer:
    """Base writer: ``write(article)`` per result, then ``close()``."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    needs_directory: ClassVar[bool] = False

    def __init__(self, out: str | None = None, stream: TextIO | None = None) -> None:
        self.out = out
        self._own = False
        if self.needs_directory:
            self.stream: TextIO | None = None
            return
        if stream is not None:
            self.stream = stream
        elif out in (None, "-"):
            self.stream = sys.stdout
        else:
            try:
                self.stream = open(out, "w", encoding="utf-8", newline="")
            except OSError as exc:
                raise QuotegraphError(f"cannot write {out}: {exc.strerror or exc}; check the -o path") from None
            self._own = True

    def write(self, article: Article) -> None:
        raise NotImplementedError

    def close(self) -> None:
        if self.stream is not None:
            self.stream.flush()
            if self._own:
                self.stream.close()

    def __enter__(self) -> "Writer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class JsonWriter(Writer):
    name = "json"
    description = 'one indented {"article": …, "quotes": […]} object per input'

    def write(self, article: Article) -> None:
        assert self.stream is not None
        self.stream.write(json.dumps(article.result(), ensure_ascii=False, indent=2) + "\n")


class JsonlWriter(Writer):
    name = "jsonl"
    description = 'one {"article": …, "quotes": […]} object per line'

    def write(self, article: Article) -> None:
        assert self.stream is not None
        self.stream.write(json.dumps(article.result(), ensure_ascii=False) + "\n")


CSV_COLUMNS = (
    "article_id", "article_date", "quote_id", "type", "act", "speaker", "speaker_kind",
    "source", "cue", "content", "channel", "channel_kind", "date", "date_basis",
    "confidence", "content_spans", "cue_spans", "source_spans",
)  # fmt: skip


def _spans_json(span: TextSpan | None) -> str:
    return json.dumps([[s, e] for s, e in span.spans]) if span else ""


def csv_row(article: Article, quote: Quote) -> dict[str, Any]:
    """One flat CSV row for a quote (empty cells for what is unknown)."""
    return {
        "article_id": article.id,
        "article_date": article.date or "",
        "quote_id": quote.id,
        "type": quote.type,
        "act": quote.act,
        "speaker": quote.speaker.name if quote.speaker else "",
        "speaker_kind": quote.speaker.kind if quote.speaker else "",
        "source": quote.source.text if quote.source else "",
        "cue": quote.cue.text if quote.cue else "",
        "content": quote.content.text,
        "channel": quote.channel.name if quote.channel else "",
        "channel_kind": quote.channel.kind if quote.channel else "",
        "date": quote.date or "",
        "date_basis": quote.date_basis or "",
        "confidence": round(float(quote.confidence), 4),
        "content_spans": _spans_json(quote.content),
        "cue_spans": _spans_json(quote.cue),
        "source_spans": _spans_json(quote.source),
    }


class CsvWriter(Writer):
    name = "csv"
    description = "one row per quote, flat columns; spans as JSON"

    def __init__(self, out: str | None = None, stream: TextIO | None = None) -> None:
        super().__init__(out, stream)
        assert self.stream is not None
        self._csv = csv.DictWriter(self.stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
        self._csv.writeheader()

    def write(self, article: Article) -> None:
        for quote in article.quotes:
            self._csv.writerow(csv_row(article, quote))


# Stored quotes: each quote's fields, where it was published, and its provenance cluster.
EXPORT_COLUMNS = (
    "quote_id", "type", "act", "fragment", "speaker", "speaker_kind", "speaker_roles", "speaker_organization",
    "speaker_id", "source", "cue", "content", "channel", "channel_kind", "date", "date_basis", "confidence",
    "outlet", "article_id", "article_title", "article_date", "article_url", "cluster_id", "cluster_size",
    "content_spans",
)  # fmt: skip
EXPORT_FORMATS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}  # format → media type


def export_row(row: dict[str, Any]) -> dict[str, Any]:
    """One flat CSV row for a stored quote row (``Quote.to_dict()`` + speaker_id, article, cluster, fragment)."""
    speaker, channel = row.get("speaker") or {}, row.get("channel") or {}
    article, cluster = row.get("article") or {}, row.get("cluster") or {}
    text = lambda role: (row.get(role) or {}).get("text", "")  # noqa: E731
    return {
        "quote_id": row["id"],
        "type": row["type"],
        "act": row.get("act", "other"),
        "fragment": int(bool(row.get("fragment"))),
        "speaker": speaker.get("name", ""),
        "speaker_kind": speaker.get("kind", ""),
        "speaker_roles": "; ".join(speaker.get("roles") or ()),
        "speaker_organization": speaker.get("organization") or "",
        "speaker_id": row.get("speaker_id") or "",
        "source": text("source"),
        "cue": text("cue"),
        "content": text("content"),
        "channel": channel.get("name", ""),
        "channel_kind": channel.get("kind", ""),
        "date": row.get("date") or "",
        "date_basis": row.get("date_basis") or "",
        "confidence": row.get("confidence", ""),
        "outlet": article.get("outlet") or "",
        "article_id": article.get("id", ""),
        "article_title": article.get("title") or "",
        "article_date": article.get("date") or "",
        "article_url": article.get("url") or "",
        "cluster_id": cluster.get("id", ""),
        "cluster_size": cluster.get("size", ""),
        "content_spans": json.dumps(row["content"]["spans"]),
    }


def export_lines(rows: Iterable[dict[str, Any]], format: str, *, chunk: int = 200) -> Iterator[str]:
    """Stored quote rows as CSV (a header, then ``EXPORT_COLUMNS``) or JSON lines, ``chunk`` rows per
    string: what ``quotegraph search --format csv|jsonl`` prints and ``/api/quotes.csv|.jsonl`` streams."""
    if format not in EXPORT_FORMATS:
        raise QuotegraphError(f"unknown export format {format!r}; choose one of: {', '.join(EXPORT_FORMATS)}")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_COLUMNS, lineterminator="\n") if format == "csv" else None
    if writer is not None:
        writer.writeheader()
    n = 0
    for row in rows:
        if writer is not None:
            writer.writerow(export_row(row))
        else:
            buffer.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
        if n % chunk == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def _cell(text: str, width: int) -> str:
    """One line, at most ``width`` characters, shortened with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) > width:
        flat = flat[: max(width - 1, 0)].rstrip() + "…"
    return flat.ljust(width)


def speaker_label(quote: Quote, article: Article | None = None) -> str:
    """The resolved speaker; else the readings the text leaves open ("Barack Obama? Michelle Obama?");
    else the source mention in parentheses ("(he)"); else "—"."""
    if quote.speaker:
        return quote.speaker.name
    if quote.speaker_candidates and article is not None:
        names = [e.name for e in (article.entity(c) for c in quote.speaker_candidates) if e is not None]
        if names:
            return " ".join(f"{n}?" for n in names)
    if quote.source:
        return f"({quote.source.text})"
    return "—"


class TextWriter(Writer):
    """A table for people, 80–120 columns wide (the terminal's width within those bounds)."""

    name = "text"
    description = "a readable table per article: speaker, cue, quote, channel, date"
    SPEAKER, CUE, CHANNEL, DATE = 22, 12, 14, 10

    def __init__(self, out: str | None = None, stream: TextIO | None = None, width: int | None = None) -> None:
        super().__init__(out, stream)
        if width is None:
            width = shutil.get_terminal_size((100, 24)).columns if self.stream is sys.stdout else 100
        self.width = max(80, min(120, width))
        self._first = True

    def write(self, article: Article) -> None:
        assert self.stream is not None
        quote_width = self.width - (self.SPEAKER + self.CUE + self.CHANNEL + self.DATE) - 4
        lines = [] if self._first else [""]
        self._first = False
        lines += [self._header(article)]
        if not article.quotes:
            lines.append("  (no quotes found)")
        else:
            lines.append(self._row("SPEAKER", "CUE", "QUOTE", "CHANNEL", "DATE", quote_width))
            for q in article.quotes:
                lines.append(
                    self._row(
                        speaker_label(q, article),
                        q.cue.text if q.cue else "—",
                        q.content.text,
                        q.channel.name if q.channel else "—",
                        q.date or "—",
                        quote_width,
                    )
                )
        self.stream.write("\n".join(lines) + "\n")

    def _row(self, speaker: str, cue: str, quote: str, channel: str, date: str, quote_width: int) -> str:
        cells = [
            _cell(speaker, self.SPEAKER),
            _cell(cue, self.CUE),
            _cell(quote, quote_width),
            _cell(channel, self.CHANNEL),
            _cell(date, self.DATE),
        ]
        return " ".join(cells).rstrip()

    def _header(self, article: Article) -> str:
        parts = [article.id] + [p for p in (article.date, article.outlet) if p]
        n = len(article.quotes)
        head = f"== {' · '.join(parts)} ({n} quote{'s' if n != 1 else ''})"
        if article.title:
            head += f"\n   {_cell(article.title, self.width - 3).rstrip()}"
        return head


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def brat_name(article_id: str) -> str:
    """A file stem for an article id that is safe on every file system ("wire:3" → "wire_3")."""
    name = _UNSAFE.sub("_", article_id).strip("._") or "article"
    return name[:120]


class BratWriter(Writer):
    """OUT/<id>.txt (the article text, byte for byte) and OUT/<id>.ann (brat standoff)."""

    name = "brat"
    description = "OUT/<id>.txt + OUT/<id>.ann in PolNeAR's brat convention (needs -o OUT)"
    needs_directory = True

    def __init__(self, out: str | None = None, stream: TextIO | None = None) -> None:
        super().__init__(out, stream)
        if out in (None, "-"):
            raise QuotegraphError("--format brat writes a folder of files: give one with -o OUT")
        self.dir = Path(out)  # type: ignore[arg-type]
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise QuotegraphError(f"cannot create {out}: {exc.strerror or exc}; check the -o path") from None
        self._used: set[str] = set()
        try:
            from .brat import ann_text
        except ImportError:
            raise QuotegraphError("brat output is not available in this version of quotegraph (quotegraph.io.brat is missing)") from None
        self._ann_text = ann_text

    def write(self, article: Article) -> None:
        stem = brat_name(article.id)
        candidate, n = stem, 1
        while candidate in self._used:  # two inputs with one id must not overwrite each other
            n += 1
            candidate = f"{stem}-{n}"
        self._used.add(candidate)
        try:
            (self.dir / f"{candidate}.txt").write_text(article.text, encoding="utf-8", newline="")
            (self.dir / f"{candidate}.ann").write_text(self._ann_text(article), encoding="utf-8", newline="")
        except OSError as exc:
            raise QuotegraphError(f"cannot write to {self.dir}: {exc.strerror or exc}") from None


WRITERS: dict[str, type[Writer]] = {w.name: w for w in (TextWriter, JsonWriter, JsonlWriter, CsvWriter, BratWriter)}


def open_writer(format: str, out: str | None = None, stream: TextIO | None = None) -> Writer:
    """The writer for a format name, writing to ``out`` (a file, or a folder for brat) or stdout."""
    try:
        cls = WRITERS[format]
    except KeyError:
        raise QuotegraphError(f"unknown output format {format!r}; choose one of: {', '.join(WRITERS)}") from None
    return cls(out, stream)
