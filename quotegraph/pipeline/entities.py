"""Entity stage: who and what the article talks about, and every mention of each.

Runs after span finding and before the speakers and context stages, which both read
it.  The article is read as a whole: each entity — a person, an organisation, an
outlet, a group ("American officials"), an unnamed source ("a senior aide"), a
document that states things ("a new report by …") — gets the fullest name the
article gives (or its description), a kind, roles, the organisation it speaks for,
and every mention with its offsets:

* names, full and partial ("Mark Vincent Kaplan", "Kaplan", "Mr. Kaplan"), from
  :mod:`.mentions` (entity recogniser, proper nouns, titles);
* descriptions linked to a name by apposition or a title ("Kaplan, Federline's
  attorney," / "Federline's attorney Mark Kaplan"), from :mod:`.profiles`;
* every attribution's source: pronouns (he/she only to people; it/its only to
  organisations, outlets and documents; they to groups), definite descriptions
  ("the pop icon", "the company", "the outlet", "the report"), possessive roles
  ("Federline's attorney"), indefinite ones named in the same or the next
  paragraph ("an attorney for X says …" … "Mark Vincent Kaplan told"), groups and
  unnamed sources.

Agreement decides what may corefer, and a source the text supports two readings of
is left unresolved with both candidates: :class:`Resolution` says which.  What a
description's words say on their own (its head noun, owner, organisation) is read by
:mod:`.descriptions`.
Everything here reads tokens, tags, entities and sentences; the dependency parse is
used when present, never needed.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Callable

from spacy.tokens import Doc, Span, Token

from ..model import Entity, EntityMention, SpeakerRelation, TextSpan
from . import cues, profiles
from .attribution import Attribution
from .channels import BROADCAST_NOUNS, PRINT_NOUNS, is_outlet_name, outlet_medium
from .descriptions import (
    ANONYMOUS_NOUNS, DOCUMENT_NOUNS, FAME_NOUNS, GROUP_NOUNS, NAME_PREPOSITIONS, ORGANIZATION_NOUNS, OUTLET_NOUNS, PERSON_NOUNS,
    PERSON_PRONOUNS, PLURAL_PRONOUNS, POSSESSIVE_END, THING_PRONOUNS, Shape, gender_clash, gender_of_roles,
    is_person_noun, role_words, same_role, shape_of,
)
from .extensions import sentence_bounds, text_of
from .mentions import PLACE_NAMES, TITLE_BEFORE_NAME, Mention, MentionIndex, is_description, title_gender
from .quotemarks import quote_depth, quotes_of

_WS = re.compile(r"\s+")
# Last words of a place's name, whatever the recogniser says.
_PLACE_NAME = re.compile(
    r"\b(?:District|Square|Street|St\.|Avenue|Ave\.|Road|Park|Strip|Boulevard|Bay|River|Lake|Island|Islands|Airport|"
    r"Hotel|Valley|Beach|Mountains?|County|Province|Region|Coast)$"
)
_TITLE_ROLES = {
    "sen": "senator", "rep": "representative", "gov": "governor", "gen": "general", "dr": "doctor",
    "prof": "professor", "rev": "pastor", "lt": "lieutenant", "sgt": "sergeant", "col": "colonel",
}  # fmt: skip
# Determiners of a description that means no one in particular ("no leader", "any candidate").
_NOBODY_IN_PARTICULAR = frozenset("no any every each neither either".split())
# Headline verbs a name never starts with ("Black Lawmakers Rip Donald Trump").
_NOT_NAME_HEAD = frozenset("rip slam slams blast blasts hit hits urge urges back backs praise praises mock mocks".split())
# Words a name never ends with: headline verbs and nouns ("Obama Says", "Obama Speech").
_NOT_NAME_TAIL = frozenset(
    """says said sees saw speech speeches speaks spoke talks warns urges calls slams blasts defends denies admits vows
    plans wants seeks tells told interview statement remarks address rally visit campaign win wins loses
    announces reveals responds hits claims""".split()
)


@dataclass(eq=False)
class Ent:
    """An entity while the article is being read (becomes a :class:`quotegraph.model.Entity`)."""

    name: str
    kind: str  # person | organization | outlet | group | unnamed | document | other
    first: int
    gender: str | None = None
    roles: list[str] = field(default_factory=list)
    organization: str | None = None
    relations: list[SpeakerRelation] = field(default_factory=list)
    age: int | None = None
    mentions: dict[tuple[int, int], str] = field(default_factory=dict)  # (start, end) → form
    id: str = ""
    place: bool = False  # a place, by its name or the recogniser's labels: never an organisation that speaks
    untagged: bool = False  # known only as a source's bare name: what it is, the article does not say

    def add(self, start: int, end: int, form: str) -> None:
        if end > start:
            self.mentions.setdefault((start, end), form)
            self.first = min(self.first, start)

    def add_role(self, role: str) -> None:
        role = role.strip().lower()
        if role and role not in self.roles:
            self.roles.append(role)


@dataclass(frozen=True)
class Candidate:
    """A mention a pronoun or description may point back to."""

    start: int
    end: int
    entity: Ent
    salient: bool  # the subject of its clause, or a speaker just before


@dataclass
class Resolution:
    """What an attribution's source refers to: an entity, or several it could be (then unresolved)."""

    entity: Ent | None = None
    confidence: float = 0.0
    candidates: tuple[Ent, ...] = ()
    mention: tuple[int, int] | None = None  # the mention the entity was found through (the antecedent)


