"""Survey answer sheets: anonymous 1–5 ratings or words, before, halfway and after.

Imports the standard library and the model's ``fields`` and ``record`` modules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import field
from enum import StrEnum
from types import MappingProxyType

from qikit.core.model.fields import MAX_LONG_TEXT, as_received, is_record_id
from qikit.core.model.record import Record, RecordKind

_PARTICIPANT_CODE = re.compile(r"[A-Z0-9]{4,12}")


class SurveyStage(StrEnum):
    """When a survey was answered: before, halfway, after, or months after the programme. Stored."""

    PRE = "pre"
    MID = "mid"
    POST = "post"
    #: Months after the programme: are staff still involved in QI (the proposal's longer question)?
    FOLLOW_UP = "follow-up"


class SurveyResponse(Record, kind=RecordKind.SURVEY):
    """One anonymous survey answer sheet: answers are 1–5 ratings or free text."""

    participant_code: str
    stage: SurveyStage
    answers: Mapping[str, int | str] = field(default_factory=dict, hash=False)
    at: str

    def __post_init__(self) -> None:
        super().__post_init__()
        code = self.participant_code
        if not isinstance(code, str) or not _PARTICIPANT_CODE.fullmatch(code):
            self._fail(
                "participant_code",
                "4 to 12 capital letters or digits, such as K7QF",
                as_received(code),
                "Type the code from your card, in capitals.",
            )
        self._check_enum("stage", SurveyStage)
        answers = self.answers
        if not isinstance(answers, Mapping):
            self._fail("answers", "an answer for each question", answers, "Answer again.")
        for question, answer in answers.items():
            if not is_record_id(question):
                self._fail("answers", "question ids of letters, digits, “-” or “_”", question, "")
            if isinstance(answer, str):
                self._check_text("answers", MAX_LONG_TEXT, value=answer)
            elif isinstance(answer, bool) or not isinstance(answer, int) or not 1 <= answer <= 5:
                self._fail(
                    "answers",
                    "a score from 1 to 5, or some words",
                    as_received(answer),
                    f"Answer question “{question}” again.",
                )
        # A read-only copy: the record is frozen, so its answers must not change either.
        self._set("answers", MappingProxyType(dict(answers)))
        self._check_datetime_text("at")
