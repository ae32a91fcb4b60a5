"""Quote text normalisation: what "the same words" means across articles.

Two reports of a quote are identical when their normalised text is equal:
quote marks, apostrophe styles, case, whitespace, ellipses and other punctuation
are ignored; the words and their order are not.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'", "\u00b4": "'"})
_ELLIPSIS = re.compile(r"\[\s*(?:\.\s*){2,}\]|\(\s*(?:\.\s*){2,}\)|\u2026|(?:\.\s*){3,}")
# A word: letters/digits, with inner apostrophes kept ("don't", "o'brien").
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def quote_words(text: str) -> list[str]:
    """The words of a quote, casefolded, without punctuation, quote marks or ellipses."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    text = _ELLIPSIS.sub(" ", text)
    return _WORD.findall(text.casefold())


def normalize_quote(text: str) -> str:
    """The comparable form of a quote: its words joined by single spaces."""
    return " ".join(quote_words(text))


def norm_hash(norm: str) -> int:
    """A signed 64-bit hash of normalised text (an SQLite INTEGER), for exact-match lookup."""
    return int.from_bytes(hashlib.blake2b(norm.encode("utf-8"), digest_size=8).digest(), "big", signed=True)
