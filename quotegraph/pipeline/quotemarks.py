"""Quoted stretches of a text, found from quote marks alone (no parse needed).

Handles straight and curly double quotes, « », „ “, single quotes used as the
primary marks (‘…’ and '…'), single quotes nested inside double ones, and the
typographic convention for a quotation that runs over several paragraphs: a
paragraph that opens a quote without closing it carries on into the next
paragraph, which re-opens with a quote mark.

A double mark may also be typed as two characters, '' or `` (:data:`TWO_CHAR_DOUBLE`);
it is read as one mark, as " or “.

Apostrophes are told from single quotes by their neighbours: a mark between two
letters (don't, Federline’s) or before a digit ('90s) is an apostrophe, and a
single quote only counts when it pairs up within its paragraph.

:func:`pair_marks` is the one place quote marks are paired: here, and for the span
model's token features (:func:`.spanmodel.quote_state`).  Its callers only say which
way each mark may go, from its characters and neighbours or from its token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, Literal, NamedTuple

from spacy.tokens import Doc

from ..lang.quotemarks import DOUBLE, OPENING_DOUBLE, QUOTE_MARKS, SINGLE, TWO_CHAR_DOUBLE
from .extensions import QUOTATIONS_KEY, cached, text_of

_PARAGRAPH = re.compile(r"\s*\n\s*")

Direction = Literal["open", "close"] | None


class Pairing(NamedTuple):
    """One quotation within a paragraph, by the positions of its marks."""

    opened: int | None  # its opening mark; None for a closing mark with nothing open before it
    closed: int | None  # its closing mark; None when it never closes
    cut: int | None = None  # for one never closed: the opening mark that cut it short (None: the paragraph ended)


def pair_marks(marks: Iterable[int], direction: Callable[[int, int | None], Direction]) -> list[Pairing]:
    """Pair one paragraph's quote marks, in text order.

    ``direction(mark, open_mark)`` says what a mark does while the quotation opened
    at ``open_mark`` is open (None: none is): "open", "close", or None to pass it by
    (an apostrophe).  An opening mark inside an open quotation cuts that one short.
    """
    found: list[Pairing] = []
    open_at: int | None = None
    for at in marks:
        kind = direction(at, open_at)
        if kind == "open":
            if open_at is not None:
                found.append(Pairing(open_at, None, at))
            open_at = at
        elif kind == "close":
            found.append(Pairing(open_at, at))
            open_at = None
    if open_at is not None:
        found.append(Pairing(open_at, None))
    return found


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
        return text[self.start : self.end].strip(QUOTE_MARKS + " \n")


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


def _mark_width(text: str, i: int) -> int:
    """2 for a two-character double mark starting at ``i`` ('' or ``), else 1."""
    return 2 if text[i : i + 2] in TWO_CHAR_DOUBLE else 1


def _double_marks(text: str, start: int, end: int) -> list[int]:
    """Where the double marks of ``text[start:end]`` start (a two-character one counted once)."""
    marks: list[int] = []
    i = start
    while i < end:
        if text[i] in DOUBLE:
            marks.append(i)
        elif text[i : i + 2] in TWO_CHAR_DOUBLE and i + 1 < end:
            marks.append(i)
            i += 1
        i += 1
    return marks


def _double_direction(text: str, start: int, end: int) -> Callable[[int, int | None], Direction]:
    """Which way a double quote mark in the paragraph ``text[start:end]`` goes, by its neighbours."""

    def direction(i: int, open_at: int | None) -> Direction:
        ch = text[i]
        width = _mark_width(text, i)
        prev = text[i - 1] if i > start else " "
        nxt = text[i + width] if i + width < end else " "
        inside = open_at is not None
        if width == 2:
            ch = "“" if ch == "`" else '"'  # `` opens; '' goes either way, as " does
        if ch == '"':
            stray_closer = nxt.isspace() and not prev.isspace()  # the paragraph continues an open quote
            return "close" if inside or stray_closer else "open"
        if ch == "”" and not inside and not prev.strip() and nxt.isalnum():
            return "open"  # ” typed as an opener at a word start
        if ch in OPENING_DOUBLE and not (inside and ch == "“" and text[open_at] == "„"):
            if inside and ch == "“" and prev.strip() and not nxt.strip():
                return "close"  # “ used as a closer after text
            return "open"
        return "close"

    return direction


def _single_pairs(text: str, start: int, end: int, doubled: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Pairs of single quote marks used as quotation marks within ``text[start:end]`` (``doubled``:
    the apostrophes that are half of a '' double mark)."""

    def direction(i: int, open_at: int | None) -> Direction:
        ch = text[i]
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        if _is_word(prev) and _is_word(nxt):
            return None  # don't, Federline’s
        if open_at is not None:
            can_close = prev.strip() and not _is_word(nxt) and ch != "‘"
            # "the Smiths' house" a long way after an opening mark: a plural possessive, not the closer
            possessive = prev == "s" and nxt in " " and text[open_at + 1 : i].count(" ") > 12
            return "close" if can_close and not possessive else None
        can_open = not _is_word(prev) and prev not in ".,;:!?" and nxt.strip() and not nxt.isdigit() and ch != "’"
        if ch == "’" and not _is_word(prev) and nxt.strip() and not nxt.isdigit() and prev in " \"“«(—–-\n":
            can_open = True  # ’ typed as an opener (rare but seen)
        return "open" if can_open else None

    marks = [i for i in range(start, end) if text[i] in SINGLE and i not in doubled]
    return [(p.opened, p.closed + 1) for p in pair_marks(marks, direction) if p.opened is not None and p.closed is not None]


