"""Context stage: the channel each quote was given to and the date it was said."""

from __future__ import annotations

from spacy.tokens import Doc

from .attribution import Attribution


def place(doc: Doc, attributions: list[Attribution]) -> None:
    """Fill ``channel``, ``date`` and ``date_basis`` on each attribution."""
    return None
