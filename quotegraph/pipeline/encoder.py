"""The accurate finder's tagger: a small transformer encoder, run with onnxruntime (no torch).

all-MiniLM-L6-v2 (6 layers, 384 wide, uncased WordPiece), fine-tuned on PolNeAR
train to tag Source/Cue/Content (BIO) on spaCy's tokens.  The encoder is uncased, so
what casing says ("Kaplan" the name, "Trump" the man) comes in as extra input
embeddings per word piece, next to what the spaCy pipeline already knows:

    word piece + position  (MiniLM's own)
    + casing (lower, Title, UPPER, mixed, no letters)
    + fine-grained tag, entity (B/I and type)
    + quote-mark state (outside, inside, opens, closes) and paragraph start
    + cue lexicon (a word of :mod:`.cues`)

A spaCy token is tagged by the logits at its first word piece.  Articles longer
than the encoder's window run in overlapping windows: each window's middle part
(its *core*) is kept and at least ``context`` word pieces on both sides are only
read, so a token at a window's edge is tagged where it sees its neighbours.

The model is a folder (``quotegraph/models/accurate``): ``model.onnx`` (weights
quantised to int8), ``vocab.txt`` (MiniLM's word pieces) and ``config.json``
(feature vocabularies and window sizes), plus ``boundaries.json``, the parse step that
checks the encoder's content edges and sources (:mod:`.boundaries`).  Training and export
live in :mod:`quotegraph.train_encoder` (and :mod:`quotegraph.train_edges`).
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE, IS_ALPHA, LEMMA, TAG
from spacy.tokens import Doc

from ..errors import ModelError
from . import cues
from .extensions import line_breaks
from .spanmodel import Tagger, quote_state

FEATURES = ("case", "tag", "ent", "quote", "flag")  # extra inputs, one id per word piece each
CASES = 6  # 0 padding, 1 no letters, 2 lower, 3 Title, 4 UPPER, 5 mIxed
QUOTES = 5  # 0 padding, 1 outside, 2 inside, 3 opens, 4 closes
FLAGS = 5  # 0 padding, then 1 + (cue word) + 2·(paragraph start)
MAX_PIECES_PER_TOKEN = 8
MODEL_FILES = ("config.json", "vocab.txt", "model.onnx")
REINSTALL = "reinstall quotegraph (pip install --force-reinstall quotegraph) or train it again with `quotegraph train --finder accurate`"


class WordPiece:
    """BERT's uncased WordPiece (basic split, lower case, accents off, longest match first), per word."""

    def __init__(self, vocab: dict[str, int]) -> None:
        self.vocab = vocab
        self.unk = vocab["[UNK]"]
        self.cls, self.sep, self.pad = vocab["[CLS]"], vocab["[SEP]"], vocab["[PAD]"]
        self._cache: dict[str, list[int]] = {}

    @classmethod
    def from_file(cls, path: str | Path) -> "WordPiece":
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        return cls({w: i for i, w in enumerate(lines)})

    def __call__(self, word: str) -> list[int]:
        ids = self._cache.get(word)
        if ids is None:
            ids = self._cache[word] = self._pieces(word)
        return ids

    def _pieces(self, word: str) -> list[int]:
        if word.isspace() or not word:
            return [self.sep]  # a line break or a run of spaces: a boundary
        text = "".join(ch for ch in unicodedata.normalize("NFD", word.lower()) if unicodedata.category(ch) != "Mn")
        out: list[int] = []
        for chunk in _basic_split(text):
            out.extend(self._longest_match(chunk))
        return out[:MAX_PIECES_PER_TOKEN] or [self.unk]

    def _longest_match(self, chunk: str) -> list[int]:
        if len(chunk) > 100:
            return [self.unk]
        out, start = [], 0
        while start < len(chunk):
            end = len(chunk)
            while end > start:
                piece = chunk[start:end] if start == 0 else "##" + chunk[start:end]
                if piece in self.vocab:
                    out.append(self.vocab[piece])
                    break
                end -= 1
            else:
                return [self.unk]
            start = end
        return out


def _is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _basic_split(text: str) -> list[str]:
    """Split on spaces and around every punctuation mark and CJK character (BERT's basic tokeniser)."""
    out: list[str] = []
    word: list[str] = []
    for ch in text:
        cp = ord(ch)
        if ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf"):
            if word:
                out.append("".join(word))
                word = []
        elif _is_punctuation(ch) or 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF:
            if word:
                out.append("".join(word))
                word = []
            out.append(ch)
        else:
            word.append(ch)
    if word:
        out.append("".join(word))
    return out


