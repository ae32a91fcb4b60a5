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

__all__ = ["STRAIGHT_DOUBLE", "OPENING_DOUBLE", "CLOSING_DOUBLE", "DOUBLE", "MAY_OPEN", "SINGLE", "QUOTE_MARKS"]
