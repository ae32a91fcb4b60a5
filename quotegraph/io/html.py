"""HTML pages: the main article text (trafilatura) and its metadata.

Offsets of the extracted quotes refer to the extracted text, which becomes
``Article.text`` and is what every writer outputs.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any, Iterator

from ..errors import InputError, NotText
from ..lang.dateline import dateline_date, normalise_date
from ..model import Article
from .readers import Record, read_file_bytes

# Fewer words than this is a stray menu or button label, not an article.
MIN_WORDS = 5


@functools.cache
def _quiet_trafilatura() -> None:
    """Once per process: trafilatura reports pages it cannot parse through logging; we report them as NotText."""
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def article_from_html(html: bytes | str, *, article_id: str, origin: str = "<html>", url: str | None = None) -> Article:
    """The article in an HTML page; NotText when the page holds none (an index page, a login wall)."""
    import trafilatura

    _quiet_trafilatura()
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
        )
    except Exception as exc:  # a parser failure on a damaged page is bad input, not a crash
        raise NotText(f"cannot parse the HTML page ({exc})", path=origin) from None
    text = _get(doc, "text")
    if not text or len(text.split()) < MIN_WORDS:
        raise NotText("no article text found in the HTML page", path=origin)
    return Article(
        text=text,
        id=article_id,
        title=_get(doc, "title"),
        outlet=_get(doc, "sitename"),
        url=_get(doc, "url") or url,
        date=normalise_date(_get(doc, "date")) or dateline_date(text),
        blockquotes=blockquote_ranges(getattr(doc, "body", None), text),
    )


def blockquote_ranges(body: Any, text: str) -> tuple[tuple[int, int], ...]:
    """Where the page's block quotations (trafilatura's ``<quote>`` elements) lie in the extracted text.

    Each quotation's text pieces are found in order in ``text``, so the ranges are offsets
    into exactly the text every other offset refers to; a quotation whose pieces cannot be
    found in order (the extractor rewrote them) is left out rather than guessed.
    """
    if body is None or not hasattr(body, "iter"):
        return ()
    ranges: list[tuple[int, int]] = []
    cursor = 0
    for quote in body.iter("quote"):
        if any(parent.tag == "quote" for parent in quote.iterancestors()):
            continue  # a quotation inside a quotation: the outer one covers it
        pieces = [p.strip() for p in quote.itertext() if p.strip()]
        if not pieces:
            continue
        start = pos = text.find(pieces[0], cursor)
        for piece in pieces:
            found = text.find(piece, pos) if pos >= 0 else -1
            pos = found + len(piece) if found >= 0 else -1
        if start < 0 or pos < 0:
            continue
        ranges.append((start, pos))
        cursor = pos
    return tuple(ranges)


def _get(doc: Any, key: str) -> Any:
    if doc is None:
        return None
    value = doc.get(key) if isinstance(doc, dict) else getattr(doc, key, None)
    return value or None


def read_html_file(path: Path, origin: str, max_bytes: int) -> Iterator[Record]:
    """An .html/.htm file: one article, id = the file stem."""
    data = read_file_bytes(path, origin, max_bytes)
    if isinstance(data, InputError):
        yield origin, data
        return
    if b"\x00" in data[:4096]:
        yield origin, NotText("binary data, not an HTML page", path=origin)
        return
    try:
        yield origin, article_from_html(data, article_id=path.stem, origin=origin)
    except InputError as exc:
        yield origin, exc
