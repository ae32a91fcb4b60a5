"""Rule-based span finder: quote marks, the dependency parse and the cue lexicon.

Follows PolNeAR's conventions so scores compare: a direct quote's content keeps
its marks and is discontinuous when the cue interrupts it; indirect content is the
complement clause ("that" included) without the final full stop; the cue is the
reporting verb (or "according to"/"per"); the source is the whole subject mention.

    cue verbs (lexicon, outside quotes) → source (subject, inherited through
    "..., saying"/"and added") → content (attached quotes, else the clause)
    → "according to X" / "per X" → leftover quotes: continuations or dropped

Needs a Doc with a dependency parse (``doc.has_annotation("DEP")``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..errors import ModelError
from ..lang.dateline import dateline_end
from ..lang.quotemarks import MAY_OPEN, QUOTE_MARKS
from . import cues
from .attribution import Attribution, strip_span
from .quotemarks import QuotedSpan, quotes_of
from .extensions import text_of

_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_INHERIT = ("conj", "advcl", "xcomp", "acl")  # "he said ... and added", "..., saying"
_RECIPIENT_VERBS = frozenset("tell ask inform remind assure urge thank warn advise".split())
# Verbs whose direct object is what was said ("denied the report", "announced his run").
_OBJECT_VERBS = frozenset(
    """
