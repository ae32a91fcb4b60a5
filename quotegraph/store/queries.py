"""The read side of the store: quote search, quotes with provenance, speakers, articles.

Every function takes a connection and returns plain JSON-ready dicts, so the CLI,
the HTTP API and tests share one shape.  A quote row is ``Quote.to_dict()`` plus
``speaker_id``, ``article`` (id, title, date, outlet, url), ``cluster`` (id, size)
and ``fragment`` (its content is a fragment: quotegraph.corpus.statements); a
search row also has ``highlights``, the ranges of its content that match the words.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from dataclasses import dataclass
from typing import Any, Sequence

from ..corpus.normalize import quote_words
from ..corpus.provenance import word_diff
from ..corpus.speakers import normalize_name
from ..errors import StoreError
from ..io import ARTICLE_META
from ..corpus.statements import FRAGMENT
from ..model import ACTS, Article, TextSpan
from .search import fts_query, highlights

SORTS = ("relevance", "newest", "oldest")
SEARCH_CAP = 1_000  # a text search counts and ranks at most this many matches (see SearchResult)
# An article's metadata (quotegraph.io.ARTICLE_META) selected as ``article_<field>``; its outlet is in ``outlets``.
_ARTICLE_REF = ", ".join(f"{'o.name' if k == 'outlet' else 'a.' + k} AS article_{k}" for k in ARTICLE_META)
_QUOTE_COLUMNS = (
    "q.rowid AS rowid, q.data, q.speaker_id, q.cluster_id, t.tier, q.date AS effective_date, c.size AS cluster_size, "
    f"a.seq, {_ARTICLE_REF}"
)
_QUOTE_JOINS = (
    "FROM quotes q JOIN articles a ON a.seq = q.article_seq LEFT JOIN quote_tiers t ON t.quote = q.rowid "
    "LEFT JOIN outlets o ON o.id = a.outlet_id LEFT JOIN clusters c ON c.id = q.cluster_id"
)


class SearchResult(tuple):
    """``(rows, total)`` (it unpacks as that pair) plus ``total_is_estimate``.

    ``total_is_estimate`` is True when more than ``SEARCH_CAP`` quotes match a text
    query: ``total`` is then ``SEARCH_CAP`` ("1000+"), pages stop there, and relevance
    ranks the ``SEARCH_CAP`` most recently stored matches (newest/oldest stay exact).
    Narrowing the query (more words, a speaker, an outlet, dates) gets exact figures.
    """

    total_is_estimate: bool

    def __new__(cls, rows: list[dict[str, Any]], total: int, total_is_estimate: bool = False) -> "SearchResult":
        result = super().__new__(cls, (rows, total))
        result.total_is_estimate = total_is_estimate
        return result

    @property
    def rows(self) -> list[dict[str, Any]]:
        return self[0]

    @property
    def total(self) -> int:
        return self[1]


def article_ref(row: sqlite3.Row) -> dict[str, Any]:
    """The article metadata a row selected with ``_ARTICLE_REF``: id, date, title, outlet, url."""
    return {k: row[f"article_{k}"] for k in ARTICLE_META}


def quote_row(row: sqlite3.Row) -> dict[str, Any]:
    """A stored quote as ``Quote.to_dict()`` plus where it was found."""
    data = json.loads(row["data"])
    data["speaker_id"] = row["speaker_id"]
    data["article"] = article_ref(row)
    data["cluster"] = {"id": row["cluster_id"], "size": row["cluster_size"]} if row["cluster_id"] else None
    data["fragment"] = row["tier"] == FRAGMENT
    return data


def speaker_ids(conn: sqlite3.Connection, name: str) -> list[int]:
    """Speakers a user means by ``name``: exact name or alias (normalised), else a name containing it."""
    norm = normalize_name(name)
    if not norm:
        return []
    ids = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT speaker_id FROM speaker_aliases WHERE alias_norm = ? ORDER BY speaker_id", (norm,)
        )
    ]
    if ids:
        return ids
    like = "%" + norm.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT speaker_id FROM speaker_aliases WHERE alias_norm LIKE ? ESCAPE '\\' "
            "ORDER BY speaker_id LIMIT 500",
            (like,),
        )
    ]


def search_quotes(
    conn: sqlite3.Connection,
    q: str | None = None,
    *,
    speaker: str | int | None = None,
    outlet: str | None = None,
    channel: str | None = None,
    since: str | None = None,
    until: str | None = None,
    type: str | None = None,
    act: str | Sequence[str] | None = None,
    limit: int = 20,
    offset: int = 0,
    sort: str | None = None,
) -> SearchResult:
    """Quotes matching the full-text query and filters, and how many match in all.

    ``since``/``until`` compare ISO dates ("2024", "2024-06", "2024-06-26") with the
    quote's date (its article's when it has none), both ends inclusive; ``act`` is one
    act or several.  ``sort`` is "relevance" (default with ``q``: statements first, then
    other clauses, fragments last, each by bm25), "newest" (default without) or "oldest".
    A text query counts and ranks at most ``SEARCH_CAP`` matches (see ``SearchResult``);
    its rows say which words of their content match (``highlights``).
    """
    sort = _sort(q, sort)
    match = fts_query(q) if q else None
    found = _filters(conn, speaker=speaker, outlet=outlet, channel=channel, since=since, until=until, type=type, act=act)
    if (q and match is None) or found is None:
        return SearchResult([], 0)
    where, args, indexed = found
    if match:
        result = _search_text(conn, match, where, args, indexed, sort, limit, offset)
        for row in result.rows:
            row["highlights"] = highlights(row["content"]["text"], q)
        return result
    clause = ("WHERE " + " AND ".join(where)) if where else ""
    total = conn.execute(f"SELECT count(*) FROM quotes q {clause}", args).fetchone()[0]
    # Newest first walks the date index backwards (undated rows, NULL, come last by themselves).
    page = conn.execute(
        f"SELECT q.rowid FROM quotes q {clause} ORDER BY {_LISTING_ORDER[sort]} LIMIT ? OFFSET ?", (*args, limit, offset)
    ).fetchall()
    return SearchResult(_rows_by_rowid(conn, [r[0] for r in page]), total)


# Listings (no words) by date: undated quotes last.  Relevance without words is newest first.
_LISTING_ORDER = {"newest": "q.date DESC, q.rowid DESC", "oldest": "q.date IS NULL, q.date, q.rowid"}


def _sort(q: str | None, sort: str | None) -> str:
    """The order a search uses: relevance (with words) or a date order."""
    sort = sort or ("relevance" if q else "newest")
    if sort not in SORTS:
        raise StoreError(f"unknown sort {sort!r}: choose one of {', '.join(SORTS)}")
    return "newest" if sort == "relevance" and not q else sort


def _filters(
    conn: sqlite3.Connection, *, speaker: str | int | None = None, outlet: str | None = None, channel: str | None = None,
    since: str | None = None, until: str | None = None, type: str | None = None, act: str | Sequence[str] | None = None,
) -> tuple[list[str], list[Any], int] | None:
    """The WHERE conditions of a search over ``quotes q``, their arguments, and how many of them come
    first as index lookups (speaker, outlet); None when nothing can match (an unknown speaker)."""
    acts = [act] if isinstance(act, str) else list(act or ())
    unknown = [a for a in acts if a not in ACTS]
    if unknown:
        raise StoreError(f"unknown act {unknown[0]!r}: choose from {', '.join(ACTS)}")
    # Speaker and outlet filters come first: an index gives their quotes without reading rows.
    where: list[str] = []
    args: list[Any] = []
    if speaker is not None and speaker != "":
        ids = [int(speaker)] if isinstance(speaker, int) or str(speaker).isdigit() else speaker_ids(conn, speaker)
        if not ids:
            return None
        where.append(f"q.speaker_id IN ({','.join('?' * len(ids))})")
        args.extend(ids)
    if outlet:
        where.append(
            "q.article_seq IN (SELECT seq FROM articles WHERE outlet_id = "
            "(SELECT id FROM outlets WHERE name = ? COLLATE NOCASE))"
        )
        args.append(outlet.strip())
    indexed = len(where)
    if channel:
        where.append("q.channel = ? COLLATE NOCASE")
        args.append(channel.strip())
    if since:
        where.append("q.date >= ?")
        args.append(since)
    if until:
        where.append("q.date < ?")
        args.append(until + "\uffff")  # "2024-06" includes every day of June
    if type:
        where.append("q.type = ?")
        args.append(type)
    if acts:
        where.append(f"q.act IN ({','.join('?' * len(acts))})")
        args.extend(acts)
    return where, args, indexed


def _search_text(
    conn: sqlite3.Connection, match: str, where: list[str], args: list[Any], indexed: int,
    sort: str, limit: int, offset: int,
) -> SearchResult:
    """Full-text search whose cost does not grow with how common the words are.

    FTS5 walks the matches most recently stored first and stops after ``SEARCH_CAP`` + 1
    that pass the filters; bm25 (relevance) or the date is read for those alone.
    (Ranking every match, as ``ORDER BY rank`` does, costs ~1 µs per match: 15-25 ms
    for a word in a quarter of all quotes.)  Up to the cap the result is exact; past
    it, relevance ranks the ``SEARCH_CAP`` most recently stored matches, and newest /
    oldest stay exact by walking the date index (``_by_date``).
    """
    key = "bm25(quotes_fts)" if sort == "relevance" else "q.date"
    # Relevance ranks by tier first (statements first), read from the narrow quote_tiers table;
    # dates, type, channel and act are read from each surviving match's row.
    sql = "FROM quotes_fts"
    if sort == "relevance":
        sql += " CROSS JOIN quote_tiers t ON t.quote = quotes_fts.rowid"
    if where[indexed:] or sort != "relevance":
        sql += " CROSS JOIN quotes q ON q.rowid = quotes_fts.rowid"
    sql += " WHERE quotes_fts MATCH ?"
    if indexed:
        # The speaker/outlet index gives their quotes once; each match is checked against that set
        # before its row is read (the ``+`` keeps SQLite from probing FTS5 once per filtered row instead).
        sql += f" AND +quotes_fts.rowid IN (SELECT q.rowid FROM quotes q WHERE {' AND '.join(where[:indexed])})"
    sql += "".join(f" AND {w}" for w in where[indexed:])
    tier = "t.tier" if sort == "relevance" else "0"
    latest = f"SELECT quotes_fts.rowid AS r, {key} AS k, {tier} AS t {sql} ORDER BY quotes_fts.rowid DESC LIMIT ?"
    params = (match, *args)
    if sort == "relevance":
        # One pass: SQLite ranks the latest matches and keeps the page (top-N), counting them on the way.
        page = conn.execute(
            f"SELECT r, count(*) OVER (), min(r) OVER () FROM ({latest}) ORDER BY t, k, r LIMIT ? OFFSET ?",
            (*params, SEARCH_CAP, limit, offset),
        ).fetchall()
        if page:
            n, oldest = page[0][1], page[0][2]
            capped = n == SEARCH_CAP and conn.execute(  # is there one more, older match?
                f"SELECT 1 {sql} AND quotes_fts.rowid < ? ORDER BY quotes_fts.rowid DESC LIMIT 1", (*params, oldest)
            ).fetchone() is not None
        else:  # past the last page
            n = conn.execute(f"SELECT count(*) FROM ({latest})", (*params, SEARCH_CAP + 1)).fetchone()[0]
            capped, n = n > SEARCH_CAP, min(n, SEARCH_CAP)
        return SearchResult(_rows_by_rowid(conn, [r[0] for r in page]), n, capped)
    hits = conn.execute(latest, (*params, SEARCH_CAP + 1)).fetchall()
    capped = len(hits) > SEARCH_CAP
    hits = hits[:SEARCH_CAP]
    if capped:  # pages stop at the cap here too
        page = _by_date(conn, match, where, args, sort, max(0, min(limit, SEARCH_CAP - offset)), offset)
        return SearchResult(_rows_by_rowid(conn, page), SEARCH_CAP, True)
    dated = sorted(((d, r) for r, d, _ in hits if d is not None), reverse=sort == "newest")
    ordered = [r for _, r in dated] + sorted(r for r, d, _ in hits if d is None)
    return SearchResult(_rows_by_rowid(conn, ordered[offset : offset + limit]), len(hits))


def _by_date(
    conn: sqlite3.Connection, match: str, where: list[str], args: list[Any], sort: str, limit: int, offset: int
) -> list[int]:
    """A page of a common query's matches in exact date order, undated last in ingest order (as
    below the cap): the date index drives and each row is checked against the matches, computed once."""
    base = "FROM quotes q WHERE +q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"
    base += "".join(f" AND {w}" for w in where)
    params = (match, *args)
    if not limit:
        return []
    order = "q.date DESC, q.rowid DESC" if sort == "newest" else "q.date, q.rowid"
    sql = f"SELECT q.rowid {base} AND q.date IS NOT NULL ORDER BY {order} LIMIT ? OFFSET ?"
    page = [r[0] for r in conn.execute(sql, (*params, limit, offset))]
    if len(page) < limit:
        n_dated = offset + len(page) if page else conn.execute(
            f"SELECT count(*) {base} AND q.date IS NOT NULL", params).fetchone()[0]
        sql = f"SELECT q.rowid {base} AND q.date IS NULL ORDER BY q.rowid LIMIT ? OFFSET ?"
        page += [r[0] for r in conn.execute(sql, (*params, limit - len(page), max(0, offset - n_dated)))]
    return page


@dataclass
class Export:
    """Where an export of every quote a search matches has got to (see ``Store.export_quotes``).

    A text query's matches are ordered once, as rowids (8 bytes each); a listing without words
    walks the date index a batch at a time from the last key read, in constant memory.
    """

    where: list[str]
    args: list[Any]
    sort: str
    rowids: array | None = None
    position: int = 0
    after: tuple[Any, ...] | None = None  # listings: the (date, rowid) or (rowid,) read last
    undated: bool = False  # listings: past the dated quotes, into the undated ones
    done: bool = False


def start_export(conn: sqlite3.Connection, q: str | None = None, *, sort: str | None = None, **filters: Any) -> Export:
    """An export of every quote matching the search (no cap, no pages), in the search's order;
    ``filters`` are those of :func:`search_quotes`."""
    sort = _sort(q, sort)
    match = fts_query(q) if q else None
    found = _filters(conn, **filters)
    if (q and match is None) or found is None:
        return Export([], [], sort, done=True)
    where, args, _ = found
    if not match:
        return Export(where, args, sort)
    order = {  # as the search pages order them; undated quotes last, in ingest order
        "relevance": "t.tier, bm25(quotes_fts), q.rowid",
        "newest": "q.date IS NULL, q.date DESC, CASE WHEN q.date IS NULL THEN q.rowid ELSE -q.rowid END",
        "oldest": "q.date IS NULL, q.date, q.rowid",
    }[sort]
    rowids = array("q", (r[0] for r in conn.execute(
        "SELECT q.rowid FROM quotes_fts CROSS JOIN quotes q ON q.rowid = quotes_fts.rowid "
        "JOIN quote_tiers t ON t.quote = q.rowid WHERE quotes_fts MATCH ?"
        + "".join(f" AND {w}" for w in where) + f" ORDER BY {order}", (match, *args))))
    return Export(where, args, sort, rowids=rowids)


def export_batch(conn: sqlite3.Connection, export: Export, size: int = 500) -> list[dict[str, Any]]:
    """The next ``size`` rows of an export (empty at its end)."""
    if export.done:
        return []
    if export.rowids is not None:
        batch = export.rowids[export.position : export.position + size].tolist()
        export.position += len(batch)
        export.done = not batch
        return _rows_by_rowid(conn, batch)
    rowids = _next_listed(conn, export, size)
    if not rowids and not export.undated:
        export.undated, export.after = True, None
        rowids = _next_listed(conn, export, size)
    export.done = not rowids
    return _rows_by_rowid(conn, rowids)


def _next_listed(conn: sqlite3.Connection, export: Export, size: int) -> list[int]:
    """A listing's next rowids by keyset on the date index: dated quotes by (date, rowid), then undated by rowid."""
    newest = export.sort == "newest"
    where, args = list(export.where), list(export.args)
    if export.undated:
        where.append("q.date IS NULL")
        if export.after:
            where.append("q.rowid < ?" if newest else "q.rowid > ?")
            args.append(export.after[0])
        order = "q.rowid DESC" if newest else "q.rowid"
        columns = "q.rowid"
    else:
        where.append("q.date IS NOT NULL")
        if export.after:
            where.append("(q.date, q.rowid) < (?, ?)" if newest else "(q.date, q.rowid) > (?, ?)")
            args.extend(export.after)
        order = "q.date DESC, q.rowid DESC" if newest else "q.date, q.rowid"
        columns = "q.date, q.rowid"
    rows = conn.execute(
        f"SELECT {columns} FROM quotes q WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ?", (*args, size)
    ).fetchall()
    if rows:
        export.after = tuple(rows[-1])
    return [r[-1] for r in rows]


