"""No direct quote missed for a rare cue: a quotation beside a source and a reporting
verb is found whatever the verb, in the three usual orders, by every finder."""

from __future__ import annotations

import pytest

import quotegraph
from quotegraph.pipeline.quotemarks import quotes_of
from quotegraph.pipeline.quoteshapes import add_shaped_quotes

# Common, rare and very rare in PolNeAR; several the tagger reads as nouns ("states", "posts").
VERBS = """
says said states stated posted posts quipped testified affirmed wrote tweeted insisted added explained
noted declared remarked replied responded recalled conceded admitted argued warned claimed maintained
asserted countered observed joked boasted lamented complained acknowledged confirmed announced continued
emphasized stressed predicted promised vowed whispered shouted exclaimed mused cautioned contended
concluded suggested texted emailed reiterated retorted scoffed snapped grumbled deadpanned gushed
""".split()
SOURCES = ["Kevin Federline's attorney", "she", "Kaplan", "the company", "Dana Whitlock"]
Q1, Q2 = "Reconciliations like this take time", "and we will be patient"
ORDERS = {
    "quote-source-verb": '"{q1}," {source} {verb}.',
    "source-verb-quote": '{Source} {verb}: "{q1}."',
    "quote-source-verb-quote": '"{q1}," {source} {verb}, "{q2}."',
}
FINDERS = ["auto", "rules", "hybrid", "accurate"]


def sentences(order: str) -> list[tuple[str, str, str]]:
    pattern = ORDERS[order]
    return [
        (pattern.format(q1=Q1, q2=Q2, source=s, Source=s[0].upper() + s[1:], verb=v), s, v)
        for s in SOURCES
        for v in VERBS
    ]


def misses(finder: str, order: str) -> list[str]:
    cases = sentences(order)
    out = []
    for (text, source, verb), article in zip(cases, quotegraph.extract_many([c[0] for c in cases], finder=finder)):
        ok = [
            q
            for q in article.quotes
            if Q1 in q.content.text
            and q.source is not None
            and q.source.text.lower() == source.lower()
            and q.cue is not None
            and q.cue.text.rstrip(":") == verb
            and q.type == "direct"
        ]
        if order == "quote-source-verb-quote":
            ok = [q for q in ok if Q2 in q.content.text and len(q.content.spans) == 2]
        if len(ok) != 1:
            out.append(text)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("order", sorted(ORDERS))
@pytest.mark.parametrize("finder", FINDERS)
def test_a_quotation_beside_a_source_and_any_reporting_verb_is_found(finder, order):
    assert misses(finder, order) == []


@pytest.mark.slow
def test_the_issue_example_keeps_its_words_source_and_cue():
    text = '"Reconciliations with this many lawyers involved take time," Kevin Federline\'s attorney states.'
    [quote] = quotegraph.extract(text).quotes
    assert quote.content.text == '"Reconciliations with this many lawyers involved take time,"'
    assert (quote.source.text, quote.cue.text, quote.type) == ("Kevin Federline's attorney", "states", "direct")


@pytest.mark.parametrize(
    "text",
    [
        'After the hearing ended, "nobody in the room said a single word."',  # a clause, then a quote: no source
        'Spielberg said nothing about "the sequel that everyone was waiting for."',  # quoted words inside a clause
        'The crowd chanted "lock her up, lock her up" for several minutes.',  # a chant inside the sentence
        '"Reconciliations like this take time." Kaplan left the courtroom.',  # a full stop: the next sentence is no report
    ],
)
def test_no_quote_is_made_up_from_a_shape_that_only_looks_like_one(tag, text):
    doc = tag(text)
    found: list = []
    add_shaped_quotes(doc, text, found, [q for q in quotes_of(doc) if q.depth == 0])
    assert found == []


def test_a_source_and_verb_right_after_a_quotation_outrank_a_report_before_it(tag):
    from quotegraph.pipeline.attribution import Attribution

    text = 'A firestorm of criticism quickly erupted – "Stop raising the fares now," one Twitter response began.'
    doc = tag(text)
    q = text.index('"Stop')
    wrong = Attribution(  # what a learned finder made of it: the sentence before reports the quotation
        content=[(q, text.index("one Twitter") - 1)],
        cue=[(text.index("firestorm"), text.index(" quickly"))],
        source=[(0, 1)],
        type="direct",
    )
    found = [wrong]
    add_shaped_quotes(doc, text, found, [q for q in quotes_of(doc) if q.depth == 0])
    [att] = found
    assert text[att.source[0][0] : att.source[0][1]] == "one Twitter response"
    assert text[att.cue[0][0] : att.cue[0][1]] == "began"


