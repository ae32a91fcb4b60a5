"""What the words of a source say about whom they mean, before anyone is looked up.

The entity stage resolves "the pop icon", "Federline's attorney", "a spokesperson for the
Universities and Colleges Employers' Association", "American officials", "the report": here
are the noun classes that decide what each may refer to (people, organisations, outlets,
documents, anonymous sources), the roles that name the same job, and :func:`shape_of`, which
reads a description's head noun, determiner, owner, organisation, qualifiers and age —
with or without a dependency parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from . import profiles
from .mentions import Mention

PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
THING_PRONOUNS = frozenset(("it", "its"))
PLURAL_PRONOUNS = frozenset(("they", "them", "their"))

# Head nouns of descriptions, by what they can refer to.
OUTLET_NOUNS = frozenset(
    "outlet publication network newspaper paper magazine site website station broadcaster channel tabloid daily "
    "weekly show programme program podcast".split()
)
ORGANIZATION_NOUNS = frozenset(
    """company firm corporation business startup maker retailer carrier airline bank lender insurer brand chain
    agency department ministry office administration government council committee commission authority board
    court courts police force party campaign group organization organisation association union federation league
    club team university college school hospital institute institution foundation charity center centre
    service services regulator watchdog trust society coalition alliance bureau embassy army military navy fund
    festival
    studio label publisher platform app""".split()
)
DOCUMENT_NOUNS = frozenset(
    """report study survey poll analysis paper research review audit assessment data figures statistics
    filing filings lawsuit complaint suit document documents memo letter book memoir essay article
    investigation findings""".split()
)
# Nouns of sources that stay unnamed on purpose: never linked to a person named nearby.
ANONYMOUS_NOUNS = frozenset(
    """source sources insider insiders official officials aide aides spokesperson spokesman spokeswoman
    spokespeople spokespersons representative representatives rep reps person people someone individual
    individuals staffer staffers employee employees friend friends witness witnesses member members adviser
    advisers advisor advisors diplomat diplomats officer officers executive executives observer observers
    associate associates confidant confidante relative relatives""".split()
)
# Nouns that describe a famous person without a role the article need state ("the pop icon").
FAME_NOUNS = frozenset("icon star superstar megastar celebrity legend idol diva personality".split())
# Role nouns that name the same role ("the lawyer" is "Federline's attorney").
ROLE_GROUPS = (
    frozenset("attorney lawyer counsel solicitor barrister".split()),
    frozenset("spokesperson spokesman spokeswoman rep representative publicist".split()),
    frozenset("programmer developer engineer coder hacker".split()),
    frozenset("researcher scientist academic scholar professor expert".split()),
    frozenset("singer vocalist musician artist performer rapper songwriter".split()),
    frozenset("actor actress performer".split()),
    frozenset("author writer novelist".split()),
    frozenset("philosopher thinker".split()),
    frozenset("manager agent".split()),
    frozenset("doctor physician surgeon".split()),
    frozenset("president leader head chief".split()),
    frozenset("senator lawmaker legislator congressman congresswoman".split()),
)
_FEMALE_NOUNS = frozenset("actress woman mother daughter sister wife girlfriend spokeswoman congresswoman chairwoman queen princess".split())
_MALE_NOUNS = frozenset("man father son brother husband boyfriend spokesman congressman chairman king prince".split())
_DETERMINERS = frozenset("the a an this that these those his her its their our my your one some".split())
_INDEFINITE = frozenset("a an one some".split())
NAME_PREPOSITIONS = ("for", "of", "at", "with", "from", "to", "by", "about", "in", "on", "close", "near", "inside", "within")
POSSESSIVE_END = re.compile(r"(?:'s|’s|'|’)$")
_WS = re.compile(r"\s+")


def same_role(a: str, b: str) -> bool:
    if a == b:
        return True
    return any(a in group and b in group for group in ROLE_GROUPS)


def role_words(role: str) -> set[str]:
    return set(role.lower().split())


PERSON_NOUNS = frozenset(
    """man woman boy girl guy person people user users fan fans resident residents voter voters tweeter commenter
    poster blogger critic critics expert experts observer witness customer passenger driver worker parent teenager
    veteran protester protesters official""".split()
)
# Plural heads that speak as a group though they name no person's role ("voting rights advocates",
# "many European countries", "federal data") — beside the person nouns; other plurals ("neon
# lights", "the trains") are things, and a thing never speaks.
GROUP_NOUNS = frozenset(
    """citizen advocate delegate surrogate ally enemy nation country state victim family audience crowd public
    datum statistic figure poll survey average estimate projection""".split()
)
# Agent nouns end like this ("economist", "historian", "programmer") — but not these.
_AGENT_END = re.compile(r"(?:ist|ian|er|or|ant|ent)$")
# Things, not people, though they end like agent nouns; and no "-ment" is a person ("the assessment").
_THING_END = re.compile(r"(?:ment|ometer)$")
_NOT_AGENTS = frozenset(
    """paper number order matter letter water power center computer corner border chapter cancer sticker
    container filter monitor motor sector factor error mirror report event content intent extent percent
    incident accident president
    opener closer answer banner trailer header footer poster flyer flier cover counter register reminder
    disaster weather quarter character theater theatre shelter ledger thriller encounter wonder whisper
    rumor rumour humor humour honor honour favor favour labor labour vapor horror terror
    tractor reactor indicator calculator elevator generator radiator refrigerator processor detector sensor
    browser server printer router scanner charger trigger
    plant grant restaurant variant account amount talent patent accent""".split()
)


def is_person_noun(head: str) -> bool:
    """Whether a description's head noun names a person: a role, a kin or fame word, an anonymous
    source, or an agent noun ("a computer programmer", "that tweeter")."""
    if head in profiles.ROLE_SET or head in FAME_NOUNS or head in ANONYMOUS_NOUNS or head in PERSON_NOUNS:
        return True
    return (
        len(head) > 4 and head.isalpha() and bool(_AGENT_END.search(head)) and not _THING_END.search(head)
        and head not in _NOT_AGENTS
    )


def gender_of_roles(roles: list[str]) -> str | None:
    words = {w for r in roles for w in r.split()}
    if words & _FEMALE_NOUNS:
        return "f"
    if words & _MALE_NOUNS:
        return "m"
    return None


def gender_clash(shape: Shape, gender: str | None) -> bool:
    return shape.gender is not None and gender is not None and shape.gender != gender


@dataclass
class Shape:
    """What a description says about whom it means: its head noun, determiner, owner, organisation."""

    phrase: str
    head: str
    definite: bool
    indefinite: bool
    possessor: bool  # "his lawyer", "Federline's attorney"
    plural: bool
    person_noun: bool
    owner_name: str | None  # "Federline" in "Federline's attorney" / "an attorney for … Kevin Federline"
    organization: str | None  # "Universities and Colleges Employers' Association" in "a spokesperson for …"
    orgs: list[str]
    proper_modifiers: list[str]
    named_phrase: str
    age: int | None
    gender: str | None
    qualifiers: tuple[str, ...] = ()  # "republican" of "the Republican nominee"
    kind_words: tuple[str, ...] = ()  # "band" of "the band leader": nouns that say which kind of leader


_QUALIFIERS = frozenset(
    "republican democratic gop democrat conservative liberal labour tory former vice deputy assistant senior".split()
)


def shape_of(span: Span, text: str, inside: list[Mention], orgs: list[str]) -> Shape | None:
    """What a source's words say about whom they mean (None when they hold no noun): ``inside`` are
    the name mentions within the span, ``orgs`` the organisations among them."""
    words = [t for t in span if not t.is_space]
    while words and words[-1].is_punct:
        words.pop()
    while words and words[0].is_punct:
        words.pop(0)
    if not words:
        return None
    phrase = text[words[0].idx : words[-1].idx + len(words[-1])]
    head_tok = None
    cut = len(words)
    # "a number of analysts", "some of the officials": the head is what is counted.
    counted = re.match(r"(?i)(?:an?\s+(?:number|group|couple|handful|lot|few)|some|many|most|several|dozens|hundreds|thousands|one|two|three|all|none)\s+of\s+(?:the\s+|his\s+|her\s+|their\s+|its\s+)?", phrase)
    skip = len(phrase[: counted.end()].split()) if counted else 0
    for i, t in enumerate(words):
        if i > skip and (t.pos_ == "ADP" or t.lower_ in ("who", "that", "which", "close") or t.text == ","):
            cut = i
            break
    for t in words[skip:cut]:
        if t.pos_ in ("NOUN", "PROPN") and not POSSESSIVE_END.search(t.text) and t.lower_ not in ("'s", "’s"):
            head_tok = t
    if head_tok is None:
        return None
    if span.doc.has_annotation("DEP") and span.root.pos_ == "NOUN" and not counted:
        head_tok = span.root
    head = head_tok.lemma_.lower() if head_tok.pos_ == "NOUN" else head_tok.lower_
    first = words[0].lower_
    possessive_word = next((i for i, t in enumerate(words[:cut]) if t.lower_ in ("'s", "’s") or POSSESSIVE_END.search(t.text)), None)
    owner = None
    organization = None
    if possessive_word is not None:
        owner_words = words[:possessive_word + (0 if words[possessive_word].lower_ in ("'s", "’s") else 1)]
        text = text[owner_words[0].idx : owner_words[-1].idx + len(owner_words[-1])] if owner_words else ""
        owner = POSSESSIVE_END.sub("", text).strip() or None
        if owner and owner.lower().split()[0] in _DETERMINERS:
            owner = " ".join(owner.split()[1:]) or None
    after = text[words[cut - 1].idx + len(words[cut - 1]) : span.end_char] if cut < len(words) else ""
    prep = re.match(r"\s*(?:for|of|at|with|from|to)\s+(?:the\s+)?(?P<rest>.+)$", after, re.S)
    if prep:
        rest = prep.group("rest")
        rest_start = span.end_char - len(rest)
        person = [m for m in inside if m.start >= rest_start and not m.quoted and m.kind == "person"]
        if person:
            owner = person[-1].name or person[-1].text  # "an attorney for the pop icon's ex-husband Kevin Federline"
        elif re.match(r"[A-Z]", rest):  # "a spokesperson for the Universities and Colleges Employers' Association"
            organization = POSSESSIVE_END.sub("", _WS.sub(" ", rest.strip(" ,.;:"))) or None
        if owner or organization:
            phrase = text[words[0].idx : words[cut - 1].idx + len(words[cut - 1])]
    # Proper nouns before the head ("a Pentagon spokesman"); a capital at a sentence start the
    # recogniser did not take for a name is no name ("Law enforcement sources").
    proper = [
        t for t in words[:cut]
        if t.pos_ == "PROPN" and t.i < head_tok.i and not POSSESSIVE_END.search(t.text) and (t.ent_type_ or not t.is_sent_start and t.i != words[0].i or not t.text.istitle())
    ]
    if possessive_word is not None:
        proper = [t for t in proper if t.i > words[possessive_word].i]
    if proper and head_tok.pos_ == "NOUN" and not organization:
        if head in ANONYMOUS_NOUNS or head in profiles.ROLE_SET:
            organization = text[proper[0].idx : proper[-1].idx + len(proper[-1])]  # "a Pentagon spokesman"
    named_phrase = text[proper[0].idx : head_tok.idx + len(head_tok)] if proper else phrase
    plural = head_tok.tag_ in ("NNS", "NNPS") or (head.endswith("s") and head_tok.lower_ == head and head not in ("press", "news"))
    age_match = re.search(r"\b(\d{1,3})-year-old\b", phrase)
    person_noun = is_person_noun(head) or bool(age_match)
    gender = "f" if head in _FEMALE_NOUNS else ("m" if head in _MALE_NOUNS else None)
    kind_words = []
    for t in reversed(words[: words.index(head_tok)] if head_tok in words else []):
        if t.pos_ != "NOUN" or not t.is_lower or POSSESSIVE_END.search(t.text) or is_person_noun(t.lemma_.lower()):
            break
        kind_words.insert(0, t.lower_)
    return Shape(
        phrase=phrase,
        head=head,
        definite=first in ("the", "this", "that", "these", "those"),
        indefinite=first in _INDEFINITE,
        possessor=first in ("his", "her", "their", "its") or possessive_word is not None,
        plural=plural,
        person_noun=person_noun,
        owner_name=owner,
        organization=organization,
        orgs=list(orgs),
        proper_modifiers=[t.text for t in proper],
        named_phrase=named_phrase,
        age=int(age_match.group(1)) if age_match else None,
        gender=gender,
        qualifiers=tuple(
            "republican" if t.lower_ == "gop" else t.lower_
            for t in words[:cut] if t.i < head_tok.i and t.lower_ in _QUALIFIERS
        ),
        kind_words=tuple(kind_words),
    )

__all__ = [
    "ANONYMOUS_NOUNS", "DOCUMENT_NOUNS", "FAME_NOUNS", "GROUP_NOUNS", "ORGANIZATION_NOUNS", "OUTLET_NOUNS", "PERSON_NOUNS", "PERSON_PRONOUNS",
    "PLURAL_PRONOUNS", "THING_PRONOUNS", "ROLE_GROUPS", "Shape", "gender_clash", "gender_of_roles", "is_person_noun",
    "role_words", "same_role", "shape_of",
]  # fmt: skip