def _rows_by_rowid(conn: sqlite3.Connection, rowids: list[int]) -> list[dict[str, Any]]:
    """Full quote rows for a page of rowids, in the page's order."""
    if not rowids:
        return []
    found = {
        r["rowid"]: quote_row(r)
        for r in conn.execute(
            f"SELECT {_QUOTE_COLUMNS} {_QUOTE_JOINS} WHERE q.rowid IN ({','.join('?' * len(rowids))})", rowids
        )
    }
    return [found[r] for r in rowids]


def get_quote(conn: sqlite3.Connection, quote_id: str, *, context_chars: int = 300) -> dict[str, Any] | None:
    """One quote with its article context and its provenance (None when unknown)."""
    row = conn.execute(f"SELECT {_QUOTE_COLUMNS} {_QUOTE_JOINS} WHERE q.id = ?", (quote_id,)).fetchone()
    if row is None:
        return None
    quote = quote_row(row)
    text = conn.execute("SELECT text FROM articles WHERE seq = ?", (row["seq"],)).fetchone()[0]
    spans = quote["content"]["spans"]
    start, end = spans[0][0], spans[-1][1]
    lo, hi = max(0, start - context_chars), min(len(text), end + context_chars)
    quote["context"] = {"text": text[lo:hi], "offset": lo}
    quote["provenance"] = _provenance(conn, row["cluster_id"], "q.cluster_id" if row["cluster_id"] else "q.rowid",
                                      row["cluster_id"] or row["rowid"])
    return quote


