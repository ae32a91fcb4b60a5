"""The people and organisations an article mentions, with what it says about them.

Built from named entities, part-of-speech tags and quote marks only, so it works
with or without a dependency parse.  For each person it keeps the fullest name
the article gives ("Mark Vincent Kaplan" for a later "Kaplan"), a gender when the
article shows one (Mr./Ms., a common first name, or a pronoun already resolved),
and the descriptions linked to the name by apposition ("Kaplan, Federline's
attorney," or "Federline's attorney, Mark Vincent Kaplan") — the speaker stage
uses these to resolve "he", "the attorney" or "the outlet".
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from spacy.symbols import ADP, AUX, PROPN, SCONJ, VERB
from spacy.tokens import Doc, Span

from ..lang.quotemarks import DOUBLE
from .quotemarks import quote_depth, quotes_of
from .extensions import sentence_bounds, text_of
from . import lemmas

Gender = Literal["m", "f"]

_PERSON_LABELS = ("PERSON",)
_ORG_LABELS = ("ORG",)
_PLACE_LABELS = ("GPE", "NORP")
_TITLES = frozenset(
    "mr mr. mrs mrs. ms ms. miss dr dr. sen sen. rep rep. gov gov. president senator governor "
    "representative judge pastor rev rev. gen gen. sir dame lord lady prof prof. mayor".split()
)
# Role words that may open a name ("Spokeswoman Haley Morris"): kept as roles, not name.
_ROLE_WORDS = frozenset(
    """
spokeswoman spokesman spokesperson attorney lawyer chairman chairwoman ceo director secretary candidate
former adviser advisor aide strategist host anchor reporter columnist pollster professor coach officer
chief leader speaker minister prime vice nominee frontrunner billionaire businessman businesswoman
actor actress singer rapper star sheriff detective commissioner ambassador congressman congresswoman
councilwoman councilman councilor councillor councilmember treasurer comptroller auditor nurse chef captain
""".split()
)
# A title before a name ("Councilwoman Priya Raman", "Council member Darnell Price", "Secretary of
# State John F. Kerry", "state Treasurer Carl Whitby"): a role, never part of the name.  Only counts
# when a capitalised word follows.
TITLE_BEFORE_NAME = re.compile(
    r"\b(?i:(?:(?:former|then|acting|interim|deputy|assistant|state|city|county|town|u\.s\.)[\s-]+){0,2}"
    r"(?:city\s+)?council\s*(?:member|woman|man)|councilor|councillor|treasurer|comptroller|auditor"
    r"|secretary\s+of\s+(?:state|defense|labor|education|energy|agriculture|commerce|transportation"
    r"|the\s+treasury|the\s+interior|homeland\s+security|health\s+and\s+human\s+services|veterans\s+affairs)"
    r"|attorney\s+general|lieutenant\s+governor|(?:press\s+)?secretary|sen\.|rep\.|gov\.|lt\.\s+gov\."
    r"|senator|governor|representative|congress(?:wo)?man|mayor|nurse|chef|captain"
    r"|spokes(?:wo)?man|spokesperson)(?=\s+[A-Z])"
)
_ORG_WORDS = frozenset(
    """
news times post journal tribune herald press network inc corp company committee party campaign
association institute university center centre foundation council department agency bureau
office court police fbi cia tmz cnn msnbc abc nbc cbs fox npr ap reuters bloomberg politico
""".split()
)
# Nouns that describe a person (kin and common roles), for names the recogniser calls a place.
_PERSON_NOUNS = _ROLE_WORDS | frozenset(
    """
sister brother mother father son daughter wife husband partner girlfriend boyfriend fiancee fiance widow
cousin aunt uncle niece nephew grandmother grandfather friend publicist manager agent colleague neighbor
neighbour employee worker teacher student doctor nurse owner founder executive president
""".split()
)
_MALE_TITLES = frozenset("mr mr. sir lord".split())
_FEMALE_TITLES = frozenset("mrs mrs. ms ms. miss dame lady".split())
# A small list of common first names by gender: enough to split "he" from "she"
# in most news articles, never decisive against what the article itself shows.
_MALE_NAMES = frozenset(
    """
