"""The speaker index: one speaker per person across articles, merged conservatively."""

from __future__ import annotations

import pytest

from qg_articles import article, said
from quotegraph.corpus.speakers import is_alias, is_full_name, normalize_name, speaker_key
from quotegraph.store import Store


def test_names_compare_without_case_accents_punctuation_or_honorifics():
    assert normalize_name("Mr. José  Álvarez") == "jose alvarez"
    assert normalize_name("Dr Jane O’Brien-Smith") == "jane o'brien-smith"
    assert speaker_key("BRITNEY SPEARS") == speaker_key("Britney Spears") == "person:britney spears"
    assert speaker_key("Spears", "organization") != speaker_key("Spears", "person")
    assert speaker_key("...") is None


def test_full_names_need_two_name_words_for_people():
    assert is_full_name("Britney Spears")
    assert not is_full_name("Spears")
    assert not is_full_name("Mr. Spears")  # an honorific is not a first name
    assert is_full_name("Reuters", "organization")


def test_pronouns_are_not_aliases():
    assert not is_alias("she") and not is_alias("He")
    assert is_alias("the pop icon") and is_alias("Spears")


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "qg.db") as s:
        s.ingest_articles(
            [
                article('"I am fine," Britney Spears said. "Really fine," Spears added.',
                        [said("I am fine", by="Britney Spears", roles=("singer",)),
                         said("Really fine", by="Spears", speaker="Britney Spears")],
                        id="a1", date="2024-05-02", outlet="AP"),
                article('"Leave me alone," the pop icon wrote. "Please," she added.',
                        [said("Leave me alone", by="the pop icon", speaker="Britney Spears", roles=("singer",)),
                         said("Please", by="she", speaker="Britney Spears")],
                        id="a2", date="2024-06-10", outlet="TMZ"),
                # Nothing in this article says which Spears: a bare surname stays its own speaker.
                article('"No comment," Spears said.', [said("No comment", by="Spears")],
                        id="a3", date="2024-06-11", outlet="TMZ"),
                # Another full name with the same surname never merges.
                article('"She is doing well," Jamie Spears said.',
                        [said("She is doing well", by="Jamie Spears")], id="a4", date="2024-06-12", outlet="AP"),
                # An organisation with a person's name is not that person.
                article('"We deny it," Spears Holdings said.',
                        [said("We deny it", by="Spears Holdings", kind="organization")], id="a5", outlet="AP"),
            ]
        )
        yield s


def _by_name(store, name):
    rows, _ = store.list_speakers(limit=100)
    return next(r for r in rows if r["name"] == name)


def test_one_person_across_articles_collects_aliases_resolved_in_each(store):
    britney = store.get_speaker(_by_name(store, "Britney Spears")["id"])
    assert britney["n_quotes"] == 4
    assert {a["alias"]: a["n"] for a in britney["aliases"]} == {"Britney Spears": 4, "Spears": 1, "the pop icon": 1}
    assert britney["roles"] == [{"role": "singer", "n": 2}]
    assert britney["outlets"] == [{"outlet": "AP", "n": 2}, {"outlet": "TMZ", "n": 2}]
    assert britney["months"] == [{"month": "2024-05", "n": 2}, {"month": "2024-06", "n": 2}]
    assert britney["months_by_outlet"] == [{"month": "2024-05", "outlet": "AP", "n": 2},
                                           {"month": "2024-06", "outlet": "TMZ", "n": 2}]
    assert britney["first_quote"]["content"]["text"] in ("I am fine", "Really fine")
    assert britney["last_quote"]["content"]["text"] in ("Leave me alone", "Please")


def test_bare_names_other_full_names_and_organisations_stay_apart(store):
    rows, total = store.list_speakers(limit=100)
    assert total == 4
    assert sorted((r["name"], r["kind"], r["full_name"], r["n_quotes"]) for r in rows) == [
        ("Britney Spears", "person", True, 4),
        ("Jamie Spears", "person", True, 1),
        ("Spears", "person", False, 1),
        ("Spears Holdings", "organization", True, 1),
    ]


def test_a_name_finds_speakers_by_alias_then_by_substring(store):
    britney = _by_name(store, "Britney Spears")["id"]
    bare = _by_name(store, "Spears")["id"]
    # "Spears" is Britney's alias (resolved in a1) and the bare-name speaker: both are meant.
    assert sorted(store.find_speakers("spears")) == sorted([britney, bare])
    assert store.find_speakers("the pop icon") == [britney]
    assert store.find_speakers("jamie") == [_by_name(store, "Jamie Spears")["id"]]
    assert store.find_speakers("nobody at all") == []
    rows, total = store.list_speakers("pop icon")
    assert total == 1 and rows[0]["name"] == "Britney Spears"


# -- entities, not strings: groups, unnamed sources, shared surnames, headline noise ----------


def _speakers(store):
    rows, _ = store.list_speakers(limit=100)
    return {(r["name"], r["kind"]): store.get_speaker(r["id"]) for r in rows}


