"""Extraction for the web: text or HTML in, an Article with its quotes out, nothing stored."""

from __future__ import annotations

from typing import Any

from ..errors import EmptyInput
from ..io import ARTICLE_META
from ..model import Article
from .errors import ApiError

EXTRACT_WAIT_S = 10.0  # how long an extraction waits for the one before it


def read_input(*, text: str | None, html: str | None, meta: dict[str, str | None]) -> Article:
    """The article to extract from: the text as given, or the main text of an HTML page
    (through the io module's HTML reader), with the request's fields taking precedence."""
    if html is not None:
        from ..io.html import article_from_html

        page = article_from_html(html, article_id=meta.get("id") or "", origin="the posted HTML", url=meta.get("url"))
        fields = {k: meta.get(k) or getattr(page, k) for k in ARTICLE_META if k != "id"}
        return Article(text=page.text, id=meta.get("id") or "", **fields)
    assert text is not None
    if not text.strip():
        raise EmptyInput("the text is empty: send an article with some sentences in it")
    return Article(text=text, id=meta.get("id") or "", **{k: meta.get(k) for k in ARTICLE_META if k != "id"})


def extract_article(state: Any, *, text: str | None, html: str | None, meta: dict[str, str | None]) -> Article:
    """Run the pipeline on one input; calls are serialised because one spaCy pipeline is shared."""
    import quotegraph

    article = read_input(text=text, html=html, meta=meta)
    options: dict[str, Any] = {}
    if state.pipeline:
        options["pipeline"] = state.pipeline
    if state.finder:
        options["finder"] = state.finder
    # The server has only a few request threads (app.REQUEST_THREADS): extractions queue here
    # briefly, then are turned away, so that waiting ones never hold every thread from readers.
    if not state.extract_lock.acquire(timeout=EXTRACT_WAIT_S):
        raise ApiError(503, "another extraction is running: try again in a few seconds", headers={"Retry-After": "5"})
    try:
        return next(quotegraph.extract_many([article], **options))
    finally:
        state.extract_lock.release()
