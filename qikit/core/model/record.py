"""The record kinds and the :class:`Record` base: an id, the field checks and the JSON form.

Each record class in the sibling modules names its kind in its class line,
``class Cause(Record, kind=RecordKind.CAUSE)``, which makes it a frozen, keyword-only dataclass
with ``KIND``, ``SINGLETON`` and ``LABELS``, the plain names of its fields from the one table
:data:`FIELD_LABELS`. It checks itself in ``__post_init__`` with the ``_check_*`` helpers here,
which raise :class:`~qikit.errors.FieldError` naming the stored field. Imports only the standard
library, :mod:`qikit.errors` and :mod:`qikit.core.model.fields`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, fields
from enum import Enum, StrEnum
from functools import partial
from typing import Any, ClassVar, NoReturn, TypeVar, dataclass_transform

from qikit.core.model.fields import (
    MAIN,
    MAX_COUNT,
    MAX_SHORT_TEXT,
    as_received,
    choices,
    is_iso_datetime,
    is_record_id,
    name_key,
    parse_iso_date,
    refuse_long_text,
)
from qikit.errors import DataError, FieldError


class RecordKind(StrEnum):
    """The kinds of record a project is made of. Stored, so the values never change."""

    TEAM = "team"
    CHARTER = "charter"
    FISHBONE = "fishbone"
    CAUSE = "cause"
    PROCESS_MAP = "process_map"
    STEP = "step"
    DRIVER = "driver"
    CHANGE_IDEA = "change_idea"
    MEASURE = "measure"
    POINT = "point"
    PDSA = "pdsa"
    FEEDBACK = "feedback"
    SURVEY = "survey"
    SHOWCASE = "showcase"
    REFLECTION = "reflection"


#: The plain label of each stored field, by record kind: what an error message calls the field
#: (``FieldError.field``) while ``FieldError.key`` keeps the stored name. Participant-facing
#: wording, kept in one table so it can be reviewed and translated in one place.
FIELD_LABELS: dict[RecordKind, dict[str, str]] = {
    RecordKind.TEAM: {
        "name": "Team name",
        "slug": "Team short name",
        "department": "Department",
        "members": "Team members",
        "mentor": "Mentor",
    },
    RecordKind.CHARTER: {
        "problem": "The problem",
        "why_it_matters": "Why it matters",
        "scope": "Scope",
        "aim_what": "What will improve",
        "aim_how_much": "By how much",
        "aim_by_when": "By when",
        "aim_for_whom": "For whom",
    },
    RecordKind.FISHBONE: {
        "effect": "The problem (effect)",
        "categories": "Categories",
    },
    RecordKind.CAUSE: {
        "category": "Category",
        "text": "Cause",
        "parent_id": "Main cause",
        "votes": "Votes",
        "tally": "Tally",
    },
    RecordKind.PROCESS_MAP: {
        "title": "Process map title",
    },
    RecordKind.STEP: {
        "position": "Position",
        "step_type": "Type of step",
        "text": "Step",
        "yes_next": "Next step if yes",
        "no_next": "Next step if no",
        "problem": "Problem",
        "problem_note": "Note about the problem",
    },
    RecordKind.DRIVER: {
        "text": "Driver",
        "level": "Primary or secondary",
        "parent_id": "Primary driver",
        "position": "Position",
    },
    RecordKind.CHANGE_IDEA: {
        "text": "Change idea",
        "driver_id": "Driver",
    },
    RecordKind.MEASURE: {
        "name": "Measure name",
        "measure_type": "Type of measure",
        "operational_definition": "Exactly how it is measured",
        "data_kind": "What you are measuring",
        "unit": "Unit",
        "target": "Target",
        "improvement": "Which way is better",
        "phase_starts": "Dates a new phase starts",
        "notes": "Notes",
        "chart": "Chart shown",
        "rule_set": "Chart rules",
    },
    RecordKind.POINT: {
        "measure_id": "Measure",
        "date": "Date",
        "value": "Value",
        "numerator": "How many",
        "denominator": "Out of how many",
        "note": "Note",
    },
    RecordKind.PDSA: {
        "title": "Cycle title",
        "change_idea_id": "Change idea",
        "measure_ids": "Measures",
        "status": "Stage",
        "objective": "Objective",
        "question": "Question",
        "prediction": "Prediction",
        "who": "Who",
        "what": "What",
        "when": "When",
        "where": "Where",
        "data_to_collect": "Data to collect",
        "what_happened": "What happened",
        "surprises": "Surprises",
        "result_vs_prediction": "Result compared with the prediction",
        "decision": "Decision",
        "next_step": "Next step",
        "started_on": "Start date",
        "finished_on": "Finish date",
    },
    RecordKind.FEEDBACK: {
        "about": "About",
        "about_id": "About which item",
        "author": "From",
        "at": "Time",
        "text": "Comment",
        "read": "Read",
        "reply_to": "Reply to",
        "from_mentor": "From the mentor",
    },
    RecordKind.SURVEY: {
        "participant_code": "Your code",
        "stage": "Survey",
        "answers": "Answers",
        "at": "Time",
    },
    RecordKind.SHOWCASE: {
        "headline": "Headline",
        "problem": "The problem, in a few words",
        "tried": "What we tried",
        "chart_reading": "What our chart shows",
        "learned": "What we learned",
        "next_steps": "Next steps",
    },
    RecordKind.REFLECTION: {
        "member": "Your name",
        "role": "What I did in the project",
        "learned": "What I learned about improving things",
        "skills": "A QI tool I can now use, and how I used it",
        "differently": "What I would do differently",
        "next": "How I will use QI next",
        "at": "Time",
    },
}


R = TypeVar("R", bound="Record")
_UNSET = object()  # "read the value from the field" (None is a value a caller may pass)


# Every record is a frozen, keyword-only dataclass: said once here, for the interpreter and for
# type checkers, rather than on each record class.
@dataclass_transform(kw_only_default=True, frozen_default=True)
@dataclass(frozen=True, kw_only=True)
class Record:
    """Base of every record: an id, validation helpers and the JSON conversion.

    A record class names its kind in its class line (``singleton=True`` for the kinds a team has
    one of)::

        class Cause(Record, kind=RecordKind.CAUSE):
            category: str
            text: str = ""

    and is made a frozen, keyword-only dataclass whose ``LABELS`` are its kind's row of
    :data:`FIELD_LABELS`.
    """

    KIND: ClassVar[RecordKind]
    #: True for kinds with a single record per team, whose id is always "main".
    SINGLETON: ClassVar[bool] = False
    #: Plain labels for the fields, used in error messages (the stored name is the key).
    LABELS: ClassVar[dict[str, str]] = {}

    record_id: str

    def __init_subclass__(cls, *, kind: RecordKind, singleton: bool = False, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.KIND = kind
        cls.SINGLETON = singleton
        cls.LABELS = FIELD_LABELS[kind]
        dataclass(frozen=True, kw_only=True)(cls)

    # -- conversion ---------------------------------------------------------------------------

    def to_data(self) -> dict[str, Any]:
        """Return the record as a JSON-compatible dict (without ``record_id``)."""
        return {
            f.name: to_json(getattr(self, f.name)) for f in fields(self) if f.name != "record_id"
        }

    @classmethod
    def from_data(cls: type[R], record_id: str, data: Mapping[str, object]) -> R:
        """Return the record stored as ``data`` under ``record_id``.

        Missing fields take their defaults and unknown keys are ignored; a wrong type raises
        :class:`FieldError`.
        """
        if not isinstance(data, Mapping):
            raise DataError(
                f"The {cls._kind_words()} record",
                "a set of named values (a JSON object)",
                data,
                "This record is damaged: ask your mentor to restore an earlier version.",
            )
        values: dict[str, Any] = {}
        for f in fields(cls):
            if not f.init or f.name == "record_id":
                continue
            if f.name in data:
                values[f.name] = data[f.name]
            elif f.default is MISSING and f.default_factory is MISSING:
                label = cls.LABELS.get(f.name) or f.name
                raise FieldError(
                    f.name,
                    label,
                    "a value, but there is none",
                    None,
                    f"This {cls._kind_words()} has no {label.lower()}: fill it in and save again.",
                )
        return cls(record_id=record_id, **values)

    @classmethod
    def _kind_words(cls) -> str:
        return str(cls.KIND.value).replace("_", " ")

    # -- validation helpers (used by __post_init__) -------------------------------------------

    def __post_init__(self) -> None:
        rid = self.record_id
        if self.SINGLETON:
            if rid != MAIN:
                raise FieldError(
                    "record_id",
                    "Record id",
                    f"“{MAIN}” (a team has only one {self._kind_words()})",
                    as_received(rid),
                    f"Save the {self._kind_words()} under the id “{MAIN}”.",
                )
        elif not is_record_id(rid):
            raise FieldError(
                "record_id",
                "Record id",
                "1 to 64 letters, digits, “-” or “_”",
                as_received(rid),
                "Use new_record_id() to make a new id.",
            )

    def _label(self, key: str) -> str:
        return self.LABELS.get(key) or key.replace("_", " ").capitalize()

    def _fail(
        self,
        key: str,
        expected: str,
        received: object = None,
        what_to_do: str = "",
    ) -> NoReturn:
        raise FieldError(key, self._label(key), expected, received, what_to_do)

    def _set(self, key: str, value: object) -> None:
        object.__setattr__(self, key, value)

    def _check_text(
        self, key: str, limit: int, *, required: bool = False, value: object = _UNSET
    ) -> str:
        text = getattr(self, key) if value is _UNSET else value
        label = self._label(key)
        if not isinstance(text, str):
            self._fail(key, "some text", as_received(text), f"Type the {label.lower()} as words.")
        if required and not text.strip():
            self._fail(key, "some text", None, f"{label} cannot be empty: please fill it in.")
        refuse_long_text(key, label, text, limit)
        if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
            self._fail(
                key,
                "text that can be saved",
                None,
                "It contains a broken character (half of an emoji?): delete it and type it again.",
            )
        return text

    def _convert(
        self, key: str, to_value: Callable[[str, Any], object], *, allow_none: bool
    ) -> None:
        """Replace field ``key`` with ``to_value(key, value)``; a None that is allowed stays None.

        ``to_value`` returns the value in its stored type, or raises FieldError through ``_fail``.
        """
        value = getattr(self, key)
        if value is None and allow_none:
            return
        self._set(key, to_value(key, value))

    def _check_id(self, key: str, *, allow_none: bool = True) -> str | None:
        self._convert(key, self._to_id, allow_none=allow_none)
        value: str | None = getattr(self, key)
        return value

    def _to_id(self, key: str, value: object) -> str:
        if not is_record_id(value):
            self._fail(
                key,
                "the id of another record (1 to 64 letters, digits, “-” or “_”)",
                as_received(value),
                "Pick the item from the list again.",
            )
        return value

    def _check_enum(self, key: str, enum: type[StrEnum], *, allow_none: bool = False) -> None:
        self._convert(key, partial(self._to_enum, enum=enum), allow_none=allow_none)

    def _to_enum(self, key: str, value: Any, *, enum: type[StrEnum]) -> StrEnum:
        try:
            return enum(value)
        except (ValueError, TypeError):
            self._fail(key, choices(enum), as_received(value), "Pick one of the choices.")

    def _check_date(self, key: str, *, allow_none: bool = False) -> None:
        self._convert(key, self._to_date, allow_none=allow_none)

    def _to_date(self, key: str, value: object) -> dt.date:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str) and (day := parse_iso_date(value)) is not None:
            return day
        self._fail(
            key,
            "a date written as year-month-day, for example 2026-03-31",
            as_received(value),
            "Pick the date from the calendar.",
        )

    def _check_datetime_text(self, key: str) -> None:
        value = getattr(self, key)
        if not is_iso_datetime(value):
            self._fail(
                key,
                "a date and time such as 2026-03-31T14:05:00+00:00",
                as_received(value),
                "Use now_iso() for the current time.",
            )

    def _check_number(self, key: str, *, allow_none: bool = True) -> None:
        self._convert(key, self._to_number, allow_none=allow_none)

    def _to_number(self, key: str, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self._fail(key, "a number", as_received(value), "Type a number such as 12 or 4.5.")
        try:
            number = float(value)
        except OverflowError:  # an int too big for a float
            number = math.inf
        if not math.isfinite(number):
            self._fail(key, "an ordinary number", value, "Type a number such as 12 or 4.5.")
        return number

    def _check_count(self, key: str, *, allow_none: bool = False, minimum: int = 0) -> None:
        self._convert(key, partial(self._to_count, minimum=minimum), allow_none=allow_none)

    def _to_count(self, key: str, value: object, *, minimum: int) -> int:
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # JSON from other tools may write 3 as 3.0
        if isinstance(value, bool) or not isinstance(value, int):
            self._fail(key, "a whole number", as_received(value), "Type a whole number such as 3.")
        if not minimum <= value <= MAX_COUNT:
            self._fail(
                key,
                f"a whole number from {minimum:,} to {MAX_COUNT:,}",
                value,
                "Check the number you typed.",
            )
        return value

    def _check_bool(self, key: str) -> None:
        value = getattr(self, key)
        if not isinstance(value, bool):
            self._fail(key, "yes or no (true or false)", as_received(value), "Tick or untick it.")

    def _check_tuple(self, key: str) -> tuple[object, ...]:
        value = getattr(self, key)
        if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, (list, tuple)):
            self._fail(key, "a list", as_received(value), "Add the items one at a time.")
        result = tuple(value)
        self._set(key, result)
        return result

    def _check_names(self, key: str, limit: int = MAX_SHORT_TEXT) -> None:
        """Check a list of names: each filled in, short, and no two the same."""
        seen: dict[str, str] = {}
        for item in self._check_tuple(key):
            name = self._check_text(key, limit, required=True, value=item)
            if name_key(name) in seen:
                self._fail(
                    key,
                    "each name once",
                    name,
                    f"“{seen[name_key(name)]}” and “{name}” are the same: remove one of them.",
                )
            seen[name_key(name)] = name


def to_json(value: object) -> object:
    """Return ``value`` as JSON holds it: enums as their value, dates as ``YYYY-MM-DD``."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, Mapping):
        return {k: to_json(v) for k, v in value.items()}
    return value
