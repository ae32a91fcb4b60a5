"""Speaker stage: each attribution's speaker is the entity its source refers to.

The entity stage (:mod:`.entities`) has read the article and resolved every source
mention — names, pronouns, descriptions, possessive roles, groups and unnamed
sources.  This stage turns that into a :class:`~quotegraph.model.Speaker` per
attribution, with the entity's fullest name, kind, roles, relations, age and the
organisation it speaks for; a continued quote takes the speaker of the quote it
continues.  When the text supports two readings the speaker stays None and the
attribution keeps the candidates, so that the output can say so.  Speaker work —
roles and relations included — happens here only.
"""

from __future__ import annotations

from ..model import Speaker
from .attribution import Attribution
from .entities import Ent, Entities


def speaker_of(ent: Ent, confidence: float = 1.0) -> Speaker:
    """The Speaker an entity makes."""
    return Speaker(
        name=ent.name,
        kind=ent.kind,  # type: ignore[arg-type]
        roles=tuple(ent.roles),
        relations=tuple(ent.relations),
        age=ent.age,
        organization=ent.organization,
        entity=ent.id or None,
        confidence=max(0.0, min(1.0, confidence)),
    )


def resolve_speakers(attributions: list[Attribution], entities: Entities) -> None:
    """Fill ``speaker`` (and ``entity``, ``speaker_candidates``) on every attribution the text supports."""
    for att in attributions:
        if att.continues is not None:
            continue
        res = entities.resolution(att)
        att.entity = res.entity if res is not None else None
        att.speaker = speaker_of(res.entity, res.confidence) if res is not None and res.entity is not None else None
        att.speaker_candidates = [e for e in res.candidates] if res is not None and res.entity is None else []
    for att in attributions:
        head = att.continues
        while head is not None and head.continues is not None:
            head = head.continues
        if head is not None:
            att.entity, att.speaker, att.speaker_candidates = head.entity, head.speaker, list(head.speaker_candidates)


__all__ = ["resolve_speakers", "speaker_of"]
