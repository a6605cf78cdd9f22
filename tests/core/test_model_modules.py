"""Do the data model's modules depend one way, on nothing outside what the model may use?"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import qikit.core.model as model

MODEL_DIR = Path(model.__file__).parent

# Each module may import only the model modules of a lower rank.
RANK = {
    "fields": 0,
    "record": 1,
    "team": 2,
    "charter": 2,
    "fishbone": 2,
    "process_map": 2,
    "driver_diagram": 2,
    "measures": 2,
    "pdsa": 2,
    "feedback": 2,
    "survey": 2,
    "showcase": 2,
    "reflection": 2,
    "registry": 3,
    "project": 4,
    "__init__": 5,
}
ALLOWED_OUTSIDE = {
    "qikit.errors",
    "qikit.layout",
    "qikit.core.spc.chart_choice",
    # The names of the rule sets (a measure stores one); standard library only, like chart_choice.
    "qikit.core.spc.signals",
    "qikit.core.wording.dates",
}


def _qikit_imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("qikit"):
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("qikit")}
    return found


def test_every_model_module_has_a_rank() -> None:
    assert {p.stem for p in MODEL_DIR.glob("*.py")} == set(RANK)


@pytest.mark.parametrize("name", sorted(RANK))
def test_a_model_module_imports_only_lower_model_modules_and_what_the_model_may_use(
    name: str,
) -> None:
    for imported in _qikit_imports(MODEL_DIR / f"{name}.py"):
        if imported.startswith("qikit.core.model."):
            sibling = imported.removeprefix("qikit.core.model.")
            assert RANK[sibling] < RANK[name], f"{name} imports {sibling}"
        else:
            assert imported in ALLOWED_OUTSIDE, f"{name} imports {imported}"


def test_every_public_name_is_importable_from_the_package() -> None:
    assert all(hasattr(model, name) for name in model.__all__)
    assert sorted(model.__all__) == sorted(set(model.__all__))
