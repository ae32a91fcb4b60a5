"""The pages' Jinja environment (autoescaping everything) and the HTML error page.

Its own module so that both the pages and the error handlers use it without
importing each other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from ..store.search import highlights, pieces

templates = Jinja2Templates(
    env=jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)
)
HEADINGS = {400: "Bad request", 404: "Not found", 413: "Too large", 422: "Bad parameter", 500: "Server error", 503: "Unavailable"}


def _queryparams(params: dict[str, Any]) -> str:
    """The query string of the non-empty ``params`` (a search's filters, for its export links)."""
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


def _pageparams(params: dict[str, Any], offset: int) -> str:
    return urlencode({**{k: v for k, v in params.items() if v not in (None, "")}, "offset": offset})


templates.env.filters["pageparams"] = _pageparams
templates.env.filters["queryparams"] = _queryparams
# Text cut at highlight ranges into (piece, marked) pairs: the template wraps marked pieces in <mark>,
# each piece autoescaped like any other text.
templates.env.filters["marked"] = lambda text, ranges: pieces(text, ranges or [])
templates.env.filters["mark_words"] = lambda text, q: pieces(text, highlights(text, q))  # a speaker's name, a source


def render_error(request: Request, status: int, message: str, *, headers: dict[str, str] | None = None) -> Response:
    context = {"status": status, "heading": HEADINGS.get(status, "Error"), "message": message, "nav": None}
    return templates.TemplateResponse(request, "error.html", context, status_code=status, headers=headers)
