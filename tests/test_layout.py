"""The one path helper: nothing qikit writes into a cohort can land outside it through a link."""

from __future__ import annotations

from pathlib import Path

import pytest

from qikit.errors import BuildError
from qikit.layout import inside_cohort, write_in_cohort


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    (tmp_path / "cohort" / "teams").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    return tmp_path / "cohort"


def test_a_plain_path_inside_the_cohort_is_returned(cohort: Path) -> None:
    """Is a path under plain folders (some not made yet) given back unchanged?"""
    assert inside_cohort(cohort, "teams", "alpha", "01-team.ipynb") == (
        cohort / "teams" / "alpha" / "01-team.ipynb"
    )


def test_a_folder_linked_outside_is_refused_with_what_to_remove(cohort: Path) -> None:
    """Is a folder that is a link to another place refused, naming the link to remove?"""
    (cohort / "review").symlink_to(cohort.parent / "outside")
    with pytest.raises(BuildError, match=r"review is a link .*outside.* Remove the link"):
        inside_cohort(cohort, "review", "2026-05-01", error=BuildError)


def test_a_link_inside_the_cohort_to_a_folder_inside_is_allowed(cohort: Path) -> None:
    """Does a link between two folders of the same cohort still work?"""
    (cohort / "mentors").symlink_to(cohort / "teams")
    assert inside_cohort(cohort, "mentors", "x.ipynb") == cohort / "mentors" / "x.ipynb"


def test_dot_dot_is_refused(cohort: Path) -> None:
    """Can a name with '..' climb out of the cohort?"""
    with pytest.raises(BuildError, match="leaves the cohort"):
        inside_cohort(cohort, "teams", "..", "..", "outside", "x", error=BuildError)


def test_write_refuses_a_stale_part_link_and_leaves_its_target_alone(cohort: Path) -> None:
    """Is a stale .part that links to a file elsewhere refused, that file untouched?"""
    victim = cohort.parent / "outside" / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (cohort / "teams" / "x.json.part").symlink_to(victim)
    with pytest.raises(BuildError, match="Remove the link"):
        write_in_cohort(cohort, cohort / "teams" / "x.json", b"new", error=BuildError)
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert not (cohort / "teams" / "x.json").exists()


def test_write_replaces_a_stale_regular_part_and_the_file_whole(cohort: Path) -> None:
    """Does a .part left by a crash get replaced, and the file hold exactly the new bytes?"""
    (cohort / "teams" / "x.json.part").write_bytes(b"half")
    (cohort / "teams" / "x.json").write_bytes(b"old")
    write_in_cohort(cohort, cohort / "teams" / "x.json", b"new")
    assert (cohort / "teams" / "x.json").read_bytes() == b"new"
    assert not (cohort / "teams" / "x.json.part").exists()


def test_private_files_are_for_this_user_only(cohort: Path) -> None:
    """Is a private file written with mode 0600?"""
    path = write_in_cohort(cohort, cohort / "access.json", b"{}", private=True)
    assert path.stat().st_mode & 0o777 == 0o600
