"""The skills survey's answer sheets in the store: one per participant code and stage, with history.

The survey is anonymous and belongs to the cohort, not to a team, so its sheets live under the
store's cohort scope (:data:`qikit.layout.COHORT_SCOPE`), which no team can have and which the
store's team lists leave out. Each sheet is an ordinary record (kind ``survey``), so every
resubmission is a new version and the old answers stay in history.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from datetime import UTC, datetime

from qikit.core.model import RecordKind, SurveyResponse, SurveyStage, record_from_data
from qikit.layout import COHORT_SCOPE
from qikit.store.base import HistoryEntry, Store, StoredRecord
from qikit.store.records import save_changes

__all__ = [
    "load_survey_response",
    "load_survey_responses",
    "save_survey_answers",
    "survey_history",
    "survey_record_id",
]


def survey_record_id(participant_code: str, stage: SurveyStage | str) -> str:
    """Return the store id of one sheet: the code and the stage (``K7QF14-pre``)."""
    return f"{participant_code}-{SurveyStage(stage).value}"


def save_survey_answers(
    store: Store,
    participant_code: str,
    stage: SurveyStage | str,
    answers: Mapping[str, int | str],
    *,
    author: str,
    at: str | None = None,
) -> StoredRecord:
    """Save the sheet's answers so far (a resubmission replaces them; history keeps the old).

    The whole answers mapping is written each time: a sheet is one person's, so there is no
    other writer whose answers a merge would have to keep. The record is checked against
    :class:`~qikit.core.model.SurveyResponse` inside the store's transaction.
    """
    stage = SurveyStage(stage)
    when = at or datetime.now(UTC).isoformat(timespec="seconds")
    changes = {
        "participant_code": participant_code,
        "stage": stage.value,
        "answers": dict(answers),
        "at": when,
    }
    record_id = survey_record_id(participant_code, stage)
    return save_changes(store, COHORT_SCOPE, RecordKind.SURVEY, record_id, changes, author=author)


def load_survey_response(
    store: Store, participant_code: str, stage: SurveyStage | str
) -> SurveyResponse | None:
    """Return the sheet for this code and stage, or None if it was never started."""
    stored = store.get(
        COHORT_SCOPE, RecordKind.SURVEY.value, survey_record_id(participant_code, stage)
    )
    if stored is None:
        return None
    response = record_from_data(RecordKind.SURVEY, stored.record_id, stored.data)
    assert isinstance(response, SurveyResponse)
    return response


def load_survey_responses(store: Store) -> builtins.list[SurveyResponse]:
    """Return every current sheet of the cohort, sorted by code then stage order."""
    order = {stage: index for index, stage in enumerate(SurveyStage)}
    found: list[SurveyResponse] = []
    for stored in store.list(COHORT_SCOPE, RecordKind.SURVEY.value):
        response = record_from_data(RecordKind.SURVEY, stored.record_id, stored.data)
        assert isinstance(response, SurveyResponse)
        found.append(response)
    found.sort(key=lambda r: (r.participant_code, order[r.stage]))
    return found


def survey_history(
    store: Store, participant_code: str, stage: SurveyStage | str
) -> builtins.list[HistoryEntry]:
    """Return every version of one sheet, oldest first (a resubmission adds one)."""
    return store.history(
        COHORT_SCOPE, RecordKind.SURVEY.value, survey_record_id(participant_code, stage)
    )
