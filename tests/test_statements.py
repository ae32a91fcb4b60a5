"""Statements and fragments (quotegraph.corpus.statements): which quotes search puts first.

The contents are PolNeAR's own (dev articles, as the finders extract them) or written for
the test; each verdict was checked by reading it.
"""

from __future__ import annotations

import pytest

from quotegraph.corpus.statements import FRAGMENT, OTHER, STATEMENT, is_clause, is_fragment, tier


@pytest.mark.parametrize("content", [
    "Senator",                                        # "Obama ran for Senator"
    "the experience",                                 # "Mr. Obama learned the experience"
    "Shifting monsoon patterns",
    "willingness to change",                          # "signalled willingness to change"
    "the country's challenges with a surprising assertion",
    "During his seven and a half years in office",
    "the National Museum of African American History and Culture",
    "such as an overhaul of the criminal justice system",
    '"Senator"',                                      # quoted, but one word
    "Buses matter",                                   # two words, even as a sentence
])
def test_noun_phrases_and_two_words_are_fragments(content):
    assert is_fragment(content)
    assert tier("speech", content) == FRAGMENT


@pytest.mark.parametrize("content", [
    "the budget would pass in March",                 # a modal
    "that the drug reduced deaths",                   # a complementiser
    "we need more buses",                             # a subject pronoun
    "the budget protects every school",               # an -s verb before its object
    "voters abandoned the Republican Party",          # an -ed verb before its object
    "the economy grew by ten percent",                # an irregular past
    "to cut property taxes by ten percent",           # a to-infinitive (what someone intends)
    "it's about me",
])
def test_clauses_are_not_fragments(content):
    assert is_clause(content) and not is_fragment(content)


def test_a_quotation_of_three_words_or_more_is_no_fragment_even_without_a_verb():
    assert not is_fragment("“A lengthy and painful process”", "direct")
    assert not is_fragment("a lengthy and painful process", "direct")  # the finder says it is quoted
    assert is_fragment("a lengthy and painful process", "indirect")


def test_tiers_put_speech_and_writing_first_and_fragments_last():
    clause = "the bridge would close next year"
    assert [tier(act, clause) for act in ("speech", "writing")] == [STATEMENT, STATEMENT]
    assert [tier(act, clause) for act in ("thought", "intention", "finding", "other")] == [OTHER] * 4
    assert tier("speech", "the experience") == FRAGMENT
