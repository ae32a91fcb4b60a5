"""One JSON error shape for every failure the API reports.

    {"error": {"status": 404, "code": "not_found", "message": "no quote with id 'q1'"}}

Validation errors add ``"details"``: a list of ``{"field", "message"}``.  HTML pages
get the same facts as a page.  Nothing here ever includes a traceback.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import InputError, ModelError, QuotegraphError, StoreError, TooLarge
from .templating import render_error

log = logging.getLogger("quotegraph.web")

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    415: "unsupported_media_type",
    422: "invalid_parameter",
    500: "internal_error",
    503: "unavailable",
}


class ApiError(Exception):
    """An error a route raises on purpose: status, message, optional extra headers."""

    def __init__(self, status: int, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def error_body(status: int, message: str, details: list[dict[str, str]] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"status": status, "code": CODES.get(status, "error"), "message": message}
    if details:
        body["details"] = details
    return {"error": body}


def wants_html(request: Request) -> bool:
    """Pages get HTML errors; /api/* and clients that do not ask for HTML get JSON."""
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return False
    return "text/html" in request.headers.get("accept", "")


def error_response(request: Request, status: int, message: str, *, details=None, headers=None) -> Response:
    if wants_html(request):
        return render_error(request, status, message, headers=headers)
    return JSONResponse(error_body(status, message, details), status_code=status, headers=headers)


def _field(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("query", "path", "body", "header")]
    if all(p.isdigit() for p in parts):  # ("body", 0): the body as a whole, e.g. not JSON
        return "body"
    return ".".join(parts)


async def on_api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(request, exc.status, exc.message, headers=exc.headers)


async def on_validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    details = [{"field": _field(tuple(e.get("loc", ()))), "message": str(e.get("msg", "invalid"))} for e in exc.errors()]
    summary = "; ".join(f"{d['field']}: {d['message']}" for d in details[:3])
    return error_response(request, 422, f"invalid request: {summary}", details=details)


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    message = exc.detail if isinstance(exc.detail, str) else CODES.get(exc.status_code, "error")
    if exc.status_code == 404 and message == "Not Found":
        message = f"nothing at {request.url.path}: see /openapi.json for the API, / for the web UI"
    return error_response(request, exc.status_code, message, headers=getattr(exc, "headers", None))


async def on_quotegraph_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, QuotegraphError)
    if isinstance(exc, TooLarge):
        status = 413
    elif isinstance(exc, InputError):
        status = 400
    elif isinstance(exc, (ModelError, StoreError)):
        log.error("%s: %s", type(exc).__name__, exc)
        status = 503
    else:
        status = 400
    return error_response(request, status, str(exc))


async def on_unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return error_response(request, 500, "internal error: the server log has the details")


HANDLERS = {
    ApiError: on_api_error,
    RequestValidationError: on_validation_error,
    StarletteHTTPException: on_http_error,
    QuotegraphError: on_quotegraph_error,
    Exception: on_unexpected,
}
