"""Speaker stage: resolve each attribution's source mention to a named speaker."""

from __future__ import annotations

from spacy.tokens import Doc

from .attribution import Attribution


def resolve_speakers(doc: Doc, attributions: list[Attribution]) -> None:
    """Fill ``speaker`` where the article supports a resolution; leave None otherwise."""
    return None
