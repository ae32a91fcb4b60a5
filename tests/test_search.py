"""Searching stored quotes: full text (safe for any user input), filters, order, pages."""

from __future__ import annotations

import pytest

from qg_articles import article, said
from quotegraph.errors import StoreError
from quotegraph.store import Store
from quotegraph.store.search import fts_query


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
