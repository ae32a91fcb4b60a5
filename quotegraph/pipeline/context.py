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
* a statement reported again ("his vow on Monday that …", later "his pledge that …")
  takes the date it was first given;
* any other quote without a time expression gets the article date (basis "article"),
  unless its clause places it in an unknown past ("had said", "in a previous interview").

Works with or without a dependency parse: only text, sentences (the doc's, split
further at full stops), part-of-speech tags and entities are used.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from ..lang.quotemarks import DOUBLE, QUOTE_MARKS
from ..model import Channel
from . import channels, cues, dates
from .attribution import Attribution
from .extensions import sentence_bounds, text_of

MASK = "\x00"
_PRONOUN_SOURCE = re.compile(r"^(?:he|she|they|it|we|i)$", re.I)
_CHANNEL_OBJECT = re.compile(r"\b(?:[Ss]peaking|[Tt]alking|[Aa]ppearing|[Ww]riting)\s+(?:to|on|with|for)\s+(?:the\s+)?$")
_CHANNEL_AFTER_CUE = re.compile(
    r"\b(?:wrote|said|says|posted|stated|explained|announced|added|argued|revealed|claimed|writes|testified)\s+(?:in|on)\s+"
    r"(?:a|an|the|his|her|their|its)\s"
)
_WORD_NO_MARK = rf"[^\s{re.escape(DOUBLE)},;:.]+"
_ADDRESSEE = re.compile(rf"(?:the\s+)?{_WORD_NO_MARK}(?:\s+{_WORD_NO_MARK}){{0,6}}?\s+(?=that\s)")
_TO_WHOM = re.compile(r"\b(?:to|told|tells|telling|promised|promises|assured|assures|informed|informs|warned|warns|notified|reminded)\s*$")
_CLAUSE_BREAK = re.compile(r"[.;!?][\"”’)]?\s|,?\s+(?:and|but|while|whereas|as)\s")
_RELATIVE_CLAUSE = re.compile(r"\b(?:who|which|whose|whom)\b[^,;]*$")


@dataclass
class _Placed:
    """What an attribution's own clause says, before inheritance."""

    channel_found: bool
    has_time: bool
    past: bool


def place(doc: Doc, attributions: list[Attribution], entities: Any = None) -> None:
    """Fill ``channel``, ``date`` and ``date_basis`` on each attribution."""
    if not any(a.content for a in attributions):
        return
    text = text_of(doc)
    masked = mask_contents(text, attributions)
    article_date = getattr(doc._, "qg_article_date", None) if Doc.has_extension("qg_article_date") else None
    bounds = sentence_bounds(doc, text)
    # Channels and time expressions are found once over the whole masked text, then
    # each attribution takes those inside its clause.
    all_channels = channels.find_channels(doc, masked)
    # Time expressions are read once, with only the words in quote marks hidden: those outside
    # every content may date a saying; any of them is what "at the time" / "that was when" may
    # count from, reported speech included ("I first used it in 2010. That was when …").
    quoted = mask_contents(text, [a for a in attributions if a.type != "indirect"])
    times = dates.find_time_expressions(quoted, 0, len(quoted), article_date)
    all_times = [t for t in times if MASK not in masked[t.start : t.end]]
    bases = [t for t in times if t.kind == "explicit" and t.value]
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
        placed[i] = _date_from_clause(att, masked, lo, hi, anchor, all_times, bases)
        for w_lo, w_hi in extra:
            if placed[i].has_time or placed[i].past:
                break
            placed[i] = _date_from_clause(att, masked, w_lo, w_hi, w_lo, all_times, bases)
        if not placed[i].has_time and not placed[i].past:
            # "In 2009, however, when Congress passed …, he called it …": a time that opens the
            # sentence dates everything in it, even past a clause another attribution cut off.
            s_lo, s_hi = bounds[layout.sentence_of(anchor)]
            opening = [t for t in _within(all_times, s_lo, s_hi) if t.kind != "past" and _opens(masked, s_lo, t)]
            if opening:
                placed[i] = _date_from_clause(att, masked, opening[0].start, opening[0].end, anchor, all_times, bases)
        placed[i].channel_found = att.channel is not None
    settings = narrative_settings(doc, masked, bounds, attributions, entities, all_channels, all_times, bases)
    _carry(attributions, order, placed, article_date, text, settings)
    _lede(attributions, order, placed, text)
    _restated(attributions, order, placed, text)


