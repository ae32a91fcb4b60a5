"""Server-rendered pages: Search, Article, Speakers, Speaker, Quote, Try it.

Templates autoescape everything; pages call the same ``data`` functions as the API.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Sequence

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from ..model import ACTS
from . import charts, data, render
from .api import DATE_PREFIX, MAX_OFFSET
from .errors import ApiError
from .extracting import extract_article
from .templating import templates

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 20


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status)


def _int(value: str | None, default: int, low: int, high: int, name: str) -> int:
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        raise ApiError(400, f"{name} must be a whole number") from None
    if not low <= number <= high:
        raise ApiError(400, f"{name} must be between {low} and {high}")
    return number


def _date(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ApiError(400, f"{name} must be a date like 2024-06-26") from None


def _date_prefix(value: str | None, name: str) -> str | None:
    """A date or its start, as the API takes it: 2024, 2024-06 or 2024-06-26."""
    if not value:
        return None
    if not re.match(DATE_PREFIX, value):
        raise ApiError(400, f"{name} must be a date like 2024-06-26 (or 2024-06, or 2024)")
    return value


def _store(request: Request) -> Any:
    return request.app.state.web.store()


SEARCH_PARAMS = ("q", "speaker", "outlet", "channel", "since", "until", "type", "act", "sort")


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request) -> HTMLResponse:
    qp = request.query_params
    params = {k: qp.get(k) or None for k in SEARCH_PARAMS}
    sort = params["sort"] or ("relevance" if params["q"] else "newest")
    if sort not in ("relevance", "newest", "oldest"):
        raise ApiError(400, "sort must be relevance, newest or oldest")
    if params["type"] not in (None, "direct", "indirect", "mixed"):
        raise ApiError(400, "type must be direct, indirect or mixed")
    if params["act"] not in (None, *ACTS):
        raise ApiError(400, f"act must be one of {', '.join(ACTS)}")
    for key in ("q", "speaker", "outlet", "channel"):
        if params[key] and len(params[key]) > 500:
            raise ApiError(400, f"{key} is too long: keep it under 500 characters")
    offset = _int(qp.get("offset"), 0, 0, MAX_OFFSET, "offset")
    since_s, until_s = _date_prefix(params["since"], "since"), _date_prefix(params["until"], "until")
    filters = data.SearchFilters(
        q=params["q"], speaker=params["speaker"], outlet=params["outlet"], channel=params["channel"],
        since=since_s, until=until_s, type=params["type"], act=(params["act"],) if params["act"] else (), sort=sort,
    )
    found = data.search(_store(request), filters, limit=PAGE_SIZE, offset=offset)
    rows, total = found
    page = {"items": rows, "total": total, "limit": PAGE_SIZE, "offset": offset, "next": offset + PAGE_SIZE < total,
            "total_is_estimate": found.total_is_estimate}
    active = any(params[k] for k in ("speaker", "outlet", "channel", "since", "until", "type", "act"))
    f = {**params, "sort": sort, "active": active}
    context = {"nav": "search", "f": f, "page": page, "params": params, "problem": None, "acts": ACTS}
    return _page(request, "search.html", context)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    article = data.article(_store(request), article_id)
    context = {"nav": None, "article": article, **_highlight(article["text"], article["quotes"], article["entities"])}
    return _page(request, "article.html", context)


def _highlight(text: str, quotes: list[dict[str, Any]], entities: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    return {"segments": render.segments(text, quotes, entities), "tips": {q["id"]: data.tip_text(q) for q in quotes}}


@router.get("/speakers", response_class=HTMLResponse)
def speakers_page(request: Request) -> HTMLResponse:
    q = request.query_params.get("q") or None
    if q and len(q) > 200:
        raise ApiError(400, "q is too long: keep it under 200 characters")
    offset = _int(request.query_params.get("offset"), 0, 0, MAX_OFFSET, "offset")
    rows, total = data.speakers(_store(request), q=q, limit=50, offset=offset)
    page = {"items": rows, "total": total, "limit": 50, "offset": offset, "next": offset + 50 < total}
    return _page(request, "speakers.html", {"nav": "speakers", "page": page, "q": q, "params": {"q": q}})


@router.get("/speakers/{speaker_id}", response_class=HTMLResponse)
def speaker_page(request: Request, speaker_id: str) -> HTMLResponse:
    store = _store(request)
    speaker = data.speaker(store, speaker_id)
    offset = _int(request.query_params.get("offset"), 0, 0, MAX_OFFSET, "offset")
    rows, total = data.search(store, data.SearchFilters(speaker=speaker_id, sort="newest"), limit=PAGE_SIZE, offset=offset)
    page = {"items": rows, "total": total, "limit": PAGE_SIZE, "offset": offset, "next": offset + PAGE_SIZE < total}
    chart = charts.month_timeline((m["month"], m["outlet"], m["n"]) for m in speaker["months_by_outlet"])
    context = {"nav": "speakers", "speaker": speaker, "chart": chart, "page": page, "params": {}}
    return _page(request, "speaker.html", context)


@router.get("/quotes/{quote_id}", response_class=HTMLResponse)
def quote_page(request: Request, quote_id: str) -> HTMLResponse:
    quote = data.quote(_store(request), quote_id)
    appearances = quote["provenance"]["appearances"]
    first = appearances[0]
    later = [{**a, "words": data.marked_words(first["content"], a["content"]) if a["differs"] else None}
             for a in appearances[1:]]
    dots, axis = charts.appearance_timeline(appearances)
    context = {"nav": None, "quote": quote, "first": first, "later": later, "dots": dots, "axis": axis,
               "citation": data.citation(quote)}
    return _page(request, "quote.html", context)


@router.get("/try", response_class=HTMLResponse)
def try_page(request: Request) -> HTMLResponse:
    return _page(request, "try.html", {"nav": "try", "segments": None, "text": "", "problem": None})


@router.post("/try", response_class=HTMLResponse)
def try_submit(request: Request, text: str = Form("", max_length=200_000), date: str = Form("")) -> HTMLResponse:
    """The no-JavaScript path of Try it: the form posts here and the result is rendered on the server."""
    when = _date(date, "date")
    article = extract_article(request.app.state.web, text=text, html=None, meta={"date": when.isoformat() if when else None})
    quotes = [q.to_dict() for q in article.quotes]
    context = {"nav": "try", "text": text, "date": date, "quotes": quotes, "problem": None, **_highlight(article.text, quotes)}
    return _page(request, "try.html", context)

