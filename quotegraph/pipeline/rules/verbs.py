"""Attributions around a reporting verb: "X said (that) ...", "X told Y ...", "X denied the report".

    cue verbs (lexicon, outside quotes) → source (subject, inherited through
    "..., saying"/"and added") → content (attached quotes, else the clause)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .. import cues
from ..attribution import Attribution
from ..quotemarks import QuotedSpan
from .parse import SUBJECTS, agent_of, char_offsets, mention_range, subject_of, trim

_RECIPIENT_VERBS = frozenset("tell ask inform remind assure urge thank warn advise".split())
# Verbs whose direct object is what was said ("denied the report", "announced his run").
_OBJECT_VERBS = frozenset(
    """
deny announce confirm propose reject dispute criticize criticise praise defend predict promise
suggest cite question decry denounce condemn slam blast mock attack tout describe dismiss
acknowledge admit reveal recall recount reiterate repeat echo
""".split()
)


@dataclass
class Cue:
    """A reporting verb, its cue and source offsets, and the token ranges attaching quotes reads."""

    verb: Token
    cue: list[tuple[int, int]]
    source: list[tuple[int, int]]
    region: tuple[int, int]  # token range [start, end) covering cue and source
    clause: tuple[int, int] | None  # token range of the complement clause, if any
    quotes: list[int] = field(default_factory=list)


def reporting_cues(doc: Doc, quote_of: list[int]) -> list[Cue]:
    """Every reporting verb outside quotes with its source and clause, outermost first."""
    shared: dict[int, list[tuple[int, int]]] = {}  # verb index → source it shares with an earlier cue
    return [c for c in (_cue_at(doc, t, quote_of, shared) for t in _cue_verbs(doc, quote_of)) if c is not None]


def _cue_verbs(doc: Doc, quote_of: list[int]) -> list[Token]:
    """Cue verbs outside quotes, outermost first (a cue inside another's content is skipped later)."""
    verbs = [
        t
        for t in doc
        if quote_of[t.i] < 0 and t.pos_ in ("VERB", "AUX") and cues.is_cue_verb(t.lemma_) and t.dep_ != "amod"
    ]
    return sorted(verbs, key=lambda t: (len(list(t.ancestors)), t.i))


def _clause(doc: Doc, verb: Token, lemma: str, quote_of: list[int]) -> tuple[int, int] | None:
    """The content said, believed or taken a stance on, as a token range."""
    pick: Token | None = None
    for child in verb.children:
        if child.dep_ == "ccomp":
            pick = child
            break
    if pick is None:
        for child in verb.children:
            if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX") and any(
                g.dep_ == "aux" and g.lower_ == "to" for g in child.children
            ):
                pick = child
                break
    as_clause = verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    if pick is None and verb.head.i != verb.i and (verb.dep_ == "parataxis" or as_clause):
        # "The economy is strong, he said." / "As the Post reported, the deal ..."
        head = verb.head
        start, end = head.left_edge.i, head.right_edge.i + 1
        if verb.left_edge.i > head.i:
            end = verb.left_edge.i
        else:
            start = verb.right_edge.i + 1
        return trim(doc, start, end, quote_of) if end - start > 2 else None
    if pick is None and (lemma in _OBJECT_VERBS or (lemma not in _RECIPIENT_VERBS and lemma not in cues.WEAK_VERBS)):
        for child in verb.children:
            if child.dep_ == "dobj" and child.i > verb.i:
                pick = child
                break
        if pick is None:
            pick = _prep_object(verb, any_prep=cues.category(lemma) == "stance" or lemma == "call")
    if pick is None:
        for child in verb.children:  # "is calling for the United States to act", parsed as an adverbial clause
            if child.dep_ == "advcl" and child.left_edge.i == verb.i + 1 and child.left_edge.lower_ in ("for", "on"):
                start, end = trim(doc, verb.i + 2, child.right_edge.i + 1, quote_of)
                return (start, end) if end > start else None
    if pick is None:
        # "called several of its provisions "poison pills"" parsed as two predicates, no object
        named = [c for c in verb.children if c.dep_ == "oprd" and c.i > verb.i]
        if len(named) > 1 and not any(c.dep_ == "dobj" for c in verb.children):
            start, end = trim(doc, named[0].left_edge.i, named[-1].right_edge.i + 1, quote_of)
            return (start, end) if end > start else None
    if pick is None:
        passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if passive and agent_of(verb) is not None and lemma not in cues.WEAK_VERBS:
            pick = passive[0]  # "The move was first reported by MSNBC."
    if pick is None:
        return _next_paragraph(doc, verb, quote_of)
    right = pick.right_edge.i + 1
    if pick.dep_ in ("dobj", "pobj"):
        # "accused him of lying", "described the US as the “Great Satan”", "branded you a liar"
        for child in verb.children:
            # the second object may open with a quote mark: called the vote "a historic night"
            lead = child.left_edge.i
            while lead < child.i and quote_of[lead] >= 0 and doc[lead].is_punct:
                lead += 1
            if child.i >= right and (child.i <= right + 1 or lead <= right + 1) and (
                child.dep_ in ("oprd", "xcomp", "ccomp") or child.dep_ == "prep" and child.lower_ in ("as", "of", "for")
            ):
                right = child.right_edge.i + 1
    start, end = trim(doc, pick.left_edge.i, right, quote_of)
    if pick.dep_ in ("dobj", "pobj", "nsubjpass"):
        start, end = trim(doc, start, _without_channel(doc, start, end), quote_of)
    if pick.dep_ == "xcomp":
        # "urged workers to return": the one urged belongs to what was urged
        objects = [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < pick.i]
        if objects and objects[0].right_edge.i + 1 == pick.left_edge.i:
            start = objects[0].left_edge.i
    if start <= verb.i < end:
        return None
    return (start, end) if end > start else None


