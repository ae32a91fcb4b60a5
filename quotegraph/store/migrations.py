"""Numbered schema migrations, recorded in the ``schema_version`` table.

A database made by an older quotegraph is brought up to date when opened for
writing; each step runs in its own transaction.  Never edit a released step:
add a new one.

    1  articles, outlets, quotes (+ FTS5), speakers, aliases, roles, exact-text clusters
    2  near-duplicate provenance: LSH band keys for every quote, clusters recomputed
    3  entities and their mentions per article, blockquotes; the speaker index rebuilt
       with the entity-aware rules of quotegraph.corpus.speakers (groups, unnamed
       sources, headline noise)
    4  the act of every quote (speech, writing, thought, intention, finding, other) and
       its search tier (statement, other, fragment); stored quotes get their act from
       their cue (quotegraph.corpus.acts.act_of_stored), or "other"
"""

from __future__ import annotations

import sqlite3
import time
from typing import Callable

from ..errors import StoreError

V1 = """
CREATE TABLE outlets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);
CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,              -- ingest order
    id TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL UNIQUE,            -- sha256 of text: how a rerun knows it is done
    title TEXT,
    date TEXT,
    outlet_id INTEGER REFERENCES outlets(id),
    url TEXT,
    text TEXT NOT NULL,
    n_quotes INTEGER NOT NULL DEFAULT 0,
    added_at TEXT NOT NULL
);
CREATE INDEX articles_outlet ON articles(outlet_id);
CREATE INDEX articles_date ON articles(date);
CREATE TABLE speakers (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,             -- quotegraph.corpus.speakers.speaker_key
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    full_name INTEGER NOT NULL,
    n_quotes INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE speaker_aliases (
    speaker_id INTEGER NOT NULL REFERENCES speakers(id),
    alias_norm TEXT NOT NULL,
    alias TEXT NOT NULL,                  -- as first written
    n INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (speaker_id, alias_norm)
) WITHOUT ROWID;
CREATE INDEX speaker_aliases_norm ON speaker_aliases(alias_norm);
CREATE TABLE speaker_roles (
    speaker_id INTEGER NOT NULL REFERENCES speakers(id),
    role TEXT NOT NULL,
    n INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (speaker_id, role)
) WITHOUT ROWID;
CREATE TABLE clusters (
    id INTEGER PRIMARY KEY,               -- the rowid of its earliest-ingested quote
    size INTEGER NOT NULL
);
CREATE TABLE quotes (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    article_seq INTEGER NOT NULL REFERENCES articles(seq),
    start INTEGER NOT NULL,
    type TEXT NOT NULL,
    content TEXT NOT NULL,
    source TEXT,
    cue TEXT,
    speaker_name TEXT,
    speaker_id INTEGER REFERENCES speakers(id),
    channel TEXT,
    date TEXT,                            -- the quote's date, else its article's
    confidence REAL NOT NULL,
    norm TEXT NOT NULL,                   -- quotegraph.corpus.normalize.normalize_quote
    norm_hash INTEGER NOT NULL,
    cluster_id INTEGER REFERENCES clusters(id),
    data TEXT NOT NULL                    -- Quote.to_dict() as JSON: every field, spans included
);
CREATE INDEX quotes_article ON quotes(article_seq);
CREATE INDEX quotes_speaker ON quotes(speaker_id, date);
CREATE INDEX quotes_date ON quotes(date);
CREATE INDEX quotes_cluster ON quotes(cluster_id);
CREATE INDEX quotes_norm_hash ON quotes(norm_hash);
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    content, speaker_name, source,
    content='quotes', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, content, speaker_name, source)
    VALUES (new.rowid, new.content, new.speaker_name, new.source);
END;
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, content, speaker_name, source)
    VALUES ('delete', old.rowid, old.content, old.speaker_name, old.source);
END;
CREATE TRIGGER quotes_au AFTER UPDATE OF content, speaker_name, source ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, content, speaker_name, source)
    VALUES ('delete', old.rowid, old.content, old.speaker_name, old.source);
    INSERT INTO quotes_fts(rowid, content, speaker_name, source)
    VALUES (new.rowid, new.content, new.speaker_name, new.source);
END;
"""

V2 = """
CREATE TABLE lsh (
    bucket INTEGER NOT NULL,              -- quotegraph.corpus.provenance.lsh_keys
    quote_rowid INTEGER NOT NULL REFERENCES quotes(rowid),
    PRIMARY KEY (bucket, quote_rowid)
) WITHOUT ROWID;
"""