deny announce confirm propose reject dispute criticize criticise praise defend predict promise
suggest cite question decry denounce condemn slam blast mock attack tout describe dismiss
acknowledge admit reveal recall recount reiterate repeat echo
""".split()
)
_GAP_LIMIT = 10  # tokens allowed between a quote and its cue/source ("said in a statement on Tuesday:")
_MIN_SENTENCE_WORDS = 4  # a cue-less quote shorter than this is a title or a scare quote


@dataclass
class _Cue:
    verb: Token
    cue: list[tuple[int, int]]
    source: list[tuple[int, int]]
    region: tuple[int, int]  # token range [start, end) covering cue and source
    clause: tuple[int, int] | None  # token range of the complement clause, if any
    quotes: list[int] = field(default_factory=list)


def find_attributions(doc: Doc) -> list[Attribution]:
    """Every attribution the rules find in ``doc`` (which must carry a dependency parse)."""
    if len(doc) and not doc.has_annotation("DEP"):
        raise ModelError(
            "the rules finder needs a dependency parse: load a spaCy pipeline with its parser "
            '(quotegraph.load(finder="rules") does) or use the learned finder'
        )
    text = text_of(doc)  # once per doc (text_of caches it)
    quotes = [q for q in quotes_of(doc) if q.depth == 0]
    quote_of = _token_quotes(doc, quotes)
    shared: dict[int, list[tuple[int, int]]] = {}  # verb index → source it shares with an earlier cue
    found = [c for c in (_cue_at(doc, t, quote_of, shared) for t in _cue_verbs(doc, quote_of)) if c is not None]
    _attach_quotes(doc, found, quotes, quote_of)
    attributions, taken = _build(doc, text, found, quotes, quote_of)
    attributions += _prepositional(doc, quote_of, taken)
    attributions += _nominal(doc, quote_of, taken)
    attributions += _labelled(doc, text, quotes, quote_of, taken)
    attributions.sort(key=lambda a: a.start)
    attributions += _introduced(doc, text, attributions, quotes, quote_of)
    attributions.sort(key=lambda a: a.start)
    attributions = statements_only(doc, text, attributions)
    attach_continuations(doc, text, attributions, quotes)
    return attributions


# "declined to comment", "did not respond to a request for comment": the absence of a statement.
_NO_COMMENT = re.compile(
    r"(?:(?:not\s+)?to\s+(?:comment|discuss|elaborate|speak|respond|say|answer)\b"
    r"|(?:(?:an?|any|the|our|its|their|his|her|several|repeated|multiple)\s+)?(?:\w+\s+)?"
    r"(?:requests?|inquir(?:y|ies)|messages?|calls?|e-?mails?|questions?)\s+(?:for|seeking)\s+comment)",
    re.IGNORECASE,
)
_REFUSALS = frozenset("decline refuse".split())
# "was not authorized to discuss ...": permission words whose complement is no statement.
_PERMISSIONS = frozenset("authorize authorise allow permit refuse decline fail".split())


def statements_only(doc: Doc, text: str, attributions: list[Attribution]) -> list[Attribution]:
    """Drop what is not a statement and keep content out of the dateline.

    Not statements: "declined to comment", "did not respond to a request for
    comment", "was not authorized to discuss ...", and a reporting verb inside
    another attribution's source whose object is a thing, not words ("said
    Councilwoman Priya Raman, who wrote the final version of the deal, ...").
    A dateline ("LOS ANGELES (AP) — June 26, 2024 —") is never content or source.
    Reads only offsets, cue tokens and (when present) the parse, so another finder's
    output can pass through it too.
    """
    top = dateline_end(text)
    out: list[Attribution] = []
    for att in attributions:
        if top:
            att.content = _clip(text, att.content, top)
            att.source = _clip(text, att.source, top)
            if not att.content or any(s < top for s, _ in att.cue):
                continue
        if att.type == "indirect":
            att.content = _one_paragraph(text, att)
        if att.type == "indirect" and _no_statement(doc, text, att, attributions):
            continue
        if att.type == "direct" and not att.source and all(_title_like(text, s, e) for s, e in att.content):
            continue  # apologizing for "Harbor Lights.": a title in quote marks, and nobody speaking
        out.append(att)
    return out


def _one_paragraph(text: str, att: Attribution) -> list[tuple[int, int]]:
    """Indirect content stays in its cue's paragraph: a clause before "..., the festival announced"
    never reaches back over a line break into a headline."""
    cue_at = att.anchor
    out = []
    for s, e in att.content:
        if "\n" not in text[s:e]:
            out.append((s, e))
            continue
        para_start = text.rfind("\n", 0, cue_at) + 1
        para_end = text.find("\n", cue_at)
        para_end = len(text) if para_end < 0 else para_end
        if s < para_end and para_start < e:  # the part in the cue's own paragraph
            s, e = max(s, para_start), min(e, para_end)
        elif e <= cue_at:
            s = text.rindex("\n", s, e) + 1
        else:
            e = text.index("\n", s, e)
        s, e = strip_span(text, s, e)
        if e > s:
            out.append((s, e))
    return out or att.content


def _title_like(text: str, start: int, end: int) -> bool:
    """A quoted stretch too short to be said words: a title, a nickname or a scare-quoted term."""
    return len(text[start:end].strip(QUOTE_MARKS + " .,").split()) < _MIN_SENTENCE_WORDS



def _clip(text: str, spans: list[tuple[int, int]], top: int) -> list[tuple[int, int]]:
    """Spans cut to start at ``top``, spaces and dashes stripped; the ones wholly before it dropped."""
    out = []
    for s, e in spans:
        s = max(s, top)
        while s < e and (text[s].isspace() or text[s] in "—–-:,"):
            s += 1
        if e > s:
            out.append((s, e))
    return out


def _no_statement(doc: Doc, text: str, att: Attribution, attributions: list[Attribution]) -> bool:
    content = " ".join(text[s:e] for s, e in att.content).strip()
    cue = doc.char_span(att.cue[0][0], att.cue[-1][1], alignment_mode="expand") if att.cue else None
    verbs = [t for t in cue or () if t.pos_ in ("VERB", "AUX")]
    verb = verbs[-1] if verbs else None
    # Without a parse (the learned finder's docs) Token.children/.head/.dep_ mean nothing: don't read them.
    parsed = doc.has_annotation("DEP")
    if _NO_COMMENT.fullmatch(content) or _NO_COMMENT.match(content) and verb is not None and (
        cues.normalize(verb.lemma_) in _REFUSALS or _negated(doc, verb, parsed)
    ):
        return True
    if parsed and verb is not None and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _PERMISSIONS:
        return True
    if parsed and att.cue and any(
        other is not att and any(s <= att.cue[0][0] < e for s, e in other.source) for other in attributions
    ):
        span = doc.char_span(att.content[0][0], att.content[-1][1], alignment_mode="expand")
        if span is not None and span.root.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            return True  # a description of the speaker, not something said
    return False


def _negated(doc: Doc, verb: Token, parsed: bool) -> bool:
    """ "did not respond": by the parse when there is one, else a negation just before the verb."""
    if parsed:
        return any(c.dep_ == "neg" for c in verb.children)
    return any(t.lower_ in ("not", "n't", "never") for t in doc[max(0, verb.i - 2) : verb.i])


def _token_quotes(doc: Doc, quotes: list[QuotedSpan]) -> list[int]:
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


def _cue_verbs(doc: Doc, quote_of: list[int]) -> list[Token]:
    """Cue verbs outside quotes, outermost first (a cue inside another's content is skipped later)."""
    verbs = [
        t
        for t in doc
        if quote_of[t.i] < 0 and t.pos_ in ("VERB", "AUX") and cues.is_cue_verb(t.lemma_) and t.dep_ != "amod"
    ]
    return sorted(verbs, key=lambda t: (len(list(t.ancestors)), t.i))


def _chars(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Char offsets of tokens [start, end)."""
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def _trim(doc: Doc, start: int, end: int, quote_of: list[int]) -> tuple[int, int]:
    """Shrink a token range past punctuation and spaces at its edges (quote marks that close it stay)."""
    while start < end and (doc[start].is_punct or doc[start].is_space) and quote_of[doc[start].i] < 0:
        start += 1
    while start < end and (doc[end - 1].is_punct or doc[end - 1].is_space) and quote_of[doc[end - 1].i] < 0:
        end -= 1
    return start, end


def _subject(verb: Token, quote_of: list[int] | None = None) -> Token | None:
    """The verb's subject, inherited from the verb it hangs off when it has none of its own.

    A subject outside quotation marks wins over one the parser found inside a quote
    (“Every single one,” Okafor told ...: "Okafor", not "one").
    """
    node: Token | None = verb
    for _ in range(4):
        assert node is not None
        # Nearest subject first: when a garbled parse gives several, the one next to the verb heads.
        children = sorted(node.children, key=lambda c: -c.i if c.i < node.i else c.i)
        if quote_of is not None:
            children.sort(key=lambda c: c.dep_ in _SUBJECTS and quote_of[c.i] >= 0)
        for child in children:
            if child.dep_ in _SUBJECTS:
                if child.dep_ == "nsubjpass":
                    agent = _agent(node)
                    return agent
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


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def _mention(doc: Doc, head: Token, verb: Token, quote_of: list[int]) -> tuple[int, int]:
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
    return _trim(doc, start, end, quote_of)


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
        return _trim(doc, start, end, quote_of) if end - start > 2 else None
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
                start, end = _trim(doc, verb.i + 2, child.right_edge.i + 1, quote_of)
                return (start, end) if end > start else None
    if pick is None:
        # "called several of its provisions "poison pills"" parsed as two predicates, no object
        named = [c for c in verb.children if c.dep_ == "oprd" and c.i > verb.i]
        if len(named) > 1 and not any(c.dep_ == "dobj" for c in verb.children):
            start, end = _trim(doc, named[0].left_edge.i, named[-1].right_edge.i + 1, quote_of)
            return (start, end) if end > start else None
    if pick is None:
        passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if passive and _agent(verb) is not None and lemma not in cues.WEAK_VERBS:
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
    start, end = _trim(doc, pick.left_edge.i, right, quote_of)
    if pick.dep_ in ("dobj", "pobj", "nsubjpass"):
        start, end = _trim(doc, start, _without_channel(doc, start, end), quote_of)
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
    start, end = _trim(doc, j, end, quote_of)
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
            and not any(c.dep_ in _SUBJECTS for c in t.children)
        ):
            return t
    return None


def _cue_at(doc: Doc, verb: Token, quote_of: list[int], shared: dict[int, list[tuple[int, int]]]) -> _Cue | None:
    lemma = cues.normalize(verb.lemma_)
    if _asked_of(verb):
        return None
    subject = _subject(verb, quote_of)
    clause = _clause(doc, verb, lemma, quote_of)
    source: list[tuple[int, int]] = []
    region = (verb.i, verb.i + 1)
    if verb.i in shared:
        source = shared[verb.i]
    elif subject is not None and quote_of[subject.i] < 0:
        s, e = _mention(doc, subject, verb, quote_of)
        # "His co-star Hannah Voss told": a garbled parse with several subjects side by side
        # is one mention; take them all in.
        for other in sorted((c for c in subject.head.children if c.dep_ == "nsubj" and c.i < subject.i), reverse=True):
            if other.right_edge.i + 1 == s and quote_of[other.i] < 0 and "\n" not in other.text:
                s = other.left_edge.i
        if e > s:
            source = [_chars(doc, s, e)]
            if subject.head.i == verb.i or abs(subject.i - verb.i) <= 3:
                region = (min(s, verb.i), max(e, verb.i + 1))
    if clause is not None and clause[0] > verb.i:
        second = _coordinated_cue(doc, verb, clause, quote_of)
        if second is not None:
            cut = _trim(doc, clause[0], second.i, quote_of)
            if cut[1] > cut[0] and doc[cut[1] - 1].lower_ in ("and", "but"):
                cut = _trim(doc, cut[0], cut[1] - 1, quote_of)
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
    return _Cue(verb, [_chars(doc, cue_start, cue_end)], source, region, clause)


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
        and not any(c.dep_ in _SUBJECTS + ("aux", "auxpass") for c in verb.children)
    )


def _gap_ok(doc: Doc, start: int, end: int, cue: _Cue, quote_of: list[int], *, after: bool) -> bool:
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


def _attach_quotes(doc: Doc, found: list[_Cue], quotes: list[QuotedSpan], quote_of: list[int]) -> None:
    """Give each quotation to the cue it sits next to (before, after, or around the cue)."""
    if not quotes:
        return
    first_tok: dict[int, int] = {}
    last_tok: dict[int, int] = {}
    for i, q in enumerate(quote_of):
        if q >= 0:
            first_tok.setdefault(q, i)
            last_tok[q] = i
    owned: dict[int, _Cue] = {}
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


def _build(
    doc: Doc, text: str, found: list[_Cue], quotes: list[QuotedSpan], quote_of: list[int]
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
                content = [_chars(doc, start, end)]
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


def _prepositional(doc: Doc, quote_of: list[int], taken: list[bool]) -> list[Attribution]:
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
        src = _trim(doc, obj.left_edge.i, obj.right_edge.i + 1, quote_of)
        sent = t.sent
        phrase = (cue_range[0], max(src[1], cue_range[1]))
        pieces = []
        if phrase[0] > sent.start:
            pieces.append(_trim(doc, sent.start, phrase[0], quote_of))
        if phrase[1] < sent.end:
            pieces.append(_trim(doc, phrase[1], sent.end, quote_of))
        pieces = [(s, e) for s, e in pieces if e - s >= 2]
        if not pieces or src[1] <= src[0]:
            continue
        kind = "mixed" if any(quote_of[i] >= 0 for s, e in pieces for i in range(s, e)) else "indirect"
        for s, e in pieces:
            for i in range(s, e):
                taken[i] = True
        out.append(
            Attribution(
                content=[_chars(doc, s, e) for s, e in pieces],
                cue=[_chars(doc, *cue_range)],
                source=[_chars(doc, *src)],
                type=kind,
                confidence=0.85,
                origin="rules",
            )
        )
    return out


def _nominal(doc: Doc, quote_of: list[int], taken: list[bool]) -> list[Attribution]:
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
        start, end = _trim(doc, *what, quote_of)
        holder = holders[0]
        src_end = holder.i + 1  # without the "'s"
        src = _trim(doc, holder.left_edge.i, src_end, quote_of)
        if end <= start or src[1] <= src[0] or any(taken[i] for i in range(start, end)):
            continue
        for i in range(start, end):
            taken[i] = True
        kind = "mixed" if any(quote_of[i] >= 0 for i in range(start, end)) else "indirect"
        out.append(
            Attribution(
                content=[_chars(doc, start, end)],
                cue=[_chars(doc, t.i, t.i + 1)],
                source=[_chars(doc, *src)],
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


_NOT_SPEAKERS = frozenset(
    """
note update updated editor photo photos image video watch related read see source sources correction
disclosure warning caption credit credits listen subscribe advertisement transcript ps p.s. q a
""".split()
)
_DASHES = ("―", "—", "–", "--", "-")


def _labelled(
    doc: Doc, text: str, quotes: list[QuotedSpan], quote_of: list[int], taken: list[bool]
) -> list[Attribution]:
    """Speaker labels without a verb: "PENCE: Well, ..." (transcripts, headlines) and "“...” ― Name"."""
    out: list[Attribution] = []
    for start, end in _lines(text):
        label = _colon_label(doc, text, start, end)
        if label is not None:
            (ls, le), colon = label
            if not any(taken[t.i] for t in doc.char_span(colon, end, alignment_mode="expand") or ()):
                content_start = colon + 1
                while content_start < end and text[content_start].isspace():
                    content_start += 1
                if content_start < end:
                    out.append(
                        Attribution(
                            content=[(content_start, end)],
                            cue=[(colon, colon + 1)],
                            source=[(ls, le)],
                            type="direct",
                            confidence=0.6,
                            origin="rules",
                        )
                    )
                    continue
        byline = _dash_byline(doc, text, start, end, quotes)
        if byline is not None:
            out.append(byline)
    return out


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        s, e = strip_span(text, s, e)
        if e > s:
            spans.append((s, e))
    return spans


def _colon_label(doc: Doc, text: str, start: int, end: int) -> tuple[tuple[int, int], int] | None:
    """ "NAME: words" at a line start: the label's offsets and the colon's, when the label names someone."""
    s = start + (1 if text[start] in MAY_OPEN else 0)
    colon = text.find(":", s, min(end, s + 40))
    if colon < 0 or colon + 2 >= end or not text[colon + 1].isspace():
        return None
    label = text[s:colon]
    words = label.split()
    if not 1 <= len(words) <= 4 or not all(w[:1].isupper() for w in words if w.isalpha()):
        return None
    if any(w.lower().strip(" .’'s") in _NOT_SPEAKERS for w in (words[0], words[-1])):
        return None
    if any(ch.isdigit() for ch in label):
        return None  # times ("10:30"), dates
    span = doc.char_span(s, colon, alignment_mode="expand")
    if span is None or any(t.pos_ in ("VERB", "AUX", "ADP", "DET") for t in span):
        return None
    named = label.isupper() and len(label) > 1 or any(t.ent_type_ in ("PERSON", "ORG") for t in span)
    if not named and len(words) <= 3:
        # Headlines: "Lynch: No outside influence ...": a label the article names elsewhere.
        last = words[-1].lower()
        named = last in ("poll", "survey", "study", "report", "camp", "campaign") or any(
            e.label_ in ("PERSON", "ORG") and e.text.split()[-1].lower() == last for e in doc.ents
        )
    if not named:
        return None  # a headline ("The Ninth Circle: ..."), not someone speaking
    return (s, colon), colon


def _dash_byline(doc: Doc, text: str, start: int, end: int, quotes: list[QuotedSpan]) -> Attribution | None:
    """ "“...” ― Jane Doe": a quotation signed with a dash and a name at the end of its line."""
    for q in quotes:
        if not (start <= q.start and q.end < end):
            continue
        tail = text[q.end : end]
        stripped = tail.lstrip(" \u00a0")
        dash = next((d for d in _DASHES if stripped.startswith(d)), None)
        if dash is None:
            continue
        dash_at = q.end + (len(tail) - len(stripped))
        name_start = dash_at + len(dash)
        while name_start < end and text[name_start] in " \u00a0":
            name_start += 1
        name = doc.char_span(name_start, end, alignment_mode="expand")
        if name is None or not 1 <= len(name) <= 6 or not any(t.pos_ == "PROPN" for t in name):
            continue
        return Attribution(
            content=list(q.fragments),
            cue=[(dash_at, dash_at + len(dash))],
            source=[(name_start, end)],
            type="direct",
            confidence=0.7,
            origin="rules",
        )
    return None


def _introduced(
    doc: Doc, text: str, attributions: list[Attribution], quotes: list[QuotedSpan], quote_of: list[int]
) -> list[Attribution]:
    """A quotation introduced by a colon with no reporting verb: "Clinton released a statement: “...”"."""
    covered = [(min(s for s, _ in _all(a)), max(e for _, e in _all(a))) for a in attributions]
    out: list[Attribution] = []
    for q in quotes:
        if any(s <= q.start < e for s, e in covered) or not _sentence_like(text, q):
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
        subject = _subject(root) if root.i < span[0].i else None
        if subject is None or quote_of[subject.i] >= 0:
            continue
        if not (subject.ent_type_ in ("PERSON", "ORG", "NORP") or subject.lower_ in ("he", "she", "they", "we")):
            continue
        s, e = _mention(doc, subject, root, quote_of)
        if e <= s:
            continue
        cue_start = root.i if e <= root.i else span[0].i
        out.append(
            Attribution(
                content=list(q.fragments),
                cue=[(doc[cue_start].idx, colon + 1)],
                source=[_chars(doc, s, e)],
                type="direct",
                confidence=0.6,
                origin="rules",
            )
        )
    return out


def attach_continuations(doc: Doc, text: str, attributions: list[Attribution], quotes: list[QuotedSpan]) -> None:
    """Cue-less quotations that carry on the speaker of the quote just before them.

    ``"X," he said. "Y."`` and a quote-only paragraph after a speaker's quote: the
    quotation follows an attributed quote with nothing but punctuation between.
    """
    covered = [(min(s for s, _ in _all(a)), max(e for _, e in _all(a))) for a in attributions]
    chain: list[Attribution] = list(attributions)
    for q in quotes:
        if any(s <= q.start < e or s < q.end <= e for s, e in covered):
            continue
        if not _sentence_like(text, q):
            continue
        before = [a for a in chain if max(e for _, e in _all(a)) <= q.start]
        if not before:
            continue
        prev = max(before, key=lambda a: max(e for _, e in _all(a)))
        if prev.type not in ("direct", "mixed"):
            continue
        gap_start = max(e for _, e in _all(prev))
        sent = doc.char_span(gap_start - 1, gap_start, alignment_mode="expand")
        if sent is not None and sent.sent.end_char <= q.start:
            gap_start = max(gap_start, sent.sent.end_char)  # the rest of the cue's sentence ("she said in a post.")
        gap = _outside_quotes(text, gap_start, q.start, quotes)
        if any(c.isalnum() for c in gap):
            continue
        head = prev if prev.continues is None else prev.continues
        if "\n" not in text[max(e for _, e in _all(prev)) : q.start]:
            # Same paragraph: PolNeAR joins it to the quote before as one more fragment.
            prev.content = sorted(prev.content + list(q.fragments))
            continue
        follower = Attribution(content=list(q.fragments), type="direct", confidence=0.7, origin="rules")
        follower.continues = head
        chain.append(follower)
    followers = chain[len(attributions) :]
    if not followers:
        return
    attributions.extend(followers)
    attributions.sort(key=lambda a: a.start)


def _all(att: Attribution) -> list[tuple[int, int]]:
    return list(att.content) + list(att.cue) + list(att.source)


def _outside_quotes(text: str, start: int, end: int, quotes: list[QuotedSpan]) -> str:
    chars = list(text[start:end])
    for q in quotes:
        for s, e in q.fragments:
            for i in range(max(s, start), min(e, end)):
                chars[i - start] = " "
    return "".join(chars)


def _sentence_like(text: str, q: QuotedSpan) -> bool:
    """A quotation that reads as said words, not a title or a scare-quoted term."""
    inner = q.inner(text)
    words = inner.split()
    if len(words) < _MIN_SENTENCE_WORDS:
        return False
    return inner[:1].isupper() or inner[:1] in "…." or text[q.end - 2 : q.end - 1] in ".?!,"
