"""quotegraph over HTTP: a JSON API (``/api``) and server-rendered pages, from one FastAPI app.

    app.py         create_app(): middleware, error handlers, routers, static files
    api.py         JSON routes; pages.py  HTML routes; data.py  store reads
    render.py      article text + quote spans → safe highlighted segments
    charts.py      SVG chart geometry; errors.py  the one JSON error shape
"""

from .app import create_app

__all__ = ["create_app"]
