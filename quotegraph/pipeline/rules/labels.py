"""Speaker labels without a verb: transcripts and headlines ("PENCE: Well, ...") and
quotations signed with a dash ("“...” ― Jane Doe")."""

from __future__ import annotations

from spacy.tokens import Doc

from ...lang.quotemarks import opening_mark_width
from ..attribution import Attribution, strip_span
from ..quoteshapes import dash_signature
from ..quotemarks import QuotedSpan

_NOT_SPEAKERS = frozenset(
    """
note update updated editor photo photos image video watch related read see source sources correction
disclosure warning caption credit credits listen subscribe advertisement transcript ps p.s. q a
""".split()
)


def labelled(
    doc: Doc, text: str, quotes: list[QuotedSpan], quote_of: list[int], taken: list[bool]
) -> list[Attribution]:
    """Speaker labels without a verb: "PENCE: Well, ..." (transcripts, headlines) and "“...” ― Name"."""
    out: list[Attribution] = []
    for start, end in _lines(text):
        label = _colon_label(doc, text, start, end)
        if label is not None:
            (ls, le), colon = label
            if not any(taken[t.i] for t in doc.char_span(colon, end, alignment_mode="expand") or ()):
                content_start = colon + 1
                while content_start < end and text[content_start].isspace():
                    content_start += 1
                if content_start < end:
                    out.append(
                        Attribution(
                            content=[(content_start, end)],
                            cue=[(colon, colon + 1)],
                            source=[(ls, le)],
                            type="direct",
                            confidence=0.6,
                            origin="rules",
                        )
                    )
                    continue
        for q in quotes:
            signed = dash_signature(doc, text, q, origin="rules") if start <= q.start and q.end < end else None
            if signed is not None:
                out.append(signed)
                break
    return out


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        s, e = strip_span(text, s, e)
        if e > s:
            spans.append((s, e))
    return spans


def _colon_label(doc: Doc, text: str, start: int, end: int) -> tuple[tuple[int, int], int] | None:
    """ "NAME: words" at a line start: the label's offsets and the colon's, when the label names someone."""
    s = start + opening_mark_width(text[start : start + 2])
    colon = text.find(":", s, min(end, s + 40))
    if colon < 0 or colon + 2 >= end or not text[colon + 1].isspace():
        return None
    label = text[s:colon]
    words = label.split()
    if not 1 <= len(words) <= 4 or not all(w[:1].isupper() for w in words if w.isalpha()):
        return None
    if any(w.lower().strip(" .’'s") in _NOT_SPEAKERS for w in (words[0], words[-1])):
        return None
    if any(ch.isdigit() for ch in label):
        return None  # times ("10:30"), dates
    span = doc.char_span(s, colon, alignment_mode="expand")
    if span is None or any(t.pos_ in ("VERB", "AUX", "ADP", "DET") for t in span):
        return None
    named = label.isupper() and len(label) > 1 or any(t.ent_type_ in ("PERSON", "ORG") for t in span)
    if not named and len(words) <= 3:
        # Headlines: "Lynch: No outside influence ...": a label the article names elsewhere.
        last = words[-1].lower()
        named = last in ("poll", "survey", "study", "report", "camp", "campaign") or any(
            e.label_ in ("PERSON", "ORG") and e.text.split()[-1].lower() == last for e in doc.ents
        )
    if not named:
        return None  # a headline ("The Ninth Circle: ..."), not someone speaking
    return (s, colon), colon
