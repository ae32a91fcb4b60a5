"""Quote clusters in the database: the same words reported by several articles.

A new quote joins every cluster holding an identical (normalised) quote or a near
duplicate found through the LSH table, merging them when it bridges several; a
cluster's id is the smallest quote rowid in it.  The result is the connected
components of the provenance relation (quotegraph.corpus.provenance), applied in
ingest order — so a resumed ingest ends exactly as an uninterrupted one.
First appearance is not stored: it is derived when read (by article date, then
ingest order), so a late-arriving older article is handled without rewrites.
"""

from __future__ import annotations

import sqlite3

from ..corpus import provenance


def assign_cluster(conn: sqlite3.Connection, rowid: int, norm: str, norm_hash: int, *, lsh: bool = True) -> int:
    """Put quote ``rowid`` in its cluster (merging clusters it bridges); returns the cluster id.

    ``lsh=False`` clusters identical text only, as schema v1 (which had no ``lsh``
    table) did: the migration tests write v1 databases with it.
    """
    found = {
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT cluster_id FROM quotes WHERE norm_hash = ? AND norm = ? AND rowid != ?",
            (norm_hash, norm, rowid),
        )
        if r[0] is not None
    }
    if lsh:
        words = norm.split()
        keys = provenance.lsh_keys(words)
        if keys:
            mine = provenance.shingles(words)
            marks = ",".join("?" * len(keys))
            candidates = conn.execute(
                # Most shared bands first: true variants collide in many bands, chance look-alikes in one.
                f"SELECT q.norm, q.cluster_id FROM (SELECT quote_rowid, count(*) AS shared FROM lsh "
                f"WHERE bucket IN ({marks}) GROUP BY quote_rowid ORDER BY shared DESC, quote_rowid LIMIT ?) c "
                "JOIN quotes q ON q.rowid = c.quote_rowid "
                "WHERE q.rowid != ? AND q.cluster_id IS NOT NULL AND q.norm != ?",
                (*keys, provenance.MAX_CANDIDATES, rowid, norm),
            ).fetchall()
            verdicts: dict[str, bool] = {}  # wire copies repeat the same words: check each text once
            for cand_norm, cand_cluster in candidates:
                if cand_cluster in found:
                    continue
                same = verdicts.get(cand_norm)
                if same is None:
                    same = verdicts[cand_norm] = provenance.near_duplicate(mine, provenance.shingles(cand_norm.split()))
                if same:
                    found.add(cand_cluster)
            conn.executemany("INSERT OR IGNORE INTO lsh(bucket, quote_rowid) VALUES (?, ?)", [(k, rowid) for k in keys])
    if not found:
        conn.execute("INSERT INTO clusters(id, size) VALUES (?, 1)", (rowid,))
        conn.execute("UPDATE quotes SET cluster_id = ? WHERE rowid = ?", (rowid, rowid))
        return rowid
    target = min(found)
    others = sorted(found - {target})
    if others:
        marks = ",".join("?" * len(others))
        conn.execute(f"UPDATE quotes SET cluster_id = ? WHERE cluster_id IN ({marks})", (target, *others))
        conn.execute(
            f"UPDATE clusters SET size = size + (SELECT coalesce(sum(size), 0) FROM clusters WHERE id IN ({marks})) "
            "WHERE id = ?",
            (*others, target),
        )
        conn.execute(f"DELETE FROM clusters WHERE id IN ({marks})", others)
    conn.execute("UPDATE clusters SET size = size + 1 WHERE id = ?", (target,))
    conn.execute("UPDATE quotes SET cluster_id = ? WHERE rowid = ?", (target, rowid))
    return target


def recluster_all(conn: sqlite3.Connection) -> None:
    """Recompute every cluster from scratch, in ingest order (used by migrations)."""
    conn.execute("UPDATE quotes SET cluster_id = NULL")
    conn.execute("DELETE FROM clusters")
    conn.execute("DELETE FROM lsh")
    rows = conn.execute("SELECT rowid, norm, norm_hash FROM quotes ORDER BY rowid").fetchall()
    for rowid, norm, norm_hash in rows:
        assign_cluster(conn, rowid, norm, norm_hash)
