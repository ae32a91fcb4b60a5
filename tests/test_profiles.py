"""Speaker details: roles, relations and age from the article, and role-only sources.

The speaker stage runs before the context stage; here the resolved Speaker is given
by hand (as that stage would set it), so these tests check profiles alone.
"""

from __future__ import annotations

import re

import pytest

from quotegraph.model import Speaker, SpeakerRelation
from quotegraph.pipeline import context, profiles
from quotegraph.pipeline.attribution import Attribution


def att(text: str, content: str, cue: str, source: str, speaker: str | None) -> Attribution:
    c = text.index(content)
    q = min((m.start() for m in re.finditer(rf"\b{re.escape(cue)}\b", text)), key=lambda i: abs(i - c))
    s = min((m.start() for m in re.finditer(re.escape(source), text)), key=lambda i: abs(i - q))
    return Attribution(content=[(c, c + len(content))], cue=[(q, q + len(cue))], source=[(s, s + len(source))],
                       speaker=Speaker(speaker) if speaker else None)  # fmt: skip


def speakers(nlp, text: str, *specs: tuple, parser: bool = True) -> list[Speaker | None]:
    off = ["quotegraph"] + ([] if parser else ["parser"])
    with nlp.select_pipes(disable=[p for p in off if p in nlp.pipe_names]):
        doc = nlp(text)
    atts = [att(text, *spec) for spec in specs]
    context.place(doc, atts)
    return [a.speaker for a in atts]


@pytest.mark.parametrize("parser", [True, False], ids=["parse", "no-parse"])
def test_appositive_gives_role_and_relation_with_the_fullest_name(nlp, parser):
    text = (
        "Kevin Federline is asking for more support. "
        '"The request is fair," Mark Vincent Kaplan, Federline\'s attorney, told the publication.'
    )
    (speaker,) = speakers(nlp, text, ("The request is fair,", "told", "Mark Vincent Kaplan", "Mark Vincent Kaplan"), parser=parser)
    assert speaker == Speaker(
        "Mark Vincent Kaplan", roles=("attorney",), relations=(SpeakerRelation("attorney_of", "Kevin Federline"),)
    )


def test_prenominal_titles_give_roles(nlp):
    text = "Singer Britney Spears said she was free. Federline's lawyer Mark Kaplan said the deal was fair."
    got = speakers(
        nlp, text,
        ("she was free", "said", "Singer Britney Spears", "Britney Spears"),
        ("the deal was fair", "said", "Mark Kaplan", "Mark Kaplan"),
    )  # fmt: skip
    assert got == [
        Speaker("Britney Spears", roles=("singer",)),
        Speaker("Mark Kaplan", roles=("lawyer",), relations=(SpeakerRelation("lawyer_of", "Federline"),)),
    ]


def test_an_x_for_y_phrase_gives_a_relation(nlp):
    text = "Dana Cole, a spokesperson for Netflix, said the show would return."
    (speaker,) = speakers(nlp, text, ("the show would return", "said", "Dana Cole", "Dana Cole"))
    assert speaker == Speaker("Dana Cole", roles=("spokesperson",), relations=(SpeakerRelation("spokesperson_of", "Netflix"),))


@pytest.mark.parametrize(
    ("text", "spec", "age"),
    [
        ("Jayden, who was 15 at the time, told ET that he missed his father.", ("he missed his father", "told", "Jayden", "Jayden"), 15),
        ("Ann Ruiz, 62, said the water was rising.", ("the water was rising", "said", "Ann Ruiz", "Ann Ruiz"), 62),
        ("The 30-year-old Tom Ide said he would stay.", ("he would stay", "said", "Tom Ide", "Tom Ide"), 30),
    ],
)  # fmt: skip
def test_age_as_the_article_gives_it(nlp, text, spec, age):
    (speaker,) = speakers(nlp, text, spec)
    assert speaker is not None and speaker.age == age


@pytest.mark.parametrize("parser", [True, False], ids=["parse", "no-parse"])
def test_a_role_only_source_resolves_to_the_holder_named_later(nlp, parser):
    text = (
        "Kevin Federline's attorney states that the payments must continue. "
        "Mark Vincent Kaplan, Federline's attorney, told the publication the case was simple."
    )
    (speaker,) = speakers(nlp, text, ("the payments must continue", "states", "Kevin Federline's attorney", None), parser=parser)
    assert speaker == Speaker(
        "Mark Vincent Kaplan", roles=("attorney",), relations=(SpeakerRelation("attorney_of", "Kevin Federline"),)
    )


def test_a_role_only_source_resolves_to_the_holder_named_before_under_another_word(nlp):
    text = (
        "Federline's attorney Mark Kaplan filed the motion on Monday. "
        "Kevin Federline's lawyer said the payments must continue."
    )
    (speaker,) = speakers(nlp, text, ("the payments must continue", "said", "Kevin Federline's lawyer", None))
    assert speaker is not None and speaker.name == "Mark Kaplan"


def test_a_role_only_source_stays_unresolved_when_nobody_holds_the_role(nlp):
    text = "Kevin Federline's attorney states that the payments must continue. Federline did not comment."
    assert speakers(nlp, text, ("the payments must continue", "states", "Kevin Federline's attorney", None)) == [None]


def test_a_role_only_source_resolved_to_its_owner_is_corrected(nlp):
    """A speaker stage may take "Kevin Federline" for the speaker of "Kevin Federline's attorney"."""
    text = "Kevin Federline's attorney states that the payments must continue. Federline did not comment."
    spec = ("the payments must continue", "states", "Kevin Federline's attorney", "Kevin Federline")
    assert speakers(nlp, text, spec) == [None]


def test_the_holder_must_hold_the_role_for_the_right_person(nlp):
    text = (
        "Ana Ruiz, Britney Spears's attorney, declined to comment. "
        "Kevin Federline's attorney states that the payments must continue."
    )
    assert speakers(nlp, text, ("the payments must continue", "states", "Kevin Federline's attorney", None)) == [None]


def test_is_role_only():
    assert profiles.is_role_only("Kevin Federline's attorney")
    assert profiles.is_role_only("a spokesperson for Netflix")
    assert profiles.is_role_only("his lawyer")
    assert not profiles.is_role_only("Mark Vincent Kaplan")
