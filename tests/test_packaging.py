"""Do the two install routes (pip and conda) ask for the same runtime packages?"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).parents[1]
NAME = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$")


def _split(requirement: str) -> tuple[str, str]:
    match = NAME.match(requirement)
    assert match, requirement
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def test_environment_yml_lists_the_same_runtime_dependencies_as_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pip_side = dict(_split(r) for r in project["dependencies"])
    conda = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda_side = dict(
        _split(d)
        for d in conda["dependencies"]
        if isinstance(d, str) and not d.startswith(("python", "pip"))
    )
    assert conda_side == pip_side


def test_the_required_stack_is_declared() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = {_split(r)[0] for r in project["dependencies"]}
    tests = {_split(r)[0] for r in project["optional-dependencies"]["test"]}
    assert {"jupyterlab", "ipywidgets", "voila", "pandas", "matplotlib", "papermill"} <= runtime
    assert "nbval" in tests
    assert not {"ipysheet", "qgrid"} & (runtime | tests)


def test_the_console_script_points_at_the_cli() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["scripts"]["qikit"] == "qikit.cli:main"
    assert project["requires-python"] == ">=3.10"
