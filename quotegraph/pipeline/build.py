"""Last stage: turn working Attributions into the data model's Quotes."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import TextSpan, Quote, quote_id
from .attribution import Attribution


def _span(text: str, offsets: list[tuple[int, int]]) -> TextSpan | None:
    cleaned = [(s, e) for s, e in offsets if e > s]
    return TextSpan.from_offsets(text, cleaned) if cleaned else None


def build_quotes(doc: Doc, attributions: list[Attribution]) -> list[Quote]:
    """Quotes in text order, with stable ids derived from the article id and offsets."""
    article_id = doc._.qg_article_id or ""
    quotes = []
    for att in sorted(attributions, key=lambda a: a.start):
        content = _span(doc.text, att.content)
        if content is None:
            continue
        quotes.append(
            Quote(
                id=quote_id(article_id, content),
                content=content,
                cue=_span(doc.text, att.cue),
                source=_span(doc.text, att.source),
                speaker=att.speaker,
                channel=att.channel,
                date=att.date,
                date_basis=att.date_basis,  # type: ignore[arg-type]
                type=att.type,  # type: ignore[arg-type]
                confidence=max(0.0, min(1.0, att.confidence)),
            )
        )
    return quotes