class Entities:
    """The entities of one article, and how each attribution's source resolves to them."""

    def __init__(self, doc: Doc, attributions: list[Attribution], *, index: MentionIndex | None = None) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.index = index or MentionIndex(doc)
        quotations = quotes_of(doc)
        self._outer_quotations = sorted((q.start, q.end) for q in quotations if q.depth == 0)  # for _says
        self.depth = quote_depth(self.text, quotations)
        self._paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*", self.text)]
        self.sentences = sentence_bounds(doc, self.text)
        self._sentence_starts = [s for s, _ in self.sentences] or [0]
        self.entities: list[Ent] = []
        self._by_key: dict[tuple[str, str], Ent] = {}
        self._by_mention: dict[tuple[int, int], Ent] = {}
        self._masked = _masked(self.text, attributions)
        self._source_spans = [(min(s for s, _ in a.source), max(e for _, e in a.source)) for a in attributions if a.source]
        self._contents = sorted(span for a in attributions for span in a.content)
        self._attributions = attributions
        self._names()
        self._describe()
        self.resolutions: dict[int, Resolution] = {}
        self._sources(attributions)
        self._assign_ids()

    # -- positions ---------------------------------------------------------------------
    def paragraph(self, pos: int) -> int:
        return bisect.bisect_right(self._paragraph_starts, pos) - 1

    def sentence(self, pos: int) -> int:
        return bisect.bisect_right(self._sentence_starts, pos) - 1

    def quoted(self, pos: int) -> bool:
        return 0 <= pos < len(self.depth) and bool(self.depth[pos])

    # -- building ----------------------------------------------------------------------
    def _entity(self, kind: str, name: str, pos: int) -> Ent:
        key = (kind if kind == "person" else "named", _key(name))
        ent = self._by_key.get(key)
        if ent is None:
            ent = Ent(name=name, kind=kind, first=pos)
            self._by_key[key] = ent
            self.entities.append(ent)
        return ent

    def _link(self, ent: Ent, start: int, end: int, form: str) -> None:
        ent.add(start, end, form)
        self._by_mention.setdefault((start, end), ent)

    def _names(self) -> None:
        """One entity per person (by the fullest name), organisation or outlet (by name)."""
        people = self.index.people
        # People first, so that a headline's "Obama Sees …" (tagged as an organisation) finds its person.
        ordered = [m for m in self.index.mentions if m.kind == "person"] + [m for m in self.index.mentions if m.kind != "person"]
        for m in ordered:
            name = _trim_tail(m.name or m.text)
            if not name or name.lower() in profiles.TIME_WORDS:
                continue
            if m.kind == "person" and name.endswith((" Day", " Eve")):
                continue  # "Labor Day", "Christmas Eve": a date, no one
            if m.kind == "person":
                ent = self._entity("person", name, m.start)
                person = people.get(m.name)
                if person is not None:
                    ent.gender = ent.gender or person.gender
                    for role in sorted(person.roles):
                        role = _TITLE_ROLES.get(role, role)  # "Sen. Bernie Sanders" is a senator
                        if role in profiles.ROLE_SET:
                            ent.add_role(role)
            elif name != (m.name or m.text) and ("person", _key(name)) in self._by_key:
                ent = self._by_key[("person", _key(name))]  # a headline's "Obama Sees …" is the person named
            else:
                kind = "outlet" if is_outlet_name(name) else ("organization" if m.kind == "organization" else "other")
                ent = self._acronym_of(name) or self._entity(kind, name, m.start)
                if kind == "outlet":
                    ent.kind = "outlet"
            titled = bool(TITLE_BEFORE_NAME.search(self.text, max(0, m.start - 40), m.start)) and self.text[
                : m.start
            ].rstrip().endswith(tuple(w for w in ("Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr")))
            self._link(ent, m.start, m.end, "title" if titled else "name")
        self._settle_kinds()

    def _settle_kinds(self) -> None:
        """An organisation or a place by what the recogniser called most of its mentions ("Uber" is an
        organisation even if its first mention was tagged as nothing); a name that ends like a place
        ("Sydney’s Central Business District") is one."""
        labels: dict[int, list[str]] = {}
        for m in self.index.mentions:
            ent = self._by_mention.get((m.start, m.end))
            if ent is not None:
                labels.setdefault(id(ent), []).append(m.label)
        for ent in self.entities:
            if ent.kind not in ("organization", "other"):
                continue
            votes = labels.get(id(ent), [])
            org = sum(v == "ORG" for v in votes)
            place = sum(v in ("GPE", "LOC", "FAC", "NORP") for v in votes)
            if _PLACE_NAME.search(ent.name):
                ent.kind, ent.place = "other", True
            elif org > place:
                ent.kind = "organization"
            elif place > org:
                ent.kind, ent.place = "other", True
        for ent in self.entities:
            # A first name that is a place too, named only as a place ("a densely packed Chelsea
            # neighborhood", "a press conference in Chelsea"), is the place: no "the mayor" is her.
            if ent.kind == "person" and ent.name.lower() in PLACE_NAMES:
                named = [(s, e) for (s, e), form in ent.mentions.items() if form in ("name", "title")]
                if named and all(_after_preposition(self.doc, s) or self._modifier(s, e) for s, e in named):
                    ent.kind, ent.place = "other", True

    def _acronym_of(self, name: str) -> Ent | None:
        """ "CBO" for the "Congressional Budget Office" named before."""
        if not (name.isupper() and 2 <= len(name) <= 6):
            return None
        for ent in self.entities:
            if ent.kind in ("organization", "outlet", "other"):
                initials = "".join(w[0] for w in ent.name.split() if w[:1].isupper())
                if initials == name:
                    return ent
        return None

    def _describe(self) -> None:
        """Roles, relations, ages and organisations the article states for its people."""
        # The people the article names, longest first: what a description's "Federline" expands to.
        names = sorted({e.name for e in self.entities if e.kind == "person"}, key=lambda n: (-len(n.split()), n))
        descriptions = profiles.find_descriptions(self.doc, self._masked, names)
        self.descriptions = descriptions
        people = {e.name: e for e in self.entities if e.kind == "person"}
        orgs = {e.name for e in self.entities if e.kind in ("organization", "outlet", "other")}
        for d in descriptions:
            ent = people.get(d.name) or next((e for e in people.values() if profiles.same_person(d.name, e.name)), None)
            if ent is None:
                ent = self._promote(d.name)  # "Jayden, who was 15 at the time": a role or an age makes a person
                if ent is None:
                    continue
                people[ent.name] = ent
            if d.role:
                ent.add_role(d.role)
                if d.of and not profiles.same_person(d.of, ent.name):
                    if d.of in orgs or d.of not in names:
                        ent.organization = ent.organization or d.of
                    relation = SpeakerRelation(profiles.relation_name(d.role), d.of)
                    if relation not in ent.relations:
                        ent.relations.append(relation)
            if d.age is not None and ent.age is None:
                ent.age = d.age
        # "pop star" says more than "star": keep the most specific form of a role.
        for ent in self.entities:
            ent.roles = [r for r in ent.roles if not any(o != r and o.endswith((" " + r, "-" + r)) for o in ent.roles)]
            if ent.gender is None:
                ent.gender = gender_of_roles(ent.roles)
        self._appositions()

    def _promote(self, name: str) -> Ent | None:
        """A name nobody recognised as a person's ("Jayden", tagged as nothing), now that the text describes it."""
        ent = self._by_key.get(("named", _key(name)))
        if ent is None or ent.kind != "other":
            return None
        labels = {m.label for m in self.index.mentions if (m.start, m.end) in ent.mentions}
        if "NORP" in labels:
            return None  # "Americans": a group the recogniser named (a small model often calls a first name a place)
        if name.lower() in PLACE_NAMES and labels & {"GPE", "LOC", "FAC"}:
            return None  # "Virginia", "Chelsea": a first name, but here tagged the place it is too
        ent.kind = "person"
        del self._by_key[("named", _key(name))]
        self._by_key[("person", _key(name))] = ent
        return ent

    def _appositions(self) -> None:
        """Descriptions beside a name are mentions of it: "Kaplan, Federline's attorney," / "X's attorney, Kaplan"."""
        text = self.text
        for m in self.index.mentions:
            if m.kind != "person" or m.possessive or m.quoted:
                continue
            ent = self._by_mention.get((m.start, m.end))
            if ent is None:
                continue
            after = re.match(r",\s+((?:an?|the|[\w’'.-]+[’']s)\s[^,;:.\n]{2,70}?)(,|\.|;|\s+(?:said|says|told|added)\b)", text[m.end : m.end + 100])
            # "Kaplan, the attorney, said" — but not "At a press conference in Chelsea, the mayor also
            # said": a name a preposition governs, before a description that runs on to the verb, ends
            # a leading phrase, and the description is the subject after it.
            leads_in = after is not None and after.group(2)[:1].isspace() and self._ends_leading_phrase(m.start)
            if after and is_description(after.group(1)) and not leads_in:
                s = m.end + after.start(1)
                self._link(ent, s, s + len(after.group(1)), "apposition")
            before = re.search(r"(?:^|[.;:]\s|\n)((?:[\w’'.-]+\s){0,6}?[\w’'.-]+),\s*$", text[max(0, m.start - 80) : m.start])
            if before and is_description(before.group(1)):
                s = max(0, m.start - 80) + before.start(1)
                self._link(ent, s, s + len(before.group(1)), "apposition")

    # -- sources and subjects -----------------------------------------------------------
    def _sources(self, attributions: list[Attribution]) -> None:
        """Resolve, sentence by sentence, every attribution's source and the subject of every
        other sentence ("The pop icon took to Instagram"), so that earlier speakers and subjects
        inform later pronouns."""
        self.speakers_at: list[tuple[int, Ent]] = []  # (where it spoke, who): the previous speakers
        self.unknown_speakers: list[tuple[int, bool]] = []  # (where a source spoke, whether it named someone unknown)
        self.subjects: dict[int, Ent] = {}  # sentence number → the entity a narrative sentence is about
        for att in attributions:
            if att.continues is None and not att.source and att.cue:
                found = self._implicit_source(att)
                if found is not None:
                    att.source = [found]
                    self._source_spans.append(found)
        # An attribution inside someone's direct quotation waits for that quotation's speaker, who is
        # then known not to be its "she" (see _quoting).
        quoted = [a for a in attributions if a.type in ("direct", "mixed") and a.source]
        after: dict[int, int] = {}
        for a in attributions:
            outer = [q.anchor for q in quoted if q is not a and self._says(q, a.anchor)]
            after[id(a)] = max(outer + [a.anchor])
        pending = sorted(
            (a for a in attributions if a.continues is None and a.source),
            key=lambda a: (after[id(a)], after[id(a)] != a.anchor, a.anchor, a.start),
        )
        spoken = {self.sentence(a.anchor) for a in attributions if a.source or a.cue}
        k = 0
        for n, (lo, hi) in enumerate(self.sentences):
            while k < len(pending) and after[id(pending[k])] < hi:
                att = pending[k]
                res = self.resolve_source(att)
                self.resolutions[id(att)] = res
                self._learn_gender(att, res)
                # Someone named whom we could not tell for a person: "Wines believes …" (read as a plural noun).
                unknown = res.entity is None and not res.candidates or (
                    res.entity is not None and res.entity.kind == "group" and len(res.entity.name.split()) == 1
                )
                self.unknown_speakers.append((att.anchor, unknown and _names_someone(self.text, att)))
                if res.entity is not None:
                    self.speakers_at.append((att.anchor, res.entity))
                    self.subjects.setdefault(self.sentence(att.anchor), res.entity)
                k += 1
            if n not in spoken:
                ent = self._subject(lo, hi)
                if ent is not None:
                    self.subjects[n] = ent

    def _learn_gender(self, att: Attribution, res: Resolution) -> None:
        """ "… said Aparna Mathur. “…,” she said." — a person the text calls "she" (and surely means)
        is a woman from then on, so a later "he" does not go to her."""
        ent = res.entity
        if ent is None or ent.kind != "person" or ent.gender is not None or res.confidence < 0.8:
            return
        word = " ".join(self.text[s:e] for s, e in att.source).strip().lower()
        if word in ("he", "she"):
            ent.gender = PERSON_PRONOUNS[word]

    def _implicit_source(self, att: Attribution) -> tuple[int, int] | None:
        """The source a finder left out, where the sentence leaves no doubt: the pronoun right before
        the cue ("It | has now promised"), or what a relative pronoun stands for ("Netanyahu’s Likud
        party, which tried to rally support by saying …")."""
        doc = self.doc
        cue = doc.char_span(min(s for s, _ in att.cue), max(e for _, e in att.cue), alignment_mode="expand")
        if cue is None:
            return None
        lo = self.sentences[self.sentence(cue.start_char)][0]
        i = cue.start - 1
        while i >= 0 and doc[i].idx >= lo and doc[i].pos_ in ("AUX", "ADV", "PART") and doc[i].lower_ not in ("'s", "’s"):
            i -= 1
        if i >= 0 and doc[i].idx >= lo and doc[i].lower_ in ("he", "she", "it", "they") and not self.quoted(doc[i].idx):
            return doc[i].idx, doc[i].idx + len(doc[i])
        phrase = self._subject_phrase(i, lo)  # "as | that tweeter in Sydney | suggested"
        if phrase is not None:
            return phrase
        for j in range(cue.start - 1, -1, -1):
            t = doc[j]
            if t.idx < lo or t.text in (";", ":") or self.quoted(t.idx):
                return None
            if t.lower_ in ("which", "who") and j > 0 and doc[j - 1].text == ",":
                found = self._relative_antecedent(j)
                return found if found is not None and found[0] >= lo else None
        return None

    def _relative_antecedent(self, j: int) -> tuple[int, int] | None:
        """The noun phrase a relative pronoun at token ``j`` stands for ("Israel, | which …")."""
        doc = self.doc
        if j < 2 or doc[j - 1].text != ",":
            return None
        k = j - 2
        while k >= 0 and doc[k].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "NUM", "PART") and not self.quoted(doc[k].idx):
            k -= 1
        if k + 1 > j - 2 or doc[j - 2].pos_ not in ("PROPN", "NOUN"):
            return None
        if k >= 1 and doc[k].pos_ == "CCONJ" and doc[k - 1].pos_ in ("NOUN", "PROPN") and doc[k].ent_iob_ != "I":
            verb = next((t for t in doc[j + 1 : j + 4] if t.pos_ in ("VERB", "AUX")), None)
            if verb is None or verb.tag_ != "VBZ":
                # "both Democrats and Republicans, who have …": the last of them, or all — the text does
                # not say ("the Central and East European Coalition, which represents …" is one name)
                return None
        if k >= 1 and doc[k].pos_ == "ADP" and doc[k - 1].pos_ in ("NOUN", "PROPN"):
            if doc[k].lower_ == "of":
                return None  # "the wife of a farmer, who …", "the mayor of Chicago, who …": which noun, the text does not say
            first = doc[k - 1]
            first_speaks = first.pos_ == "PROPN" or first.ent_type_ in ("PERSON", "NORP") or is_person_noun(first.lower_)
            if doc[j].lower_ in ("who", "whom", "whose") and doc[j - 2].ent_type_ != "PERSON" and first_speaks:
                # "Democrats on Capitol Hill, who …": the Democrats, likelier — but unsaid ("fire from
                # Republicans, who …" is the Republicans: fire says nothing)
                return None
        return doc[k + 1].idx, doc[j - 2].idx + len(doc[j - 2])

    def _subject_phrase(self, i: int, lo: int) -> tuple[int, int] | None:
        """A noun phrase ending at token ``i`` that opens its clause ("as that tweeter in Sydney",
        "…, the company"): a determiner or a name first, a noun last, one preposition at most."""
        doc = self.doc
        if i < 0 or doc[i].pos_ not in ("NOUN", "PROPN") or self.quoted(doc[i].idx):
            return None
        k, prepositions = i, 0
        while k - 1 >= 0 and doc[k - 1].idx >= lo and doc[k - 1].pos_ in ("NOUN", "PROPN", "ADJ", "DET", "NUM", "ADP", "PART"):
            if doc[k - 1].pos_ == "ADP":
                prepositions += 1
                if prepositions > 1 or doc[k - 1].lower_ not in ("in", "of", "at", "for", "from"):
                    break
            k -= 1
        while k < i and doc[k].pos_ == "ADP":
            k += 1
        opener = doc[k - 1] if k - 1 >= 0 and doc[k - 1].idx >= lo else None
        if opener is not None and opener.lower_ not in ("as", ",", "and", "but", "while", "when", "–", "—", "-"):
            return None
        if doc[k].pos_ not in ("DET", "PROPN") or doc[k].lower_ in ("a", "an"):
            return None  # "the city", "that tweeter", "Uber": not "a" (new) nor a bare noun
        return doc[k].idx, doc[i].idx + len(doc[i])

    def subject_at(self, pos: int) -> Ent | None:
        """The entity the sentence at ``pos`` is about (its subject, or its speaker), if known."""
        return self.subjects.get(self.sentence(pos))

    def _subject(self, lo: int, hi: int) -> Ent | None:
        """The subject of a narrative sentence: the name, pronoun or description before its first verb."""
        span = self.doc.char_span(lo, hi, alignment_mode="contract")
        if span is None:
            return None
        verb = _main_verb(span)
        if verb is None or any(self.quoted(t.idx) for t in span if t.i < verb.i):
            return None
        before = [t for t in span if t.i < verb.i]
        # Past a leading phrase ("In his 2013 address to the United Nations, Obama hailed …").
        commas = [i for i, t in enumerate(before) if t.text == ","]
        head = before[commas[-1] + 1 :] if before and before[0].pos_ in ("ADP", "ADV", "SCONJ") and commas else before
        if not head:
            return None
        # The first name that no preposition governs: "Senator James Lankford, an Oklahoma Republican
        # who warned …, played down", not "the United Nations" of "address to the United Nations".
        names = [
            m for m in self.index.inside(head[0].idx, verb.idx)
            if not m.possessive and not m.quoted and not _after_preposition(self.doc, m.start)
            and self._by_mention.get((m.start, m.end)) is not None
            and self._by_mention[(m.start, m.end)].kind in ("person", "organization", "outlet")
        ]
        if names:
            m = names[0]
            ent = self._by_mention.get((m.start, m.end))
            if ent is not None and ent.kind == "person" and len(m.text.split()) == 1 and len(self._namesakes(m)) > 1:
                return None
            return ent
        pronoun = next(
            (t for t in reversed(before) if t.lower_ in PERSON_PRONOUNS or t.lower_ in THING_PRONOUNS),
            None,
        )
        if pronoun is not None and pronoun.i == verb.i - 1 - sum(1 for t in before if t.i > pronoun.i):
            head = [pronoun]  # "On Tuesday she addressed …": the pronoun right before the verb
        word = head[0].lower_
        start, end = head[0].idx, head[-1].idx + len(head[-1])
        if len(head) == 1 and word in PERSON_PRONOUNS:
            res = self._person_pronoun(start, end, word, None)
        elif len(head) == 1 and word in THING_PRONOUNS and cues.is_cue_verb(verb.lemma_):
            res = self._thing_pronoun(start, end)  # "It said …"; most other "it"s are things
        elif word in ("the", "this", "that") and len(head) <= 6:
            sub = self.doc.char_span(start, end, alignment_mode="expand")
            shape = self._shape(sub) if sub is not None else None
            if shape is None or shape.plural or not (
                shape.person_noun or shape.head in ORGANIZATION_NOUNS | OUTLET_NOUNS | DOCUMENT_NOUNS
            ):
                return None
            if shape.head in OUTLET_NOUNS:
                res = self._back_to(start, ("outlet",), 0.8)
            elif shape.head in DOCUMENT_NOUNS:  # "The report assessed …": the report named before
                res = self._document(sub, shape) if any(e.kind == "document" for e in self.entities) else Resolution()
            elif shape.person_noun:
                res = self._person_description(sub, shape, None) or Resolution()
            else:
                res = Resolution()
        else:
            return None
        if res.entity is not None:
            self._link(res.entity, start, end, "pronoun" if word in PERSON_PRONOUNS or word in THING_PRONOUNS else "description")
        return res.entity

    def resolution(self, att: Attribution) -> Resolution | None:
        return self.resolutions.get(id(att))

    def resolve_source(self, att: Attribution) -> Resolution:
        start, end = min(s for s, _ in att.source), max(e for _, e in att.source)
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not span.text.strip():
            return Resolution()
        word = span.text.strip().lower()
        if span[0].lower_ in ("who", "which"):
            # "Senator Tom Reed, who told reporters …": the source is what the relative pronoun stands
            # for — also when a finder took the relative clause for the source ("Israel, which
            # controls …, has pledged").  Only after a comma, where the noun phrase before it is the one.
            antecedent = self._relative_antecedent(span[0].i)
            if antecedent is None:
                return Resolution()
            span = self.doc.char_span(*antecedent, alignment_mode="expand") or span
            word = span.text.strip().lower()
        if word in PERSON_PRONOUNS:
            res = self._person_pronoun(start, end, word, att)
        elif word in THING_PRONOUNS:
            res = self._thing_pronoun(start, end)
        elif word in PLURAL_PRONOUNS:
            res = self._plural_pronoun(start)
        else:
            res = (
                self._together(span) or self._named(span) or self._owner_alone(span) or self._within_name(span)
                or self._apposed(span) or self._described(span, att)
            )
            if res.entity is None and not res.candidates:
                res = self._surname_untagged(span) or self._untagged_name(span) or res
        if res.entity is not None and not any(
            span.start_char <= s and e <= span.end_char for s, e in res.entity.mentions
        ):  # a source that holds a mention of its speaker already ("X's attorney, Kaplan,") adds none
            self._link(res.entity, span.start_char, span.end_char, _form_of(word, span, res))
        return res

    # names ------------------------------------------------------------------------------
    def _named(self, span: Span) -> Resolution | None:
        """The name that heads the source: not a possessive, not after a preposition, not a modifier."""
        options: list[Mention] = []
        for m in self.index.inside(span.start_char, span.end_char):
            if m.possessive or m.quoted:
                continue  # "Federline's attorney"; a title in quote marks never speaks
            before = TITLE_BEFORE_NAME.sub(" ", self.text[span.start_char : m.start] + "X")[:-1].lower()
            if "," in before and options:
                break  # an apposition follows the head: "Brian Fallon, the campaign's press secretary"
            since_comma = before.rsplit(",", 1)[-1].split()
            if any(w in NAME_PREPOSITIONS for w in since_comma):
                continue  # "a spokesman for Clinton", "prosecutors in Los Angeles"
            options.append(m)
        if not options:
            return None
        doc = span.doc
        if doc.has_annotation("DEP"):
            root = span.root
            for m in options:
                # … unless the parser took a name before a noun for the head ("Tulsa police Chief Chuck
                # Jordan", "Tulsa" tagged a verb): it only modifies that noun.
                if m.start <= root.idx < m.end and not _modifies_noun(span, m):
                    return self._named_result(m)
            for m in options:  # "Federline's attorney, Mark Vincent Kaplan": the name in apposition to the head
                tokens = doc.char_span(m.start, m.end, alignment_mode="expand")
                if tokens is not None and any(t.dep_ == "appos" and t.head.i == root.i for t in tokens):
                    return self._named_result(m)
                outside = root.head.i not in range(span.start, span.end)
                if tokens is not None and outside and any(
                    t.dep_ in ("nsubj", "nsubjpass") and t.head.i == root.head.i for t in tokens
                ):
                    return self._named_result(m)  # "His co-star Hannah Voss told": parsed as two subjects
            if root.pos_ == "NOUN":
                return None  # the name only modifies the head: "McConnell aides"
        options = [m for m in options if not _modifies_noun(span, m)]
        if not options:
            return None
        people = [m for m in options if m.kind == "person"]
        return self._named_result((people or options)[-1])

    def _surname_untagged(self, span: Span) -> Resolution | None:
        """A source that is one capitalised word the tagger took for a common noun at a sentence's
        start ("Trump charges that …", "Price said …"), spelled as the surname of the article's
        people: that person, or the namesakes when more than one."""
        if len(span) != 1 or not span[0].is_alpha or not span[0].text.istitle() or self.index.inside(span.start_char, span.end_char):
            return None
        people = self._surname_of(span[0].text)
        if len(people) == 1:
            return Resolution(people[0], 0.8)
        return Resolution(candidates=tuple(people), confidence=0.0) if people else None

    def _untagged_name(self, span: Span) -> Resolution | None:
        """A source that is a capitalised name and nothing else, which neither the recogniser nor
        the tagger took for one ("As Mashable reports," — "Mashable" tagged as an adjective): the
        name speaks, of a kind the article does not tell (an outlet if it is a known one)."""
        name = span.text.strip()
        if not _BARE_NAME.fullmatch(name) or span[0].is_sent_start or self.index.inside(span.start_char, span.end_char):
            return None  # a name the recogniser did see was declined on purpose (a namesake, a place)
        if any(not t.is_alpha or len(t) < 3 or t.pos_ in ("NOUN", "PRON", "DET", "VERB", "AUX") for t in span):
            return None  # "Video shows", "Mr.", "African-": not a name
        if any(t.lower_ in PERSON_NOUNS or t.lower_ in ORGANIZATION_NOUNS or t.lower_ in OUTLET_NOUNS for t in span):
            return None  # a description ("The Company") goes through the description rules
        ent = self._entity("outlet" if is_outlet_name(name) else "other", name, span.start_char)
        if not ent.mentions:  # new: no description or pronoun may point back to it ("the company")
            ent.untagged = True
        return Resolution(ent, 0.7)

    def _together(self, span: Span) -> Resolution | None:
        """ "Nintendo and Apple announced …", "Obama and Netanyahu will seek …": names joined by "and"
        speak together — a group, never one of them."""
        names = [
            m for m in self.index.inside(span.start_char, span.end_char)
            if not m.quoted and m.text.lower().strip(" .") not in _TOGETHER_EDGES
        ]
        if len(names) < 2 or any(m.possessive for m in names):
            return None
        # A title before a name is no word between them: "Mr. Grassley and Mr. Leahy", "Both Mr. King and …".
        between = [_untitled(self.text[a.end : b.start]) for a, b in zip(names, names[1:])]
        if not all(w in ("and", ",", ", and", "&") or _AND_RELATIVE.fullmatch(w) for w in between):
            return None  # "Barack Obama and his wife Michelle" speak together too
        before = self.text[span.start_char : names[0].start]
        edges = _untitled(before) + self.text[names[-1].end : span.end_char].strip()
        plural_role = self.doc.char_span(span.start_char, names[0].start, alignment_mode="contract")
        if edges.strip(" ,.").lower() not in _TOGETHER_EDGES and not (
            # "Presidential candidates Hillary Clinton and Donald Trump": the people the plural names
            plural_role is not None and len(plural_role) and plural_role[-1].tag_ == "NNS"
            and is_person_noun(plural_role[-1].lemma_.lower()) and not self.text[names[-1].end : span.end_char].strip(" ,.")
        ):
            return None
        members = [self._by_mention.get((m.start, m.end)) for m in names]
        name = " and ".join(e.name if e is not None else m.text for e, m in zip(members, names))
        ent = self._entity("group", name, span.start_char)
        return Resolution(ent, 0.9)

    def _within_name(self, span: Span) -> Resolution | None:
        """A source inside a longer recognised name whose entity it is ("Obama" of a headline's
        "Obama Sees 'Personal Insult", which the entity stage cut back to "Obama")."""
        for m in self.index.mentions:
            if m.start <= span.start_char and span.end_char <= m.end and (m.start, m.end) != (span.start_char, span.end_char):
                ent = self._by_mention.get((m.start, m.end))
                if ent is not None and ent.name.lower().split()[-1] == span.text.strip().lower().split()[-1]:
                    return self._named_result(m) if ent.kind == "person" else Resolution(ent, 0.9)
        return None

    def _owner_alone(self, span: Span) -> Resolution | None:
        """ "De Miranda’s | recounting … is thrilling": a possessive name alone is the source itself."""
        inside = [m for m in self.index.inside(span.start_char, span.end_char) if not m.quoted]
        bare = POSSESSIVE_END.sub("", span.text.strip()).strip()
        if len(inside) == 1 and inside[0].possessive and (bare == inside[0].text or re.fullmatch(
            rf"(?:(?:de|da|van|von|der|del|di|le|la|al|bin)\s+)+{re.escape(inside[0].text)}", bare, re.I
        )):
            return self._named_result(inside[0])
        return None

    def _named_result(self, m: Mention) -> Resolution:
        ent = self._by_mention.get((m.start, m.end))
        if ent is None:
            return Resolution()
        if ent.kind == "person" and len(m.text.split()) == 1:
            rivals = self._namesakes(m)
            if len(rivals) > 1:
                return Resolution(candidates=tuple(rivals), confidence=0.0)
        return Resolution(ent, 0.95, mention=(m.start, m.end))

    def _surname_of(self, word: str) -> list[Ent]:
        """The article's people named in full whose surname is ``word`` (any case)."""
        word = word.lower()
        return [e for e in self.entities if e.kind == "person" and len(e.name.split()) > 1 and e.name.lower().split()[-1] == word]

    def _namesakes(self, m: Mention) -> list[Ent]:
        """People of the article a one-word name could be ("Obama": Barack or Michelle), unless the text
        settles it: the nearest full name before it in the same or the previous paragraph, or one far
        more often named than the others."""
        rivals = self._surname_of(m.text)
        if len(rivals) < 2:
            return rivals
        # "Mrs. Clinton" beside Bill and Hillary Clinton: the title tells
        gender = title_gender(self.text, m.start)
        if gender is not None:
            matching = [e for e in rivals if e.gender == gender]
            if len(matching) == 1:
                return matching
            rivals = [e for e in rivals if e.gender in (None, gender)] or rivals
        # "Trump says he would pay": the one man among people whose genders are all known
        told = self.index.pronoun_gender_after(m) if gender is None else None
        if told is not None and all(e.gender is not None for e in rivals):
            matching = [e for e in rivals if e.gender == told]
            if len(matching) == 1:
                return matching
        here = self.paragraph(m.start)
        recent: list[tuple[int, Ent]] = []
        for e in rivals:
            full = [s for (s, t), form in e.mentions.items() if t <= m.start and len(self.text[s:t].split()) > 1]
            if full and here - self.paragraph(max(full)) <= 1:
                recent.append((self.paragraph(max(full)), e))
        if recent:
            nearest = max(p for p, _ in recent)
            # The one named in full in this paragraph (or the one before); two named there: the text does not say.
            return [e for p, e in recent if p == nearest]
        counts = sorted(((len(e.mentions), e.first, e) for e in rivals), key=lambda x: (-x[0], x[1]))
        if counts[0][0] >= 2 * counts[1][0]:
            return [counts[0][2]]
        return [e for _, _, e in counts]

    def _apposed(self, span: Span) -> Resolution | None:
        """A description with its name beside it: "Federline's attorney, Mark Vincent Kaplan," / "X, an attorney"."""
        if not any(t.pos_ == "NOUN" for t in span):
            return None
        shape = self._shape(span)
        if shape is None or shape.plural or not shape.person_noun:
            return None  # "According to exit polls, Mitt Romney had a lead": no person is a poll
        text = self.text
        after = re.match(r",\s+", text[span.end_char : span.end_char + 3])
        if after:
            pos = span.end_char + after.end()
            for m in self.index.mentions:
                if m.start == pos and m.kind == "person" and not m.possessive:
                    return self._named_result(m)
        lead = max(0, span.start_char - 16)
        before = re.search(r",\s+(?:(?:now|then|currently|formerly)\s+)?$", text[lead : span.start_char])
        if before:  # "McConnell, now the Senate majority leader, who …"
            comma = lead + before.start()
            for m in self.index.mentions:
                if m.kind == "person" and not m.possessive and m.end <= comma and not text[m.end : comma].strip():
                    if self._ends_leading_phrase(m.start):
                        return None  # "At a press conference in Chelsea, the mayor said": a leading phrase ends there
                    return self._named_result(m)
        return None

    # pronouns ---------------------------------------------------------------------------
    def _antecedents(self, pos: int, kinds: tuple[str, ...], exclude: list[tuple[int, int]] = ()) -> list[Candidate]:
        """Mentions of ``kinds`` before ``pos``, nearest first, outside quotations, within the
        current paragraph and the two before."""
        lowest = self.paragraph(pos) - 2
        found = []
        for ent in self.entities:
            if ent.kind not in kinds or ent.untagged:
                continue
            for (s, e), form in ent.mentions.items():
                if e > pos or self.quoted(s) or self.paragraph(s) < lowest or any(a <= s < b for a, b in exclude):
                    continue
                found.append((s, e, ent))
        found.sort(key=lambda x: (-x[0], x[1]))
        subjects = {m.start for m in self.index.mentions if m.subject}
        spoke = [(p, e) for p, e in self.speakers_at]
        return [
            Candidate(s, e, ent, s in subjects or any(p >= s and p - s < 300 and who is ent for p, who in spoke))
            for s, e, ent in found
        ]

    def _person_pronoun(self, start: int, end: int, word: str, att: Attribution | None) -> Resolution:
        """he/she/his/her → the salient person before it whose gender does not clash; two equally
        salient people of the same gender in the same sentence make it ambiguous."""
        gender = PERSON_PRONOUNS[word]
        own = [(s, e) for s, e in att.content] if att is not None and att.type == "direct" else []
        if att is not None and self._closes_sentence(start, att):
            own.append((self.sentences[self.sentence(start)][0], start))  # "People like Scott, he said."
        pool = self._antecedents(start, ("person",), own)
        quoting = self._quoting(start)
        pool = [c for c in pool if c.entity.gender in (None, gender) and c.entity not in quoting]
        if not pool:
            return Resolution()
        here = self.sentence(start)
        if word in ("his", "her"):  # a possessive: the nearest person in its own sentence, then as "he"
            same = [c for c in pool if self.sentence(c.start) == here]
            if same:
                return self._pick(same)
        if self._unnamed_person_between(pool[0].end, start):
            return Resolution()  # "My father often said … He also told …": someone the text never names
        previous = [(at, unknown) for at, unknown in self.unknown_speakers
                    if at < start and self.paragraph(start) - self.paragraph(at) <= 1]
        if previous and previous[-1][1] and (self._reported(pool[0].start) or previous[-1][0] > pool[0].end):
            # "Wines believes the Clinton campaign …. 'They …,' she said": Wines, whom we do not know;
            # "'…,' my father often said. He also told …": the father, not a name before him
            return Resolution()
        recent = [c for c in pool if here - self.sentence(c.start) <= 3]
        # Someone the text shows to be of the pronoun's gender outranks someone it says nothing about
        # (but not a name inside what someone said: "Wines believes the Clinton campaign …, she said").
        known = [c for c in recent if c.entity.gender == gender and not self._reported(c.start)]
        # The subject of the pronoun's own sentence, before it, comes first ("But Fowler said the politics would
        # be more intense — and he noted that …").
        same = [
            c for c in recent
            if self.sentence(c.start) == here and c.salient
            and (not self._reported(c.start) or self._reported_with(c.start, start))
        ]  # a name inside a report, as the pronoun is: "some note that Trump — even as he says …"
        if same:
            return self._pick(same)
        last = self._last_speaker(start)
        if any(
            last is not None and c.entity is not last and self.sentence(c.start) == here and self._reported(c.start)
            and not self._modifier(c.start, c.end)  # not "the Obama administration"
            for c in recent
        ):
            return Resolution()  # "[Ellis: …] But some note that Trump — even as he says …": Trump, or Ellis?
        # The subject of the sentence just before outranks a speaker further back ("Trump has record low
        # support from black voters. He recently pitched himself …").
        subject = self.subjects.get(here - 1)
        if (
            subject is not None and subject is not last and subject.kind == "person"
            and subject.gender in (None, gender) and any(c.entity is subject for c in recent)
            # Someone of the pronoun's gender further back does not outrank the subject just before when
            # nobody was named since: "Oz is hardly an impartial figure. He's been pilloried …" is Oz.
            and (subject.gender == gender or not known
                 or pool[0].entity is subject and not self._modifier(pool[0].start, pool[0].end))
        ):
            # … unless another person stands beside it there ("Kevin Marlowe and Mark Kaplan left. He said").
            beside = [c for c in recent if self.sentence(c.start) == here - 1 and (c.salient or c.entity is subject)]
            return self._pick(sorted(beside, key=lambda c: c.entity is not subject))
        if last is not None and last.kind == "person" and last.gender in (None, gender):
            spoke_at = max(p for p, e in self.speakers_at if e is last and p < start)
            later = [
                c for c in recent
                if c.start > spoke_at and c.entity is not last and not self._reported(c.start)
                and (c.salient or last.gender is None and c.entity.gender == gender)
                # not the object of the last speaker's own clause ("McLaughlin agreed with Matthews. '…,' he wrote")
                and (c.salient or self.sentence(c.start) != self.sentence(spoke_at))
            ]
            if not later:
                mention = next((c for c in pool if c.entity is last), None)
                return Resolution(last, 0.85, mention=(mention.start, mention.end) if mention else None)
        # A name only inside someone's reported words, sentences back, is what they spoke of, not who
        # "she" is ("… postings that included one saying that Obama should be hanged. … “…,” she said").
        far = [c for c in pool if not self._reported(c.start) or here - self.sentence(c.start) <= 1]
        preferred = known or recent or far
        if not preferred:
            return Resolution()
        salient = [c for c in preferred if c.salient]
        return self._pick(salient or preferred)

    def _quoting(self, pos: int) -> list[Ent]:
        """Who says the direct quotation holding ``pos``: in their own words "she" is someone else
        ("McCrummen reports: "The first time she had seen him …"" — she is not McCrummen)."""
        out = []
        for att in self._attributions:
            if att.type in ("direct", "mixed") and self._says(att, pos):
                res = self.resolutions.get(id(att.continues or att))
                if res is not None and res.entity is not None:
                    out.append(res.entity)
        return out

    def _says(self, att: Attribution, pos: int) -> bool:
        """Whether ``pos`` is inside what ``att`` says: its content, or a quotation its content
        shares — the content may stop short of where the quotation marks close (a reporter's
        paragraph quoted with an opening mark only: "McCrummen reports: "The first time … what
        she called a “rant,”")."""
        if any(s <= pos < e for s, e in att.content):
            return True
        i = bisect.bisect_right(self._outer_quotations, (pos, len(self.text))) - 1  # the one holding pos, if any
        if i < 0 or self._outer_quotations[i][1] <= pos:
            return False
        qs, qe = self._outer_quotations[i]
        return any(s < qe and qs < e for s, e in att.content)

    def _closes_sentence(self, start: int, att: Attribution) -> bool:
        """Whether a pronoun and its cue close their sentence after a comma ("People like Scott, he
        said."): what comes before the comma is what was said, even when no finder took it."""
        before = self.text[self.sentences[self.sentence(start)][0] : start].rstrip()
        if not before.endswith(",") or not att.cue:
            return False
        cue_end = max(e for _, e in att.cue)
        return self.sentence(cue_end - 1) == self.sentence(start) and not any(
            ch.isalnum() for ch in self.text[cue_end : self.sentences[self.sentence(start)][1]]
        )

    def _reported(self, pos: int) -> bool:
        """Whether ``pos`` lies inside some attribution's content (reported words, not narration)."""
        return any(s <= pos < e for s, e in self._contents)

    def _reported_with(self, pos: int, other: int) -> bool:
        """Whether ``pos`` and ``other`` lie inside the same content (one report's own words)."""
        return any(s <= pos < e and s <= other < e for s, e in self._contents)

    def _narration(self, lo: int, hi: int) -> list[Token]:
        """The tokens between ``lo`` and ``hi`` outside quotation marks."""
        span = self.doc.char_span(lo, hi, alignment_mode="contract") if lo < hi else None
        return [t for t in span or () if not self.quoted(t.idx)]

    def _plural_thing_before(self, lo: int, pos: int) -> bool:
        """Whether the sentence of ``pos`` names plural things between ``lo`` and it: "Romney released his
        returns, even though they exposed …" — they are the returns, not the people named before."""
        return any(
            t.tag_ == "NNS" and not is_person_noun(t.lemma_.lower()) and t.lemma_.lower() not in GROUP_NOUNS
            for t in self._narration(max(lo, self.sentences[self.sentence(pos)][0]), pos)
        )

    def _pronoun_before(self, candidate: Candidate, words: tuple[str, ...]) -> bool:
        """Whether one of ``words`` comes before ``candidate`` in its sentence: the pronoun already
        stands for something else there ("They sent a letter to Senate leaders. … they wrote";
        "attorneys released it to The Washington Post. It shows …"), likelier what it goes on meaning."""
        lo = self.sentences[self.sentence(candidate.start)][0]
        return any(t.lower_ in words for t in self._narration(lo, candidate.start))

    def _unnamed_person_between(self, lo: int, pos: int) -> bool:
        """Whether a sentence between ``lo`` and ``pos`` has for subject a person the text does not
        name ("my father", "the officer", "a doctor"), or a name it never tells for a person, an
        organisation or a place — the likelier antecedent of a pronoun after it."""
        first, last = self.sentence(lo) + 1, self.sentence(pos)
        for n in range(first, last + 1):
            s_lo, s_hi = self.sentences[n]
            span = self.doc.char_span(s_lo, min(s_hi, pos) if n == last else s_hi, alignment_mode="contract")
            if span is None:
                continue
            verb = _main_verb(span)
            if verb is None:
                continue
            before = [t for t in span if t.i < verb.i and not self.quoted(t.idx)]
            nouns = [t for t in before if t.pos_ == "NOUN"]
            if (
                len(before) > 2 and before[0].lower_ in ("the", "a", "an") and before[2].tag_ == "POS"
                and before[1].pos_ == "NOUN" and is_person_noun(before[1].lemma_.lower())
            ):
                return True  # "The woman’s enthusiasm for Trump is recorded in detail: “…,” she said"
            named = self.index.inside(before[0].idx, verb.idx) if 0 < len(before) <= 3 and n < last else []
            if named and all(t.pos_ == "PROPN" for t in before) and all(m.kind == "other" and not m.label for m in named):
                return True  # "Oz is hardly an impartial figure. …, he said": a name the article never placed
            if not nouns or any(t.pos_ == "PROPN" for t in before) or before[0].pos_ == "ADP":
                continue
            head = nouns[-1].lemma_.lower()
            if before[0].lower_ in ("my", "his", "her", "their", "our", "the", "a", "an", "one") and (
                head in profiles.ROLE_SET or head in PERSON_NOUNS
            ):
                return True
        return False

    def _thing_between(self, lo: int, pos: int) -> bool:
        """Whether a sentence between ``lo`` and ``pos`` (the pronoun's own included) has for subject a
        thing the text does not name ("The unemployment rate is a term …: It refers to …")."""
        first, last = self.sentence(lo) + 1, self.sentence(pos)
        for n in range(max(first, last - 1), last + 1):
            s_lo, s_hi = self.sentences[n]
            span = self.doc.char_span(s_lo, min(s_hi, pos) if n == last else s_hi, alignment_mode="contract")
            verb = _main_verb(span) if span is not None else None
            if verb is None:
                continue
            before = [t for t in span if t.i < verb.i and not self.quoted(t.idx)]
            nouns = [t for t in before if t.pos_ == "NOUN"]
            if (
                nouns and before[0].lower_ in ("the", "this", "that") and not any(t.pos_ == "PROPN" for t in before)
                and nouns[-1].lemma_.lower() not in ORGANIZATION_NOUNS | OUTLET_NOUNS | DOCUMENT_NOUNS
                and not is_person_noun(nouns[-1].lemma_.lower())
            ):
                return True
        return False

    def _pick(self, pool: list["Candidate"]) -> Resolution:
        """The nearest candidate, unless another one of the same gender stands in its sentence (ambiguous)."""
        best = pool[0]
        ent = best.entity
        rivals: list[Ent] = []
        for c in pool[1:]:
            if c.entity is not ent and c.entity not in rivals and self.sentence(c.start) == self.sentence(best.start):
                if c.entity.gender == ent.gender or ent.gender is None and c.entity.gender is None:
                    rivals.append(c.entity)
        if rivals:
            return Resolution(candidates=(ent, *rivals))
        return Resolution(ent, 0.8, mention=(best.start, best.end))

    def _last_speaker(self, pos: int) -> Ent | None:
        before = [(p, e) for p, e in self.speakers_at if p < pos and self.paragraph(pos) - self.paragraph(p) <= 2]
        return before[-1][1] if before else None

    def _thing_pronoun(self, start: int, end: int) -> Resolution:
        """it/its → the nearest organisation, outlet or document before it (never a person); "It is
        worth noting", "It seems" refer to nothing."""
        if _EXPLETIVE.match(self.text, end):
            return Resolution()
        # Not a name that only modifies a noun: "The GOP candidate proposes … it says" is not the GOP.
        # Nor one named in passing two sentences back or more ("…, who studies tax policy at the American
        # Enterprise Institute, …"): only a subject or a speaker carries that far.
        here = self.sentence(start)
        pool = [
            c for c in self._antecedents(start, ("organization", "outlet", "document"))
            if not self._modifier(c.start, c.end) and (c.salient or here - self.sentence(c.start) <= 1)
        ]
        if not pool or self._thing_between(pool[0].end, start) or self._pronoun_before(pool[0], ("it",)):
            return Resolution()
        places = [c for c in self._antecedents(start, ("other",)) if c.entity.place]
        if places and places[0].start > pool[0].start and here - self.sentence(places[0].start) <= 1:
            return Resolution()  # "… should Mexico retaliate? It has shown …": a country, not the W.T.O. before it
        # What the sentence before was about ("The report assessed … Among its key findings: …").
        subject = self.subjects.get(self.sentence(start) - 1)
        if subject is not None and subject.kind in ("organization", "outlet", "document") and any(c.entity is subject for c in pool):
            return Resolution(subject, 0.8)
        return Resolution(pool[0].entity, 0.75, mention=(pool[0].start, pool[0].end))

    def _plural_pronoun(self, start: int) -> Resolution:
        """they/their → a group just named (within two sentences); anything less clear stays open."""
        pool = [c for c in self._antecedents(start, ("group",)) if self.sentence(start) - self.sentence(c.start) <= 2]
        if not pool or self._pronoun_before(pool[0], ("they", "them")) or self._plural_thing_before(pool[0].end, start):
            return Resolution()
        return Resolution(pool[0].entity, 0.7, mention=(pool[0].start, pool[0].end))

    # descriptions -----------------------------------------------------------------------
    def _shape(self, span: Span) -> Shape | None:
        inside = self.index.inside(span.start_char, span.end_char)
        orgs = [
            e.name for e in (self._by_mention.get((m.start, m.end)) for m in inside)
            if e is not None and e.kind in ("organization", "outlet", "other")
        ]
        return shape_of(span, self.text, inside, orgs)

    def _described(self, span: Span, att: Attribution) -> Resolution:
        shape = self._shape(span)
        if shape is None or span[0].lower_ in _NOBODY_IN_PARTICULAR:
            return Resolution()  # "No leader can achieve victory by pretending …": nobody the article names
        if shape.head in OUTLET_NOUNS and shape.definite:
            # "The network said" is no newspaper named before it, "the paper" no broadcaster
            medium = "broadcast" if shape.head in BROADCAST_NOUNS else "print" if shape.head in PRINT_NOUNS else None
            return self._back_to(span.start_char, ("outlet",), 0.85,
                                 fits=lambda e: medium is None or outlet_medium(e.name) in (None, medium))
        if shape.head in DOCUMENT_NOUNS:
            return self._document(span, shape)
        if shape.head in ORGANIZATION_NOUNS and not shape.person_noun:
            return self._organization(span, shape)
        if (shape.person_noun or shape.age is not None) and not shape.plural:
            res = self._person_description(span, shape, att)
            if res is not None:
                return res
        if shape.plural and not (
            shape.person_noun or shape.head in GROUP_NOUNS or shape.proper_modifiers or any(t.pos_ == "PROPN" for t in span)
        ):
            return Resolution()  # "neon lights", "prices": things, not a group of people that speaks
        if shape.plural or shape.head in ANONYMOUS_NOUNS or shape.indefinite or shape.possessor:
            return self._new_source(span, shape)
        if shape.definite and shape.person_noun and shape.age is None:
            # "that tweeter in Sydney", "the officer" that nothing named answers to: someone the
            # article does not name, speaking as such (never the nearest name instead).
            return self._new_source(span, shape)
        return Resolution()

    def _back_to(self, pos: int, kinds: tuple[str, ...], confidence: float,
                 fits: Callable[[Ent], bool] = lambda e: True) -> Resolution:
        pool = [c for c in self._antecedents(pos, kinds) if fits(c.entity)]
        if not pool:
            # "the outlet" may point past two paragraphs: the nearest outlet anywhere before
            named = [(s, t, e) for e in self.entities if e.kind in kinds and fits(e)
                     for (s, t) in e.mentions if t <= pos and not self.quoted(s)]
            if not named:
                return Resolution()
            s, t, ent = max(named, key=lambda x: (x[0], x[1]))
            return Resolution(ent, confidence - 0.1, mention=(s, t))
        return Resolution(pool[0].entity, confidence, mention=(pool[0].start, pool[0].end))

    def _document(self, span: Span, shape: "Shape") -> Resolution:
        """ "The report states" → the report introduced before ("a new report by X"); a new one otherwise."""
        if shape.definite and not shape.orgs:
            for ent in reversed(self.entities):
                if ent.kind == "document" and ent.first < span.start_char and _head_of(ent.name) in (shape.head, "report", "study"):
                    return Resolution(ent, 0.85)
        return self._new_source(span, shape, kind="document")

    def _organization(self, span: Span, shape: "Shape") -> Resolution:
        """ "West Mercia police", "Netanyahu's Likud party" name an organisation; so does "O'Malley's
        campaign" / "the Trump campaign" (after its person); "the company" points back."""
        person = None
        if shape.owner_name and not shape.proper_modifiers and shape.head in _NAMED_AFTER_PEOPLE:
            person = self._person_named(shape.owner_name) or shape.owner_name  # "O'Malley's campaign"
        elif shape.proper_modifiers:
            person = self._person_named(" ".join(shape.proper_modifiers))
        if person is not None or shape.proper_modifiers:
            name = f"{person} {shape.head}" if person is not None else shape.named_phrase
            if not name.strip():  # "the nation's two largest unions and the Annenberg Institute": they speak together
                return self._new_source(span, shape, kind="group")
            ent = self._entity("organization", name, span.start_char)
            return Resolution(ent, 0.9)
        if shape.definite and not shape.orgs and not shape.organization:
            # (not "the editorial board of the Washington Post": it says whose board it is)
            # "the transit authority" → the "Riverton Metropolitan Transit Authority" named before, however far.
            words = {t.lower() for t in shape.phrase.split()[1:]}
            named = [
                e for e in self.entities
                if e.kind in ("organization", "outlet") and e.first < span.start_char
                and shape.head in e.name.lower().split() and words <= set(e.name.lower().split()) | {shape.head}
            ]
            if named:
                return Resolution(max(named, key=lambda e: max(s for s, _ in e.mentions if s < span.start_char)), 0.85)
            if shape.plural and shape.head not in _COLLECTIVE:
                return self._new_source(span, shape, kind="group")  # "the courts", "the companies": never one of them
            pool = self._antecedents(span.start_char, ("organization",))
            if shape.head == "union":  # a union, not the company it fights
                pool = [c for c in pool if _LABOUR_NAME.search(c.entity.name)]
                if not pool:
                    return Resolution()
            if not pool:  # a name the recogniser missed that acts like one ("Uber raised its prices")
                pool = [c for c in self._antecedents(span.start_char, ("other",)) if c.salient and not c.entity.place]
            if pool and any(t.pos_ == "NOUN" and t.lemma_.lower() == shape.head for t in self._narration(pool[0].end, span.start_char)):
                # "… according to the Roper Center. Romney led among the high-earning group. The group also
                # views …": the group last spoken of, which no name gives
                return Resolution()
            if pool:
                ent = pool[0].entity
                if ent.kind == "other":
                    ent.kind = "organization"  # "the company" says what it is
                return Resolution(ent, 0.75, mention=(pool[0].start, pool[0].end))
            if shape.plural:
                return self._new_source(span, shape, kind="group")
            return Resolution()
        return self._new_source(span, shape, kind="group" if shape.plural else "unnamed")

    def _person_description(self, span: Span, shape: "Shape", att: Attribution | None) -> Resolution | None:
        """ "Federline's attorney", "the attorney", "the pop icon", "the 42-year-old" → the person meant."""
        start = span.start_char
        people = [e for e in self.entities if e.kind == "person"]
        owner = shape.owner_name
        # 1. Someone the article describes with this role (for the same owner, when one is named).
        holders = [
            e
            for e in people
            if any(same_role(shape.head, w) for r in e.roles for w in role_words(r))
            and (owner is None or any(profiles.same_person(owner, r.of) for r in e.relations))
            and (owner is None or not profiles.same_person(owner, e.name))
            # "the Republican nominee" is not the Democratic one: a description's qualifiers must fit
            and all(any(q in r.lower().split() for r in e.roles) for q in shape.qualifiers)
            and self._described_as(e, shape.kind_words)  # "the band leader" is not the president
        ]
        if shape.age is not None:
            holders = [e for e in people if e.age == shape.age] or holders
        if len(holders) == 1 and (shape.definite or shape.possessor or owner or shape.age is not None):
            return Resolution(holders[0], 0.85)
        if len(holders) > 1:
            before = [e for e in holders if e.first < start]
            if len(before) == 1:
                return Resolution(before[0], 0.8)
            # "The chef" in a story about one chef who mentions another: the one it is about.
            first = min(people, key=lambda e: e.first)
            weight = {id(e): self._presence(e, start) + (e is first) for e in holders}
            ranked = sorted(before or holders, key=lambda e: (-weight[id(e)], e.first))
            if len(ranked) > 1 and weight[id(ranked[0])] >= 2 * max(1, weight[id(ranked[1])]):
                return Resolution(ranked[0], 0.7)
            return Resolution(candidates=tuple(holders))
        if shape.head in ANONYMOUS_NOUNS:
            return None  # unnamed on purpose: "a source close to the singer"
        # 2. A description named in the same or the next paragraph: "an attorney for X says …" … "Kaplan told".
        # (Only from the opening paragraphs, where news sums up who is named below: "a doctor had
        # typed …" deep in a story is somebody else than the next person it names.)
        if (shape.indefinite or shape.possessor or owner) and self.paragraph(start) <= _LEDE_PARAGRAPHS:
            forward = self._named_next(start, shape, att)
            if forward is not None:
                self._learn(forward, shape)  # later "Federline's attorney" is this person too
                return Resolution(forward, 0.7)
        # 3. "the 42-year-old", "the pop icon": the person the article is about, unless that clashes.
        if shape.definite and (shape.age is not None or shape.head in FAME_NOUNS or shape.head in profiles.ROLE_SET):
            return self._topic_person(start, shape)
        return None

    def _ends_leading_phrase(self, start: int) -> bool:
        """Whether the name at ``start`` closes a phrase that opens its sentence with a preposition or
        a subordinator, before any verb ("At a press conference in Chelsea, …"; not "Obama has had a
        frosty relationship with McConnell, now the Senate majority leader")."""
        if not _after_preposition(self.doc, start):
            return False
        opens = self.sentences[self.sentence(start)][0] if self.sentences else 0
        lead = self.doc.char_span(opens, start, alignment_mode="expand") if opens < start else None
        before = [t for t in lead or () if not t.is_space]
        return bool(before) and before[0].pos_ in ("ADP", "SCONJ") and not any(t.pos_ in ("VERB", "AUX") for t in before)

    def _described_as(self, ent: Ent, words: tuple[str, ...]) -> bool:
        """Whether the article's words for ``ent`` — its roles, titles and descriptions — hold every
        one of ``words`` ("majority" for McConnell, "now the Senate majority leader")."""
        if not words:
            return True
        said = {w for r in ent.roles for w in r.lower().split()}
        for (s, e), form in ent.mentions.items():
            if form in ("title", "description", "apposition"):
                said.update(self.text[s:e].lower().split())
        return all(w in said for w in words)

    def _learn(self, ent: Ent, shape: "Shape") -> None:
        """What a description resolved to a person says about them: the role, and whose it is."""
        if shape.head in profiles.ROLE_SET or shape.head in PERSON_NOUNS:
            ent.add_role(shape.head)
            if shape.owner_name:
                owner = self._person_named(shape.owner_name) or shape.owner_name
                relation = SpeakerRelation(profiles.relation_name(shape.head), owner)
                if relation not in ent.relations:
                    ent.relations.append(relation)

    def _named_next(self, start: int, shape: "Shape", att: Attribution | None) -> Ent | None:
        """The first person introduced after ``start``, in its paragraph or the next, who speaks and whose
        known roles do not clash with the description."""
        here = self.paragraph(start)
        for ent in sorted((e for e in self.entities if e.kind == "person" and e.first > start), key=lambda e: e.first):
            if self.paragraph(ent.first) - here > 1:
                break
            if shape.owner_name and profiles.same_person(shape.owner_name, ent.name):
                continue
            roles = {w for r in ent.roles for w in role_words(r)}
            if roles and not any(same_role(shape.head, w) for w in roles):
                continue
            if gender_clash(shape, ent.gender):
                continue
            if any(s <= ent.first < e for s, e in self._contents):
                continue  # "A New York judge has rejected … a court file on Donald Trump's divorce": what it is about
            speaks = any(s for (s, t), form in ent.mentions.items() if self._is_source(s, t) and not self._modifier(s, t))
            if speaks:
                return ent
        return None

    def _modifier(self, start: int, end: int) -> bool:
        """Whether the name at [start, end) only modifies a noun after it ("the Gannett newspaper chain")."""
        name = self.doc.char_span(start, end, alignment_mode="expand")
        i = name.end if name is not None else len(self.doc)
        while i < len(self.doc) and self.doc[i].is_space:
            i += 1
        return i < len(self.doc) and self.doc[i].pos_ == "NOUN"

    def _is_source(self, s: int, e: int) -> bool:
        return any(a <= s and e <= b for a, b in self._source_spans)

    def _topic_person(self, start: int, shape: "Shape") -> Resolution | None:
        """The person the article is about — named before, and clearly more present than anyone else:
        mentions outside quotations, one more for the first person the article names."""
        people = [e for e in self.entities if e.kind == "person" and e.first < start]
        first = min(people, key=lambda e: e.first) if people else None
        counts = sorted(
            ((self._presence(e, start) + (e is first), e) for e in people),
            key=lambda x: (-x[0], x[1].first),
        )
        if not counts:
            return None
        top, ent = counts[0]
        if len(counts) > 1 and top < 2 * counts[1][0]:
            return Resolution(candidates=tuple(e for _, e in counts[:2]))
        if gender_clash(shape, ent.gender):
            return None
        roles = {w for r in ent.roles for w in role_words(r)}
        if shape.head not in FAME_NOUNS and shape.age is None and roles and not any(same_role(shape.head, w) for w in roles):
            return None
        if shape.head not in FAME_NOUNS and not self._described_as(ent, shape.kind_words):
            return None  # "the band leader" is not the article's senator (but "the pop icon" is its singer)
        if shape.organization and not (ent.organization and _key(ent.organization) == _key(shape.organization)):
            return None  # "the chair of the DNC" is not the nominee the article is about
        if shape.age is not None and ent.age is not None and ent.age != shape.age:
            return None
        return Resolution(ent, 0.6)

    def _presence(self, ent: Ent, before: int) -> int:
        """How often the narration names ``ent`` before ``before``: its names and titles outside
        quotations (a source span that holds a name counts once)."""
        spans = sorted((s, e) for (s, e), form in ent.mentions.items() if e <= before and not self.quoted(s) and form in ("name", "title"))
        return sum(1 for s, e in spans if not any((a, b) != (s, e) and s <= a and b <= e for a, b in spans))

    def _new_source(self, span: Span, shape: "Shape", kind: str | None = None) -> Resolution:
        """A group ("American officials"), an unnamed source ("a spokesperson for X"), a document."""
        kind = kind or ("group" if shape.plural else "unnamed")
        name = shape.phrase
        ent = Ent(name=name, kind=kind, first=span.start_char, organization=shape.organization)
        if shape.head in profiles.ROLE_SET or shape.head in ANONYMOUS_NOUNS:
            ent.add_role(shape.head)
        if shape.owner_name and kind == "unnamed":
            owner = self._person_named(shape.owner_name)
            ent.relations.append(SpeakerRelation(profiles.relation_name(shape.head), owner or shape.owner_name))
        if kind in ("group", "unnamed"):  # "officials" said twice is one group in one article
            for other in self.entities:
                if other.kind == kind and _key(other.name) == _key(name):
                    return Resolution(other, 0.9)
        self.entities.append(ent)
        return Resolution(ent, 0.9)

    def _person_named(self, name: str) -> str | None:
        """The one person of the article ``name`` names ("O'Malley" → "Martin O'Malley"); None when it
        names none or several ("the Trump campaign" beside Donald and Ivanka Trump keeps its own name)."""
        people = [e.name for e in self.entities if e.kind == "person" and profiles.same_person(name, e.name)]
        return people[0] if len(people) == 1 else None

    # -- output ------------------------------------------------------------------------
    def _assign_ids(self) -> None:
        """Ids in order of first mention, so the same article always gives the same ids.

        The article's people, organisations, outlets, groups, unnamed sources and documents are
        kept; a place or other name only when it speaks ("Israel has pledged …") or may.
        """
        speaking = {id(e) for _, e in self.speakers_at}
        speaking |= {id(e) for r in self.resolutions.values() for e in r.candidates}
        self.entities = [e for e in self.entities if e.mentions and (e.kind != "other" or id(e) in speaking)]
        self.entities.sort(key=lambda e: (e.first, e.name))
        for n, ent in enumerate(self.entities, start=1):
            ent.id = f"e{n}"

    def to_model(self) -> list[Entity]:
        """The entities as the data model holds them."""
        out = []
        for ent in self.entities:
            mentions = tuple(
                EntityMention(TextSpan(self.text[s:e], ((s, e),)), form)  # type: ignore[arg-type]
                for (s, e), form in sorted(ent.mentions.items())
            )
            out.append(
                Entity(
                    id=ent.id,
                    name=ent.name,
                    kind=ent.kind,  # type: ignore[arg-type]
                    roles=tuple(ent.roles),
                    organization=ent.organization,
                    relations=tuple(ent.relations),
                    age=ent.age,
                    mentions=mentions,
                )
            )
        return out


