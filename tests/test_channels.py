"""Channel of a quote: the outlet, platform, event or document it was given to.

Attributions are built by hand (offsets found with ``str.index``) so these tests
check the context stage alone, whatever the span finder does; the key cases run
both with the dependency parse and without it (the default pipeline has none).
"""

from __future__ import annotations


import pytest

from conftest import attribution
from quotegraph.model import Channel
from quotegraph.pipeline import context, entities
from quotegraph.pipeline.speakers import resolve_speakers
from quotegraph.pipeline.channels import read_name

ARTICLE_DATE = "2024-06-26"  # a Wednesday


def parse(read, text: str, parser: bool = True):
    """The spaCy doc alone, with or without a dependency parse, dated like the article."""
    doc = read(text, parser)
    doc._.qg_article_date = ARTICLE_DATE
    return doc



def channels(read, text: str, *specs: tuple, parser: bool = True) -> list[Channel | None]:
    doc = parse(read, text, parser)
    atts = [attribution(text, *spec) for spec in specs]
    table = entities.build(doc, atts)
    resolve_speakers(atts, table)
    context.place(doc, atts, table)
    return [a.channel for a in atts]


@pytest.mark.parametrize("parser", [True, False], ids=["parse", "no-parse"])
@pytest.mark.parametrize(
    ("text", "spec", "expected"),
    [
        ('"We are thrilled," Dana Whitfield told People magazine.',
         ("We are thrilled,", "told", "Dana Whitfield"), Channel("People magazine", "outlet")),
        ("Whitfield said to The Guardian that the tour was over.",
         ("the tour was over", "said", "Whitfield"), Channel("The Guardian", "outlet")),
        ("In a statement to Variety, the studio said the film would open in May.",
         ("the film would open in May", "said", "the studio"), Channel("Variety", "outlet")),
        ("A representative for the singer confirmed to Us Weekly that the couple had split.",
         ("the couple had split", "confirmed", "A representative for the singer"), Channel("Us Weekly", "outlet")),
        ('"I was scared," Rosa Delgado said in an interview with Rolling Stone.',
         ("I was scared,", "said", "Rosa Delgado"), Channel("Rolling Stone", "outlet")),
        ("In an interview on Good Morning America, Delgado said she was ready.",
         ("she was ready", "said", "Delgado"), Channel("Good Morning America", "outlet")),
        ("Speaking on Sky News, the minister said the plan would work.",
         ("the plan would work", "said", "the minister"), Channel("Sky News", "outlet")),
        ("Appearing on Andy Cohen's late-night show, Delgado said she had no regrets.",
         ("she had no regrets", "said", "Delgado"), Channel("Andy Cohen's late-night show", "outlet")),
    ],
)  # fmt: skip
def test_channel_given_to_an_outlet(read, text, spec, expected, parser):
    assert channels(read, text, spec, parser=parser) == [expected]


@pytest.mark.parametrize(
    ("text", "spec", "expected"),
    [
        ("TMZ first reported that the couple had split.", ("the couple had split", "reported", "TMZ"), Channel("TMZ", "outlet")),
        ("The couple has split, according to Variety.", ("The couple has split", "according to"), Channel("Variety", "outlet")),
        ("The couple has split, per TMZ.", ("The couple has split", "per"), Channel("TMZ", "outlet")),
        ("Page Six has learned that the wedding is off.", ("the wedding is off", "learned", "Page Six"), Channel("Page Six", "outlet")),
    ],
)  # fmt: skip
def test_the_source_itself_is_an_outlet(read, text, spec, expected):
    assert channels(read, text, spec) == [expected]


