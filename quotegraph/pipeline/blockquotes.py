"""Block quotations: a passage the page set apart (HTML ``<blockquote>``) after its source's words.

"… Askar wrote in a blog post:" followed by three paragraphs set as a block quotation, or
"Zuckerberg testified:" and his statement: the passage is that source's direct quote
even without quote marks.  Each of its paragraphs becomes one quote that continues the
attribution introducing it — the last one in the paragraph (or two) right before the
passage.  A block quotation with no attribution before it stays unattributed: what the
page quotes is not guessed.  Works on any finder's output.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .attribution import Attribution, strip_span
from .extensions import text_of

# A paragraph of prose, not a line of code or a caption: a few words, mostly letters.
_MIN_WORDS = 4
_PARAGRAPH = re.compile(r"[^\n]+")


def blockquote_ranges(doc: Doc) -> tuple[tuple[int, int], ...]:
    return tuple(getattr(doc._, "qg_blockquotes", ()) or ()) if Doc.has_extension("qg_blockquotes") else ()


def add_blockquotes(doc: Doc, attributions: list[Attribution]) -> None:
    """Append one continued direct quote per prose paragraph of each block quotation."""
    ranges = blockquote_ranges(doc)
    if not ranges:
        return
    text = text_of(doc)
    for lo, hi in ranges:
        if _signed_post(text, lo, hi, attributions):
            continue
        head = _introducer(text, lo, attributions)
        if head is None:
            continue
        while head.continues is not None:
            head = head.continues
        # Inside the passage, "I chose …" is the quoted speaker's own narration, not a new attribution;
        # only someone the passage names may be quoted within it.
        attributions[:] = [a for a in attributions if not (_inside(a, lo, hi) and not _named_source(text, a))]
        # "… wrote in a blog post:" whose content a finder took from the passage's first words:
        # the passage is its content, paragraph by paragraph.
        head.content = [(s, e) for s, e in head.content if not (lo <= s and e <= hi)]
        taken = [(s, e) for a in attributions for s, e in a.content]
        for m in _PARAGRAPH.finditer(text, lo, hi):
            s, e = strip_span(text, m.start(), m.end())
            if e <= s or not _prose(text[s:e]) or any(s < te and ts < e for ts, te in taken):
                continue
            if not head.content:
                head.content, head.type = [(s, e)], "direct"
                continue
            follower = Attribution(content=[(s, e)], type="direct", confidence=0.6, origin="blockquote")
            follower.continues = head
            attributions.append(follower)
        if not head.content:
            attributions.remove(head)
    attributions.sort(key=lambda a: a.start)


# An embedded post signs itself: "— Lindsey Graham (@LindseyGrahamSC) March 3, 2015".
_SIGNATURE = re.compile(
    r"(?:^|\n|\s)[—–-]{1,2}\s*(?P<name>[^()\n—–]{2,60}?)\s*(?P<handle>\(@\w{1,30}\))"
    r"(?:\s+(?P<date>[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4}))?\s*$"
)


def _signed_post(text: str, lo: int, hi: int, attributions: list[Attribution]) -> bool:
    """A block quotation that is an embedded post signed by its author becomes the author's quote
    (whoever the text quoted before it): content before the signature, the name its source."""
    m = _SIGNATURE.search(text, lo, hi)
    if m is None:
        return False
    content = strip_span(text, lo, m.start())
    if content[1] - content[0] < 2:
        return False
    attributions[:] = [a for a in attributions if not (lo <= a.start and a.end <= hi)]
    attributions.append(
        Attribution(
            content=[content],
            cue=[(m.start("handle"), m.end("handle"))],
            source=[strip_span(text, m.start("name"), m.end("name"))],
            type="direct",
            confidence=0.8,
            origin="blockquote",
        )
    )
    return True


def _introducer(text: str, start: int, attributions: list[Attribution]) -> Attribution | None:
    """The attribution that introduces a passage at ``start``: the last one with a source in
    the two paragraphs before it, with nothing but those paragraphs between."""
    window = text.rfind("\n", 0, max(0, text.rfind("\n", 0, start - 1)))  # two paragraph breaks back
    window = max(0, window)
    before = [a for a in attributions if a.source and window <= a.anchor < start]
    return max(before, key=lambda a: a.anchor) if before else None


def _inside(att: Attribution, lo: int, hi: int) -> bool:
    """Whether the attribution's cue and source (or its content, without them) lie in the passage."""
    spans = att.cue + att.source or att.content
    return all(lo <= s and e <= hi for s, e in spans) and any(s < hi and lo < e for s, e in att.content)


def _named_source(text: str, att: Attribution) -> bool:
    source = " ".join(text[s:e] for s, e in att.source).strip()
    return any(w[:1].isupper() for w in source.split()) and source.lower() not in ("i", "we", "it", "he", "she", "they")


def _prose(paragraph: str) -> bool:
    words = paragraph.split()
    letters = sum(ch.isalpha() for ch in paragraph)
    return len(words) >= _MIN_WORDS and letters >= 0.6 * len(paragraph.replace(" ", "")) and any(ch.islower() for ch in paragraph)


__all__ = ["add_blockquotes", "blockquote_ranges"]
