"""The working record the pipeline stages pass along, before it becomes a Quote.

A span finder (rules or the learned model) creates ``Attribution`` objects with
content/cue/source offsets; later stages fill ``speaker``, ``channel``, ``date`` and ``act``.
Offsets are character offsets into ``doc.text`` (which is ``Article.text``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Channel, Speaker

Offsets = list[tuple[int, int]]


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` moved inward past whitespace at both ends (empty when all space)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass
class Attribution:
    content: Offsets
    cue: Offsets = field(default_factory=list)
    source: Offsets = field(default_factory=list)
    type: str = "indirect"  # direct | indirect | mixed
    confidence: float = 1.0
    origin: str = "rules"  # which finder produced it: rules | model | ...
    # The attribution this one continues: a quote paragraph with no cue of its own that
    # carries on the previous speaker.  The record itself, never a list index, so that
    # merging or sorting attribution lists (the hybrid finder does both) cannot make it stale.
    continues: "Attribution | None" = field(default=None, repr=False, compare=False)
    speaker: Speaker | None = None
    channel: Channel | None = None
    date: str | None = None
    date_basis: str | None = None
    act: str = "other"  # filled by the act stage: speech | writing | thought | intention | finding | other
    # Filled by the speaker stage: the article entity (pipeline.entities.Ent) that speaks,
    # or, when the text supports two readings, the entities it could be.
    entity: Any = field(default=None, repr=False, compare=False)
    speaker_candidates: list[Any] = field(default_factory=list, repr=False, compare=False)

    @property
    def start(self) -> int:
        return min(s for s, _ in self.content)

    @property
    def end(self) -> int:
        return max(e for _, e in self.content)

    @property
    def anchor(self) -> int:
        """Where the attribution sits in the text: its cue if it has one, else its content."""
        return min(s for s, _ in (self.cue or self.content))
