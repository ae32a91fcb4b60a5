"""Context stage: the channel each quote was given to, when it was said, who the speaker is.

First :mod:`.profiles` gives each speaker the roles, relations and age the article
states, and resolves role-only sources ("Federline's attorney") to the named holder
of the role.  Then, for each attribution, the stage reads its *clause*: the
sentence(s) holding its cue (or source, or content when it has neither), cut where a
neighbouring attribution begins, with every quote's content masked out.  Channels
(:mod:`.channels`) and time expressions (:mod:`.dates`) count only there, so the
words of a quote never date or place it.  Then:

* a quote with no channel and no time of its own that continues the same speaker's
  statement, close by, inherits its channel and date ("he added" after "X told ET");
* an undated quote right after a dated one on the same occasion (same channel, or the
  same speaker days before the article) takes that date;
* a summary lede ("X's attorney says …") takes the channel and date its speaker is
  given later in the article;
* any other quote without a time expression gets the article date (basis "article"),
  unless its clause places it in an unknown past ("had said", "in a previous interview").

Works with or without a dependency parse: only text, sentences (the doc's, split
further at full stops), part-of-speech tags and entities are used.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc

from . import channels, dates, profiles
from .attribution import Attribution
from .extensions import text_of

MASK = "\x00"
_PRONOUN_SOURCE = re.compile(r"^(?:he|she|they|it|we|i)$", re.I)
_CHANNEL_OBJECT = re.compile(r"\b(?:[Ss]peaking|[Tt]alking|[Aa]ppearing|[Ww]riting)\s+(?:to|on|with|for)\s+(?:the\s+)?$")
_CLAUSE_BREAK = re.compile(r"[.;!?][\"”’)]?\s|,?\s+(?:and|but|while|whereas|as)\s")
_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Jr|Sr|Prof|Rev|Inc|Co|Corp|Ltd|No|vs|[A-Z])\.$")
_RELATIVE_CLAUSE = re.compile(r"\b(?:who|which|whose|whom)\b[^,;]*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*")


@dataclass
class _Placed:
    """What an attribution's own clause says, before inheritance."""

    channel_found: bool
    has_time: bool
    past: bool


def place(doc: Doc, attributions: list[Attribution]) -> None:
    """Fill ``channel``, ``date`` and ``date_basis`` on each attribution, and speaker details."""
    if not any(a.content for a in attributions):
        return
    text = text_of(doc)
    masked = mask_contents(text, attributions)
    # Speakers first: role-only sources resolved here decide who continues whom below.
    profiles.enrich(doc, attributions, masked, text)
    article_date = getattr(doc._, "qg_article_date", None) if Doc.has_extension("qg_article_date") else None
    bounds = sentence_bounds(doc, text)
    # Channels and time expressions are found once over the whole masked text, then
    # each attribution takes those inside its clause.
    all_channels = channels.find_channels(doc, masked)
    all_times = dates.find_time_expressions(masked, 0, len(masked), article_date)
    layout = _Layout(masked, bounds, attributions)
    # Text order; an attribution with no content says nothing and is left alone.
    order = sorted((i for i, a in enumerate(attributions) if a.content), key=lambda i: (attributions[i].anchor, attributions[i].start))
    placed: dict[int, _Placed] = {}
    for i in order:
        att = attributions[i]
        lo, hi = clause_window(att, layout)
        anchor = _cue_start(att)
        found = _within(all_channels, lo, hi)
        extra = content_windows(att, layout, (lo, hi))
        if not found:  # '"…," Price told the Gazette' when the cue was taken from the sentence before
            found = [f for w_lo, w_hi in extra for f in _within(all_channels, w_lo, w_hi)]
        att.channel = channels.choose(found, anchor)
        placed[i] = _date_from_clause(att, masked, lo, hi, anchor, article_date, all_times)
        for w_lo, w_hi in extra:
            if placed[i].has_time or placed[i].past:
                break
            placed[i] = _date_from_clause(att, masked, w_lo, w_hi, w_lo, article_date, all_times)
        placed[i].channel_found = att.channel is not None
    _inherit(attributions, order, placed, article_date, text)
    _lede(attributions, order, placed, text)


def _within(items: list, lo: int, hi: int) -> list:
    return [x for x in items if lo <= x.start and x.end <= hi]


def mask_contents(text: str, attributions: list[Attribution]) -> str:
    """The text with every quote's content (and its quote marks) blanked, offsets unchanged."""
    chars = list(text)
    for att in attributions:
        for s, e in att.content:
            if _CHANNEL_OBJECT.search(text[max(0, s - 40) : s]):
                continue  # "Speaking to Forbes": a finder took the channel for content; keep it visible
            s = s - 1 if s > 0 and text[s - 1] in "\"“‘'" else s
            e = e + 1 if e < len(text) and text[e] in "\"”’'" else e
            chars[s:e] = MASK * (e - s)
    return "".join(chars)


