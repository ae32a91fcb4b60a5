"""Rule-based span finder: quote marks, the dependency parse and a reporting-verb lexicon."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .attribution import Attribution

_QUOTED = re.compile(r"[\"“]([^\"“”]{2,}?)[\"”]")


def find_attributions(doc: Doc) -> list[Attribution]:
    """Placeholder: quoted stretches only (to be replaced by the full rule finder)."""
    return [Attribution(content=[(m.start(), m.end())], type="direct") for m in _QUOTED.finditer(doc.text)]