@dataclass
class Encoded:
    """One Doc as word pieces: ids ``(P,)``, extra feature ids ``(P, len(FEATURES))``, and where each token starts."""

    pieces: np.ndarray
    features: np.ndarray
    first: np.ndarray  # (n_tokens,): index of each token's first piece


def _case_ids(words: Sequence[str]) -> np.ndarray:
    out = np.empty(len(words), dtype=np.int64)
    for i, w in enumerate(words):
        if not any(ch.isalpha() for ch in w):
            out[i] = 1
        elif w.islower():
            out[i] = 2
        elif w[:1].isupper() and (len(w) == 1 or w[1:].islower() or not any(c.isalpha() for c in w[1:])):
            out[i] = 3
        elif w.isupper():
            out[i] = 4
        else:
            out[i] = 5
    return out


class Features:
    """Turns a Doc into :class:`Encoded` (the same code at training and at run time)."""

    def __init__(self, config: dict[str, Any], wordpiece: WordPiece) -> None:
        self.tags: list[str] = config["tags"]
        self.ents: list[str] = config["ents"]
        self.wordpiece = wordpiece
        self._tables: tuple[dict[int, int], dict[int, int], np.ndarray] | None = None

    def _lookup_tables(self, strings: Any) -> tuple[dict[int, int], dict[int, int], np.ndarray]:
        if self._tables is None:
            cue_words = sorted(set(cues.CUE_VERBS) | set(cues.CUE_NOUNS))
            self._tables = (
                {strings.add(t): i + 1 for i, t in enumerate(self.tags)},
                {strings.add(e): i + 1 for i, e in enumerate(self.ents)},
                np.array([strings.add(w) for w in cue_words], dtype=np.uint64),
            )
        return self._tables

    def __call__(self, doc: Doc) -> Encoded:
        n = len(doc)
        tag_table, ent_table, cue_hashes = self._lookup_tables(doc.vocab.strings)
        arr = doc.to_array([TAG, ENT_IOB, ENT_TYPE, LEMMA, IS_ALPHA]).astype(np.uint64)
        words = [t.text for t in doc]
        tag_ids = np.array([tag_table.get(int(h), 0) for h in arr[:, 0]], dtype=np.int64)
        ent_ids = np.array([ent_table.get(int(h), 0) for h in arr[:, 2]], dtype=np.int64)
        ent_ids = np.where(ent_ids > 0, ent_ids * 2 - (arr[:, 1] == 3), 0)
        inside, opens, closes = quote_state(doc)
        quote_ids = np.where(closes > 0, 4, np.where(opens > 0, 3, np.where(inside > 0, 2, 1))).astype(np.int64)
        para = np.zeros(n, dtype=np.int64)
        if n:
            para[0] = 1
            para[1:] = line_breaks(doc)[:-1]
        cue = np.isin(arr[:, 3], cue_hashes).astype(np.int64) & (arr[:, 4] > 0)
        per_token = np.stack([_case_ids(words), tag_ids, ent_ids, quote_ids, 1 + cue + 2 * para], axis=1)
        pieces = [self.wordpiece(w) for w in words]
        counts = np.fromiter((len(p) for p in pieces), dtype=np.int64, count=n)
        first = np.concatenate([[0], np.cumsum(counts)[:-1]]) if n else np.zeros(0, dtype=np.int64)
        ids = np.fromiter((i for p in pieces for i in p), dtype=np.int64, count=int(counts.sum()))
        return Encoded(pieces=ids, features=np.repeat(per_token, counts, axis=0), first=first)


def windows(first: np.ndarray, n_pieces: int, body: int, context: int) -> list[tuple[int, int, int, int]]:
    """Cut ``n_pieces`` word pieces into windows of at most ``body``: ``(left, core_start, core_end, right)``.

    The cores cover every piece once and start at a token's first piece; a window
    reads ``context`` pieces or more beyond its core on each side (fewer only at the
    article's ends).  A token longer than a whole core still gets one.
    """
    if n_pieces <= body:
        return [(0, 0, n_pieces, n_pieces)]
    out = []
    a = 0
    while a < n_pieces:
        left = max(0, a - context)
        right = min(n_pieces, left + body)
        limit = right if right == n_pieces else right - context
        k = int(np.searchsorted(first, limit, side="right")) - 1  # last token starting at or before the limit
        b = int(first[k]) if k >= 0 else limit
        if right == n_pieces:
            b = n_pieces
        elif b <= a:  # one token longer than the core: take it whole
            nxt = int(np.searchsorted(first, a, side="right"))
            b = int(first[nxt]) if nxt < len(first) else n_pieces
            right = min(n_pieces, max(right, b))
        out.append((left, a, b, right))
        a = b
    return out


