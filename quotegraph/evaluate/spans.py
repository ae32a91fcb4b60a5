"""Score predicted attributions against gold ones (definitions in docs/evaluation.md).

Every figure is micro-averaged over articles: true positives, predictions and gold
items are summed over all articles before precision and recall are taken.
Matching is one-to-one within an article (a maximum matching), so one predicted
span can never count for two gold spans.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from ..errors import InputError
from ..io.brat import GoldRelation, first_annotations, read_annotation, relations_of, split_folders

Offsets = Sequence[tuple[int, int]]
ROLE_NAMES = ("Source", "Cue", "Content")
METRICS = (
    "Source exact",
    "Source overlap",
    "Cue exact",
    "Cue overlap",
    "Content exact",
    "Content overlap",
    "RELATION",
    "RELATION+CUE",
    "Content chars",
)


@dataclass
class Score:
    """Counts for one metric; precision/recall/F1 derive from them."""

    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.n_pred += n_pred
        self.n_gold += n_gold

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """All metrics over a set of articles."""

    scores: dict[str, Score] = field(default_factory=lambda: {m: Score() for m in METRICS})
    articles: int = 0

    def table(self) -> str:
        """A fixed-width table: metric, P, R, F1 (percent), and the counts."""
        lines = [f"{'metric':<16} {'P':>6} {'R':>6} {'F1':>6}   {'tp':>6} {'pred':>6} {'gold':>6}"]
        for name in METRICS:
            s = self.scores[name]
            lines.append(
                f"{name:<16} {100 * s.precision:6.1f} {100 * s.recall:6.1f} {100 * s.f1:6.1f}"
                f"   {s.tp:6d} {s.n_pred:6d} {s.n_gold:6d}"
            )
        lines.append(f"({self.articles} articles)")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, dict[str, float]]:
        return {
            name: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "tp": s.tp, "pred": s.n_pred, "gold": s.n_gold}
            for name, s in self.scores.items()
        }


def _is_trimmed(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith("P")


def char_set(text: str, offsets: Offsets) -> frozenset[int]:
    """Positions of the non-space characters a span covers."""
    return frozenset(i for s, e in offsets for i in range(s, min(e, len(text))) if not text[i].isspace())


def joined_fragments(text: str, offsets: Offsets) -> list[tuple[int, int]]:
    """Fragments with only whitespace between them joined into one.

    brat splits a span where its editor breaks the line — at a sentence end inside a
    quotation ("… controversy. I finished it,"); the annotator marked one stretch of text,
    and trimming each piece would drop the period inside it.
    """
    out: list[tuple[int, int]] = []
    for s, e in sorted(offsets):
        if out and s >= out[-1][1] and not text[out[-1][1] : s].strip():
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def exact_key(text: str, offsets: Offsets) -> frozenset[int]:
    """What EXACT compares: non-space positions after trimming whitespace/punctuation off each fragment.

    Fragments with only whitespace between them count as one (:func:`joined_fragments`).  A span
    that is punctuation only — a dash or a colon as cue ("“…” ― Jane Doe", "PENCE: …") — is
    compared as it stands: trimmed, it would be empty and match nothing.
    """
    out: set[int] = set()
    fragments = joined_fragments(text, offsets)
    for s, e in fragments:
        e = min(e, len(text))
        while s < e and _is_trimmed(text[s]):
            s += 1
        while e > s and _is_trimmed(text[e - 1]):
            e -= 1
        out.update(i for i in range(s, e) if not text[i].isspace())
    return frozenset(out) if out else char_set(text, fragments)


def max_matching(n_pred: int, n_gold: int, compatible: Callable[[int, int], bool]) -> int:
    """Size of a maximum one-to-one matching between predictions and gold items (Kuhn's algorithm)."""
    edges = [[g for g in range(n_gold) if compatible(p, g)] for p in range(n_pred)]
    owner: list[int] = [-1] * n_gold

    def augment(p: int, seen: set[int]) -> bool:
        for g in edges[p]:
            if g in seen:
                continue
            seen.add(g)
            if owner[g] < 0 or augment(owner[g], seen):
                owner[g] = p
                return True
        return False

    return sum(augment(p, set()) for p in range(n_pred))


def _role_spans(relations: Iterable[GoldRelation], role: str, extra: Iterable[Offsets] = ()) -> list[Offsets]:
    attr = role.lower()
    return [getattr(r, attr) for r in relations if getattr(r, attr)] + [o for o in extra if o]


def score_article(
    report: Report,
    text: str,
    gold: Sequence[GoldRelation],
    pred: Sequence[GoldRelation],
    gold_orphans: dict[str, list[Offsets]] | None = None,
) -> None:
    """Add one article's counts to ``report``."""
    report.articles += 1
    orphans = gold_orphans or {}
    for role in ROLE_NAMES:
        g_spans = _role_spans(gold, role, orphans.get(role, ()))
        p_spans = _role_spans(pred, role)
        g_exact = [exact_key(text, o) for o in g_spans]
        p_exact = [exact_key(text, o) for o in p_spans]
        tp = max_matching(len(p_spans), len(g_spans), lambda p, g: bool(p_exact[p]) and p_exact[p] == g_exact[g])
        report.scores[f"{role} exact"].add(tp, len(p_spans), len(g_spans))
        g_chars = [char_set(text, o) for o in g_spans]
        p_chars = [char_set(text, o) for o in p_spans]
        tp = max_matching(len(p_spans), len(g_spans), lambda p, g: not p_chars[p].isdisjoint(g_chars[g]))
        report.scores[f"{role} overlap"].add(tp, len(p_spans), len(g_spans))

    def overlaps(a: Offsets, b: Offsets) -> bool:
        if not a and not b:
            return True
        return not char_set(text, a).isdisjoint(char_set(text, b))

    def relation(p: int, g: int) -> bool:
        return overlaps(pred[p].content, gold[g].content) and overlaps(pred[p].source, gold[g].source)

    report.scores["RELATION"].add(max_matching(len(pred), len(gold), relation), len(pred), len(gold))
    tp = max_matching(len(pred), len(gold), lambda p, g: relation(p, g) and overlaps(pred[p].cue, gold[g].cue))
    report.scores["RELATION+CUE"].add(tp, len(pred), len(gold))

    g_content = frozenset().union(*(char_set(text, o) for o in _role_spans(gold, "Content", orphans.get("Content", ()))))
    p_content = frozenset().union(*(char_set(text, r.content) for r in pred))
    report.scores["Content chars"].add(len(g_content & p_content), len(p_content), len(g_content))


@dataclass
class GoldArticle:
    """One gold article: its name, text and annotation."""

    name: str
    text: str
    relations: list[GoldRelation]
    orphans: dict[str, list[Offsets]]


def load_gold(gold: str | Path) -> list[GoldArticle]:
    """Gold articles from a split folder (``text/`` + ``attributions/``) or its ``attributions/`` folder."""
    text_dir, ann_dir = split_folders(gold)
    if not ann_dir.is_dir() or not text_dir.is_dir():
        raise InputError(
            f"{gold}: expected a folder holding text/ and attributions/ (or an attributions/ folder beside text/)"
        )
    names = {p.stem for p in text_dir.glob("*.txt")}
    anns = first_annotations(ann_dir, names)
    if not anns:
        raise InputError(f"{ann_dir}: no .ann files found; point GOLD at a PolNeAR-style split folder")
    out = []
    for name, path in sorted(anns.items()):
        txt = text_dir / f"{name}.txt"
        if not txt.is_file():
            raise InputError(f"no text {txt} for annotation {path.name}; keep text/ beside attributions/")
        ann = read_annotation(path)
        out.append(GoldArticle(name, txt.read_text(encoding="utf-8"), ann.relations, ann.orphans))
    return out


def evaluate(gold: Sequence[GoldArticle], predicted: dict[str, Sequence[GoldRelation]]) -> Report:
    """Score predictions (article name → relations; a missing article predicts nothing)."""
    report = Report()
    for art in gold:
        score_article(report, art.text, art.relations, predicted.get(art.name, ()), art.orphans)
    return report


def evaluate_folders(gold: str | Path, pred: str | Path) -> Report:
    """``quotegraph eval GOLD PRED``: both folders of brat ``.ann`` files."""
    articles = load_gold(gold)
    pred_dir = Path(pred)
    if (pred_dir / "attributions").is_dir():
        pred_dir = pred_dir / "attributions"
    if not pred_dir.is_dir():
        raise InputError(f"{pred}: not a folder of .ann files")
    names = {a.name for a in articles}
    predicted = {name: read_annotation(p).relations for name, p in first_annotations(pred_dir, names).items()}
    if not set(predicted) & names:
        raise InputError(f"{pred}: none of its .ann files is named after a gold article (NAME.ann or NAME_X.ann)")
    return evaluate(articles, predicted)


def predict_system(
    articles: Sequence[GoldArticle], system: str = "default", pipeline: str | None = None
) -> dict[str, list[GoldRelation]]:
    """Run quotegraph (finder ``system``, any of ``finders.NAMES``) over the gold texts."""
    from .. import api

    items = [{"text": a.text, "id": a.name} for a in articles]
    extracted = api.extract_many(items, finder=system, pipeline=pipeline or api.DEFAULT_PIPELINE)
    return {a.name: relations_of(art) for a, art in zip(articles, extracted)}


def evaluate_system(gold: str | Path, system: str = "default", pipeline: str | None = None) -> Report:
    """``quotegraph eval GOLD --system NAME``: extract from GOLD's texts, then score."""
    articles = load_gold(gold)
    return evaluate(articles, predict_system(articles, system, pipeline))


__all__ = [
    "Score",
    "Report",
    "METRICS",
    "GoldArticle",
    "char_set",
    "exact_key",
    "joined_fragments",
    "max_matching",
    "score_article",
    "load_gold",
    "evaluate",
    "evaluate_folders",
    "evaluate_system",
    "predict_system",
]
