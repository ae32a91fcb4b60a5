"""Channel, date and speaker details through the public API, as a user sees them.

These run the whole pipeline with the rule finder (``finder="rules"``) so that they
check what the context stage makes of real finder output; the unit tests in
test_channels / test_dates / test_profiles pin each rule alone.
"""

from __future__ import annotations

import json

import quotegraph

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
