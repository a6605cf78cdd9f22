"""Do the two install routes (pip and conda) ask for the same runtime packages?"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import yaml

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
    assert project["requires-python"] == ">=3.11"


def test_the_package_list_names_every_package_of_qikit() -> None:
    """Does pyproject's explicit package list (needed to map workbooks/ in) miss no package?"""
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "qikit").rglob("__init__.py")
    }
    mapped = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"]
    )
    assert listed - mapped == found


def _source_copy(folder: Path) -> Path:
    """Copy the checkout's own files (as git sees them) into ``folder``; return the copy.

    A wheel built straight from a working tree takes whatever an earlier build left in its
    ``build/`` folder (setuptools never empties it): a workbook deleted since would still be
    in the wheel. The copy holds only what a clean clone would.
    """
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        check=True, capture_output=True, timeout=60,
    ).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return folder


def test_the_wheel_carries_the_workbooks_and_the_example_template(tmp_path: Path) -> None:
    """Does a built wheel hold every notebook of workbooks/ and the example template, once?"""
    source = _source_copy(tmp_path / "source")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(tmp_path), str(source)],
        check=True,
        timeout=300,
    )  # fmt: skip
    (wheel,) = tmp_path.glob("qikit-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    workbooks = ROOT / "workbooks"
    notebooks = {p.relative_to(workbooks).as_posix() for p in workbooks.rglob("*.ipynb")}
    assert {"01-team.ipynb", "mentor_dashboard.ipynb", "demo_run_chart.ipynb"} <= notebooks
    assert any(name.startswith("trainer/") for name in notebooks)  # the teaching pages
    assert {
        n.removeprefix("qikit/workbooks/") for n in names if n.startswith("qikit/workbooks/")
    } == (notebooks)
    assert "qikit/cohort_templates/support_services_2027.yaml" in names
    assert "qikit/cohort_templates/survey_items.yaml" in names  # the survey's questions
    assert "qikit/workbooks/survey/01-survey.ipynb" in names
    assert "qikit/server/assets/voila/spinner.macro.html.j2" in names
    assert "qikit/cohort/cohort.schema.json" in names
    assert not [n for n in names if n.endswith(".ipynb") and not n.startswith("qikit/workbooks/")]
