"""Schema versions: a database made by an older quotegraph opens and migrates."""

from __future__ import annotations

import pytest

from qg_articles import article, said
from quotegraph.errors import StoreError
from quotegraph.store import Store
from quotegraph.store.db import connect, transaction
from quotegraph.store.migrations import LATEST, current_version, migrate
from quotegraph.store.writer import add_article

WORDS = "the new terminal will open in March and create four hundred jobs"


def corpus():
    return [
        article(f'"{WORDS}," the mayor said.', [said(WORDS, by="the mayor", speaker="Lena Hovland")],
                id="one", date="2024-02-01", outlet="AP"),
        article(f'"{WORDS.replace("four", "five")}," Hovland said.',
                [said(WORDS.replace("four", "five"), by="Hovland", speaker="Lena Hovland")],
                id="two", date="2024-02-02", outlet="Gazette"),
        article(f'"{WORDS}," Hovland said.', [said(WORDS, by="Hovland", speaker="Lena Hovland")],
                id="three", date="2024-02-03", outlet="Reuters"),
    ]


def make_v1(path):
    """A database exactly as quotegraph with schema v1 wrote it (exact-text clusters only)."""
    conn = connect(path)
    assert migrate(conn, target=1) == 1
    for art in corpus():
        with transaction(conn):
            add_article(conn, art, schema=1)
    conn.close()


def dump(store):
    conn = store.connection
    return {
        table: [tuple(r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")]
        for table in ("quotes", "clusters", "lsh", "speakers", "speaker_aliases", "outlets")
        + (("quote_tiers",) if current_version(conn) >= 4 else ())
    }


def test_a_new_file_gets_every_step(tmp_path):
    with Store(tmp_path / "new.db") as store:
        rows = store.connection.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
        assert [r[0] for r in rows] == list(range(1, LATEST + 1))


def test_a_v1_database_migrates_to_what_a_fresh_ingest_makes(tmp_path):
    make_v1(tmp_path / "old.db")
    conn = connect(tmp_path / "old.db")
    assert current_version(conn) == 1
    # v1 only knew identical text: the "five" variant was its own cluster.
    assert conn.execute("SELECT count(*) FROM clusters").fetchone()[0] == 2
    conn.close()
    with Store(tmp_path / "old.db") as migrated, Store(tmp_path / "fresh.db") as fresh:
        fresh.ingest_articles(corpus())
        assert current_version(migrated.connection) == LATEST
        assert dump(migrated) == dump(fresh)
        assert migrated.connection.execute("SELECT count(*) FROM clusters").fetchone()[0] == 1
        prov = migrated.get_quote(corpus()[1].quotes[0].id)["provenance"]
        assert [(a["article"]["id"], a["removed"], a["added"]) for a in prov["appearances"]] == [
            ("one", [], []), ("two", ["four"], ["five"]), ("three", [], [])]


def test_an_old_database_opened_read_only_says_how_to_migrate(tmp_path):
    make_v1(tmp_path / "old.db")
    with pytest.raises(StoreError, match="open it once for writing"):
        Store(tmp_path / "old.db", readonly=True)


def test_a_database_from_a_newer_quotegraph_is_refused(tmp_path):
    Store(tmp_path / "qg.db").close()
    conn = connect(tmp_path / "qg.db")
    conn.execute("INSERT INTO schema_version VALUES (?, 'later')", (LATEST + 1,))
    conn.close()
    with pytest.raises(StoreError, match="upgrade quotegraph"):
        Store(tmp_path / "qg.db")


def test_a_failing_step_leaves_the_previous_version(tmp_path, monkeypatch):
    make_v1(tmp_path / "old.db")
    from quotegraph.store import migrations

    def broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(migrations, "MIGRATIONS", [(1, migrations.V1), (2, broken)])
    conn = connect(tmp_path / "old.db")
    with pytest.raises(RuntimeError):
        migrations.migrate(conn)
    assert current_version(conn) == 1
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").fetchone()
    conn.close()


def test_a_v2_database_gets_entities_and_a_speaker_index_rebuilt_with_todays_rules(tmp_path):
    noisy = article('Obama Says Vote\n\n"Vote," he said.', [said("Vote", by="Obama Says")], id="h1")
    conn = connect(tmp_path / "old.db")
    assert migrate(conn, target=2) == 2
    for art in [*corpus(), noisy]:
        with transaction(conn):
            add_article(conn, art, schema=2)
    # What quotegraph with schema v2 had indexed: headline noise as a person.
    conn.execute("UPDATE speakers SET key = 'person:obama says', name = 'Obama Says' WHERE key = 'person:obama'")
    conn.close()
    with Store(tmp_path / "old.db") as migrated, Store(tmp_path / "fresh.db") as fresh:
        fresh.ingest_articles([*corpus(), noisy])
        assert current_version(migrated.connection) == LATEST
        names = [r[0] for r in migrated.connection.execute("SELECT name FROM speakers ORDER BY id")]
        assert names == ["Lena Hovland", "Obama"]
        assert dump(migrated) == dump(fresh)
        assert migrated.read_article("h1").entities == ()


def acted(acts=("other", "other", "other")):
    """Three reports with cues — said, believes, wrote — their acts given (a fresh ingest) or not (v3)."""
    return [
        article('"The terminal will open in March," Hovland said.',
                [said("The terminal will open in March", by="Hovland", cue="said", act=acts[0])], id="s1"),
        article("Hovland believes the terminal will open in March.",
                [said("the terminal will open in March", by="Hovland", cue="believes", type="indirect", act=acts[1])],
                id="s2"),
        article("A city report says the terminal will open in March.",
                [said("the terminal will open in March", by="A city report", cue="says", type="indirect",
                      kind="document", act=acts[2])], id="s3"),
        article("Hovland ran for Mayor.", [said("Mayor", by="Hovland", cue="ran for", type="indirect")], id="s4"),
    ]


def test_a_v3_database_gets_the_act_its_cues_give_and_tiers(tmp_path):
    conn = connect(tmp_path / "old.db")
    assert migrate(conn, target=3) == 3
    for art in acted():
        with transaction(conn):
            add_article(conn, art, schema=3)
    assert all('"act"' not in r[0] for r in conn.execute("SELECT data FROM quotes"))  # as v3 stored them
    conn.close()
    with Store(tmp_path / "old.db") as migrated, Store(tmp_path / "fresh.db") as fresh:
        fresh.ingest_articles(acted(("speech", "thought", "writing")))
        assert current_version(migrated.connection) == LATEST == 4
        rows = migrated.connection.execute(
            "SELECT q.act, t.tier FROM quotes q JOIN quote_tiers t ON t.quote = q.rowid ORDER BY q.rowid").fetchall()
        assert [tuple(r) for r in rows] == [("speech", 0), ("thought", 1), ("writing", 0), ("other", 2)]
        assert dump(migrated) == dump(fresh)  # the data JSON rewritten with its act, as a fresh ingest writes it
        assert [q.act for q in migrated.read_article("s3").quotes] == ["writing"]
        assert [r["act"] for r in migrated.search_quotes("terminal", act="thought").rows] == ["thought"]
