"""Content edges and sources from the parse, for the accurate finder.

The encoder finds attributions well but cuts a reported clause at the wrong word about a
third of the time ("… federal income taxes ― as was true for the few years …").  The
dependency parse knows where the clause ends; the rules finder (:mod:`.rules`) reads its
content off the parse.  Neither is right more often on its own: where their contents
differ, a small logistic model — trained on PolNeAR train (:func:`fit`) — says which edge
to keep, from how sure the encoder was of the words they disagree on, on which side they
disagree and how those words start.  A second one does the same for the source where both
found the same cue but name different sources (or only one names any), and where the
encoder named no source for an attribution the rules missed, for the subject of its cue
verb.  Measured in bench/RESULTS.md (sections 0c and 0d).
"""

from __future__ import annotations

import bisect
import json
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple, Sequence

import numpy as np
from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE, LEMMA, MORPH, NORM, ORTH, POS, SENT_START, SPACY, TAG
from spacy.tokens import Doc

from ..errors import ModelError
from ..lang.quotemarks import holds_double_mark, opens_quotation
from .attribution import Attribution
from .cleanup import keep_cue_group
from .extensions import sentence_bounds, text_of
from .filters import FINITE_TAGS, overlaps, tokens_in
from .quotemarks import quotes_of
from .relations import sentence_ids, token_offsets
from .rules import find_attributions
from .rules.parse import mention_range, quote_of_tokens, subject_of
from .spanmodel import TAGS

WEIGHTS_FILE = "boundaries.json"
_CONTENT = [TAGS.index("B-Content"), TAGS.index("I-Content")]
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_PUNCT = frozenset({",", ".", ":", "``", "''", "-LRB-", "-RRB-", "HYPH", "NFP"})
FEATURES = (
    "log words only the encoder has", "log words only the parse has",
    "encoder: mean P(content), its words", "encoder: least P(content), its words",
    "encoder: mean P(content), the parse's words", "encoder: most P(content), the parse's words",
    "encoder's content in pieces", "parse's content in pieces",
    "parse starts earlier", "parse starts later", "parse ends later", "parse ends earlier",
    "quote marks in the content", "same cue",
    "encoder's words open with punctuation", "… with a preposition", "… with a conjunction", "… with a wh-word", "… with a verb",
    "parse's words open with punctuation", "parse's … with a preposition", "parse's … with a conjunction",
    "parse's … with a wh-word", "parse's … with a verb",
    "encoder's content over sentences", "parse's content over sentences",
)  # fmt: skip


_SOURCE = [TAGS.index("B-Source"), TAGS.index("I-Source")]
SOURCE_FEATURES = (
    "encoder has a source", "parse has a source",
    "encoder: mean P(source), its source", "encoder: least P(source), its source",
    "encoder: mean P(source), the parse's source", "encoder: most P(source), the parse's source",
    "log words from the cue to the encoder's source", "encoder's source after the cue",
    "log words from the cue to the parse's source", "parse's source after the cue",
    "encoder's source a pronoun", "encoder's source a proper noun", "encoder's source a wh-word", "log encoder's source words",
    "parse's source a pronoun", "parse's source a proper noun", "parse's source a wh-word", "log parse's source words",
    "parse's source only the cue verb's subject",
)  # fmt: skip


def _covered(starts: np.ndarray, ends: np.ndarray, spans: Sequence[tuple[int, int]]) -> np.ndarray:
    mask = np.zeros(len(starts), dtype=bool)
    for s, e in spans:
        mask |= (starts >= s) & (ends <= e)
    return mask


