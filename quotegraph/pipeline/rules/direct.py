"""Direct quotes: quotations given to the reporting verb beside them, and quotations
a colon introduces with no reporting verb."""

from __future__ import annotations

from spacy.tokens import Doc

from ..attribution import Attribution
from ..filters import extent, sentence_like
from ..quotemarks import QuotedSpan
from .parse import char_offsets, mention_range, subject_of
from .verbs import Cue

_GAP_LIMIT = 10  # tokens allowed between a quote and its cue/source ("said in a statement on Tuesday:")


def _gap_ok(doc: Doc, start: int, end: int, cue: Cue, quote_of: list[int], *, after: bool) -> bool:
    """Whether tokens [start, end) may sit between a quote and its cue: punctuation and the cue's own modifiers."""
    if end - start > _GAP_LIMIT:
        return False
    clause = cue.clause or (0, 0)
    for t in doc[start:end]:
        if quote_of[t.i] >= 0 or clause[0] <= t.i < clause[1]:
            return False
        if "\n" in t.text and not (after and t.i > start and doc[t.i - 1].text == ":"):
            return False
        if t.is_punct or t.is_space:
            if t.text in (".", "?", "!", ";"):  # a sentence ends between them
                return False
            continue
        if t.pos_ in ("VERB",) or cue.verb not in list(t.ancestors) + [t]:
            return False
    return True


def attach_quotes(doc: Doc, found: list[Cue], quotes: list[QuotedSpan], quote_of: list[int]) -> None:
    """Give each quotation to the cue it sits next to (before, after, or around the cue)."""
    if not quotes:
        return
    first_tok: dict[int, int] = {}
    last_tok: dict[int, int] = {}
    for i, q in enumerate(quote_of):
        if q >= 0:
            first_tok.setdefault(q, i)
            last_tok[q] = i
    owned: dict[int, Cue] = {}
    for cue in sorted(found, key=lambda c: c.region[0]):
        r0, r1 = cue.region
        # Quote ending just before the cue: "X," he said / "X," said Kaplan
        before = quote_of[r0 - 1] if r0 > 0 else -1
        j = r0 - 1
        while before < 0 and j > 0 and r0 - j <= _GAP_LIMIT:
            j -= 1
            before = quote_of[j]
        if before >= 0 and before not in owned and _gap_ok(doc, last_tok[before] + 1, r0, cue, quote_of, after=False):
            if not (cue.clause and cue.clause[0] >= r1):  # the verb's own clause follows: not this quote's cue
                owned[before] = cue
                cue.quotes.append(before)
        # Quote starting just after the cue: he said: "X" / "X," he said, "Y."
        j = r1
        after = -1
        while j < len(doc) and j - r1 <= _GAP_LIMIT:
            if quote_of[j] >= 0:
                after = quote_of[j]
                break
            j += 1
        if after >= 0 and after not in owned and _gap_ok(doc, r1, first_tok[after], cue, quote_of, after=True):
            if cue.quotes or not (cue.clause and not _overlaps_quote(cue.clause, quote_of, after)):
                owned[after] = cue
                cue.quotes.append(after)
        # A quote inside the cue's clause ("said the plan is a "lengthy process"") is handled as mixed.


def _overlaps_quote(span: tuple[int, int], quote_of: list[int], q: int) -> bool:
    return any(quote_of[i] == q for i in range(span[0], span[1]))


def introduced(
    doc: Doc, text: str, attributions: list[Attribution], quotes: list[QuotedSpan], quote_of: list[int]
) -> list[Attribution]:
    """A quotation introduced by a colon with no reporting verb: "Clinton released a statement: “...”"."""
    covered = [extent(a) for a in attributions]
    out: list[Attribution] = []
    for q in quotes:
        if any(s <= q.start < e for s, e in covered) or not sentence_like(text, q):
            continue
        colon = q.start - 1
        while colon >= 0 and text[colon].isspace():
            colon -= 1
        if colon < 0 or text[colon] != ":":
            continue
        span = doc.char_span(colon, colon + 1, alignment_mode="expand")
        if span is None or quote_of[span[0].i] >= 0:
            continue
        sent = span[0].sent
        root = sent.root
        subject = subject_of(root) if root.i < span[0].i else None
        if subject is None or quote_of[subject.i] >= 0:
            continue
        if not (subject.ent_type_ in ("PERSON", "ORG", "NORP") or subject.lower_ in ("he", "she", "they", "we")):
            continue
        s, e = mention_range(doc, subject, root, quote_of)
        if e <= s:
            continue
        cue_start = root.i if e <= root.i else span[0].i
        out.append(
            Attribution(
                content=list(q.fragments),
                cue=[(doc[cue_start].idx, colon + 1)],
                source=[char_offsets(doc, s, e)],
                type="direct",
                confidence=0.6,
                origin="rules",
            )
        )
    return out
