"""Assemble role spans (Source, Cue, Content) into Attributions.

The span model only says which tokens are a source, a cue or a content; this
module decides which go together.  Rules, measured on PolNeAR dev with gold spans
as input (see bench/RESULTS-accuracy.md):

* each content takes the nearest cue, preferring one inside the sentences the
  content covers, else one in the sentence just before or after — but never a cue
  in another paragraph, unless the content opens its own paragraph (a quote-only
  paragraph carrying on the one before).  Without that, a finder that misses a
  paragraph's own cue ("Uber stepped in and tweeted this announcement: “…”") hands
  its quote to the last speaker of the paragraph before;
* contents that took the same cue form one attribution (a discontinuous content,
  as in “X,” he said, “Y”);
* each cue takes the nearest unused source in its own sentence; a cue left
  without one shares the nearest source before it in its sentence (“Trump
  mocked the plan, saying …”: PolNeAR gives both cues the same source);
* a content with no cue within a sentence of it is dropped (on dev this costs a
  little content recall and gains more relation precision).

Only sentence boundaries are needed, so it works with or without a dependency parse.
"""

from __future__ import annotations

import re
from typing import Sequence

import numpy as np
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

from ..lang.quotemarks import holds_double_mark, opens_quotation
from .attribution import Attribution
from .extensions import line_breaks, text_of

RoleSpan = tuple[str, int, int]  # (role, first token, end token)


def sentence_ids(doc: Doc) -> np.ndarray:
    """Sentence number of each token (paragraph breaks count as boundaries too)."""
    n = len(doc)
    starts = np.zeros(n, dtype=np.int64)
    if n == 0:
        return starts
    if doc.has_annotation("SENT_START"):
        starts = (doc.to_array("SENT_START") == 1).astype(np.int64)
    starts[1:] |= line_breaks(doc)[:-1]  # the token after a line break starts a sentence
    starts[0] = 0
    return np.cumsum(starts)


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Tokens between two ranges (0 when adjacent or overlapping)."""
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def paragraph_ids(text: str, starts: np.ndarray) -> np.ndarray:
    """Paragraph number of each token: the line breaks before it."""
    breaks = np.array([m.start() for m in re.finditer("\n", text)], dtype=np.int64)
    return np.searchsorted(breaks, starts)


def assemble_tokens(
    spans: Sequence[RoleSpan], sent: np.ndarray, max_sentences: int = 1, para: np.ndarray | None = None
) -> list[tuple[list[int], int | None, int | None]]:
    """Group spans into ``(content span indexes, cue index, source index)`` by the rules above.

    ``para`` (paragraph number per token) keeps contents to their own paragraph's cues."""
    contents = [i for i, s in enumerate(spans) if s[0] == "Content"]
    cues = [i for i, s in enumerate(spans) if s[0] == "Cue"]
    sources = [i for i, s in enumerate(spans) if s[0] == "Source"]

    sentence_of = [(int(sent[s[1]]), int(sent[s[2] - 1])) for s in spans]

    def opens_paragraph(token: int) -> bool:
        return para is not None and (token == 0 or para[token - 1] != para[token])

    sents = sentence_of.__getitem__  # first and last sentence of span i

    by_cue: dict[int | None, list[int]] = {}
    for c in contents:
        c_lo, c_hi = sents(c)
        best: tuple[int, int, int] | None = None
        for q in cues:
            q_lo, q_hi = sents(q)
            dist = max(0, q_lo - c_hi, c_lo - q_hi)
            if dist > max_sentences:
                continue
            if para is not None and para[spans[q][1]] != para[spans[c][1]] and not opens_paragraph(spans[c][1]):
                continue
            key = (dist, _gap(spans[c][1:], spans[q][1:]), q)
            if best is None or key < best:
                best = key
        by_cue.setdefault(best[2] if best else None, []).append(c)

    groups: list[tuple[list[int], int | None, int | None]] = []
    cue_source: dict[int, int] = {}
    pairs = sorted(
        (_gap(spans[q][1:], spans[s][1:]), q, s)
        for q in by_cue
        if q is not None
        for s in sources
        if sents(s)[0] <= sents(q)[1] and sents(q)[0] <= sents(s)[1]
    )
    used: set[int] = set()
    for _, q, s in pairs:
        if q not in cue_source and s not in used:
            cue_source[q] = s
            used.add(s)
    for _, q, s in pairs:  # a cue left without: share the nearest ("Trump mocked X, saying Y")
        if q not in cue_source and spans[s][2] <= spans[q][1]:
            cue_source[q] = s
    for q, cs in by_cue.items():
        if q is not None:  # a content with no cue near it is dropped: every PolNeAR attribution has a cue
            groups.append((cs, q, cue_source.get(q)))
    return groups


def quote_type(text: str, content: Sequence[tuple[int, int]]) -> str:
    """ "direct" when the content opens with a quote mark, "mixed" when it holds one, else "indirect"."""
    body = " ".join(text[s:e] for s, e in content)
    quoted = holds_double_mark(body)
    return "direct" if quoted and opens_quotation(body.lstrip()) else ("mixed" if quoted else "indirect")


def assemble_arrays(
    text: str, starts: np.ndarray, ends: np.ndarray, sent: np.ndarray, spans: Sequence[RoleSpan], origin: str = "model"
) -> list[Attribution]:
    """Attributions (character offsets) from role spans over tokens with the given char offsets."""
    spans = [s for s in spans if s[2] > s[1]]

    def chars(i: int) -> tuple[int, int]:
        return int(starts[spans[i][1]]), int(ends[spans[i][2] - 1])

    out = []
    for contents, cue, source in assemble_tokens(spans, sent, para=paragraph_ids(text, starts)):
        content = [chars(c) for c in sorted(contents, key=lambda c: spans[c][1])]
        out.append(
            Attribution(
                content=content,
                cue=[chars(cue)] if cue is not None else [],
                source=[chars(source)] if source is not None else [],
                type=quote_type(text, content),
                origin=origin,
            )
        )
    return out


def token_offsets(doc: Doc) -> tuple[np.ndarray, np.ndarray]:
    """Start and end character of every token."""
    starts = doc.to_array(IDX).astype(np.int64)
    ends = starts + doc.to_array(LENGTH).astype(np.int64)
    return starts, ends


def assemble(doc: Doc, spans: Sequence[RoleSpan], origin: str = "model") -> list[Attribution]:
    """Attributions (character offsets) from one doc's role spans."""
    starts, ends = token_offsets(doc)
    return assemble_arrays(text_of(doc), starts, ends, sentence_ids(doc), spans, origin)


__all__ = ["RoleSpan", "quote_type", "sentence_ids", "paragraph_ids", "token_offsets", "assemble_tokens", "assemble_arrays", "assemble"]
