"""Does the dashboard read each team from the store once, and keep the score beside the project?"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from qikit.core.model import Charter, Team
from qikit.store import SqliteStore, StoredRecord, open_store
from qikit.store.cohort import cohort_rows
from qikit.store.records import load_project, project_from_stored, save_record
from qikit.store.scores import PROGRESS_KIND, save_confirmed_score

TODAY = dt.date(2026, 4, 10)
TEAM = "porters"


class CountingStore(SqliteStore):
    """A store that counts how often a team's records are listed."""

    listed = 0

    def list(self, team: str, kind: str | None = None) -> list[StoredRecord]:
        self.listed += 1
        return super().list(team, kind)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    with open_store(tmp_path / "qikit.db") as opened:
        save_record(opened, TEAM, Team(name="Porters", slug=TEAM), author="build")
        save_record(opened, TEAM, Charter(problem="Waits are long."), author="Ann")
        save_confirmed_score(opened, TEAM, 1.0, "Charter started.", "Sam")
        yield opened


def test_a_confirmed_score_is_not_part_of_the_project(store: SqliteStore) -> None:
    """Is the mentor's score left out of the project, by both ways of loading it?"""
    kinds = {r.kind for r in store.list(TEAM)}
    assert PROGRESS_KIND in kinds
    for project in (load_project(store, TEAM), project_from_stored(store.list(TEAM))):
        assert project.problems() == ()
        assert project.charter is not None and project.charter.problem == "Waits are long."


def test_each_team_is_listed_once_per_refresh(store: SqliteStore) -> None:
    """Do a row's project and its last activity come from one reading of the team's records?"""
    counting = CountingStore(store.path, create=False)
    try:
        (row,) = cohort_rows(counting, [TEAM], TODAY)
        assert counting.listed == 1
        assert row.score == 1.0 and row.last_activity is not None
    finally:
        counting.close()
