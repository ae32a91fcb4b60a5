"""Quote marks: which stretches of text are quotations (no model needed)."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

import spacy
from spacy.tokens import Doc

from quotegraph.pipeline.quotemarks import Pairing, find_quotes, pair_marks, quote_depth, quotes_of


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


def test_two_apostrophes_are_one_double_mark_as_in_archive_text():
    # The New York Times' archive text (PolNeAR's) types every double mark as two apostrophes.
    text = "''We're not a burden,'' the president added. ''We're America.'' He said they ''rock like Jimi.''"
    assert quoted(text) == ["''We're not a burden,''", "''We're America.''", "''rock like Jimi.''"]
    # Neither half of a '' is a single quote mark of its own; an apostrophe inside stays one.
    assert all(q.depth == 0 for q in find_quotes(text))


def test_ptb_backticks_open_a_quotation_that_two_apostrophes_close():
    text = "He said ``no way,'' and left, calling it 'a farce' twice."
    assert quoted(text) == ["``no way,''", "'a farce'"]


def test_a_quotation_in_two_apostrophes_runs_over_paragraphs_as_any_other():
    text = "''We tried everything.\n\n''Nothing worked,'' he said.\n\nThe end."
    quotes = find_quotes(text)
    assert len(quotes) == 1 and quotes[0].closed
    assert [text[s:e] for s, e in quotes[0].fragments] == ["''We tried everything.", "''Nothing worked,''"]


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


def test_a_docs_quotations_survive_its_serialisation():
    """They are kept in ``doc.user_data`` as plain values: the doc still serialises, and reads back with them."""
    nlp = spacy.blank("en")
    doc = nlp('He said "we won," and left.\n\n“Not ‘yet’,” she said.')
    found = quotes_of(doc)
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert quotes_of(again) == found == find_quotes(doc.text)
    assert len(found) == 3


def brackets(marks: str) -> list[Pairing]:
    """:func:`pair_marks` over a string in which "(" opens, ")" closes and anything else is passed by."""
    return pair_marks(range(len(marks)), lambda i, open_at: {"(": "open", ")": "close"}.get(marks[i]))


def test_pairing_matches_each_opener_with_the_next_closer():
    assert brackets("(a)'(b)") == [Pairing(0, 2), Pairing(4, 6)]


def test_pairing_an_opener_inside_an_open_quotation_cuts_it_short():
    assert brackets("(a(b)") == [Pairing(0, None, cut=2), Pairing(2, 4)]


def test_pairing_reports_a_lone_closer_and_a_quotation_left_open():
    assert brackets(")a(b") == [Pairing(None, 0), Pairing(2, None)]


def test_pairing_asks_the_direction_knowing_what_is_open():
    asked = []

    def every_mark_opens(mark: int, open_mark: int | None) -> str:
        asked.append((mark, open_mark))
        return "open"

    pair_marks([3, 5, 8], every_mark_opens)
    assert asked == [(3, None), (5, 3), (8, 5)]


@settings(deadline=None)  # the shared CI machine is slow at times; no timing assertions
@given(st.text(alphabet="ab .,'\"“”‘’«»\n", max_size=60))
def test_every_quotation_reads_back_inside_the_text(text):
    for q in find_quotes(text):
        assert 0 <= q.start < q.end <= len(text)
        for s, e in q.fragments:
            assert q.start <= s < e <= q.end
            assert text[s:e]
