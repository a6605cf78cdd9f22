"""``qikit showcase``: what it writes, what it prints, its exit codes, through the real command."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runner import qikit

from qikit.cli import main
from qikit.demo.cohort import prepare_demo
from qikit.layout import SHOWCASE_FOLDER


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder, _ = prepare_demo(tmp_path_factory.mktemp("cli-showcase") / "demo")
    return folder


def test_the_command_writes_the_gallery_and_the_pages_and_says_so(cohort: Path) -> None:
    done = qikit("showcase", cohort, "--no-pdf")
    assert done.returncode == 0, done.stderr
    folder = cohort / SHOWCASE_FOLDER
    assert (folder / "index.html").is_file() and (folder / "portering.html").is_file()
    assert not list(folder.glob("*.pdf"))
    assert f"to {folder}:" in done.stdout
    assert "Portering: portering.html" in done.stdout and "--no-pdf" in done.stdout


def test_a_pdf_that_cannot_be_made_is_exit_code_1_with_the_html_kept(
    cohort: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("QIKIT_CHROMIUM", str(cohort / "no-such-browser"))
    assert main(["showcase", str(cohort), "--quiet"]) == 1
    out = capsys.readouterr().out
    assert "Portering: no PDF" in out and "Install Chromium" in out
    assert (cohort / SHOWCASE_FOLDER / "portering.html").is_file()


def test_a_folder_that_is_not_a_cohort_is_refused_with_exit_code_2(tmp_path: Path) -> None:
    done = qikit("showcase", tmp_path)
    assert done.returncode == 2
    assert "qikit showcase:" in done.stderr and "not a cohort folder" in done.stderr
    assert not (tmp_path / SHOWCASE_FOLDER).exists()
