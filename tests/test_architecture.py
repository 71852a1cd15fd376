"""The house: ``analysis/`` imports form layers, lower never importing higher, with no cycle.

Every import counts, at module level or inside a function (a lazy import is still a
dependency). Layers, lowest first (see ``../shared/ARCHITECTURE.md`` and the README's "How it
works"): the vocabulary; the tools extraction and history stand on; extraction; storage; the
history; the pipeline; the views; evaluation; the command line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ANALYSIS = Path(__file__).resolve().parents[1] / "analysis"

#: Each top-level part of ``analysis`` (a module, or a package as a whole) and its layer.
LAYERS: dict[str, int] = {
    "model": 0, "frames": 0, "lemma_tables": 0, "anchored_matcher": 0,
    "money": 1, "dates": 1, "investors": 1, "fx": 1, "labels": 1, "metadata": 1, "corpus": 1, "nlp": 1,
    "gold": 1, "export": 1,
    "extract": 2,
    "store": 3,
    "history": 4,
    "ingest": 5,
    "views": 6,
    "evaluate": 7, "corrections_io": 7,
    "cli": 8, "__main__": 9, "__init__": 9,
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ANALYSIS.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, package: str | None = None) -> set[str]:
    """The ``analysis`` modules a file imports, anywhere in it (``package``: the file's package,
    for relative imports; default: from its place under ``analysis/``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if package is None:
        package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("analysis"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1], base]).strip(".")
            if not base.startswith("analysis"):
                continue
            for alias in node.names:  # "from analysis import store" imports the module analysis.store
                candidate = f"{base}.{alias.name}"
                found.add(candidate if _exists(candidate) else base)
    return {name for name in found if _exists(name)}


def _exists(name: str) -> bool:
    path = ANALYSIS.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def graph() -> dict[str, set[str]]:
    return {_module_name(path): _imports(path) - {_module_name(path)} for path in sorted(ANALYSIS.rglob("*.py"))}


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_every_part_of_analysis_has_a_layer():
    parts = {_part(m) for m in graph()} - {"__init__"}
    assert parts <= set(LAYERS), f"give these a layer: {sorted(parts - set(LAYERS))}"


def test_there_is_no_import_cycle():
    edges = graph()
    assert _cycle(edges) is None, " -> ".join(_cycle(edges) or [])


def test_no_module_imports_one_above_it():
    upward = [
        f"{module} ({LAYERS[_part(module)]}) imports {target} ({LAYERS[_part(target)]})"
        for module, targets in graph().items() for target in targets
        if _part(module) != "__init__" and _part(target) != "__init__"
        and LAYERS[_part(target)] > LAYERS[_part(module)]
    ]
    assert upward == []


@pytest.mark.parametrize("lower", ["corpus", "extract", "history", "ingest", "views", "nlp"])
def test_storage_imports_neither_reading_nor_extraction_nor_the_history(lower):
    assert not {t for t in graph()["analysis.store"] if _part(t) == lower}


def test_the_walk_sees_lazy_imports(tmp_path):
    """The test can fail: an import inside a function is found."""
    source = tmp_path / "probe.py"
    source.write_text("def f():\n    from analysis.ingest import ingest\n    import analysis.store\n")
    assert {"analysis.ingest", "analysis.store"} <= _imports(source, package="analysis")