def provenance(conn: sqlite3.Connection, cluster_id: int) -> dict[str, Any]:
    """Every appearance of a cluster, first appearance first (by article date, then ingest order).

    Each later appearance says whether its wording differs from the first and which
    words were removed or added (a possible misquote).  Undated articles sort last.
    """
    return _provenance(conn, cluster_id, "q.cluster_id", cluster_id)


def _provenance(conn: sqlite3.Connection, cluster_id: int | None, column: str, value: int) -> dict[str, Any]:
    """The one provenance shape; a quote without words (no cluster) is its own single appearance."""
    rows = conn.execute(
        f"SELECT q.id, q.content, q.speaker_name, {_ARTICLE_REF} "
        "FROM quotes q JOIN articles a ON a.seq = q.article_seq LEFT JOIN outlets o ON o.id = a.outlet_id "
        f"WHERE {column} = ? ORDER BY a.date IS NULL, a.date, a.seq, q.start",
        (value,),
    ).fetchall()
    first_words = quote_words(rows[0]["content"]) if rows else []
    appearances = []
    for i, r in enumerate(rows):
        diff = word_diff(first_words, quote_words(r["content"]))
        appearances.append(
            {
                "quote_id": r["id"],
                "content": r["content"],
                "speaker": r["speaker_name"],
                "article": article_ref(r),
                "first": i == 0,
                "differs": diff.differs,
                **diff.to_dict(),
            }
        )
    outlets = {a["article"]["outlet"] for a in appearances if a["article"]["outlet"]}
    return {"cluster_id": cluster_id, "size": len(rows), "outlets": len(outlets), "appearances": appearances}


