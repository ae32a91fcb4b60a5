"""Reported speech a span finder tends to miss, found after it for any finder.

* a **noun cue with its holder**: "his vow on Monday that there would be no …",
  "Netanyahu’s declaration that …", "de Miranda’s notion that …" — the holder is the
  source, the noun the cue, the that-clause the content;
* **speech reported inside a report**: "Our sources say | Lupita told cops it was taken
  from her room …" — a report whose content opens with someone telling someone: that
  someone is the source of the inner attribution, the rest its content;
* **a report whose source and cue close the sentence**: "Her sons are not ready to see her,
  an attorney for her ex-husband says." — the clause before the comma is the content.
  An attribution a finder made across it (content reaching into that source, source
  inside that content) is replaced;
* **a quotation repeated**: "Let’s start by parsing that tweet: “We are all concerned with
  events in CBD …”" — words quoted again, verbatim, from a quote attributed earlier in the
  article are that quote's words again: the same speaker, channel and date;
* **a quotation right after a report**: "Charles Schultze once summed up the danger of deficits
  with a metaphor. “It’s not so much a question of the wolf at the door …”" — a quotation with no
  cue of its own, in the same paragraph, with nothing but punctuation after the report before
  it, carries on that report's speaker (the finders do this after a direct quote already).
* **"as X reported"** opening or closing a sentence: "As Mashable reports, the company announced …"
  — the rest of the sentence is X's report (attributions inside it nest, as PolNeAR has them);
* **a sentence no finder touched** that opens with a source and a reporting verb and its
  clause: "Israel, which controls tax receipts, has pledged to punish …"; an argument made
  ("de Miranda makes a convincing case for neon as …"); a ruling with its "that" ("The courts
  have held that …"); a participle after a comma or a dash, for the sentence's subject ("The
  author draws a parallel …—suggesting they are …", taking the place of a finder's sourceless,
  cut-short reading of that participle);
* **a quotation right after a sentence in which someone named speaks**, in its paragraph and with
  no cue of its own: "Charles Schultze … once summed up the danger of deficits with a metaphor.
  “It’s not so much …”";
* **noun cues with a colon**: "Among its key findings: the class you're born into matters …".

Both are read from the text alone (no parse), outside quotations, and only where no
attribution already has that cue.  Attributions may nest: the inner one is added beside
the outer one, as PolNeAR annotates them.
"""

from __future__ import annotations

import bisect
import re

import numpy as np
from spacy.tokens import Doc, Span

from ..lang.dateline import dateline_end
from ..lang.quotemarks import DOUBLE, QUOTE_MARKS
from . import cues
from .attribution import Attribution, strip_span
from .extensions import sentence_bounds, text_of
from .quotemarks import quote_depth, quotes_of
from .quoteshapes import source_before, subject_end

_NAME_WORD = r"(?:[A-Z][\w’'.-]*|de|van|von|da|del|di|le|la|bin|al)"
_HOLDER = rf"(?P<source>[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|(?:{_NAME_WORD}\s+){{0,3}}[A-Z][\w’'.-]*[’']s?)"
_CUE_NOUNS = (
    "vow|pledge|promise|claim|declaration|insistence|warning|assertion|belief|argument|contention|suggestion|"
    "prediction|statement|announcement|admission|denial|notion|view|conviction|allegation|accusation|threat|"
    "demand|assurance|acknowledgment|acknowledgement|concession|prediction|complaint|boast|hope|fear|"
    "finding|conclusion|message|point|verdict|recommendation"
)
_NOUN_CUE = re.compile(
    rf"\b{_HOLDER}\s+(?:[a-z][\w-]*\s+){{0,2}}?(?P<cue>(?:{_CUE_NOUNS})s?)"
    r"(?:(?:\s+(?:on|in|last|this|earlier)\s+[\w’' -]{1,25}?)?\s+that\s+|:\s+)(?=\S)"
)
_SPEECH_VERBS = "told|tells|said|says|claimed|claims|insisted|insists|admitted|admits|testified|testifies|warned|warns"
_INNER_SPEECH = re.compile(
    rf"(?P<source>(?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+){{0,2}}|[Hh]e|[Ss]he|[Tt]hey)\s+(?P<cue>{_SPEECH_VERBS})\s+"
    r"(?P<object>(?:the\s+)?(?:cops|police|reporters|investigators|officers|detectives|prosecutors|(?:[A-Z][\w’'-]+\s+){0,3}[A-Z][\w’'-]+)\s+)?"
    r"(?:that\s+)?(?=\S)"
)