def sentence_bounds(doc: Doc, text: str | None = None) -> list[tuple[int, int]]:
    """Sentence character bounds: the doc's own (when it has them) split further at clear full stops.

    Splitting the same way with and without a parser keeps results the same either way.
    """
    starts = {0}
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        starts.update(s.start_char for s in doc.sents)
    text = text_of(doc) if text is None else text  # cached per doc (text_of); callers may pass it in
    for m in _SENTENCE_END.finditer(text):
        if not _ABBREVIATION.search(text[max(0, m.start() - 6) : m.start()]):
            starts.add(m.end())
    ordered = sorted(starts) + [len(text)]
    return [(s, e) for s, e in zip(ordered, ordered[1:]) if e > s]


def _cue_start(att: Attribution) -> int:
    spans = att.cue or att.source or att.content
    return min(s for s, _ in spans)


def _own_spans(att: Attribution) -> list[tuple[int, int]]:
    return list(att.cue) + list(att.source)


@dataclass(frozen=True)
class _Head:
    """Where another attribution speaks: the start of its cue/source, and where its spans end."""

    att: Attribution
    first: int
    ends: tuple[int, ...]


class _Layout:
    """Sentences and speaking attributions of one article, indexed once for every clause lookup."""

    def __init__(self, text: str, bounds: list[tuple[int, int]], attributions: list[Attribution]) -> None:
        self.text = text
        self.bounds = bounds or [(0, len(text))]
        self.starts = [s for s, _ in self.bounds]
        # Only attributions with a source of their own cut others' clauses: a cue with no
        # source ("posted", "published") is part of the clause it sits in.
        self.heads = [
            _Head(a, min(s for s, _ in _own_spans(a)), tuple(e for _, e in _own_spans(a) + list(a.content)))
            for a in attributions
            if a.source
        ]
        self.head_sentences = {self.sentence_of(h.first): [] for h in self.heads}
        for h in self.heads:
            self.head_sentences[self.sentence_of(h.first)].append(h.att)

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def sentences_over(self, start: int, end: int) -> range:
        return range(self.sentence_of(start), self.sentence_of(max(start, end - 1)) + 1)


def clause_window(att: Attribution, layout: _Layout) -> tuple[int, int]:
    """The characters that speak about ``att``: its sentences, cut at neighbouring attributions."""
    spans = _own_spans(att) or list(att.content)
    first, last = min(s for s, _ in spans), max(e for _, e in spans)
    over = layout.sentences_over(first, last)
    lo, hi = layout.bounds[over[0]][0], layout.bounds[over[-1]][1]
    for head in layout.heads:
        other = head.att
        if not lo <= head.first < hi or other is att or (att.cue and other.cue == att.cue) or other.source == att.source:
            continue
        if head.first > first:
            hi = min(hi, head.first)
        elif head.first < first:
            ends = [e for e in head.ends if e <= first]
            if ends:
                # Words right after another cue belong to it, up to a clause break.
                breaks = list(_CLAUSE_BREAK.finditer(layout.text, max(ends), first))
                lo = max(lo, breaks[-1].end() if breaks else max(ends))
    return lo, hi


def content_windows(att: Attribution, layout: _Layout, main: tuple[int, int]) -> list[tuple[int, int]]:
    """Sentences around the content outside the main clause that no other attribution speaks in."""
    windows = []
    for cs, ce in att.content:
        for i in layout.sentences_over(cs, ce):
            s, e = layout.bounds[i]
            if (e <= main[0] or s >= main[1]) and (s, e) not in windows:
                if not [a for a in layout.head_sentences.get(i, ()) if a is not att]:
                    windows.append((s, e))
    return windows


def _date_from_clause(att: Attribution, masked: str, lo: int, hi: int, anchor: int, article_date: str | None,
                      all_times: list[dates.TimeExpression]) -> _Placed:  # fmt: skip
    """Date the attribution from a time expression in its clause, nearest the cue first."""
    times = _within(all_times, lo, hi)
    main = [t for t in times if not _in_relative_clause(masked, lo, t)]
    # "Jayden, who was 15 at the time, told ET": a relative clause dates the saying only when nothing else does.
    dated = [t for t in main if t.kind != "past"] or [t for t in times if t.kind == "relative"]
    past = any(t.kind == "past" for t in times) or _pluperfect(masked, att)
    att.date, att.date_basis = None, None
    if dated:
        best = min(dated, key=lambda t: min(abs(t.start - anchor), abs(t.end - anchor)))
        if best.kind == "explicit":
            att.date = best.value
            att.date_basis = "explicit" if best.value else None
        else:
            base = _base_date(best, all_times)
            att.date = dates.resolve_relative(best, base)
            att.date_basis = "relative" if att.date else None
    return _Placed(channel_found=False, has_time=bool(dated), past=past)


def _in_relative_clause(masked: str, lo: int, t: dates.TimeExpression) -> bool:
    """ "Smith, who joined in 2010, said": the year dates the joining, not the saying."""
    return bool(_RELATIVE_CLAUSE.search(masked[lo : t.start]))


def _pluperfect(masked: str, att: Attribution) -> bool:
    if not att.cue:
        return False
    start = min(s for s, _ in att.cue)
    return bool(re.search(r"\bhad\s+(?:\w+ly\s+)?$", masked[max(0, start - 30) : start])) or masked[start:start + 4].lower() == "had "


