"""``quotegraph serve``: the HTTP API and web UI over a store (read-only unless --write)."""

from __future__ import annotations

import argparse
import json
import os
import sys

from ..errors import QuotegraphError
from ..pipeline.finders import NAMES


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "serve",
        help="serve the store over HTTP: JSON API and web UI",
        description="Serve a quotegraph store: a JSON API under /api (OpenAPI at /openapi.json) and a web UI. "
        "Read-only unless --write is given with a token; listens on 127.0.0.1 unless told otherwise.",
    )
    p.add_argument("--db", default="quotegraph.db", help="the store to serve (default: quotegraph.db)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--write", action="store_true", help="accept POST /api/articles (needs a token)")
    token = p.add_mutually_exclusive_group()
    token.add_argument("--token-env", metavar="VAR", help="read the bearer token for writes from this environment variable")
    token.add_argument("--token", help="the bearer token for writes (visible in `ps`: prefer --token-env)")
    p.add_argument("--max-body", type=int, default=5_000_000, metavar="BYTES", help="largest request body (default: 5000000)")
    p.add_argument("--finder", default=None, choices=NAMES, metavar="NAME",
                   help=f"span finder for /api/extract: {', '.join(NAMES)} (default: the pipeline's)")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="server processes (default: 1; one per core for heavy use)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from ..web import create_app
    from ..web.app import SETTINGS_ENV

    token = args.token
    if args.token_env:
        token = os.environ.get(args.token_env)
        if not token:
            raise QuotegraphError(f"environment variable {args.token_env} is empty or unset: export the write token in it")
    if not os.path.exists(args.db):
        raise QuotegraphError(f"no database at {args.db}: build one with `quotegraph ingest PATH --db {args.db}`, or pass --db")
    if args.workers < 1:
        raise QuotegraphError("--workers must be at least 1")
    settings = {"db_path": args.db, "write": args.write, "token": token, "max_body": args.max_body, "finder": args.finder}
    app = create_app(**settings)  # also checks the settings before any worker starts
    print(f"quotegraph: serving {args.db} on http://{args.host}:{args.port} ({'read-write' if args.write else 'read-only'})")
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(f"quotegraph: note: listening on {args.host}, so other machines can connect", file=sys.stderr)
    if args.workers == 1:
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False)
        return 0
    # Several processes: each worker builds its own app from the same settings.
    os.environ[SETTINGS_ENV] = json.dumps(settings)
    uvicorn.run(
        "quotegraph.web.app:app_from_environment",
        factory=True,
        workers=args.workers,
        host=args.host,
        port=args.port,
        log_level="warning",
        server_header=False,
    )
    return 0
