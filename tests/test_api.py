"""The Python API: extract, extract_many (batches, workers, failure isolation), the spaCy component."""

from __future__ import annotations

import os

import pytest

import quotegraph
from quotegraph import parallel
from quotegraph.errors import ExtractionError, ModelError
from quotegraph.model import Article, check_offsets

TEXTS = [
    '"We will appeal," Kaplan said. "This is absurd."',
    "Nothing was said here at all.",
    "“I have supported my family for a long time,” she wrote on Instagram.",
    'Senator Ellison-Ruiz said reconciliation would be a "lengthy process."',
]


def test_extract_returns_an_article_whose_spans_read_back(nlp):
    article = quotegraph.extract(TEXTS[0], date="2024-06-26", id="k1", title="Appeal")
    assert (article.id, article.date, article.title, article.text) == ("k1", "2024-06-26", "Appeal", TEXTS[0])
    assert article.quotes
    assert article.quotes[0].content.text.startswith('"We will appeal,"')
    check_offsets(article)


def test_extract_many_keeps_input_order_and_metadata(nlp):
    items = [TEXTS[0], {"text": TEXTS[1], "id": "quiet", "date": "2024-01-02"}, Article(text=TEXTS[2], id="post")]
    articles = list(quotegraph.extract_many(items, batch_size=2))
    assert [a.text for a in articles] == [TEXTS[0], TEXTS[1], TEXTS[2]]
    assert (articles[1].id, articles[1].date, articles[1].quotes) == ("quiet", "2024-01-02", ())
    assert articles[2].id == "post" and articles[2].quotes


def test_the_spacy_component_sets_doc_quotes(nlp):
    doc = nlp(TEXTS[0])
    assert nlp.pipe_names[-1] == "quotegraph"

    def without_ids(quotes):
        return [{k: v for k, v in q.items() if k != "id"} for q in quotes]

    assert doc._.quotes and all(isinstance(q, dict) for q in doc._.quotes)  # plain values: picklable, JSON-able
    assert without_ids(doc._.quotes) == without_ids(q.to_dict() for q in quotegraph.extract(TEXTS[0]).quotes)


@pytest.mark.slow
def test_workers_give_the_same_results_in_the_same_order(nlp):
    articles = [Article(text=t, id=f"t{i}") for i, t in enumerate(TEXTS * 3)]
    alone = list(quotegraph.extract_many(articles, batch_size=2))
    pooled = list(quotegraph.extract_many(articles, batch_size=2, workers=2))
    assert pooled == alone


def test_workers_report_a_pipeline_that_cannot_load_as_model_error():
    with pytest.raises(ModelError, match="no_such_pipeline_xx"):
        list(quotegraph.extract_many(TEXTS, pipeline="no_such_pipeline_xx", workers=2))


# ---- one failing article must not stop the others ----------------------------------------


def test_a_failing_article_yields_an_error_in_its_place(fragile_pipeline):
    items = [Article(text="one", id="a"), Article(text="BOOM", id="b"), Article(text="three", id="c")]
    results = list(quotegraph.extract_many(items, batch_size=3, on_error="yield"))
    assert [type(r).__name__ for r in results] == ["Article", "ExtractionError", "Article"]
    assert [r.id if isinstance(r, Article) else r.article_id for r in results] == ["a", "b", "c"]
    assert str(results[1]) == "b: extraction failed (RuntimeError: cannot handle BOOM); please report it with the input"


def test_a_failing_article_raises_by_default(fragile_pipeline):
    with pytest.raises(ExtractionError, match="cannot handle BOOM"):
        list(quotegraph.extract_many(["fine", "BOOM"]))


# ---- a worker process that dies --------------------------------------------------------


def _no_init() -> None:
    return None


def _dies_on_crash(batch, batch_size):
    """A worker task that kills its own process on CRASH, as an out-of-memory kill would."""
    if any("CRASH" in a.text for a in batch):
        os._exit(1)
    return [("ok", a) for a in batch]


def test_a_dead_worker_costs_only_the_article_that_killed_it():
    articles = [Article(text=t, id=t) for t in ["a", "b", "CRASH", "d", "e", "f", "g"]]
    results = list(parallel._pooled(articles, workers=2, batch_size=2, initargs=(), task=_dies_on_crash, initializer=_no_init))
    assert [r.id if isinstance(r, Article) else r.article_id for r in results] == ["a", "b", "CRASH", "d", "e", "f", "g"]
    assert [isinstance(r, ExtractionError) for r in results] == [False, False, True, False, False, False, False]
    assert "worker process died" in str(results[2])


def _always_dies(batch, batch_size):
    os._exit(1)


def test_workers_that_always_die_stop_the_run_with_one_clear_error():
    articles = [Article(text=t, id=t) for t in "abcdefgh"]
    with pytest.raises(ModelError, match="worker processes keep dying .* run with --workers 1"):
        list(parallel._pooled(articles, workers=2, batch_size=2, initargs=(), task=_always_dies, initializer=_no_init))


def test_workers_must_be_at_least_one():
    with pytest.raises(ValueError):
        list(quotegraph.extract_many(TEXTS, workers=0))


@pytest.mark.slow
def test_a_finished_doc_holds_plain_values_only(nlp):
    """Doc.to_bytes (and so DocBin and multiprocessing) works on a doc the component has finished."""
    from spacy.tokens import Doc

    text = "“We will appeal,” Mark Kaplan told reporters on Tuesday. He added that the filing was late."
    doc = nlp(text)
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert again._.quotes == doc._.quotes and again._.entities == doc._.entities
    assert [q.speaker.name for q in again._.qg_quotes if q.speaker] == ["Mark Kaplan", "Mark Kaplan"]


def test_default_names_the_default_finder_everywhere(nlp):
    from quotegraph.pipeline import finders

    assert finders.canonical("default") == "auto" and not finders.needs_parser("default")
    assert quotegraph.load(finder="default") is nlp  # the same pipeline, loaded once
    text = '"We will appeal," Mark Kaplan told reporters.'
    assert quotegraph.extract(text, finder="default").quotes == quotegraph.extract(text).quotes
    with pytest.raises(ModelError, match="unknown span finder 'defualt'"):
        finders.get("defualt")