john james robert michael william david richard joseph thomas charles christopher daniel matthew
anthony mark donald steven paul andrew joshua kenneth kevin brian george edward ronald timothy
jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin
samuel frank gregory raymond alexander patrick jack dennis jerry tyler aaron jose adam henry
nathan douglas zachary peter kyle walter ethan jeremy harold keith christian roger noah gerald
carl terry sean austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie
gabriel logan alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby philip
johnny bernie barack mike ted marco jeb ben chris bill rand newt mitt rudy reince sean jared
vladimir bashir boris emmanuel justin xi kim hugh tom tim jim bob dick al ron rick
josh jake luke max kofi ahmed mohammed muhammad ali carlos luis pedro miguel antonio francisco
""".split()
)
_FEMALE_NAMES = frozenset(
    """
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret
sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca
sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha
katherine christine debra rachel catherine carolyn janet ruth maria heather diane virginia julie
joyce victoria olivia kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha
jacqueline frances gloria ann teresa kathryn sara janice jean alice madison doris abigail julia
judy grace denise amber marilyn beverly danielle theresa sophia marie diana brittany natalie
isabella charlotte rose alexis kayla hillary chelsea melania ivanka kellyanne sarah nikki carly
elizabeth nancy michelle huma hope condoleezza madeleine angela theresa marine britney jill tulsi haley kayleigh sheryl
""".split()
)
_FIRST_NAMES = _MALE_NAMES | _FEMALE_NAMES
# First names that are places too, and words that make an organisation of what follows one.
PLACE_NAMES = frozenset("virginia georgia carolina charlotte madison victoria chelsea jordan austin houston dallas florence".split())
_ORG_WORDS = frozenset(
    "observer times post news herald tribune journal gazette power university college bank club council party "
    "association union county city state".split()
)
# "NAME, Federline's attorney," / "NAME, an attorney for X said": the description after a name.
_APPOSITION_AFTER = re.compile(
    r",\s+((?:an?|the|[\w’'.-]+[’']s)\s[^,;:.\n]{2,60}?)(?:,|\.|;|\s+(?:said|says|told|added)\b)"
)
_POSSESSIVE = re.compile(r"^(.*?)(?:'s|’s|'|’)$")


@dataclass
class Mention:
    """One named mention: where it is, the fullest name it stands for, and what it is."""

    start: int
    end: int
    text: str
    kind: Literal["person", "organization", "other"]
    name: str = ""
    possessive: bool = False  # "Federline's attorney": the name modifies another noun
    quoted: bool = False  # inside a quotation (named by the speaker, not the narrator)
    label: str = ""  # the entity recogniser's label ("PERSON", "GPE", …); "" for a run of proper nouns it missed
    subject: bool = False  # the subject of its clause: the likelier antecedent of a later "he"/"she"
    sentence: int = -1  # index of its sentence, when the doc has sentence boundaries


@dataclass
class Person:
    """Everything the article tells about one named person."""

    name: str
    gender: Gender | None = None
    roles: set[str] = field(default_factory=set)  # head nouns of linked descriptions


class MentionIndex:
    """Named mentions of an article in text order, with full names and roles."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = text_of(doc)  # once per doc (text_of caches it)
        depth = quote_depth(self.text, quotes_of(doc))
        self.mentions: list[Mention] = []
        self._titles = [(m.start(), m.end()) for m in TITLE_BEFORE_NAME.finditer(self.text)]
        for ent in doc.ents:
            kind = _kind(ent)
            if kind is None:
                continue
            ent_start = ent.start_char
            for ts, te in self._titles:
                if ts <= ent_start < te:
                    ent_start = te  # "Council member Darnell Price" as one entity: the name only
            while ent_start < ent.end_char and self.text[ent_start].isspace():
                ent_start += 1
            if ent_start >= ent.end_char:
                continue  # "State" of "Secretary of State": part of a title
            if ent_start != ent.start_char:
                trimmed = doc.char_span(ent_start, ent.end_char)
                if trimmed is None:
                    continue
                ent = trimmed
            while len(ent) > 1 and ent[0].tag_.startswith("VB"):
                ent = ent[1:]  # "Said Ryan Ellis: …" tagged as one name: the verb is no part of it
            if ent[0].lower_ in _ROLE_WORDS and len(ent) > 1:
                kind = "person"  # "Spokeswoman Haley Morris", tagged ORG by a small model
            titled = self._after_title(ent.start_char)
            if titled and kind in ("organization", "other") and len(ent) > 1:
                kind = "person"  # "Council member Darnell Price" tagged ORG, "Singer Ivy Calloway" tagged GPE
            text = _clean(ent)
            if not text:
                continue
            after = self.text[ent.end_char : ent.end_char + 2]
            self.mentions.append(
                Mention(
                    start=ent.start_char,
                    end=ent.end_char,
                    text=text,
                    kind=kind,
                    possessive=after[:2] in ("'s", "’s") or ent.text.endswith(("'s", "’s")),
                    quoted=bool(depth[ent.start_char]),
                    label=ent.label_,
                )
            )
        self._add_proper_nouns(depth)
        self.mentions.sort(key=lambda m: m.start)
        self._mark_subjects()
        self.people: dict[str, Person] = {}
        self._name_people()
        self._link_descriptions()

    # -- names -------------------------------------------------------------------------
    def _add_proper_nouns(self, depth: bytearray) -> None:
        """Runs of proper nouns the entity recogniser missed ("Kaplan", "TMZ"), kind decided later."""
        covered = bytearray(len(self.text) + 1)
        for m in self.mentions:
            for i in range(m.start, m.end):
                covered[i] = 1
        for s, e in self._titles:
            for i in range(s, e):
                covered[i] = 1
        run: list = []
        doc = self.doc
        proper = [doc[int(i)] for i in np.flatnonzero(doc.to_array("POS") == PROPN)]  # only these can start or extend a run
        for t in proper + [None]:
            ok = t is not None and t.text[:1].isupper() and not covered[t.idx]
            if ok and (not run or run[-1].i == t.i - 1):
                run.append(t)
                continue
            if run:
                words = [w for w in run if w.lower_ not in _ROLE_WORDS and w.lower_.rstrip(".") not in _TITLES]
                if words and len(words) <= 4:
                    start, end = words[0].idx, words[-1].idx + len(words[-1])
                    text = self.text[start:end]
                    after = self.text[end : end + 2]
                    kind: Literal["person", "organization", "other"] = "other"
                    if text.isupper() and len(text) > 1 or any(w.lower_ in _ORG_WORDS for w in words):
                        kind = "organization"
                    elif words[0].lower_ in _MALE_NAMES or words[0].lower_ in _FEMALE_NAMES:
                        kind = "person"
                    elif len(words) > 1 and (run[0] is not words[0] or self._after_title(words[0].idx)):
                        kind = "person"  # "Singer Ivy Calloway", "Councilwoman Priya Raman"
                    self.mentions.append(
                        Mention(start, end, text, kind, possessive=after in ("'s", "’s"), quoted=bool(depth[start]))
                    )
                run = []
            if ok:
                run = [t]  # a new run after a gap

    def _mark_subjects(self) -> None:
        """Flag mentions in subject position: by the parse when there is one, else by word order."""
        doc = self.doc
        parsed = doc.has_annotation("DEP")
        if not parsed and not doc.has_annotation("SENT_START"):
            return
        # The shared sentence bounds, not doc.sents: the senter runs a paragraph's last sentence into
        # the next paragraph's first ("… medical records.\n\nOz is hardly …"), whose subject would
        # then come after that sentence's first verb.
        bounds = sentence_bounds(doc, self.text)
        starts = [lo for lo, _ in bounds]
        zone = {} if parsed else self._subject_zones(bounds)
        for m in self.mentions:
            m.sentence = bisect.bisect_right(starts, m.start) - 1
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            if parsed:
                # "His sister, Amara Okafor, disputed ...": a name in apposition to the subject is one too.
                m.subject = not m.possessive and any(
                    t.dep_ in ("nsubj", "nsubjpass") or t.dep_ == "appos" and t.head.dep_ in ("nsubj", "nsubjpass")
                    for t in span
                )
            else:
                # English word order: the subject comes before the clause's first verb.
                lo, verb = zone.get(m.sentence, (0, 0))
                m.subject = lo <= m.start < verb and not m.possessive

    def _subject_zones(self, bounds: list[tuple[int, int]]) -> dict[int, tuple[int, int]]:
        """Per sentence, where the subject of its main clause may stand without a parse: from its
        start — or, after a leading phrase, its first comma — to the first verb after that."""
        doc = self.doc
        pos, idx, orth = doc.to_array("POS"), doc.to_array("IDX"), doc.to_array("ORTH")
        verb_idx = idx[(pos == VERB) | (pos == AUX)]  # where each verb starts, in order
        comma_idx = idx[orth == doc.vocab.strings.add(",")]
        zones: dict[int, tuple[int, int]] = {}
        for n, (lo, hi) in enumerate(bounds):
            first = int(np.searchsorted(idx, lo))
            while first < len(doc) and doc[first].is_punct and doc[first].idx < hi:
                first += 1
            if first < len(doc) and doc[first].idx < hi and pos[first] in (SCONJ, ADP):
                # "While Obama had …, that has not …", "In his address to the U.N., Obama hailed …":
                # the main clause, and its subject, come after the leading phrase's comma.
                c = int(np.searchsorted(comma_idx, lo))
                if c < len(comma_idx) and comma_idx[c] < hi:
                    lo = int(comma_idx[c]) + 1
            k = int(np.searchsorted(verb_idx, lo))
            zones[n] = (lo, int(verb_idx[k]) if k < len(verb_idx) and verb_idx[k] < hi else hi)
        return zones

    def _name_people(self) -> None:
        persons = [m for m in self.mentions if m.kind == "person"]
        # Longest first; among equals, the one named first — never the order of a set of strings,
        # which changes from one process to the next (PYTHONHASHSEED).
        first_seen: dict[str, int] = {}
        # A name only a quotation gives ("Crooked Hillary Clinton" in a tweet) is no fuller form of
        # a name the narration gives; it is a name of its own only when the narration has none like it.
        # Nor is a name a title-case headline gives where the recogniser took a headline word for a
        # first name: one the narration gives with other words before it ("The New Mitt Romney"),
        # or one whose first word is a word of the language the article never uses again
        # ("Derelict Obama and Clinton" over an article on President Obama; but "Salma Hayek" over
        # one on "Hayek") — unless that word is a known first name.
        headlines = _title_case_lines(self.text)
        in_headline = lambda m: any(s <= m.start < e for s, e in headlines)  # noqa: E731
        for m in persons:
            if not m.quoted and not in_headline(m):
                first_seen.setdefault(m.text, m.start)
        narrated = list(first_seen)
        body = "".join(self.text[e:s] for (_, e), (s, _) in zip([(0, 0)] + headlines, headlines + [(len(self.text), 0)]))
        misread: dict[str, str] = {}  # such a name → the narration's name it stands for, or its last word

        def misread_headline(m: Mention) -> bool:
            words = m.text.split()
            like = [n for n in narrated if n.split()[-1].lower() == words[-1].lower()]
            if not like or words[0].lower() in _FIRST_NAMES or any(n.lower() == m.text.lower() for n in like):
                return False
            extends = any(len(n.split()) > 1 and m.text.lower().endswith(" " + n.lower()) for n in like)
            return extends or (
                lemmas.is_word(self.doc, words[0])
                and not re.search(rf"(?<!\w){re.escape(words[0])}(?!\w)", body, re.IGNORECASE)
            )

        for m in persons:
            if not m.quoted and in_headline(m):
                if misread_headline(m):
                    misread[m.text] = m.text.split()[-1]
                else:
                    first_seen.setdefault(m.text, m.start)
        said = {n.split()[-1].lower() for n in first_seen}
        for m in persons:
            if m.quoted and m.text.split()[-1].lower() not in said:
                first_seen.setdefault(m.text, m.start)
            elif m.quoted:  # "Crooked Hillary Clinton" in a tweet is the narration's Hillary Clinton (not "Bill Clinton" …)
                within = [n for n in narrated if len(n.split()) > 1 and m.text.lower().endswith(" " + n.lower())]
                if within:
                    misread[m.text] = max(within, key=len)
        order = lambda n: (-len(n.split()), first_seen.get(n, len(self.text)), n)  # noqa: E731
        full_names = sorted(first_seen, key=order)
        counts: dict[str, int] = {}
        for m in persons:
            counts[m.text] = counts.get(m.text, 0) + 1
        surnames = {n.split()[-1] for n in full_names}
        single = {m.text for m in persons if m.label == "PERSON" and len(m.text.split()) == 1}
        for m in self.mentions:
            if m.kind not in ("organization", "other"):
                continue
            first = m.text.split()[0].lower()
            words = m.text.split()
            if (
                _candidates(m.text, full_names)
                or (first in _MALE_NAMES or first in _FEMALE_NAMES)
                and len(words) > 1
                # "Virginia AFL-CIO", "Charlotte Observer": a place's name first, then an organisation
                and not (first in PLACE_NAMES and any(w.isupper() or w.lower() in _ORG_WORDS for w in words[1:]))
                # "Amara Okafor" beside "Idris Okafor": a relative, not a place
                or 1 < len(words) <= 3 and words[-1] in surnames and all(w[:1].isupper() for w in words)
                or 1 < len(words) <= 3 and self._described(m)
                # "Lupita Nyong'o" (missed by the recogniser) where "Lupita" alone is a person
                or 1 < len(words) <= 3 and not m.label and words[0] in single
            ):
                # The small model often tags a person as ORG ("Britney Spears"): trust the name.
                m.kind = "person"
                if in_headline(m) and misread_headline(m):
                    misread[m.text] = m.text.split()[-1]
                elif m.text not in full_names:
                    first_seen.setdefault(m.text, m.start)
                    full_names.append(m.text)
                    full_names.sort(key=order)
        fullest: dict[str, list[str]] = {}  # a name's candidates, worked out once however often it is used
        for m in self.mentions:
            if m.kind != "person":
                m.name = m.text
                continue
            options = fullest.get(m.text)
            if options is None:
                options = _candidates(misread.get(m.text, m.text), full_names)
                # "De Miranda" is itself a short form of "Luis de Miranda": only the fullest names compete.
                options = fullest[m.text] = [
                    o for o in options if not any(len(p) > len(o) and p.lower().endswith(" " + o.lower()) for p in options)
                ]
            if len(options) > 1:
                options.sort(key=lambda n: (-counts.get(n, 0), -self._last_before(n, m.start), first_seen.get(n, 0), n))
                titled = title_gender(self.text, m.start)  # "Mrs. Clinton" beside Bill and Hillary Clinton
                if titled is not None:
                    options = [o for o in options if _first_name_gender(o) == titled] or options
                else:  # "Trump says he would pay for it" beside Ivanka Trump (but Jeh Johnson, gender unknown, stays)
                    told = self.pronoun_gender_after(m)
                    if told is not None:
                        options = [o for o in options if _first_name_gender(o) in (None, told)] or options
            m.name = options[0] if options else m.text
            person = self.people.setdefault(m.name, Person(m.name))
            if person.gender is None:
                person.gender = _gender(self.text, m)

    def pronoun_gender_after(self, m: Mention) -> Gender | None:
        """The gender of a "he"/"she" right after the mention's own verb: "Trump says he would pay"."""
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or m.possessive:
            return None
        sent_end = sentence_bounds(self.doc, self.text)[m.sentence][1] if m.sentence >= 0 else len(self.text)
        verb = False
        for t in self.doc[span.end : span.end + 4]:
            if t.lower_ in ("he", "she") and verb:  # a subject ("his" may be someone else's: "cited it as his …")
                return "m" if t.lower_ == "he" else "f"
            # only the name's own verb between ("told Clinton that he …" is someone else)
            if t.idx >= sent_end or t.pos_ not in ("VERB", "AUX", "ADV", "PART"):
                return None
            verb = verb or t.pos_ in ("VERB", "AUX")
        return None

    def _after_title(self, pos: int) -> bool:
        """Whether a title or role word stands right before ``pos`` ("Council member |Darnell Price")."""
        before = self.text[max(0, pos - 40) : pos]
        if not before.endswith((" ", "\u00a0")):
            return False
        end = len(self.text[:pos].rstrip())
        if any(te == end for _, te in self._titles):
            return True
        word = re.search(r"([A-Za-z-]+)\s+$", before)
        return bool(word and word.group(1).lower() in _ROLE_WORDS)

    def _described(self, m: Mention) -> bool:
        """ "His sister, Amara Okafor," / "Okafor's publicist, Ruth Adair,": a name after a description of a person."""
        before = self.text[max(0, m.start - 60) : m.start]
        appos = re.search(r"(?:^|[.;:]\s|\n)((?:[\w’'.-]+\s){0,4}?[\w’'.-]+),\s*$", before)
        if not appos or not is_description(appos.group(1)):
            return False
        return bool(_heads(appos.group(1)) & _PERSON_NOUNS)

    def _last_before(self, name: str, pos: int) -> int:
        starts = [m.start for m in self.mentions if m.text == name and m.start < pos]
        return max(starts) if starts else -1

    # -- descriptions ------------------------------------------------------------------
    def _link_descriptions(self) -> None:
        """Appositions: "NAME, DESCRIPTION," and "DESCRIPTION, NAME" / "DESCRIPTION NAME"."""
        text = self.text
        for m in self.mentions:
            if m.kind != "person" or m.possessive:
                continue
            person = self.people[m.name]
            after = _APPOSITION_AFTER.match(text[m.end : m.end + 90])
            if after:
                person.roles.update(_heads(after.group(1)))
            before = text[max(0, m.start - 80) : m.start]
            appos = re.search(r"(?:^|[.,;:]\s|\n)((?:[\w’'.-]+\s){0,6}?[\w’'.-]+),\s*$", before)
            if appos and is_description(appos.group(1)):
                person.roles.update(_heads(appos.group(1)))
            word = re.search(r"([A-Za-z.]+)\s+$", before)
            if word and not before.rstrip().endswith(","):
                lower = word.group(1).lower()
                at = m.start - len(word.group(0))
                prev = self.doc.char_span(at, at + len(word.group(1)))
                # "President Barack Obama", "attorney Mark Kaplan"
                if lower in _TITLES or lower in _ROLE_WORDS or (prev is not None and prev[0].pos_ == "NOUN"):
                    person.roles.add(lower.rstrip("."))
            for t in self.doc.char_span(m.start, m.end, alignment_mode="expand") or ():
                if t.lower_.rstrip(".") in _TITLES or t.lower_ in _ROLE_WORDS:
                    person.roles.add(t.lower_.rstrip("."))

    # -- queries -----------------------------------------------------------------------
    def inside(self, start: int, end: int) -> list[Mention]:
        """Named mentions within the character range, in text order."""
        return [m for m in self.mentions if start <= m.start and m.end <= end]

