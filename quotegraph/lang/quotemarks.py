"""The quote-mark characters, defined once for every module that reads or writes them.

Double marks delimit quotations in English news.  Single marks nest inside them (or,
now and then, stand in for them) and double as apostrophes, so a single mark is a
quote mark only where :mod:`quotegraph.pipeline.quotemarks` pairs it.
"""

STRAIGHT_DOUBLE = '"'
OPENING_DOUBLE = "“«„"  # „ opens German-style quotations, which “ closes
CLOSING_DOUBLE = "”»"
DOUBLE = STRAIGHT_DOUBLE + OPENING_DOUBLE + CLOSING_DOUBLE
# What a quotation may start with: a straight mark or an opening one.
MAY_OPEN = STRAIGHT_DOUBLE + OPENING_DOUBLE
SINGLE = "‘’'‚"
QUOTE_MARKS = DOUBLE + SINGLE
# A double mark typed as two characters: two apostrophes for a straight one (''…'', as in
# archive and wire text: the New York Times' in PolNeAR) and PTB's `` for an opening one.
TWO_CHAR_DOUBLE = ("''", "``")


def opening_mark_width(text: str) -> int:
    """How many characters the mark that opens ``text`` takes (0: none that may open a quotation)."""
    return 2 if text[:2] in TWO_CHAR_DOUBLE else 1 if text[:1] in MAY_OPEN else 0


def opens_quotation(text: str) -> bool:
    """Whether ``text`` starts with a mark that may open a quotation."""
    return opening_mark_width(text) > 0


def holds_double_mark(text: str) -> bool:
    """Whether ``text`` holds a double quote mark, one- or two-character."""
    return any(ch in text for ch in DOUBLE) or any(mark in text for mark in TWO_CHAR_DOUBLE)


__all__ = ["STRAIGHT_DOUBLE", "OPENING_DOUBLE", "CLOSING_DOUBLE", "DOUBLE", "MAY_OPEN", "SINGLE", "QUOTE_MARKS",
           "TWO_CHAR_DOUBLE", "opening_mark_width", "opens_quotation", "holds_double_mark"]
