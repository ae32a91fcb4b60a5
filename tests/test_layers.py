"""How the package's modules may lean on each other, read from their import statements
(top-level and inside functions alike: a late import is still a dependency)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "quotegraph"


def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


MODULES = _modules()


def _known(name: str) -> str | None:
    """The project module a dotted name lands in (``quotegraph.io.html.article_from_html`` → ``quotegraph.io.html``)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str) -> set[str]:
    """The project modules ``module`` imports, anywhere in its body."""
    path, is_package = MODULES[module]
    here = module.split(".") if is_package else module.split(".")[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(_known(a.name) for a in node.names if a.name.split(".")[0] == "quotegraph")
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            if target.split(".")[0] != "quotegraph":
                continue
            out.update(_known(f"{target}.{a.name}") if f"{target}.{a.name}" in MODULES else _known(target) for a in node.names)
    out.discard(None)
    out.discard(module)
    return out  # type: ignore[return-value]


GRAPH = {m: imports_of(m) for m in MODULES}


def _cycle_from(start: str) -> list[str] | None:
    """A path of imports from ``start`` back to itself, if there is one."""
    stack, seen = [(start, [start])], set()
    while stack:
        node, path = stack.pop()
        for nxt in sorted(GRAPH[node]):
            if nxt == start:
                return path + [start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, path + [nxt]))
    return None


def test_the_walk_sees_late_imports_and_relative_ones():
    assert "quotegraph.api" in GRAPH["quotegraph.ingest"]  # `from .api import extract_many` inside a function
    assert "quotegraph.io.html" in GRAPH["quotegraph.io.warc"]
    assert "quotegraph.store" in GRAPH["quotegraph.cli.store"]


def test_no_module_of_the_project_imports_itself_back():
    cycles = [c for m in sorted(GRAPH) if (c := _cycle_from(m))]
    assert cycles == [], "import cycles: " + "; ".join(" → ".join(c) for c in cycles)


def test_the_data_model_imports_nothing_of_the_project():
    assert GRAPH["quotegraph.model"] == set()


@pytest.mark.parametrize(
    "module, forbidden",
    [
        ("quotegraph.store", ("quotegraph.pipeline", "quotegraph.api", "quotegraph.parallel", "quotegraph.ingest")),
        ("quotegraph.corpus", ("quotegraph.store", "quotegraph.pipeline", "quotegraph.api", "quotegraph.spark")),
        ("quotegraph.parallel", ("quotegraph.api",)),
        ("quotegraph.web.errors", ("quotegraph.web.pages",)),
        ("quotegraph.spark.__main__", ("quotegraph.cli",)),
    ],
)
def test_lower_layers_do_not_reach_up(module, forbidden):
    starts = [m for m in GRAPH if m == module or m.startswith(module + ".")]
    reached = set().union(*(GRAPH[m] for m in starts)) - set(starts)
    bad = sorted(m for m in reached if any(m == f or m.startswith(f + ".") for f in forbidden))
    assert bad == [], f"{module} imports {bad}"