def list_speakers(
    conn: sqlite3.Connection, q: str | None = None, *, limit: int = 20, offset: int = 0
) -> tuple[list[dict[str, Any]], int]:
    """Speakers (most quoted first), optionally those whose name or an alias contains ``q``."""
    where, args = "", []
    if q and q.strip():
        ids = speaker_ids(conn, q)
        if not ids:
            return [], 0
        where = f"WHERE s.id IN ({','.join('?' * len(ids))})"
        args = list(ids)
    total = conn.execute(f"SELECT count(*) FROM speakers s {where}", args).fetchone()[0]
    rows = conn.execute(
        f"SELECT s.id, s.name, s.kind, s.full_name, s.n_quotes FROM speakers s {where} "
        "ORDER BY s.n_quotes DESC, s.name, s.id LIMIT ? OFFSET ?",
        [*args, limit, offset],
    ).fetchall()
    aliases: dict[int, list[str]] = {r["id"]: [] for r in rows}
    if aliases:  # the page's ten most used aliases per speaker, in one query
        for sid, alias in conn.execute(
            "SELECT speaker_id, alias FROM (SELECT speaker_id, alias, row_number() OVER "
            "(PARTITION BY speaker_id ORDER BY n DESC, alias) AS i FROM speaker_aliases "
            f"WHERE speaker_id IN ({','.join('?' * len(aliases))})) WHERE i <= 10 ORDER BY speaker_id, i",
            list(aliases),
        ):
            aliases[sid].append(alias)
    out = [{"id": r["id"], "name": r["name"], "kind": r["kind"], "full_name": bool(r["full_name"]),
            "n_quotes": r["n_quotes"], "aliases": aliases[r["id"]]} for r in rows]
    return out, total