# Organisation nouns a tagger may read as plural that still name one body ("the police said").
_COLLECTIVE = frozenset("police military staff".split())
_BARE_NAME = re.compile(r"[A-Z][a-zA-Z]+(?:\s+[A-Z][a-zA-Z]+){0,3}")
# "It is unclear", "It’s time", "It goes without saying" — but not "It’s denouncing what it calls …"
_EXPLETIVE = re.compile(
    r"(?:['’]s|\s+(?:is|was|'s|’s|seems|seemed|appears|appeared|remains|remained|would\s+be|will\s+be|has\s+been"
    r"|goes\s+without\s+saying|went\s+without\s+saying))\b(?!\s+\w+ing\b)"
)
_LEDE_PARAGRAPHS = 1  # paragraphs 0 and 1: where a description may point forward to the name below it
# Organisations named after their person: "O'Malley's campaign", "the Trump administration".
_NAMED_AFTER_PEOPLE = frozenset("campaign camp team office administration family foundation government staff".split())
# -- small helpers -----------------------------------------------------------------------------


def _key(name: str) -> str:
    name = POSSESSIVE_END.sub("", name.strip())
    name = re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.I)
    return _WS.sub(" ", name).casefold()


def _head_of(name: str) -> str:
    words = re.split(r"\s+(?:by|from|of|for)\s+", name.lower())[0].split()
    return words[-1] if words else ""