def _base_date(expr: dates.TimeExpression, all_times: list[dates.TimeExpression]) -> str | None:
    """The date a relative expression counts from: the last dated expression before it."""
    earlier = [t for t in all_times if t.kind == "explicit" and t.value and t.end <= expr.start]
    return earlier[-1].value if earlier else None


_NEAR = 250  # characters of narrative between a statement and its continuation, at most


def _gap(prev: Attribution, cur: Attribution) -> int:
    """Characters between the end of ``prev`` and the start of ``cur``."""
    prev_end = max(e for s, e in prev.content + prev.cue + prev.source)
    cur_start = min(s for s, e in cur.content + cur.cue + cur.source)
    return cur_start - prev_end


def _same_speaker(prev: Attribution, cur: Attribution, prev_index: int, text: str) -> bool:
    """Whether ``cur`` carries on ``prev``'s statement: same speaker, close by."""
    if cur.continues is not None:
        return cur.continues is prev or cur.continues is prev.continues
    if _gap(prev, cur) > _NEAR:
        return False  # a paragraph of narrative between: a new statement
    if prev.speaker is not None and cur.speaker is not None:
        return prev.speaker.name == cur.speaker.name
    cur_source = " ".join(text[s:e] for s, e in cur.source).strip()
    if not cur_source:
        return not cur.cue  # a bare quote paragraph carries on the previous speaker
    if _PRONOUN_SOURCE.match(cur_source):
        return True
    prev_source = " ".join(text[s:e] for s, e in prev.source).strip()
    return bool(prev_source) and prev_source.split()[-1].lower() == cur_source.split()[-1].lower()


def _inherit(attributions: list[Attribution], order: list[int], placed: dict[int, _Placed], article_date: str | None,
             text: str) -> None:  # fmt: skip
    """Continuations take their statement's channel and date; the rest default to the article date."""
    article = dates.parse_date(article_date)
    prev_index: int | None = None
    for i in order:
        att, own = attributions[i], placed[i]
        prev = attributions[prev_index] if prev_index is not None else None
        continues = (
            prev is not None
            and not own.channel_found
            and not own.has_time
            and not own.past
            and _same_speaker(prev, att, prev_index, text)  # type: ignore[arg-type]
        )
        if continues and prev is not None:
            att.channel, att.date, att.date_basis = prev.channel, prev.date, prev.date_basis
        elif not own.has_time and not own.past and prev is not None and _same_occasion(prev, att, prev_index, text, article):
            att.date, att.date_basis = prev.date, prev.date_basis
        elif not own.has_time and not own.past and article is not None:
            att.date, att.date_basis = dates.format_date(*article), "article"
        prev_index = i


def _same_occasion(prev: Attribution, cur: Attribution, prev_index: int | None, text: str,
                   article: tuple[int, int | None, int | None] | None) -> bool:  # fmt: skip
    """An undated quote right after a dated one that was, most likely, said on the same occasion.

    Either both name the same channel ("Bloomberg first reported … on Tuesday. According to
    the outlet, …"), or the same speaker spoke in the days before the article and the quote
    names no other outlet ("Ortega defended the lanes on Wednesday … 'We are not going
    back,' Ortega said at a press conference").
    """
    if prev.date_basis not in ("explicit", "relative") or not prev.date:
        return False
    if cur.channel is not None and cur.channel == prev.channel:
        return True
    if cur.channel is not None and cur.channel.kind != "event":
        return False  # an interview with another outlet, a post, a letter: another occasion
    if prev_index is None or not _same_speaker(prev, cur, prev_index, text):
        return False
    said, published = dates.parse_date(prev.date), article
    if said is None or published is None or said[2] is None or published[2] is None:
        return False
    gap = date(*published) - date(*said)  # type: ignore[arg-type]
    return timedelta(0) <= gap <= timedelta(days=7)


_LEDE_CUE = re.compile(
    r"^(?:says|insists|claims|argues|believes|warns|admits|reveals|thinks|hopes|wants|denies|maintains|"
    r"explains|recalls|confirms|is\s+saying|are\s+saying)$",
    re.I,
)


def _lede(attributions: list[Attribution], order: list[int], placed: dict[int, _Placed], text: str) -> None:
    """A summary lede ("X's attorney says …") takes the channel and date its speaker is given later.

    News stories open by summing up a statement that the body then places ("… told the
    publication on Tuesday"); the lede's own sentence names neither.
    """
    end = text.find("\n\n")
    end = end if end > 0 else len(text)
    for n, i in enumerate(order):
        att = attributions[i]
        if att.anchor >= end:
            break
        cue = " ".join(text[s:e] for s, e in att.cue).strip()
        if att.channel is not None or placed[i].has_time or placed[i].past or not _LEDE_CUE.match(cue) or att.speaker is None:
            continue
        for j in order[n + 1 :]:
            later = attributions[j]
            if later.speaker is not None and later.speaker.name == att.speaker.name and later.channel is not None:
                att.channel = later.channel
                if later.date_basis in ("explicit", "relative"):
                    att.date, att.date_basis = later.date, later.date_basis
                break
