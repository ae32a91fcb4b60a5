"""When a quote was said: explicit, relative and article dates, and what must not date it.

The article is dated Wednesday 2024-06-26 unless a test says otherwise.
"""

from __future__ import annotations


import pytest

from conftest import attribution
from quotegraph.pipeline import context, entities, dates
from quotegraph.pipeline.speakers import resolve_speakers

ARTICLE_DATE = "2024-06-26"



def dated(read, text: str, *specs: tuple, article_date: str | None = ARTICLE_DATE, parser: bool = True) -> list[tuple]:
    doc = read(text, parser)
    doc._.qg_article_date = article_date
    atts = [attribution(text, *spec) for spec in specs]
    table = entities.build(doc, atts)
    resolve_speakers(atts, table)
    context.place(doc, atts, table)
    return [(a.date, a.date_basis) for a in atts]


@pytest.mark.parametrize("parser", [True, False], ids=["parse", "no-parse"])
@pytest.mark.parametrize(
    ("text", "spec", "expected"),
    [
        ("In May 2023, Hale told Vogue that she was tired.", ("she was tired", "told", "Hale"), ("2023-05", "explicit")),
        ("Back in September 2022, Hale said the band was over.", ("the band was over", "said", "Hale"), ("2022-09", "explicit")),
        ("Hale said on Tuesday that she was tired.", ("she was tired", "said", "Hale"), ("2024-06-25", "explicit")),
        ("Hale said yesterday that she was tired.", ("she was tired", "said", "Hale"), ("2024-06-25", "explicit")),
        ("Hale told reporters last week that she was tired.", ("she was tired", "told", "Hale"), ("2024-06", "explicit")),
        ("Hale said on May 3 that she was tired.", ("she was tired", "said", "Hale"), ("2024-05-03", "explicit")),
        ("Hale said in October that she was tired.", ("she was tired", "said", "Hale"), ("2023-10", "explicit")),
        ("In a 2019 interview, Hale said she was tired.", ("she was tired", "said", "Hale"), ("2019", "explicit")),
        ("Hale said two years ago that she was tired.", ("she was tired", "said", "Hale"), ("2022", "explicit")),
    ],
)  # fmt: skip
def test_explicit_dates(read, text, spec, expected, parser):
    assert dated(read, text, spec, parser=parser) == [expected]


def test_relative_dates_resolve_from_the_date_before_them(read):
    text = (
        "Back in September 2022, Jayden told ET that he loved his father. "
        "Just days later, he said in a video that he regretted it. "
        "The following year, he told reporters that he was fine."
    )
    specs = [("he loved his father", "told", "Jayden"), ("he regretted it", "said", "he"), ("he was fine", "told", "he")]
    assert dated(read, text, *specs) == [("2022-09", "explicit"), ("2022-09", "relative"), ("2023", "relative")]


def test_at_the_time_is_the_time_named_before(read):
    text = "The video was filmed on March 3, 2021. At the time, Hale said she was happy."
    assert dated(read, text, ("she was happy", "said", "Hale")) == [("2021-03-03", "relative")]


def test_an_age_clause_with_at_the_time_does_not_outrank_an_explicit_date(read):
    text = "Back in September 2022, Jayden, who was 15 at the time, told ET that he loved his father."
    assert dated(read, text, ("he loved his father", "told", "Jayden")) == [("2022-09", "explicit")]


@pytest.mark.parametrize("parser", [True, False], ids=["parse", "no-parse"])
def test_nothing_else_means_the_article_date(read, parser):
    assert dated(read, "Hale said she was tired.", ("she was tired", "said", "Hale"), parser=parser) == [(ARTICLE_DATE, "article")]


def test_a_date_inside_the_content_is_not_when_it_was_said(read):
    text = "She said the 2019 tour was hard."
    assert dated(read, text, ("the 2019 tour was hard", "said", "She")) == [(ARTICLE_DATE, "article")]


def test_a_date_in_a_relative_clause_dates_something_else(read):
    text = "Hale, who joined the band in 2010, said the tour was hard."
    assert dated(read, text, ("the tour was hard", "said", "Hale")) == [(ARTICLE_DATE, "article")]


@pytest.mark.parametrize(
    "text",
    [
        "Hale had said that the tour was hard.",
        "In a previous interview, Hale said the tour was hard.",
        "Years ago, Hale said the tour was hard.",
    ],
)
def test_a_quote_placed_in_an_unknown_past_never_gets_the_article_date(read, text):
    assert dated(read, text, ("the tour was hard", "said", "Hale")) == [(None, None)]


def test_without_an_article_date_only_an_explicit_date_counts(read):
    assert dated(read, "Hale said she was tired.", ("she was tired", "said", "Hale"), article_date=None) == [(None, None)]
    assert dated(read, "Hale said on Tuesday she was tired.", ("she was tired", "said", "Hale"), article_date=None) == [(None, None)]
    assert dated(read, "In May 2023, Hale said she was tired.", ("she was tired", "said", "Hale"), article_date=None) == [
        ("2023-05", "explicit")
    ]


def test_a_continuation_keeps_its_statement_s_date(read):
    text = '"We are done," Hale told ET in May 2023. "It was time," she added.'
    specs = [("We are done,", "told", "Hale"), ("It was time,", "added", "she")]
    assert dated(read, text, *specs) == [("2023-05", "explicit"), ("2023-05", "explicit")]