@pytest.mark.parametrize("parser", [True, False], ids=["parse", "no-parse"])
@pytest.mark.parametrize(
    ("text", "spec", "expected"),
    [
        ("Delgado wrote on Instagram that she was grateful.", ("she was grateful", "wrote", "Delgado"), Channel("Instagram", "social")),
        ("In a now-deleted post, Delgado said she was leaving.", ("she was leaving", "said", "Delgado"), Channel("now-deleted post", "social")),
        ("Delgado tweeted that the show was cancelled.", ("the show was cancelled", "tweeted", "Delgado"), Channel("Twitter", "social")),
        ("The senator wrote on X that the bill was dead.", ("the bill was dead", "wrote", "The senator"), Channel("X", "social")),
        ("Delgado said on TikTok that the song was finished.", ("the song was finished", "said", "Delgado"), Channel("TikTok", "social")),
        ("In a video posted to YouTube, Delgado said she was sorry.", ("she was sorry", "said", "Delgado"), Channel("YouTube", "social")),
        # the source a user of the platform
        ("“Stop being greedy,” one Twitter response began.", ("“Stop being greedy,”", "began", "one Twitter response"), Channel("Twitter", "social")),
        ("As that tweeter in Sydney suggested, they are just greedy.", ("they are just greedy", "suggested", "that tweeter in Sydney"), Channel("Twitter", "social")),
        ("A Facebook commenter wrote that the fares were a scandal.", ("the fares were a scandal", "wrote", "A Facebook commenter"), Channel("Facebook", "social")),
    ],
)  # fmt: skip
def test_social_platforms_and_posts(read, text, spec, expected, parser):
    assert channels(read, text, spec, parser=parser) == [expected]


@pytest.mark.parametrize(
    ("text", "spec", "expected"),
    [
        ("Speaking at a press conference, the mayor said the roads were safe.",
         ("the roads were safe", "said", "the mayor"), Channel("press conference", "event")),
        ("At a rally in Ohio, the candidate said taxes would fall.",
         ("taxes would fall", "said", "the candidate"), Channel("rally", "event")),
        ("In court filings, Hale's lawyers said the contract was void.",
         ("the contract was void", "said", "Hale's lawyers"), Channel("court filings", "document")),
        ("In a letter, the principal said classes would resume.",
         ("classes would resume", "said", "the principal"), Channel("letter", "document")),
        ("In a statement, the company said it regretted the error.",
         ("it regretted the error", "said", "the company"), Channel("statement", "document")),
    ],
)  # fmt: skip
def test_events_and_documents_are_named_as_the_text_gives_them(read, text, spec, expected):
    assert channels(read, text, spec) == [expected]


@pytest.mark.parametrize("parser", [True, False], ids=["parse", "no-parse"])
def test_the_publication_is_the_outlet_named_before(read, parser):
    text = (
        "The singer has filed for divorce, according to TMZ. "
        "Kevin Lane's attorney, Mark Kaplan, told the publication that the filing was expected."
    )
    spec = ("the filing was expected", "told", "Mark Kaplan")
    assert channels(read, text, spec, parser=parser) == [Channel("TMZ", "outlet")]


def test_the_network_is_the_network_named_before(read):
    text = 'Hale told CNN that he would run. "I am ready," he later told the network.'
    first = ("he would run", "told", "Hale")
    second = ("I am ready,", "told", "he")
    assert channels(read, text, first, second) == [Channel("CNN", "outlet"), Channel("CNN", "outlet")]


@pytest.mark.parametrize("parser", [True, False], ids=["parse", "no-parse"])
def test_a_continuation_inherits_the_statement_s_channel(read, parser):
    text = '"We are done," Hale told ET. "It was time," he added.'
    specs = [("We are done,", "told", "Hale"), ("It was time,", "added", "he")]
    assert channels(read, text, *specs, parser=parser) == [Channel("ET", "outlet"), Channel("ET", "outlet")]


def test_no_inheritance_across_a_change_of_speaker(read):
    text = '"We are done," Hale told ET. "Nobody told me," his manager said.'
    specs = [("We are done,", "told", "Hale"), ("Nobody told me,", "said", "his manager")]
    assert channels(read, text, *specs) == [Channel("ET", "outlet"), None]


