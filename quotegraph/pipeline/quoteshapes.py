"""Direct quotes by their shape: a quotation beside a source and a verb, whatever the verb.

A learned finder only knows the cues its training data shows often; the rules know a
lexicon.  Either can miss ``"Reconciliations take time," Federline's attorney states.``
(``states`` is rare in news, and the tagger reads it as a plural noun).  This step
runs after every finder and gives each quotation no attribution holds to the source
and verb written beside it, in the three usual orders:

    “Q,” SOURCE VERB.            “Q,” VERB SOURCE.          (quote – source – verb)
    SOURCE VERB: “Q.”            SOURCE VERB, “Q.”          (source – verb – quote)
    “Q1,” SOURCE VERB, “Q2.”                                (quote – source – verb – quote)

and a quotation signed with a dash and a name at the end of its line (“Q” ― Jane Doe).

It reads only part-of-speech tags (no parse), so every finder can use it.  The verb
is any verb the tagger marks as one (``quipped``, ``grumbled``, ``texted``), or a
word of the cue lexicon the tagger took for a noun (``states``, ``posts``).  A
quotation already inside an attribution is left alone, except that the first half of
``“Q1,” SOURCE VERB, “Q2.”`` joins the attribution that holds the second half with
the same verb, and an attribution with that verb but no source gets the one beside it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from . import cues
from .attribution import Attribution
from .filters import overlaps, sentence_like
from .quotemarks import QuotedSpan

_MAX_SOURCE = 8  # tokens in a source ("the former chief of staff of the company")
_MAX_AFTER_CUE = 10  # tokens between the cue and an introduced quote ("told reporters on Tuesday:")
_NOMINAL = frozenset(("PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM"))
_HEADS = frozenset(("PROPN", "NOUN", "PRON"))
_NOT_REPORTING = frozenset("be have do get go make take seem become".split())
_LINKS = frozenset(("of", "for", "at"))  # inside a source: "a spokesman for the company"
_SENTENCE_END = frozenset(".!?;")


def add_shaped_quotes(doc: Doc, text: str, attributions: list[Attribution], quotes: list[QuotedSpan]) -> None:
    """Add (in place) an attribution for each quotation that has a source and verb beside it and no attribution."""
    for q in quotes:
        if q.depth or not sentence_like(text, q):
            continue
        holder = next((a for a in attributions for s, e in q.fragments if overlaps(a.content, s, e)), None)
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            continue
        after = _after(doc, text, span.start, span.end, q, quotes, attributions)
        signed = dash_signature(doc, text, q) if after is None else None
        found = after or _before(doc, span.start)
        if holder is not None and holder.source and (
            (after is not None and not _pronoun(doc, after[1])) or signed is not None
        ) and _reported_before(holder, q):
            # "A firestorm of criticism erupted – “Q,” one Twitter response began", "“Q” ― Maria Lopez":
            # the source written right after the quotation is its own, not that of the sentence before it.
            holder.content = [(s, e) for s, e in holder.content if not any(s < qe and qs < e for qs, qe in q.fragments)]
            if not holder.content:
                attributions.remove(holder)
            holder = None
        elif holder is not None and holder.source:
            if found is not None and _no_word(text, holder.cue) and overlaps(holder.source, *found[0]):
                # "Kevin Federline's attorney posts: “Q”": the tagger read the verb as the end of its
                # source and the colon as the cue; the shape gives both back.
                holder.cue, holder.source = [found[0]], [found[1]]
            continue
        if found is None:
            if signed is not None and holder is None:  # “Q” ― Jane Doe
                attributions.append(signed)
            continue
        cue, source, more = found
        if holder is not None:  # held, with no source: the one beside its own cue
            if holder.cue and overlaps(holder.cue, *cue):
                holder.source = [source]
            continue
        same_cue = next((a for a in attributions if a.cue and overlaps(a.cue, *cue)), None)
        if same_cue is not None:
            if more is not None and overlaps(same_cue.content, more.start, more.end):
                same_cue.content = sorted(same_cue.content + list(q.fragments))
                same_cue.source = same_cue.source or [source]
            continue  # the verb already reports something else: not this quotation's cue
        content = list(q.fragments) + (list(more.fragments) if more is not None and not _held(attributions, more) else [])
        attributions.append(
            Attribution(content=content, cue=[cue], source=[source], type="direct", confidence=0.8, origin="shape")
        )
    attributions.sort(key=lambda a: a.start)


_DASHES = ("―", "—", "–", "--", "-")


def dash_signature(doc: Doc, text: str, q: QuotedSpan, origin: str = "shape") -> Attribution | None:
    """ "“...” ― Jane Doe": a quotation signed with a dash and a name that ends its line
    (reader responses, epigraphs, pull quotes, embedded posts)."""
    end = text.find("\n", q.end)
    end = len(text) if end < 0 else end
    while end > q.end and text[end - 1].isspace():
        end -= 1
    tail = text[q.end : end]
    stripped = tail.lstrip(" \u00a0")
    dash = next((d for d in _DASHES if stripped.startswith(d)), None)
    if dash is None:
        return None
    dash_at = q.end + (len(tail) - len(stripped))
    name_start = dash_at + len(dash)
    while name_start < end and text[name_start] in " \u00a0":
        name_start += 1
    name = doc.char_span(name_start, end, alignment_mode="expand")
    if name is None or not 1 <= len(name) <= 6 or not any(t.pos_ == "PROPN" for t in name):
        return None
    return Attribution(content=list(q.fragments), cue=[(dash_at, dash_at + len(dash))], source=[(name_start, end)],
                       type="direct", confidence=0.7, origin=origin)


def _reported_before(holder: Attribution, q: QuotedSpan) -> bool:
    """Whether ``holder``'s source and cue all come before the quotation it holds (a pronoun after
    the quotation — "Moore scolded him: “Q,” she said" — is taken for the same speaker)."""
    return bool(holder.cue) and max(e for _, e in holder.cue + holder.source) <= q.start


def _pronoun(doc: Doc, source: tuple[int, int]) -> bool:
    span = doc.char_span(*source, alignment_mode="expand")
    return span is not None and all(t.pos_ == "PRON" for t in span)



def _no_word(text: str, spans: list[tuple[int, int]]) -> bool:
    """A cue that is punctuation only (":"), or none."""
    return not any(ch.isalnum() for s, e in spans for ch in text[s:e])


def _held(attributions: list[Attribution], q: QuotedSpan) -> bool:
    return any(overlaps(a.content, s, e) for a in attributions for s, e in q.fragments)


def _is_verb(tok: Token) -> bool:
    return tok.tag_.startswith("VB") and tok.pos_ != "AUX" and cues.normalize(tok.lemma_) not in _NOT_REPORTING


def _cue_word_as_noun(tok: Token) -> bool:
    """``states``, ``posts``: a cue verb's third person the tagger took for a plural noun."""
    return tok.tag_ == "NNS" and cues.category(tok.lemma_) in ("speech", "writing")