def add_embedded(doc: Doc, attributions: list[Attribution]) -> None:
    """Append the noun-cue, inner-speech and sentence-final attributions the finder missed."""
    text = text_of(doc)
    quotations = quotes_of(doc)
    depth = quote_depth(text, quotations)
    cues = {(s, e) for a in attributions for s, e in a.cue}
    found: list[Attribution] = []
    bounds = sentence_bounds(doc, text)
    opening = dateline_end(text)  # "LOS ANGELES (AP) — June 26, 2024 —" is no one's words
    for lo, hi in bounds:
        lo = max(lo, opening) if lo < opening < hi else lo
        end = _sentence_end(bounds, lo, text) + 1
        m = (
            _TRAILING.search(text, lo, end) or _ACCORDING.search(text, lo, end) or _INVERTED.search(text, lo, end)
            or _AS_TRAILING.search(text, lo, end)
        )
        content = strip_span(text, lo, m.start()) if m is not None else (0, 0)
        if m is None:  # "According to the transit authority, riders will …": the clause after the comma
            m = _LEADING.match(text, lo, end) or _AS_LEADING.match(text, lo, end)
            content = strip_span(text, m.end(), end - 1) if m is not None else (0, 0)
        if m is None or depth[m.start()] or content[1] <= content[0] or depth[content[0]]:
            continue
        source = (m.start("source"), m.end("source"))
        span = doc.char_span(*source, alignment_mode="expand")
        if span is None or any(t.tag_ in _CLAUSE_VERB for t in span[1:]):
            continue  # "…, said Ivanka Trump's statement didn't clarify the matter.": a clause, not a source
        if any(s < m.end("cue") and m.start("cue") < e for s, e in cues):
            _own_clause(text, attributions, m, content, lo)
            continue
        if (
            len(text[content[0] : content[1]].split()) < 4 or depth[content[0]]
            or any(t.pos_ in ("VERB", "AUX") for t in span) or not _plausible_source(span, m)
        ):
            continue
        att = _make(text, source, (m.start("cue"), m.end("cue")), content, 0.7)
        attributions[:] = [a for a in attributions if not _crosses(a, att)]
        found.append(att)
    for m in _NOUN_CUE.finditer(text):
        if depth[m.start()] or (m.start("cue"), m.end("cue")) in cues:
            continue
        end = _sentence_end(bounds, m.end(), text)
        content = strip_span(text, m.end(), end)
        if content[1] - content[0] < 8 or depth[content[0]]:
            continue
        found.append(_make(text, (m.start("source"), m.end("source")), (m.start("cue"), m.end("cue")), content, 0.6))
    for outer in attributions:
        if outer.type == "direct" or not outer.content:
            continue
        start, end = outer.content[0]
        m = _INNER_SPEECH.match(text, start, end)
        if m is None or depth[start] or (m.start("cue"), m.end("cue")) in cues:
            continue
        content = strip_span(text, m.end(), end)
        if content[1] - content[0] < 8:
            continue
        found.append(_make(text, (m.start("source"), m.end("source")), (m.start("cue"), m.end("cue")), content, 0.6))
    reported = _reported_clauses(doc, text, depth, bounds, attributions + found)
    if reported:  # "…—suggesting they are …" read whole: a finder's sourceless reading of that cue goes
        said = {span for a in reported for span in a.cue}
        attributions[:] = [a for a in attributions if a.source or not set(a.cue) & said]
        found = [a for a in found if a.source or not set(a.cue) & said]
    found.extend(reported)
    found.extend(_quote_after_speech(doc, text, quotations, bounds, attributions + found))
    found.extend(_repeated(text, quotations, attributions + found))
    found.extend(_after_report(text, quotations, attributions + found))
    if found:
        attributions.extend(found)
        attributions.sort(key=lambda a: a.start)


_FINITE = frozenset(("VBD", "VBZ", "VBP"))
_CLAUSE_VERB = frozenset(("VBD", "VBZ", "VBP", "MD"))
_CLAUSE_START = frozenset(("PRON", "DET", "PROPN", "NOUN", "NUM", "ADJ"))
_REPORTING = ("speech", "writing", "intention")
# What a court or a regulator decides, reported like speech, but only with its "that": "The courts have
# held that …", "the judge ruled that …" (never "held a rally", "ruled the country").
_RULINGS = frozenset(("hold", "rule", "find"))