def _within(items: list, lo: int, hi: int) -> list:
    return [x for x in items if lo <= x.start and x.end <= hi]


def mask_contents(text: str, attributions: list[Attribution]) -> str:
    """The text with every quote's content (and its quote marks) blanked, offsets unchanged."""
    chars = list(text)
    inner = [(min(s for s, _ in a.source + a.cue), a.start) for a in attributions if a.source and a.cue and a.content]
    for att in attributions:
        for s, e in att.content:
            if _CHANNEL_OBJECT.search(text[max(0, s - 40) : s]) or _CHANNEL_AFTER_CUE.search(text[max(0, s - 40) : s + 12]):
                continue  # "Speaking to Forbes", "wrote in | a blog post": a finder took the channel for content
            addressee = _ADDRESSEE.match(text, s)
            if addressee and _TO_WHOM.search(text, max(0, s - 25), s):
                # "confirmed to | People that …", "promised | the state of New York that …": to whom, not what
                s = addressee.end()
                if s >= e:
                    continue
            s = s - 1 if s > 0 and text[s - 1] in QUOTE_MARKS else s
            e = e + 1 if e < len(text) and text[e] in QUOTE_MARKS else e
            chars[s:e] = MASK * (e - s)
    for s, e in inner:  # "Our sources say | Lupita told cops | it was taken": a report inside a report keeps its words
        if s < e:
            chars[s:e] = text[s:e]
    return "".join(chars)


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


def _opens(masked: str, lo: int, t: dates.TimeExpression) -> bool:
    """A time expression that opens its sentence, set off by a comma ("In 2009, however, …")."""
    return not masked[lo : t.start].strip(" \n\t\"“") and bool(re.match(r"\s*(?:,|\s+(?:however|though),)", masked[t.end : t.end + 12]))


def _date_from_clause(att: Attribution, masked: str, lo: int, hi: int, anchor: int,
                      all_times: list[dates.TimeExpression], bases: list[dates.TimeExpression]) -> _Placed:  # fmt: skip
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
            base = _base_date(best, bases)
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


def _base_date(expr: dates.TimeExpression, bases: list[dates.TimeExpression]) -> str | None:
    """The date a relative expression counts from: the last dated expression before it."""
    earlier = [t for t in bases if t.end <= expr.start]
    return earlier[-1].value if earlier else None


_NEAR = 250  # characters of narrative between a statement and its continuation, at most
_SETTING_PARAGRAPHS = 3  # a setting carries to the speaker's quotes this many paragraphs on, at most
# Verbs that place a speaker somewhere to say things ("testified", "took to Instagram", "appeared on").
_SETTING_VERBS = frozenset("testify appear speak address take sit interview post write tweet publish appear visit".split())


@dataclass(frozen=True)
class Setting:
    """Where and when a speaker's words were said, as the text last established it for them."""

    channel: Channel | None
    date: str | None
    date_basis: str | None

    @property
    def dated(self) -> bool:
        return self.date_basis in ("explicit", "relative") and bool(self.date)


def _gap(prev: Attribution, cur: Attribution) -> int:
    """Characters between the end of ``prev`` and the start of ``cur``."""
    prev_end = max(e for s, e in prev.content + prev.cue + prev.source)
    cur_start = min(s for s, e in cur.content + cur.cue + cur.source)
    return cur_start - prev_end


def _continues_unresolved(prev: Attribution, cur: Attribution, text: str) -> bool:
    """With no entity on either side: whether ``cur`` carries on ``prev``'s statement (close by, and a
    continued quote, a pronoun, or the same last word of the source)."""
    if cur.continues is not None:
        return cur.continues is prev or cur.continues is prev.continues
    if _gap(prev, cur) > _NEAR:
        return False  # a paragraph of narrative between: a new statement
    cur_source = " ".join(text[s:e] for s, e in cur.source).strip()
    if not cur_source:
        return not cur.cue  # a bare quote paragraph carries on the previous speaker
    if _PRONOUN_SOURCE.match(cur_source):
        return True
    prev_source = " ".join(text[s:e] for s, e in prev.source).strip()
    return bool(prev_source) and prev_source.split()[-1].lower() == cur_source.split()[-1].lower()


