"""The learned span model: a convolutional tagger over Source/Cue/Content (BIO) tokens.

Why this shape: PolNeAR is univocal (each token in at most one attribution), so
tagging tokens is enough to find the spans.  Residual dilated convolutions see
about 60 tokens around each token (fully parallel, so cheap on CPU); quote-mark
state and sentence/paragraph starts carry what lies further away.  An optional
small BiLSTM layer on top (``"lstm": true``) sees the whole article.  Its inputs are what the spaCy pipeline already computed — the
tok2vec tensor, fine-grained tags, entities, sentence starts — plus quote-mark
state, paragraph breaks, a reporting-cue lexicon and a hashed lowercase word.
No dependency parse is needed, so the default pipeline can run without one.

Features are taken for a whole Doc at once with ``Doc.to_array``; the network
runs once per batch of docs.  The model is a folder: ``config.json`` (vocabularies
and sizes) and ``weights.npz`` (float16 tensors).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, IS_PUNCT, IS_TITLE, IS_UPPER, LEMMA, LIKE_NUM, LOWER, SENT_START, TAG
from spacy.tokens import Doc

from ..errors import ModelError
from ..lang.quotemarks import CLOSING_DOUBLE, OPENING_DOUBLE, STRAIGHT_DOUBLE
from . import gemm
from .extensions import line_breaks, text_of
from .quotemarks import Direction, pair_marks

ROLES = ("Source", "Cue", "Content")
TAGS = ("O",) + tuple(f"{p}-{r}" for r in ROLES for p in ("B", "I"))
TENSOR_DIM = 96  # en_core_web_sm's tok2vec width
# Quote-mark tokens, as the model was trained to read them: curly and angled marks say
# which way they go, a straight one alternates, PTB's `` only opens and '' only closes.
_OPENS = frozenset(OPENING_DOUBLE) | {STRAIGHT_DOUBLE, "``"}  # may open a quotation
_CLOSES = frozenset(CLOSING_DOUBLE) | {STRAIGHT_DOUBLE, "''"}  # may close the open one
_CUTS = frozenset(OPENING_DOUBLE)  # opens another while one is open
_MARK_TOKENS = _OPENS | _CLOSES
_MARK_OR_BREAK = re.compile("[" + re.escape("".join(sorted(set("".join(_MARK_TOKENS))))) + "\n]")


@dataclass
class Vocab:
    """What turns tokens into ids: the pipeline's labels and the cue lexicon learned from train."""

    tags: list[str]
    ents: list[str]
    cue_lemmas: list[str]
    word_buckets: int = 1 << 14

    def to_dict(self) -> dict[str, Any]:
        return {"tags": self.tags, "ents": self.ents, "cue_lemmas": self.cue_lemmas, "word_buckets": self.word_buckets}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Vocab":
        return cls(data["tags"], data["ents"], data["cue_lemmas"], int(data["word_buckets"]))


@dataclass
class Features:
    """One Doc as arrays: dense floats ``(n, D)`` and categorical ids ``(n, 3)`` (tag, entity, word)."""

    dense: np.ndarray
    ids: np.ndarray


def _lookup(values: np.ndarray, table: dict[int, int]) -> np.ndarray:
    uniq, inverse = np.unique(values, return_inverse=True)
    return np.array([table.get(int(u), 0) for u in uniq], dtype=np.int64)[inverse.reshape(-1)]


