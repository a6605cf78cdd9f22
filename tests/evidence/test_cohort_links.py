"""The evaluation, the showcase and the portfolios never write outside the cohort through a link."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from qikit.demo.cohort import PORTERING, prepare_demo
from qikit.errors import EvidenceError
from qikit.evidence.evaluation_report import write_evaluation_report
from qikit.evidence.portfolio import write_portfolios
from qikit.evidence.showcase import write_showcase
from qikit.layout import EVALUATION_FOLDER, PORTFOLIO_FOLDER, SHOWCASE_FOLDER


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder, _ = prepare_demo(tmp_path_factory.mktemp("links") / "demo")
    return folder


WRITERS: dict[str, Callable[[Path], object]] = {
    EVALUATION_FOLDER: lambda cohort: write_evaluation_report(cohort, progress=False),
    SHOWCASE_FOLDER: lambda cohort: write_showcase(cohort, pdf=False, progress=False),
    PORTFOLIO_FOLDER: lambda cohort: write_portfolios(cohort, PORTERING, pdf=False, progress=False),
}


@pytest.mark.parametrize("folder", list(WRITERS))
def test_an_evidence_folder_linked_outside_is_refused(
    demo: Path, tmp_path: Path, folder: str
) -> None:
    """Is evaluation/, showcase/ or portfolio/ as a link elsewhere refused, nothing there?"""
    outside = tmp_path / "outside"
    outside.mkdir()
    link = demo / folder
    if link.is_dir() and not link.is_symlink():
        link.rename(tmp_path / "moved")
    link.symlink_to(outside)
    try:
        with pytest.raises(EvidenceError, match=r"is a link .*Remove the link"):
            WRITERS[folder](demo)
        assert list(outside.iterdir()) == []
    finally:
        link.unlink()
        if (tmp_path / "moved").exists():
            (tmp_path / "moved").rename(link)