def narrative_settings(doc: Doc, masked: str, bounds: list[tuple[int, int]], attributions: list[Attribution],
                       entities: Any, all_channels: list, all_times: list[dates.TimeExpression],
                       bases: list[dates.TimeExpression]) -> list[tuple[int, Any, Setting]]:  # fmt: skip
    """Settings stated outside any attribution: "Whitlock addressed the dispute in an Instagram post
    late Tuesday", "In his September 2013 address to the United Nations, Obama hailed …".

    A sentence sets the scene for its subject when it names a channel, or a time together
    with a verb of saying or appearing; the entity stage knows the subject.
    """
    if entities is None:
        return []
    spoken = {bisect.bisect_right([lo for lo, _ in bounds], a.anchor) - 1 for a in attributions if a.cue or a.source}
    out = []
    for n, (lo, hi) in enumerate(bounds):
        if n in spoken:
            continue
        ent = entities.subject_at(lo)
        if ent is None:
            continue
        found = _within(all_channels, lo, hi)
        times = [t for t in _within(all_times, lo, hi) if t.kind != "past" and not _in_relative_clause(masked, lo, t)]
        if not found and not (times and _says_or_appears(doc, lo, hi)):
            continue
        channel = channels.choose(found, lo) if found else None
        date_value, basis = None, None
        if times:
            best = times[0]
            if best.kind == "explicit":
                date_value, basis = best.value, "explicit" if best.value else None
            else:
                date_value = dates.resolve_relative(best, _base_date(best, bases))
                basis = "relative" if date_value else None
        out.append((lo, ent, Setting(channel, date_value, basis)))
    return out


def _says_or_appears(doc: Doc, lo: int, hi: int) -> bool:
    span = doc.char_span(lo, hi, alignment_mode="contract")
    if span is None:
        return False
    for t in span:
        if t.pos_ in ("VERB", "AUX"):
            lemma = t.lemma_.lower()
            if lemma in _SETTING_VERBS or cues.category(lemma) in ("speech", "writing"):
                return True
    return False


# Parts of a work: "in his introduction" after "in the 2012 book" is the same book.
_PARTS = re.compile(r"\b(?:introduction|preface|foreword|afterword|epilogue|prologue|chapter|conclusion|opening|closing)$", re.I)
# A speech referred to again: "said in his speech" after "in his September 2013 address".
_SAYINGS = re.compile(r"\b(?:speech|address|remarks|testimony|interview|statement)$", re.I)


def _post_on(channel: Channel | None, setting: Channel | None) -> bool:
    """A post, video or story with no platform named, after the speaker was placed on a platform."""
    platforms = set(channels.PLATFORMS.values())
    return (
        channel is not None and setting is not None and channel.kind == setting.kind == "social"
        and channel.name not in platforms and setting.name in platforms
    )


def _part_of(channel: Channel, setting: Channel | None) -> bool:
    """Whether ``channel`` names the same occasion as ``setting`` from another angle."""
    if setting is None:
        return False
    if channel.kind == "document" and setting.kind == "document" and _PARTS.search(channel.name):
        return True
    return channel.kind == setting.kind == "event" and bool(_SAYINGS.search(channel.name)) and bool(_SAYINGS.search(setting.name))