def _sentence_edge(tok: Token) -> bool:
    return tok.text in _SENTENCE_END or tok.is_quote or "\n" in tok.text


def _chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _stop(tok: Token) -> bool:
    """Where a stretch of words beside a quotation ends."""
    return tok.is_punct or tok.is_quote or "\n" in tok.text


def subject_end(doc: Doc, verb: int, floor: int) -> int:
    """Where a verb's subject ends: before its auxiliaries, modals and adverbs ("Kaplan | has
    later said", "Israel | will not"), never before ``floor``."""
    head = verb
    while head > floor and (doc[head - 1].pos_ in ("ADV", "AUX") or doc[head - 1].tag_ == "MD"):
        head -= 1
    return head


def source_before(doc: Doc, end: int, floor: int) -> int | None:
    """The first token of the source ending at token ``end`` (exclusive), or None."""
    if end <= floor or doc[end - 1].pos_ not in _HEADS:
        return None
    i = end - 1
    while i > floor and end - i < _MAX_SOURCE:
        prev = doc[i - 1]
        if prev.pos_ in _NOMINAL or prev.tag_ == "POS" or (
            prev.lower_ in _LINKS and i - 1 > floor and doc[i - 2].pos_ in _HEADS
        ):
            i -= 1
            continue
        break
    while doc[i].lower_ in _LINKS:
        i += 1
    return i