def quote_state(doc: Doc) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per token: inside a quotation, opens one, closes one.

    Marks are paired by :func:`.quotemarks.pair_marks`, paragraph by paragraph, so an
    unclosed quotation ends at the paragraph break (news writes a quote running over
    paragraphs by reopening it).  An opening mark counts as one even when another
    cuts its quotation short, but only quotations that close or reach the break are
    inside: the features the model was trained on.
    """
    n = len(doc)
    inside = np.zeros(n, dtype=np.float32)
    opens = np.zeros(n, dtype=np.float32)
    closes = np.zeros(n, dtype=np.float32)
    # Only tokens holding a quote mark or a line break matter: find them in the text, not token by token.
    idx = doc.to_array(IDX)
    hits = [m.start() for m in _MARK_OR_BREAK.finditer(text_of(doc))]
    marks: list[int] = []
    for i in sorted(set((np.searchsorted(idx, hits, side="right") - 1).tolist())):
        tok = doc[i]
        if tok.text in _MARK_TOKENS:
            marks.append(i)
        elif tok.is_space and "\n" in tok.text:
            _mark_paragraph(doc, marks, i, inside, opens, closes)
            marks = []
    _mark_paragraph(doc, marks, n, inside, opens, closes)
    return inside, opens, closes


def _token_direction(doc: Doc) -> Callable[[int, int | None], Direction]:
    """Which way a quote-mark token goes, by its text alone."""

    def direction(i: int, open_at: int | None) -> Direction:
        text = doc[i].text
        if open_at is None:
            return "open" if text in _OPENS else None
        if text in _CLOSES:
            return "close"
        return "open" if text in _CUTS else None

    return direction


def _mark_paragraph(
    doc: Doc, marks: list[int], end: int, inside: np.ndarray, opens: np.ndarray, closes: np.ndarray
) -> None:
    """Set the quote state of one paragraph's mark tokens, the paragraph ending at token ``end``."""
    for pair in pair_marks(marks, _token_direction(doc)):  # a token closes only what is open: never a lone closer
        opens[pair.opened] = 1.0
        if pair.closed is not None:
            inside[pair.opened : pair.closed + 1] = 1.0
            closes[pair.closed] = 1.0
        elif pair.cut is None:
            inside[pair.opened : end] = 1.0


def featurize(doc: Doc, vocab: Vocab, strings: Any, cue_hashes: set[int]) -> Features:
    """All inputs the tagger reads for one Doc, computed at once."""
    n = len(doc)
    arr = doc.to_array([TAG, ENT_IOB, ENT_TYPE, LOWER, LEMMA, IS_TITLE, IS_UPPER, IS_PUNCT, LIKE_NUM, SENT_START])
    tag_table = {strings[t]: i + 1 for i, t in enumerate(vocab.tags)}
    ent_table = {strings[e]: i + 1 for i, e in enumerate(vocab.ents)}
    tag_ids = _lookup(arr[:, 0], tag_table)
    ent_ids = _lookup(arr[:, 2], ent_table)
    ent_ids = np.where(ent_ids > 0, ent_ids * 2 - (arr[:, 1] == 3), 0)  # B and I of each type
    word_ids = (arr[:, 3] % np.uint64(vocab.word_buckets)).astype(np.int64) + 1
    inside, opens, closes = quote_state(doc)
    spaces = line_breaks(doc).astype(np.float32)
    para_start = np.zeros(n, dtype=np.float32)
    para_start[0:1] = 1.0
    para_start[1:] = spaces[:-1]
    cue = np.isin(arr[:, 4], np.fromiter(cue_hashes, dtype=np.uint64, count=len(cue_hashes))).astype(np.float32)
    sent_start = (arr[:, 9].astype(np.int64) == 1).astype(np.float32)
    sent_start[0:1] = 1.0
    pos = np.arange(n, dtype=np.float32)
    flags = np.stack(
        [
            arr[:, 5].astype(np.float32),
            arr[:, 6].astype(np.float32),
            arr[:, 7].astype(np.float32),
            arr[:, 8].astype(np.float32),
            inside,
            opens,
            closes,
            sent_start,
            para_start,
            spaces,
            cue,
            np.roll(cue, 1) * (pos > 0),
            np.roll(cue, -1) * (pos < n - 1),
            np.minimum(pos, 50.0) / 50.0,
        ],
        axis=1,
    )
    tensor = np.asarray(doc.tensor, dtype=np.float32)
    if tensor.ndim != 2 or tensor.shape != (n, TENSOR_DIM):
        raise ModelError(
            f"the span model reads a {TENSOR_DIM}-wide tok2vec tensor (en_core_web_sm); this pipeline gives "
            f"{tensor.shape}: use --finder rules, or retrain the model on this pipeline with `quotegraph train`"
        )
    dense = np.concatenate([tensor, flags], axis=1)
    return Features(dense=dense, ids=np.stack([tag_ids, ent_ids, word_ids], axis=1))