def _overlap(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> bool:
    return any(overlaps(list(a), s, e) for s, e in b)


def _opening(tags: Sequence[str], mask: np.ndarray) -> list[float]:
    at = np.flatnonzero(mask)
    tag = tags[int(at[0])] if len(at) else ""
    return [float(tag in _PUNCT), float(tag in ("IN", "TO")), float(tag == "CC"), float(tag.startswith("W")), float(tag.startswith("VB"))]


def _runs_on_into_a_conjunct(doc: Doc, mine: np.ndarray, theirs: np.ndarray) -> bool:
    """Whether the content ``theirs`` carries on past the end of ``mine`` into a second clause
    joined by "and" / "but": one with a subject of its own, or a finite verb that joins the cue's.

    Where a clause is joined on is where both the parser and the encoder err most, and a wrong
    join hands a second statement — often someone else's ("As Mashable reports, the company
    announced X, and prices increased …"), or a second report ("said he would order a review
    and warned against …") — to the first one's speaker.  So the parse's content never runs on
    into such a clause the encoder left out, and the encoder's is cut where the parse's ends
    before one.  A conjunct without a subject or finite verb of its own ("refinancing loans and
    forcing universities to …", "to share a currency and rely on …", "as “provocative” and a
    “grave threat”") is part of what was said: the parser hangs it on the cue verb all the same,
    so where the two readings part there, the fitted model decides (PolNeAR train, 280 articles:
    7 more exact contents than guarding every "and").
    """
    a, b = np.flatnonzero(mine), np.flatnonzero(theirs)
    if not len(a) or not len(b) or b[-1] <= a[-1]:
        return False
    tail = [doc[int(k)] for k in range(int(a[-1]) + 1, int(b[-1]) + 1) if theirs[k]]
    while tail and (tail[0].is_punct or tail[0].is_space):
        tail = tail[1:]
    if not tail or tail[0].tag_ != "CC":
        return False
    inside = {t.i for t in tail}
    first = next((t for t in tail[1:] if t.tag_ not in ("RB", "RBR", "RBS")), None)
    return (first is not None and first.tag_ in FINITE_TAGS) or any(t.dep_ in _SUBJECTS and t.head.i in inside for t in tail[1:])


class Disagreement(NamedTuple):
    """One found attribution and the parse's reading of the same words."""

    index: int  # in the found attributions
    parsed: Attribution
    features: list[float]
    runs_on: bool = False  # the found content carries on past the parse's into ", and …"


def disagreements(
    doc: Doc, found: Sequence[Attribution], parsed: Sequence[Attribution], log_probs: np.ndarray
) -> list[Disagreement]:
    """Where a found content and the parse's overlap but differ.

    The parse's attribution is the one whose content shares most words with the found one,
    among those whose content holds no cue or source the encoder found ("…, and she denied
    that …" is two reports, not one content); where the parse hangs those words on another
    cue than the found one ("X has pointed out that Q. I could see myself …"), there is no
    disagreement to settle — only another statement.
    """
    if not len(log_probs) or not found or not parsed:
        return []
    starts, ends = token_offsets(doc)
    sent = sentence_ids(doc)
    tags = [t.tag_ for t in doc]
    text = text_of(doc)
    p_content = np.exp(log_probs[:, _CONTENT]).sum(1)
    said_by = [span for a in found for span in a.cue + a.source]  # never inside what was said
    out = []
    for i, att in enumerate(found):
        rivals = [o for o in parsed if _overlap(att.content, o.content) and not _overlap(o.content, said_by)]
        if not rivals or not att.content:
            continue
        mine = _covered(starts, ends, att.content)
        theirs, other = max(((_covered(starts, ends, o.content), o) for o in rivals), key=lambda c: int((c[0] & mine).sum()))
        if any(opens_quotation(text[s:e].lstrip()) for s, e in att.content if not _overlap([(s, e)], other.content)):
            continue  # "“Q1,” she said. “Q2.”": a quotation the parse would drop is the surest content there is
        if _runs_on_into_a_conjunct(doc, mine, theirs):
            continue
        if att.cue and not _overlap(att.cue, other.cue):
            continue  # the parse gives these words to another cue: another statement, not this one's edges
        only_mine, only_theirs = mine & ~theirs, theirs & ~mine
        a, b = np.flatnonzero(mine), np.flatnonzero(theirs)
        if not (only_mine.any() or only_theirs.any()) or not len(a) or not len(b):
            continue
        quoted = any(holds_double_mark(text[s:e]) for s, e in att.content)
        features = [
            float(np.log1p(only_mine.sum())), float(np.log1p(only_theirs.sum())),
            float(p_content[only_mine].mean()) if only_mine.any() else 1.0,
            float(p_content[only_mine].min()) if only_mine.any() else 1.0,
            float(p_content[only_theirs].mean()) if only_theirs.any() else 0.0,
            float(p_content[only_theirs].max()) if only_theirs.any() else 0.0,
            float(len(att.content) > 1), float(len(other.content) > 1),
            float(b[0] < a[0]), float(b[0] > a[0]), float(b[-1] > a[-1]), float(b[-1] < a[-1]),
            float(quoted), float(bool(att.cue and other.cue and _overlap(att.cue, other.cue))),
            *_opening(tags, only_mine), *_opening(tags, only_theirs),
            float(len(np.unique(sent[a])) > 1), float(len(np.unique(sent[b])) > 1),
        ]  # fmt: skip
        out.append(Disagreement(i, other, features, _runs_on_into_a_conjunct(doc, theirs, mine)))
    return out


def _source_shape(tags: Sequence[str], mask: np.ndarray) -> list[float]:
    words = [tags[int(k)] for k in np.flatnonzero(mask)]
    return [float(bool(words) and all(t == "PRP" for t in words)), float(any(t.startswith("NNP") for t in words)),
            float(any(t.startswith("W") for t in words)), float(np.log1p(len(words)))]  # fmt: skip


def source_disagreements(
    doc: Doc, found: Sequence[Attribution], parsed: Sequence[Attribution], log_probs: np.ndarray
) -> list[Disagreement]:
    """``(index in found, the parse's attribution, features)`` where both hold the same content and
    cue but name different sources, or only one of them names any — and where the encoder named no
    source for an attribution the rules did not find, the cue verb's subject (:func:`cue_subject`)."""
    if not len(log_probs) or not found:
        return []
    starts, ends = token_offsets(doc)
    tags = [t.tag_ for t in doc]
    p_source = np.exp(log_probs[:, _SOURCE]).sum(1)
    said = [span for a in found for span in a.content]  # a source is never inside what was said
    quote_of: list[int] | None = None  # read once, for the first attribution that needs it
    out = []
    for i, att in enumerate(found):
        if not att.cue:
            continue
        other = next((o for o in parsed if _overlap(att.content, o.content) and _overlap(att.cue, o.cue)), None)
        from_subject = other is None and not att.source
        if from_subject:  # the rules did not find it: the cue verb's subject is the parse's reading
            quote_of = quote_of if quote_of is not None else _quote_of(doc)
            subject = cue_subject(doc, att, quote_of)
            other = replace(att, source=[subject]) if subject else None
        if other is None or (not att.source and not other.source) or _overlap(other.source, said):
            continue
        if att.source and other.source and _overlap(att.source, other.source):
            continue
        mine, theirs = _covered(starts, ends, att.source), _covered(starts, ends, other.source)
        cue_at = np.flatnonzero(_covered(starts, ends, att.cue))
        cue = int(cue_at[0]) if len(cue_at) else 0

        def place(mask: np.ndarray) -> list[float]:
            at = np.flatnonzero(mask)
            return [float(np.log1p(abs(int(at[0]) - cue))), float(at[0] > cue)] if len(at) else [0.0, 0.0]

        features = [
            float(bool(att.source)), float(bool(other.source)),
            float(p_source[mine].mean()) if mine.any() else 0.0, float(p_source[mine].min()) if mine.any() else 0.0,
            float(p_source[theirs].mean()) if theirs.any() else 0.0, float(p_source[theirs].max()) if theirs.any() else 0.0,
            *place(mine), *place(theirs), *_source_shape(tags, mine), *_source_shape(tags, theirs), float(from_subject),
        ]  # fmt: skip
        out.append(Disagreement(i, other, features))
    return out


def _quote_of(doc: Doc) -> list[int]:
    return quote_of_tokens(doc, [q for q in quotes_of(doc) if q.depth == 0])


def cue_subject(doc: Doc, att: Attribution, quote_of: list[int] | None = None) -> tuple[int, int] | None:
    """Who the parse says did what the cue says: the subject of the cue's first verb (its
    whole noun phrase, as the rules mark a source) — or, for a verb that completes another's
    object ("urged voters to reject"), that object — outside the content; none for "it" or
    "there", or a cue that asks or is passive (its subject was asked, or is what was said).
    ``quote_of`` is :func:`.rules.parse.quote_of_tokens` for the doc, when the caller has it."""
    cue = tokens_in(doc, min(s for s, _ in att.cue), max(e for _, e in att.cue))
    verb = next((t for t in cue if t.pos_ == "VERB"), None)
    if verb is None or verb.lemma_ == "ask" or any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return None
    quote_of = quote_of if quote_of is not None else _quote_of(doc)
    controller = next((c for c in verb.head.children if c.dep_ == "dobj"), None) if verb.dep_ == "xcomp" else None
    subject = controller or subject_of(verb, quote_of)  # "She urged voters to reject it": the voters reject
    if subject is None or subject.dep_ == "expl" or subject.lower_ in ("it", "there"):
        return None
    start, end = mention_range(doc, subject, verb, quote_of)
    if end <= start:
        return None
    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    return None if overlaps(att.content, s, e) or overlaps(att.cue, s, e) else (s, e)


class Logistic:
    """A fitted logistic model over named features (standardised inputs)."""

    def __init__(self, weights: dict[str, Any], features: Sequence[str]) -> None:
        if list(weights.get("features", [])) != list(features):
            raise ValueError("its features are not this version's")
        self.mean = np.asarray(weights["mean"], dtype=np.float64)
        self.scale = np.asarray(weights["scale"], dtype=np.float64)
        self.coef = np.asarray(weights["coef"], dtype=np.float64)
        self.bias = float(weights["bias"])

    def __call__(self, features: Sequence[Sequence[float]]) -> np.ndarray:
        """Per row: whether the parse's reading is the likelier right one."""
        x = (np.asarray(features, dtype=np.float64) - self.mean) / self.scale
        return x @ self.coef + self.bias > 0.0


class ParseCheck:
    """The accurate finder's last step: the parse's content edges and sources, where the fitted
    models prefer them to the encoder's."""

    def __init__(self, weights: dict[str, Any]) -> None:
        self.edges = Logistic(weights["edges"], FEATURES)
        self.sources = Logistic(weights["sources"], SOURCE_FEATURES)

    @classmethod
    def load(cls, folder: str | Path) -> "ParseCheck":
        path = Path(folder) / WEIGHTS_FILE
        try:
            return cls(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(
                f"cannot read {path} ({exc}); reinstall quotegraph or refit it with "
                f"`quotegraph train --finder edges --train TRAIN --dev DEV --out {Path(folder)}`"
            ) from exc

    def __call__(self, doc: Doc, found: list[Attribution], log_probs: np.ndarray) -> list[Attribution]:
        """``found`` with the parse's content edges and sources where the models prefer them (needs a parsed doc)."""
        if not found or not doc.has_annotation("DEP"):
            return found
        parsed = find_attributions(doc)
        out = list(found)
        cases = disagreements(doc, found, parsed, log_probs)
        for case, switch in zip(cases, self.edges([c.features for c in cases]) if cases else []):
            # A content running on past where the parse ends it, into ", and …", is cut there
            # whatever the model says: a second statement half-attributed is worse than a first
            # one a clause short.
            if switch or case.runs_on:
                out[case.index] = replace(out[case.index], content=list(case.parsed.content), type=case.parsed.type)
        cases = source_disagreements(doc, out, parsed, log_probs)
        for case, switch in zip(cases, self.sources([c.features for c in cases]) if cases else []):
            if switch:
                out[case.index] = replace(out[case.index], source=list(case.parsed.source))
        return keep_cue_group(doc, out)

    def many(self, docs: Sequence[Doc], tidied: Sequence[tuple[list[Attribution], np.ndarray]]) -> list[list[Attribution]]:
        """:meth:`__call__` for each doc and its ``(attributions, log-probabilities)``."""
        return [self(doc, found, log_probs) for doc, (found, log_probs) in zip(docs, tidied)]


class SentenceParse:
    """The parse step for a finder whose pipeline runs without the parser (the default finder):
    only the sentences that hold an attribution are parsed, each stretch of them as a doc of
    its own, and :class:`ParseCheck` reads them there.

    Why: the parser is the one spaCy component the default finder leaves out — it would cost
    about a tenth of the pipeline on every word — yet where the tagger and the parse disagree
    on a content's edges, the parse is the better judge often enough to pay (bench/RESULTS.md,
    0j).  The stretch keeps the pipeline's tags, entities and tok2vec output (the parser reads
    them from the doc), so its parse is the one the whole doc would get there.  A doc that
    already has a parse (a pipeline with the parser on) is checked as it is.
    """

    def __init__(self, check: ParseCheck, parser: Any) -> None:
        self.check = check
        self.parser = parser  # a spaCy parser component (``pipe`` over docs)

    def __call__(self, doc: Doc, found: list[Attribution], log_probs: np.ndarray) -> list[Attribution]:
        return self.many([doc], [(found, log_probs)])[0]

    def many(self, docs: Sequence[Doc], tidied: Sequence[tuple[list[Attribution], np.ndarray]]) -> list[list[Attribution]]:
        """:meth:`__call__` for a batch: the stretches of every doc go through the parser together."""
        out = [found for found, _ in tidied]
        jobs = []  # (doc index, stretch doc, first token, attributions held)
        for d, (doc, (found, log_probs)) in enumerate(zip(docs, tidied)):
            if not found or not len(log_probs):
                continue
            if doc.has_annotation("DEP"):
                out[d] = self.check(doc, found, log_probs)
                continue
            out[d] = []
            arrays = doc.to_array(_WORDS), doc.to_array(_ANNOTATIONS)
            jobs.extend((d, _stretch_doc(doc, a, b, *arrays), a, held) for (a, b), held in _stretches(doc, found))
        for (d, _, a, held), sub in zip(jobs, self.parser.pipe((sub for _, sub, _, _ in jobs), batch_size=64)):
            shift = docs[d][a].idx
            local = self.check(sub, [_shifted(att, -shift) for att in held], tidied[d][1][a : a + len(sub)])
            out[d].extend(_shifted(att, shift) for att in local)
        for d, _, _, _ in jobs:
            out[d].sort(key=lambda att: att.start)
        return out


def _stretches(doc: Doc, found: Sequence[Attribution]) -> list[tuple[tuple[int, int], list[Attribution]]]:
    """Token ranges of whole sentences holding the attributions (each attribution's sentences
    in one range; ranges that touch are joined), with the attributions each holds."""
    text = text_of(doc)
    bounds = sentence_bounds(doc, text)
    starts = [s for s, _ in bounds]
    spans = []
    for att in found:
        offsets = att.content + att.cue + att.source
        lo, hi = min(s for s, _ in offsets), max(e for _, e in offsets)
        first = max(0, bisect.bisect_right(starts, lo) - 1)
        last = max(0, bisect.bisect_left(starts, hi) - 1)
        spans.append((bounds[first][0], bounds[last][1], att))
    spans.sort(key=lambda x: x[0])
    merged: list[list[Any]] = []
    for s, e, att in spans:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
            merged[-1][2].append(att)
        else:
            merged.append([s, e, [att]])
    out = []
    for s, e, held in merged:
        span = doc.char_span(s, e, alignment_mode="expand")
        out.append(((span.start, span.end) if span is not None and len(span) else (0, len(doc)), held))
    return out


_WORDS = [ORTH, SPACY]
_ANNOTATIONS = [TAG, POS, MORPH, LEMMA, NORM, ENT_IOB, ENT_TYPE, ENT_KB_ID, SENT_START]
_ENT_I, _ENT_B = 1, 3  # ENT_IOB codes


def _stretch_doc(doc: Doc, a: int, b: int, words: np.ndarray, annotations: np.ndarray) -> Doc:
    """``doc[a:b]`` as a doc of its own with the pipeline's annotations and tok2vec output —
    what ``Span.as_doc`` makes, at a tenth of its cost (``words`` and ``annotations``: the doc's
    ``_WORDS`` and ``_ANNOTATIONS`` arrays, read once)."""
    strings = doc.vocab.strings
    sub = Doc(doc.vocab, words=[strings[int(o)] for o in words[a:b, 0]], spaces=words[a:b, 1].astype(bool).tolist())
    values = annotations[a:b].copy()
    if len(values) and values[0, _ANNOTATIONS.index(ENT_IOB)] == _ENT_I:  # a name running in from before
        values[0, _ANNOTATIONS.index(ENT_IOB)] = _ENT_B
    sub.from_array(_ANNOTATIONS, values)
    sub.tensor = doc.tensor[a:b]
    return sub


def _shifted(att: Attribution, by: int) -> Attribution:
    def move(offsets: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        return [(s + by, e + by) for s, e in offsets]

    return replace(att, content=move(att.content), cue=move(att.cue), source=move(att.source))


def fit(features: np.ndarray, parse_right: np.ndarray, names: Sequence[str] = FEATURES, l2: float = 1.0,
        steps: int = 50) -> dict[str, Any]:
    """Logistic regression by Newton steps on standardised features (L2 penalty ``l2``)."""
    x = np.asarray(features, dtype=np.float64)
    y = np.asarray(parse_right, dtype=np.float64)
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0  # no penalty on the bias
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        grad = z.T @ (p - y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        delta = np.linalg.solve(hess, grad)
        w -= delta
        if np.abs(delta).max() < 1e-8:
            break
    return {"features": list(names), "mean": mean.tolist(), "scale": scale.tolist(), "coef": w[:-1].tolist(), "bias": float(w[-1])}


__all__ = ["WEIGHTS_FILE", "FEATURES", "SOURCE_FEATURES", "Disagreement", "Logistic", "ParseCheck", "SentenceParse", "disagreements",
           "source_disagreements", "cue_subject", "fit"]