def get_speaker(conn: sqlite3.Connection, speaker_id: int) -> dict[str, Any] | None:
    """A speaker with aliases, roles, quote counts per outlet, per month and per (month, outlet), first and last quote."""
    r = conn.execute("SELECT id, name, kind, full_name, n_quotes FROM speakers WHERE id = ?", (speaker_id,)).fetchone()
    if r is None:
        return None
    aliases = [{"alias": a[0], "n": a[1]} for a in conn.execute(
        "SELECT alias, n FROM speaker_aliases WHERE speaker_id = ? ORDER BY n DESC, alias", (speaker_id,))]
    roles = [{"role": a[0], "n": a[1]} for a in conn.execute(
        "SELECT role, n FROM speaker_roles WHERE speaker_id = ? ORDER BY n DESC, role", (speaker_id,))]
    outlets = [{"outlet": a[0], "n": a[1]} for a in conn.execute(
        "SELECT o.name, count(*) FROM quotes q JOIN articles a ON a.seq = q.article_seq JOIN outlets o "
        "ON o.id = a.outlet_id WHERE q.speaker_id = ? GROUP BY o.name ORDER BY count(*) DESC, o.name", (speaker_id,))]
    months = [{"month": a[0], "n": a[1]} for a in conn.execute(
        "SELECT substr(date, 1, 7) AS m, count(*) FROM quotes WHERE speaker_id = ? AND date IS NOT NULL "
        "GROUP BY m ORDER BY m", (speaker_id,))]

    by_outlet = [{"month": a[0], "outlet": a[1] or None, "n": a[2]} for a in conn.execute(
        "SELECT substr(q.date, 1, 7) AS m, coalesce(o.name, '') AS outlet, count(*) FROM quotes q "
        "JOIN articles a ON a.seq = q.article_seq LEFT JOIN outlets o ON o.id = a.outlet_id "
        "WHERE q.speaker_id = ? AND q.date IS NOT NULL GROUP BY m, outlet ORDER BY m, outlet", (speaker_id,))]

    def edge(direction: str) -> dict[str, Any] | None:
        row = conn.execute(
            f"SELECT {_QUOTE_COLUMNS} {_QUOTE_JOINS} WHERE q.speaker_id = ? "
            f"ORDER BY q.date IS NULL, q.date {direction}, q.rowid {direction} LIMIT 1", (speaker_id,)).fetchone()
        return quote_row(row) if row else None

    return {"id": r["id"], "name": r["name"], "kind": r["kind"], "full_name": bool(r["full_name"]),
            "n_quotes": r["n_quotes"], "aliases": aliases, "roles": roles, "outlets": outlets, "months": months,
            "months_by_outlet": by_outlet,
            "first_quote": edge("ASC"), "last_quote": edge("DESC")}


