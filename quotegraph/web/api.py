"""The JSON API.  Every route is a thin call into the store or the extractor.

Lists are paginated: ``limit`` (1..100, default 20) and ``offset`` (0..10,000);
responses say ``total`` and give the ``next`` URL, if any.  A quote search with more
than 1,000 matches says ``total: 1000, total_is_estimate: true`` and pages stop there.
``/api/quotes.csv`` and ``/api/quotes.jsonl`` stream every quote the same search
matches, with no cap and no pages, read from the store a batch at a time.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..io import ARTICLE_META
from ..io.writers import EXPORT_FORMATS, export_lines
from ..model import ACTS
from . import data
from .errors import ApiError
from .extracting import extract_article
from .models import ArticleMeta, Extracted, QuotePage, QuoteWithProvenance, StoredArticle, documented

router = APIRouter(prefix="/api", tags=["api"])

MAX_LIMIT = 100
MAX_OFFSET = 10_000
Limit = Query(20, ge=1, le=MAX_LIMIT, description=f"items per page (at most {MAX_LIMIT})")
Offset = Query(0, ge=0, le=MAX_OFFSET, description=f"items to skip (at most {MAX_OFFSET}; narrow the query to go deeper)")
Id = str
DATE_PREFIX = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"


def _page(request: Request, items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    nxt = None
    if offset + limit < total and offset + limit <= MAX_OFFSET:
        nxt = str(request.url.include_query_params(offset=offset + limit, limit=limit))
    return {"total": total, "limit": limit, "offset": offset, "next": nxt, "items": items}


def _quote_page(request: Request, found: Any, limit: int, offset: int) -> dict[str, Any]:
    """A search page: ``total_is_estimate`` says ``total`` is a floor ("1000+"), where paging stops."""
    page = _page(request, found.rows, found.total, limit, offset)
    return {**page, "total_is_estimate": found.total_is_estimate}


def _state(request: Request) -> Any:
    return request.app.state.web


def _json(data: Any, status: int = 200) -> JSONResponse:
    """Store rows are plain JSON values already: skip FastAPI's re-validation of them (half the time of a read)."""
    return JSONResponse(data, status_code=status)


Act = Literal[ACTS]  # type: ignore[valid-type]


async def search_filters(
    q: str | None = Query(None, max_length=500, description="full-text query over quote content, speaker and source"),
    speaker: str | None = Query(None, max_length=200, description="speaker id, name or alias"),
    outlet: str | None = Query(None, max_length=200),
    channel: str | None = Query(None, max_length=200),
    since: str | None = Query(None, pattern=DATE_PREFIX, description="first date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD"),
    until: str | None = Query(None, pattern=DATE_PREFIX, description="last date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD"),
    type: Literal["direct", "indirect", "mixed"] | None = Query(None),
    act: list[Act] | None = Query(None, description="what the source did; repeat for several (act=speech&act=writing)"),
    sort: Literal["relevance", "newest", "oldest"] | None = Query(
        None, description="default: relevance with q (statements first, fragments last), else newest"),
) -> data.SearchFilters:
    """The search parameters every quote search takes (the page of results and the exports alike).

    ``async`` although it awaits nothing: FastAPI runs a plain ``def`` dependency on the request
    thread pool, one more wait in its queue for every search.
    """
    if since and until and since[: len(until)] > until:
        raise ApiError(400, "since is after until: swap them")
    return data.SearchFilters(q=q, speaker=speaker, outlet=outlet, channel=channel, since=since, until=until,
                              type=type, act=tuple(act or ()), sort=sort)


@router.get("/quotes", summary="Search quotes", responses=documented(QuotePage))
def search_quotes(
    request: Request, filters: data.SearchFilters = Depends(search_filters), limit: int = Limit, offset: int = Offset,
) -> JSONResponse:
    found = data.search(_state(request).store(), filters, limit=limit, offset=offset)
    return _json(_quote_page(request, found, limit, offset))


def _export(request: Request, filters: data.SearchFilters, format: str) -> StreamingResponse:
    """Every matching quote, streamed: the search is checked before the first byte, rows follow in batches."""
    store = _state(request).open_reader()  # this response's own connection, closed when the stream ends
    try:
        rows = data.export(store, filters)
    except BaseException:
        store.close()
        raise

    def body():
        try:
            for chunk in export_lines(rows, format):
                yield chunk.encode("utf-8")
        finally:
            store.close()

    disposition = f'attachment; filename="quotegraph-quotes.{format}"'
    return StreamingResponse(body(), media_type=EXPORT_FORMATS[format], headers={"Content-Disposition": disposition})


def _streamed(media_type: str, what: str) -> dict[int | str, dict[str, Any]]:
    return {200: {"description": what, "content": {media_type: {"schema": {"type": "string"}}}}}


