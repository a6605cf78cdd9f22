"""The QI team's evaluation notebook (``workbooks/evaluation/``): wiring, and a papermill run on
a cohort with survey answers. nbval runs it as saved (no cohort) in ``test_workbooks.py``."""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

import pytest

from qikit.core.wording.evaluation import HEADINGS
from qikit.layout import EVALUATION_FOLDER

REPO_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = REPO_ROOT / "workbooks" / EVALUATION_FOLDER / "01-evaluation.ipynb"
sys.path.insert(0, str(REPO_ROOT / "tests" / "evidence"))
from evaluation_cohort import make_evaluation_cohort  # noqa: E402  (the evidence tests')
from papermill_run import execute


def test_the_evaluation_notebook_is_a_parameters_cell_and_one_call() -> None:
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    parameters, wiring = ("".join(c["source"]) for c in notebook["cells"])
    assert "parameters" in notebook["cells"][0]["metadata"]["tags"]
    assert 'cohort = ""' in parameters
    assert wiring.strip().endswith("show_evaluation(cohort)")
    assert all(not c.get("outputs") for c in notebook["cells"])
    assert notebook["metadata"]["title"]


@pytest.mark.slow
def test_the_evaluation_notebook_shows_the_report_for_a_cohort(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cohort = make_evaluation_cohort(tmp_path / "cohort")
    monkeypatch.setenv("PYTHONPATH", str(REPO_ROOT))
    output = tmp_path / NOTEBOOK.name
    executed = execute(NOTEBOOK, output, cohort=str(cohort))
    shown = "".join(
        "".join(o.get("data", {}).get("text/html", ""))
        for cell in executed["cells"]
        for o in cell.get("outputs", [])
    )
    assert [html.unescape(h) for h in re.findall(r"<h2>(.*?)</h2>", shown)] == list(
        HEADINGS.values()
    )
    assert "<script>" not in shown and "Traceback" not in shown
