"""The review's index names each page by its workbook's ``title``: is that the stage's name?

The review may not import the pages (the layers point downwards), so it reads each page's title
from the workbook's metadata. These tests keep that title and the pages' own stage name equal.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from qikit.cohort.build import default_workbooks_dir
from qikit.core.wording.pages import STAGE_NAMES
from qikit.pages import TEAM_NOTEBOOK
from qikit.review.report import page_title


def test_the_team_workbook_is_titled_as_the_team_page() -> None:
    """Does the review call the team's workbook by the name the pages give the team page?"""
    path = default_workbooks_dir() / TEAM_NOTEBOOK
    assert page_title(path, None) == STAGE_NAMES["home"]
    assert page_title(path, nbformat.read(path, as_version=4)) == STAGE_NAMES["home"]


def test_a_workbook_without_a_title_is_named_by_its_file(tmp_path: Path) -> None:
    """Is a workbook with no title, or one that cannot be read, named by its file name?"""
    untitled = tmp_path / "07-extra.ipynb"
    nbformat.write(nbformat.v4.new_notebook(), untitled)
    assert page_title(untitled, None) == "07-extra"
    assert page_title(tmp_path / "08-missing.ipynb", None) == "08-missing"
