"""What the article says about each speaker: roles, relations to other people, age.

Descriptions are read from the text around names, without a parse:

* appositives — "Mark Vincent Kaplan, Federline's attorney, said", "Jo Lee, 45, a nurse";
* pre-nominal titles — "Federline's attorney Mark Vincent Kaplan", "singer Britney Spears";
* "an X for Y" — "Dana Cole, a spokesperson for Netflix";
* ages — "Jayden, who was 15 at the time", "Ann Ruiz, 62,", "the 30-year-old Tom Ide".

A role names a relation when it says whose it is ("Federline's attorney" →
``attorney_of`` Kevin Federline, the fullest form of the name the article gives).
The entity stage (:mod:`.entities`) reads these descriptions into its people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import IDX, POS
from spacy.symbols import PROPN
from spacy.tokens import Doc

from .extensions import text_of

ROLES = (
    "attorney", "lawyer", "counsel", "solicitor", "barrister", "spokesperson", "spokesman", "spokeswoman", "rep",
    "representative", "publicist", "press secretary", "manager", "agent", "producer", "director", "singer",
    "actor", "actress", "rapper", "musician", "songwriter", "comedian", "model", "dancer", "star", "pop star",
    "reality star", "influencer", "author", "writer", "journalist", "reporter", "editor", "host", "presenter",
    "anchor", "coach", "player", "captain", "senator", "congressman", "congresswoman", "governor", "mayor",
    "president", "vice president", "minister", "prime minister", "chancellor", "secretary", "ambassador",
    "judge", "prosecutor", "detective", "officer", "sheriff", "police chief", "chief executive", "CEO",
    "chairman", "chairwoman", "chair", "founder", "co-founder", "owner", "professor", "researcher",
    "scientist", "doctor", "nurse", "surgeon", "economist", "analyst", "adviser", "advisor", "aide",
    "strategist", "consultant", "candidate", "nominee", "activist", "organizer", "teacher", "student",
    "resident", "neighbor", "neighbour", "witness", "survivor", "victim", "friend", "wife", "husband",
    "ex-wife", "ex-husband", "former wife", "former husband", "partner", "girlfriend", "boyfriend",
    "fiancé", "fiancée", "fiance", "fiancee", "mother", "father", "mom", "dad", "son", "daughter",
    "brother", "sister", "grandmother", "grandfather", "uncle", "aunt", "cousin", "niece", "nephew",
    "stepmother", "stepfather", "stepson", "stepdaughter", "child", "bandmate", "co-star", "colleague",
    "employee", "assistant", "bodyguard", "trainer", "official", "leader", "member", "commissioner",
    "campaign manager", "campaign chair", "chief of staff", "press officer", "communications director",
    "novelist", "poet", "playwright", "chef", "artist", "designer", "photographer", "filmmaker", "historian",
    "lawmaker", "legislator", "treasurer", "attorney general", "councillor", "council member", "pastor",
    "priest", "rabbi", "imam", "engineer", "farmer", "entrepreneur", "investor", "executive", "lobbyist",
)  # fmt: skip
ROLE_SET = frozenset(r.lower() for r in ROLES)
_ROLE_WORDS = frozenset(w for r in ROLE_SET for w in r.split())
# A role word of _ROLE_WORDS as a whole word of the text, case-blind.
_ROLE_WORD_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(sorted(map(re.escape, _ROLE_WORDS), key=len, reverse=True)) + r")(?![\w-])", re.IGNORECASE
)
_ROLE = "(?P<role>" + "|".join(sorted((re.escape(r).replace(r"\ ", r"\s+") for r in ROLES), key=len, reverse=True)) + ")"
_ROLE_I = f"(?i:{_ROLE})"
_NAME = r"[A-Z][a-zA-Z'’-]+(?:\s+(?:[A-Z]\.\s+)?(?:de\s+|van\s+|von\s+)?(?!(?:The|Of|And|An?|In|On|At|For)\b)[A-Z][a-zA-Z'’-]+){0,3}"
_POSS = rf"(?:(?P<poss>{_NAME})['’]s?|his|her|their|its)"
_MODS = r"(?P<mods>(?:(?:longtime|long-time|former|current|new|then|personal|own|family|estranged|late|younger|older|eldest|youngest|first|second|third|chief|senior|lead|top|veteran|award-winning|Grammy-winning|Oscar-winning|Democratic|Republican|pop|country|rock|reality|TV|former)\s+)*)"
_OF = rf"(?:\s+(?P<prep>for|of|to|at|with)\s+(?:the\s+)?(?P<of>{_NAME}))?"

# Each pattern opens with \b(?=[A-Za-z]) so that re gives up at once inside words (4x faster).
_APPOSITIVE = re.compile(
    rf"\b(?=[A-Za-z])(?P<name>{_NAME}),\s+(?:(?P<age>\d{{1,3}}),\s+)?(?:(?:a|an|the)\s+|{_POSS}\s+)?{_MODS}{_ROLE_I}{_OF}(?=\s*[,.;)]|\s+(?:said|says|told|added|wrote|explained|stated|states|claimed|confirmed)\b)"
)
_PRENOMINAL = re.compile(rf"\b(?=[A-Za-z])(?:{_POSS}\s+)?{_MODS}{_ROLE_I}{_OF},?\s+(?P<name>{_NAME})")
_AGE = [
    re.compile(rf"\b(?=[A-Z])(?P<name>{_NAME}),\s+(?:now\s+)?(?P<age>\d{{1,3}}),"),
    re.compile(rf"\b(?=[A-Z])(?P<name>{_NAME}),\s+who\s+(?:was|is|is\s+now|was\s+then|turned)\s+(?P<age>\d{{1,3}})\b"),
    re.compile(rf"(?P<age>\d{{1,3}})-year-old\s+(?:(?i:{_ROLE.replace('?P<role>', '')})\s+)?(?P<name>{_NAME})"),
]
_NOT_NAMES = {"the", "a", "an", "he", "she", "it", "they", "his", "her", "in", "on", "at", "but", "and", "when", "after", "i", "we", "you"}
# Days and months head many an apposition ("During the rally Monday, the former president said") and name nobody.
TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december today tonight yesterday".split()
)


@dataclass(frozen=True)
class Description:
    """One thing the article says about a named person, and where."""

    name: str
    position: int
    role: str | None = None
    of: str | None = None
    age: int | None = None


def _clean_name(name: str) -> str | None:
    """Drop leading role or sentence words that the name pattern swallowed ("Singer Britney Spears")."""
    words = name.split()
    while words and (words[0].lower() in _NOT_NAMES or words[0].lower() in ROLES):
        words = words[1:]
    if len(words) == 1 and words[0].lower() in TIME_WORDS:
        return None
    return " ".join(words) or None


def full_names(doc: Doc, text: str) -> list[str]:
    """Every person-like name the article gives, longest first (for expanding "Federline")."""
    names = {e.text for e in doc.ents if e.label_ == "PERSON"}
    proper = _proper_noun_starts(doc)
    for m in re.finditer(_NAME, text):
        words = [(w.start(), w.group(0)) for w in re.finditer(r"\S+", m.group(0))]
        # "Novelist Idris Okafor" at the start of a sentence: the name starts at the first proper noun.
        while len(words) > 1 and proper is not None and m.start() + words[0][0] not in proper:
            words = words[1:]
        if len(words) > 1:
            names.add(text[m.start() + words[0][0] : m.end()])
    cleaned = {c for c in (_clean_name(re.sub(r"['’]s?$", "", n)) for n in names) if c}
    # Longest first; among equals, the one the article names first (its protagonist).
    return sorted(cleaned, key=lambda n: (-len(n.split()), text.find(n) if n in text else len(text), n))


def _proper_noun_starts(doc: Doc) -> set[int] | None:
    """Character offsets where proper nouns begin (one array read, not a Token per word)."""
    if not doc.has_annotation("POS"):
        return None
    array = doc.to_array([IDX, POS])
    return {int(i) for i, p in array if p == PROPN}


def expand(name: str, names: list[str]) -> str:
    """The fullest form of ``name`` in the article ("Federline" → "Kevin Federline")."""
    last = name.split()[-1]
    for full in names:
        parts = full.split()
        if full != name and (parts[-1] == last or parts[0] == name) and len(parts) > len(name.split()):
            return full
    return name


def _role_matches(text: str) -> list[re.Match[str]]:
    """Appositive and title matches, looked for only around role words (a whole-text scan is slow)."""
    windows: list[list[int]] = []
    for w in _ROLE_WORD_RE.finditer(text):
        if w.group(0).lower() not in _ROLE_WORDS:
            continue  # matched only by Unicode case folding ("ſ" for "s")
        lo, hi = max(0, w.start() - 120), min(len(text), w.end() + 80)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    seen: dict[tuple[int, int], re.Match[str]] = {}
    for lo, hi in windows:
        for pattern in (_APPOSITIVE, _PRENOMINAL):
            for m in pattern.finditer(text, lo, hi):
                seen.setdefault(m.span(), m)
    return [seen[k] for k in sorted(seen)]


def _names_someone(name: str, names: list[str], organisations: set[str]) -> bool:
    """Whether ``name`` is a person of the article (in full or by surname) or an organisation."""
    return name in organisations or any(n == name or n.split()[-1] == name for n in names if " " in n)


def find_descriptions(doc: Doc, text: str, names: list[str] | None = None) -> list[Description]:
    """Every role and age the article gives a named person, in text order."""
    names = full_names(doc, text_of(doc)) if names is None else names
    organisations = {e.text for e in doc.ents if e.label_ == "ORG"}
    found: list[Description] = []
    for m in _role_matches(text):
        name = _clean_name(m.group("name"))
        if not name:
            continue
        of = m.group("of") or (m.group("poss") if m.group("poss") and m.group("poss")[0].isupper() else None)
        if m.group("of") and m.group("prep") == "of" and not _names_someone(m.group("of"), names, organisations):
            of = None  # "Secretary of State John Kerry": a title, not a relation
        age = int(m.group("age")) if "age" in m.groupdict() and m.group("age") else None
        role = re.sub(r"\s+", " ", ((m.group("mods") or "") + m.group("role")).strip())
        role = re.sub(r"^(?:longtime|long-time|current|new|then|personal|own|top)\s+", "", role, flags=re.I)
        found.append(Description(expand(name, names), m.start("name"), role.lower() if role != "CEO" else role,
                                 expand(of, names) if of else None, age))  # fmt: skip
    for pattern in _AGE:
        for m in pattern.finditer(text):
            name = _clean_name(m.group("name"))
            age = int(m.group("age"))
            if name and 0 < age < 120:
                found.append(Description(expand(name, names), m.start("name"), age=age))
    return sorted(found, key=lambda d: d.position)


def same_person(a: str, b: str) -> bool:
    """ "Kaplan" is "Mark Kaplan"; "Amara Okafor" is not "Idris Okafor"."""
    if a == b:
        return True
    pa, pb = a.split(), b.split()
    if len(pa) > 1 and len(pb) > 1:
        return False
    return pa[-1] == pb[-1] or pa[0] == pb[0]


def relation_name(role: str) -> str:
    """ "attorney" → "attorney_of"; "former attorney" → "attorney_of"; "press secretary" → "press_secretary_of"."""
    words = role.lower().split()
    if len(words) > 1 and words[0] in ("former",):
        words = words[1:]
    return re.sub(r"[\s-]+", "_", " ".join(words)) + "_of"
