"""The store keeps every field of an extracted article and reads it back unchanged."""

from __future__ import annotations

import sqlite3

import pytest

from qg_articles import ENTITY_TEXT, article, entity_article, said
from quotegraph.errors import StoreError
from quotegraph.model import Quote, Speaker, SpeakerRelation, TextSpan, quote_id
from quotegraph.store import Store
from quotegraph.store.writer import IdTaken

TEXT = (
    '"We will appeal," Laura Wasser, the singer\'s attorney, told ET on Tuesday. '
    "She said the ruling ignored the evidence."
)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "qg.db") as s:
        yield s


def full_article():
    art = article(
        TEXT,
        [said("We will appeal", by="Laura Wasser", roles=("attorney",), cue="told", channel="ET", date="2024-06-25"),
         said("the ruling ignored the evidence", by="She", speaker="Laura Wasser", type="indirect", cue="said")],
        id="et-1", date="2024-06-26", outlet="ET Online", url="https://et.example/1", title="Appeal",
    )
    first = art.quotes[0]
    rich = Quote(**{**first.__dict__, "speaker": Speaker("Laura Wasser", "person", ("attorney",),
                                                         (SpeakerRelation("attorney_of", "Britney Spears"),), 52),
                    "confidence": 0.8125})
    return art.with_quotes([rich, art.quotes[1]])


def test_an_article_reads_back_with_every_quote_field(store):
    art = full_article()
    assert store.add_extracted(art) == 2
    stored = store.get_article("et-1")
    assert stored["text"] == TEXT
    assert (stored["title"], stored["date"], stored["outlet"], stored["url"]) == (
        "Appeal", "2024-06-26", "ET Online", "https://et.example/1")
    for row, quote in zip(stored["quotes"], art.quotes):
        extra = {"speaker_id", "article", "cluster", "fragment"}
        assert {k: v for k, v in row.items() if k not in extra} == quote.to_dict()
        assert Quote.from_dict(row) == quote
    assert stored["quotes"][0]["speaker"]["relations"] == [{"relation": "attorney_of", "of": "Britney Spears"}]


def test_the_same_text_is_stored_once(store):
    art = full_article()
    assert store.add_extracted(art) == 2
    assert store.add_extracted(art) is None
    counts = store.ingest_articles([art, art])
    assert (counts.new, counts.present, counts.quotes) == (0, 2, 0)
    assert store.stats()["articles"] == 1 and store.stats()["quotes"] == 2


def test_an_id_taken_by_another_text_fails_and_writes_nothing(store):
    store.add_extracted(article("First text.", id="same"))
    with pytest.raises(StoreError, match="unique ids"):
        store.add_extracted(article("Second text.", [said("Second text", by=None)], id="same"))
    assert store.stats() == {"articles": 1, "quotes": 0, "speakers": 0, "outlets": 0, "clusters": 0}


def test_outlet_falls_back_to_the_url_host(store):
    store.add_extracted(article("A story.", id="x", url="https://www.dailymarquee.example/a/b"))
    assert store.get_article("x")["outlet"] == "dailymarquee.example"


def test_unknown_ids_read_as_none(store):
    assert store.get_article("nope") is None
    assert store.get_quote("qnope") is None
    assert store.get_speaker(12345) is None


def test_a_readonly_store_refuses_writes_and_a_missing_file(tmp_path):
    Store(tmp_path / "qg.db").close()
    with Store(tmp_path / "qg.db", readonly=True) as ro:
        with pytest.raises(StoreError, match="read-only"):
            ro.add_extracted(article("Some text."))
    with pytest.raises(StoreError, match="quotegraph ingest"):
        Store(tmp_path / "missing.db", readonly=True)
    assert not (tmp_path / "missing.db").exists()


def test_a_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (x)")
    with pytest.raises(StoreError, match="not a quotegraph database"):
        Store(path)
    (tmp_path / "junk.db").write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError):
        Store(tmp_path / "junk.db")


def test_readers_see_committed_articles_while_a_writer_holds_the_file(tmp_path):
    path = tmp_path / "qg.db"
    with Store(path) as writer, Store(path, readonly=True) as reader:
        writer.add_extracted(full_article())
        writer.connection.execute("BEGIN IMMEDIATE")  # an ingest in the middle of an article
        writer.connection.execute("DELETE FROM speaker_roles")
        assert reader.stats()["articles"] == 1  # not blocked, and sees only committed data
        assert reader.get_speaker(1)["roles"] == [{"role": "attorney", "n": 1}]
        writer.connection.execute("ROLLBACK")
        assert writer.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_full_text_index_stays_in_sync(store):
    store.add_extracted(full_article())
    conn = store.connection
    conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")
    with conn:
        conn.execute("UPDATE quotes SET content = 'entirely new words' WHERE id = ?", (full_article().quotes[0].id,))
    conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('integrity-check')")
    assert store.search_quotes("appeal")[1] == 0
    assert store.search_quotes("entirely new")[1] == 1


def test_quote_ids_are_unique_within_an_article(store):
    art = article('"Yes," he said. "Yes," he said.', id="dup")
    content = TextSpan.from_offsets(art.text, [(1, 4)])
    q = Quote(id=quote_id("dup", content), content=content)
    assert store.add_extracted(art.with_quotes([q, q])) == 1


def test_a_quote_id_stored_for_another_article_refuses_only_that_article(store):
    first = full_article()
    store.add_extracted(first)
    copy = article("Another text entirely.", id="other")
    clash = Quote(id=first.quotes[0].id, content=TextSpan.from_offsets(copy.text, [(0, 7)]))
    with pytest.raises(IdTaken, match="unique"):
        store.add_extracted(copy.with_quotes([clash]))
    assert store.get_article("other") is None and store.stats()["quotes"] == 2


def test_a_runaway_query_is_interrupted(tmp_path):
    from quotegraph.store.db import connect, time_limit

    conn = connect(tmp_path / "x.db")
    forever = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
    with pytest.raises(StoreError, match="longer than 0.05s"):
        with time_limit(conn, 0.05):
            conn.execute(forever).fetchone()
    assert conn.execute("SELECT 1").fetchone()[0] == 1  # the connection is still usable
    conn.close()


# -- entities, blockquotes and the speaker's entity (schema v3) ----------------------------

def test_entities_mentions_blockquotes_and_speaker_links_read_back_into_the_same_article(store):
    from quotegraph.model import check_offsets

    art = entity_article()
    check_offsets(art)
    assert store.add_extracted(art) == 3
    assert store.read_article("ent") == art  # every field, entity order (e1, e2, e10) included
    stored = store.get_article("ent")
    assert [e["id"] for e in stored["entities"]] == ["e1", "e2", "e10"]
    assert stored["entities"][0]["mentions"][1] == {"text": "Mark Vincent Kaplan", "spans": [[69, 88]], "form": "name"}
    assert stored["blockquotes"] == [[ENTITY_TEXT.index("We ask for privacy"), len(ENTITY_TEXT)]]
    speaker = stored["quotes"][1]["speaker"]
    assert (speaker["entity"], speaker["organization"], speaker["confidence"]) == ("e1", None, 0.95)
    assert stored["quotes"][2]["speaker_candidates"] == ["e1", "e10"]


def test_an_article_without_entities_reads_back_with_none(store):
    art = full_article()
    store.add_extracted(art)
    back = store.read_article("et-1")
    assert back.entities == () and back.blockquotes == () and back.quotes == art.quotes