def _title_case_lines(text: str) -> list[tuple[int, int]]:
    """Lines set in title case — a headline: three or more words of four letters or more, nearly
    all capitalised ("Hillary Clinton Goes After Donald Trump As The New Mitt Romney.")."""
    out = []
    for line in re.finditer(r"[^\n]+", text):
        words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", line.group()) if len(w) >= 4]
        if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words) and len(words) <= 25:
            out.append((line.start(), line.end()))
    return out


def _kind(ent: Span) -> Literal["person", "organization", "other"] | None:
    if ent.label_ in _PERSON_LABELS:
        return "person"
    if ent.label_ in _ORG_LABELS:
        return "organization"
    if ent.label_ in _PLACE_LABELS:
        return "other"
    return None


def _clean(ent: Span) -> str:
    """An entity's text as a name: no leading "the", titles or trailing possessive."""
    words = ent.text.split()
    while len(words) > 1 and (words[0].lower() in _TITLES | _ROLE_WORDS or words[0].lower() == "the"):
        words = words[1:]
    text = " ".join(words)
    match = _POSSESSIVE.match(text)
    if match and match.group(1) and (text.endswith(("'s", "’s"))):
        text = match.group(1)
    return text.strip(" ,.;:" + DOUBLE)


@functools.lru_cache(maxsize=8192)
def _parts(name: str) -> tuple[str, ...]:
    return tuple(name.lower().split())  # case-blind: transcripts write "PENCE" for Mike Pence


