"""Speaker stage: resolve each attribution's source mention to a named speaker.

Works on any finder's output (it reads only the source offsets) and with or
without a dependency parse.  In order of trust:

    a name in the source ("Spokeswoman Haley Morris", "TMZ") → its fullest form
    a name in apposition beside it ("Federline's attorney, Mark Vincent Kaplan")
    he / she / "the 52-year-old" → the nearest earlier person outside quotations, of a
        compatible gender, a subject (or a name in apposition to one) first
    a description ("the attorney") → the person the article described that way
    "the outlet" / "the network" → the outlet named before (one that reported, or named like one)
    a continued quote → the speaker of the quote it continues

Anything else leaves ``speaker`` as None: the source span keeps the mention.
Roles are left to the profiles stage.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..model import Speaker
from .attribution import Attribution
from .channels import is_outlet_name
from .mentions import TITLE_BEFORE_NAME, Mention, MentionIndex, head_noun

_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
_OUTLET_NOUNS = frozenset(
    "outlet publication network newspaper paper magazine site website station broadcaster channel "
    "tabloid daily agency report".split()
)
# "the 52-year-old", "the 27-year-old singer": refers back like a pronoun, whatever the gender.
_AGE_DESCRIPTION = re.compile(r"the\s+\d{1,3}-year-old(?:\s+[a-z-]+)?")
_ORG_NOUNS = frozenset("campaign camp team office administration committee party group company".split())
_SYNONYMS = {
    "lawyer": {"attorney", "counsel"},
    "attorney": {"lawyer", "counsel"},
    "spokesman": {"spokeswoman", "spokesperson"},
    "spokeswoman": {"spokesman", "spokesperson"},
    "spokesperson": {"spokesman", "spokeswoman"},
    "rep": {"representative", "publicist"},
    "representative": {"rep", "publicist"},
    "senator": {"sen"},
    "governor": {"gov"},
}


def resolve_speakers(doc: Doc, attributions: list[Attribution]) -> None:
    """Fill ``speaker`` and ``speaker_mention`` where the article supports a resolution; leave None otherwise."""
    if not attributions:
        return
    index = MentionIndex(doc)
    spoken: set[tuple[int, int]] = set()
    for att in sorted(attributions, key=lambda a: a.anchor):
        if att.continues is None and att.source:
            _resolve(doc, index, att, spoken)
            if att.speaker_mention is not None:
                spoken.add(att.speaker_mention)
    for att in attributions:
        head = att.continues
        if head is not None:
            if head.continues is None:
                att.speaker = head.speaker
                att.speaker_mention = head.speaker_mention


def _resolve(doc: Doc, index: MentionIndex, att: Attribution, spoken: set[tuple[int, int]]) -> None:
    start = min(s for s, _ in att.source)
    end = max(e for _, e in att.source)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not span.text.strip():
        return
    found = _named(index, span) or _proper(index, span) or _apposition(doc, index, span)
    found = found or _pronoun(index, span, att, spoken)
    found = found or _description(index, span, spoken) or _possessed(index, span)
    if found is None:
        return
    speaker, mention = found
    att.speaker = speaker
    att.speaker_mention = (mention.start, mention.end) if mention is not None else None
    if speaker.kind == "person" and span.text.lower() in _PRONOUNS:
        person = index.person(speaker.name)
        if person is not None and person.gender is None:
            person.gender = _PRONOUNS[span.text.lower()]  # type: ignore[assignment]


def _speaker_of(index: MentionIndex, m: Mention, kind: str | None = None) -> Speaker:
    """The speaker a mention names.  Roles are left to the profiles stage, which keeps only
    real role words; the descriptions seen here ("plans", "to") are too noisy to emit."""
    kind = kind or (m.kind if m.kind in ("person", "organization") else "other")
    return Speaker(name=m.name or m.text, kind=kind)  # type: ignore[arg-type]


def _named(index: MentionIndex, span: Span) -> tuple[Speaker, Mention] | None:
    """The name that heads the source: not a possessive ("Federline's attorney"), not after a
    preposition ("a spokesman for Clinton"), and the head of "Homeland Security Secretary Jeh Johnson"."""
    options = []
    for m in index.inside(span.start_char, span.end_char):
        if m.possessive or m.quoted:
            continue  # "whose album “Glass Houses” topped the charts": a title in quote marks never speaks
        # "Secretary of State John F. Kerry": the "of" of a title is no preposition before the name
        before = TITLE_BEFORE_NAME.sub(" ", index.text[span.start_char : m.start] + "X")[:-1].lower()
        if "," in before and options:
            break  # an apposition follows the head: "Brian Fallon, the campaign's press secretary"
        since_comma = before.rsplit(",", 1)[-1].split()
        if any(w in ("for", "of", "at", "with", "from", "to", "by", "about") for w in since_comma):
            continue
        options.append(m)
    if not options:
        return None
    if span.doc.has_annotation("DEP"):
        root = span.root
        for m in options:
            if m.start <= root.idx < m.end:
                return _speaker_of(index, m), m
        for m in options:  # "Federline's attorney, Mark Vincent Kaplan": the name in apposition to the head
            token = span.doc.char_span(m.start, m.end, alignment_mode="expand")
            if token is not None and any(t.dep_ == "appos" and t.head.i == root.i for t in token):
                return _speaker_of(index, m), m
            outside = root.head.i not in range(span.start, span.end)
            if token is not None and outside and any(
                t.dep_ in ("nsubj", "nsubjpass") and t.head.i == root.head.i for t in token
            ):
                return _speaker_of(index, m), m  # "His co-star Hannah Voss told": parsed as two subjects
        if root.pos_ == "NOUN":
            return None  # the name only modifies the head: "McConnell aides"
    options = [m for m in options if not _modifies_noun(span, m)]
    if not options:
        return None
    people = [m for m in options if m.kind == "person"]
    pick = (people or options)[-1]
    return _speaker_of(index, pick), pick


def _modifies_noun(span: Span, m: Mention) -> bool:
    """Without a parse: a name directly followed by a common noun modifies it ("McConnell aides")."""
    after = [t for t in span if t.idx >= m.end]
    return bool(after) and after[0].pos_ == "NOUN"


def _proper(index: MentionIndex, span: Span) -> tuple[Speaker, None] | None:
    """A source of proper nouns that no entity covers cleanly (headlines): a person the article names."""
    words = [t for t in span if not t.is_punct]
    if not words or len(words) > 4 or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words):
        return None
    text = span.text.strip()
    full = index.full_name(text)
    if full != text or index.person(text) is not None:
        return Speaker(name=full, kind="person"), None
    return None


def _apposition(doc: Doc, index: MentionIndex, span: Span) -> tuple[Speaker, Mention] | None:
    """A description with its name beside it: "Federline's attorney, Mark Vincent Kaplan," / "X, an attorney"."""
    text = index.text
    if not any(t.pos_ == "NOUN" for t in span):
        return None  # only a description stands in apposition ("I, ..." is not one)
    after = re.match(r",\s+", text[span.end_char : span.end_char + 3])
    if after:
        pos = span.end_char + after.end()
        for m in index.mentions:
            if m.start == pos and m.kind == "person" and not m.possessive:
                return _speaker_of(index, m), m
    before = text[max(0, span.start_char - 3) : span.start_char]
    if before.endswith((", ", ",\u00a0")):
        for m in index.mentions:
            if m.kind == "person" and not m.possessive and text[m.end : span.start_char].strip() == ",":
                return _speaker_of(index, m), m
    return None


def _pronoun(
    index: MentionIndex, span: Span, att: Attribution, speakers_so_far: set[tuple[int, int]]
) -> tuple[Speaker, Mention] | None:
    """ "he"/"she" → the nearest earlier person outside quotations whose gender does not clash."""
    word = span.text.strip().lower()
    if word not in _PRONOUNS and not _AGE_DESCRIPTION.fullmatch(word.split(",")[0].strip()):
        return None
    gender = _PRONOUNS.get(word)
    # Content in quote marks is the speaker's own words (its names are not the narrator's); an
    # indirect clause before its cue is narration: "Chef X is closing ..., he announced".
    content = [(s, e) for s, e in att.content] if att.type == "direct" else []
    candidates = [
        m for m in index.before(span.start_char, kind="person") if not any(s <= m.start < e for s, e in content)
    ]
    plain = [m for m in candidates if not m.possessive]
    # Salient first: a subject or an earlier speaker in the last few sentences, then the nearest.
    here = candidates[0].sentence if candidates else -1
    salient = [
        m
        for m in plain
        if (m.subject or (m.start, m.end) in speakers_so_far) and (here < 0 or m.sentence < 0 or here - m.sentence <= 3)
    ]
    for pool in (salient, plain, candidates):
        for m in pool:
            person = index.person(m.name)
            if person is not None and gender is not None and person.gender not in (None, gender):
                continue
            return _speaker_of(index, m), m
    return None


def _description(
    index: MentionIndex, span: Span, spoken: set[tuple[int, int]] | None = None
) -> tuple[Speaker, Mention] | None:
    """ "the attorney" → the person described so; "the outlet" → the outlet named before."""
    head = head_noun(span)
    if head is None:
        return None
    words = span.text.lower().split()
    if head in _OUTLET_NOUNS and words[:1] in (["the"], ["that"], ["this"]):
        m = _outlet_before(index, span.start_char, spoken or set())
        return (_speaker_of(index, m, "organization"), m) if m is not None else None
    possessed = any(m.possessive for m in index.inside(span.start_char, span.end_char))
    if words[:1] not in (["the"], ["his"], ["her"], ["their"]) and not possessed:
        return None  # "a spokesman", "officials": not a description of someone already named
    for role in {head} | _SYNONYMS.get(head, set()):
        m = index.with_role(role, span.start_char)
        if m is not None:
            return _speaker_of(index, m), m
    return None


def _outlet_before(index: MentionIndex, pos: int, spoken: set[tuple[int, int]]) -> Mention | None:
    """The outlet "the outlet" / "the publication" points back to: the nearest earlier name that
    reported something or looks like an outlet ("Bloomberg first reported ..."), else the nearest
    organisation — never a capitalised headline word ("Software maker ...", "Festival headliner ...")."""
    names = [m for m in index.before(pos, kind="organization") + index.before(pos, kind="other")]
    names.sort(key=lambda m: -m.end)
    for m in names:
        if (m.start, m.end) in spoken or is_outlet_name(m.name or m.text):
            return m
    for m in names:
        if m.kind == "organization" and not _modifier_word(index, m):
            return m
    return None


def _modifier_word(index: MentionIndex, m: Mention) -> bool:
    """A single capitalised word directly followed by a lower-case noun: "Software maker", "Festival headliner"."""
    if len(m.text.split()) > 1:
        return False
    after = index.text[m.end : m.end + 20].split()
    return bool(after) and after[0][:1].islower()


def _possessed(index: MentionIndex, span: Span) -> tuple[Speaker, Mention] | None:
    """ "O'Malley's campaign" / "the Trump campaign" speaks as an organisation named after its person."""
    head = head_noun(span)
    if head not in _ORG_NOUNS:
        return None
    for m in index.inside(span.start_char, span.end_char):
        if m.possessive or _modifies_noun(span, m):
            return Speaker(name=f"{index.full_name(m.name)} {head}", kind="organization"), m
    return None
