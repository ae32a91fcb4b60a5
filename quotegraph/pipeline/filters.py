"""Filters every finder's attributions pass through: the rules' and the learned model's.

They read only offsets, cue tokens and (when the doc has one) the parse, so any
finder's output can go through them:

* :func:`statements_only` drops what is not a statement ("declined to comment") and
  keeps content out of the dateline;
* :func:`attach_continuations` gives a cue-less quotation to the speaker of the quote
  just before it;
* :func:`take_fronted_content` gives a report set inside its content ("The museum,
  Mr. Obama said, would …") the words before it.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..lang.dateline import dateline_end
from ..lang.quotemarks import QUOTE_MARKS
from . import cues
from .attribution import Attribution, strip_span
from .quotemarks import QuotedSpan

_MIN_SENTENCE_WORDS = 4  # a cue-less quote shorter than this is a title or a scare quote


# "declined to comment", "did not respond to a request for comment": the absence of a statement.
_NO_COMMENT = re.compile(
    r"(?:(?:not\s+)?to\s+(?:comment|discuss|elaborate|speak|respond|say|answer)\b"
    r"|(?:(?:an?|any|the|our|its|their|his|her|several|repeated|multiple)\s+)?(?:\w+\s+)?"
    r"(?:requests?|inquir(?:y|ies)|messages?|calls?|e-?mails?|questions?)\s+(?:for|seeking)\s+comment)",
    re.IGNORECASE,
)
_REFUSALS = frozenset("decline refuse".split())
# "was not authorized to discuss ...": permission words whose complement is no statement.
_PERMISSIONS = frozenset("authorize authorise allow permit refuse decline fail".split())


def statements_only(doc: Doc, text: str, attributions: list[Attribution]) -> list[Attribution]:
    """Drop what is not a statement and keep content out of the dateline.

    Not statements: "declined to comment", "did not respond to a request for
    comment", "was not authorized to discuss ...", and a reporting verb inside
    another attribution's source whose object is a thing, not words ("said
    Councilwoman Priya Raman, who wrote the final version of the deal, ...").
    A dateline ("LOS ANGELES (AP) — June 26, 2024 —") is never content or source.
    Reads only offsets, cue tokens and (when present) the parse, so another finder's
    output can pass through it too.
    """
    top = dateline_end(text)
    out: list[Attribution] = []
    for att in attributions:
        if top:
            att.content = _clip(text, att.content, top)
            att.source = _clip(text, att.source, top)
            if not att.content or any(s < top for s, _ in att.cue):
                continue
        if att.type == "indirect":
            att.content = _one_paragraph(text, att)
        if att.type == "indirect" and _no_statement(doc, text, att, attributions):
            continue
        if att.type == "direct" and not att.source and all(_title_like(text, s, e) for s, e in att.content):
            continue  # apologizing for "Harbor Lights.": a title in quote marks, and nobody speaking
        out.append(att)
    return out


def _one_paragraph(text: str, att: Attribution) -> list[tuple[int, int]]:
    """Indirect content stays in its cue's paragraph: a clause before "..., the festival announced"
    never reaches back over a line break into a headline."""
    cue_at = att.anchor
    out = []
    for s, e in att.content:
        if "\n" not in text[s:e]:
            out.append((s, e))
            continue
        para_start = text.rfind("\n", 0, cue_at) + 1
        para_end = text.find("\n", cue_at)
        para_end = len(text) if para_end < 0 else para_end
        if s < para_end and para_start < e:  # the part in the cue's own paragraph
            s, e = max(s, para_start), min(e, para_end)
        elif e <= cue_at:
            s = text.rindex("\n", s, e) + 1
        else:
            e = text.index("\n", s, e)
        s, e = strip_span(text, s, e)
        if e > s:
            out.append((s, e))
    return out or att.content


def _title_like(text: str, start: int, end: int) -> bool:
    """A quoted stretch too short to be said words: a title, a nickname or a scare-quoted term."""
    return len(text[start:end].strip(QUOTE_MARKS + " .,").split()) < _MIN_SENTENCE_WORDS


def _clip(text: str, spans: list[tuple[int, int]], top: int) -> list[tuple[int, int]]:
    """Spans cut to start at ``top``, spaces and dashes stripped; the ones wholly before it dropped."""
    out = []
    for s, e in spans:
        s = max(s, top)
        while s < e and (text[s].isspace() or text[s] in "—–-:,"):
            s += 1
        if e > s:
            out.append((s, e))
    return out


def _no_statement(doc: Doc, text: str, att: Attribution, attributions: list[Attribution]) -> bool:
    content = " ".join(text[s:e] for s, e in att.content).strip()
    cue = doc.char_span(att.cue[0][0], att.cue[-1][1], alignment_mode="expand") if att.cue else None
    verbs = [t for t in cue or () if t.pos_ in ("VERB", "AUX")]
    verb = verbs[-1] if verbs else None
    # Without a parse (the learned finder's docs) Token.children/.head/.dep_ mean nothing: don't read them.
    parsed = doc.has_annotation("DEP")
    if _NO_COMMENT.fullmatch(content) or _NO_COMMENT.match(content) and verb is not None and (
        cues.normalize(verb.lemma_) in _REFUSALS or _negated(doc, verb, parsed)
    ):
        return True
    if parsed and verb is not None and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _PERMISSIONS:
        return True
    if parsed and att.cue and any(
        other is not att and any(s <= att.cue[0][0] < e for s, e in other.source) for other in attributions
    ):
        span = doc.char_span(att.content[0][0], att.content[-1][1], alignment_mode="expand")
        if span is not None and span.root.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            return True  # a description of the speaker, not something said
    return False


def _negated(doc: Doc, verb: Token, parsed: bool) -> bool:
    """ "did not respond": by the parse when there is one, else a negation just before the verb."""
    if parsed:
        return any(c.dep_ == "neg" for c in verb.children)
    return any(t.lower_ in ("not", "n't", "never") for t in doc[max(0, verb.i - 2) : verb.i])


def subtract_span(text: str, spans: list[tuple[int, int]], cut_start: int, cut_end: int) -> list[tuple[int, int]]:
    """``spans`` without the stretch [cut_start, cut_end), surrounding spaces stripped."""
    out = []
    for s, e in spans:
        for a, b in ((s, min(e, cut_start)), (max(s, cut_end), e)) if s < cut_end and cut_start < e else ((s, e),):
            a, b = strip_span(text, a, b)
            if b > a:
                out.append((a, b))
    return out


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether any of ``spans`` shares a character with [start, end)."""
    return any(s < end and start < e for s, e in spans)


