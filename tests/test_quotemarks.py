"""Quote marks: which stretches of text are quotations (no model needed)."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from spacy.tokens import Doc
from spacy.vocab import Vocab

from quotegraph.pipeline.quotemarks import find_quotes, quote_depth, tokens_inside


def quoted(text: str) -> list[str]:
    """Each quotation as it reads, fragments joined by " | "."""
    return [" | ".join(text[s:e] for s, e in q.fragments) for q in find_quotes(text)]


def test_straight_double_quotes_around_a_cue():
    text = '"I don\'t know," he said, "but we\'ll see."'
    assert quoted(text) == ['"I don\'t know,"', '"but we\'ll see."']


def test_curly_quotes_hold_several_sentences():
    text = "He said: “We won’t stop. We’ll fight.” Then he left."
    assert quoted(text) == ["“We won’t stop. We’ll fight.”"]


def test_guillemets_and_low_high_quotes():
    text = "«Bonjour», dit-il. „Guten Tag“, sagte er."
    assert quoted(text) == ["«Bonjour»", "„Guten Tag“"]


def test_single_quotes_nested_inside_double():
    text = "“He told me, ‘Go home,’ and I left,” she said."
    quotes = find_quotes(text)
    assert [(text[q.start : q.end], q.depth) for q in quotes] == [
        ("“He told me, ‘Go home,’ and I left,”", 0),
        ("‘Go home,’", 1),
    ]


def test_single_quotes_as_primary_marks_but_not_apostrophes():
    text = "She called it ‘a disaster’ on Federline’s show in the ’90s, and said 'never again' twice. Don't."
    assert quoted(text) == ["‘a disaster’", "'never again'"]


def test_plural_possessive_is_not_a_closing_quote():
    text = "The Smiths' house was sold; the Joneses' was not."
    assert quoted(text) == []


def test_unclosed_paragraph_continues_into_the_next_one():
    text = "“We tried everything.\n\n“Nothing worked,” he said.\n\nThe end."
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert [text[s:e] for s, e in quotes[0].fragments] == ["“We tried everything.", "“Nothing worked,”"]
    assert quotes[0].closed


def test_unclosed_paragraph_without_a_reopening_mark_stops_at_its_end():
    text = "“We tried everything.\n\nThe end."
    quotes = find_quotes(text)
    assert [text[s:e] for s, e in quotes[0].fragments] == ["“We tried everything."]
    assert not quotes[0].closed


def test_quote_depth_marks_each_character():
    text = 'a "b \'c\' d" e'
    assert list(quote_depth(text)) == [0, 0, 1, 1, 1, 2, 2, 2, 1, 1, 1, 0, 0]


def test_tokens_inside_flags_the_quoted_tokens_with_their_marks():
    words = ["He", "said", "“", "go", "home", "”", "."]
    doc = Doc(Vocab(), words=words, spaces=[True, True, False, True, False, False, False])
    assert doc.text == "He said “go home”."
    assert tokens_inside(doc) == [False, False, True, True, True, True, False]


@settings(deadline=None)  # the shared CI machine is slow at times; no timing assertions
@given(st.text(alphabet="ab .,'\"“”‘’«»\n", max_size=60))
def test_every_quotation_reads_back_inside_the_text(text):
    for q in find_quotes(text):
        assert 0 <= q.start < q.end <= len(text)
        for s, e in q.fragments:
            assert q.start <= s < e <= q.end
            assert text[s:e]
