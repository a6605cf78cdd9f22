"""The skills survey's questions and the anonymous participant code, as plain values.

It also makes the anonymous participant code (:func:`participant_code`): three memorable
answers that are never a name (the first two letters of the month the person was born, the day
of that month, the first two letters of the street they grew up on) become a code such as
``MA04EL``, the same each time they are typed, however they are typed (spaces, small letters,
accents, "march" or "3" for the month). The survey pairs a person's answers across its points
by that code without ever knowing who they are.

The questions come from a data file the programme lead edits (``survey-items.yaml``, read and
checked line by line by :mod:`qikit.cohort.survey_items`); this module holds what that file
becomes, so the survey page and the evaluation agree on it without reading YAML themselves.
Pure: the standard library only.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from qikit.core.model import SurveyStage
from qikit.core.wording import survey as words
from qikit.errors import DataError

__all__ = [
    "ItemKind",
    "SurveyItem",
    "SurveyItems",
    "code_day",
    "code_letters",
    "code_month",
    "code_street",
    "participant_code",
]


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


# -- the anonymous participant code -----------------------------------------------------------


def code_letters(typed: object) -> str:
    """Return the letters of ``typed`` as capitals without accents ("Élm rd." → "ELMRD").

    Anything that is not a letter (spaces, digits, dots, dashes) is dropped; letters that have
    no plain A–Z form (such as "ø") are dropped too ("ß" becomes "SS" as a capital), so a code
    stays A–Z and 0–9.
    """
    if not isinstance(typed, str):
        return ""
    plain = unicodedata.normalize("NFKD", typed)
    return "".join(ch for ch in plain.upper() if "A" <= ch <= "Z")


def code_month(typed: object) -> str:
    """Return the month part of the code: its first two letters ("march", "Mar", "3" → "MA").

    Raises
    ------
    DataError
        When fewer than two letters (or a month number outside 1–12) were typed.
    """
    text = typed.strip() if isinstance(typed, str) else ""
    if text.isdigit() and 1 <= int(text) <= 12:
        text = words.MONTHS[int(text) - 1]
    letters = code_letters(text)
    if len(letters) < 2:
        raise DataError("month", "two letters", typed, words.CODE_MONTH_BAD)
    return letters[:2]


def code_day(typed: object) -> str:
    """Return the day part of the code as two digits ("4", " 04 ", "4th" → "04").

    Raises
    ------
    DataError
        When the digits typed are not a day of a month (1–31).
    """
    text = typed if isinstance(typed, str) else ""
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isdigit())
    if not digits or len(digits) > 2 or not 1 <= int(digits) <= 31:
        raise DataError("day", "a day of the month from 1 to 31", typed, words.CODE_DAY_BAD)
    return f"{int(digits):02d}"


def code_street(typed: object) -> str:
    """Return the street part of the code: its first two letters ("12 Elm Road" → "EL")."""
    letters = code_letters(typed)
    if len(letters) < 2:
        raise DataError("street", "two letters", typed, words.CODE_STREET_BAD)
    return letters[:2]


def participant_code(month: object, day: object, street: object) -> str:
    """Return the anonymous participant code made from the three answers (``MA04EL``).

    The same answers always give the same code however they are typed. The code is six
    characters, capitals and digits, as :class:`~qikit.core.model.SurveyResponse` requires.

    Raises
    ------
    DataError
        Naming the first answer that cannot be used (``month``, ``day`` or ``street``), with
        what to type instead.
    """
    return code_month(month) + code_day(day) + code_street(street)
