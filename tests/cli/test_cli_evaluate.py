"""``qikit evaluate``: exit codes and the report's path, through the real command."""

from __future__ import annotations

import sys
from pathlib import Path

from cli_runner import qikit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "evidence"))
from evaluation_cohort import make_evaluation_cohort


def test_a_good_cohort_gets_its_report_and_exit_code_0(tmp_path: Path) -> None:
    cohort = make_evaluation_cohort(tmp_path / "cohort")
    done = qikit("evaluate", cohort, "--today", "2028-04-01")
    assert done.returncode == 0, done.stderr
    report = cohort / "evaluation" / "2028-04-01" / "evaluation-report.html"
    assert str(report) in done.stdout
    assert report.is_file()


def test_a_folder_that_is_not_a_cohort_is_exit_code_2_with_a_plain_message(
    tmp_path: Path,
) -> None:
    done = qikit("evaluate", tmp_path)
    assert done.returncode == 2
    assert "qikit evaluate:" in done.stderr and "not a cohort folder" in done.stderr
    assert "Traceback" not in done.stderr
    bad_date = qikit("evaluate", tmp_path / "nowhere", "--today", "soon")
    assert bad_date.returncode == 2 and "YYYY-MM-DD" in bad_date.stderr