def _candidates(text: str, full_names: list[str]) -> list[str]:
    """Longer names that ``text`` is a short form of (same surname, or the same first name)."""
    words = _parts(text)
    if not words:
        return []
    out = []
    # A first name alone ("Jayden") stands for the one full name that starts with it; a common
    # first name may stand for several, the caller picks.
    firsts = sum(1 for n in full_names if len(_parts(n)) > 1 and _parts(n)[0] == words[0])
    common_first = words[0] in _FIRST_NAMES
    for name in full_names:
        parts = _parts(name)
        if len(parts) < len(words) or name == text:
            continue
        first_name = (
            len(words) == 1 and parts[0] == words[0] and (common_first or firsts == 1 and text[:1].isupper())
        )
        # "Ruiz" for "Margaret Ellison-Ruiz": the last part of a double-barrelled surname.
        hyphenated = len(words) == 1 and "-" in parts[-1] and parts[-1].rsplit("-", 1)[-1] == words[0]
        if parts[-len(words) :] == words or first_name or hyphenated:
            out.append(name)
    if not out:
        return [text] if text in full_names else []
    return sorted(out, key=lambda n: -len(n.split()))


def title_gender(text: str, start: int) -> Gender | None:
    """The gender a title right before ``start`` gives ("Mr." / "Mrs.", "Ms."), if any."""
    before = text[max(0, start - 6) : start].lower().split()
    words = [w.rstrip(".") + "." for w in before[-1:]] + [w for w in before[-1:]]
    if any(w in _MALE_TITLES for w in words):
        return "m"
    if any(w in _FEMALE_TITLES for w in words):
        return "f"
    return None


