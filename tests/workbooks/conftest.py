"""A small cohort for the workbook tests: one team with sample records for every tool."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from qikit.core.model import Cause
from qikit.demo.samples import build_sample_project, sample_team
from qikit.store import open_store
from qikit.store.records import save_record

#: The team's slug in the test cohort.
TEAM = "x-ray-porters"
#: A cause whose text would run as a script if a page forgot to escape it.
NASTY_CAUSE = "Notes say <script>alert('qikit')</script> on the board"


def make_cohort(folder: Path) -> Path:
    """Return ``folder`` made into a cohort: ``qikit.db`` with the sample team and its project."""
    folder.mkdir(parents=True, exist_ok=True)
    with open_store(folder / "qikit.db") as store:
        save_record(store, TEAM, sample_team(TEAM), author="test setup")
        build_sample_project(store, TEAM, author="test setup")
        save_record(
            store,
            TEAM,
            Cause(record_id="test-nasty", category="Communication", text=NASTY_CAUSE),
            author="test setup",
        )
    return folder


@pytest.fixture(scope="session")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cohort shared by the tests that only read it (the notebooks executed by papermill)."""
    return make_cohort(tmp_path_factory.mktemp("cohort"))


@pytest.fixture
def fresh_cohort(tmp_path: Path) -> Path:
    """A cohort of this test's own, for tests that change records."""
    return make_cohort(tmp_path / "cohort")


@pytest.fixture
def cohort_factory() -> Callable[[Path], Path]:
    """Make a cohort in a given folder."""
    return make_cohort


@pytest.fixture(scope="session")
def team() -> str:
    """The slug of the team in every test cohort."""
    return TEAM


@pytest.fixture(scope="session")
def nasty_cause() -> str:
    """The text of the test cohort's cause that must always appear escaped."""
    return NASTY_CAUSE