def _carry(attributions: list[Attribution], order: list[int], placed: dict[int, _Placed], article_date: str | None,
           text: str, settings: list[tuple[int, Any, Setting]]) -> None:  # fmt: skip
    """Each speaker's setting carries to their following quotes until the text changes it.

    A quote with no channel of its own takes the channel last established for its speaker
    (by one of their quotes, or by a sentence about them); with no time of its own, the
    date — unless it names another channel, which is another occasion.  Quotes whose
    speaker is unresolved carry on only the statement right before them.  Anything left
    undated gets the article date.
    """
    article = dates.parse_date(article_date)
    breaks = [m.start() for m in re.finditer(r"\n", text)]
    paragraph = lambda pos: bisect.bisect_left(breaks, pos)  # noqa: E731
    current: dict[int, Setting] = {}
    last_seen: dict[int, int] = {}  # entity → paragraph where its setting was last used
    through: dict[Channel, Setting] = {}  # the last dated statement through each outlet ("according to the outlet")
    pending = sorted(settings, key=lambda x: x[0])
    k = 0
    prev: Attribution | None = None
    for i in order:
        att, own = attributions[i], placed[i]
        while k < len(pending) and pending[k][0] < att.anchor:
            pos, ent, setting = pending[k]
            current[id(ent)], last_seen[id(ent)] = setting, paragraph(pos)
            k += 1
        setting = current.get(id(att.entity)) if att.entity is not None else None
        if setting is not None and att.continues is None and paragraph(att.anchor) - last_seen[id(att.entity)] > _SETTING_PARAGRAPHS:
            setting = None  # paragraphs later the speaker may well be somewhere else, at another time
        if setting is None and att.entity is None and prev is not None and _continues_unresolved(prev, att, text):
            setting = Setting(prev.channel, prev.date, prev.date_basis)
        if setting is not None and not own.past:
            if _post_on(att.channel, setting.channel):
                att.channel = setting.channel  # "said in a now-deleted post" after "took to Instagram"
            same_time = not own.has_time or (setting.dated and att.date == setting.date)
            if att.channel is None and setting.channel is not None and same_time:
                att.channel = setting.channel
            # An interview with another outlet, a post, a letter: another occasion.  A press
            # conference after "defended the plan on Tuesday" may well be the same one.
            other_occasion = (
                att.channel is not None
                and att.channel != setting.channel
                and (setting.channel is not None or att.channel.kind != "event")
                and not _part_of(att.channel, setting.channel)
            )
            if not own.has_time and setting.dated and not other_occasion:
                att.date, att.date_basis = setting.date, setting.date_basis
        if not own.has_time and not own.past and att.date is None and att.channel in through:
            att.date, att.date_basis = through[att.channel].date, through[att.channel].date_basis
        if not own.has_time and not own.past and att.date is None and article is not None:
            att.date, att.date_basis = dates.format_date(*article), "article"
        if att.entity is not None and not own.past:
            current[id(att.entity)] = Setting(att.channel, att.date, att.date_basis)
            last_seen[id(att.entity)] = paragraph(att.anchor)
        if att.channel is not None and att.channel.kind == "outlet" and att.date_basis in ("explicit", "relative"):
            through[att.channel] = Setting(att.channel, att.date, att.date_basis)
        prev = att


def _restated(attributions: list[Attribution], order: list[int], placed: dict[int, _Placed], text: str) -> None:
    """A statement reported again is dated as it was the first time: "his vow on Monday that there
    would be no independent Palestinian state …" and, paragraphs later, "Netanyahu’s declaration
    that there would be no Palestinian state on his watch".  Same speaker, no time of its own,
    and its words (a pair of them in a row at least) in the earlier, dated statement."""
    dated: list[tuple[Attribution, list[str]]] = []
    for i in order:
        att = attributions[i]
        words = _content_words(text, att)
        if att.entity is None:
            continue
        if att.date_basis in ("explicit", "relative"):
            dated.append((att, words))
            continue
        if placed[i].has_time or placed[i].past or att.date_basis != "article" or len(words) < 3:
            continue
        for earlier, before in reversed(dated):
            if earlier.entity is att.entity and _same_words(words, before):
                att.date, att.date_basis = earlier.date, earlier.date_basis
                break


_WORD = re.compile(r"[^\W\d_]{3,}")


def _content_words(text: str, att: Attribution) -> list[str]:
    body = " ".join(text[s:e] for s, e in att.content).lower()
    return [w for w in _WORD.findall(body) if w not in STOP_WORDS]


def _same_words(words: list[str], before: list[str]) -> bool:
    """Two of ``words`` side by side in ``before`` too, and two in five of them (of the shorter) there."""
    shared = set(words) & set(before)
    pairs = set(zip(words, words[1:])) & set(zip(before, before[1:]))
    return bool(pairs) and len(shared) >= 0.4 * min(len(set(words)), len(set(before)))


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
            if later.entity is not None and later.entity is att.entity and later.channel is not None:
                att.channel = later.channel
                if later.date_basis in ("explicit", "relative"):
                    att.date, att.date_basis = later.date, later.date_basis
                break
