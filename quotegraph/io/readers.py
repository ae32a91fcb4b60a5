"""Readers: turn a path into ``(origin, Article | InputError)`` records.

A reader never raises for bad input: it yields the error in place of the
article, so one bad file (or one bad JSONL line) never stops a run.  The
article text is the decoded input exactly as read — leading whitespace and line
endings kept — so offsets into it are offsets into the file's text.
"""

from __future__ import annotations

import codecs
import json
import logging
import sys
from pathlib import Path
from typing import Any, BinaryIO, Iterator

from ..errors import EmptyInput, InputError, MalformedRecord, NotText, TooLarge
from ..lang.dateline import dateline_date, normalise_date
from ..model import ARTICLE_META, Article

log = logging.getLogger("quotegraph.io")

Record = tuple[str, "Article | InputError"]

# Share of replacement/control characters above which a file is taken for binary.
_BINARY_SHARE = 0.10
_CONTROL = {chr(c) for c in range(32) if chr(c) not in "\t\n\r\f\v"} | {"\ufffd", "\x7f"}


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n:,} bytes"


def too_large(size: int | None, max_bytes: int, path: str, line: int | None = None) -> TooLarge:
    """The error for an input over the limit (``size`` None when only "more than the limit" is known)."""
    what = f"{_size(size)} is over" if size is not None else "the input is over"
    return TooLarge(
        f"{what} the {_size(max_bytes)} limit; raise it with --max-bytes or split the input",
        path=path,
        line=line,
    )


def decode_text(data: bytes, path: str, line: int | None = None) -> str:
    """Decode bytes as text, or raise NotText/EmptyInput.

    UTF-8 (a BOM is dropped; UTF-16 with a BOM is accepted).  Invalid UTF-8 is
    decoded with U+FFFD replacement and a warning is logged; data that is mostly
    undecodable or control characters, or holds NUL bytes, is binary.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise NotText("not valid UTF-16 text despite its byte-order mark", path=path, line=line) from None
    elif b"\x00" in data:
        raise NotText("binary data (NUL bytes), not text; pass a .txt, .html or .jsonl file", path=path, line=line)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            text = data.decode("utf-8-sig", errors="replace")
            if _looks_binary(text):
                raise NotText("binary data, not UTF-8 text; pass a .txt, .html or .jsonl file", path=path, line=line) from None
            where = f"{path}:{line}" if line is not None else path
            log.warning("%s: invalid UTF-8 at byte %d; undecodable bytes replaced with U+FFFD", where, exc.start)
    if _looks_binary(text):
        raise NotText("binary data, not text; pass a .txt, .html or .jsonl file", path=path, line=line)
    if not text.strip():
        raise EmptyInput("empty input (no text, only whitespace)", path=path, line=line)
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    bad = sum(1 for ch in sample if ch in _CONTROL)
    return bad / len(sample) > _BINARY_SHARE


def read_limited(stream: BinaryIO, max_bytes: int) -> bytes | None:
    """At most ``max_bytes`` bytes, or None when the stream holds more."""
    data = stream.read(max_bytes + 1)
    return None if len(data) > max_bytes else data


def text_article(text: str, article_id: str) -> Article:
    return Article(text=text, id=article_id, date=dateline_date(text))


def read_file_bytes(path: Path, origin: str, max_bytes: int) -> bytes | InputError:
    """A whole file's bytes, or the InputError that says why not (unreadable, over the limit)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return too_large(size, max_bytes, origin)
        with path.open("rb") as f:
            data = read_limited(f, max_bytes)
    except OSError as exc:
        return InputError(f"cannot read: {exc.strerror or exc}", path=origin)
    return too_large(None, max_bytes, origin) if data is None else data


def read_text_file(path: Path, origin: str, max_bytes: int) -> Iterator[Record]:
    """A plain-text file: one article, id = the file stem, date from a leading dateline."""
    data = read_file_bytes(path, origin, max_bytes)
    if isinstance(data, InputError):
        yield origin, data
        return
    try:
        yield origin, text_article(decode_text(data, origin), path.stem)
    except InputError as exc:
        yield origin, exc


def read_stdin(max_bytes: int, stream: BinaryIO | None = None) -> Iterator[Record]:
    """Standard input, read as one plain-text article with id "stdin"."""
    origin = "-"
    stream = stream if stream is not None else sys.stdin.buffer
    data = read_limited(stream, max_bytes)
    if data is None:
        yield origin, too_large(None, max_bytes, "<stdin>")
        return
    try:
        yield origin, text_article(decode_text(data, "<stdin>"), "stdin")
    except InputError as exc:
        yield origin, exc




def article_from_record(record: Any, origin: str, line: int, default_id: str) -> Article:
    """A JSONL record (already parsed) as an Article, or MalformedRecord/EmptyInput naming the line."""
    if not isinstance(record, dict):
        raise MalformedRecord(f"expected a JSON object, got {type(record).__name__}", path=origin, line=line)
    text = record.get("text")
    if not isinstance(text, str):
        raise MalformedRecord('the record has no "text" string; each line needs {"text": "..."}', path=origin, line=line)
    if not text.strip():
        raise EmptyInput('the record\'s "text" is empty', path=origin, line=line)
    meta = {k: (None if record.get(k) is None else str(record[k])) for k in ARTICLE_META if k not in ("id", "date")}
    date = normalise_date(record.get("date")) if record.get("date") not in (None, "") else None
    if record.get("date") not in (None, "") and date is None:
        log.warning("%s:%d: cannot read date %r; using the text's dateline if any", origin, line, record.get("date"))
    raw_id = record.get("id")
    return Article(
        text=text,
        id=str(raw_id) if raw_id not in (None, "") else default_id,
        date=date or dateline_date(text),
        **meta,
    )


def read_jsonl_file(path: Path, origin: str, max_bytes: int) -> Iterator[Record]:
    """A JSONL file: one article per line; ``max_bytes`` limits each line, not the file.

    A malformed line becomes a MalformedRecord naming it; the other lines are still read.
    Articles without an id get ``<stem>:<line>``.
    """
    seen = 0
    try:
        f = path.open("rb")
    except OSError as exc:
        yield origin, InputError(f"cannot read: {exc.strerror or exc}", path=origin)
        return
    with f:
        for number, raw in enumerate(_lines(f, max_bytes), start=1):
            where = f"{origin}:{number}"
            if isinstance(raw, int):
                seen += 1
                yield where, too_large(raw, max_bytes, origin, number)
                continue
            if not raw.strip():
                continue
            seen += 1
            try:
                text = decode_text(raw, origin, number)
                try:
                    record = json.loads(text)
                except json.JSONDecodeError as exc:
                    raise MalformedRecord(f"not valid JSON ({exc.msg} at column {exc.colno})", path=origin, line=number) from None
                yield where, article_from_record(record, origin, number, f"{path.stem}:{number}")
            except InputError as exc:
                yield where, exc
    if not seen:
        yield origin, EmptyInput("empty input (no JSONL records)", path=origin)


def _lines(f: BinaryIO, max_bytes: int) -> Iterator[bytes | int]:
    """The file's lines; a line longer than ``max_bytes`` comes as its length instead."""
    while True:
        line = f.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line)
            while chunk := f.readline(1 << 20):
                size += len(chunk)
                if chunk.endswith(b"\n"):
                    break
            yield size
            continue
        yield line