def get_article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any] | None:
    """An article's text and fields with every quote and entity (spans are offsets into ``text``)."""
    r = conn.execute(
        f"SELECT a.seq, a.text, a.hash, a.blockquotes, {_ARTICLE_REF} FROM articles a "
        "LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.id = ?", (article_id,)).fetchone()
    if r is None:
        return None
    rows = conn.execute(f"SELECT {_QUOTE_COLUMNS} {_QUOTE_JOINS} WHERE q.article_seq = ? ORDER BY q.start, q.id",
                        (r["seq"],)).fetchall()
    return {**article_ref(r), "text": r["text"], "hash": r["hash"], "blockquotes": json.loads(r["blockquotes"] or "[]"),
            "quotes": [quote_row(q) for q in rows], "entities": entities(conn, r["seq"], r["text"])}


def entities(conn: sqlite3.Connection, article_seq: int, text: str) -> list[dict[str, Any]]:
    """An article's entities as ``Entity.to_dict()``, in their stored order, with every mention."""
    mentions: dict[str, list[dict[str, Any]]] = {}
    for m in conn.execute(
        "SELECT entity_id, form, spans FROM entity_mentions WHERE article_seq = ? ORDER BY entity_id, n", (article_seq,)
    ):
        span = TextSpan.from_offsets(text, json.loads(m["spans"]))
        mentions.setdefault(m["entity_id"], []).append({**span.to_dict(), "form": m["form"]})
    return [
        {**json.loads(e["data"]), "mentions": mentions.get(e["id"], [])}
        for e in conn.execute("SELECT id, data FROM entities WHERE article_seq = ? ORDER BY n", (article_seq,))
    ]


def read_article(conn: sqlite3.Connection, article_id: str) -> Article | None:
    """A stored article as the Article it was stored from: text, fields, quotes, entities, blockquotes."""
    row = get_article(conn, article_id)
    if row is None:
        return None
    return Article.from_dict(row, row["quotes"], row["entities"])


def stats(conn: sqlite3.Connection) -> dict[str, int]:
    """How much the store holds."""
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "articles": one("SELECT count(*) FROM articles"),
        "quotes": one("SELECT count(*) FROM quotes"),
        "speakers": one("SELECT count(*) FROM speakers"),
        "outlets": one("SELECT count(*) FROM outlets"),
        "clusters": one("SELECT count(*) FROM clusters WHERE size > 1"),
    }
