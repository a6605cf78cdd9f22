"""The trainers' notebooks 01, 02, 03 and 06: wiring only, both modes under papermill, nbval.

The kernel is a new process, so it sees the real teaching-data registry only: these tests need
``qikit.demo.teaching_data.load_teaching_data`` in the checkout (they say so when it is not).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from qikit.demo import teaching_data

REPO_ROOT = Path(__file__).resolve().parents[2]
TRAINER = REPO_ROOT / "workbooks" / "trainer"
#: The notebooks of this part and the page each one shows.
NOTEBOOKS = {
    "01-model-for-improvement.ipynb": "model-for-improvement",
    "02-variation.ipynb": "variation",
    "03-run-chart-rules.ipynb": "run-chart-rules",
    "06-choosing-the-right-chart.ipynb": "choosing-the-right-chart",
}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

needs_registry = pytest.mark.skipif(
    "load_teaching_data" not in vars(teaching_data),
    reason="the teaching-data registry (load_teaching_data) is not in this checkout yet",
)


@pytest.mark.parametrize("name", sorted(NOTEBOOKS))
def test_each_notebook_is_a_parameters_cell_and_one_call(name: str) -> None:
    """Does the notebook hold wiring only: parameters (mode, cohort), one show_teaching call?"""
    notebook = json.loads((TRAINER / name).read_text(encoding="utf-8"))
    cells = notebook["cells"]
    assert [c["cell_type"] for c in cells] == ["code", "code"]
    parameters, wiring = ("".join(c["source"]) for c in cells)
    assert "parameters" in cells[0]["metadata"]["tags"]
    assert 'mode = "app"' in parameters and "cohort = None" in parameters
    assert f'show_teaching("{NOTEBOOKS[name]}", mode=mode, cohort=cohort)' in wiring
    assert all(not c["outputs"] and c["execution_count"] is None for c in cells)
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"


def _execute(notebook: Path, output: Path, **parameters: Any) -> dict[str, Any]:
    import papermill

    papermill.execute_notebook(
        str(notebook),
        str(output),
        parameters=parameters,
        kernel_name="python3",
        cwd=str(output.parent),
        progress_bar=False,
        execution_timeout=300,
    )
    return json.loads(output.read_text(encoding="utf-8"))


def _outputs(notebook: dict[str, Any]) -> list[dict[str, Any]]:
    return [o for cell in notebook["cells"] for o in cell.get("outputs", [])]


@needs_registry
@pytest.mark.slow
def test_every_notebook_runs_in_both_modes_under_papermill(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Does each notebook show a live page ("app") and a static copy ("review"), no errors?"""
    pytest.importorskip("papermill")
    monkeypatch.setenv("PYTHONPATH", str(REPO_ROOT))
    for name in sorted(NOTEBOOKS):
        for mode in ("app", "review"):
            ran = _execute(TRAINER / name, tmp_path / f"{mode}-{name}", mode=mode, cohort="")
            outputs = _outputs(ran)
            assert not [o for o in outputs if o["output_type"] in ("error", "stream")], name
            shown = json.dumps(outputs)
            if mode == "app":
                assert WIDGET_VIEW in shown, name
            else:
                assert WIDGET_VIEW not in shown and "qikit-teaching" in shown, name
                assert "Traceback" not in shown and 'class=\\"qikit-message\\"' not in shown, name


@needs_registry
@pytest.mark.slow
def test_the_notebooks_run_under_nbval() -> None:
    """Do the trainers' notebooks run cleanly as saved, as CI's nbval check runs them?"""
    paths = [str(TRAINER / name) for name in sorted(NOTEBOOKS)]
    nbval = ["--nbval-lax", "--nbval-current-env", "-p", "no:cacheprovider", "-q"]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", *nbval, *paths],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert f"{2 * len(paths)} passed" in done.stdout  # nbval: each notebook's two cells
