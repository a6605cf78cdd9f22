"""The skills survey workbook (``workbooks/survey/01-survey.ipynb``): wiring, and both modes run
by papermill against a cohort, as a cohort build's copy is run. nbval runs it as saved (no
cohort) with every other workbook in ``test_workbooks.py``."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from qikit import layout
from qikit.store import open_store
from qikit.store.survey import save_survey_answers
from papermill_run import execute

REPO_ROOT = Path(__file__).resolve().parents[2]
WORKBOOK = REPO_ROOT / "workbooks" / layout.SURVEY_FOLDER / layout.SURVEY_WORKBOOK
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _outputs(notebook: dict[str, Any]) -> list[dict[str, Any]]:
    return [o for cell in notebook["cells"] for o in cell.get("outputs", [])]


def test_the_survey_workbook_is_a_parameters_cell_and_one_call() -> None:
    notebook = json.loads(WORKBOOK.read_text(encoding="utf-8"))
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert len(code) == 2, "wiring only: the parameters, then one call into qikit"
    assert "parameters" in code[0]["metadata"].get("tags", [])
    for name in ("cohort", "mode", "stage"):
        assert re.search(rf"^{name} = ", "".join(code[0]["source"]), re.MULTILINE)
    assert "show_survey(" in "".join(code[1]["source"])
    assert all(not c.get("outputs") for c in code)
    assert notebook["metadata"].get("title")


@pytest.mark.parametrize("mode", ["app", "review"])
def test_the_survey_workbook_runs_under_papermill(
    mode: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Live: one widget (the page). Review: the questions and the counts, no codes, no code."""
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    with open_store(layout.store_path(cohort)) as store:
        save_survey_answers(store, "MA04EL", "pre", {"explain_qi": 2}, author="test")
    monkeypatch.setenv("PYTHONPATH", str(REPO_ROOT))
    output = tmp_path / "run.ipynb"
    executed = execute(WORKBOOK, output, cohort=str(cohort), mode=mode)
    outputs = _outputs(executed)
    assert not [o for o in outputs if o["output_type"] == "error"]
    if mode == "app":
        assert len([o for o in outputs if WIDGET_VIEW in o.get("data", {})]) == 1
        return
    shown = html.unescape(" ".join("".join(o.get("data", {}).get("text/html", "")) for o in outputs))
    assert "I could draw a fishbone diagram with my team." in shown
    assert "MA04EL" not in shown and "Traceback" not in shown
