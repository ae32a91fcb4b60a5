"""Span finders by name.

* ``"model"`` — the learned span model (:mod:`.spanmodel`) plus relation assembly
  (:mod:`.relations`); runs without the dependency parse, then parses only the sentences
  that hold an attribution to check its content edges and sources against the parse
  (:class:`.boundaries.SentenceParse`, when its model folder has a ``boundaries.json``).
* ``"rules"`` — quote marks, reporting verbs and the dependency parse (:mod:`.rules`).
* ``"hybrid"`` — both: the rules' attributions (more exact content edges, from the
  parse), plus the model's where no rule attribution overlaps them.  Needs the parser.
* ``"accurate"`` — a transformer encoder (:mod:`.encoder`, MiniLM run with
  onnxruntime) in place of the span model, with the same decoding, assembly and
  tidying, then content edges from the parse where a fitted model prefers them
  (:mod:`.boundaries`); needs the parser, slower, the most exact.  Its encoder's tag
  probabilities are blended with the span model's (:class:`.spanmodel.Blend`, weight
  ``span_model_weight`` in the model's config.json).
* ``"auto"`` — the model shipped in ``quotegraph/models/spanmodel`` when it is
  installed, else the rules; ``"default"`` is another name for it (the docs' "default
  finder").

Importing this module loads nothing heavy (the command line takes ``NAMES`` from it).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from ..errors import ModelError

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .attribution import Attribution

MODELS = Path(__file__).resolve().parent.parent / "models"
DEFAULT_MODEL = MODELS / "spanmodel"
ACCURATE_MODEL = MODELS / "accurate"
NAMES = ("default", "auto", "model", "rules", "hybrid", "accurate")


class ModelFinder:
    """A learned finder: a tagger gives role spans, assembled into attributions and tidied.

    The tagger is the span model at ``path`` (default), or any loaded ``model`` with
    the same ``predict(docs)`` (the accurate finder's encoder).
    """

    def __init__(self, path: str | Path | None = None, model: Any = None, edges: Any = None) -> None:
        if model is None:
            from . import spanmodel

            model = spanmodel.load(path or DEFAULT_MODEL)
        self.model = model
        self.edges = edges  # edges and sources from the parse: .many(docs, [(attributions, log-probs)]) → attributions

    def find_many(self, docs: Sequence[Doc]) -> list[list[Attribution]]:
        """Attributions for a batch of docs (one network call for the batch)."""
        from . import cleanup, relations

        if self.edges is None:
            return [cleanup.tidy(doc, relations.assemble(doc, spans)) for doc, spans in zip(docs, self.model.predict(docs))]
        return self.edges.many(docs, self.tidied_with_log_probs(docs))

    def tidied_with_log_probs(self, docs: Sequence[Doc]) -> list[tuple[list[Attribution], Any]]:
        """The tagger's attributions, assembled and tidied (before ``edges``), with the tag
        log-probabilities they were decoded from (a tagger with ``predict_with_log_probs``)."""
        from . import cleanup, relations

        return [
            (cleanup.tidy(doc, relations.assemble(doc, spans)), log_probs)
            for doc, (spans, log_probs) in zip(docs, self.model.predict_with_log_probs(docs))
        ]

    def __call__(self, doc: Doc) -> list[Attribution]:
        return self.find_many([doc])[0]


class HybridFinder:
    """Rules first; the model fills in the attributions the rules did not find."""

    def __init__(self, path: str | Path) -> None:
        from . import rules

        self.rules = rules.find_attributions
        self.model = ModelFinder(path)

    def __call__(self, doc: Doc) -> list[Attribution]:
        found = self.rules(doc)
        taken = [(s, e) for att in found for s, e in att.content + att.cue + att.source]
        for att in self.model(doc):
            if not any(s < te and ts < e for s, e in att.content + att.cue for ts, te in taken):
                found.append(att)
        return found


def model_installed(path: str | Path | None = None) -> bool:
    return (Path(path or DEFAULT_MODEL) / "weights.npz").is_file()


def get(name: str, model_path: str | None = None, parser: Any = None) -> Callable[[Doc], list[Attribution]]:
    """The finder called ``name`` (see the module docstring); ``model_path`` replaces its model folder.

    ``parser`` is the pipeline's dependency parser (a spaCy component): where it does not run, the default finder's
    parse step (a ``boundaries.json`` beside its model) parses only the sentences that hold an
    attribution with it; where it runs, the step reads the doc's own parse.
    """
    name = canonical(name)
    if name == "accurate":
        from . import boundaries, encoder

        folder = Path(model_path) if model_path else ACCURATE_MODEL
        tagger: Any = encoder.load(folder)
        weight = float(tagger.config.get("span_model_weight", 0.0))
        if weight > 0 and model_installed():
            from . import spanmodel

            tagger = spanmodel.Blend([(tagger, 1.0 - weight), (spanmodel.load(DEFAULT_MODEL), weight)])
        return ModelFinder(model=tagger, edges=boundaries.ParseCheck.load(folder))
    if name == "rules" or (name == "auto" and not model_installed(model_path)):
        from . import rules

        return rules.find_attributions
    if name in ("model", "auto", "hybrid"):
        path = Path(model_path) if model_path else DEFAULT_MODEL
        if not model_installed(path):
            raise ModelError(f"no span model at {path}; train one with `quotegraph train` or use --finder rules")
        if name == "hybrid":
            return HybridFinder(path)
        return ModelFinder(path, edges=sentence_parse(path, parser))
    raise ModelError(f"unknown span finder {name!r}; choose one of: {', '.join(NAMES)}")


def sentence_parse(path: Path, parser: Any) -> Any:
    """The span model's parse step, when its folder has one and there is a parser to run it."""
    from . import boundaries

    if parser is None or not (path / boundaries.WEIGHTS_FILE).is_file():
        return None
    return boundaries.SentenceParse(boundaries.ParseCheck.load(path), parser)


def canonical(name: str) -> str:
    """The finder's own name: "default" is "auto"."""
    return "auto" if name == "default" else name


def needs_parser(name: str, model_path: str | None = None) -> bool:
    """Whether the finder reads the dependency parse (the learned model does not)."""
    name = canonical(name)
    return name in ("rules", "hybrid", "accurate") or (name == "auto" and not model_installed(model_path))


__all__ = ["DEFAULT_MODEL", "ACCURATE_MODEL", "NAMES", "ModelFinder", "HybridFinder", "canonical", "get", "model_installed",
           "needs_parser"]
