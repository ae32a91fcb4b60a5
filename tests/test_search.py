"""Searching stored quotes: full text (safe for any user input), filters, order, pages."""

from __future__ import annotations

import warnings

import pytest

from qg_articles import article, said
from quotegraph.errors import StoreError
from quotegraph.store import Store, queries
from quotegraph.store.search import fts_query, highlights, pieces
from quotegraph.web import create_app


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("search") / "qg.db"
    with Store(path) as s:
        s.ingest_articles(
            [
                article('"The budget protects every school," Mayor Lena Hovland said.',
                        [said("The budget protects every school", by="Mayor Lena Hovland", speaker="Lena Hovland")],
                        id="b1", date="2024-03-14", outlet="Capitol Wire"),
                article('Hovland said the budget would close three bus routes. "Buses matter," she added.',
                        [said("the budget would close three bus routes", by="Hovland", speaker="Lena Hovland",
                              type="indirect"),
                         said("Buses matter", by="she", speaker="Lena Hovland")],
                        id="b2", date="2024-04-02", outlet="Riverton Gazette"),
                article('"This budget is a disaster for riders," union leader Samuel Otieno told WRVR.',
                        [said("This budget is a disaster for riders", by="Samuel Otieno", channel="WRVR")],
                        id="b3", date="2024-04-30", outlet="capitol wire"),
                article('"Café owners déjà vu," the chef said.', [said("Café owners déjà vu", by="the chef")],
                        id="b4", outlet="Food Daily"),
            ]
        )
    with Store(path, readonly=True) as ro:
        yield ro


def ids(result):
    rows, total = result
    assert total >= len(rows)
    return [r["article"]["id"] for r in rows]


def test_words_are_anded_and_phrases_kept_together(store):
    assert sorted(ids(store.search_quotes("budget"))) == ["b1", "b2", "b3"]
    assert ids(store.search_quotes("budget riders")) == ["b3"]
    assert ids(store.search_quotes('"bus routes"')) == ["b2"]
    assert ids(store.search_quotes('"routes bus"')) == []


def test_speaker_names_and_mentions_are_searchable_and_accents_optional(store):
    assert ids(store.search_quotes("otieno")) == ["b3"]
    assert ids(store.search_quotes("cafe deja")) == ["b4"]


@pytest.mark.parametrize("query", ['AND', 'budget OR', '"unclosed', 'NEAR(budget', '*', 'budget -school', "col:x", "'; DROP TABLE quotes; --", "^budget"])
def test_any_user_text_is_safe(store, query):
    store.search_quotes(query)  # never an FTS5 syntax error
    assert fts_query(query) is None or all(part.startswith('"') for part in fts_query(query).split(" "))


def test_text_without_words_finds_nothing():
    assert fts_query("?!  ...") is None


def test_filters(store):
    assert sorted(ids(store.search_quotes(speaker="Hovland"))) == ["b1", "b2", "b2"]
    assert ids(store.search_quotes("budget", speaker="Lena Hovland", type="indirect")) == ["b2"]
    assert sorted(ids(store.search_quotes(outlet="CAPITOL WIRE"))) == ["b1", "b3"]
    assert ids(store.search_quotes(channel="wrvr")) == ["b3"]
    assert ids(store.search_quotes(speaker="nobody")) == []


def test_dates_are_inclusive_prefixes(store):
    assert sorted(ids(store.search_quotes(since="2024-04"))) == ["b2", "b2", "b3"]
    assert ids(store.search_quotes(until="2024-03")) == ["b1"]
    assert ids(store.search_quotes(since="2024-04-30", until="2024-04-30")) == ["b3"]


def test_order_and_pages(store):
    assert ids(store.search_quotes(sort="newest")) == ["b3", "b2", "b2", "b1", "b4"]  # undated last
    assert ids(store.search_quotes(sort="oldest"))[:2] == ["b1", "b2"]
    rows, total = store.search_quotes(sort="newest", limit=2, offset=2)
    assert total == 5 and [r["article"]["id"] for r in rows] == ["b2", "b1"]
    with pytest.raises(StoreError, match="unknown sort"):
        store.search_quotes(sort="random")


def test_rows_say_where_the_quote_was_found(store):
    row = store.search_quotes("disaster")[0][0]
    assert row["content"]["text"] == "This budget is a disaster for riders"
    assert row["article"] == {"id": "b3", "title": None, "date": "2024-04-30", "outlet": "Capitol Wire", "url": None}
    assert row["channel"] == {"name": "WRVR", "kind": "outlet"}
    assert row["cluster"]["size"] == 1


# -- common words: a text search counts and ranks at most SEARCH_CAP matches -------------


@pytest.fixture()
def cap_of(monkeypatch):
    """Shrink the cap so that a four-article store shows what a 1,000-match query does."""
    return lambda n: monkeypatch.setattr(queries, "SEARCH_CAP", n)


