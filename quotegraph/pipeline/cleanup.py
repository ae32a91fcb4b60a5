"""Tidy a learned finder's attributions: token-level slips a tagger makes and rules don't.

The span model labels tokens one by one, so its spans sometimes stop a word short
("according to the" | "outlet"), trail a dangling preposition ("reported the layoffs
on" | "Tuesday"), or keep an attribution whose content is only a function word
("declined to" | "comment"). These fixes read only the tagger's part-of-speech
tags (no parse), so they run on the model finder's fast path.  The filters it shares
with the rules finder (:func:`.filters.statements_only`) run first.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from . import cues
from .attribution import Attribution
from .extensions import text_of
from .filters import (
    FINITE_TAGS,
    attach_continuations,
    overlaps,
    release_quotes_before_cue,
    statements_only,
    subtract_span,
    take_fronted_content,
    tokens_in,
)
from .quotemarks import QuotedSpan, quote_depth, quotes_of
from .quoteshapes import add_shaped_quotes
from .relations import quote_type

# Words a span may not end on: "the layoffs on", "she said that the", "X and".
_DANGLING = frozenset(("ADP", "DET", "CCONJ", "SCONJ", "PART"))
_NOMINAL = frozenset(("NOUN", "PROPN", "ADJ", "NUM"))
# Stop words that are a statement on their own: "he said so", "she confirmed it".
_SAYS_ENOUGH = frozenset(("so", "this", "that", "it", "yes", "no"))
# A source may not end on these: "Mayor Lena Hovland on" | "Wednesday defended" (a relative "that" may stay).
_DANGLING_AFTER_NAME = frozenset(("ADP", "CCONJ"))
_NAMES = frozenset(("PERSON", "ORG", "NORP", "GPE"))  # entities a source may start inside of
_LEADING = frozenset(":;,—–")  # punctuation a content may not start with
_PARENTHESIS = frozenset(",—–-(")  # what sets an attribution's frame off inside its content
# What is announced or launched under a name in quote marks is a product, not words said.
_LAUNCHES = frozenset(("announce", "unveil", "release", "launch", "introduce", "debut"))


def tidy(doc: Doc, attributions: list[Attribution]) -> list[Attribution]:
    """The attributions worth keeping, their edges repaired."""
    text = text_of(doc)
    attributions = statements_only(doc, text, attributions)
    quotes = [q for q in quotes_of(doc) if q.depth == 0]
    inside = quote_depth(text, quotes)
    _whole_quotations(text, attributions, quotes)
    release_quotes_before_cue(text, attributions, quotes)
    out = []
    for att in attributions:
        att.content = [span for span in (_trim_end(doc, *_trim_start(text, s, e), inside) for s, e in att.content) if span]
        cue_start = min((s for s, _ in att.cue), default=len(text))
        att.source = [_repair_source(doc, s, e, cue_start if cue_start >= e else len(text), inside) for s, e in att.source]
        if not att.content or not _says_something(doc, att):
            continue
        att.type = quote_type(text, att.content)
        if att.type == "direct" and _title_in_marks(doc, att):
            continue
        out.append(att)
    _fill_gaps(doc, text, out, inside)
    _complete_clause_ends(doc, text, out, inside)
    take_fronted_content(doc, text, out)
    out.sort(key=lambda a: a.start)
    add_shaped_quotes(doc, text, out, quotes)
    attach_continuations(doc, text, out, quotes)
    return out



def _whole_quotations(text: str, attributions: list[Attribution], quotes: list[QuotedSpan]) -> None:
    """A quotation that runs over several paragraphs belongs whole to the attribution holding
    its first paragraph: the tagger sometimes hands its last paragraph to the next speaker."""
    for q in quotes:
        if len(q.fragments) < 2:
            continue
        first_s, first_e = q.fragments[0]
        owner = next((a for a in attributions if overlaps(a.content, first_s, first_e)), None)
        if owner is None:
            continue
        for fs, fe in q.fragments[1:]:
            for att in attributions:
                if att is not owner and overlaps(att.content, fs, fe):
                    att.content = subtract_span(text, att.content, fs, fe)
            if not overlaps(owner.content, fs, fe):
                owner.content = sorted(owner.content + [(fs, fe)])


def _trim_start(text: str, start: int, end: int) -> tuple[int, int]:
    """Content never opens on the punctuation that introduces it: "recalled" | ": “Q”"."""
    while start < end and (text[start] in _LEADING or text[start].isspace()):
        start += 1
    return start, end


def _trim_end(
    doc: Doc, start: int, end: int, inside: bytearray, dangling: frozenset[str] = _DANGLING
) -> tuple[int, int] | None:
    """Drop dangling function words from the end of a span, unless they sit inside quote marks."""
    tokens = tokens_in(doc, start, end)
    while tokens and tokens[-1].idx < end and not inside[tokens[-1].idx] and (
        tokens[-1].pos_ in dangling and tokens[-1].lower_ not in ("so", "not")
    ):
        tokens.pop()
    if not tokens:
        return None
    new_end = min(end, tokens[-1].idx + len(tokens[-1].text))
    return (start, new_end) if new_end > start else None


def _repair_source(doc: Doc, start: int, end: int, limit: int, inside: bytearray) -> tuple[int, int]:
    """A source's edges: back to the start of its name or of the thing it is the agent of, on to
    its head noun (never past ``limit``), and without a dangling word at its end — or as it was,
    if nothing but dangling words would be left."""
    grown = _complete_noun(doc, *_agent_of(doc, *_whole_name(doc, start, end)), limit)
    return _trim_end(doc, *grown, inside, _DANGLING_AFTER_NAME) or (start, end)


def _whole_name(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A source that starts inside a name starts where the name does: "Barack" + "Obama and
    Benjamin Netanyahu" — half a name resolves to the wrong person, or to one of a group."""
    tokens = tokens_in(doc, start, end)
    if not tokens or tokens[0].ent_iob_ != "I" or tokens[0].ent_type_ not in _NAMES or tokens[0].idx < start:
        return (start, end)
    i = tokens[0].i
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    if any(t.is_punct and t.text not in ".'’" for t in doc[i : tokens[0].i]):
        return (start, end)  # "Aug. 9, 2024 — Dockworkers": the recogniser ran a dateline into the source
    return (doc[i].idx, end)


