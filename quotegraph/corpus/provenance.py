"""Quote provenance rules: which reports are the same quote, and how they differ.

A quote's words (see :mod:`.normalize`) become word shingles; a MinHash signature of
the shingles is cut into LSH bands, and two quotes whose band keys collide are
*candidates*.  Candidates are then checked exactly with :func:`near_duplicate`:
Jaccard similarity of the shingle sets at least ``JACCARD_THRESHOLD`` (altered
wording), or — for quotes long enough to mean something — containment of the
smaller set in the larger at least ``CONTAINMENT_THRESHOLD`` (truncated or
extended variants).  Clusters are the connected components of that relation,
so they do not depend on the order articles arrive in.

Every constant here is part of the contract with the Spark job: change one and
stored clusters differ from recomputed ones.

Why not ``datasketch`` (MinHash, MinHashLSH)?  Measured, not assumed (2026-12,
datasketch 2.0.0, this project's 2-core VM, the 1,837 sentences of PolNeAR dev
as quotes, 60 permutations):

* speed: :func:`minhash` takes 128 µs per quote; datasketch's ``MinHash`` with the
  same precomputed permutations 129 µs (it is the same numpy arithmetic), and
  560 µs when it draws its permutations per signature, as it does by default;
* persistence: the store writes a quote's band keys into its ``lsh`` table in the
  *same SQLite transaction* as the article, which is what makes an interrupted
  ingest resume to exactly the database an uninterrupted one makes.
  ``MinHashLSH`` keeps its buckets in memory (rebuilt from every stored quote at
  each open) or in Redis/Cassandra, outside that transaction;
* Spark needs the band keys as a pure function of the words, with stable seeds,
  in every executor: :func:`lsh_keys` is that function;
* datasketch would add scipy (about 40 MB) for these 30 lines.
"""

from __future__ import annotations

import difflib
import hashlib
import random
from dataclasses import dataclass

import numpy as np

SHINGLE_SIZE = 3  # words per shingle
NUM_PERM = 60  # MinHash permutations
BANDS = 20  # LSH bands ...
ROWS = 3  # ... of this many rows each: P(candidate) at Jaccard 0.3 ≈ 0.43, 0.4 ≈ 0.73, 0.5 ≈ 0.93, 0.6 ≈ 0.99
SEED = 20240626
JACCARD_THRESHOLD = 0.5
CONTAINMENT_THRESHOLD = 0.8
MIN_CONTAINMENT_SHINGLES = 5  # a quote shorter than this matches a longer one by Jaccard only
MAX_CANDIDATES = 50  # per quote, most shared bands first: bounds the cost of huge buckets of boilerplate

_PRIME = (1 << 32) - 5
_rng = random.Random(SEED)
_A = np.array([_rng.randrange(1, _PRIME) for _ in range(NUM_PERM)], dtype=np.uint64)
_B = np.array([_rng.randrange(0, _PRIME) for _ in range(NUM_PERM)], dtype=np.uint64)
assert BANDS * ROWS == NUM_PERM


def shingles(words: list[str]) -> frozenset[str]:
    """Word ``SHINGLE_SIZE``-grams; a quote shorter than that is one shingle (empty → none)."""
    if len(words) < SHINGLE_SIZE:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + SHINGLE_SIZE]) for i in range(len(words) - SHINGLE_SIZE + 1))


def shingle_hash(shingle: str) -> int:
    """A stable 32-bit hash of one shingle (Python's hash() is salted per process)."""
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=4).digest(), "big")


def minhash(shingle_set: frozenset[str]) -> list[int]:
    """The MinHash signature: for each of NUM_PERM hash functions (a*x+b mod p), the minimum."""
    if not shingle_set:
        return []
    x = np.fromiter((shingle_hash(s) for s in shingle_set), dtype=np.uint64, count=len(shingle_set))
    values = (np.outer(_A, x) + _B[:, None]) % _PRIME
    return values.min(axis=1).tolist()


def band_keys(signature: list[int]) -> list[int]:
    """One signed 64-bit key per LSH band (band index included, so bands never collide)."""
    keys = []
    for band in range(BANDS if signature else 0):
        rows = signature[band * ROWS : (band + 1) * ROWS]
        raw = band.to_bytes(2, "big") + b"".join(r.to_bytes(4, "big") for r in rows)
        keys.append(int.from_bytes(hashlib.blake2b(raw, digest_size=8).digest(), "big", signed=True))
    return keys


def lsh_keys(words: list[str]) -> list[int]:
    """The LSH band keys of a quote's words: shingles → MinHash → bands."""
    return band_keys(minhash(shingles(words)))


def near_duplicate(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two shingle sets are reports of the same quote (altered, truncated or extended)."""
    if not a or not b:
        return False
    common = len(a & b)
    if common == 0:
        return False
    if common / len(a | b) >= JACCARD_THRESHOLD:
        return True
    smaller = min(len(a), len(b))
    return smaller >= MIN_CONTAINMENT_SHINGLES and common / smaller >= CONTAINMENT_THRESHOLD


@dataclass(frozen=True)
class WordDiff:
    """How a report's words differ from the first appearance's."""

    removed: tuple[str, ...]  # words of the first appearance this report lacks or changed
    added: tuple[str, ...]  # words this report has that the first appearance does not

    @property
    def differs(self) -> bool:
        return bool(self.removed or self.added)

    def to_dict(self) -> dict[str, list[str]]:
        return {"removed": list(self.removed), "added": list(self.added)}


def word_diff(first: list[str], other: list[str]) -> WordDiff:
    """The words that differ between two normalised quotes, in text order."""
    removed: list[str] = []
    added: list[str] = []
    matcher = difflib.SequenceMatcher(a=first, b=other, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("replace", "delete"):
            removed.extend(first[i1:i2])
        if op in ("replace", "insert"):
            added.extend(other[j1:j2])
    return WordDiff(tuple(removed), tuple(added))
