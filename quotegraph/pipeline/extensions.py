"""The Doc extensions quotegraph registers (all namespaced), and the per-doc facts
several stages read (the text, its quotations, the line breaks), computed once."""

from __future__ import annotations

import re
from typing import Callable, TypeVar

import numpy as np
from spacy.attrs import IS_SPACE
from spacy.tokens import Doc

from ..model import Entity, Quote

# Per-doc facts shared between stages, kept in ``doc.user_data`` under these keys.  Plain
# values only (str, int, bool, lists, tuples), so that Doc.to_bytes and DocBin still work.
TEXT_KEY = "qg_text"  # str: the text the doc was made from (text_of, remember_text)
QUOTATIONS_KEY = "qg_quotes_found"  # the quotations' offsets, as tuples (quotemarks.quotes_of)
SENTENCES_KEY = "qg_sentence_bounds"  # list of (start, end) character bounds (sentence_bounds)

T = TypeVar("T")


def register() -> None:
    """Register quotegraph's Doc extensions once; safe to call many times."""
    if not Doc.has_extension("quotes"):
        # The result: a list of Quote dicts (see quotegraph.model.Quote.to_dict).
        Doc.set_extension("quotes", default=None)
    if not Doc.has_extension("qg_quotes"):
        # The same quotes as ``quotes``, as Quote objects: read from the dicts, so that a doc holds
        # plain values only (Doc.to_bytes and DocBin keep working on a finished doc).
        Doc.set_extension("qg_quotes", getter=lambda doc: [Quote.from_dict(q) for q in doc._.quotes or ()])
    if not Doc.has_extension("entities"):
        # The article's entities: a list of Entity dicts (see quotegraph.model.Entity.to_dict).
        Doc.set_extension("entities", default=None)
    if not Doc.has_extension("qg_entities"):
        # The same entities as Entity objects (read from the dicts, as above).
        Doc.set_extension("qg_entities", getter=lambda doc: [Entity.from_dict(e) for e in doc._.entities or ()])
    if not Doc.has_extension("qg_blockquotes"):
        # Character ranges the page set as block quotations (Article.blockquotes), set by the caller.
        Doc.set_extension("qg_blockquotes", default=())
    if not Doc.has_extension("qg_article_date"):
        # The article's own date ("YYYY-MM-DD" or shorter), set by the caller before the pipe.
        Doc.set_extension("qg_article_date", default=None)
    if not Doc.has_extension("qg_article_id"):
        Doc.set_extension("qg_article_id", default=None)


def cached(doc: Doc, key: str, compute: Callable[[], T]) -> T:
    """``doc.user_data[key]`` (one of the keys above), computed and kept on first use."""
    value = doc.user_data.get(key)
    if value is None:
        value = doc.user_data[key] = compute()
    return value


def remember_text(doc: Doc, text: str) -> None:
    """Give ``text_of`` the string the doc was made from (spaCy's tokenizer keeps it exactly)."""
    doc.user_data[TEXT_KEY] = text


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per doc: spaCy rebuilds the string on every access,
    and every stage needs it."""
    return cached(doc, TEXT_KEY, lambda: doc.text)


def line_breaks(doc: Doc) -> np.ndarray:
    """Per token: whether it is whitespace holding a line break (a paragraph or line end)."""
    breaks = np.zeros(len(doc), dtype=bool)
    for i in np.flatnonzero(doc.to_array(IS_SPACE)).tolist():
        breaks[i] = "\n" in doc[i].text
    return breaks


_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Jr|Sr|Prof|Rev|Inc|Co|Corp|Ltd|No|vs|[A-Z])\.$")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*")


def sentence_bounds(doc: Doc, text: str | None = None) -> list[tuple[int, int]]:
    """Sentence character bounds: the doc's own (when it has them) split further at clear full stops
    and at line breaks; computed once per doc (the entity and context stages both read them).

    Splitting the same way with and without a parser keeps results the same either way.
    """
    return cached(doc, SENTENCES_KEY, lambda: _sentence_bounds(doc, text))


def _sentence_bounds(doc: Doc, text: str | None) -> list[tuple[int, int]]:
    starts = {0}
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        starts.update(s.start_char for s in doc.sents)
    text = text_of(doc) if text is None else text  # cached per doc (text_of); callers may pass it in
    for m in _SENTENCE_END.finditer(text):
        if not _ABBREVIATION.search(text[max(0, m.start() - 6) : m.start()]):
            starts.add(m.end())
    ordered = sorted(starts) + [len(text)]
    return [(s, e) for s, e in zip(ordered, ordered[1:]) if e > s]
