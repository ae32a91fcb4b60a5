"""Speaker details: roles, relations and age from the article, and role-only sources.

Spans are given by hand (as any finder would give them); the entity and speaker
stages then resolve each source and describe its speaker.  ``parser=True`` runs on a
parsed doc, ``parser=False`` on the default pipeline's (no dependency parse).
"""

from __future__ import annotations


import pytest

from conftest import attribution
from quotegraph.model import Speaker, SpeakerRelation
from quotegraph.pipeline import entities
from quotegraph.pipeline.speakers import resolve_speakers



@pytest.fixture(scope="module")
def parsers(nlp):
    import quotegraph

    with_parser = quotegraph.load(finder="rules")

    def parse(text: str, parser: bool):
        model = with_parser if parser else nlp
        with model.select_pipes(disable=["quotegraph"]):
            doc = model(text)
        assert doc.has_annotation("DEP") == parser
        return doc

    return parse


def speakers(parsers, text: str, *specs: tuple, parser: bool = True) -> list[Speaker | None]:
    doc = parsers(text, parser)
    atts = [attribution(text, *spec) for spec in specs]
    resolve_speakers(atts, entities.build(doc, atts))
    return [a.speaker for a in atts]


def profile(speaker: Speaker | None) -> tuple | None:
    """What these tests compare: name, roles, relations, age."""
    return None if speaker is None else (speaker.name, speaker.roles, speaker.relations, speaker.age)


@pytest.mark.parametrize("parser", [True, False], ids=["parse", "no-parse"])
def test_appositive_gives_role_and_relation_with_the_fullest_name(parsers, parser):
    text = (
        "Kevin Federline is asking for more support. "
        '"The request is fair," Mark Vincent Kaplan, Federline\'s attorney, told the publication.'
    )
    (speaker,) = speakers(parsers, text, ("The request is fair,", "told", "Mark Vincent Kaplan"), parser=parser)
    assert profile(speaker) == (
        "Mark Vincent Kaplan", ("attorney",), (SpeakerRelation("attorney_of", "Kevin Federline"),), None
    )


def test_prenominal_titles_give_roles(parsers):
    text = "Singer Britney Spears said she was free. Federline's lawyer Mark Kaplan said the deal was fair."
    got = speakers(
        parsers, text,
        ("she was free", "said", "Singer Britney Spears"),
        ("the deal was fair", "said", "Mark Kaplan"),
    )  # fmt: skip
    assert [profile(s) for s in got] == [
        ("Britney Spears", ("singer",), (), None),
        ("Mark Kaplan", ("lawyer",), (SpeakerRelation("lawyer_of", "Federline"),), None),
    ]


def test_an_x_for_y_phrase_gives_a_relation_and_the_organisation(parsers):
    text = "Dana Cole, a spokesperson for Netflix, said the show would return."
    (speaker,) = speakers(parsers, text, ("the show would return", "said", "Dana Cole"))
    assert profile(speaker) == ("Dana Cole", ("spokesperson",), (SpeakerRelation("spokesperson_of", "Netflix"),), None)
    assert speaker.organization == "Netflix"


@pytest.mark.parametrize(
    ("text", "spec", "age"),
    [
        ("Jayden, who was 15 at the time, told ET that he missed his father.", ("he missed his father", "told", "Jayden"), 15),
        ("Ann Ruiz, 62, said the water was rising.", ("the water was rising", "said", "Ann Ruiz"), 62),
        ("The 30-year-old Tom Ide said he would stay.", ("he would stay", "said", "Tom Ide"), 30),
    ],
)  # fmt: skip
def test_age_and_relative_clauses_as_the_article_gives_them(parsers, text, spec, age):
    (speaker,) = speakers(parsers, text, spec, parser=False)
    assert speaker is not None and speaker.name == spec[2] and speaker.age == age


@pytest.mark.parametrize("parser", [True, False], ids=["parse", "no-parse"])
def test_a_role_only_source_resolves_to_the_holder_named_later(parsers, parser):
    text = (
        "Kevin Federline's attorney states that the payments must continue. "
        "Mark Vincent Kaplan, Federline's attorney, told the publication the case was simple."
    )
    (speaker,) = speakers(parsers, text, ("the payments must continue", "states", "Kevin Federline's attorney"), parser=parser)
    assert profile(speaker) == (
        "Mark Vincent Kaplan", ("attorney",), (SpeakerRelation("attorney_of", "Kevin Federline"),), None
    )


def test_a_role_only_source_resolves_to_the_holder_named_before_under_another_word(parsers):
    text = (
        "Federline's attorney Mark Kaplan filed the motion on Monday. "
        "Kevin Federline's lawyer said the payments must continue."
    )
    (speaker,) = speakers(parsers, text, ("the payments must continue", "said", "Kevin Federline's lawyer"))
    assert speaker is not None and speaker.name == "Mark Kaplan"


@pytest.mark.parametrize(
    "text",
    [
        "Kevin Federline's attorney states that the payments must continue. Federline did not comment.",
        # someone else's attorney does not answer for Federline's
        "Ana Ruiz, Britney Spears's attorney, declined to comment. "
        "Kevin Federline's attorney states that the payments must continue.",
    ],
)
def test_a_role_nobody_named_holds_stays_an_unnamed_source_never_its_owner(parsers, text):
    (speaker,) = speakers(parsers, text, ("the payments must continue", "states", "Kevin Federline's attorney"))
    assert speaker is not None
    assert (speaker.name, speaker.kind) == ("Kevin Federline's attorney", "unnamed")
    assert speaker.relations == (SpeakerRelation("attorney_of", "Kevin Federline"),)