def test_a_group_is_its_own_kind_and_never_a_person(tmp_path):
    with Store(tmp_path / "qg.db") as store:
        store.ingest_articles([
            article('"Talks failed," American officials said.',
                    [said("Talks failed", by="American officials", kind="group")], id="g1"),
            article('"Talks resume," American officials told reporters.',
                    [said("Talks resume", by="American officials", kind="group")], id="g2"),
            article('"Not me," said Officials Jones.', [said("Not me", by="Officials Jones")], id="g3"),
        ])
        speakers = _speakers(store)
    assert set(speakers) == {("American officials", "group"), ("Officials Jones", "person")}
    assert speakers[("American officials", "group")]["n_quotes"] == 2  # one description, two articles


def test_unnamed_sources_are_never_one_individual_across_articles(tmp_path):
    with Store(tmp_path / "qg.db") as store:
        store.ingest_articles([
            article('"No deal," a spokesperson said.', [said("No deal", by="a spokesperson", kind="unnamed")], id="u1"),
            article('"No deal yet," a spokesperson said.', [said("No deal yet", by="a spokesperson", kind="unnamed")], id="u2"),
            article('"Pay will rise," a spokesperson for the Universities and Colleges Employers\' Association said.',
                    [said("Pay will rise", by="a spokesperson", kind="unnamed",
                          organization="Universities and Colleges Employers' Association")], id="u3"),
            article('"Pay will not fall," a UCEA source said.',
                    [said("Pay will not fall", by="a UCEA source", kind="unnamed",
                          organization="Universities and Colleges Employers' Association")], id="u4"),
        ])
        rows, total = store.list_speakers(limit=100)
        by_org = store.get_speaker(next(r["id"] for r in rows if r["name"].startswith("unnamed sources for")))
    # Two articles' "a spokesperson" with no organisation: two entries, one per article.
    assert sorted((r["name"], r["kind"], r["n_quotes"]) for r in rows) == [
        ("a spokesperson", "unnamed", 1),
        ("a spokesperson", "unnamed", 1),
        ("unnamed sources for Universities and Colleges Employers' Association", "unnamed", 2),
    ]
    assert total == 3
    assert {a["alias"] for a in by_org["aliases"]} == {"a spokesperson", "a UCEA source"}


def test_a_bare_surname_shared_by_two_people_stays_apart_from_both(tmp_path):
    with Store(tmp_path / "qg.db") as store:
        store.ingest_articles([
            article('"Vote," Barack Obama said. "Vote now," Obama added.',
                    [said("Vote", by="Barack Obama"), said("Vote now", by="Obama", speaker="Barack Obama")], id="o1"),
            article('"Go high," Michelle Obama said. "Always," Obama added.',
                    [said("Go high", by="Michelle Obama"), said("Always", by="Obama", speaker="Michelle Obama")], id="o2"),
            article('"Insult," Obama said.', [said("Insult", by="Obama")], id="o3"),
        ])
        speakers = _speakers(store)
        barack, michelle, bare = (speakers[(n, "person")] for n in ("Barack Obama", "Michelle Obama", "Obama"))
        assert (barack["n_quotes"], michelle["n_quotes"], bare["n_quotes"]) == (2, 2, 1)
        assert bare["full_name"] is False
        # "Obama" is an alias of each of them only where an article said so; a search for it finds all three.
        assert {a["alias"] for a in barack["aliases"]} == {"Barack Obama", "Obama"}
        assert sorted(store.find_speakers("Obama")) == sorted([barack["id"], michelle["id"], bare["id"]])


def test_headline_noise_after_a_name_never_makes_a_person(tmp_path):
    with Store(tmp_path / "qg.db") as store:
        store.ingest_articles([
            article("Obama Says Vote\n\nHe said: \"Vote.\"", [said("Vote.", by="Obama Says")], id="h1"),
            article("Obama Speech Draws Crowd\n\n\"Thank you,\" he said.", [said("Thank you", by="Obama Speech")], id="h2"),
            article('"Hello," Barack Obama said.', [said("Hello", by="Barack Obama")], id="h3"),
        ])
        speakers = _speakers(store)
    # Both headline fragments are the bare name "Obama": its own entry, not merged with the full name.
    assert {name: s["n_quotes"] for (name, _), s in speakers.items()} == {"Obama": 2, "Barack Obama": 1}


def test_an_alias_drops_trailing_punctuation_of_the_mention(tmp_path):
    with Store(tmp_path / "qg.db") as store:
        store.ingest_articles([article('Kaplan, "we will appeal," he said.',
                                       [said("we will appeal", by="Kaplan,", speaker="Mark Kaplan")], id="p1")])
        kaplan = _speakers(store)[("Mark Kaplan", "person")]
    assert {a["alias"] for a in kaplan["aliases"]} == {"Mark Kaplan", "Kaplan"}