def _reported_clauses(
    doc: Doc, text: str, depth: bytearray, bounds: list[tuple[int, int]], attributions: list[Attribution]
) -> list[Attribution]:
    """A sentence no attribution touches that opens with a source and a reporting verb:
    "Israel, which controls tax receipts, has pledged to punish the Palestinian Authority …",
    "Claude acknowledged at the time that neon …".  The verb's clause ("that …", a clause of its
    own, or "to" and a verb for a pledge or a plan) is the content.  Read from tags alone: the
    source opens the sentence (or follows its opening phrase, or a bracket)."""
    strings = doc.vocab.strings
    tags = doc.to_array("TAG")
    verbs = [
        t for t in (doc[int(i)] for i in np.flatnonzero(np.isin(tags, [strings.add(x) for x in (*_FINITE, "VBN")])))
        if (t.tag_ != "VBN" or t.i > 0 and doc[t.i - 1].lemma_ == "have")
        and (
            _reports(t, _REPORTING)
            or t.lemma_ in _RULINGS and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "that"
        )
    ]
    # "The author draws a parallel …—suggesting they are …": a participle after a comma or a dash
    # reports for the subject of the sentence.
    participles = [
        t for t in (doc[int(i)] for i in np.flatnonzero(tags == strings.add("VBG")))
        if t.i > 0 and doc[t.i - 1].text in (",", "—", "–") and _reports(t, ("speech", "writing"))
    ]
    cases = _cases_made(doc, text)
    if not verbs and not cases and not participles:
        return []
    # A finder's attribution of the participle with no source of its own gives way to this reading
    # (the caller drops it): the subject is the source, the whole clause the content.
    at_participle = {(t.idx, t.idx + len(t.text)) for t in participles}
    taken = [
        (s, e) for a in attributions if a.source or not set(a.cue) & at_participle
        for s, e in a.content + a.cue + a.source
    ]
    starts = [lo for lo, _ in bounds]
    out = []
    done: set[int] = set()
    readings = [(verb, verb.idx + len(verb.text), None) for verb in verbs + participles] + cases
    for verb, cue_end, first_word in sorted(readings, key=lambda r: r[0].i):
        k = bisect.bisect_right(starts, verb.idx) - 1
        if k < 0 or k in done:
            continue
        lo, hi = bounds[k]
        if any(s < hi and lo < e for s, e in taken) or depth[lo] or depth[verb.idx]:
            done.add(k)
            continue
        sent = doc.char_span(lo, hi, alignment_mode="contract")
        if sent is None or len(sent) < 6 or not sent.start <= verb.i < sent.end:
            continue
        if first_word is None:  # a reporting verb: what follows must be its clause
            first_word = _clause_after(doc, verb, sent.end)
        if first_word is None or first_word >= sent.end:
            continue
        head = verb.i
        if verb.tag_ == "VBG":  # the participle's subject is the sentence's: before its first finite verb
            head = next((t.i for t in doc[sent.start : verb.i] if t.tag_ in _FINITE), sent.start)
        head = _before_relative(doc, subject_end(doc, head, sent.start), sent.start)
        first = source_before(doc, head, sent.start)
        if first is None or not _opens(doc, first, sent.start):
            continue
        source = (doc[first].idx, doc[head - 1].idx + len(doc[head - 1].text))
        c_end = _sentence_end(bounds, doc[first_word].idx, text)
        while c_end > doc[first_word].idx and text[c_end - 1] in ").;!? ":
            c_end -= 1  # "(Alibaba says … this.)"
        content = strip_span(text, doc[first_word].idx, c_end)
        if len(text[content[0] : content[1]].split()) < 4 or depth[content[0]]:
            continue
        out.append(_make(text, source, (verb.idx, cue_end), content, 0.55))
        done.add(k)
    return out


def _reports(verb, categories: tuple[str, ...]) -> bool:  # verb: Token
    """A verb of one of the cue categories that is a cue on its own (not "see", "find" …)."""
    return cues.category(verb.lemma_) in categories and cues.normalize(verb.lemma_) not in cues.WEAK_VERBS


