"""WARC archives (web crawls of news): each HTML page becomes an Article.

Only HTTP responses with status 200 and an HTML content type are pages; requests,
metadata, redirects, images and scripts are skipped silently.  A page with no
article in it (an index, a login wall) yields ``NotText``, so the caller can count
and list it.  Article ids come from the WARC record id, so re-reading an archive
gives the same ids.  A damaged or truncated archive gives the pages before the
damage and then one error that says where it is.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Iterator

from ..errors import InputError, NotText, TooLarge
from ..model import Article
from .html import article_from_html
from .readers import Record

HTML_TYPES = ("text/html", "application/xhtml+xml")
MIN_ARTICLE_WORDS = 25  # fewer words than this is a navigation or index page, not an article


def warc_article_id(record_id: str) -> str:
    """A short stable article id for a WARC record (its WARC-Record-ID hashed)."""
    return "w" + hashlib.sha1(record_id.encode("utf-8")).hexdigest()[:15]


def iter_warc(path: str, *, max_bytes: int | None = None) -> Iterator[Record]:
    """``(origin, Article | InputError)`` for every HTML page in a .warc or .warc.gz file.

    origin is ``path#n`` (n = the record's position).  An archive that cannot be
    read from the start, or past some record, raises InputError saying so, after
    the pages before the damage.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    class QuietArchiveIterator(ArchiveIterator):
        INC_RECORD = ""  # warcio writes a stderr warning per damaged record; the caller reports the file once

    try:
        stream = open(path, "rb")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    with stream:
        records = enumerate(QuietArchiveIterator(stream), start=1)
        number = 0
        while True:
            try:
                number, record = next(records)
            except StopIteration:
                return
            except ArchiveLoadFailed as exc:
                raise NotText(f"not a readable WARC archive ({exc}); pass .warc or .warc.gz files", path=path) from None
            except (EOFError, OSError, ValueError, AttributeError, TypeError):  # warcio's parser on broken bytes
                where = f"after record {number}" if number else "at its first record"
                raise NotText(
                    f"the WARC archive is damaged or cut short {where}: the next record cannot be read; "
                    "re-download or re-crawl the file",
                    path=path,
                ) from None
            page = _page(path, number, record, max_bytes)
            if page is not None:
                yield page


def _page(path: str, number: int, record: Any, max_bytes: int | None) -> Record | None:
    """The article (or the reason it is none) of one WARC record; None for records that are not pages."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode()
    ctype = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if status != "200" or ctype not in HTML_TYPES:
        return None
    origin = f"{path}#{number}"
    url = record.rec_headers.get_header("WARC-Target-URI")
    record_id = record.rec_headers.get_header("WARC-Record-ID") or origin
    stream_in = record.content_stream()
    body = stream_in.read(max_bytes + 1) if max_bytes else stream_in.read()
    if max_bytes and len(body) > max_bytes:
        return origin, TooLarge(f"page is larger than {max_bytes} bytes (raise --max-bytes)", path=origin)
    missing = getattr(record.raw_stream, "limit", 0) or 0
    if missing > 0:
        return origin, NotText(
            f"the record is cut short: the archive ends {missing:,} bytes before the page does "
            "(an interrupted download?); the pages before it were read",
            path=origin,
        )
    try:
        article = article_from_html(body, article_id=warc_article_id(record_id), origin=origin, url=url)
    except InputError as exc:
        return origin, exc
    if len(article.text.split()) < MIN_ARTICLE_WORDS:
        return origin, NotText(f"the page has under {MIN_ARTICLE_WORDS} words of text: not an article", path=origin)
    if not article.url and url:
        article = Article(**{**article.to_dict(), "url": url})
    return origin, article


def read_warc_file(path: Path, origin: str, max_bytes: int) -> Iterator[Record]:
    """A WARC archive: its HTML pages become articles; a damaged archive is one error after the pages before it."""
    seen = 0
    try:
        for item in iter_warc(str(path), max_bytes=max_bytes):
            seen += 1
            yield item
    except InputError as exc:
        yield origin, type(exc)(exc.reason, path=origin)
        return
    if not seen:
        yield origin, NotText("no HTML pages in the WARC archive (is it a WARC file?)", path=origin)