def test_under_the_cap_totals_are_exact(store):
    found = store.search_quotes("budget")
    assert (found.total, found.total_is_estimate) == (3, False)
    assert found.rows == found[0] and found.total == found[1]


def test_over_the_cap_the_total_is_a_floor_and_relevance_ranks_the_latest_stored(store, cap_of):
    cap_of(2)
    found = store.search_quotes("budget")  # b1, b2 and b3 match; b2 and b3 were stored last
    assert (found.total, found.total_is_estimate) == (2, True)
    assert [r["article"]["id"] for r in found.rows] == ["b2", "b3"]  # same bm25 words, b2 the shorter row
    assert store.search_quotes("budget", offset=2).rows == []  # pages stop at the cap


def test_exactly_the_cap_is_not_an_estimate(store, cap_of):
    cap_of(2)
    found = store.search_quotes("budget", speaker="Lena Hovland")
    assert (sorted(ids(found)), found.total_is_estimate) == (["b1", "b2"], False)


def test_over_the_cap_date_order_stays_exact(store, cap_of):
    cap_of(2)
    newest = store.search_quotes("budget", sort="newest")
    assert (ids(newest), newest.total, newest.total_is_estimate) == (["b3", "b2"], 2, True)
    assert ids(store.search_quotes("budget", sort="oldest")) == ["b1", "b2"]
    assert ids(store.search_quotes("budget", sort="oldest", offset=1)) == ["b2"]
    assert ids(store.search_quotes("budget", sort="newest", outlet="capitol wire")) == ["b3", "b1"]  # 2 matches: exact


def test_over_the_cap_undated_quotes_come_last(tmp_path, cap_of):
    with Store(tmp_path / "votes.db") as s:
        s.ingest_articles([
            article('"We will vote no," Ada Lind said.', [said("We will vote no", by="Ada Lind")], id="u1"),
            article('"The vote is close," Ben Ruiz said.', [said("The vote is close", by="Ben Ruiz")], id="d2",
                    date="2024-05-01"),
            article('"A vote next week," Cy Moss said.', [said("A vote next week", by="Cy Moss")], id="u3"),
            article('"Vote early," Dee Park said.', [said("Vote early", by="Dee Park")], id="d4", date="2024-02-01"),
        ])
        cap_of(3)
        assert ids(s.search_quotes("vote", sort="oldest")) == ["d4", "d2", "u1"]
        assert ids(s.search_quotes("vote", sort="oldest", offset=2, limit=5)) == ["u1"]
        assert ids(s.search_quotes("vote", sort="newest")) == ["d2", "d4", "u1"]
        found = s.search_quotes("vote")
        assert (sorted(ids(found)), found.total_is_estimate) == (["d2", "d4", "u3"], True)


def test_the_api_and_the_search_page_say_1000_plus(store, cap_of):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette prefers httpx2 to httpx
        from fastapi.testclient import TestClient
    cap_of(2)
    with TestClient(create_app(store.path)) as client:
        first = client.get("/api/quotes", params={"q": "budget", "limit": 1}).json()
        assert (first["total"], first["total_is_estimate"], len(first["items"])) == (2, True, 1)
        second = client.get(first["next"]).json()
        assert (second["offset"], second["next"]) == (1, None)
        assert client.get("/api/quotes", params={"q": "riders"}).json()["total_is_estimate"] is False
        page = client.get("/", params={"q": "budget"}).text
        assert "2+ quotes" in page


# -- statements first, acts, highlighted words -------------------------------------------------


@pytest.fixture(scope="module")
def ranked(tmp_path_factory):
    """Four quotes by Hovland: a statement, a thought, and two fragments whose short contents bm25 prefers."""
    path = tmp_path_factory.mktemp("ranked") / "qg.db"
    with Store(path) as s:
        s.ingest_articles([
            article("Hovland ran for Mayor.", [said("Mayor", by="Hovland", cue="ran for", type="indirect")],
                    id="r1", date="2024-01-01"),
            article("Hovland said the budget protects every school in the district.",
                    [said("the budget protects every school in the district", by="Hovland", cue="said",
                          type="indirect", act="speech")], id="r2", date="2024-01-02"),
            article("Hovland believes the city will grow.",
                    [said("the city will grow", by="Hovland", cue="believes", type="indirect", act="thought")],
                    id="r3", date="2024-01-03"),
            article("Hovland praised the experience.",
                    [said("the experience", by="Hovland", cue="praised", type="indirect", act="speech")],
                    id="r4", date="2024-01-04"),
        ])
    with Store(path, readonly=True) as ro:
        yield ro


