"""Writing one extracted Article: the article, its entities, quotes, speakers and clusters.

The caller wraps :func:`add_article` in one transaction, so an article is stored
whole or not at all; its content hash is the key that makes a rerun skip it.
Every id handed out here (article seq, quote rowid, speaker id, cluster id)
follows from what is already stored plus this article, in a fixed order, so the
same articles stored in the same order give the same rows.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import replace
from typing import Any

from ..corpus.acts import act_of_stored
from ..corpus.normalize import norm_hash, normalize_quote
from ..corpus.outlets import outlet_name
from ..corpus.speakers import index_entry
from ..corpus.statements import tier
from ..errors import StoreError
from ..model import Article, Entity, Quote
from .clusters import assign_cluster


class IdTaken(StoreError):
    """An id of this article (or of one of its quotes) is already stored for other text: only this article is refused."""


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def add_article(conn: sqlite3.Connection, article: Article, *, schema: int | None = None) -> int | None:
    """Store an extracted article; returns its number of quotes, or None if its text is already stored.

    ``schema=N`` writes the rows as schema vN did, for the migration tests: no LSH keys
    before v2 (see ``clusters.assign_cluster``), no acts before v4.
    """
    digest = article.content_hash
    if conn.execute("SELECT 1 FROM articles WHERE hash = ?", (digest,)).fetchone():
        return None
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
        raise IdTaken(f"article id {article.id!r} is already stored with a different text: give articles unique ids")
    outlet_id = _outlet_id(conn, outlet_name(article.outlet, article.url))
    cur = conn.execute(
        "INSERT INTO articles(id, hash, title, date, outlet_id, url, text, added_at) VALUES (?,?,?,?,?,?,?,?)",
        (
            article.id,
            digest,
            article.title,
            article.date,
            outlet_id,
            article.url,
            article.text,
            time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        ),
    )
    seq = cur.lastrowid
    assert seq is not None
    if article.blockquotes:
        conn.execute("UPDATE articles SET blockquotes = ? WHERE seq = ?", (_json([list(b) for b in article.blockquotes]), seq))
    for n, entity in enumerate(article.entities):
        _add_entity(conn, seq, n, entity)
    seen: set[str] = set()
    for quote in sorted(article.quotes, key=lambda q: (q.content.start, q.id)):
        if quote.id in seen:
            continue
        seen.add(quote.id)
        _add_quote(conn, seq, article, quote, schema=schema)
    conn.execute("UPDATE articles SET n_quotes = ? WHERE seq = ?", (len(seen), seq))
    return len(seen)


def _outlet_id(conn: sqlite3.Connection, name: str | None) -> int | None:
    if not name:
        return None
    conn.execute("INSERT OR IGNORE INTO outlets(name) VALUES (?)", (name,))
    return conn.execute("SELECT id FROM outlets WHERE name = ?", (name,)).fetchone()[0]


def _add_entity(conn: sqlite3.Connection, seq: int, n: int, entity: Entity) -> None:
    data = entity.to_dict()
    del data["mentions"]  # one row each in entity_mentions
    conn.execute(
        "INSERT INTO entities(article_seq, id, n, name, kind, organization, data) VALUES (?,?,?,?,?,?,?)",
        (seq, entity.id, n, entity.name, entity.kind, entity.organization, _json(data)),
    )
    conn.executemany(
        "INSERT INTO entity_mentions(article_seq, entity_id, n, start, form, spans) VALUES (?,?,?,?,?,?)",
        [(seq, entity.id, i, m.start, m.form, _json([list(s) for s in m.span.spans])) for i, m in enumerate(entity.mentions)],
    )


def _add_quote(conn: sqlite3.Connection, seq: int, article: Article, quote: Quote, *, schema: int | None) -> None:
    data = quote.to_dict()
    if schema is not None and schema < 4:
        del data["act"]
    speaker_id = speaker_index_id(conn, data["speaker"], quote.source.text if quote.source else None, article.id)
    norm = normalize_quote(quote.content.text)
    nhash = norm_hash(norm)
    row = {
        "id": quote.id,
        "article_seq": seq,
        "start": quote.content.start,
        "type": quote.type,
        "content": quote.content.text,
        "source": quote.source.text if quote.source else None,
        "cue": quote.cue.text if quote.cue else None,
        "speaker_name": quote.speaker.name if quote.speaker else None,
        "speaker_id": speaker_id,
        "channel": quote.channel.name if quote.channel else None,
        "date": quote.date or article.date,
        "confidence": float(quote.confidence),
        "norm": norm,
        "norm_hash": nhash,
        "data": _json(data),
    }
    acts = schema is None or schema >= 4
    if acts:
        row["act"] = quote.act
    cur = conn.execute(f"INSERT INTO quotes({', '.join(row)}) VALUES ({','.join('?' * len(row))})", tuple(row.values()))
    assert cur.lastrowid is not None
    if acts:
        conn.execute("INSERT INTO quote_tiers(quote, tier) VALUES (?, ?)",
                     (cur.lastrowid, tier(quote.act, quote.content.text, quote.type)))
    if norm:
        assign_cluster(conn, cur.lastrowid, norm, nhash, lsh=schema is None or schema >= 2)


def quote_act_and_tier(data: str) -> tuple[str, str, int]:
    """A quote stored before acts existed (its ``data`` JSON): that JSON with the act its cue gives
    (``Quote.to_dict()`` order), the act, and its search tier (used by the migration to v4)."""
    quote = Quote.from_dict(json.loads(data))
    quote = replace(quote, act=act_of_stored(quote.to_dict()))  # type: ignore[arg-type]
    return _json(quote.to_dict()), quote.act, tier(quote.act, quote.content.text, quote.type)


def speaker_index_id(conn: sqlite3.Connection, speaker: dict[str, Any] | None, mention: str | None, article_id: str) -> int | None:
    """The speaker index row of a quote's speaker (created or counted once more); None when it has none."""
    entry = index_entry(speaker, mention, article_id)
    if entry is None:
        return None
    conn.execute(
        "INSERT INTO speakers(key, name, kind, full_name, n_quotes) VALUES (?,?,?,?,1) "
        "ON CONFLICT(key) DO UPDATE SET n_quotes = n_quotes + 1",
        (entry.key, entry.name, entry.kind, int(entry.full_name)),
    )
    speaker_id = conn.execute("SELECT id FROM speakers WHERE key = ?", (entry.key,)).fetchone()[0]
    conn.executemany(
        "INSERT INTO speaker_aliases(speaker_id, alias_norm, alias, n) VALUES (?,?,?,1) "
        "ON CONFLICT(speaker_id, alias_norm) DO UPDATE SET n = n + 1",
        [(speaker_id, norm, alias) for norm, alias in entry.aliases],
    )
    conn.executemany(
        "INSERT INTO speaker_roles(speaker_id, role, n) VALUES (?,?,1) ON CONFLICT(speaker_id, role) DO UPDATE SET n = n + 1",
        [(speaker_id, role) for role in entry.roles],
    )
    return speaker_id


def rebuild_speakers(conn: sqlite3.Connection) -> None:
    """Recompute the whole speaker index from the stored quotes, in ingest order (used by migrations):
    the same rows a fresh ingest of the same articles makes."""
    conn.execute("UPDATE quotes SET speaker_id = NULL")
    for table in ("speaker_aliases", "speaker_roles", "speakers"):
        conn.execute(f"DELETE FROM {table}")
    rows = conn.execute(
        "SELECT q.rowid, q.data, a.id FROM quotes q JOIN articles a ON a.seq = q.article_seq ORDER BY q.rowid"
    ).fetchall()
    for rowid, data, article_id in rows:
        quote = json.loads(data)
        speaker_id = speaker_index_id(conn, quote.get("speaker"), (quote.get("source") or {}).get("text"), article_id)
        conn.execute("UPDATE quotes SET speaker_id = ? WHERE rowid = ?", (speaker_id, rowid))
