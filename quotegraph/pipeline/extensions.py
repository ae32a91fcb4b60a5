"""The Doc extensions quotegraph registers (all namespaced, all plain values), and the
per-doc facts several stages read (the text, the line breaks), computed once."""

from __future__ import annotations

import numpy as np
from spacy.attrs import IS_SPACE
from spacy.tokens import Doc


def register() -> None:
    """Register quotegraph's Doc extensions once; safe to call many times."""
    if not Doc.has_extension("quotes"):
        # The result: a list of Quote dicts (see quotegraph.model.Quote.to_dict).
        Doc.set_extension("quotes", default=None)
    if not Doc.has_extension("qg_attributions"):
        # Working records between stages (quotegraph.pipeline.attribution.Attribution).
        Doc.set_extension("qg_attributions", default=None)
    if not Doc.has_extension("qg_quotes"):
        # The same quotes as ``quotes``, as Quote objects (quotegraph's own callers skip the dict round trip).
        Doc.set_extension("qg_quotes", default=None)
    if not Doc.has_extension("qg_article_date"):
        # The article's own date ("YYYY-MM-DD" or shorter), set by the caller before the pipe.
        Doc.set_extension("qg_article_date", default=None)
    if not Doc.has_extension("qg_article_id"):
        Doc.set_extension("qg_article_id", default=None)


def remember_text(doc: Doc, text: str) -> None:
    """Give ``text_of`` the string the doc was made from (spaCy's tokenizer keeps it exactly)."""
    doc.user_data["qg_text"] = text


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per doc: spaCy rebuilds the string on every access,
    and every stage needs it."""
    text = doc.user_data.get("qg_text")
    if text is None:
        text = doc.user_data["qg_text"] = doc.text
    return text


def line_breaks(doc: Doc) -> np.ndarray:
    """Per token: whether it is whitespace holding a line break (a paragraph or line end)."""
    breaks = np.zeros(len(doc), dtype=bool)
    for i in np.flatnonzero(doc.to_array(IS_SPACE)).tolist():
        breaks[i] = "\n" in doc[i].text
    return breaks
