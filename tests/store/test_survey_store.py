"""Are survey sheets kept per code and stage, outside every team, with every resubmission kept?"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from qikit.core.model import SurveyStage
from qikit.errors import DataError
from qikit.store import SqliteStore, open_store
from qikit.store.records import save_changes
from qikit.store.survey import (
    load_survey_response,
    load_survey_responses,
    save_survey_answers,
    survey_history,
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    opened = open_store(tmp_path / "qikit.db")
    yield opened
    opened.close()


def test_a_resubmission_updates_the_sheet_and_keeps_the_old_answers(store: SqliteStore) -> None:
    save_survey_answers(store, "MA14ET", "pre", {"fishbone": 2}, author="survey")
    save_survey_answers(store, "MA14ET", "pre", {"fishbone": 4, "why": "Practice"}, author="survey")
    sheet = load_survey_response(store, "MA14ET", SurveyStage.PRE)
    assert sheet is not None
    assert dict(sheet.answers) == {"fishbone": 4, "why": "Practice"}
    versions = survey_history(store, "MA14ET", "pre")
    assert [entry.data["answers"] for entry in versions if entry.data] == [
        {"fishbone": 2},
        {"fishbone": 4, "why": "Practice"},
    ]


def test_stages_and_codes_are_separate_sheets(store: SqliteStore) -> None:
    save_survey_answers(store, "MA14ET", "pre", {"fishbone": 2}, author="survey")
    save_survey_answers(store, "MA14ET", "follow-up", {"fishbone": 5}, author="survey")
    save_survey_answers(store, "JO03LE", "pre", {"fishbone": 1}, author="survey")
    sheets = load_survey_responses(store)
    assert [(s.participant_code, s.stage.value) for s in sheets] == [
        ("JO03LE", "pre"),
        ("MA14ET", "pre"),
        ("MA14ET", "follow-up"),
    ]


def test_the_survey_is_no_team(store: SqliteStore) -> None:
    save_changes(store, "ward-3", "charter", "main", {"problem": "Waits"}, author="t")
    save_survey_answers(store, "MA14ET", "pre", {"fishbone": 2}, author="survey")
    assert store.teams() == ["ward-3"]
    assert set(store.team_histories()) == {"ward-3"}


def test_a_bad_answer_is_refused_and_nothing_is_written(store: SqliteStore) -> None:
    with pytest.raises(DataError):
        save_survey_answers(store, "MA14ET", "pre", {"fishbone": 9}, author="survey")
    with pytest.raises(DataError):
        save_survey_answers(store, "ma", "pre", {"fishbone": 3}, author="survey")
    assert load_survey_responses(store) == []