def test_a_verb_the_finder_took_into_the_source_becomes_the_cue_again(tag):
    from quotegraph.pipeline.attribution import Attribution

    text = 'Kevin Federline\'s attorney posts: "Reconciliations like this take time."'
    doc = tag(text)
    held = Attribution(  # what a learned finder made of it: "posts" read as a noun, the colon as the cue
        content=[(text.index('"'), len(text))],
        cue=[(text.index(":"), text.index(":") + 1)],
        source=[(0, text.index(":"))],
        type="direct",
    )
    found = [held]
    add_shaped_quotes(doc, text, found, [q for q in quotes_of(doc) if q.depth == 0])
    assert found == [held]
    assert (text[slice(*held.source[0])], text[slice(*held.cue[0])]) == ("Kevin Federline's attorney", "posts")


def test_a_pronoun_after_the_quotation_leaves_the_report_before_it(tag):
    from quotegraph.pipeline.attribution import Attribution

    text = 'Senator Claire Moore scolded him: "The science is against you," she said.'
    doc = tag(text)
    held = Attribution(
        content=[(text.index('"The'), text.index(" she said"))],
        cue=[(text.index("scolded"), text.index(" him"))],
        source=[(0, text.index(" scolded"))],
        type="direct",
    )
    found = [held]
    add_shaped_quotes(doc, text, found, [q for q in quotes_of(doc) if q.depth == 0])
    assert found == [held] and text[held.cue[0][0] : held.cue[0][1]] == "scolded"


def test_a_second_verb_after_and_shares_the_subject_of_the_first(tag):
    text = "In the midst of the fear, Uber stepped in and tweeted this announcement: \"We are all concerned with events in the city.\""
    doc = tag(text)
    found: list = []
    add_shaped_quotes(doc, text, found, [q for q in quotes_of(doc) if q.depth == 0])
    [att] = found
    assert (text[slice(*att.source[0])], text[slice(*att.cue[0])]) == ("Uber", "tweeted")


def test_and_with_a_verb_that_reports_nothing_gives_no_source(tag):
    text = "After the meeting, the mayor left and reporters waited: \"Nobody in the room said a single word to us.\""
    doc = tag(text)
    found: list = []
    add_shaped_quotes(doc, text, found, [q for q in quotes_of(doc) if q.depth == 0])
    assert all(text[slice(*a.source[0])] != "the mayor" for a in found)


SIGNED = (
    "We asked readers what they thought of the debate.\n\n"
    "“He talked over her for ninety minutes and called it a win.” ― Maria Lopez\n\n"
    "“I learned nothing about the economy tonight.” — Tom Becker\n\n"
    "Most answers came in within the hour."
)


@pytest.mark.slow
@pytest.mark.parametrize("finder", FINDERS)
def test_a_quotation_signed_with_a_dash_and_a_name_is_that_persons(finder):
    [article] = quotegraph.extract_many([SIGNED], finder=finder)
    signed = {q.source.text: (q.content.text, q.cue.text) for q in article.quotes if q.source is not None}
    assert signed.get("Maria Lopez") == ("“He talked over her for ninety minutes and called it a win.”", "―")
    assert signed.get("Tom Becker") == ("“I learned nothing about the economy tonight.”", "—")


@pytest.mark.parametrize(
    "text",
    [
        "“Stop the count” — a slogan, not a person, ends this line.",  # no name after the dash
        "The band played “Born to Run” - and the crowd sang along.",  # a title inside a sentence
    ],
)
def test_a_dash_after_a_quotation_without_a_name_is_no_signature(tag, text):
    from quotegraph.pipeline.quoteshapes import dash_signature

    doc = tag(text)
    assert [dash_signature(doc, text, q) for q in quotes_of(doc) if q.depth == 0] == [None]
