"""Writing one extracted Article: the article, its quotes, speakers and clusters.

The caller wraps :func:`add_article` in one transaction, so an article is stored
whole or not at all; its content hash is the key that makes a rerun skip it.
"""

from __future__ import annotations

import json
import sqlite3
import time
from urllib.parse import urlsplit

from ..corpus.normalize import norm_hash, normalize_quote
from ..corpus.speakers import is_alias, is_full_name, normalize_name, speaker_key
from ..errors import StoreError
from ..model import Article, Quote, Speaker
from .clusters import assign_cluster


class IdTaken(StoreError):
    """An id of this article (or of one of its quotes) is already stored for other text: only this article is refused."""


def outlet_name(article: Article) -> str | None:
    """The article's outlet, else the host of its URL without "www." (None when neither)."""
    if article.outlet and article.outlet.strip():
        return article.outlet.strip()
    if article.url:
        host = urlsplit(article.url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def add_article(conn: sqlite3.Connection, article: Article, *, lsh: bool = True) -> int | None:
    """Store an extracted article; returns its number of quotes, or None if its text is already stored."""
    digest = article.content_hash
    if conn.execute("SELECT 1 FROM articles WHERE hash = ?", (digest,)).fetchone():
        return None
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
        raise IdTaken(f"article id {article.id!r} is already stored with a different text: give articles unique ids")
    outlet_id = _outlet_id(conn, outlet_name(article))
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
    seen: set[str] = set()
    for quote in sorted(article.quotes, key=lambda q: (q.content.start, q.id)):
        if quote.id in seen:
            continue
        seen.add(quote.id)
        _add_quote(conn, seq, article, quote, lsh=lsh)
    conn.execute("UPDATE articles SET n_quotes = ? WHERE seq = ?", (len(seen), seq))
    return len(seen)


def _outlet_id(conn: sqlite3.Connection, name: str | None) -> int | None:
    if not name:
        return None
    conn.execute("INSERT OR IGNORE INTO outlets(name) VALUES (?)", (name,))
    return conn.execute("SELECT id FROM outlets WHERE name = ?", (name,)).fetchone()[0]


def _add_quote(conn: sqlite3.Connection, seq: int, article: Article, quote: Quote, *, lsh: bool) -> None:
    speaker_id = _speaker_id(conn, quote.speaker, quote.source.text if quote.source else None)
    norm = normalize_quote(quote.content.text)
    nhash = norm_hash(norm)
    cur = conn.execute(
        "INSERT INTO quotes(id, article_seq, start, type, content, source, cue, speaker_name, speaker_id, channel,"
        " date, confidence, norm, norm_hash, data) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            quote.id,
            seq,
            quote.content.start,
            quote.type,
            quote.content.text,
            quote.source.text if quote.source else None,
            quote.cue.text if quote.cue else None,
            quote.speaker.name if quote.speaker else None,
            speaker_id,
            quote.channel.name if quote.channel else None,
            quote.date or article.date,
            float(quote.confidence),
            norm,
            nhash,
            json.dumps(quote.to_dict(), ensure_ascii=False, separators=(",", ":")),
        ),
    )
    if norm:
        assign_cluster(conn, cur.lastrowid, norm, nhash, lsh=lsh)


def _speaker_id(conn: sqlite3.Connection, speaker: Speaker | None, mention: str | None) -> int | None:
    if speaker is None:
        return None
    key = speaker_key(speaker.name, speaker.kind)
    if key is None:
        return None
    conn.execute(
        "INSERT INTO speakers(key, name, kind, full_name, n_quotes) VALUES (?,?,?,?,1) "
        "ON CONFLICT(key) DO UPDATE SET n_quotes = n_quotes + 1",
        (key, speaker.name.strip(), speaker.kind, int(is_full_name(speaker.name, speaker.kind))),
    )
    speaker_id = conn.execute("SELECT id FROM speakers WHERE key = ?", (key,)).fetchone()[0]
    aliases = {normalize_name(speaker.name): speaker.name.strip()}
    if mention and is_alias(mention):
        aliases.setdefault(normalize_name(mention), mention.strip().rstrip(",;:").strip())
    for alias_norm, alias in aliases.items():
        conn.execute(
            "INSERT INTO speaker_aliases(speaker_id, alias_norm, alias, n) VALUES (?,?,?,1) "
            "ON CONFLICT(speaker_id, alias_norm) DO UPDATE SET n = n + 1",
            (speaker_id, alias_norm, alias),
        )
    for role in dict.fromkeys(r.strip() for r in speaker.roles if r.strip()):
        conn.execute(
            "INSERT INTO speaker_roles(speaker_id, role, n) VALUES (?,?,1) "
            "ON CONFLICT(speaker_id, role) DO UPDATE SET n = n + 1",
            (speaker_id, role),
        )
    return speaker_id