def test_a_change_of_speaker_starts_from_the_article_date(read):
    text = '"We are done," Hale told ET in May 2023. "Nobody told me," Lopez said.'
    specs = [("We are done,", "told", "Hale"), ("Nobody told me,", "said", "Lopez")]
    assert dated(read, text, *specs) == [("2023-05", "explicit"), (ARTICLE_DATE, "article")]


@pytest.mark.parametrize(
    ("expression", "value"),
    [
        ("on Wednesday", "2024-06-26"),
        ("last Wednesday", "2024-06-19"),
        ("on Sunday", "2024-06-23"),
        ("earlier this month", "2024-06"),
        ("last month", "2024-05"),
        ("last year", "2023"),
        ("three days ago", "2024-06-23"),
        ("on 4 July 2021", "2021-07-04"),
        ("on Jan. 5", "2024-01-05"),
        ("in December", "2023-12"),
    ],
)
def test_explicit_expressions_resolve_against_the_article_date(expression, value):
    found = dates.find_time_expressions(expression, 0, len(expression), ARTICLE_DATE)
    assert [(t.kind, t.value) for t in found] == [("explicit", value)]


@pytest.mark.parametrize(
    ("expression", "base", "value"),
    [
        ("the next day", "2024-02-28", "2024-02-29"),
        ("two weeks later", "2024-06-01", "2024-06-15"),
        ("the following year", "2022-09", "2023"),
        ("the previous month", "2022-01", "2021-12"),
        ("at the time", "2021-03-03", "2021-03-03"),
        ("days later", "2022-09-29", "2022-10"),
    ],
)
def test_relative_expressions_count_from_their_base(expression, base, value):
    (found,) = dates.find_time_expressions(expression, 0, len(expression), None)
    assert found.kind == "relative"
    assert dates.resolve_relative(found, base) == value


@pytest.mark.parametrize(
    ("value", "parts"),
    [("2024-06-26", (2024, 6, 26)), ("2024-06", (2024, 6, None)), ("2024", (2024, None, None)),
     ("2024-02-30", (2024, 2, None)), ("2024-13-01", (2024, None, None)), ("June 2024", None), (None, None)],
)  # fmt: skip
def test_article_dates_are_read_at_the_precision_they_hold(value, parts):
    assert dates.parse_date(value) == parts


def test_an_undated_quote_through_the_same_outlet_keeps_the_report_s_date(read):
    text = "Bloomberg first reported on Tuesday that jobs would go. According to the outlet, the firm had lost money."
    specs = [("jobs would go", "reported", "Bloomberg"), ("the firm had lost money", "According to")]
    assert dated(read, text, *specs) == [("2024-06-25", "explicit"), ("2024-06-25", "explicit")]


def test_an_undated_appearance_follows_the_speaker_s_dated_one_that_week(read):
    text = 'Ortega defended the plan on Tuesday, saying it worked. "We are not going back," Ortega said at a press conference.'
    specs = [("it worked", "saying", "Ortega"), ("We are not going back,", "said", "Ortega")]
    assert dated(read, text, *specs) == [("2024-06-25", "explicit"), ("2024-06-25", "explicit")]


def test_an_interview_with_another_outlet_is_another_occasion(read):
    text = "Besson announced on Sunday that she would close. In an interview with the Chronicle, Besson said she was sad."
    specs = [("she would close", "announced", "Besson"), ("she was sad", "said", "Besson")]
    assert dated(read, text, *specs) == [("2024-06-23", "explicit"), (ARTICLE_DATE, "article")]


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("According to TMZ, a hearing has been set for August 14.", ("a hearing has been set", "According to", "TMZ")),
        ("Hale said the album is scheduled for March 3.", ("the album is scheduled", "said", "Hale")),
        ("Hale told reporters the tour starts next Friday.", ("the tour starts", "told", "Hale")),
    ],
)
def test_a_date_something_is_scheduled_for_is_not_when_it_was_said(read, text, spec):
    """A date after "set for", "scheduled for", "next" is the event's, not the saying's: the article date stands."""
    assert dated(read, text, spec) == [(ARTICLE_DATE, "article")]


@pytest.mark.parametrize("name", ["Entertainment Tonight", "USA Today", "NBC's Today"])
def test_a_show_named_tonight_or_today_is_no_time(read, name):
    text = f"“We will appeal,” Kaplan told {name} on Tuesday."
    assert dated(read, text, ("We will appeal,", "told", "Kaplan")) == [("2024-06-25", "explicit")]


def test_a_time_opening_the_sentence_dates_a_quote_past_another_clause(read):
    text = "In 2009, when Congress passed a stimulus backed by the White House, Warner called it a responsible mix."
    specs = [("a stimulus", "passed", "Congress"), ("a responsible mix", "called", "Warner")]
    assert dated(read, text, *specs)[-1] == ("2009", "explicit")


def test_that_was_when_counts_from_a_date_in_reported_speech(read):
    text = (
        "I still remember using the phone for the first time in 2010. "
        "That was when Apple shipped its display and Steve Jobs said that you cannot go back."
    )
    specs = [("using the phone for the first time in 2010", "remember", "I"), ("you cannot go back", "said", "Steve Jobs")]
    assert dated(read, text, *specs)[-1] == ("2010", "relative")
