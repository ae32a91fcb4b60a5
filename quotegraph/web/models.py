"""The shapes of the API's JSON, as pydantic models: they document ``/openapi.json``.

Responses are plain store rows sent as they are (``api._json``); these models
describe them without re-validating every response.  The article metadata
fields come from ``quotegraph.io.ARTICLE_META``, as everywhere else.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, create_model

from ..io import ARTICLE_META
from ..model import ACTS, CHANNEL_KINDS, DATE_BASES, MENTION_FORMS, QUOTE_TYPES, SPEAKER_KINDS

Offsets = list[tuple[int, int]]
SpeakerKind = Literal[SPEAKER_KINDS]  # type: ignore[valid-type]
# Longest accepted value of each metadata field in a request (the date is a date).
META_LIMITS = {"id": 200, "outlet": 200}


def _meta_fields(*, request: bool) -> dict[str, Any]:
    if not request:
        return {name: (Optional[str], None) for name in ARTICLE_META}
    return {
        name: (Optional[dt.date], None) if name == "date" else (Optional[str], Field(None, max_length=META_LIMITS.get(name, 2_000)))
        for name in ARTICLE_META
    }


class _Forbid(BaseModel):
    model_config = ConfigDict(extra="forbid")


ArticleMeta = create_model("ArticleMeta", __base__=_Forbid, **_meta_fields(request=True))  # type: ignore[call-overload]
ArticleFields = create_model("ArticleFields", **_meta_fields(request=False))  # type: ignore[call-overload]


class Span(BaseModel):
    text: str
    spans: Offsets = Field(description="[start, end] character offsets into the article text")


class Relation(BaseModel):
    relation: str
    of: str


class Speaker(BaseModel):
    name: str
    kind: SpeakerKind
    roles: list[str]
    relations: list[Relation]
    age: Optional[int]
    organization: Optional[str] = Field(description="the organisation the speaker speaks for, when the text says it")
    entity: Optional[str] = Field(description="the id of the speaker's entity in the article's `entities`")
    confidence: float


class Channel(BaseModel):
    name: str
    kind: Literal[CHANNEL_KINDS]  # type: ignore[valid-type]


class Quote(BaseModel):
    id: str
    type: Literal[QUOTE_TYPES]  # type: ignore[valid-type]
    content: Span
    cue: Optional[Span]
    source: Optional[Span]
    speaker: Optional[Speaker]
    speaker_candidates: list[str] = Field(description="entity ids the source could be, when the speaker is left unresolved")
    act: Literal[ACTS] = Field(  # type: ignore[valid-type]
        description="what the source did: speech (said, told), writing (wrote, tweeted, in a statement, a report says), "
        "thought (believes, fears), intention (plans, wants, vows), finding (a study found, data show), or other")
    channel: Optional[Channel]
    date: Optional[str]
    date_basis: Optional[Literal[DATE_BASES]]  # type: ignore[valid-type]
    confidence: float


class StoredQuote(Quote):
    speaker_id: Optional[int] = Field(description="the speaker's id in the speaker index (/api/speakers/{id})")
    article: ArticleFields  # type: ignore[valid-type]
    cluster: Optional[dict[str, int]] = Field(description="{id, size}: the reports of the same words")
    fragment: bool = Field(description="the content is a fragment (a noun phrase or two words), not a statement; "
                           "search ranks fragments last")


class FoundQuote(StoredQuote):
    highlights: list[tuple[int, int]] = Field(
        default_factory=list, description="[start, end] ranges of content.text that match the query's words")


class Mention(Span):
    form: Literal[MENTION_FORMS]  # type: ignore[valid-type]


class Entity(BaseModel):
    id: str = Field(description='local to the article: "e1", "e2", … in order of first mention')
    name: str
    kind: SpeakerKind
    roles: list[str]
    organization: Optional[str]
    relations: list[Relation]
    age: Optional[int]
    mentions: list[Mention]


class StoredArticle(ArticleFields):  # type: ignore[valid-type, misc]
    text: str
    hash: str
    blockquotes: Offsets = Field(description="ranges the page set as block quotations")
    quotes: list[StoredQuote]
    entities: list[Entity]


class QuotePage(BaseModel):
    total: int
    total_is_estimate: bool
    limit: int
    offset: int
    next: Optional[str]
    items: list[FoundQuote]


class Appearance(BaseModel):
    quote_id: str
    content: str
    speaker: Optional[str]
    article: ArticleFields  # type: ignore[valid-type]
    first: bool
    differs: bool
    removed: list[str]
    added: list[str]


class Provenance(BaseModel):
    cluster_id: Optional[int]
    size: int
    outlets: int
    appearances: list[Appearance]


class QuoteWithProvenance(StoredQuote):
    context: dict[str, Any] = Field(description="{text, offset}: the text around the quote")
    provenance: Provenance


class Extracted(BaseModel):
    """The output record of one article, as `quotegraph extract --format json` prints it."""

    article: dict[str, Any]
    quotes: list[Quote]
    entities: list[Entity]


def documented(model: type[BaseModel]) -> dict[int, dict[str, Any]]:
    """``responses=`` for a route whose 200 body has this shape (documented, not re-validated)."""
    return {200: {"model": model}}
