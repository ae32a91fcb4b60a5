"""Turning what a user typed into a safe FTS5 query, and finding its words in a quote.

User text never reaches ``MATCH`` as syntax: every word becomes a quoted FTS5
string, and text in double quotes becomes a phrase.  Words are ANDed.  The same
terms mark the matching words in results (:func:`highlights`), compared the way the
index compares them (``unicode61 remove_diacritics 2``: case and accents ignored).
"""

from __future__ import annotations

import functools
import re
import unicodedata

_PHRASE = re.compile(r'"([^"]*)"')
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def fold(word: str) -> str:
    """A word as the index compares it: without accents, case-folded."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def query_terms(text: str) -> list[list[str]]:
    """The terms of a query, each a list of words: phrases first, then the loose words."""
    terms = [words for phrase in _PHRASE.findall(text) if (words := _WORD.findall(phrase))]
    return terms + [[word] for word in _WORD.findall(_PHRASE.sub(" ", text))]


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression for ``text`` (None when it holds no searchable word)."""
    parts = ['"' + " ".join(words) + '"' for words in query_terms(text)]
    return " ".join(parts) or None


def highlights(content: str, text: str | None) -> list[list[int]]:
    """``[start, end]`` ranges of ``content`` that match query ``text``: each word, each phrase whole."""
    terms = _folded_terms(text) if text else None
    if not terms:
        return []
    pattern = _ascii_pattern(text) if content.isascii() else None
    if pattern is not None:  # the same ranges, found by one regex (most news text is ASCII)
        return [[m.start(), m.end()] for m in pattern.finditer(content)]
    tokens = [(m.start(), m.end(), fold(m.group())) for m in _WORD.finditer(content)]
    folded = [t[2] for t in tokens]
    marked: list[list[int]] = []
    for i in range(len(tokens)):
        for term in terms:
            if tuple(folded[i : i + len(term)]) == term:
                start, end = tokens[i][0], tokens[i + len(term) - 1][1]
                if marked and start <= marked[-1][1]:
                    marked[-1][1] = max(marked[-1][1], end)
                else:
                    marked.append([start, end])
    return marked


@functools.lru_cache(maxsize=256)
def _folded_terms(text: str) -> frozenset[tuple[str, ...]]:
    """A query's terms as folded word tuples (a page of results asks once per row)."""
    return frozenset(tuple(fold(w) for w in words) for words in query_terms(text))


@functools.lru_cache(maxsize=256)
def _ascii_pattern(text: str) -> re.Pattern[str] | None:
    """For an ASCII query, one regex matching its terms as whole tokens in ASCII text (where folding
    is lower-casing): the longest terms first, so that a phrase wins over its own words."""
    terms = _folded_terms(text)
    if not all(word.isascii() for term in terms for word in term):
        return None
    body = "|".join(r"[\W_]+".join(map(re.escape, term)) for term in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])", re.IGNORECASE)


def pieces(text: str, ranges: list[list[int]]) -> list[tuple[str, bool]]:
    """``text`` cut at ``ranges``: ``(piece, is_marked)`` in order, for safe rendering."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for start, end in ranges:
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        if start > pos:
            out.append((text[pos:start], False))
        out.append((text[start:end], True))
        pos = end
    if pos < len(text) or not out:
        out.append((text[pos:], False))
    return out
