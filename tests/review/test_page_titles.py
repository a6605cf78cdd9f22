"""The review's index names each page by its workbook's ``title``: is that the stage's name?

The review may not import the pages (the layers point downwards), so it reads each page's title
from the workbook's metadata. These tests keep that title and the pages' own stage name equal.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from qikit.cohort.build import default_workbooks_dir
from qikit.core.wording.pages import STAGE_NAMES
from qikit.pages import NOTEBOOKS
from qikit.review.report import page_title


@pytest.mark.parametrize("stage", sorted(NOTEBOOKS))
def test_each_workbook_title_is_its_stage_name(stage: str) -> None:
    """Does the review call each stage's workbook by the name the pages give that stage?"""
    path = default_workbooks_dir() / NOTEBOOKS[stage]
    assert page_title(path, None) == STAGE_NAMES[stage]
    assert page_title(path, nbformat.read(path, as_version=4)) == STAGE_NAMES[stage]


def test_a_workbook_without_a_title_is_named_by_its_file(tmp_path: Path) -> None:
    """Is a workbook with no title, or one that cannot be read, named by its file name?"""
    untitled = tmp_path / "07-extra.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), untitled)
    assert page_title(untitled, None) == "07-extra"
    assert page_title(tmp_path / "08-missing.ipynb", None) == "08-missing"
