"""Hand-made extracted articles for the store tests (no spaCy needed).

``article(text, [said("words", by="Spears", speaker="Britney Spears")], ...)`` finds
each quoted string in the text and builds the Quote with true character offsets.
"""

from __future__ import annotations

from dataclasses import dataclass

from conftest import text_span
from quotegraph.model import (
    Article, Channel, Entity, EntityMention, Quote, Speaker, SpeakerRelation, TextSpan, check_offsets, quote_id,
)


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
    organization: str | None = None  # the organisation the speaker speaks for
    act: str = "other"


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
                speaker=Speaker(name=name, kind=q.kind, roles=q.roles, organization=q.organization) if name else None,  # type: ignore[arg-type]
                channel=Channel(q.channel, "outlet") if q.channel else None,
                date=q.date,
                date_basis="explicit" if q.date else None,
                type=q.type,  # type: ignore[arg-type]
                act=q.act,  # type: ignore[arg-type]
            )
        )
    art = art.with_quotes(built)
    check_offsets(art)
    return art


ENTITY_TEXT = (
    "An attorney for the pop icon's ex-husband says the filing is unfair. Mark Vincent Kaplan told the "
    'publication: "We will appeal." A spokesperson for the court declined to comment.\n'
    "The statement read in full:\nWe ask for privacy at this time."
)


def _mention(text: str, part: str, form: str, after: int = 0) -> EntityMention:
    start = text.index(part, after)
    return EntityMention(TextSpan.from_offsets(text, [(start, start + len(part))]), form)  # type: ignore[arg-type]


def entity_article() -> Article:
    """An article with entities (a person by description and name, an organisation, an unnamed source
    for it, ids e1, e2, e10), speakers linked to them, an unresolved quote with candidates, a blockquote."""
    t = ENTITY_TEXT
    kaplan = Entity(
        "e1", "Mark Vincent Kaplan", "person", roles=("attorney",),
        relations=(SpeakerRelation("attorney_of", "Kevin Federline"),), age=None,
        mentions=(_mention(t, "An attorney for the pop icon's ex-husband", "description"),
                  _mention(t, "Mark Vincent Kaplan", "name")),
    )
    court = Entity("e2", "the court", "organization", mentions=(_mention(t, "the court", "description"),))
    spokes = Entity("e10", "A spokesperson", "unnamed", organization="the court",
                    mentions=(_mention(t, "A spokesperson", "description"),))
    appeal = TextSpan.from_offsets(t, [(t.index("We will appeal."), t.index("We will appeal.") + len("We will appeal."))])
    unfair = TextSpan.from_offsets(t, [(t.index("the filing is unfair"), t.index("the filing is unfair") + 20)])
    block = (t.index("We ask for privacy"), len(t))
    quotes = (
        Quote(id=quote_id("ent", unfair), content=unfair, type="indirect",
              speaker=Speaker("Mark Vincent Kaplan", "person", ("attorney",), entity="e1", confidence=0.75)),
        Quote(id=quote_id("ent", appeal), content=appeal, type="direct",
              speaker=Speaker("Mark Vincent Kaplan", "person", ("attorney",), entity="e1", confidence=0.95)),
        Quote(id=quote_id("ent", TextSpan.from_offsets(t, [block])), content=TextSpan.from_offsets(t, [block]),
              type="direct", speaker=None, speaker_candidates=("e1", "e10")),
    )
    return Article(text=t, id="ent", date="2024-06-26", title="Kaplan", outlet="ET", url="https://et.example/k",
                   quotes=quotes, entities=(kaplan, court, spokes), blockquotes=(block,))
