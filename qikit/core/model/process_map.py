"""The process map: its title, and each step with its shape, links and marked problem.

Imports the standard library and the model's ``fields`` and ``record`` modules.
"""

from __future__ import annotations

from enum import StrEnum

from qikit.core.model.fields import MAIN, MAX_LONG_TEXT, MAX_SHORT_TEXT
from qikit.core.model.record import Record, RecordKind


class StepType(StrEnum):
    """The shape of a step on a process map. Stored."""

    START_END = "start_end"  # the oval: where the process starts or ends
    TASK = "task"  # the box: something someone does
    DECISION = "decision"  # the diamond: a yes/no question
    WAIT = "wait"  # waiting for something or someone


class StepProblem(StrEnum):
    """A problem a team marks on a step (the "red dots"). Stored."""

    DELAY = "delay"
    HAND_OFF = "hand_off"
    REWORK = "rework"
    WASTE = "waste"


class ProcessMap(Record, kind=RecordKind.PROCESS_MAP, singleton=True):
    """The process map's title (its steps are separate records)."""

    record_id: str = MAIN
    title: str = ""

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_text("title", MAX_SHORT_TEXT)


class Step(Record, kind=RecordKind.STEP):
    """One step of the process map; steps are ordered by ``position`` (a number).

    A new step between positions 1 and 2 gets 1.5, so reordering changes one record only.
    Decisions may say which step follows a "yes" and a "no"; other steps simply follow in order.
    """

    position: float = 0.0
    step_type: StepType = StepType.TASK
    text: str = ""
    yes_next: str | None = None
    no_next: str | None = None
    problem: StepProblem | None = None
    problem_note: str = ""

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_number("position", allow_none=False)
        self._check_enum("step_type", StepType)
        self._check_text("text", MAX_SHORT_TEXT)
        for key in ("yes_next", "no_next"):
            if self._check_id(key) is not None and self.step_type is not StepType.DECISION:
                self._fail(
                    key,
                    "no link, because only a decision has a yes and a no",
                    getattr(self, key),
                    "Make this step a decision, or remove the link.",
                )
        self._check_enum("problem", StepProblem, allow_none=True)
        self._check_text("problem_note", MAX_LONG_TEXT)