def test_statements_come_first_and_fragments_last_but_still_there(ranked):
    rows = ranked.search_quotes("hovland").rows
    assert [r["article"]["id"] for r in rows[:2]] == ["r2", "r3"]  # a statement, then a thought
    assert sorted(r["article"]["id"] for r in rows[2:]) == ["r1", "r4"]
    assert [r["fragment"] for r in rows] == [False, False, True, True]
    assert [r["act"] for r in rows[:2]] == ["speech", "thought"]


def test_fragments_are_not_ranked_below_when_a_date_order_is_asked_for(ranked):
    assert ids(ranked.search_quotes("hovland", sort="newest")) == ["r4", "r3", "r2", "r1"]


def test_the_act_filter(ranked):
    assert ids(ranked.search_quotes("hovland", act="thought")) == ["r3"]
    assert ids(ranked.search_quotes("hovland", act=["speech", "writing"])) == ["r2", "r4"]
    assert ids(ranked.search_quotes(act="speech")) == ["r4", "r2"]  # a listing, newest first
    assert ids(ranked.search_quotes(act="finding")) == []
    with pytest.raises(StoreError, match="unknown act 'sang'"):
        ranked.search_quotes("hovland", act="sang")


def test_results_mark_the_words_that_match(store):
    row = store.search_quotes("BUDGET riders").rows[0]
    text = row["content"]["text"]
    assert [text[s:e] for s, e in row["highlights"]] == ["budget", "riders"]
    row = store.search_quotes('"bus routes"').rows[0]
    assert [row["content"]["text"][s:e] for s, e in row["highlights"]] == ["bus routes"]
    row = store.search_quotes("cafe").rows[0]
    assert [row["content"]["text"][s:e] for s, e in row["highlights"]] == ["Café"]
    row = store.search_quotes("otieno").rows[0]  # matched by its speaker: nothing in the words to mark
    assert row["highlights"] == []
    assert "highlights" not in store.search_quotes(sort="newest").rows[0]


def test_highlights_are_whole_words_and_phrases_in_order():
    text = "The budget, budgets and a Budget: bus routes; routes, bus."
    assert [text[s:e] for s, e in highlights(text, 'budget "bus routes"')] == ["budget", "Budget", "bus routes"]
    text = "bus, routes"  # as FTS5 reads a phrase: the words in a row, whatever punctuation is between
    assert [text[s:e] for s, e in highlights(text, '"bus routes"')] == ["bus, routes"]
    assert highlights(text, "") == [] and highlights(text, "?!") == []
    assert pieces("ab cd", [[3, 5]]) == [("ab ", False), ("cd", True)]


@pytest.mark.parametrize("text, q", [
    ("The budget, budgets and a Budget: bus routes; routes, bus.", 'budget "bus routes" bus'),
    ("bus_routes bus-routes BUS ROUTES", '"bus routes"'),
    ("don't stop, Don T", "don't"),
    ("Hovland said the budget protects every school", "hovland SCHOOL protect"),
])
def test_ascii_text_is_marked_by_one_regex_exactly_as_token_by_token(text, q, monkeypatch):
    from quotegraph.store import search

    fast = highlights(text, q)
    monkeypatch.setattr(search, "_ascii_pattern", lambda query: None)
    assert fast == highlights(text, q) and fast
    assert pieces("", []) == [("", False)]


# -- export: every matching quote, no cap, in the search's order --------------------------------


def test_an_export_holds_every_match_past_the_cap_in_search_order(store, cap_of):
    expected = ids(store.search_quotes("budget"))
    cap_of(1)
    assert len(store.search_quotes("budget").rows) == 1  # pages stop at the cap
    exported = list(store.export_quotes("budget", batch=2))
    assert [r["article"]["id"] for r in exported] == expected and len(expected) == 3
    assert exported[0].keys() == store.search_quotes("budget").rows[0].keys() - {"highlights"}


@pytest.mark.parametrize("sort", ["newest", "oldest"])
@pytest.mark.parametrize("q", [None, "budget"])
def test_an_export_reads_in_batches_in_the_order_of_the_pages(store, sort, q):
    listed = [r["id"] for r in store.search_quotes(q, sort=sort, limit=100).rows]
    for batch in (1, 2, 100):
        assert [r["id"] for r in store.export_quotes(q, sort=sort, batch=batch)] == listed


def test_an_export_keeps_the_filters(store, ranked):
    assert [r["article"]["id"] for r in store.export_quotes(speaker="Hovland", since="2024-04")] == ["b2", "b2"]
    assert [r["article"]["id"] for r in ranked.export_quotes("hovland")] == [
        r["article"]["id"] for r in ranked.search_quotes("hovland").rows]
    assert list(store.export_quotes(speaker="nobody")) == []
    assert list(store.export_quotes("?!")) == []
    with pytest.raises(StoreError, match="unknown sort"):
        store.export_quotes(sort="random")  # checked before the first row is asked for
