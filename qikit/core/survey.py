"""The skills survey's questions and the anonymous participant code, as plain values.

The questions come from a data file the programme lead edits (``survey-items.yaml``, read and
checked line by line by :mod:`qikit.evidence.survey_items`); this module holds what that file
becomes, so the survey page and the evaluation agree on it without reading YAML themselves.
Pure: the standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from qikit.core.model import SurveyStage

__all__ = ["ItemKind", "SurveyItem", "SurveyItems"]


class ItemKind(StrEnum):
    """How a question is answered: one of the five words of the scale (1–5), or free text."""

    SCALE = "scale"
    TEXT = "text"


@dataclass(frozen=True)
class SurveyItem:
    """One question: its stored id, its words, how it is answered and when it is asked."""

    item_id: str
    statement: str
    kind: ItemKind
    section: str
    #: The points of the survey that ask it (every point when the file names none).
    stages: tuple[SurveyStage, ...] = tuple(SurveyStage)

    def asked_at(self, stage: SurveyStage | str) -> bool:
        """Return True if this question is asked at ``stage``."""
        return SurveyStage(stage) in self.stages


@dataclass(frozen=True)
class SurveyItems:
    """Every question of the survey, in the file's order, with the five words of the scale."""

    title: str
    #: The words of the scale, for the scores 1 to 5 in order.
    scale: tuple[str, str, str, str, str]
    items: tuple[SurveyItem, ...]

    def scale_items(self) -> tuple[SurveyItem, ...]:
        """Return the questions answered on the scale (the ones the evaluation tests)."""
        return tuple(item for item in self.items if item.kind is ItemKind.SCALE)

    def for_stage(self, stage: SurveyStage | str) -> tuple[SurveyItem, ...]:
        """Return the questions asked at ``stage``, in order."""
        return tuple(item for item in self.items if item.asked_at(stage))

    def item(self, item_id: str) -> SurveyItem | None:
        """Return the question stored as ``item_id``, or None."""
        return next((item for item in self.items if item.item_id == item_id), None)
