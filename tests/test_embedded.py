"""Reported speech the span finders miss, found after them from tags alone (no parse).

Each test hands :func:`add_embedded` a tagged passage and no attributions — as if the finder
had missed the sentence — and checks what the step adds.
"""

from __future__ import annotations

import pytest

from quotegraph.pipeline.attribution import Attribution
from quotegraph.pipeline.embedded import add_embedded

pytestmark = pytest.mark.slow


def found(doc) -> list[tuple[str, str, str]]:
    atts: list[Attribution] = []
    add_embedded(doc, atts)
    text = doc.text
    return [
        (" ".join(text[s:e] for s, e in a.source), " ".join(text[s:e] for s, e in a.cue), " ".join(text[s:e] for s, e in a.content))
        for a in atts
    ]


def test_a_pledge_to_act_past_a_relative_clause(tag):
    doc = tag("Israel, which controls tax receipts, has pledged to punish the Palestinian Authority by freezing its revenue.")
    assert found(doc) == [("Israel", "pledged", "to punish the Palestinian Authority by freezing its revenue")]


def test_a_that_clause_a_few_words_after_the_verb(tag):
    doc = tag("Georges Claude acknowledged at the time that neon did not produce the ideal colour for a bulb.")
    assert found(doc) == [("Georges Claude", "acknowledged", "neon did not produce the ideal colour for a bulb")]


def test_a_bare_clause_inside_brackets(tag):
    doc = tag("Remain Co. will sit there. (Alibaba says it has no plans to buy the shares, but few believe this.)")
    assert found(doc) == [("Alibaba", "says", "it has no plans to buy the shares, but few believe this")]


def test_an_object_is_not_a_clause(tag):
    assert found(tag("The senator told the story of his first campaign in Iowa to a full room.")) == []


def test_a_reporting_verb_deep_in_a_sentence_has_no_source_at_its_start(tag):
    # the subject of "said" does not open the sentence: no guess at who spoke
    assert found(tag("After the vote in the city council chamber the mayor's aide said the plan was dead.")) == []


def test_a_case_made_for_something_is_an_argument_reported(tag):
    doc = tag("Nonetheless, de Miranda makes a convincing case for neon as a symbol of the grand modern ambitions.")
    assert found(doc) == [("de Miranda", "makes a convincing case for", "neon as a symbol of the grand modern ambitions")]


def test_a_case_made_that_takes_its_clause(tag):
    doc = tag("The governor has made the case that the state cannot afford another tax cut this year.")
    assert found(doc) == [("The governor", "made the case that", "the state cannot afford another tax cut this year")]


def test_a_case_with_nothing_argued_is_no_attribution(tag):
    assert found(tag("In the end the senator from Ohio made the case.")) == []
    assert found(tag("The police opened a case for fraud against the company.")) == []


def test_a_ruling_is_reported_with_its_that_clause(tag):
    doc = tag("So there will be a vote. The courts have held that the definition of assets includes a change of business.")
    assert found(doc) == [("The courts", "held", "the definition of assets includes a change of business")]
    assert found(tag("The judge ruled that the state must count the ballots by Friday.")) == [
        ("The judge", "ruled", "the state must count the ballots by Friday")
    ]


def test_holding_a_rally_is_no_ruling(tag):
    assert found(tag("The campaign held a rally in Ohio on Monday night with its supporters.")) == []


def test_a_quotation_right_after_a_sentence_in_which_someone_speaks_is_theirs(tag):
    doc = tag(
        "Charles Schultze, chairman of the Council of Economic Advisers, once summed up the danger of deficits "
        "with a metaphor. “It’s not so much a question of the wolf at the door, but termites in the woodwork.”"
    )
    assert found(doc) == [(
        "Charles Schultze, chairman of the Council of Economic Advisers", "summed",
        "“It’s not so much a question of the wolf at the door, but termites in the woodwork.”",
    )]


def test_a_quotation_after_a_sentence_where_nobody_speaks_stays_unattributed(tag):
    assert found(tag("The Senate passed the bill on Friday. “This is a historic day for the country and for us.”")) == []
    # a new paragraph is a new start
    assert found(tag("Warren described the scene to reporters.\n“It was chaos, total chaos, from start to finish.”")) == []


def test_a_participle_after_a_dash_reports_for_the_subject_of_the_sentence(tag):
    doc = tag("The author draws a parallel between neon lights and a glass capsule—suggesting they are a kind of "
              "message in a bottle from a time before the war.")
    assert found(doc) == [("The author", "suggesting", "they are a kind of message in a bottle from a time before the war")]
    assert found(tag("The storm hit the coast on Monday, killing 12 people and destroying hundreds of homes.")) == []


def test_a_finders_sourceless_reading_of_the_participle_gives_way(tag):
    text = "The senator voted against the bill on Tuesday, saying it would raise taxes on the middle class."
    doc = tag(text)
    cut = Attribution(content=[(text.index("it would"), text.index(" on the middle"))],
                      cue=[(text.index("saying"), text.index("saying") + 6)])  # no source, a clause cut short
    atts = [cut]
    add_embedded(doc, atts)
    assert [(" ".join(text[s:e] for s, e in a.source), " ".join(text[s:e] for s, e in a.content)) for a in atts] == [
        ("The senator", "it would raise taxes on the middle class")
    ]