def _first_name_gender(name: str) -> Gender | None:
    first = name.split()[0].lower() if name.split() else ""
    return "m" if first in _MALE_NAMES else "f" if first in _FEMALE_NAMES else None


def _gender(text: str, m: Mention) -> Gender | None:
    first = m.text.split()[0].lower() if m.text.split() else ""
    titled = title_gender(text, m.start) or ("m" if first in _MALE_TITLES else "f" if first in _FEMALE_TITLES else None)
    return titled or _first_name_gender(m.name or m.text)


def is_description(text: str) -> bool:
    """ "Federline's attorney", "an attorney for X", "the campaign's spokesman": not "In a statement"."""
    words = text.split()
    if not words or words[-1][:1].isupper():
        return False
    first = words[0].lower()
    possessive = any(w.endswith(("'s", "’s")) for w in words[:4])
    return first in ("a", "an", "the", "his", "her", "their", "its") or possessive


def _heads(description: str) -> set[str]:
    """The role nouns of a description: "Federline's longtime attorney" → {"attorney"}."""
    words = re.split(r"\s+(?:for|of|to|at|with|in|on|from|who|that)\s+", description.strip(), maxsplit=1)[0].split()
    if not words:
        return set()
    head = words[-1].lower().strip("’'.,")
    if not head.isalpha() or head in ("he", "she", "it", "they"):
        return set()
    return {head}