def _v2(conn: sqlite3.Connection) -> None:
    """Add LSH keys to every stored quote, then recompute clusters in ingest order."""
    from .clusters import recluster_all

    for statement in _statements(V2):
        conn.execute(statement)
    recluster_all(conn)


V3 = """
ALTER TABLE articles ADD COLUMN blockquotes TEXT;   -- JSON [[start, end], ...]: ranges set as block quotations
CREATE TABLE entities (
    article_seq INTEGER NOT NULL REFERENCES articles(seq),
    id TEXT NOT NULL,                     -- local to its article: "e1", "e2", ... (Speaker.entity)
    n INTEGER NOT NULL,                   -- the entity's place in Article.entities
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    organization TEXT,
    data TEXT NOT NULL,                   -- Entity.to_dict() without mentions: roles, relations, age
    PRIMARY KEY (article_seq, id)
) WITHOUT ROWID;
CREATE TABLE entity_mentions (
    article_seq INTEGER NOT NULL,
    entity_id TEXT NOT NULL,
    n INTEGER NOT NULL,                   -- the mention's place among its entity's mentions
    start INTEGER NOT NULL,
    form TEXT NOT NULL,                   -- name, title, pronoun, description, apposition, possessive
    spans TEXT NOT NULL,                  -- JSON [[start, end], ...] into the article text
    PRIMARY KEY (article_seq, entity_id, n),
    FOREIGN KEY (article_seq, entity_id) REFERENCES entities(article_seq, id)
) WITHOUT ROWID;
"""


def _v3(conn: sqlite3.Connection) -> None:
    """Entities and blockquotes; the speaker index recomputed with the current rules, in ingest order."""
    from .writer import rebuild_speakers

    for statement in _statements(V3):
        conn.execute(statement)
    rebuild_speakers(conn)


V4 = """
ALTER TABLE quotes ADD COLUMN act TEXT NOT NULL DEFAULT 'other';  -- Quote.act
CREATE INDEX quotes_act ON quotes(act, date);
-- Each quote's search tier (quotegraph.corpus.statements.tier: 0 statement, 1 other, 2 fragment), in a
-- narrow table of its own: ranking a common word reads up to 1,000 of them, a third of the cost of
-- reading them from the quotes rows (bench/RESULTS.md, section 7).
CREATE TABLE quote_tiers (
    quote INTEGER PRIMARY KEY REFERENCES quotes(rowid),
    tier INTEGER NOT NULL
);
"""


def _v4(conn: sqlite3.Connection) -> None:
    """Acts and tiers; a stored quote gets the act its cue gives (its data rewritten with it)."""
    from .writer import quote_act_and_tier

    for statement in _statements(V4):
        conn.execute(statement)
    for rowid, data in conn.execute("SELECT rowid, data FROM quotes ORDER BY rowid").fetchall():
        data, act, tier = quote_act_and_tier(data)
        conn.execute("UPDATE quotes SET data = ?, act = ? WHERE rowid = ?", (data, act, rowid))
        conn.execute("INSERT INTO quote_tiers(quote, tier) VALUES (?, ?)", (rowid, tier))


Step = str | Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[int, Step]] = [(1, V1), (2, _v2), (3, _v3), (4, _v4)]
LATEST = MIGRATIONS[-1][0]


def current_version(conn: sqlite3.Connection) -> int:
    """The schema version of a database (0 for an empty file)."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "schema_version" not in tables:
        if tables - {"sqlite_sequence"}:
            raise StoreError("this SQLite file is not a quotegraph database: pass another --db path")
        return 0
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection, target: int | None = None) -> int:
    """Apply every missing step up to ``target`` (default: the latest); returns the version reached."""
    target = LATEST if target is None else target
    version = current_version(conn)
    if version > LATEST:
        raise StoreError(
            f"database schema v{version} is newer than this quotegraph knows (v{LATEST}): upgrade quotegraph"
        )
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
    for number, step in MIGRATIONS:
        if number <= version or number > target:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            if isinstance(step, str):
                for statement in _statements(step):
                    conn.execute(statement)
            else:
                step(conn)
            conn.execute(
                "INSERT INTO schema_version VALUES (?, ?)", (number, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        version = number
    return version


def _statements(script: str) -> list[str]:
    """Split a script into statements (executescript would COMMIT our transaction)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return [s for s in out if s]
