"""The data model: offsets read back, dicts round-trip, ids are stable."""

import pytest

from quotegraph.model import Article, Quote, TextSpan, check_offsets, quote_id


TEXT = '"We will appeal," Kaplan said. "This is absurd."'


def test_discontinuous_span_reads_each_fragment_from_the_text():
    span = TextSpan.from_offsets(TEXT, [(31, 48), (0, 17)])
    assert span.spans == ((0, 17), (31, 48))
    assert span.text == '"We will appeal," "This is absurd."'


def test_quote_round_trips_through_dict():
    content = TextSpan.from_offsets(TEXT, [(0, 17), (31, 48)])
    quote = Quote(id=quote_id("a1", content), content=content, cue=TextSpan.from_offsets(TEXT, [(25, 29)]), type="direct")
    assert Quote.from_dict(quote.to_dict()) == quote


def test_quote_id_is_stable_and_depends_on_offsets():
    a = TextSpan.from_offsets(TEXT, [(0, 17)])
    b = TextSpan.from_offsets(TEXT, [(31, 48)])
    assert quote_id("a1", a) == quote_id("a1", a)
    assert quote_id("a1", a) != quote_id("a1", b)
    assert quote_id("a1", a) != quote_id("a2", a)


def test_check_offsets_catches_a_span_that_does_not_read_back():
    bad = Quote(id="q", content=TextSpan(text="We will", spans=((0, 8),)))
    with pytest.raises(ValueError):
        check_offsets(Article(text=TEXT, quotes=(bad,)))


def test_article_without_id_gets_one_from_its_text():
    assert Article(text=TEXT).id == Article(text=TEXT).id
    assert Article(text=TEXT).id != Article(text=TEXT + " ").id


def test_article_metadata_fields_are_the_articles_plain_string_fields():
    import dataclasses

    from quotegraph.model import ARTICLE_META

    strings = [f.name for f in dataclasses.fields(Article) if f.name != "text" and f.type in ("str", "str | None")]
    assert list(ARTICLE_META) == strings