# "de Miranda makes a convincing case for neon as a symbol …", "has made the case that …": an
# argument put forward, as PolNeAR marks it ("made a case for", "make the case").
_CASE_MADE = re.compile(
    r"\b(?:make|makes|made|making)\s+(?:a|an|the|his|her|their|its|our|this)\s+(?:[\w’'-]+,?\s+){0,4}?"
    r"case(?:\s+(?:for|that)\b|:)"
)


def _cases_made(doc: Doc, text: str) -> list[tuple]:
    """Each "make a … case for/that" as (verb token, cue end, first token of what is argued)."""
    out = []
    for m in _CASE_MADE.finditer(text):
        verb = doc.char_span(m.start(), m.start() + len(m.group().split()[0]))
        after = doc.char_span(m.end(), len(text), alignment_mode="expand")
        if verb is None or after is None or not len(after):
            continue
        first = after.start
        while first < len(doc) and doc[first].is_space:
            first += 1
        out.append((verb[0], m.end(), first))
    return out


def _quote_after_speech(
    doc: Doc, text: str, quotations: list, bounds: list[tuple[int, int]], attributions: list[Attribution]
) -> list[Attribution]:
    """A quotation with no cue of its own right after a sentence in which someone named speaks
    ("Charles Schultze, chairman of the Council of Economic Advisers, once summed up the danger of
    deficits with a metaphor. “It’s not so much …”"): the quotation is what that verb reports, the
    name opening the sentence (with its apposition) its source.  The sentence holds no attribution."""
    out = []
    taken = [(s, e) for a in attributions for s, e in a.content + a.cue + a.source]
    starts = [lo for lo, _ in bounds]
    for q in quotations:
        if q.depth or any(s < q.end and q.start < e for s, e in taken) or len(q.inner(text).split()) < 4:
            continue
        k = bisect.bisect_right(starts, q.start) - 1
        while k >= 0 and bounds[k][0] >= q.start:
            k -= 1
        if k < 0:
            continue
        lo, hi = bounds[k]
        sentence_text = text[lo : min(hi, q.start)].rstrip()
        gap = text[lo + len(sentence_text) : q.start]  # what stands between: a space, never a paragraph break
        if "\n" in gap or gap.strip() or not sentence_text.endswith((".", ":")) or any(s < hi and lo < e for s, e in taken):
            continue
        sent = doc.char_span(lo, lo + len(sentence_text), alignment_mode="contract")
        if sent is None or len(sent) < 4 or sent[0].pos_ != "PROPN":
            continue
        verb = next((t for t in sent if t.tag_ in _FINITE and _reports(t, ("speech", "writing"))), None)
        if verb is None:
            continue
        source = doc[sent.start : subject_end(doc, verb.i, sent.start)]
        if not len(source) or len(source) > 25 or any(t.tag_ in _CLAUSE_VERB for t in source):
            continue
        s_end = source[-1].idx + len(source[-1].text)
        while s_end > source[0].idx and text[s_end - 1] in ", ":
            s_end -= 1
        out.append(Attribution(content=list(q.fragments), cue=[(verb.idx, verb.idx + len(verb.text))],
                               source=[_without_possessive(text, source[0].idx, s_end)], type="direct",
                               confidence=0.55, origin="embedded"))  # fmt: skip
        taken.extend(q.fragments)
    return out


def _clause_after(doc: Doc, verb, end: int) -> int | None:  # verb: Token
    """The first token of what a reporting verb reports: "to" and a verb, a "that"-clause (after
    a few words: "acknowledged at the time that"), or a clause with a verb of its own."""
    i = verb.i + 1
    if i + 1 < end and doc[i].lower_ == "to" and doc[i + 1].tag_ == "VB":
        return i  # "has pledged to punish …"
    j = i
    while j < end and j - i < 4 and doc[j].lower_ != "that" and doc[j].pos_ in ("ADP", "DET", "NOUN", "ADV", "ADJ"):
        j += 1
    if j < end and doc[j].lower_ == "that":
        i = j + 1
    if i >= end or doc[i].pos_ not in _CLAUSE_START:
        return None
    if not any(t.tag_ in _CLAUSE_VERB for t in doc[i + 1 : min(end, i + 12)]):
        return None  # "said the words", "told the story": an object, not a clause
    return i


