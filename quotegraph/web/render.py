"""Turn an article's text and its quotes' spans into flat, safely renderable segments.

Spans may overlap (a quote inside another quote's content) and be discontinuous
(content split around its cue), so the text is cut at every span boundary and each
piece records which quotes cover it and in which role, and which entities it
mentions (so the page can light up every mention of a quote's speaker).  Templates then emit one
element per piece with autoescaped text: no HTML is ever built from strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

ROLES = ("content", "cue", "source")


@dataclass
class Segment:
    """A run of text covered by the same set of (quote, role) marks."""

    start: int
    end: int
    text: str
    marks: dict[str, list[str]] = field(default_factory=dict)  # role -> quote ids, in quote order
    anchors: list[str] = field(default_factory=list)  # quotes whose content starts here (their keyboard stop)
    speaker_link: str | None = None  # speaker id when this piece is a source with a known speaker
    mentions: list[str] = field(default_factory=list)  # ids of the entities this piece mentions

    @property
    def quote_ids(self) -> list[str]:
        seen: list[str] = []
        for role in ROLES:
            for qid in self.marks.get(role, ()):
                if qid not in seen:
                    seen.append(qid)
        return seen

    @property
    def roles(self) -> list[str]:
        return [role for role in ROLES if self.marks.get(role)]

    @property
    def highlighted(self) -> bool:
        return bool(self.marks)


def _valid(spans: Iterable[Any], length: int) -> list[tuple[int, int]]:
    """Offsets that fall inside the text; anything else is dropped rather than trusted."""
    out = []
    for pair in spans or ():
        try:
            s, e = int(pair[0]), int(pair[1])
        except (TypeError, ValueError, IndexError):
            continue
        if 0 <= s < e <= length:
            out.append((s, e))
    return sorted(out)


def segments(text: str, quotes: Iterable[Mapping[str, Any]], entities: Iterable[Mapping[str, Any]] = ()) -> list[Segment]:
    """Cut ``text`` into segments at every span boundary of ``quotes`` (dicts as in ``Quote.to_dict``)
    and of the mentions of ``entities`` (as in ``Entity.to_dict``).

    A quote dict may carry ``speaker_id``; its source pieces then link to that speaker.
    """
    length = len(text)
    mentions = [(s, e, str(entity.get("id", ""))) for entity in entities
                for mention in entity.get("mentions") or () for s, e in _valid(mention.get("spans", ()), length)]
    marks: list[tuple[int, int, str, str, str | None]] = []  # start, end, role, quote id, speaker id
    first_content: dict[str, int] = {}
    for quote in quotes:
        qid = str(quote.get("id", ""))
        for role in ROLES:
            span = quote.get(role)
            if not span:
                continue
            for s, e in _valid(span.get("spans", ()), length):
                marks.append((s, e, role, qid, quote.get("speaker_id")))
                if role == "content":
                    first_content[qid] = min(first_content.get(qid, s), s)
    cuts = sorted({0, length, *(m[0] for m in marks), *(m[1] for m in marks), *(m[0] for m in mentions), *(m[1] for m in mentions)})
    out: list[Segment] = []
    for start, end in zip(cuts, cuts[1:]):
        seg = Segment(start, end, text[start:end])
        for s, e, role, qid, speaker_id in marks:
            if s <= start and end <= e:
                ids = seg.marks.setdefault(role, [])
                if qid not in ids:
                    ids.append(qid)
                if role == "source" and speaker_id and seg.speaker_link is None:
                    seg.speaker_link = str(speaker_id)
        seg.mentions = list(dict.fromkeys(eid for s, e, eid in mentions if s <= start and end <= e))
        out.append(seg)
    for seg in out:
        seg.anchors = [qid for qid in seg.marks.get("content", ()) if first_content.get(qid) == seg.start]
    return _merge(out)


def _merge(segs: list[Segment]) -> list[Segment]:
    """Join neighbouring unmarked pieces so plain text stays one text node."""
    merged: list[Segment] = []
    for seg in segs:
        if merged and not (seg.marks or seg.mentions or merged[-1].marks or merged[-1].mentions):
            prev = merged[-1]
            merged[-1] = Segment(prev.start, seg.end, prev.text + seg.text)
        else:
            merged.append(seg)
    return merged
