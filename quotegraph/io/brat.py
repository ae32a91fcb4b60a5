"""brat standoff in PolNeAR's convention: read gold attributions, write an Article's quotes.

PolNeAR writes one ``.ann`` per article and annotator.  Text-bound lines
``T3<TAB>Content 10 20;35 60<TAB>text`` hold character offsets into the ``.txt``
(``;`` separates the fragments of a discontinuous span); event lines
``E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1`` join them into one
attribution.  ``Content2`` (a second content T-line) is folded into ``Content``.
``Discuss``/``Discard`` lines and ``#`` notes are annotator remarks and are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..model import Article, TextSpan

Offsets = tuple[tuple[int, int], ...]

ROLES = ("Source", "Cue", "Content")
ANCHORS = ("Attribution", "Attribution-no-source")

_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t|$)")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")


@dataclass(frozen=True)
class GoldRelation:
    """One attribution as annotated: role offsets (possibly several fragments, sorted)."""

    content: Offsets
    cue: Offsets = ()
    source: Offsets = ()


@dataclass
class Annotation:
    """Everything one ``.ann`` file says: its relations, plus role spans outside any relation."""

    relations: list[GoldRelation] = field(default_factory=list)
    # Role spans (one entry per T-line) that no E-line uses; scored as roles, not as relations.
    orphans: dict[str, list[Offsets]] = field(default_factory=lambda: {r: [] for r in ROLES})


def _offsets(spec: str) -> Offsets:
    out = []
    for part in spec.split(";"):
        s, e = part.split()
        if int(e) > int(s):
            out.append((int(s), int(e)))
    return tuple(sorted(out))


def parse_ann(source: str) -> Annotation:
    """Parse the text of one ``.ann`` file (lines that are neither T nor E are skipped)."""
    spans: dict[str, tuple[str, Offsets]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in source.splitlines():
        if m := _T_LINE.match(line):
            spans[m.group(1)] = (m.group(2), _offsets(m.group(3)))
        elif m := _E_LINE.match(line):
            args = [tuple(a.split(":", 1)) for a in m.group(2).split() if ":" in a]
            events.append([(role, ref) for role, ref in args])  # type: ignore[misc]
    used: set[str] = set()
    ann = Annotation()
    for args in events:
        roles: dict[str, list[tuple[int, int]]] = {r: [] for r in ROLES}
        for role, ref in args:
            base = role.rstrip("0123456789")
            if base in roles and ref in spans:
                roles[base].extend(spans[ref][1])
                used.add(ref)
        if roles["Content"]:
            ann.relations.append(
                GoldRelation(
                    content=tuple(sorted(set(roles["Content"]))),
                    cue=tuple(sorted(set(roles["Cue"]))),
                    source=tuple(sorted(set(roles["Source"]))),
                )
            )
    for ref, (label, offsets) in spans.items():
        if label in ROLES and ref not in used and offsets:
            ann.orphans[label].append(offsets)
    return ann


def read_ann(path: str | Path) -> list[GoldRelation]:
    """The attributions of one ``.ann`` file (relations without content are dropped)."""
    return read_annotation(path).relations


def read_annotation(path: str | Path) -> Annotation:
    """Relations and orphan role spans of one ``.ann`` file."""
    try:
        return parse_ann(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read brat annotation: {exc}; pass a readable UTF-8 .ann file", path=str(path)) from exc


def article_key(path: Path, known: set[str] | None = None) -> str:
    """The article a ``.ann`` belongs to: ``NAME_ANNOTATOR.ann`` → ``NAME`` (``NAME.ann`` stays)."""
    stem = path.stem
    if known is not None and stem in known:
        return stem
    head, sep, _ = stem.rpartition("_")
    if sep and (known is None or head in known):
        return head
    return stem


def first_annotations(folder: str | Path, known: set[str] | None = None) -> dict[str, Path]:
    """One ``.ann`` per article: the first in sorted order when several annotators made one."""
    chosen: dict[str, Path] = {}
    for path in sorted(Path(folder).glob("*.ann")):
        chosen.setdefault(article_key(path, known), path)
    return chosen


def split_folders(path: str | Path) -> tuple[Path, Path]:
    """``(text_dir, attributions_dir)`` for a split folder or for its ``attributions/`` folder."""
    path = Path(path)
    if (path / "attributions").is_dir():
        return path / "text", path / "attributions"
    return path.parent / "text", path


def relations_of(article: Article) -> list[GoldRelation]:
    """An Article's quotes as relations, for scoring against gold."""
    return [
        GoldRelation(
            content=q.content.spans,
            cue=q.cue.spans if q.cue else (),
            source=q.source.spans if q.source else (),
        )
        for q in article.quotes
    ]


def _t_line(ident: str, label: str, span: TextSpan) -> str:
    offsets = ";".join(f"{s} {e}" for s, e in span.spans)
    text = " ".join(span.text.split())  # a newline would end the line
    return f"{ident}\t{label} {offsets}\t{text}"


def ann_text(article: Article) -> str:
    """The Article's quotes as a PolNeAR-style ``.ann`` (empty string when it has none)."""
    lines: list[str] = []
    n_t = 0
    for n_e, quote in enumerate(article.quotes, start=1):
        refs: dict[str, str] = {}
        for label, span in (("Source", quote.source), ("Cue", quote.cue), ("Content", quote.content)):
            if span is not None:
                n_t += 1
                refs[label] = f"T{n_t}"
                lines.append(_t_line(refs[label], label, span))
        n_t += 1
        anchor = "Attribution" if quote.source is not None else "Attribution-no-source"
        lines.append(_t_line(f"T{n_t}", anchor, quote.cue or quote.content))
        args = [f"{anchor}:T{n_t}"] + [f"{label}:{refs[label]}" for label in ("Content", "Cue", "Source") if label in refs]
        lines.append(f"E{n_e}\t" + " ".join(args))
    return "\n".join(lines) + ("\n" if lines else "")


__all__ = [
    "GoldRelation",
    "Annotation",
    "parse_ann",
    "read_ann",
    "read_annotation",
    "ann_text",
    "article_key",
    "first_annotations",
    "split_folders",
    "relations_of",
]