def _before_relative(doc: Doc, head: int, floor: int) -> int:
    """ "Israel, which controls tax receipts, has pledged": where the source ends, before the clause."""
    if head - 1 > floor and doc[head - 1].text == ",":
        for j in range(head - 2, max(floor, head - 15), -1):
            if doc[j].lower_ in ("who", "which") and j - 1 > floor and doc[j - 1].text == ",":
                return j - 1
    return head


def _opens(doc: Doc, first: int, start: int) -> bool:
    """A source at the start of its sentence, after its opening phrase's comma, or after a bracket."""
    i = first - 1
    while i >= start and doc[i].is_space:
        i -= 1
    return i < start or doc[i].text in (",", "(")


def _after_report(text: str, quotations: list, attributions: list[Attribution]) -> list[Attribution]:
    """Cue-less quotations right after a report with a source, in its paragraph: its speaker's words."""
    out = []
    held = [(s, e) for a in attributions for s, e in a.content]
    reports = [a for a in attributions if a.source and a.type == "indirect" and a.continues is None]
    for q in quotations:
        if q.depth or any(s < q.end and q.start < e for s, e in held) or len(q.inner(text).split()) < 4:
            continue
        before = [a for a in reports if max(e for _, e in a.content + a.cue + a.source) <= q.start]
        if not before:
            continue
        prev = max(before, key=lambda a: max(e for _, e in a.content + a.cue + a.source))
        gap = text[max(e for _, e in prev.content + prev.cue + prev.source) : q.start]
        # the rest of the report's sentence may hold words ("… with a metaphor."): up to its full stop
        tail = re.sub(r"^[^.!?\n]*[.!?:]", "", gap, count=1) if re.search(r"[.!?:]", gap) else gap
        if "\n" in gap or any(ch.isalnum() for ch in tail) or not re.search(r"[.!?:]\s*$", gap):
            continue
        follower = Attribution(content=list(q.fragments), type="direct", confidence=0.6, origin="embedded")
        follower.continues = prev
        out.append(follower)
        held.extend(q.fragments)
    return out


_ELLIPSIS = re.compile(r"^[\s.…]+|[\s.…]+$")


def _repeated(text: str, quotations: list, attributions: list[Attribution]) -> list[Attribution]:
    """Quotations no attribution holds whose words (four at least) an earlier direct quote already said."""
    out = []
    held = [(s, e) for a in attributions for s, e in a.content]
    said = [a for a in attributions if a.type in ("direct", "mixed") and (a.source or a.continues is not None)]
    for q in quotations:
        if q.depth or any(s < q.end and q.start < e for s, e in held):
            continue
        words = _ELLIPSIS.sub("", q.inner(text))
        if len(words.split()) < 4:
            continue
        key = " ".join(words.split()).casefold()
        for earlier in said:
            # Only words the earlier attribution quotes itself: a fragment that opens with a quote mark
            # (not a content a finder let run over someone else's quotation).
            quoted = [(s, e) for s, e in earlier.content if text[s : s + 1] in QUOTE_MARKS]
            if earlier.end <= q.start and key in " ".join(" ".join(text[s:e] for s, e in quoted).split()).casefold():
                follower = Attribution(content=list(q.fragments), type="direct", confidence=0.6, origin="repeated")
                follower.continues = earlier
                out.append(follower)
                break
    return out


def _own_clause(text: str, attributions: list[Attribution], m: re.Match[str], clause: tuple[int, int], lo: int) -> None:
    """ "…, according to the Tax Policy Center." / "…, noted NBC’s Dante Chinni." — the finder already
    has the cue: its content is the clause before the comma and its source the words after or before
    the cue, whatever else the finder took; and no other attribution owns that clause too (a content
    that ran on from the sentence before ends there)."""
    if clause[1] - clause[0] < 8 or len(text[clause[0] : clause[1]].split()) < 4:
        return
    cue = (m.start("cue"), m.end("cue"))
    source = _without_possessive(text, *strip_span(text, m.start("source"), m.end("source")))
    for att in attributions:
        if any(s < cue[1] and cue[0] < e for s, e in att.cue):
            # Fragments after the sentence stay: "“…” to hold up on their plans, Indyk said. “That …”"
            att.content = [clause] + [(s, e) for s, e in att.content if s >= max(m.end(), clause[1])]
            att.source = [source]
        else:
            att.content = [
                piece for s, e in att.content for piece in ((s, min(e, lo)), (max(s, clause[1]), e)) if piece[1] - piece[0] > 0
            ] if any(s < clause[1] and clause[0] < e and s < lo for s, e in att.content) else att.content
            att.content = [strip_span(text, s, e) for s, e in att.content if strip_span(text, s, e)[1] > strip_span(text, s, e)[0]]
    attributions[:] = [a for a in attributions if a.content]


