"""Last stage: turn working Attributions into the data model's Quotes."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import TextSpan, Quote, quote_id
from .attribution import Attribution
from .extensions import text_of


def _span(text: str, offsets: list[tuple[int, int]]) -> TextSpan | None:
    cleaned = [(s, e) for s, e in offsets if e > s]
    return TextSpan.from_offsets(text, cleaned) if cleaned else None


def build_quotes(doc: Doc, attributions: list[Attribution]) -> list[Quote]:
    """Quotes in text order, with stable ids derived from the article id and offsets."""
    article_id = doc._.qg_article_id or ""
    text = text_of(doc)  # once per doc (text_of caches it)
    quotes = []
    for att in sorted(attributions, key=lambda a: a.start):
        content = _span(text, att.content)
        if content is None:
            continue
        quotes.append(
            Quote(
                id=quote_id(article_id, content),
                content=content,
                cue=_span(text, att.cue),
                source=_span(text, att.source),
                speaker=att.speaker,
                channel=att.channel,
                date=att.date,
                date_basis=att.date_basis,  # type: ignore[arg-type]
                type=att.type,  # type: ignore[arg-type]
                confidence=max(0.0, min(1.0, att.confidence)),
                speaker_candidates=tuple(e.id for e in att.speaker_candidates if getattr(e, "id", "")),
                act=att.act,  # type: ignore[arg-type]
            )
        )
    return quotes