def find_quotes(text: str) -> list[QuotedSpan]:
    """Every quoted stretch of ``text``, outermost and nested, in text order."""
    found: list[QuotedSpan] = []
    carried: list[tuple[int, int]] | None = None  # fragments of a quote left open
    for p_start, p_end in _paragraphs(text):
        marks = _double_marks(text, p_start, p_end)
        doubled = frozenset(k for i in marks if _mark_width(text, i) == 2 for k in (i, i + 1))
        doubles: list[tuple[int, int, bool]] = []
        for n, pair in enumerate(pair_marks(marks, _double_direction(text, p_start, p_end))):
            if pair.opened is None:
                if n == 0 and carried is not None:  # closing a quote carried in unopened
                    doubles.append((p_start, pair.closed + _mark_width(text, pair.closed), True))
            elif pair.closed is not None:
                doubles.append((pair.opened, pair.closed + _mark_width(text, pair.closed), True))
            else:  # never closed: up to the mark that cut it short, or to the paragraph's end
                doubles.append((pair.opened, p_end if pair.cut is None else pair.cut, False))
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
            for qs, qe in _single_pairs(text, s + 1, e - 1, doubled):
                found.append(_make([(qs, qe)], depth=1))
        gaps, cursor = [], p_start
        for s, e in sorted(covered):
            gaps.append((cursor, s))
            cursor = max(cursor, e)
        gaps.append((cursor, p_end))
        for gs, ge in gaps:
            for qs, qe in _single_pairs(text, gs, ge, doubled):
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
    # Kept as plain tuples (see extensions); a doc read back from bytes holds lists instead.
    found = cached(
        doc, QUOTATIONS_KEY, lambda: [(q.start, q.end, q.fragments, q.depth, q.closed) for q in find_quotes(text_of(doc))]
    )
    return [
        QuotedSpan(start, end, tuple((s, e) for s, e in fragments), depth, closed)
        for start, end, fragments, depth, closed in found
    ]


def quote_depth(text: str, quotes: list[QuotedSpan] | None = None) -> bytearray:
    """Per character: 0 outside any quotation, 1 inside one, 2 inside a nested one.

    Pass ``quotes`` to reuse a :func:`find_quotes` result.
    """
    depth = bytearray(len(text))
    for q in quotes if quotes is not None else find_quotes(text):
        for s, e in q.fragments:
            level = q.depth + 1
            for i in range(s, e):
                if depth[i] < level:
                    depth[i] = level
    return depth

