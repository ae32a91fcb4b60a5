"""Channel, date and speaker details through the public API, as a user sees them.

These run the whole pipeline with the rule finder (``finder="rules"``) so that they
check what the context stage makes of real finder output; the unit tests in
test_channels / test_dates / test_profiles pin each rule alone.
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import quotegraph
from quotegraph.model import CHANNEL_KINDS, DATE_BASES

pytestmark = pytest.mark.slow  # every test extracts through the real pipeline

ARTICLE = (
    "Kevin Marlowe's attorney says the singer's former husband needs more support.\n\n"
    '"This is about fairness, not money," Mark Vincent Kaplan, Marlowe\'s attorney, told People on Tuesday. '
    '"He has been a devoted father," he added.\n\n'
    "Back in September 2022, Jayden, who was 15 at the time, told a podcast host that he did not speak to his mother. "
    "Marlowe's ex-wife, Delia Rhodes, wrote on Instagram that she loved her sons."
)


def _by_content(article: quotegraph.Article) -> dict[str, quotegraph.Quote]:
    return {q.content.text: q for q in article.quotes}


def extract():
    return quotegraph.extract(ARTICLE, date="2024-06-26", finder="rules")


def test_channel_and_date_of_a_statement_given_to_an_outlet():
    quotes = _by_content(extract())
    quote = next(q for text, q in quotes.items() if "fairness" in text)
    assert quote.channel == quotegraph.Channel("People", "outlet")
    assert (quote.date, quote.date_basis) == ("2024-06-25", "explicit")


def test_a_quote_placed_in_the_past_keeps_its_own_date():
    quotes = _by_content(extract())
    quote = quotes["that he did not speak to his mother"]
    assert quote.channel == quotegraph.Channel("podcast", "outlet")
    assert (quote.date, quote.date_basis) == ("2022-09", "explicit")


def test_social_channel_with_the_article_date():
    quotes = _by_content(extract())
    quote = quotes["that she loved her sons"]
    assert quote.channel == quotegraph.Channel("Instagram", "social")
    assert (quote.date, quote.date_basis) == ("2024-06-26", "article")


def test_a_role_only_source_resolves_to_the_attorney_named_after_it():
    quotes = _by_content(extract())
    quote = quotes["the singer's former husband needs more support"]
    assert quote.speaker is not None
    assert quote.speaker.name == "Mark Vincent Kaplan"
    assert quote.speaker.roles == ("attorney",)
    assert [r.to_dict() for r in quote.speaker.relations] == [{"relation": "attorney_of", "of": "Kevin Marlowe"}]


def test_the_json_output_carries_channel_date_and_speaker_details():
    record = json.loads(json.dumps(extract().result()))
    by_content = {q["content"]["text"]: q for q in record["quotes"]}
    quote = by_content["the singer's former husband needs more support"]
    assert quote["speaker"]["relations"] == [{"relation": "attorney_of", "of": "Kevin Marlowe"}]
    assert by_content["that she loved her sons"]["channel"] == {"name": "Instagram", "kind": "social"}
    assert by_content["that she loved her sons"]["date_basis"] == "article"


def test_without_an_article_date_an_undated_quote_has_no_date():
    article = quotegraph.extract("Delia Rhodes wrote on Instagram that she loved her sons.", finder="rules")
    (quote,) = article.quotes
    assert quote.channel == quotegraph.Channel("Instagram", "social")
    assert (quote.date, quote.date_basis) == (None, None)


TEXT = (
    '"We are done," Hale told ET on Tuesday. In a statement to Variety, the studio said the film would open '
    "in May 2023. Kevin Lane's attorney, Mark Kaplan, told the publication that the filing was expected. "
    "Just days later, Lopez wrote on Instagram that she was leaving. At a rally, the senator said taxes would fall."
)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_any_spans_give_well_formed_context(nlp, data):
    """Whatever offsets a finder produces, the stage fills only well-formed values and never fails."""
    from quotegraph.pipeline import context
    from quotegraph.pipeline.attribution import Attribution

    doc = _doc(nlp)

    def spans(min_size: int):
        pairs = st.tuples(st.integers(0, len(TEXT) - 1), st.integers(1, 60)).map(lambda p: (p[0], min(len(TEXT), p[0] + p[1])))
        return st.lists(pairs, min_size=min_size, max_size=2)

    atts = data.draw(st.lists(st.builds(Attribution, content=spans(0), cue=spans(0), source=spans(0)), max_size=5))
    context.place(doc, atts)
    for att in atts:
        assert att.date is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", att.date)
        assert (att.date is None) == (att.date_basis is None)
        assert att.date_basis in (None, *DATE_BASES)
        assert att.channel is None or (att.channel.name and att.channel.kind in CHANNEL_KINDS)


_DOCS: dict[int, object] = {}


def _doc(nlp):
    """The parsed TEXT, once (hypothesis calls the test many times)."""
    if id(nlp) not in _DOCS:
        with nlp.select_pipes(disable=["quotegraph"]):
            doc = nlp(TEXT)
        doc._.qg_article_date = "2024-06-26"
        _DOCS[id(nlp)] = doc
    return _DOCS[id(nlp)]