_SOURCE_WORDS = rf"[^,;:.!?{re.escape(DOUBLE)}()\n]{{2,90}}?"
# "…, noted NBC’s Dante Chinni." — the cue before its source, closing the sentence.
_INVERTED = re.compile(
    r",\s+(?P<cue>said|says|noted|notes|added|adds|wrote|writes|explained|explains|argued|argues|observed|observes|"
    r"recalled|recalls|insisted|insists|warned|warns|countered|counters|cautioned|cautions)\s+"
    rf"(?P<source>(?:the\s+|a\s+|an\s+)?[A-Z]{_SOURCE_WORDS})\s*[.!?]"
)
_LEADING = re.compile(rf"\s*(?P<cue>According\s+to)\s+(?P<source>{_SOURCE_WORDS}),\s+")
# "As Mashable reports, the company …" / "…, as the Times reported." — the rest of the sentence is the report.
_AS_CUES = (
    r"(?:has\s+|had\s+|first\s+)?(?P<cue>reported|reports|noted|notes|said|says|wrote|writes|explained|explains|"
    r"pointed\s+out|points\s+out|observed|observes|put\s+it|puts\s+it|revealed|reveals|confirmed|confirms)"
)
_AS_SOURCE = rf"(?P<source>(?:the\s+|a\s+|an\s+)?[A-Z]{_SOURCE_WORDS}|[Hh]e|[Ss]he|[Tt]hey|[Ii]t)"
_AS_LEADING = re.compile(rf"\s*As\s+{_AS_SOURCE}\s+{_AS_CUES},\s+")
_AS_TRAILING = re.compile(rf",\s+as\s+{_AS_SOURCE}\s+{_AS_CUES}\s*[.!?]")
_ACCORDING = re.compile(rf",\s+(?P<cue>according\s+to)\s+(?P<source>{_SOURCE_WORDS})\s*[.!?]")
_TRAILING = re.compile(
    rf",\s+(?P<source>{_SOURCE_WORDS})\s+(?P<cue>says|said|say|told\s+[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){{0,3}}|"
    r"added|adds|wrote|writes|explained|explains|noted|notes|argued|argues|insisted|insists|claimed|claims|"
    r"confirmed|confirms|reported|reports|warned|warns)"
    r"(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|last\s+\w+))?\s*[.!?]"
)


def _plausible_source(span: Span, m: re.Match[str]) -> bool:
    """A noun or pronoun in the source; after "As", a capitalised name the tagger took for an
    adjective will do ("As Mashable reports,")."""
    if any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in span):
        return True
    return m.re in (_AS_LEADING, _AS_TRAILING) and span.text[:1].isupper()


def _crosses(a: Attribution, b: Attribution) -> bool:
    """Whether ``a`` reaches into ``b``'s source with its content while holding its own source or cue
    inside ``b``'s content: two readings of one sentence that cannot both be right."""
    def overlap(xs: list[tuple[int, int]], ys: list[tuple[int, int]]) -> bool:
        return any(s < f and r < e for s, e in xs for r, f in ys)

    return overlap(a.content, b.source + b.cue) and overlap(a.source + a.cue, b.content)


def _without_possessive(text: str, s: int, e: int) -> tuple[int, int]:
    if text[s:e].endswith(("'s", "’s")):
        return s, e - 2
    if text[s:e].endswith(("'", "’")):
        return s, e - 1
    return s, e


def _make(text: str, source: tuple[int, int], cue: tuple[int, int], content: tuple[int, int], confidence: float) -> Attribution:
    return Attribution(content=[content], cue=[cue], source=[_without_possessive(text, *source)], type="indirect",
                       confidence=confidence, origin="embedded")  # fmt: skip


def _sentence_end(bounds: list[tuple[int, int]], pos: int, text: str) -> int:
    """Where the sentence holding ``pos`` ends, before its closing punctuation."""
    for lo, hi in bounds:
        if lo <= pos < hi:
            end = hi
            while end > pos and (text[end - 1].isspace() or text[end - 1] in ".;!?"):
                end -= 1
            return end
    return len(text)


__all__ = ["add_embedded"]
