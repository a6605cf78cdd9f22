"""Does every qikit module import only from the layers below it, with no import cycles?

The layer order is the architecture (README, "How the pieces fit"): each package may import
the packages listed for it here and nothing else of qikit. Imports inside functions count as
much as those at the top: a lazy import still ties the two modules together.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "qikit"

# Each layer and the qikit layers it may import (its own modules always may import each other).
FOUNDATION = {"errors", "layout", "_version"}
ALLOWED: dict[str, set[str]] = {
    "_version": set(),
    "errors": set(),
    "layout": {"errors"},
    "core": FOUNDATION,
    "store": FOUNDATION | {"core"},
    "render": FOUNDATION | {"core"},
    "widgets": FOUNDATION | {"core", "store", "render"},
    "cohort": FOUNDATION | {"core", "store", "render"},
    "pages": FOUNDATION | {"core", "store", "render", "widgets", "cohort", "evidence"},
    "review": FOUNDATION | {"core", "store", "render", "cohort"},
    # The survey's questions, the evaluation, the showcase and the portfolios.
    "evidence": FOUNDATION | {"core", "store", "render", "cohort"},
    # The server keeps the answers phones send to a room session (qikit.server.room).
    "server": FOUNDATION | {"core", "store", "render", "cohort"},
    "demo": FOUNDATION | {"core", "store", "render", "cohort", "server"},
    "cli": FOUNDATION | {"core", "store", "cohort", "review", "evidence", "server", "demo"},
    # The top package re-exports the public API of the core; ``python -m qikit`` runs the cli.
    "__init__": FOUNDATION | {"core"},
    "__main__": {"cli"},
}

# Third-party packages a layer may import, beyond the standard library.
THIRD_PARTY: dict[str, set[str]] = {
    "_version": set(),
    "errors": set(),
    "layout": set(),
    "core": {"numpy", "pandas"},
    "store": set(),
    "render": {"numpy", "pandas", "matplotlib", "IPython"},
    "widgets": {"anywidget", "ipywidgets", "IPython", "traitlets", "segno"},
    "cohort": {"yaml", "jsonschema", "nbformat", "papermill", "tqdm"},
    "pages": {"IPython", "ipywidgets"},
    "review": {"nbclient", "nbconvert", "nbformat", "papermill", "tqdm", "traitlets", "zmq"},
    "evidence": {"scipy", "numpy", "pandas", "yaml", "tqdm"},
    "server": {"tornado", "jupyter_server", "traitlets", "voila"},
    "demo": {"numpy", "pandas", "IPython", "ipywidgets"},
    "cli": set(),
    "__init__": set(),
    "__main__": set(),
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> Iterator[tuple[str, int]]:
    """Yield each module ``name`` imports (absolute dotted names), with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            for alias in node.names:
                # ``from qikit.render import charts`` imports the module qikit.render.charts.
                candidate = f"{module}.{alias.name}"
                yield (candidate if candidate in MODULES else module), node.lineno


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _qikit_edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for target, _ in _imports(name, path):
            if target.split(".")[0] == "qikit" and target != name:
                edges[name].add(target)
    return edges


def test_every_module_belongs_to_a_known_layer() -> None:
    """Is every module of qikit in a layer that has import rules?"""
    unknown = sorted({_layer(m) for m in MODULES} - set(ALLOWED))
    assert not unknown, f"add these to ALLOWED and THIRD_PARTY with their rules: {unknown}"


def _violations(name: str, path: Path) -> list[str]:
    """Return each import of module ``name`` (at ``path``) that its layer does not allow."""
    layer = _layer(name)
    wrong = []
    for target, line in _imports(name, path):
        top = target.split(".")[0]
        if top == "qikit":
            other = _layer(target)
            if other != layer and other not in ALLOWED[layer]:
                wrong.append(f"line {line}: {target} (layer {other})")
        elif top not in sys.stdlib_module_names and top not in THIRD_PARTY[layer]:
            wrong.append(f"line {line}: {target} (not allowed in {layer})")
    return wrong


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_imports_only_from_layers_below(name: str) -> None:
    """Does this module import only what its layer allows (qikit layers and other packages)?"""
    wrong = _violations(name, MODULES[name])
    assert not wrong, f"{name} imports across the layers: " + "; ".join(wrong)


def test_no_import_cycles() -> None:
    """Is the qikit import graph free of cycles, counting imports inside functions too?"""
    edges = _qikit_edges()
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                cycles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_the_check_sees_a_wrong_way_import(tmp_path: Path) -> None:
    """Would a lazy import from core up into widgets, or of matplotlib, be caught?"""
    module = tmp_path / "bad.py"
    module.write_text(
        "import numpy\n\ndef draw():\n    import matplotlib\n"
        "    from qikit.widgets.base import ToolContext\n",
        encoding="utf-8",
    )
    wrong = _violations("qikit.core.bad", module)
    assert len(wrong) == 2 and "qikit.widgets.base" in wrong[1] and "matplotlib" in wrong[0]
