"""What the rules read from the dependency parse, whatever the kind of attribution:
subjects, source mentions, and token ranges with their character offsets."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .. import cues
from ..quotemarks import QuotedSpan

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_INHERIT = ("conj", "advcl", "xcomp", "acl")  # "he said ... and added", "..., saying"


def quote_of_tokens(doc: Doc, quotes: list[QuotedSpan]) -> list[int]:
    """Per token: the index of the quotation it sits in (marks included), or -1."""
    owner = [-1] * len(doc)
    if not quotes:
        return owner
    starts = [t.idx for t in doc]
    for n, q in enumerate(quotes):
        for s, e in q.fragments:
            for t in doc.char_span(s, e, alignment_mode="expand") or ():
                if s <= starts[t.i] < e:
                    owner[t.i] = n
    return owner


def char_offsets(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Char offsets of tokens [start, end)."""
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def trim(doc: Doc, start: int, end: int, quote_of: list[int]) -> tuple[int, int]:
    """Shrink a token range past punctuation and spaces at its edges (quote marks that close it stay)."""
    while start < end and (doc[start].is_punct or doc[start].is_space) and quote_of[doc[start].i] < 0:
        start += 1
    while start < end and (doc[end - 1].is_punct or doc[end - 1].is_space) and quote_of[doc[end - 1].i] < 0:
        end -= 1
    return start, end


def subject_of(verb: Token, quote_of: list[int] | None = None) -> Token | None:
    """The verb's subject, inherited from the verb it hangs off when it has none of its own.

    A subject outside quotation marks wins over one the parser found inside a quote
    (“Every single one,” Okafor told ...: "Okafor", not "one").
    """
    node = verb
    for _ in range(4):
        # Nearest subject first: when a garbled parse gives several, the one next to the verb heads.
        children = sorted(node.children, key=lambda c: -c.i if c.i < node.i else c.i)
        if quote_of is not None:
            children.sort(key=lambda c: c.dep_ in SUBJECTS and quote_of[c.i] >= 0)
        for child in children:
            if child.dep_ in SUBJECTS:
                if child.dep_ == "nsubjpass":
                    return agent_of(node)
                if child.tag_ == "WDT" or child.lower_ in ("who", "that", "which"):
                    return node.head if node.dep_ == "relcl" else None
                return child
        participle = node.dep_ == "acl" and node.tag_ in ("VBG", "VBN") and node.head.pos_ in ("NOUN", "PROPN")
        if node.dep_ == "relcl" or participle:
            return node.head  # "officials who said", "emails showing that", "a PAC backing Bush"
        if node.dep_ == "pcomp" and node.head.head is not node.head:
            node = node.head.head  # "began by talking about"
            continue
        if node.dep_ == "conj":
            closer = _nearer_cue_conjunct(node)
            if closer is not None:
                node = closer
                continue
        if node.dep_ in _INHERIT + ("acomp",) and node.head is not node:
            node = node.head
            continue
        return None
    return None


def _nearer_cue_conjunct(verb: Token) -> Token | None:
    """The reporting verb a subject-less "and said" really pairs with, when the parser hung it on a
    farther verb that reports nothing ("X drew fire from Republicans, who called ... and warned")."""
    head = verb.head
    if cues.is_cue_verb(head.lemma_):
        return None
    doc = verb.doc
    for i in range(verb.i - 1, head.i, -1):
        t = doc[i]
        if t.text in (".", "?", "!") or "\n" in t.text:
            break
        if t.pos_ == "VERB" and t.tag_ in ("VBD", "VBZ", "VBP") and cues.is_cue_verb(t.lemma_) and t.dep_ != "amod":
            return t
    return None


def agent_of(verb: Token) -> Token | None:
    """Who did it, by a passive verb's "by" phrase ("was first reported by MSNBC")."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def mention_range(doc: Doc, head: Token, verb: Token, quote_of: list[int]) -> tuple[int, int]:
    """The token range of a source mention: the head's whole subtree (relative clauses included,
    as PolNeAR marks them), never the cue itself, a dateline or a paragraph break before it."""
    start, end = head.left_edge.i, head.right_edge.i + 1
    if start <= verb.i < end:  # the cue sits in the subtree ("officials who said"): keep the noun phrase
        for child in head.children:
            if child.dep_ in ("relcl", "acl") and child.left_edge.i <= verb.i <= child.right_edge.i:
                if child.i > head.i:
                    end = child.left_edge.i
                else:
                    start = child.right_edge.i + 1
        if start <= verb.i < end:
            end = verb.i if head.i < verb.i else end
            start = verb.i + 1 if head.i > verb.i else start
    for i in range(start, head.i):
        # "11 a.m.\n\nFormer Gov. Jeb Bush", "RENO, Nev. (AP) — Donald Trump": start after the break
        if "\n" in doc[i].text or (doc[i].text in ("—", "–", "--") and i > start and doc[i - 1].text == ")"):
            start = i + 1
    cut = [i for i in range(start, end) if quote_of[i] >= 0]
    if cut:
        end = min(end, cut[0]) if cut[0] > head.i else end
        start = max(start, max(i for i in cut if i < head.i) + 1) if any(i < head.i for i in cut) else start
    return trim(doc, start, end, quote_of)
