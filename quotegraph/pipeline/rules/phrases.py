"""Attributions carried by a phrase, not a reporting verb: "according to X", "per X",
"X's claim that ..."."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .. import cues
from ..attribution import Attribution
from .parse import char_offsets, trim


def prepositional(doc: Doc, quote_of: list[int], taken: list[bool]) -> list[Attribution]:
    """ "According to X, ..." and "per X, ...": the rest of the sentence is the content."""
    out: list[Attribution] = []
    for t in doc:
        if quote_of[t.i] >= 0:
            continue
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            prep = doc[t.i + 1]
            cue_range = (t.i, t.i + 2)
        elif t.lower_ == "per" and _per_is_attribution(doc, t):
            prep = t
            cue_range = (t.i, t.i + 1)
        else:
            continue
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if not objects:
            continue
        obj = objects[0]
        src = trim(doc, obj.left_edge.i, obj.right_edge.i + 1, quote_of)
        sent = t.sent
        phrase = (cue_range[0], max(src[1], cue_range[1]))
        pieces = []
        if phrase[0] > sent.start:
            pieces.append(trim(doc, sent.start, phrase[0], quote_of))
        if phrase[1] < sent.end:
            pieces.append(trim(doc, phrase[1], sent.end, quote_of))
        pieces = [(s, e) for s, e in pieces if e - s >= 2]
        if not pieces or src[1] <= src[0]:
            continue
        kind = "mixed" if any(quote_of[i] >= 0 for s, e in pieces for i in range(s, e)) else "indirect"
        for s, e in pieces:
            for i in range(s, e):
                taken[i] = True
        out.append(
            Attribution(
                content=[char_offsets(doc, s, e) for s, e in pieces],
                cue=[char_offsets(doc, *cue_range)],
                source=[char_offsets(doc, *src)],
                type=kind,
                confidence=0.85,
                origin="rules",
            )
        )
    return out


def nominal(doc: Doc, quote_of: list[int], taken: list[bool]) -> list[Attribution]:
    """A cue noun with its holder: "Trump's claim that ...", "the NRA's opposition to ...", "his support for ..."."""
    out: list[Attribution] = []
    for t in doc:
        if t.pos_ != "NOUN" or not cues.is_cue_noun(t.lemma_) or quote_of[t.i] >= 0 or taken[t.i]:
            continue
        holders = [c for c in t.children if c.dep_ == "poss"]
        if not holders:
            continue
        what = None
        for c in t.children:
            if c.dep_ in ("acl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children):
                what = (c.left_edge.i, c.right_edge.i + 1)
            elif c.dep_ == "prep" and c.i == t.i + 1 and c.lower_ in ("for", "of", "to", "on", "against", "about"):
                objects = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if objects:
                    what = (objects[0].left_edge.i, objects[0].right_edge.i + 1)
            if what:
                break
        if what is None:
            continue
        start, end = trim(doc, *what, quote_of)
        holder = holders[0]
        src_end = holder.i + 1  # without the "'s"
        src = trim(doc, holder.left_edge.i, src_end, quote_of)
        if end <= start or src[1] <= src[0] or any(taken[i] for i in range(start, end)):
            continue
        for i in range(start, end):
            taken[i] = True
        kind = "mixed" if any(quote_of[i] >= 0 for i in range(start, end)) else "indirect"
        out.append(
            Attribution(
                content=[char_offsets(doc, start, end)],
                cue=[char_offsets(doc, t.i, t.i + 1)],
                source=[char_offsets(doc, *src)],
                type=kind,
                confidence=0.6,
                origin="rules",
            )
        )
    return out


def _per_is_attribution(doc: Doc, t: Token) -> bool:
    """ "per X," at a clause edge, naming a source: not "per cent" or "$5 per share"."""
    if t.i + 1 >= len(doc):
        return False
    nxt = doc[t.i + 1]
    if nxt.like_num or nxt.lower_ in ("cent", "capita", "se", "annum", "diem", "hour", "day", "year", "person"):
        return False
    at_edge = t.i == t.sent.start or doc[t.i - 1].text in (",", "—", "–", "(")
    return at_edge and (nxt.pos_ in ("PROPN", "DET") or nxt.ent_type_ != "")
