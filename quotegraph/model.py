"""The one data model of quotegraph: an Article and the Quotes found in it.

Every span is a list of ``(start, end)`` character offsets into ``Article.text``,
the text exactly as it was read.  ``TextSpan.text`` is always the characters those
offsets cover (fragments joined by a single space when discontinuous), and
:func:`check_offsets` is the one guard that holds it true everywhere.

All classes are frozen dataclasses whose ``to_dict``/``from_dict`` give plain JSON
values, so a result can cross processes, Spark executors and the SQLite store
unchanged.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Literal

QuoteType = Literal["direct", "indirect", "mixed"]
# Who can speak: a named person or organisation, a news outlet, a group ("American officials"),
# an unnamed source ("a senior aide", speaking for an organisation when the text says so),
# a document that states something ("a new report by …"); "other" for anything else.
SpeakerKind = Literal["person", "organization", "outlet", "group", "unnamed", "document", "other"]
# How an entity is mentioned: by name (full or partial), a title and name ("Mr Obama"), a
# pronoun, a description ("the pop icon", "the outlet"), a description in apposition to a name
# ("Kaplan, Federline's attorney"), a possessive role ("Federline's attorney").
MentionForm = Literal["name", "title", "pronoun", "description", "apposition", "possessive"]
ChannelKind = Literal["outlet", "social", "event", "document", "other"]
DateBasis = Literal["explicit", "relative", "article"]
# What the source did: said it, wrote it, thought it, intended it, or found it (a study, a poll).
Act = Literal["speech", "writing", "thought", "intention", "finding", "other"]

QUOTE_TYPES: tuple[str, ...] = ("direct", "indirect", "mixed")
SPEAKER_KINDS: tuple[str, ...] = ("person", "organization", "outlet", "group", "unnamed", "document", "other")
MENTION_FORMS: tuple[str, ...] = ("name", "title", "pronoun", "description", "apposition", "possessive")
CHANNEL_KINDS: tuple[str, ...] = ("outlet", "social", "event", "document", "other")
DATE_BASES: tuple[str, ...] = ("explicit", "relative", "article")
ACTS: tuple[str, ...] = ("speech", "writing", "thought", "intention", "finding", "other")

Offsets = tuple[tuple[int, int], ...]

# The metadata an article may come with besides its text, for every reader, the API, Spark,
# the store and the web (a test holds it equal to Article's plain string fields).
ARTICLE_META: tuple[str, ...] = ("id", "date", "title", "outlet", "url")


@dataclass(frozen=True)
class TextSpan:
    """Some characters of the article: possibly several fragments, in text order."""

    text: str
    spans: Offsets

    @classmethod
    def from_offsets(cls, article_text: str, spans: Iterable[tuple[int, int]]) -> "TextSpan":
        """Build a span from offsets alone, reading its text from the article."""
        ordered = tuple(sorted((int(s), int(e)) for s, e in spans if e > s))
        if not ordered:
            raise ValueError("a TextSpan needs at least one non-empty fragment")
        text = " ".join(article_text[s:e] for s, e in ordered)
        return cls(text=text, spans=ordered)

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "spans": [[s, e] for s, e in self.spans]}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "TextSpan | None":
        if data is None:
            return None
        return cls(text=data["text"], spans=tuple((int(s), int(e)) for s, e in data["spans"]))


@dataclass(frozen=True)
class SpeakerRelation:
    """How a speaker relates to another person in the article ("attorney_of" Kevin Federline)."""

    relation: str
    of: str

    def to_dict(self) -> dict[str, Any]:
        return {"relation": self.relation, "of": self.of}


@dataclass(frozen=True)
class Speaker:
    """Who said it, after resolution: an entity of the article, by its fullest name.

    ``entity`` is the id of that entity in ``Article.entities``; ``organization`` the
    organisation an unnamed source or a person speaks for, when the text says it
    ("a spokesperson for the Universities and Colleges Employers' Association");
    ``confidence`` how firmly the text supports the resolution.
    """

    name: str
    kind: SpeakerKind = "person"
    roles: tuple[str, ...] = ()
    relations: tuple[SpeakerRelation, ...] = ()
    age: int | None = None
    organization: str | None = None
    entity: str | None = None
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "roles": list(self.roles),
            "relations": [r.to_dict() for r in self.relations],
            "age": self.age,
            "organization": self.organization,
            "entity": self.entity,
            "confidence": round(float(self.confidence), 4),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "Speaker | None":
        if data is None:
            return None
        return cls(
            name=data["name"],
            kind=data.get("kind", "person"),
            roles=tuple(data.get("roles") or ()),
            relations=tuple(SpeakerRelation(**r) for r in data.get("relations") or ()),
            age=data.get("age"),
            organization=data.get("organization"),
            entity=data.get("entity"),
            confidence=float(data.get("confidence", 1.0)),
        )


@dataclass(frozen=True)
class EntityMention:
    """One place the article refers to an entity: where, and in what form."""

    span: TextSpan
    form: MentionForm = "name"

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    def to_dict(self) -> dict[str, Any]:
        return {**self.span.to_dict(), "form": self.form}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "EntityMention":
        span = TextSpan.from_dict(data)
        assert span is not None
        return cls(span=span, form=data.get("form", "name"))


@dataclass(frozen=True)
class Entity:
    """Someone or something the article mentions that can speak, with every mention of it.

    ``id`` is local to the article ("e1", "e2", … in order of first mention); ``name`` the
    fullest name the article gives, or the description of an unnamed source or group
    ("a spokesperson", "American officials").
    """

    id: str
    name: str
    kind: SpeakerKind = "person"
    roles: tuple[str, ...] = ()
    organization: str | None = None
    relations: tuple[SpeakerRelation, ...] = ()
    age: int | None = None
    mentions: tuple[EntityMention, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "roles": list(self.roles),
            "organization": self.organization,
            "relations": [r.to_dict() for r in self.relations],
            "age": self.age,
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Entity":
        return cls(
            id=data["id"],
            name=data["name"],
            kind=data.get("kind", "other"),
            roles=tuple(data.get("roles") or ()),
            organization=data.get("organization"),
            relations=tuple(SpeakerRelation(**r) for r in data.get("relations") or ()),
            age=data.get("age"),
            mentions=tuple(EntityMention.from_dict(m) for m in data.get("mentions") or ()),
        )


@dataclass(frozen=True)
class Channel:
    """To whom or where the words were said: an outlet, a platform, an event, a document."""

    name: str
    kind: ChannelKind = "other"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "Channel | None":
        if data is None:
            return None
        return cls(name=data["name"], kind=data.get("kind", "other"))


@dataclass(frozen=True)
class Quote:
    """One attribution: content said by a source, signalled by a cue."""

    id: str
    content: TextSpan
    cue: TextSpan | None = None
    source: TextSpan | None = None
    speaker: Speaker | None = None
    channel: Channel | None = None
    date: str | None = None
    date_basis: DateBasis | None = None
    type: QuoteType = "indirect"
    confidence: float = 1.0
    # When the text supports two readings of the source, the speaker stays None and these
    # are the ids of the entities it could be (quotegraph says so rather than pick one).
    speaker_candidates: tuple[str, ...] = ()
    act: Act = "other"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "content": self.content.to_dict(),
            "cue": self.cue.to_dict() if self.cue else None,
            "source": self.source.to_dict() if self.source else None,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_candidates": list(self.speaker_candidates),
            "act": self.act,
            "channel": self.channel.to_dict() if self.channel else None,
            "date": self.date,
            "date_basis": self.date_basis,
            "confidence": round(float(self.confidence), 4),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Quote":
        content = TextSpan.from_dict(data["content"])
        assert content is not None
        return cls(
            id=data["id"],
            content=content,
            cue=TextSpan.from_dict(data.get("cue")),
            source=TextSpan.from_dict(data.get("source")),
            speaker=Speaker.from_dict(data.get("speaker")),
            channel=Channel.from_dict(data.get("channel")),
            date=data.get("date"),
            date_basis=data.get("date_basis"),
            type=data.get("type", "indirect"),
            confidence=float(data.get("confidence", 1.0)),
            speaker_candidates=tuple(data.get("speaker_candidates") or ()),
            act=data.get("act") or "other",
        )


@dataclass(frozen=True)
class Article:
    """A news article as read, with the quotes extracted from it and the entities it mentions.

    ``blockquotes`` are character ranges the page set as block quotations (HTML
    ``<blockquote>``): a passage quoted at length, often without quote marks.
    """

    text: str
    id: str = ""
    date: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    quotes: tuple[Quote, ...] = field(default_factory=tuple)
    entities: tuple[Entity, ...] = field(default_factory=tuple)
    blockquotes: tuple[tuple[int, int], ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", article_id(self.text))

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    def with_quotes(self, quotes: Iterable[Quote], entities: Iterable[Entity] | None = None) -> "Article":
        if entities is None:
            return replace(self, quotes=tuple(quotes))
        return replace(self, quotes=tuple(quotes), entities=tuple(entities))

    def entity(self, entity_id: str | None) -> Entity | None:
        """The entity with this id (a quote's ``speaker.entity``), or None."""
        return next((e for e in self.entities if e.id == entity_id), None) if entity_id else None

    def to_dict(self, *, with_quotes: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "outlet": self.outlet,
            "url": self.url,
            "text": self.text,
        }
        if self.blockquotes:
            data["blockquotes"] = [[s, e] for s, e in self.blockquotes]
        if with_quotes:
            data["quotes"] = [q.to_dict() for q in self.quotes]
            data["entities"] = [e.to_dict() for e in self.entities]
        return data

    def result(self) -> dict[str, Any]:
        """The output record of one article: ``{"article": ..., "quotes": [...], "entities": [...]}``."""
        return {
            "article": self.to_dict(),
            "quotes": [q.to_dict() for q in self.quotes],
            "entities": [e.to_dict() for e in self.entities],
        }

    @classmethod
    def from_dict(
        cls, data: dict[str, Any], quotes: Iterable[dict[str, Any]] = (), entities: Iterable[dict[str, Any]] = ()
    ) -> "Article":
        return cls(
            text=data["text"],
            id=data.get("id") or "",
            date=data.get("date"),
            title=data.get("title"),
            outlet=data.get("outlet"),
            url=data.get("url"),
            quotes=tuple(Quote.from_dict(q) for q in (quotes or data.get("quotes") or ())),
            entities=tuple(Entity.from_dict(e) for e in (entities or data.get("entities") or ())),
            blockquotes=tuple((int(s), int(e)) for s, e in data.get("blockquotes") or ()),
        )


def content_hash(text: str) -> str:
    """SHA-256 of the text: how the store recognises an article it already has."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def article_id(text: str) -> str:
    """A stable id for an article that came without one."""
    return "a" + content_hash(text)[:15]


def quote_id(article_id: str, content: TextSpan) -> str:
    """A stable quote id: the same article and content offsets always give the same id."""
    key = f"{article_id}:{','.join(f'{s}-{e}' for s, e in content.spans)}"
    return "q" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:15]


def check_offsets(article: Article) -> None:
    """Raise ValueError unless every span of every quote and entity mention reads back from the text."""
    for entity in article.entities:
        for mention in entity.mentions:
            span = mention.span
            if " ".join(article.text[s:e] for s, e in span.spans) != span.text or not all(
                0 <= s < e <= len(article.text) for s, e in span.spans
            ):
                raise ValueError(f"entity {entity.id}: mention offsets {span.spans} do not read back {span.text!r}")
    for quote in article.quotes:
        for role in ("content", "cue", "source"):
            span: TextSpan | None = getattr(quote, role)
            if span is None:
                continue
            expected = " ".join(article.text[s:e] for s, e in span.spans)
            if expected != span.text:
                raise ValueError(f"quote {quote.id}: {role} offsets {span.spans} do not read back {span.text!r}")
            for s, e in span.spans:
                if not (0 <= s < e <= len(article.text)):
                    raise ValueError(f"quote {quote.id}: {role} offsets {(s, e)} fall outside the text")
