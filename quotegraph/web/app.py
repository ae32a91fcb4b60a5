"""The FastAPI application: JSON API under /api, server-rendered pages elsewhere.

    create_app("quotegraph.db")                       read-only browsing and /api/extract
    create_app("quotegraph.db", write=True, token=t)  also POST /api/articles, behind a bearer token

The store is opened read-only unless writes are enabled; every response carries a
strict Content-Security-Policy and bodies over ``max_body`` bytes get 413.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import AsyncIterator

import anyio
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from ..errors import QuotegraphError
from .errors import HANDLERS
from .middleware import BodyLimit, SecurityHeaders
from .state import WebState

STATIC_DIR = Path(__file__).parent / "static"
DEFAULT_MAX_BODY = 5_000_000


class ConfigError(QuotegraphError):
    """The server was asked for something unsafe or impossible (e.g. writes without a token)."""


SETTINGS_ENV = "QUOTEGRAPH_SERVE_SETTINGS"  # how `serve --workers N` hands create_app's arguments to each worker


def app_from_environment() -> FastAPI:
    """``create_app`` with the arguments ``quotegraph serve`` left in the environment (uvicorn workers)."""
    import json
    import os

    return create_app(**json.loads(os.environ[SETTINGS_ENV]))


# Requests are short and CPU-bound (a few ms in SQLite and Python): a few threads per process
# keep the CPU busy, while dozens would only queue on the GIL, each waiting out switch intervals.
REQUEST_THREADS = 4


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    anyio.to_thread.current_default_thread_limiter().total_tokens = REQUEST_THREADS
    yield


def create_app(
    db_path: str | Path,
    *,
    write: bool = False,
    token: str | None = None,
    max_body: int = DEFAULT_MAX_BODY,
    pipeline: str | None = None,
    finder: str | None = None,
) -> FastAPI:
    """A ready-to-serve app over the store at ``db_path``."""
    from .. import __version__
    from . import api, pages

    if write and not token:
        raise ConfigError("--write needs a bearer token: pass --token-env VAR (or --token) so writes are not open to anyone")
    if max_body < 1:
        raise ConfigError("--max-body must be a positive number of bytes")
    app = FastAPI(
        lifespan=_lifespan,
        title="quotegraph",
        version=__version__,
        description="Who said what, to whom, and when: quotes, speakers and their provenance in news.",
        docs_url=None,  # the Swagger page loads scripts from a CDN, which the CSP forbids
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.web = WebState(Path(db_path), write=write, token=token, pipeline=pipeline, finder=finder)
    for exc_class, handler in HANDLERS.items():
        app.add_exception_handler(exc_class, handler)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR, follow_symlink=False), name="static")
    app.add_middleware(BodyLimit, max_body=max_body)
    app.add_middleware(SecurityHeaders)
    return app