_CONTENT_PREPS = frozenset("about for against of".split())
# Prepositions that give the setting or the audience, not what was said ("speaking to reporters in Iowa").
_SETTING_PREPS = frozenset("to at in with from during after before by into through since".split())


def _prep_object(verb: Token, *, any_prep: bool = True) -> Token | None:
    """The object of "talked about X", "focused on X", "warned of X", "called for X"."""
    for child in verb.children:
        if child.dep_ != "prep" or child.i != verb.i + 1:
            continue
        allowed = child.lower_ in _CONTENT_PREPS or (any_prep and child.lower_ not in _SETTING_PREPS)
        if child.lower_ == "to" and verb.lemma_ in ("refer", "point", "object", "respond", "react"):
            allowed = True
        if allowed and not _channel_phrase(child):
            for grand in child.children:
                if grand.dep_ in ("pobj", "pcomp") and grand.lemma_ not in ("condition", "behalf", "phone", "camera"):
                    return grand
    return None


# Prepositions that put words on a channel ("on Fox Business", "via Instagram").
_CHANNEL_PREPS = frozenset("on via".split())
_NOT_CHANNELS = frozenset("GPE NORP PERSON DATE TIME LOC CARDINAL ORDINAL MONEY PERCENT QUANTITY".split())


def _channel_phrase(prep: Token) -> bool:
    """ "on Fox Business", "on Instagram": where the words were said, not what was said.

    A named thing (not a person, place or date) after "on"/"via" is a programme,
    outlet or platform; "on Russia" or "on Obama" stay content.
    """
    if prep.lower_ not in _CHANNEL_PREPS:
        return False
    objects = [g for g in prep.children if g.dep_ == "pobj"]
    if not objects:
        return False
    obj = objects[0]
    return obj.pos_ == "PROPN" and obj.ent_type_ not in _NOT_CHANNELS


def _without_channel(doc: Doc, start: int, end: int) -> int:
    """The end of an object content with a trailing channel phrase cut off ("the closure on Instagram")."""
    for t in doc[start:end]:
        if t.dep_ == "prep" and t.i > start and t.right_edge.i + 1 == end and _channel_phrase(t):
            return t.i
    return end


