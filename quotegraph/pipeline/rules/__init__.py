"""Rule-based span finder: quote marks, the dependency parse and the cue lexicon.

Follows PolNeAR's conventions so scores compare: a direct quote's content keeps
its marks and is discontinuous when the cue interrupts it; indirect content is the
complement clause ("that" included) without the final full stop; the cue is the
reporting verb (or "according to"/"per"); the source is the whole subject mention.

    reporting verbs with their source and clause   verbs.py
    → quotations beside them                        direct.py
    → attributions (direct, mixed, indirect)        verbs.py
    → "according to X", "per X", "X's claim that"   phrases.py
    → "NAME: ..." and "“...” ― Name"                labels.py
    → quotations a colon introduces                 direct.py
    → statements only                               ../filters.py (shared with the learned finder)
    → quotations beside any source and verb         ../quoteshapes.py (shared too)
    → continuations                                 ../filters.py

What they all read from the parse is in parse.py.  Needs a Doc with a dependency
parse (``doc.has_annotation("DEP")``).
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...errors import ModelError
from ..attribution import Attribution
from ..extensions import text_of
from ..filters import attach_continuations, release_quotes_before_cue, statements_only, take_fronted_content
from ..quotemarks import quotes_of
from ..quoteshapes import add_shaped_quotes
from .direct import attach_quotes, introduced
from .labels import labelled
from .parse import quote_of_tokens
from .phrases import nominal, prepositional
from .verbs import reporting_cues, verb_attributions


def find_attributions(doc: Doc) -> list[Attribution]:
    """Every attribution the rules find in ``doc`` (which must carry a dependency parse)."""
    if len(doc) and not doc.has_annotation("DEP"):
        raise ModelError(
            "the rules finder needs a dependency parse: load a spaCy pipeline with its parser "
            '(quotegraph.load(finder="rules") does) or use the learned finder'
        )
    text = text_of(doc)  # once per doc (text_of caches it)
    quotes = [q for q in quotes_of(doc) if q.depth == 0]
    quote_of = quote_of_tokens(doc, quotes)
    found = reporting_cues(doc, quote_of)
    attach_quotes(doc, found, quotes, quote_of)
    attributions, taken = verb_attributions(doc, text, found, quotes, quote_of)
    attributions += prepositional(doc, quote_of, taken)
    attributions += nominal(doc, quote_of, taken)
    attributions += labelled(doc, text, quotes, quote_of, taken)
    attributions.sort(key=lambda a: a.start)
    attributions += introduced(doc, text, attributions, quotes, quote_of)
    attributions.sort(key=lambda a: a.start)
    attributions = statements_only(doc, text, attributions)
    release_quotes_before_cue(text, attributions, quotes)
    attributions = [a for a in attributions if a.content]
    take_fronted_content(doc, text, attributions)
    add_shaped_quotes(doc, text, attributions, quotes)
    attach_continuations(doc, text, attributions, quotes)
    return attributions


__all__ = ["find_attributions"]