def test_no_inheritance_across_a_new_time(read):
    text = '"We are done," Hale told ET on Monday. "It was time," he said in 2019.'
    specs = [("We are done,", "told", "Hale"), ("It was time,", "said", "he")]
    assert channels(read, text, *specs) == [Channel("ET", "outlet"), None]


def test_an_outlet_named_only_as_the_subject_of_the_story_is_no_channel(read):
    text = 'CNN fired Hale last year. "I was blindsided by CNN," Hale said.'
    assert channels(read, text, ("I was blindsided by CNN,", "said", "Hale")) == [None]


def test_telling_a_person_is_no_channel(read):
    text = "Hale told Maria Lopez that he was sorry."
    assert channels(read, text, ("he was sorry", "told", "Hale")) == [None]


def test_a_channel_inside_the_quote_is_not_its_channel(read):
    text = 'Hale said "I told CNN everything" and left.'
    assert channels(read, text, ("I told CNN everything", "said", "Hale")) == [None]


def test_each_attribution_in_a_sentence_keeps_its_own_channel(read):
    text = "Hale told CNN that he would run, while Lopez said on Instagram that she would not."
    specs = [("he would run", "told", "Hale"), ("she would not", "said", "Lopez")]
    assert channels(read, text, *specs) == [Channel("CNN", "outlet"), Channel("Instagram", "social")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("the New York Times on Monday", "New York Times"),
        ("People magazine.", "People magazine"),
        ("ABC News' Nightline", "ABC News' Nightline"),
        ("Fox News Digital, adding", "Fox News Digital"),
        ("him that", None),
    ],
)
def test_read_name_reads_capitalised_outlet_names(text, name):
    got = read_name(text, 0, len(text))
    assert (got[0] if got else None) == name


def test_a_summary_lede_takes_the_channel_its_speaker_is_given_later(read):
    text = (
        "Actor Tomas Ferreira says he nearly quit acting.\n\n"
        '"I had packed my car," Ferreira said in an interview with Esquire.'
    )
    specs = [("he nearly quit acting", "says", "Actor Tomas Ferreira"),
             ("I had packed my car,", "said", "Ferreira")]  # fmt: skip
    assert channels(read, text, *specs) == [Channel("Esquire", "outlet"), Channel("Esquire", "outlet")]


def test_a_past_tense_sentence_in_the_body_is_no_lede(read):
    text = (
        "The studio is in trouble.\n\n"
        "Tomas Ferreira said he nearly quit acting. "
        '"I had packed my car," Ferreira said in an interview with Esquire.'
    )
    specs = [("he nearly quit acting", "said", "Tomas Ferreira"),
             ("I had packed my car,", "said", "Ferreira")]  # fmt: skip
    assert channels(read, text, *specs) == [None, Channel("Esquire", "outlet")]


def test_no_inheritance_after_a_stretch_of_narrative(read):
    narrative = "The band formed in a garage and played small clubs for years before the label noticed them. " * 3
    text = f'"We are done," Hale told ET. {narrative}"It was time," he said.'
    specs = [("We are done,", "told", "Hale"), ("It was time,", "said", "he")]
    assert channels(read, text, *specs) == [Channel("ET", "outlet"), None]


def test_to_whom_a_promise_was_made_is_its_channel(read):
    text = "Uber has been defending its prices. It has now promised the state of New York that it will cap them."
    (channel,) = channels(read, text, ("it will cap them", "promised", "It"))
    assert channel == Channel("the state of New York", "other")


def test_a_speakers_channel_does_not_carry_paragraphs_later(read):
    paragraphs = ["Uber tweeted that fares had risen."] + [f"Paragraph {n} is about something else." for n in range(4)]
    text = "\n".join(paragraphs + ["Uber said that prices would fall."])
    specs = [("fares had risen", "tweeted", "Uber"), ("prices would fall", "said", "Uber")]
    assert channels(read, text, *specs) == [Channel("Twitter", "social"), None]