def _trim_tail(name: str) -> str:
    """ "Obama Says", "Obama Sees 'Personal Insult" → "Obama", "Rip Donald Trump" → "Donald Trump": a
    name ends before a headline verb or noun, starts after one (and never ends on an apostrophe)."""
    words = name.rstrip("'’").split()
    while len(words) > 2 and words[0].lower() in _NOT_NAME_HEAD:
        words = words[1:]
    for i, word in enumerate(words[1:], start=1):
        if word.lower().strip("'’\"") in _NOT_NAME_TAIL:
            words = words[:i]
            break
    return " ".join(words)


def _main_verb(span: Span):  # -> Token | None
    """The first verb of a sentence outside a relative clause (", who warned …,") and not a participle
    modifying a noun."""
    relative = False
    for t in span:
        if t.text == "," and relative:
            relative = False
            continue
        if t.lower_ in ("who", "which", "whose", "whom") and t.i > span.start and span.doc[t.i - 1].text == ",":
            relative = True
            continue
        if not relative and t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBN", "VBG"):
            return t
    return None


def _after_preposition(doc: Doc, start: int) -> bool:
    """Whether a preposition governs the name at ``start`` ("to the United Nations", "of Kentucky")."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return False
    i = span.start - 1
    while i >= 0 and doc[i].pos_ in ("DET", "ADJ", "PROPN", "NUM") and doc[i].lower_ not in ("'s", "’s"):
        i -= 1
    return i >= 0 and doc[i].pos_ == "ADP"


def _modifies_noun(span: Span, m: Mention) -> bool:
    """Without a parse: whether a name only modifies a noun — one after it, past adjectives ("McConnell
    aides", "The Republican presidential nominee", a headline's "White House Doctor"); one it is the
    owner of, past the rest of a name the recogniser cut ("Keith | Lamont Scott's wife"); or one
    before it that a participle goes on from ("Several judges handling federal Freedom of …")."""
    after = [t for t in span if t.idx >= m.end]
    rest = next((k for k, t in enumerate(after) if t.pos_ != "PROPN" or t.lower_ in ("'s", "’s")), len(after))
    if rest + 1 < len(after) and (after[rest].tag_ == "POS" or after[rest].lower_ in ("'s", "’s")):
        return True  # the owner
    if rest < len(after) and after[rest].pos_ == "NOUN" and after[rest].is_lower:
        return True  # "Russia Today programming" (but not a headline's "Warren Hammers Wells Fargo CEO")
    i = next((k for k, t in enumerate(after) if t.pos_ != "ADJ"), len(after))
    if i < len(after) and (after[i].pos_ == "NOUN" or is_person_noun(after[i].lower_)):
        return True
    before = [t for t in span if t.idx < m.start]
    commas = [k for k, t in enumerate(before) if t.text == ","]
    before = before[commas[-1] + 1 :] if commas else before
    nouns = [k for k, t in enumerate(before) if t.pos_ == "NOUN"]
    return bool(nouns) and any(t.tag_ in ("VBG", "VBN") for t in before[nouns[0] + 1 :])


def _form_of(word: str, span: Span, res: Resolution) -> str:
    if word in PERSON_PRONOUNS or word in THING_PRONOUNS or word in PLURAL_PRONOUNS:
        return "pronoun"
    if res.mention is not None and res.mention[1] > res.mention[0] and span.start_char <= res.mention[0] and res.mention[1] <= span.end_char:
        return "name"
    if POSSESSIVE_END.search(span.text.split()[0]) or span.text.lower().startswith(("his ", "her ", "their ", "its ")):
        return "possessive"
    return "description"


# "the union" points back only to an organisation named as one (never to "Peabody", the company).
_LABOUR_NAME = re.compile(r"(?i)\b(?:unions?|workers|teamsters|federation|afl-cio|guild|brotherhood|employees)\b")
# What may stand around names that speak together: "both", "the", or a plural title ("Sens. Charles
# Grassley and Patrick Leahy", "Reps. …").
_TOGETHER_EDGES = frozenset({"", "both", "the", "sens", "senators", "reps", "representatives", "messrs", "drs", "govs"})
_AND_RELATIVE = re.compile(r"(?:, ?)?and (?:his|her|their) (?:wife|husband|son|daughter|brother|sister|father|mother|partner),?")
_NAME_TITLE = re.compile(r"\b(?:mr|mrs|ms|miss|dr|sen|rep|gov|gen|prof|rev|president|senator|governor|judge)\.?(?=\s|$)", re.I)


def _untitled(words: str) -> str:
    """``words`` lowercased and stripped, without the titles that stand before names ("and Mr." → "and")."""
    return " ".join(_NAME_TITLE.sub(" ", words).split()).lower()


def _names_someone(text: str, att: Attribution) -> bool:
    """Whether an attribution's source names someone (a capitalised word that is no pronoun)."""
    source = " ".join(text[s:e] for s, e in att.source).strip()
    words = source.lower().split()
    if len(words) == 2 and words[0] in ("my", "our", "your", "his", "her", "their") and is_person_noun(words[1]):
        return True  # "my father", "her lawyer": someone, unnamed
    return any(w[:1].isupper() for w in source.split()) and source.lower() not in ("i", "we", "he", "she", "it", "they")


def _masked(text: str, attributions: list[Attribution]) -> str:
    """The text with quote contents blanked (descriptions are read outside quotes), offsets unchanged."""
    chars = list(text)
    for att in attributions:
        if att.type == "indirect":
            continue
        for s, e in att.content:
            chars[s:e] = " " * (e - s)
    return "".join(chars)


def build(doc: Doc, attributions: list[Attribution]) -> Entities:
    """The entity stage: read the article's entities and resolve every attribution's source."""
    return Entities(doc, attributions)


__all__ = ["Candidate", "Ent", "Entities", "Resolution", "build"]
