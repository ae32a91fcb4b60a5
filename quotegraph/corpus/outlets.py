"""Which outlet published an article: its stated outlet, else the host of its URL."""

from __future__ import annotations

from urllib.parse import urlsplit


def outlet_name(outlet: str | None, url: str | None) -> str | None:
    """An article's outlet, else the host of its URL without "www." (None when neither)."""
    if outlet and outlet.strip():
        return outlet.strip()
    if url:
        host = urlsplit(url).hostname or ""
        return host.removeprefix("www.") or None
    return None
