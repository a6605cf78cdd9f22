"""``qikit review``: exit codes, the table and what ends up on disk, through the real command.

The cohort has two teams with the one team page each: ``good`` with the sample project,
``broken`` whose team page raises. The first run goes through
``python -m qikit`` in its own process, as a mentor would; the others call ``qikit.cli.main``.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from cli_runner import qikit

from qikit.cli import main
from qikit.cohort.build import build_cohort
from qikit.demo.samples import build_sample_project
from qikit.layout import TEAM_WORKBOOK
from qikit.store import open_store

TEMPLATE = """\
cohort: CLI review
start_date: 2027-01-11
teams:
  - name: Good
  - name: Broken
"""
DAY = "2026-06-01"


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cohort of two teams built with the real workbooks; the broken team's page raises."""
    root = tmp_path_factory.mktemp("cli-review")
    (root / "cohort.yaml").write_text(TEMPLATE, encoding="utf-8")
    folder = root / "cohort"
    build_cohort(root / "cohort.yaml", folder)
    with open_store(folder / "qikit.db") as store:
        build_sample_project(store, "good", author="test setup")
    assert sorted(p.name for p in (folder / "teams" / "good").glob("*.ipynb")) == [TEAM_WORKBOOK]
    page = folder / "teams" / "broken" / TEAM_WORKBOOK
    notebook = nbformat.read(page, as_version=4)
    for cell in notebook.cells:
        if "show_team(" in cell.source:
            cell.source = 'raise RuntimeError("boom")'
    nbformat.write(notebook, page)
    return folder


def table_row(stdout: str, team: str) -> list[str]:
    """Return the table's row for ``team``, split on runs of two or more spaces."""
    for line in stdout.splitlines():
        if line.startswith(f"{team} "):
            return [cell for cell in line.split("  ") if cell.strip()]
    raise AssertionError(f"no row for {team} in:\n{stdout}")


@pytest.mark.slow
def test_review_reports_the_failed_team_with_exit_code_1(cohort: Path) -> None:
    """Does a review with a broken team exit 1, with a table naming the failure and the good
    team ok, no progress bar and no kernel chatter on stderr?"""
    done = qikit("review", cohort, "--jobs", "2", "--date", DAY)
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    header = done.stdout.splitlines()[0].split()
    assert header[:2] == ["team", "notebooks"]
    assert "status" in header and "(s)" in header
    good = [c.strip() for c in table_row(done.stdout, "good")]
    assert good[:3] == ["good", "1", "ok"]
    assert float(good[3]) > 0
    broken = [c.strip() for c in table_row(done.stdout, "broken")]
    assert broken[:3] == ["broken", "1", "failed: 01-team.ipynb: RuntimeError: boom"]
    assert (cohort / "review" / DAY / "good" / "01-team.html").is_file()
    assert (cohort / "review" / DAY / "kernels.log").is_file()


@pytest.mark.slow
def test_team_skips_when_unchanged_and_all_forces(
    cohort: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Does --team review only that team, skipping it when nothing changed, and --all run it
    again anyway?"""
    if not (cohort / "review" / DAY / "good").is_dir():
        assert main(["review", str(cohort), "--date", DAY, "-q"]) == 1
    capsys.readouterr()

    assert main(["review", str(cohort), "--team", "good", "--date", "2026-06-02"]) == 0
    out = capsys.readouterr().out
    assert table_row(out, "good")[2].strip() == "skipped (no changes)"
    assert f"review/{DAY}/good" in out
    assert "broken" not in out

    assert main(["review", str(cohort), "--team", "good", "--all", "--date", "2026-06-02"]) == 0
    out = capsys.readouterr().out
    assert table_row(out, "good")[2].strip() == "ok"
    assert (cohort / "review" / "2026-06-02" / "good" / "index.html").is_file()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--team", "nobody"], "no team nobody"),
        (["--date", "1 June"], "YYYY-MM-DD"),
        (["--jobs", "0"], "--jobs"),
    ],
    ids=["unknown team", "bad date", "no jobs"],
)
def test_bad_input_is_exit_code_2(
    cohort: Path, capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    """Is bad input refused with exit code 2 and a message, before anything runs?"""
    assert main(["review", str(cohort), *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("qikit review: ")
    assert words in captured.err


def test_a_folder_that_is_not_a_cohort_is_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Is a folder that is not a cohort refused with exit code 2 and what to give instead?"""
    assert main(["review", str(tmp_path)]) == 2
    assert "not a cohort folder" in capsys.readouterr().err