def _agent_of(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A source that is the agent of a participle opening its sentence is the thing it made:
    "A new report released on Monday by" + "Stanford's Center" + "calls …" — the report speaks."""
    tokens = tokens_in(doc, start, end)
    if not tokens or tokens[0].i < 2 or doc[tokens[0].i - 1].lower_ != "by":
        return (start, end)
    before = list(doc[tokens[0].sent.start : tokens[0].i - 1])
    if (
        len(before) >= 2
        and before[0].pos_ in ("DET", "ADJ", "NOUN", "PROPN")
        and any(t.tag_ == "VBN" for t in before)
        and not any(t.tag_ in FINITE_TAGS or t.is_punct for t in before)
    ):
        return (before[0].idx, end)
    return (start, end)


def _complete_noun(doc: Doc, start: int, end: int, limit: int) -> tuple[int, int]:
    """A source that stops short of its head noun runs on to it: "the" + "outlet",
    "the transit" + "authority" (never past ``limit``, where its cue starts: "the attorney" | "posts")."""
    tokens = tokens_in(doc, start, end)
    if not tokens or tokens[-1].pos_ not in ("DET", "ADJ", "NOUN"):
        return (start, end)
    follow = _NOMINAL if tokens[-1].pos_ != "NOUN" else ("NOUN",)
    i = tokens[-1].i + 1
    while i < len(doc) and doc[i].pos_ in follow and not doc[i].is_sent_start and doc[i].idx < limit:
        end = doc[i].idx + len(doc[i].text)
        i += 1
    return (start, end)


_MAX_GAP = 5  # tokens a tagger may skip inside a reported clause


def _fill_gaps(doc: Doc, text: str, attributions: list[Attribution], inside: bytearray) -> None:
    """Reported speech the tagger broke in two for a few words in the middle is one clause:
    "the dress" | was taken out of | "Lupita's room" — unless the words between hold a cue,
    a source, punctuation, a quote mark or a line break (then the break is real: "X, he said, Y")."""
    taken = [(s, e) for a in attributions for s, e in a.cue + a.source]
    for att in attributions:
        if att.type != "indirect" or len(att.content) < 2:
            continue
        joined = [att.content[0]]
        for s, e in att.content[1:]:
            ps, pe = joined[-1]
            if not text[pe:s].strip() and "\n" not in text[pe:s]:
                joined[-1] = (ps, e)  # "Lupita told" | "cops it was taken …": one stretch of words
                continue
            gap = tokens_in(doc, pe, s) if s > pe else []
            gap = [t for t in gap if t.idx >= pe and t.idx < s]
            if (
                gap and len(gap) <= _MAX_GAP and not any(t.is_punct or t.is_quote or t.is_space or inside[t.idx] for t in gap)
                and not any(a < s and pe < b for a, b in taken)
            ):
                joined[-1] = (ps, e)
            else:
                joined.append((s, e))
        att.content = joined


_CLAUSE_STOP = frozenset(("PUNCT", "CCONJ", "SPACE"))
_MAX_SHORT = 2  # words a reported clause may stop short of its end


def _complete_clause_ends(doc: Doc, text: str, attributions: list[Attribution], inside: bytearray) -> None:
    """Reported speech that stops a word or two short of its clause runs on to it: "it has no plans
    to do" | "this, but …", "the ideal color for a standard light" | "bulb and insisted …" — when
    what is left before the next comma, full stop or "and" is a noun or pronoun or two, outside
    quote marks, and no other attribution's span starts there."""
    taken = sorted(s for a in attributions for s, _ in a.content + a.cue + a.source)
    for att in attributions:
        if att.type != "indirect" or not att.content:
            continue
        s, e = att.content[-1]
        tokens = tokens_in(doc, s, e)
        if not tokens or tokens[-1].pos_ in _CLAUSE_STOP:
            continue
        i = tokens[-1].i + 1
        run = []
        while i < len(doc) and doc[i].pos_ not in _CLAUSE_STOP and not doc[i].is_quote and len(run) <= _MAX_SHORT:
            run.append(doc[i])
            i += 1
        if not run or len(run) > _MAX_SHORT:
            continue
        pronoun = len(run) == 1 and run[0].lower_ in ("this", "that", "these", "those")  # tagged DET
        if run[0].pos_ not in ("NOUN", "PROPN", "PRON", "NUM") and not pronoun or any(inside[t.idx] for t in run):
            continue
        new_end = run[-1].idx + len(run[-1].text)
        if any(e <= p < new_end for p in taken):
            continue
        att.content[-1] = (s, new_end)


def _says_something(doc: Doc, att: Attribution) -> bool:
    """Content that is only function words ("to", "the") is a tagging slip, not a statement."""
    return any(
        t.is_alpha and not t.is_stop or t.like_num or t.lower_ in _SAYS_ENOUGH
        for s, e in att.content
        for t in tokens_in(doc, s, e)
    )


def _title_in_marks(doc: Doc, att: Attribution) -> bool:
    """apologizing for "Harbor Lights.", the film "Jaws": a short capitalised name in quote
    marks that is the object of a preposition or determiner, or follows no speech cue."""
    words = [t for s, e in att.content for t in tokens_in(doc, s, e) if t.is_alpha]
    if not words or len(words) > 4 or not all(t.text[0].isupper() for t in words):
        return False
    before = words[0].i - 1
    while before >= 0 and doc[before].is_quote:
        before -= 1
    if before >= 0 and doc[before].pos_ in ("ADP", "DET") or before >= 0 and doc[before].tag_ == "POS":
        return True
    cue_tokens = [t for s, e in att.cue for t in tokens_in(doc, s, e)]
    if any(t.lemma_ in _LAUNCHES for t in cue_tokens) and not any(t.pos_ in ("VERB", "AUX") for t in words):
        return True  # announcing "Super Mario Run": a product
    after, comma = words[-1].i + 1, False
    while after < len(doc) and (doc[after].is_quote or doc[after].text == ","):
        comma = comma or doc[after].text == ","
        after += 1
    if comma and after < len(doc) and doc[after].lower_ in ("the", "a", "an"):
        return True  # "Super Mario Run," the company's first mobile game: a name and its apposition
    return not any(cues.is_cue_verb(t.lemma_) or cues.is_cue_noun(t.lemma_) for t in cue_tokens)


def keep_cue_group(doc: Doc, attributions: list[Attribution]) -> list[Attribution]:
    """Cut a content that narration splits in pieces down to the piece nearest its cue.

    A tagger sometimes hands one cue several stretches of content with the writer's own words
    between them ("…, says that the military is “depleted” and says he will expand …", "… called
    Trump a liar. Donald …").  Gold annotation almost never joins such pieces (PolNeAR train:
    320 of 19,800 contents) unless each piece is a quotation — "“Q1,” she said, clapping. “Q2.”"
    is one statement — so where some piece holds no quote mark, only the piece nearest the cue
    is kept: a clause short is better than another statement given to this speaker — and a
    quoted piece beside it is no statement of its own either (a show's title, "as if to say
    “markets in everything”"; bench/RESULTS.md, 0j).  What lies between pieces counts as
    narration when it holds a word outside the cue and the source, unless it is the
    attribution's own frame set off by commas or dashes.  Measured in bench/RESULTS.md (section 0f).
    """
    text = text_of(doc)
    quotes = [(q.start, q.end) for q in quotes_of(doc)]
    out = []
    for att in attributions:
        groups = _content_groups(text, att)
        if len(groups) < 2 or all(_holds_quote(g, quotes) for g in groups):
            out.append(att)
            continue
        cue_start = att.anchor
        cue_end = max((e for _, e in att.cue), default=cue_start)
        nearest = min(groups, key=lambda g: max(g[0][0] - cue_end, cue_start - g[-1][1]))
        out.append(replace(att, content=list(nearest), type=quote_type(text, nearest)))
    return out


def _holds_quote(spans: list[tuple[int, int]], quotes: list[tuple[int, int]]) -> bool:
    return any(overlaps(spans, start, end) for start, end in quotes)


def _content_groups(text: str, att: Attribution) -> list[list[tuple[int, int]]]:
    """The content's spans in order, joined where no narration lies between (:func:`_is_narration`)."""
    spans = sorted(att.content)
    groups = [spans[:1]]
    for span in spans[1:]:
        if _is_narration(text, groups[-1][-1][1], span[0], att):
            groups.append([span])
        else:
            groups[-1].append(span)
    return groups


def _is_narration(text: str, start: int, end: int, att: Attribution) -> bool:
    """Whether the writer's own words lie between two of ``att``'s content spans.

    The attribution's own frame set off by commas or dashes ("The plan, the mayor said on
    Friday, will cost less") is not narration, whatever else it holds; otherwise any word
    outside the cue and the source is.
    """
    gap = text[start:end].strip()
    holds_cue = any(start <= s and e <= end for s, e in att.cue)
    if holds_cue and gap[:1] in _PARENTHESIS and gap[-1:] in _PARENTHESIS:
        return False
    frame = att.cue + att.source
    return any(text[i].isalnum() and not any(s <= i < e for s, e in frame) for i in range(start, end))


__all__ = ["tidy", "keep_cue_group"]