def build_network(config: dict[str, Any]):
    """The torch module described by ``config`` (imported lazily: torch is heavy)."""
    import torch
    from torch import nn

    class SpanTagger(nn.Module):
        """Embeddings → projection → residual dilated convolutions (→ optional BiLSTM) → tag scores."""

        def __init__(self) -> None:
            super().__init__()
            c = config
            self.tag_emb = nn.Embedding(len(c["vocab"]["tags"]) + 1, 16)
            self.ent_emb = nn.Embedding(2 * len(c["vocab"]["ents"]) + 1, 16)
            self.word_emb = nn.Embedding(c["vocab"]["word_buckets"] + 1, c["word_dim"])
            n_in = c["dense_dim"] + 32 + c["word_dim"]
            h = c["hidden"]
            self.proj = nn.Linear(n_in, h)
            self.drop = nn.Dropout(c["dropout"])
            self.convs = nn.ModuleList(
                nn.Conv1d(h, h, kernel_size=3, dilation=d, padding=d) for d in c["dilations"]
            )
            self.norms = nn.ModuleList(nn.LayerNorm(h) for _ in c["dilations"])
            self.lstm = nn.LSTM(h, h // 2, bidirectional=True, batch_first=True) if c.get("lstm") else None
            self.out = nn.Linear(h, len(TAGS))

        def forward(self, dense, ids, lengths):
            x = torch.cat([dense, self.tag_emb(ids[..., 0]), self.ent_emb(ids[..., 1]), self.word_emb(ids[..., 2])], -1)
            mask = (torch.arange(x.shape[1])[None, :] < lengths[:, None]).unsqueeze(-1).to(x.dtype)
            x = self.drop(torch.relu(self.proj(x))) * mask
            for conv, norm in zip(self.convs, self.norms):
                y = torch.relu(conv(x.transpose(1, 2))).transpose(1, 2)
                x = norm(x + self.drop(y)) * mask
            if self.lstm is not None:
                packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
                y, _ = self.lstm(packed)
                y, _ = nn.utils.rnn.pad_packed_sequence(y, batch_first=True, total_length=x.shape[1])
                x = x + self.drop(y)
            return self.out(x)

    return SpanTagger()


def batch_tensors(feats: Sequence[Features]):
    """Pad a batch of Features into torch tensors ``(dense, ids, lengths)``."""
    import torch

    lengths = [len(f.ids) for f in feats]
    width = max(lengths)
    dense = np.zeros((len(feats), width, feats[0].dense.shape[1]), dtype=np.float32)
    ids = np.zeros((len(feats), width, 3), dtype=np.int64)
    for i, f in enumerate(feats):
        dense[i, : lengths[i]] = f.dense
        ids[i, : lengths[i]] = f.ids
    return torch.from_numpy(dense), torch.from_numpy(ids), torch.tensor(lengths)


def _allowed() -> np.ndarray:
    """BIO transitions: I-X may only follow B-X or I-X."""
    ok = np.ones((len(TAGS), len(TAGS)), dtype=bool)
    for j, tag in enumerate(TAGS):
        if tag.startswith("I-"):
            ok[:, j] = False
            ok[TAGS.index("B-" + tag[2:]), j] = True
            ok[j, j] = True
    return ok


_allowed_table = _allowed()
_PENALTY = np.where(_allowed_table, 0.0, -1e4).astype(np.float32)
_START_PENALTY = np.array([-1e4 if t.startswith("I-") else 0.0 for t in TAGS], dtype=np.float32)


def viterbi(log_probs: np.ndarray) -> np.ndarray:
    """The best BIO-valid tag sequence for one doc's ``(n, tags)`` log-probabilities."""
    n = len(log_probs)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    back = np.zeros((n, len(TAGS)), dtype=np.int64)
    score = log_probs[0] + _START_PENALTY
    for i in range(1, n):
        cand = score[:, None] + _PENALTY
        back[i] = cand.argmax(0)
        score = cand.max(0) + log_probs[i]
    path = np.zeros(n, dtype=np.int64)
    path[-1] = int(score.argmax())
    for i in range(n - 1, 0, -1):
        path[i - 1] = back[i, path[i]]
    return path


def best_tags(log_probs: np.ndarray, sure_o: float = 0.9) -> np.ndarray:
    """BIO-valid tags, cheaply: the argmax, with Viterbi re-run only where it is invalid.

    Viterbi runs over each stretch between tokens that are surely outside any span
    (argmax O with probability >= ``sure_o``) that holds an invalid transition;
    elsewhere the argmax is already the Viterbi path.
    """
    path = log_probs.argmax(1)
    if len(path) == 0:
        return path
    prev = np.concatenate([[0], path[:-1]])
    bad = ~_allowed_table[prev, path]
    if not bad.any():
        return path
    open_ = ~((path == 0) & (log_probs[:, 0] >= np.log(sure_o)))
    edges = np.flatnonzero(np.diff(np.concatenate([[0], open_.astype(np.int8), [0]])))
    for start, end in zip(edges[::2], edges[1::2]):
        if bad[start:end].any():
            path[start:end] = viterbi(log_probs[start:end])
    return path


_IS_B = np.array([t.startswith("B-") for t in TAGS])


def decode(tags: np.ndarray) -> list[tuple[str, int, int]]:
    """``(role, first_token, end_token)`` runs from a tag-id sequence."""
    spans: list[tuple[str, int, int]] = []
    role, start = None, 0
    tags = np.asarray(tags)
    n = len(tags)
    # Only where the tag changes (or a B- repeats) can a span start or end: visit just those.
    changes = np.flatnonzero((tags != np.concatenate([[-1], tags[:-1]])) | _IS_B[tags]) if n else tags
    for i in changes.tolist() + [n]:
        name = TAGS[int(tags[i])] if i < n else "O"
        if role is not None and (name == "O" or name.startswith("B-") or name[2:] != role):
            spans.append((role, start, i))
            role = None
        if name.startswith("B-") or (name.startswith("I-") and role is None):
            role, start = name[2:], i
    return spans


class Tagger:
    """What a finder needs of a tagger: per-token tag log-probabilities, and the role spans they decode to.

    A tagger gives :meth:`doc_log_probs` (one row per spaCy token, a column per tag of
    ``TAGS``); the spans come from the same decoding for every tagger.
    """

    def doc_log_probs(self, docs: Sequence[Doc]) -> list[np.ndarray]:
        raise NotImplementedError

    def predict_with_log_probs(self, docs: Sequence[Doc]) -> list[tuple[list[tuple[str, int, int]], np.ndarray]]:
        """Role spans (token ranges) for each doc, with the log-probabilities they were decoded from."""
        return [(decode(best_tags(lp)) if len(lp) else [], lp) for lp in self.doc_log_probs(list(docs))]

    def predict(self, docs: Sequence[Doc]) -> list[list[tuple[str, int, int]]]:
        """Role spans (token ranges) for each doc."""
        return [spans for spans, _ in self.predict_with_log_probs(docs)]


class Blend(Tagger):
    """Taggers voting on every token: their tag probabilities averaged, with weights.

    Why: the encoder reads word pieces, the span model spaCy's features; each is unsure on
    words the other reads well, so a little of the span model's vote sharpens the accurate
    finder's edges (bench/RESULTS.md, 0j).  Each tagger gives one row per spaCy token.
    """

    def __init__(self, parts: Sequence[tuple[Any, float]]) -> None:
        self.parts = [(tagger, float(weight)) for tagger, weight in parts if weight > 0]

    def doc_log_probs(self, docs: Sequence[Doc]) -> list[np.ndarray]:
        votes = [tagger.doc_log_probs(docs) for tagger, _ in self.parts]
        total = sum(weight for _, weight in self.parts)
        out = []
        for per_doc in zip(*votes):
            if any(len(lp) != len(per_doc[0]) for lp in per_doc):
                raise ModelError("the blended taggers disagree on the number of tokens; they must read the same spaCy pipeline")
            if not len(per_doc[0]):
                out.append(per_doc[0])
                continue
            probs = sum(weight * np.exp(lp) for (_, weight), lp in zip(self.parts, per_doc)) / total
            out.append(np.log(np.maximum(probs, 1e-12)).astype(np.float32))
        return out


class SpanModel(Tagger):
    """A loaded span model: Docs in, role spans out."""

    def __init__(self, config: dict[str, Any], network: Any = None, weights: dict[str, np.ndarray] | None = None) -> None:
        self.config = config
        self.vocab = Vocab.from_dict(config["vocab"])
        # Either a torch network (training) or plain weights for numpy inference.
        self.network = network
        self.weights = weights
        self._cue_hashes: set[int] | None = None

    def features(self, doc: Doc) -> Features:
        if self._cue_hashes is None:
            self._cue_hashes = {doc.vocab.strings.add(lemma) for lemma in self.vocab.cue_lemmas}
        return featurize(doc, self.vocab, doc.vocab.strings, self._cue_hashes)

    def log_probs(self, feats: Sequence[Features]) -> list[np.ndarray]:
        """Per-token tag log-probabilities for a batch (the network in eval mode)."""
        if self.network is None:
            # One doc's matrices are small: a second BLAS thread only spins, and fights spaCy for the core.
            with gemm.blas_controller().limit(limits=1, user_api="blas"):
                return numpy_log_probs_batch(self.weights, self.config, feats)
        import torch

        self.network.eval()
        threads = torch.get_num_threads()
        # One doc's matrices are small: extra threads only spin, and cost a lot on a busy machine.
        torch.set_num_threads(1)
        try:
            with torch.inference_mode():
                dense, ids, lengths = batch_tensors(feats)
                out = torch.log_softmax(self.network(dense, ids, lengths), -1).numpy()
        finally:
            torch.set_num_threads(threads)
        return [out[i, : len(f.ids)] for i, f in enumerate(feats)]

    def doc_log_probs(self, docs: Sequence[Doc]) -> list[np.ndarray]:
        """Per-token tag log-probabilities for each doc (``(0, len(TAGS))`` for an empty one)."""
        result = [np.zeros((0, len(TAGS)), dtype=np.float32) for _ in docs]
        todo = [i for i, d in enumerate(docs) if len(d)]
        if todo:
            for i, lp in zip(todo, self.log_probs([self.features(docs[i]) for i in todo])):
                result[i] = lp
        return result

    def save(self, path: str | Path) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "config.json").write_text(json.dumps(self.config, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        if self.network is not None:
            state = {k: v.detach().cpu().numpy().astype(np.float16) for k, v in self.network.state_dict().items()}
        else:
            state = {k: v.astype(np.float16) for k, v in (self.weights or {}).items() if not k.endswith(".stacked")}
        np.savez_compressed(path / "weights.npz", **state)


def load(path: str | Path, *, backend: str = "auto") -> SpanModel:
    """Load a model folder written by :meth:`SpanModel.save` (raises ModelError if unusable).

    ``backend="auto"`` runs the model in numpy (no torch needed at run time);
    ``"torch"`` loads it into a torch network (to train on, or to check the numpy pass).
    """
    path = Path(path)
    try:
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        with np.load(path / "weights.npz") as npz:
            weights = {k: npz[k].astype(np.float32) for k in npz.files}
        if backend == "auto":
            return SpanModel(config, weights=weights)
        try:
            import torch
        except ImportError as exc:
            raise ModelError("this span model needs torch: pip install torch==2.13.0") from exc
        network = build_network(config)
        network.load_state_dict({k: torch.from_numpy(v) for k, v in weights.items()})
    except (OSError, ValueError, KeyError, RuntimeError) as exc:
        raise ModelError(f"cannot load span model from {path}: {exc}; retrain it with `quotegraph train`") from exc
    network.eval()
    return SpanModel(config, network)


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray, eps: float = 1e-5) -> np.ndarray:
    """torch's LayerNorm over the last axis, in place on ``x`` (a fresh array: no copies of a large batch)."""
    x -= x.mean(-1, keepdims=True)
    x *= 1.0 / np.sqrt(np.einsum("ij,ij->i", x, x)[:, None] / x.shape[-1] + eps)
    x *= gain
    x += bias
    return x


def numpy_log_probs_batch(w: dict[str, np.ndarray], config: dict[str, Any], feats: Sequence[Features]) -> list[np.ndarray]:
    """:func:`numpy_log_probs` for many documents in one pass (far fewer numpy calls).

    The documents are stacked with a gap of zero rows between them, as wide as the
    largest dilation, and the gaps are zeroed again after every layer: each
    convolution then sees at a document's edge exactly the zero padding it sees
    when the document runs alone.
    """
    if len(feats) <= 1:
        return [numpy_log_probs(w, config, f) for f in feats]
    gap = max(config["dilations"])
    width = feats[0].dense.shape[1]
    total = gap + sum(len(f.ids) + gap for f in feats)
    dense = np.zeros((total, width), dtype=np.float32)
    ids = np.zeros((total, 3), dtype=np.int64)
    real = np.zeros(total, dtype=bool)
    bounds = []
    at = gap
    for f in feats:
        n = len(f.ids)
        dense[at : at + n] = f.dense
        ids[at : at + n] = f.ids[:, :3]
        real[at : at + n] = True
        bounds.append((at, at + n))
        at += n + gap
    lp = numpy_log_probs(w, config, Features(dense=dense, ids=ids), real=real, bounds=bounds)
    return [lp[a:b] for a, b in bounds]


def _taps(x: np.ndarray, d: int) -> np.ndarray:
    """Each row beside the rows ``d`` before and after it (zeros past the ends): a width-3 dilated
    convolution is then one matrix product.  Filled in place — no padded copy of ``x``."""
    length, width = x.shape
    taps = np.zeros((length, 3 * width), dtype=x.dtype)
    taps[:, width : 2 * width] = x
    if d < length:
        taps[d:, :width] = x[: length - d]
        taps[: length - d, 2 * width :] = x[d:]
    return taps


def _bilstm(w: dict[str, np.ndarray], x: np.ndarray, bounds: Sequence[tuple[int, int]]) -> np.ndarray:
    """torch's bidirectional ``nn.LSTM`` in numpy, for documents stacked in ``x`` at ``bounds``.

    Each document runs on its own (its state starts at zero), forwards and backwards.  The
    input's share of the gates is one matrix product for all tokens; only the recurrent
    product runs step by step — for every document and both directions at once, each
    direction's hidden state multiplying its own block of one recurrent matrix.  Rows past a
    document's length come after its real ones, so they never reach its outputs.
    """
    hidden = w["lstm.weight_hh_l0"].shape[1]
    lengths = [b - a for a, b in bounds]
    n, steps = len(bounds), max(lengths, default=0)
    gates_in = np.zeros((steps, 2 * n, 4 * hidden), dtype=np.float32)  # step, (doc, direction), gates
    for d, suffix in enumerate(("", "_reverse")):
        proj = x @ w[f"lstm.weight_ih_l0{suffix}"].T + (w[f"lstm.bias_ih_l0{suffix}"] + w[f"lstm.bias_hh_l0{suffix}"])
        for k, (a, b) in enumerate(bounds):
            gates_in[: b - a, d * n + k] = proj[a:b] if d == 0 else proj[a:b][::-1]
    recurrent = np.zeros((2, hidden, 4 * hidden), dtype=np.float32)
    recurrent[0], recurrent[1] = w["lstm.weight_hh_l0"].T, w["lstm.weight_hh_l0_reverse"].T
    h = np.zeros((2, n, hidden), dtype=np.float32)
    c = np.zeros((2 * n, hidden), dtype=np.float32)
    out = np.zeros((steps, 2 * n, hidden), dtype=np.float32)
    for t in range(steps):
        g = gates_in[t] + np.matmul(h, recurrent).reshape(2 * n, 4 * hidden)
        gate = 0.5 * (np.tanh(0.5 * g) + 1.0)  # sigmoid: input, forget, (cell), output
        c = gate[:, hidden : 2 * hidden] * c + gate[:, :hidden] * np.tanh(g[:, 2 * hidden : 3 * hidden])
        out[t] = gate[:, 3 * hidden :] * np.tanh(c)
        h = out[t].reshape(2, n, hidden)
    result = np.zeros((x.shape[0], 2 * hidden), dtype=np.float32)
    for k, (a, b) in enumerate(bounds):
        result[a:b, :hidden] = out[: b - a, k]
        result[a:b, hidden:] = out[: b - a, n + k][::-1]
    return result


def numpy_log_probs(
    w: dict[str, np.ndarray], config: dict[str, Any], feats: Features, real: np.ndarray | None = None,
    bounds: Sequence[tuple[int, int]] | None = None,
) -> np.ndarray:
    """The network's eval-mode forward pass in numpy, for one document (or several stacked at ``bounds``).

    Mirrors :func:`build_network` so inference needs no torch.
    """
    ids = feats.ids
    x = np.concatenate(
        [feats.dense.astype(np.float32), w["tag_emb.weight"][ids[:, 0]], w["ent_emb.weight"][ids[:, 1]],
         w["word_emb.weight"][ids[:, 2]]],
        axis=1,
    )
    x = np.maximum(x @ w["proj.weight"].T + w["proj.bias"], 0.0)
    gaps = None if real is None else ~real  # rows between stacked documents: kept at zero
    if gaps is not None:
        x[gaps] = 0.0
    length = x.shape[0]
    for i, d in enumerate(config["dilations"]):
        stacked = w.get(f"convs.{i}.stacked")
        if stacked is None:  # (out, in, 3) → (3·in, out), contiguous, once per model
            kernel = w[f"convs.{i}.weight"]
            stacked = w[f"convs.{i}.stacked"] = np.ascontiguousarray(kernel.transpose(2, 1, 0).reshape(-1, kernel.shape[0]))
        y = w[f"convs.{i}.bias"] + _taps(x, d) @ stacked
        x = _layer_norm(x + np.maximum(y, 0.0), w[f"norms.{i}.weight"], w[f"norms.{i}.bias"])
        if gaps is not None:
            x[gaps] = 0.0
    if config.get("lstm"):
        x = x + _bilstm(w, x, bounds if bounds is not None else [(0, length)])
    logits = x @ w["out.weight"].T + w["out.bias"]
    logits = logits - logits.max(-1, keepdims=True)
    return logits - np.log(np.exp(logits).sum(-1, keepdims=True))


__all__ = ["ROLES", "TAGS", "Vocab", "Features", "featurize", "quote_state", "build_network", "viterbi", "best_tags", "decode",
           "Tagger", "Blend", "SpanModel", "load", "numpy_log_probs", "numpy_log_probs_batch"]
