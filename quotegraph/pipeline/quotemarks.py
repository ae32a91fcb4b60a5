"""Quoted stretches of a text, found from quote marks alone (no parse needed).

Handles straight and curly double quotes, « », „ “, single quotes used as the
primary marks (‘…’ and '…'), single quotes nested inside double ones, and the
typographic convention for a quotation that runs over several paragraphs: a
paragraph that opens a quote without closing it carries on into the next
paragraph, which re-opens with a quote mark.

Apostrophes are told from single quotes by their neighbours: a mark between two
letters (don't, Federline’s) or before a digit ('90s) is an apostrophe, and a
single quote only counts when it pairs up within its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from .extensions import text_of

_DOUBLE_OPEN = {"“": "”", "«": "»", "„": "“"}
_SINGLE_CHARS = {"‘", "’", "'", "‚"}
_PARAGRAPH = re.compile(r"\s*\n\s*")


@dataclass(frozen=True)
class QuotedSpan:
    """One quotation: offsets include its marks; ``fragments`` split it at paragraph breaks."""

    start: int
    end: int
    fragments: tuple[tuple[int, int], ...]
    depth: int = 0  # 0 for an outermost quote, 1 for a quote nested inside one
    closed: bool = True  # False when the text ends before a closing mark

    def inner(self, text: str) -> str:
        """The quoted words without the marks around them (of the whole quotation)."""
        return text[self.start : self.end].strip("\"“”«»„‘’'‚ \n")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph offsets: every line break ends a paragraph."""
    spans, start = [], 0
    for m in _PARAGRAPH.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _double_marks(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Every double quote mark in a paragraph, labelled "open" or "close" by context."""
    marks: list[tuple[int, str]] = []
    inside = False
    opener = ""
    for i in range(start, end):
        ch = text[i]
        if ch not in '"“”«»„':
            continue
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        if ch == '"':
            if inside:
                kind = "close"
            elif nxt.isspace() and not prev.isspace() and i > start:
                kind = "close"  # a stray closer: the paragraph continues an open quote
            else:
                kind = "open"
        elif ch == "”" and not inside and not prev.strip() and nxt.isalnum():
            kind = "open"  # ” typed as an opener at a word start
        elif ch in _DOUBLE_OPEN and not (inside and ch == "“" and opener == "„"):
            if inside and ch == "“" and prev.strip() and not nxt.strip():
                kind = "close"  # “ used as a closer after text
            else:
                kind = "open"
        else:
            kind = "close"
        if kind == "open" and inside:
            # Two openers in a row: the first quote was never closed; start again.
            marks.append((i, "open"))
            opener = ch
            continue
        marks.append((i, kind))
        inside = kind == "open"
        opener = ch if inside else ""
    return marks


def _single_pairs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Pairs of single quote marks used as quotation marks within ``text[start:end]``."""
    pairs: list[tuple[int, int]] = []
    open_at: int | None = None
    for i in range(start, end):
        ch = text[i]
        if ch not in _SINGLE_CHARS:
            continue
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        if _is_word(prev) and _is_word(nxt):
            continue  # don't, Federline’s
        can_open = not _is_word(prev) and prev not in ".,;:!?" and nxt.strip() and not nxt.isdigit() and ch != "’"
        if ch == "’" and not _is_word(prev) and nxt.strip() and not nxt.isdigit() and prev in " \"“«(—–-\n":
            can_open = True  # ’ typed as an opener (rare but seen)
        can_close = prev.strip() and not _is_word(nxt) and ch != "‘"
        if open_at is not None and can_close:
            if not (prev == "s" and nxt in " " and text[open_at + 1 : i].count(" ") > 12):
                pairs.append((open_at, i + 1))
                open_at = None
                continue
        if open_at is None and can_open:
            open_at = i
    return pairs


def find_quotes(text: str) -> list[QuotedSpan]:
    """Every quoted stretch of ``text``, outermost and nested, in text order."""
    found: list[QuotedSpan] = []
    carried: list[tuple[int, int]] | None = None  # fragments of a quote left open
    for p_start, p_end in _paragraphs(text):
        marks = _double_marks(text, p_start, p_end)
        doubles: list[tuple[int, int, bool]] = []
        open_at: int | None = None
        first = True
        for i, kind in marks:
            if kind == "open":
                if open_at is not None:
                    doubles.append((open_at, i, False))
                open_at = i
            elif open_at is not None:
                doubles.append((open_at, i + 1, True))
                open_at = None
            elif first and carried is not None:
                doubles.append((p_start, i + 1, True))  # closing a quote carried in unopened
            first = False
        if open_at is not None:
            doubles.append((open_at, p_end, False))
        # A carried quote continues only if this paragraph re-opens at its very start.
        if carried is not None:
            if doubles and doubles[0][0] == p_start + _lead_space(text, p_start):
                s, e, closed = doubles.pop(0)
                carried.append((s, e))
                if closed:
                    found.append(_make(carried))
                    carried = None
            else:
                found.append(_make(carried, closed=False))
                carried = None
        for n, (s, e, closed) in enumerate(doubles):
            last = n == len(doubles) - 1
            if not closed and last and e == p_end:
                carried = [(s, _rstrip(text, s, e))]
            else:
                found.append(_make([(s, e if closed else _rstrip(text, s, e))], closed=closed))
        # Single quotes: nested inside a double quote, or primary where no double quote is.
        covered = [(s, e) for s, e, _ in doubles]
        for s, e in covered:
            for qs, qe in _single_pairs(text, s + 1, e - 1):
                found.append(_make([(qs, qe)], depth=1))
        gaps, cursor = [], p_start
        for s, e in sorted(covered):
            gaps.append((cursor, s))
            cursor = max(cursor, e)
        gaps.append((cursor, p_end))
        for gs, ge in gaps:
            for qs, qe in _single_pairs(text, gs, ge):
                found.append(_make([(qs, qe)]))
    if carried is not None:
        found.append(_make(carried, closed=False))
    return sorted(found, key=lambda q: (q.start, -q.end))


def _lead_space(text: str, start: int) -> int:
    n = 0
    while start + n < len(text) and text[start + n] in " \t":
        n += 1
    return n


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def _make(fragments: list[tuple[int, int]], *, depth: int = 0, closed: bool = True) -> QuotedSpan:
    return QuotedSpan(fragments[0][0], fragments[-1][1], tuple(fragments), depth, closed)


def quotes_of(doc: Doc) -> list[QuotedSpan]:
    """:func:`find_quotes` over the doc's text, found once per doc (several stages need them)."""
    found = doc.user_data.get("qg_quotes_found")
    if found is None:
        found = doc.user_data["qg_quotes_found"] = find_quotes(text_of(doc))
    return found


def quote_depth(text: str, quotes: list[QuotedSpan] | None = None) -> bytearray:
    """Per character: 0 outside any quotation, 1 inside one, 2 inside a nested one.

    A cheap feature for the learned span model; pass ``quotes`` to reuse a
    :func:`find_quotes` result.
    """
    depth = bytearray(len(text))
    for q in quotes if quotes is not None else find_quotes(text):
        for s, e in q.fragments:
            level = q.depth + 1
            for i in range(s, e):
                if depth[i] < level:
                    depth[i] = level
    return depth


def tokens_inside(doc: Doc, quotes: list[QuotedSpan] | None = None) -> list[bool]:
    """Per token of ``doc``: whether it lies inside an outermost quotation (marks included)."""
    depth = quote_depth(text_of(doc), quotes)
    return [bool(depth[t.idx]) if len(t) else False for t in doc]