def _next_paragraph(doc: Doc, verb: Token, quote_of: list[int]) -> tuple[int, int] | None:
    """ "Breitbart News responded:" ending a paragraph: the content is the next paragraph."""
    i = verb.right_edge.i + 1
    if i >= len(doc) or doc[i].text != ":":
        return None
    j = i + 1
    if j >= len(doc) or "\n" not in doc[j].text_with_ws + doc[i].whitespace_:
        if not (j < len(doc) and doc[j].is_space and "\n" in doc[j].text):
            return None
    while j < len(doc) and doc[j].is_space:
        j += 1
    end = j
    while end < len(doc) and not (doc[end].is_space and "\n" in doc[end].text):
        end += 1
    start, end = trim(doc, j, end, quote_of)
    return (start, end) if end - start > 2 else None


_FINITE = ("VBZ", "VBD", "VBN", "VBP")


def _coordinated_cue(doc: Doc, verb: Token, clause: tuple[int, int], quote_of: list[int]) -> Token | None:
    """A second reporting verb of the same speaker the parser hung inside the content.

    "Kasich says he'd sit Putin down and tells the crowd he was first": "tells"
    shares "says"'s tense and has no subject of its own, so it starts a new
    attribution by the same source and the first content stops before it.
    """
    for t in doc[clause[0] : clause[1]]:
        if (
            t.dep_ == "conj"
            and t.tag_ in _FINITE
            and verb.tag_ in _FINITE
            and (t.tag_ == verb.tag_ or {t.tag_, verb.tag_} <= {"VBD", "VBN"})
            and quote_of[t.i] < 0
            and cues.is_cue_verb(t.lemma_)
            and not any(c.dep_ in SUBJECTS for c in t.children)
        ):
            return t
    return None


def _cue_at(doc: Doc, verb: Token, quote_of: list[int], shared: dict[int, list[tuple[int, int]]]) -> Cue | None:
    lemma = cues.normalize(verb.lemma_)
    if _asked_of(verb):
        return None
    subject = subject_of(verb, quote_of)
    clause = _clause(doc, verb, lemma, quote_of)
    source: list[tuple[int, int]] = []
    region = (verb.i, verb.i + 1)
    if verb.i in shared:
        source = shared[verb.i]
    elif subject is not None and quote_of[subject.i] < 0:
        s, e = mention_range(doc, subject, verb, quote_of)
        # "His co-star Hannah Voss told": a garbled parse with several subjects side by side
        # is one mention; take them all in.
        for other in sorted((c for c in subject.head.children if c.dep_ == "nsubj" and c.i < subject.i), reverse=True):
            if other.right_edge.i + 1 == s and quote_of[other.i] < 0 and "\n" not in other.text:
                s = other.left_edge.i
        if e > s:
            source = [char_offsets(doc, s, e)]
            if subject.head.i == verb.i or abs(subject.i - verb.i) <= 3:
                region = (min(s, verb.i), max(e, verb.i + 1))
    if clause is not None and clause[0] > verb.i:
        second = _coordinated_cue(doc, verb, clause, quote_of)
        if second is not None:
            cut = trim(doc, clause[0], second.i, quote_of)
            if cut[1] > cut[0] and doc[cut[1] - 1].lower_ in ("and", "but"):
                cut = trim(doc, cut[0], cut[1] - 1, quote_of)
            if cut[1] > cut[0]:
                clause = cut
                shared[second.i] = source
    cue_start, cue_end = verb.i, verb.i + 1
    for child in verb.children:
        if child.dep_ == "prt" and child.i == cue_end:
            cue_end += 1
        if child.dep_ in ("aux", "auxpass", "neg") and child.i == cue_start - 1:
            cue_start -= 1
        if child.dep_ == "agent" and clause is not None and clause[1] <= verb.i:
            cue_end = max(cue_end, child.i + 1)  # "was reported by"
    if clause and clause[0] == verb.i + 2 and doc[verb.i + 1].dep_ in ("prep", "mark"):
        cue_end = verb.i + 2  # "talked about"
    if verb.dep_ == "xcomp" and verb.head.i < verb.i and verb.head.lemma_ in ("be",) and verb.tag_ == "VBN":
        cue_start = min(cue_start, verb.head.i)  # "is expected to"
    return Cue(verb, [char_offsets(doc, cue_start, cue_end)], source, region, clause)