def _softmax_log(logits: np.ndarray) -> np.ndarray:
    logits = logits - logits.max(-1, keepdims=True)
    return logits - np.log(np.exp(logits).sum(-1, keepdims=True))


class EncoderModel(Tagger):
    """The loaded accurate tagger: Docs in, role spans out (the same interface as :class:`.spanmodel.SpanModel`)."""

    def __init__(self, path: str | Path, *, threads: int = 1, batch_windows: int = 1) -> None:
        path = Path(path)
        missing = [name for name in MODEL_FILES if not (path / name).is_file()]
        if missing:
            raise ModelError(f"the accurate finder's model is incomplete: {path / missing[0]} is missing; {REINSTALL}")
        try:
            self.config = json.loads((path / "config.json").read_text(encoding="utf-8"))
            self.features = Features(self.config, WordPiece.from_file(path / "vocab.txt"))
            body, context = int(self.config["window"]) - 2, int(self.config["context"])
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(f"cannot read the accurate finder's model files in {path} ({exc}); {REINSTALL}") from exc
        self.body, self.context = body, context
        self.batch_windows = batch_windows
        try:
            import onnxruntime as ort
        except ImportError as exc:
            raise ModelError("the accurate finder runs with onnxruntime: pip install onnxruntime") from exc
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        try:
            self.session = ort.InferenceSession(str(path / "model.onnx"), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own exception types for a bad file
            raise ModelError(f"cannot load {path / 'model.onnx'}: it is corrupt or not an ONNX model ({exc}); {REINSTALL}") from exc
        self.input_names = {i.name for i in self.session.get_inputs()}

    def log_probs_encoded(self, encoded: Sequence[Encoded]) -> list[np.ndarray]:
        """Per-token tag log-probabilities for already encoded docs.

        One window per run by default: the int8 model quantises its activations over the whole
        input tensor, so windows run together (and their padding) change each other's figures —
        an article would get other quotes depending on the articles beside it in a batch.  Alone,
        each window gets the same figures every time, and on a CPU it is no slower (measured on 40
        PolNeAR dev articles: 5.0 s one by one against 5.7 s in batches of 8).
        """
        jobs = []  # (doc index, left, core_start, core_end, right)
        for d, enc in enumerate(encoded):
            if len(enc.first):
                jobs.extend((d, *w) for w in windows(enc.first, len(enc.pieces), self.body, self.context))
        out = [np.zeros((len(e.first), 0), dtype=np.float32) for e in encoded]
        piece_logits: list[np.ndarray | None] = [None] * len(encoded)
        jobs.sort(key=lambda j: j[4] - j[1])  # similar lengths together: less padding
        for i in range(0, len(jobs), self.batch_windows):
            batch = jobs[i : i + self.batch_windows]
            logits = self._run([encoded[d] for d, *_ in batch], [(left, right) for _, left, _, _, right in batch])
            for row, (d, left, a, b, _right) in zip(logits, batch):
                if piece_logits[d] is None:
                    piece_logits[d] = np.zeros((len(encoded[d].pieces), row.shape[-1]), dtype=np.float32)
                piece_logits[d][a:b] = row[1 + a - left : 1 + b - left]
        for d, enc in enumerate(encoded):
            if piece_logits[d] is not None:
                out[d] = _softmax_log(piece_logits[d][enc.first])
        return out

    def _run(self, docs: Sequence[Encoded], spans: Sequence[tuple[int, int]]) -> np.ndarray:
        width = max(r - l for l, r in spans) + 2
        ids = np.zeros((len(docs), width), dtype=np.int64)
        mask = np.zeros((len(docs), width), dtype=np.int64)
        feats = np.zeros((len(docs), width, len(FEATURES)), dtype=np.int64)
        wp = self.features.wordpiece
        for i, (enc, (l, r)) in enumerate(zip(docs, spans)):
            n = r - l
            ids[i, 0], ids[i, 1 : n + 1], ids[i, n + 1] = wp.cls, enc.pieces[l:r], wp.sep
            mask[i, : n + 2] = 1
            feats[i, 1 : n + 1] = enc.features[l:r]
        inputs = {"input_ids": ids, "attention_mask": mask, **{name: feats[..., k] for k, name in enumerate(FEATURES)}}
        return self.session.run(["logits"], {k: v for k, v in inputs.items() if k in self.input_names})[0]

    def doc_log_probs(self, docs: Sequence[Doc]) -> list[np.ndarray]:
        """Per-token tag log-probabilities for each doc."""
        return self.log_probs_encoded([self.features(doc) for doc in docs])


def load(path: str | Path, **kwargs: Any) -> EncoderModel:
    return EncoderModel(path, **kwargs)


__all__ = ["FEATURES", "WordPiece", "Encoded", "Features", "windows", "EncoderModel", "load"]
