"""WARC archives (web crawls of news): each HTML page becomes an Article.

Only HTTP responses with status 200 and an HTML content type are pages; requests,
metadata, redirects, images and scripts are skipped silently.  A page with no
article in it (an index, a login wall) yields ``NotText``, so the caller can count
and list it.  Article ids come from the WARC record id, so re-reading an archive
gives the same ids.
"""

from __future__ import annotations

import hashlib
from typing import Iterator

from ..errors import InputError, NotText, TooLarge
from ..model import Article

HTML_TYPES = ("text/html", "application/xhtml+xml")
MIN_ARTICLE_WORDS = 25  # fewer words than this is a navigation or index page, not an article


def warc_article_id(record_id: str) -> str:
    """A short stable article id for a WARC record (its WARC-Record-ID hashed)."""
    return "w" + hashlib.sha1(record_id.encode("utf-8")).hexdigest()[:15]


def iter_warc(path: str, *, max_bytes: int | None = None) -> Iterator[tuple[str, Article | InputError]]:
    """``(origin, Article | InputError)`` for every HTML page in a .warc or .warc.gz file.

    origin is ``path#n`` (n = the record's position); an unreadable archive raises
    InputError, which ``quotegraph.io.iter_articles`` turns into one failed input.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from .html import article_from_html

    class QuietArchiveIterator(ArchiveIterator):
        INC_RECORD = ""  # warcio writes a stderr warning per damaged record; the caller reports the file once

    try:
        stream = open(path, "rb")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    with stream:
        try:
            for number, record in enumerate(QuietArchiveIterator(stream), start=1):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode()
                ctype = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
                if status != "200" or ctype not in HTML_TYPES:
                    continue
                origin = f"{path}#{number}"
                url = record.rec_headers.get_header("WARC-Target-URI")
                record_id = record.rec_headers.get_header("WARC-Record-ID") or f"{path}#{number}"
                stream_in = record.content_stream()
                body = stream_in.read(max_bytes + 1) if max_bytes else stream_in.read()
                if max_bytes and len(body) > max_bytes:
                    yield origin, TooLarge(f"page is larger than {max_bytes} bytes (raise --max-bytes)", path=origin)
                    continue
                try:
                    article = article_from_html(body, article_id=warc_article_id(record_id), origin=origin, url=url)
                except InputError as exc:
                    yield origin, exc
                    continue
                if len(article.text.split()) < MIN_ARTICLE_WORDS:
                    yield origin, NotText(
                        f"the page has under {MIN_ARTICLE_WORDS} words of text: not an article", path=origin
                    )
                    continue
                if not article.url and url:
                    article = Article(**{**article.to_dict(), "url": url})
                yield origin, article
        except ArchiveLoadFailed as exc:
            raise NotText(f"not a readable WARC archive ({exc}); pass .warc or .warc.gz files", path=path) from None