def _asked_of(verb: Token) -> bool:
    """ "Asked whether he would ..., Jayden laughed": the participle's subject was asked, did not ask.

    A past participle of a recipient verb ("asked", "told", "reminded") opening a
    clause with no subject of its own reports words said *to* the main subject.
    """
    return (
        verb.tag_ in ("VBN", "VBD")  # the tagger often reads a clause-initial "Asked" as past tense
        and verb.dep_ in ("advcl", "ccomp")
        and verb.i < verb.head.i
        and cues.normalize(verb.lemma_) in _RECIPIENT_VERBS
        and not any(c.dep_ in SUBJECTS + ("aux", "auxpass") for c in verb.children)
    )


def verb_attributions(
    doc: Doc, text: str, found: list[Cue], quotes: list[QuotedSpan], quote_of: list[int]
) -> tuple[list[Attribution], list[bool]]:
    """Attributions from cues, outermost first; a token belongs to at most one attribution."""
    taken = [False] * len(doc)
    taken_quotes: set[int] = set()
    out: list[Attribution] = []
    for cue in found:
        if taken[cue.verb.i]:
            continue
        content: list[tuple[int, int]] = []
        kind = "indirect"
        spans: list[tuple[int, int]] = []  # token ranges the attribution covers
        if cue.quotes:
            kind = "direct"
            for q in sorted(cue.quotes, key=lambda n: quotes[n].start):
                content.extend(quotes[q].fragments)
                taken_quotes.add(q)
            spans = [(i, i + 1) for i in range(len(doc)) if quote_of[i] in cue.quotes]
        elif cue.clause is not None:
            start, end = cue.clause
            inside = {quote_of[i] for i in range(start, end)} - {-1}
            words_outside = [t for t in doc[start:end] if quote_of[t.i] < 0 and not t.is_punct]
            if inside and not words_outside:
                kind = "direct"
                for q in sorted(inside):
                    content.extend(quotes[q].fragments)
                    taken_quotes.add(q)
                spans = [(i, i + 1) for i in range(len(doc)) if quote_of[i] in inside]
            else:
                if inside:
                    kind = "mixed"
                    taken_quotes.update(inside)
                    # widen to the whole quotation when the clause ends inside it
                    end = max([end] + [i + 1 for i in range(len(doc)) if quote_of[i] in inside])
                    start = min([start] + [i for i in range(len(doc)) if quote_of[i] in inside])
                elif cues.category(cue.verb.lemma_) in ("belief", "intention", "evidence") and not cue.source:
                    continue
                content = [char_offsets(doc, start, end)]
                spans = [(start, end)]
        else:
            continue
        imperative = cue.verb.tag_ == "VB" and kind == "indirect"  # "Note: ..."
        if not cue.source and (cues.category(cue.verb.lemma_) == "stance" or imperative):
            continue
        if not cue.source and cue.verb.lemma_.lower() in cues.WEAK_VERBS:
            continue
        if cue.verb.lemma_.lower() in cues.WEAK_VERBS and kind == "indirect" and cue.clause is not None:
            if not any(c.dep_ == "ccomp" for c in cue.verb.children):
                continue
        if any(taken[i] for s, e in spans for i in range(s, e)):
            continue
        if any('="' in text[s:e] for s, e in content):
            continue  # embed markup ("tweet id=...") left in the text
        for s, e in spans:
            for i in range(s, e):
                taken[i] = True
        taken[cue.verb.i] = True
        out.append(
            Attribution(
                content=content,
                cue=cue.cue,
                source=cue.source,
                type=kind,
                confidence=0.9 if cue.source else 0.6,
                origin="rules",
            )
        )
    return out, taken