def release_quotes_before_cue(text: str, attributions: list[Attribution], quotes: list[QuotedSpan]) -> None:
    """A quotation in a paragraph before its cue's paragraph is not that cue's content
    (unless it is the start of a quotation that runs into the cue's paragraph): it is
    released, and may carry on the previous speaker (:func:`attach_continuations`)."""
    for att in attributions:
        if not att.cue:
            continue
        paragraph_start = text.rfind("\n", 0, att.anchor) + 1
        for q in quotes:
            if q.end <= paragraph_start and overlaps(att.content, q.start, q.end):
                att.content = subtract_span(text, att.content, q.start, q.end)


def attach_continuations(doc: Doc, text: str, attributions: list[Attribution], quotes: list[QuotedSpan]) -> None:
    """Cue-less quotations that carry on the speaker of the quote just before them.

    ``"X," he said. "Y."`` and a quote-only paragraph after a speaker's quote: the
    quotation follows an attributed quote with nothing but punctuation between.
    """
    covered = [extent(a) for a in attributions]
    chain: list[Attribution] = list(attributions)
    for q in quotes:
        if any(s <= q.start < e or s < q.end <= e for s, e in covered):
            continue
        if not sentence_like(text, q):
            continue
        before = [a for a in chain if extent(a)[1] <= q.start]
        if not before:
            continue
        prev = max(before, key=lambda a: extent(a)[1])
        if prev.type not in ("direct", "mixed"):
            continue
        prev_end = gap_start = extent(prev)[1]
        sent = doc.char_span(gap_start - 1, gap_start, alignment_mode="expand")
        if sent is not None and sent.sent.end_char <= q.start:
            gap_start = max(gap_start, sent.sent.end_char)  # the rest of the cue's sentence ("she said in a post.")
        gap = _outside_quotes(text, gap_start, q.start, quotes)
        if any(c.isalnum() for c in gap):
            continue
        head = prev if prev.continues is None else prev.continues
        if "\n" not in text[prev_end : q.start]:
            # Same paragraph: PolNeAR joins it to the quote before as one more fragment.
            prev.content = sorted(prev.content + list(q.fragments))
            continue
        follower = Attribution(content=list(q.fragments), type="direct", confidence=0.7, origin="rules")
        follower.continues = head
        chain.append(follower)
    followers = chain[len(attributions) :]
    if not followers:
        return
    attributions.extend(followers)
    attributions.sort(key=lambda a: a.start)


def tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens covering characters ``start``–``end`` (partly covered ones included)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


FINITE_TAGS = frozenset(("VBD", "VBZ", "VBP", "MD"))  # a verb that needs a subject: a clause of its own


def take_fronted_content(doc: Doc, text: str, attributions: list[Attribution]) -> None:
    """A report set inside what it reports — "The museum, Mr. Obama said, would make visitors …" —
    has the words before it in its content: the subject the rest lacks (the rest opens on a verb)
    or a whole clause ("He has come up with a model, he said, for how …").  A fronted adverb or
    time ("Still, he said, …", "Six months ago, she said, …") frames the report and stays out,
    as does a conjunction opening the sentence.  Only when the source sits between commas,
    before its cue, and the content goes on right after the cue's comma, outside quote marks;
    a content that already holds part of those words ("The latest" | "test") gets all of them."""
    if not doc.has_annotation("SENT_START"):
        return  # no sentences to read the words before from
    for att in attributions:
        if not (att.source and att.cue and att.content):
            continue
        src_start, src_end = min(s for s, _ in att.source), max(e for _, e in att.source)
        cue_start, cue_end = min(s for s, _ in att.cue), max(e for _, e in att.cue)
        rest = [(s, e) for s, e in att.content if s >= cue_end]
        if not src_end <= cue_start or not rest or text[cue_end:rest[0][0]].strip() != ",":
            continue
        before = text[:src_start].rstrip(" ")
        opening = tokens_in(doc, *rest[0])
        if not before.endswith(",") or not opening or opening[0].is_quote:
            continue
        comma = len(before) - 1
        front = _front(doc, opening[0].sent.start_char, comma)
        if not front:
            continue
        start = front[0].idx
        held = [(s, e) for s, e in att.content if s < cue_end]
        if any(s < start or e > comma for s, e in held):
            continue  # content before the report reaching outside those words: leave it
        others = [(s, e) for a in attributions if a is not att for s, e in a.content + a.cue + a.source]
        if any(s < comma and start < e for s, e in others):
            continue
        verb = next((t for t in opening[:3] if t.pos_ != "ADV"), opening[0])  # "would", "also would"
        if verb.tag_ in FINITE_TAGS or any(t.tag_ in FINITE_TAGS for t in front):
            att.content = [(start, comma)] + rest


def _front(doc: Doc, sent_start: int, comma: int) -> list[Token]:
    """The words of the sentence before ``comma``, less a conjunction opening it.  A tagger's
    sentence may start too early ("… don't see."  Climate change, …): the words begin after the
    last full stop, quote mark or line break, and must open on a capital there."""
    front = [t for t in tokens_in(doc, sent_start, comma) if t.idx < comma]
    ends = [i for i, t in enumerate(front) if t.is_quote or t.is_space or t.text in (".", "?", "!")]
    if ends:
        front = front[ends[-1] + 1:]
        if not front or not front[0].is_title:
            return []
    while front and front[0].pos_ == "CCONJ":
        front.pop(0)
    return front


def extent(att: Attribution) -> tuple[int, int]:
    """Where an attribution starts and ends in the text, its content, cue and source together."""
    spans = [*att.content, *att.cue, *att.source]
    return min(s for s, _ in spans), max(e for _, e in spans)


def _outside_quotes(text: str, start: int, end: int, quotes: list[QuotedSpan]) -> str:
    chars = list(text[start:end])
    for q in quotes:
        for s, e in q.fragments:
            for i in range(max(s, start), min(e, end)):
                chars[i - start] = " "
    return "".join(chars)


def sentence_like(text: str, q: QuotedSpan) -> bool:
    """A quotation that reads as said words, not a title or a scare-quoted term."""
    inner = q.inner(text)
    words = inner.split()
    if len(words) < _MIN_SENTENCE_WORDS:
        return False
    return inner[:1].isupper() or inner[:1] in "…." or text[q.end - 2 : q.end - 1] in ".?!,"


__all__ = ["statements_only", "take_fronted_content", "attach_continuations", "release_quotes_before_cue", "subtract_span", "overlaps", "sentence_like", "extent", "tokens_in", "FINITE_TAGS"]
