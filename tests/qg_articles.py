"""Hand-made extracted articles for the store tests (no spaCy needed).

``article(text, [said("words", by="Spears", speaker="Britney Spears")], ...)`` finds
each quoted string in the text and builds the Quote with true character offsets.
"""

from __future__ import annotations

from dataclasses import dataclass

from conftest import text_span
from quotegraph.model import Article, Channel, Quote, Speaker, check_offsets, quote_id


@dataclass
class said:
    content: str
    by: str | None = None  # the source mention as written
    speaker: str | None = None  # the resolved name (defaults to ``by``)
    kind: str = "person"
    roles: tuple[str, ...] = ()
    cue: str | None = None
    channel: str | None = None
    date: str | None = None
    type: str = "direct"


def article(text: str, quotes: list[said] = (), *, id: str = "", date: str | None = None,
            outlet: str | None = None, url: str | None = None, title: str | None = None) -> Article:
    art = Article(text=text, id=id, date=date, outlet=outlet, url=url, title=title)
    built = []
    for q in quotes:
        content = text_span(text, q.content)
        name = q.speaker or q.by
        built.append(
            Quote(
                id=quote_id(art.id, content),
                content=content,
                source=text_span(text, q.by) if q.by else None,
                cue=text_span(text, q.cue) if q.cue else None,
                speaker=Speaker(name=name, kind=q.kind, roles=q.roles) if name else None,  # type: ignore[arg-type]
                channel=Channel(q.channel, "outlet") if q.channel else None,
                date=q.date,
                date_basis="explicit" if q.date else None,
                type=q.type,  # type: ignore[arg-type]
            )
        )
    art = art.with_quotes(built)
    check_offsets(art)
    return art