def _source_after(doc: Doc, start: int, stop: int) -> int | None:
    """The end token (exclusive) of a source starting at ``start``, or None."""
    i = start
    while i < stop and i - start < _MAX_SOURCE and (doc[i].pos_ in _NOMINAL or doc[i].tag_ == "POS"):
        i += 1
    while i > start and doc[i - 1].pos_ not in _HEADS:
        i -= 1
    return i if i > start else None


def _after(
    doc: Doc, text: str, q_first: int, q_end: int, q: QuotedSpan, quotes: list[QuotedSpan], attributions: list[Attribution]
) -> tuple[tuple[int, int], tuple[int, int], QuotedSpan | None] | None:
    """``“Q,” SOURCE VERB`` / ``“Q,” VERB SOURCE``: cue, source and the quotation that carries on after them."""
    i = q_end
    inner_end = text[q.start : q.end].rstrip().rstrip("\"'”’»").rstrip()[-1:]
    if i < len(doc) and doc[i].text == ",":
        i += 1
    elif inner_end not in (",", "?", "!", "—"):
        return None  # “Q.” Kaplan said. … reads as a new sentence, not this quotation's report
    stop = i
    while stop < len(doc) and not _stop(doc[stop]) and stop - i < _MAX_SOURCE + _MAX_AFTER_CUE:
        stop += 1
    if stop == i:
        return None
    words = range(i, stop)
    match = None
    if _is_verb(doc[i]):  # “Q,” said Kaplan.
        end = _source_after(doc, i + 1, stop)
        if end is not None:
            match = ((i, i + 1), (i + 1, end))
    if match is None:
        verb = next((j for j in words if _is_verb(doc[j])), None)
        if verb is None and _cue_word_as_noun(doc[stop - 1]):
            verb = stop - 1  # “Q,” the attorney states.
        if verb is not None:
            head = subject_end(doc, verb, i)  # “Q,” Kaplan later said / has said
            first = source_before(doc, head, i)
            if first == i:
                match = ((verb, verb + 1), (first, head))
    if match is None:
        return None
    (c0, c1), (s0, s1) = match
    more = None
    if stop + 1 < len(doc) and doc[stop].text == ",":
        more = next((o for o in quotes if o.depth == 0 and o.start == doc[stop + 1].idx and o is not q), None)
        if more is not None and (not sentence_like(text, more) and more.inner(text)[:1].isupper()):
            more = None
    return _chars(doc, c0, c1), _chars(doc, s0, s1), more


def _before(doc: Doc, q_first: int) -> tuple[tuple[int, int], tuple[int, int], None] | None:
    """``SOURCE VERB: “Q”`` / ``SOURCE VERB, “Q”``: cue and source of a quotation they introduce."""
    i = q_first - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 1 or doc[i].text not in (":", ","):
        return None
    colon = i
    floor = colon
    while floor > 0 and not _stop(doc[floor - 1]):
        floor -= 1
    # The last verb before the colon, with no other verb between them.
    verb = next((j for j in range(colon - 1, floor - 1, -1) if _is_verb(doc[j]) or _cue_word_as_noun(doc[j])), None)
    if verb is None or colon - verb - 1 > _MAX_AFTER_CUE:
        return None
    head = subject_end(doc, verb, floor)
    first = source_before(doc, head, floor)
    if first is None and doc[head - 1].lower_ == "and" and cues.category(doc[verb].lemma_) in ("speech", "writing"):
        # "Uber stepped in and tweeted this announcement: “Q”": the subject of the first verb
        end = _source_after(doc, floor, head)
        if end is not None and end < head and _is_verb(doc[end]):
            return _chars(doc, verb, verb + 1), _chars(doc, floor, end), None
    if first is None:
        return None
    if doc[colon].text == "," and (first != floor or verb != colon - 1 or floor > 0 and not _sentence_edge(doc[floor - 1])):
        return None  # with a comma only "Kaplan said, “Q”" at a sentence start: not "After the hearing ended, “Q”"
    return _chars(doc, verb, verb + 1), _chars(doc, first, head), None


__all__ = ["add_shaped_quotes", "dash_signature", "source_before"]
