"""Plan-Do-Study-Act cycles: each a small test of a change idea, stage by stage.

Imports the standard library, :mod:`qikit.core.wording.dates` and the model's ``fields`` and
``record`` modules.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import ClassVar

from qikit.core.model.fields import MAX_LONG_TEXT, MAX_SHORT_TEXT, as_received, is_record_id
from qikit.core.model.record import Record, RecordKind
from qikit.core.wording.dates import date_words


class PdsaStatus(StrEnum):
    """How far a PDSA cycle has got. Stored; the order of the members is the order of work."""

    PLAN = "plan"
    DO = "do"
    STUDY = "study"
    ACT = "act"
    DONE = "done"


class PdsaDecision(StrEnum):
    """What the team decided in the Act step. Stored."""

    ADOPT = "adopt"
    ADAPT = "adapt"
    ABANDON = "abandon"


class PdsaCycle(Record, kind=RecordKind.PDSA):
    """One Plan-Do-Study-Act cycle testing a change idea."""

    #: The free text a team writes at each stage, in the order they fill it in.
    STAGE_FIELDS: ClassVar[dict[PdsaStatus, tuple[str, ...]]] = {
        PdsaStatus.PLAN: (
            "objective",
            "question",
            "prediction",
            "who",
            "what",
            "when",
            "where",
            "data_to_collect",
        ),
        PdsaStatus.DO: ("what_happened", "surprises"),
        PdsaStatus.STUDY: ("result_vs_prediction",),
        PdsaStatus.ACT: ("next_step",),
    }

    title: str = ""
    change_idea_id: str | None = None
    measure_ids: tuple[str, ...] = ()
    status: PdsaStatus = PdsaStatus.PLAN
    # Plan
    objective: str = ""
    question: str = ""
    prediction: str = ""
    who: str = ""
    what: str = ""
    when: str = ""
    where: str = ""
    data_to_collect: str = ""
    # Do
    what_happened: str = ""
    surprises: str = ""
    # Study
    result_vs_prediction: str = ""
    # Act
    decision: PdsaDecision | None = None
    next_step: str = ""
    started_on: dt.date | None = None
    finished_on: dt.date | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_text("title", MAX_SHORT_TEXT)
        self._check_id("change_idea_id")
        ids = self._check_tuple("measure_ids")
        for mid in ids:
            if not is_record_id(mid):
                self._fail(
                    "measure_ids",
                    "ids of measures",
                    as_received(mid),
                    "Pick the measures again.",
                )
        if len(set(ids)) != len(ids):
            self._fail("measure_ids", "each measure once", None, "Remove the repeated measure.")
        self._check_enum("status", PdsaStatus)
        for keys in self.STAGE_FIELDS.values():
            for key in keys:
                self._check_text(key, MAX_LONG_TEXT)
        self._check_enum("decision", PdsaDecision, allow_none=True)
        self._check_date("started_on", allow_none=True)
        self._check_date("finished_on", allow_none=True)
        if self.status is not PdsaStatus.PLAN and not self.prediction.strip():
            self._fail(
                "prediction",
                "a prediction before the Do step",
                None,
                "Write down what you think will happen before you try the change: the "
                "difference between the prediction and what happens is what you learn from.",
            )
        if (
            self.started_on is not None
            and self.finished_on is not None
            and self.finished_on < self.started_on
        ):
            self._fail(
                "finished_on",
                f"a date on or after the start date ({date_words(self.started_on)})",
                date_words(self.finished_on),
                "Check both dates.",
            )

    def stage_reached(self, status: PdsaStatus | str) -> bool:
        """True when the cycle has reached ``status`` (plan < do < study < act < done)."""
        order = list(PdsaStatus)
        return order.index(self.status) >= order.index(PdsaStatus(status))
