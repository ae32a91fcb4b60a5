"""Act stage: what each attribution's source did — speech, writing, thought, intention, finding.

Runs after the context stage, for any finder.  For each attribution it reads the cue's main
word (its lemma, its category in the cue lexicon :mod:`.cues`, whether it is a noun cue), the
source (as written, and the kind of the entity it resolved to), the channel, and the clause
around the cue with every quoted content blanked out; the decision itself is the pure rule
:func:`quotegraph.corpus.acts.decide`, which the store also uses for quotes stored before acts
existed.  A continued quote (no cue of its own) does what the quote it continues did.

    "warned"                 speech       "a report warned"       writing
    "said in a statement"    writing      "tweeted"               writing
    "believes", "fears"      thought      "plans", "vows"         intention
    "a study found"          finding      "data show"             finding
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..corpus import acts as rule
from . import cues
from .attribution import Attribution
from .extensions import sentence_bounds, text_of

_TO_VERB = re.compile(r"\s+to\s+[a-z]")
_AFTER_ACCORDING = re.compile(r"(?:\s+to)?\s+([^,.;:\n]{0,80})")
_WINDOW_BEFORE, _WINDOW_AFTER = 60, 80  # characters of the clause read around the cue


def assign(doc: Doc, attributions: list[Attribution]) -> None:
    """Set ``act`` on every attribution."""
    text = text_of(doc)
    bounds = sentence_bounds(doc, text)
    masked = _masked(text, attributions)
    for att in attributions:
        if att.continues is None:
            att.act = act_of(doc, text, masked, bounds, att)
    for att in attributions:
        head = att.continues
        while head is not None and head.continues is not None:
            head = head.continues
        if head is not None:
            att.act = head.act


def act_of(doc: Doc, text: str, masked: str, bounds: list[tuple[int, int]], att: Attribution) -> str:
    """The act of one attribution (see the module docstring)."""
    found = _cue_word(doc, att)
    source = _source(text, att)
    kind = getattr(att.entity, "kind", None) or (att.speaker.kind if att.speaker else None)
    if found is None:
        # No cue word at all (a colon, a dash): quoted words given to someone were said, or written by a
        # document.  A cue of other words ("is rolling out", "unveiled") says nothing of the kind.
        cue_words = any(c.isalpha() for s, e in att.cue for c in text[s:e])
        if att.type != "indirect" and (source or kind) and not cue_words:
            return "writing" if rule.source_nature(source, kind) or kind == "outlet" else "speech"
        return "other"
    lemma, category, noun, end = found
    if source is None and lemma in ("accord", "per"):
        # "According to a 52-count civil complaint filed by …, …": what it is according to, where a
        # finder left the source out.
        source = _AFTER_ACCORDING.match(text, end).group(1) or None
    cue_start = min(s for s, _ in att.cue)
    lo, hi = _sentence(bounds, cue_start)
    anchor_lo = min([cue_start, *(s for s, _ in att.source)])
    anchor_hi = max([end, *(e for _, e in att.source)])
    context = masked[max(lo, anchor_lo - _WINDOW_BEFORE) : min(hi, anchor_hi + _WINDOW_AFTER)]
    # A channel counts only where this clause names it: one carried over from an earlier
    # sentence ("on Twitter" then "He said …" at a rally) says nothing about this act.
    channel = att.channel if att.channel and att.channel.name.lower() in context.lower() else None
    return rule.decide(
        lemma, category, noun=noun, to_follows=_TO_VERB.match(text, end) is not None,
        source=source, source_kind=kind,
        channel_kind=channel.kind if channel else None,
        channel_name=channel.name if channel else None,
        context=context,
    )


def _cue_word(doc: Doc, att: Attribution) -> tuple[str, str | None, bool, int] | None:
    """The cue's main word (see :func:`quotegraph.corpus.acts.main_word`): lemma, category,
    whether it is a noun, and where it ends."""
    tokens = [tok for s, e in sorted(att.cue) for tok in (doc.char_span(s, e, alignment_mode="expand") or ())]
    words = []
    for tok in tokens:
        lemmas = [cues.normalize(x) for x in ([tok.lemma_] if tok.lemma_ else []) + rule.lemma_guesses(tok.text)]
        words.append((tok.text, lemmas, _noun(tok, lemmas)))
    found = rule.main_word(words, cues.category)
    if found is None:
        return None
    i, lemma, category, noun = found
    return lemma, category, noun, tokens[i].idx + len(tokens[i])


_DETERMINERS = frozenset("a an the this that these those his her its their our your my 's ’s".split())


def _noun(tok: Token, lemmas: list[str]) -> bool | None:
    """Whether the tagger makes a cue word a noun (None without a tagger).  A word that could be a
    cue verb must also follow a determiner, a possessive or an adjective ("the show"): taggers
    call the verb of "census figures show" a noun too."""
    if not tok.tag_:
        return None
    if not tok.tag_.startswith("NN"):
        return False
    if tok.i == 0 or not any(cues.is_cue_verb(lemma) for lemma in lemmas):
        return True
    prev = tok.doc[tok.i - 1]
    return prev.lower_ in _DETERMINERS or prev.tag_ in ("JJ", "PRP$", "POS", "DT")


_DOCUMENT_OF = re.compile(r"\b(?P<noun>[a-z][\w-]*)\s+(?:by|from|of|for)\s+$")


def _source(text: str, att: Attribution) -> str | None:
    """The source as written, with the document it is attached to when there is one: in "a report
    by the state auditor warned", a finder may take "the state auditor" for the source, yet the
    report is what warned."""
    if not att.source:
        return None
    start = min(s for s, _ in att.source)
    source = " ".join(text[s:e] for s, e in sorted(att.source))
    m = _DOCUMENT_OF.search(text, max(0, start - 30), start)
    if m and m.group("noun") in rule.DOCUMENT_NOUNS | rule.EVIDENCE_NOUNS:
        return f"{m.group('noun')} {text[m.end('noun'):start]}{source}"
    return source


def _sentence(bounds: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for lo, hi in bounds:
        if lo <= pos < hi:
            return lo, hi
    return 0, bounds[-1][1] if bounds else pos


def _masked(text: str, attributions: list[Attribution]) -> str:
    """The text with every content blanked (nothing a speaker said can tell what the speaker did)."""
    chars = list(text)
    for att in attributions:
        for s, e in att.content:
            chars[s:e] = " " * (e - s)
    return "".join(chars)


__all__ = ["assign", "act_of"]
