"""``qikit review`` never writes outside the cohort through a link (refused before it runs)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_review import make_cohort

from qikit.errors import ReviewError
from qikit.review import review_cohort


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_cohort(tmp_path_factory.mktemp("links") / "cohort")


def test_a_review_folder_linked_outside_is_refused(cohort: Path, tmp_path: Path) -> None:
    """Is review/ as a link to another folder refused, that folder left empty?"""
    outside = tmp_path / "outside"
    outside.mkdir()
    (cohort / "review").symlink_to(outside)
    try:
        with pytest.raises(ReviewError, match=r"review is a link .*Remove the link"):
            review_cohort(cohort, jobs=1, date="2026-05-01")
        done = subprocess.run(
            [sys.executable, "-m", "qikit", "review", str(cohort), "--date", "2026-05-01"],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 2, done.stderr
        assert "Remove the link" in done.stderr
        assert list(outside.iterdir()) == []
    finally:
        (cohort / "review").unlink()


def test_a_stale_state_part_linked_outside_is_refused(cohort: Path, tmp_path: Path) -> None:
    """Is a leftover review/.state.json.part that links to a file elsewhere refused?"""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (cohort / "review").mkdir(exist_ok=True)
    part = cohort / "review" / ".state.json.part"
    part.symlink_to(victim)
    try:
        with pytest.raises(ReviewError, match=r"\.part is a link"):
            review_cohort(cohort, jobs=1, date="2026-05-01")
        assert victim.read_text(encoding="utf-8") == "keep me"
    finally:
        part.unlink()