@router.get(
    "/quotes.csv", summary="Every matching quote as CSV", response_class=StreamingResponse,
    responses=_streamed("text/csv", "a header, then one row per quote: quote_id, type, act, fragment, speaker, speaker_kind, "
                        "speaker_roles, speaker_organization, speaker_id, source, cue, content, channel, channel_kind, "
                        "date, date_basis, confidence, outlet, article_id, article_title, article_date, article_url, "
                        "cluster_id, cluster_size, content_spans"),
)
def export_csv(request: Request, filters: data.SearchFilters = Depends(search_filters)) -> StreamingResponse:
    return _export(request, filters, "csv")


@router.get(
    "/quotes.jsonl", summary="Every matching quote as JSON lines", response_class=StreamingResponse,
    responses=_streamed("application/x-ndjson", "one quote per line, as the items of /api/quotes (without highlights)"),
)
def export_jsonl(request: Request, filters: data.SearchFilters = Depends(search_filters)) -> StreamingResponse:
    return _export(request, filters, "jsonl")


@router.get("/quotes/{quote_id}", summary="One quote with its provenance", responses=documented(QuoteWithProvenance))
def get_quote(request: Request, quote_id: Id) -> JSONResponse:
    return _json(data.quote(_state(request).store(), quote_id))


@router.get("/speakers", summary="List speakers")
def list_speakers(
    request: Request,
    q: str | None = Query(None, max_length=200, description="part of a name or alias"),
    limit: int = Limit,
    offset: int = Offset,
) -> JSONResponse:
    rows, total = data.speakers(_state(request).store(), q=q, limit=limit, offset=offset)
    return _json(_page(request, rows, total, limit, offset))


@router.get("/speakers/{speaker_id}", summary="One speaker: aliases, roles, quote counts per outlet and month")
def get_speaker(request: Request, speaker_id: Id) -> JSONResponse:
    return _json(data.speaker(_state(request).store(), speaker_id))


@router.get(
    "/articles/{article_id}",
    summary="One article: text, every quote span and every entity with its mentions",
    responses=documented(StoredArticle),
)
def get_article(request: Request, article_id: Id) -> JSONResponse:
    return _json(data.article(_state(request).store(), article_id))


class ExtractRequest(ArticleMeta):  # type: ignore[valid-type, misc]
    """Exactly one of ``text`` (plain text) or ``html`` (a web page)."""

    text: str | None = None
    html: str | None = None

    @model_validator(mode="after")
    def _one_input(self) -> "ExtractRequest":
        if (self.text is None) == (self.html is None):
            raise ValueError("send exactly one of `text` or `html`")
        return self

    def meta(self) -> dict[str, str | None]:
        """The article metadata as strings (the date in ISO form)."""
        values = {name: getattr(self, name) for name in ARTICLE_META}
        return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()}


@router.post("/extract", summary="Extract quotes from text or HTML; nothing is stored", responses=documented(Extracted))
def extract(request: Request, body: ExtractRequest) -> JSONResponse:
    article = extract_article(_state(request), text=body.text, html=body.html, meta=body.meta())
    return _json(article.result())


class ArticleRecord(BaseModel):
    """An article to store: the CLI's output record, or an input to extract first."""

    model_config = ConfigDict(extra="forbid")
    article: dict[str, Any] | None = Field(None, description="as in the CLI output; stored with `quotes` as given")
    quotes: list[dict[str, Any]] | None = None
    extract: ExtractRequest | None = Field(None, description="text or html to extract, then store")

    @model_validator(mode="after")
    def _one_input(self) -> "ArticleRecord":
        if (self.article is None) == (self.extract is None):
            raise ValueError("send either `article` (+ `quotes`) or `extract`")
        return self


def require_writer(request: Request) -> None:
    """Refuse writes before the body is even validated: read-only server, no token, wrong token."""
    state = _state(request)
    if not state.write:
        raise ApiError(403, "this server is read-only: restart it with --write and a token to accept articles")
    scheme, _, presented = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not presented.strip():
        raise ApiError(401, "writing needs `Authorization: Bearer <token>`", headers={"WWW-Authenticate": "Bearer"})
    if not state.token_matches(presented.strip()):
        raise ApiError(403, "that token is not the one this server was started with")


@router.post(
    "/articles",
    status_code=201,
    dependencies=[Depends(require_writer)],
    summary="Store one article (needs --write and the bearer token)",
)
def post_article(request: Request, body: ArticleRecord) -> JSONResponse:
    state = _state(request)
    if body.extract is not None:
        article = extract_article(state, text=body.extract.text, html=body.extract.html, meta=body.extract.meta())
    else:
        article = data.article_from_record(body.article or {}, body.quotes or [])
    with state.write_lock:
        created = data.ingest(state.writer(), article)
    return _json({"id": article.id, "created": created, "quotes": len(article.quotes)}, status=201)

