"""The trainers' teaching pages (``workbooks/trainer/``): wiring, and each one run by papermill.

nbval runs every one of them as saved (live mode, no cohort: a trainer opening it in JupyterLab)
in ``test_workbooks.py``; here papermill runs each in both modes against a cohort, as a cohort
build's copy is run: the static copy must show words, never code, and the live one its widgets.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from qikit import layout
from papermill_run import execute

REPO_ROOT = Path(__file__).resolve().parents[2]
TRAINER = REPO_ROOT / "workbooks" / layout.TRAINER_WORKBOOKS
PAGES = sorted(p for p in TRAINER.glob("*.ipynb") if layout.WORKBOOK_NAME.fullmatch(p.name))
#: What a trainer's screen must never show: a traceback, a file path, Python.
_NOT_FOR_THE_ROOM = re.compile(r"Traceback|\.ipynb|/tmp/|site-packages|def |import ")


def _shown_text(notebook: dict[str, Any]) -> str:
    parts = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            parts.append("".join(data.get("text/html", "")) + "".join(data.get("text/plain", "")))
            parts.append("".join(output.get("text", "")))
    markup = re.sub(r"<style\b.*?</style>", " ", " ".join(parts), flags=re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def test_there_are_the_six_teaching_pages() -> None:
    """Is every demo the issue names a numbered page in workbooks/trainer/?"""
    names = [p.stem.split("-", 1)[1] for p in PAGES]
    assert len(names) >= 6, names


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_a_teaching_page_is_a_parameters_cell_and_one_call(page: Path) -> None:
    notebook = json.loads(page.read_text(encoding="utf-8"))
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert "parameters" in code[0]["metadata"].get("tags", [])
    assert "mode" in "".join(code[0]["source"]) and "cohort" in "".join(code[0]["source"])
    assert len(code) == 2, "wiring only: the parameters, then one call into qikit"
    assert all(not c.get("outputs") for c in code)  # saved without outputs
    assert notebook["metadata"].get("title"), "the browser tab's title"


#: Each page in review mode; live (app) mode only where the cohort changes the live page (the
#: room joins through its store): nbval already runs every page live without a cohort.
RUNS = [(page, "review") for page in PAGES] + [
    (page, "app") for page in PAGES if "room" in page.stem or "test-a-change" in page.stem
]


@pytest.mark.parametrize(("page", "mode"), RUNS, ids=[f"{p.stem}-{m}" for p, m in RUNS])
def test_a_teaching_page_runs_under_papermill(
    page: Path, mode: str, cohort: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Does the page run in both modes with a cohort: words and no code for review, widgets
    for the live page?"""
    monkeypatch.setenv("PYTHONPATH", str(REPO_ROOT))
    output = tmp_path / page.name
    executed = execute(page, output, cohort=str(cohort), mode=mode)
    errors = [
        o for c in executed["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"
    ]
    assert not errors
    if mode == "app":
        views = [
            o
            for c in executed["cells"]
            for o in c.get("outputs", [])
            if "application/vnd.jupyter.widget-view+json" in o.get("data", {})
        ]
        assert len(views) == 1  # the live page: one widget, the frame with the presenter switch
        return
    shown = _shown_text(executed)
    assert len(shown.split()) > 40, shown  # a real page of words, not a stub
    assert not _NOT_FOR_THE_ROOM.search(shown), _NOT_FOR_THE_ROOM.search(shown)
