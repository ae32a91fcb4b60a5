"""The web layer's reads: thin calls into :class:`quotegraph.store.Store`, 404s for unknown ids,
and what only the pages need (tooltip text, marked variant words)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

from ..corpus.normalize import quote_words
from ..model import Article
from .errors import ApiError

if TYPE_CHECKING:
    from ..store.queries import SearchResult


@dataclass(frozen=True)
class SearchFilters:
    q: str | None = None
    speaker: str | None = None
    outlet: str | None = None
    channel: str | None = None
    since: str | None = None
    until: str | None = None
    type: str | None = None
    act: tuple[str, ...] = ()
    sort: str | None = None

    def store_args(self) -> dict[str, Any]:
        """The keyword arguments of ``Store.search_quotes`` and ``Store.export_quotes``."""
        return {"speaker": self.speaker, "outlet": self.outlet, "channel": self.channel, "since": self.since,
                "until": self.until, "type": self.type, "act": self.act or None, "sort": self.sort}


def search(store: Any, f: SearchFilters, *, limit: int, offset: int) -> SearchResult:
    """Quote rows (``Quote.to_dict()`` + ``speaker_id``, ``article``, ``cluster``, ``fragment``,
    ``highlights``) and the total.

    Unpacks as ``(rows, total)``; ``.total_is_estimate`` is True when a text query matched
    more than ``SEARCH_CAP`` quotes and ``total`` is that cap.
    """
    return store.search_quotes(f.q, **f.store_args(), limit=limit, offset=offset)


def export(store: Any, f: SearchFilters) -> Iterator[dict[str, Any]]:
    """Every quote the search matches, read as the iterator is consumed (``Store.export_quotes``)."""
    return store.export_quotes(f.q, **f.store_args())


def quote(store: Any, quote_id: str) -> dict[str, Any]:
    """A quote with its provenance (see ``Store.get_quote``)."""
    row = store.get_quote(quote_id)
    if row is None:
        raise ApiError(404, f"no quote with id {quote_id!r}: quote ids come from /api/quotes")
    return row


def speaker(store: Any, speaker_id: str) -> dict[str, Any]:
    """A speaker with aliases, roles and counts per outlet, per month and per month × outlet."""
    row = store.get_speaker(int(speaker_id)) if speaker_id.isdigit() and len(speaker_id) < 19 else None
    if row is None:
        raise ApiError(404, f"no speaker with id {speaker_id!r}: speaker ids come from /api/speakers")
    return row


def speakers(store: Any, *, q: str | None, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    return store.list_speakers(q, limit=limit, offset=offset)


def article(store: Any, article_id: str) -> dict[str, Any]:
    row = store.get_article(article_id)
    if row is None:
        raise ApiError(404, f"no article with id {article_id!r}: article ids come from /api/quotes results")
    return row


def ingest(store: Any, article: Article) -> bool:
    """Store one article; False when its text was already stored."""
    return store.add_extracted(article) is not None


def article_from_record(record: dict[str, Any], quotes: list[dict[str, Any]]) -> Article:
    """An Article from the CLI's output record, with every span checked against the text."""
    from ..errors import MalformedRecord
    from ..model import check_offsets

    if not isinstance(record.get("text"), str):
        raise MalformedRecord("`article.text` must be the article text (a string)")
    try:
        built = Article.from_dict(record, quotes)
        check_offsets(built)
    except (KeyError, TypeError, ValueError) as exc:
        raise MalformedRecord(f"the record is not a valid quotegraph article: {exc}") from None
    return built


def tip_text(q: dict[str, Any]) -> str:
    """What hovering or focusing a quote shows: speaker, channel and date."""
    who = (q.get("speaker") or {}).get("name") or "unknown speaker"
    channel = (q.get("channel") or {}).get("name") or "no channel"
    return f"{who} · {channel} · {q.get('date') or 'undated'}"


def marked_words(first: str, other: str) -> list[tuple[str, bool]]:
    """``other`` split into words, each flagged when it differs from ``first`` (after normalisation)."""
    tokens = other.split()
    flat: list[str] = []
    owner: list[int] = []
    for i, token in enumerate(tokens):
        for word in quote_words(token):
            flat.append(word)
            owner.append(i)
    changed: set[int] = set()
    matcher = difflib.SequenceMatcher(a=quote_words(first), b=flat, autojunk=False)
    for op, _, _, j1, j2 in matcher.get_opcodes():
        if op in ("replace", "insert"):
            changed.update(owner[j] for j in range(j1, j2))
    return [(token, i in changed) for i, token in enumerate(tokens)]


_TO_CHANNEL = {"outlet": "to", "social": "on", "event": "at", "document": "in"}
_QUOTE_MARKS = "\"“”‘’'«»„"


def citation(q: dict[str, Any]) -> str:
    """One line a reader can copy to cite a quote: who (roles, organisation), to whom or where, when,
    the words, and the article that reported them.

    Laura Kaplan (attorney), to ET, 2024-06-25: “We will appeal the ruling ….” Reported in Daily
    Planet, “Family to appeal ruling”, 2024-06-26, https://planet.example/appeal (quote q1a2b…).
    """
    speaker, channel, article = q.get("speaker") or {}, q.get("channel") or {}, q.get("article") or {}
    who = speaker.get("name") or (q.get("source") or {}).get("text") or "Unknown speaker"
    about = ", ".join([*speaker.get("roles", ()), *([speaker["organization"]] if speaker.get("organization") else [])])
    parts = [who + (f" ({about})" if about else "")]
    if channel.get("name"):
        parts.append(f"{_TO_CHANNEL.get(channel.get('kind', ''), 'via')} {channel['name']}")
    if q.get("date"):
        parts.append(q["date"])
    words = " ".join(q["content"]["text"].split()).strip(_QUOTE_MARKS + " ").rstrip(",").strip(_QUOTE_MARKS)
    source = ", ".join(x for x in (article.get("outlet"), f"“{article['title']}”" if article.get("title") else None,
                                   article.get("date"), article.get("url")) if x)
    line = f"{', '.join(parts)}: “{words}{'' if words[-1:] in ('.', '!', '?', '…') else '.'}”"
    if source:
        line += f" Reported in {source}"
    return line + f" (quote {q['id']})."
