"""Turning what a user typed into a safe FTS5 query.

User text never reaches ``MATCH`` as syntax: every word becomes a quoted FTS5
string, and text in double quotes becomes a phrase.  Words are ANDed.
"""

from __future__ import annotations

import re

_PHRASE = re.compile(r'"([^"]*)"')
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression for ``text`` (None when it holds no searchable word)."""
    parts: list[str] = []
    for phrase in _PHRASE.findall(text):
        words = _WORD.findall(phrase)
        if words:
            parts.append('"' + " ".join(words) + '"')
    for word in _WORD.findall(_PHRASE.sub(" ", text)):
        parts.append(f'"{word}"')
    return " ".join(parts) or None
