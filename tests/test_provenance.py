"""Quote provenance: the same words across articles form one cluster, first appearance first."""

from __future__ import annotations

import pytest

from qg_articles import article, said
from quotegraph.corpus import provenance as p
from quotegraph.corpus.normalize import normalize_quote, quote_words
from quotegraph.store import Store

QUOTE = "We are not going back to work until the port treats our members with respect"


def test_normalisation_ignores_quote_marks_case_whitespace_and_ellipses():
    variants = [
        f'"{QUOTE}."',
        f"“{QUOTE.upper()},”",
        "‘We are not going back to work… until the port treats our   members with respect’",
        "We are not going back to work . . . until the port\ntreats our members with respect",
        "We are not going back to work [...] until the port treats our members with respect!",
    ]
    assert {normalize_quote(v) for v in variants} == {normalize_quote(QUOTE)}
    assert quote_words("Don’t say “never”") == ["don't", "say", "never"]


def test_shingles_are_word_trigrams_and_short_quotes_one_shingle():
    assert p.shingles(["a", "b", "c", "d"]) == {"a b c", "b c d"}
    assert p.shingles(["no", "comment"]) == {"no comment"}
    assert p.shingles([]) == frozenset()


@pytest.mark.parametrize(
    ("other", "same"),
    [
        ("We are not going back to work until the port treats our workers with respect", True),  # altered
        ("We are not going back to work until the port treats our members", True),  # truncated
        ("We are not going back to work until the port treats our members with respect, and we mean it", True),
        ("The port has made a fair and final offer to the union members", False),  # unrelated
    ],
)
def test_near_duplicates_cover_altered_truncated_and_extended_variants(other, same):
    a, b = p.shingles(quote_words(QUOTE)), p.shingles(quote_words(other))
    assert p.near_duplicate(a, b) is same
    assert p.near_duplicate(b, a) is same


def test_a_short_common_phrase_is_not_a_variant_of_every_quote_containing_it():
    long = p.shingles(quote_words("I don't know what the council was thinking when it voted for this"))
    assert not p.near_duplicate(p.shingles(quote_words("I don't know")), long)


def test_lsh_makes_a_one_word_change_a_candidate_and_is_deterministic():
    a = p.lsh_keys(quote_words(QUOTE))
    b = p.lsh_keys(quote_words(QUOTE.replace("members", "workers")))
    assert len(a) == p.BANDS and a == p.lsh_keys(quote_words(QUOTE))
    assert set(a) & set(b)
    assert not set(a) & set(p.lsh_keys(quote_words("Something else entirely was said by another person today")))


def test_word_diff_names_the_changed_words():
    diff = p.word_diff(quote_words(QUOTE), quote_words(QUOTE.replace("our members", "the workers")))
    assert (diff.removed, diff.added, diff.differs) == (("our", "members"), ("the", "workers"), True)
    assert not p.word_diff(["a", "b"], ["a", "b"]).differs


def wire_set():
    """A wire story reported four times (one misquote, one truncation) and an unrelated quote."""
    return [
        article(f'"{QUOTE}," union president Denise Farrow said.', [said(QUOTE, by="Denise Farrow")],
                id="ap", date="2024-07-01", outlet="AP"),
        article(f'Farrow said: “{QUOTE}.”', [said(QUOTE, by="Farrow", speaker="Denise Farrow")],
                id="reuters", date="2024-07-01", outlet="Reuters"),
        article(f'"{QUOTE.replace("members", "workers")}," Farrow said.',
                [said(QUOTE.replace("members", "workers"), by="Farrow", speaker="Denise Farrow")],
                id="gazette", date="2024-07-03", outlet="Gazette"),
        article('"We are not going back to work until the port treats our members," she said.',
                [said("We are not going back to work until the port treats our members", by="she")],
                id="blog", date="2024-07-02", outlet="Blog"),
        article('"The offer is fair and final," Gregory Lam said.', [said("The offer is fair and final", by="Gregory Lam")],
                id="port", date="2024-07-01", outlet="AP"),
    ]


def _clusters(store):
    rows = store.connection.execute("SELECT id, cluster_id FROM quotes").fetchall()
    groups: dict[int, set[str]] = {}
    for quote, cluster in rows:
        groups.setdefault(cluster, set()).add(quote)
    return sorted(sorted(g) for g in groups.values())


def test_a_wire_story_becomes_one_cluster_with_its_misquote_flagged(tmp_path):
    with Store(tmp_path / "qg.db") as store:
        arts = wire_set()
        store.ingest_articles(arts)
        assert sorted(len(g) for g in _clusters(store)) == [1, 4]
        gazette = store.get_quote(arts[2].quotes[0].id)
        prov = gazette["provenance"]
        assert (prov["size"], prov["outlets"]) == (4, 4)
        order = [(a["article"]["id"], a["first"], a["differs"], a["removed"], a["added"]) for a in prov["appearances"]]
        assert order == [
            ("ap", True, False, [], []),  # 2024-07-01, ingested first
            ("reuters", False, False, [], []),  # same words, other marks: not a misquote
            ("blog", False, True, ["with", "respect"], []),  # truncated
            ("gazette", False, True, ["members"], ["workers"]),  # the misquote
        ]
        assert store.get_quote(arts[4].quotes[0].id)["provenance"]["size"] == 1
        assert gazette["context"]["text"] == arts[2].text


def test_first_appearance_is_by_article_date_even_when_ingested_late(tmp_path):
    early = article(f'"{QUOTE}," Farrow told a rally.', [said(QUOTE, by="Farrow")],
                    id="early", date="2024-06-30", outlet="Local Radio")
    with Store(tmp_path / "qg.db") as store:
        store.ingest_articles([*wire_set(), early])
        prov = store.get_quote(early.quotes[0].id)["provenance"]
        assert prov["appearances"][0]["article"]["id"] == "early"
        assert [a["first"] for a in prov["appearances"]] == [True, False, False, False, False]


def test_clusters_do_not_depend_on_ingest_order(tmp_path):
    arts = wire_set()
    with Store(tmp_path / "a.db") as a, Store(tmp_path / "b.db") as b:
        a.ingest_articles(arts)
        b.ingest_articles(list(reversed(arts)))
        assert _clusters(a) == _clusters(b)
        first_a = a.get_quote(arts[0].quotes[0].id)["provenance"]["appearances"]
        first_b = b.get_quote(arts[0].quotes[0].id)["provenance"]["appearances"]
        assert [x["article"]["id"] for x in first_a][0] == "ap"
        # Same dates tie-break by ingest order: AP and Reuters swap, the rest is identical.
        assert [x["article"]["id"] for x in first_b] == ["reuters", "ap", "blog", "gazette"]


def test_a_quote_bridging_two_clusters_merges_them(tmp_path):
    left = "the budget will fund new buses for every district"
    right = "every district will also get more drivers and longer hours"
    bridge = f"{left} and {right}"
    assert not p.near_duplicate(p.shingles(left.split()), p.shingles(right.split()))
    with Store(tmp_path / "qg.db") as store:
        store.ingest_articles([
            article(f'"{left}," she said.', [said(left, by="she")], id="l", date="2024-01-01"),
            article(f'"{right}," she said.', [said(right, by="she")], id="r", date="2024-01-02"),
        ])
        assert len(_clusters(store)) == 2
        store.ingest_articles([article(f'"{bridge}," she said.', [said(bridge, by="she")], id="b", date="2024-01-03")])
        assert [len(g) for g in _clusters(store)] == [3]
        assert [tuple(r) for r in store.connection.execute("SELECT id, size FROM clusters")] == [(1, 3)]
