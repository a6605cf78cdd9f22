"""The project data model: one small frozen record per thing a team writes down.

A team's project is stored as many small records, each a JSON object keyed by
``(team slug, kind, record_id)``: the charter, each fishbone cause, each process step, each data
point, each PDSA cycle, … Two people editing different records — or different fields of one
record — never overwrite each other, because the store merges only the fields that changed.

Each record class here:

- names its kind in ``KIND`` (a :class:`RecordKind`; the strings are stored, so they never change);
- has a ``record_id``. Singleton kinds (team, charter, fishbone, process map) always use
  ``"main"``; the others use any id of 1–64 letters, digits, ``-`` or ``_``
  (:func:`new_record_id` makes a short random one);
- checks itself once, in ``__post_init__``, and raises :class:`FieldError` (a
  :class:`qikit.errors.DataError`) whose message a participant understands. ``FieldError.key``
  names the stored field, so a widget can show the message beside the right box;
- turns into JSON-compatible data with ``to_data()`` (without the ``record_id``; dates as
  ``"YYYY-MM-DD"``) and back with ``from_data(record_id, data)``: missing fields take their
  defaults, unknown keys are ignored (so older code can read newer records), wrong types raise.
  ``cls.from_data(r.record_id, r.to_data()) == r`` for every valid record.

The constructors also accept the JSON forms (ISO strings for dates, plain strings for choices,
lists for tuples, dicts for members) and store the proper type, so a widget can pass what it has.

Text is stored exactly as typed: nothing is stripped, collapsed or escaped, and any Unicode
(emoji, right-to-left text, ``<script>``) is kept as it is — escaping is the job of whatever shows
it. A *required* text must contain something other than spaces. Two things are refused: text
longer than :data:`MAX_SHORT_TEXT` (names, titles, labels drawn on diagrams) or
:data:`MAX_LONG_TEXT` (free text) characters — counted in Unicode code points, so 👩‍⚕️ counts
as 3 — and lone UTF-16 surrogates, which cannot be saved as UTF-8. Names that identify a person
or a category are compared ignoring case and repeated spaces ("Amy" and " amy" are the same).

Only rules *within* one record are checked here. Rules *between* records (a cause in a category
the fishbone does not have, a data point for a deleted measure) belong to :class:`Project`,
whose :meth:`Project.problems` lists them in plain words without raising. Cross-field rules
inside one record are kept few (a decision's yes/no links, a PDSA prediction before the Do, a
point's value *or* fraction, a primary driver has no parent), because a store that merges fields
from two people could combine them; the store should re-check a merged record with ``from_data``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import secrets
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import MISSING, dataclass, field, fields
from enum import Enum, StrEnum
from functools import cached_property
from types import MappingProxyType
from typing import Any, ClassVar, TypeVar

from qikit.core.spc.chart_choice import ChartSuggestion, DataKind, suggest_chart
from qikit.core.wording.dates import date_words
from qikit.errors import DataError, FieldError
from qikit.layout import is_slug

__all__ = [
    "DEFAULT_CATEGORIES",
    "MAIN",
    "MAX_COUNT",
    "MAX_LONG_TEXT",
    "MAX_SHORT_TEXT",
    "RECORD_TYPES",
    "Cause",
    "ChangeIdea",
    "Charter",
    "Driver",
    "DriverLevel",
    "Feedback",
    "FeedbackTopic",
    "FieldError",
    "Fishbone",
    "Improvement",
    "Measure",
    "MeasureType",
    "Member",
    "PdsaCycle",
    "PdsaDecision",
    "PdsaStatus",
    "Point",
    "ProcessMap",
    "Project",
    "ProjectProblem",
    "Record",
    "RecordKind",
    "Step",
    "StepProblem",
    "StepType",
    "SurveyResponse",
    "SurveyStage",
    "Team",
    "new_record_id",
    "now_iso",
    "record_from_data",
    "slugify",
]

#: The most characters in a short text: names, titles and labels drawn on a diagram.
MAX_SHORT_TEXT = 200
#: The most characters in a free text (a problem statement, a note, what happened).
MAX_LONG_TEXT = 10_000
#: The largest whole number stored (tallies, numerators): well inside what a browser's
#: JavaScript numbers hold exactly (2**53), so values survive the trip through a widget.
MAX_COUNT = 1_000_000_000
#: The record id of every singleton kind (team, charter, fishbone, process map).
MAIN = "main"

_RECORD_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Python 3.10's fromisoformat takes only 3 or 6 fraction digits and no "Z": accept what every
# supported Python reads the same way.
_ISO_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{3}(?:[0-9]{3})?)?)?"
    r"(?:Z|[+-][0-9]{2}:[0-9]{2})?"
)
_PARTICIPANT_CODE = re.compile(r"[A-Z0-9]{4,12}")


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


class DriverLevel(StrEnum):
    """Where a driver sits in the driver diagram. Stored."""

    PRIMARY = "primary"
    SECONDARY = "secondary"


class MeasureType(StrEnum):
    """Outcome, process or balancing measure (the family of measures). Stored."""

    OUTCOME = "outcome"
    PROCESS = "process"
    BALANCING = "balancing"


class Improvement(StrEnum):
    """Which direction is better for a measure (as ``qic(improvement=...)``). Stored."""

    INCREASE = "increase"
    DECREASE = "decrease"
    NEUTRAL = "neutral"


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


class FeedbackTopic(StrEnum):
    """What a piece of feedback is about: the whole team or one tool. Stored."""

    TEAM = "team"
    CHARTER = "charter"
    FISHBONE = "fishbone"
    PROCESS_MAP = "process_map"
    MEASURES = "measures"
    DRIVER_DIAGRAM = "driver_diagram"
    PDSA = "pdsa"


class SurveyStage(StrEnum):
    """When a survey was answered: before, halfway through or after the programme. Stored."""

    PRE = "pre"
    MID = "mid"
    POST = "post"


#: Fishbone categories that suit support services (teams can rename them).
DEFAULT_CATEGORIES: tuple[str, ...] = (
    "People",
    "Methods",
    "Equipment",
    "Environment",
    "Materials and supplies",
    "Communication",
)


def new_record_id() -> str:
    """Return a new short random record id (11 url-safe characters, not starting with "-")."""
    while True:
        candidate = secrets.token_urlsafe(8)
        if not candidate.startswith("-"):
            return candidate


def now_iso() -> str:
    """Return the current UTC time as an ISO string, to the second (for ``at`` fields)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# Letters that Unicode does not decompose into a plain letter plus an accent.
_TRANSLITERATE = str.maketrans(
    {"æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)


def slugify(name: str) -> str:
    """Return a team slug made from ``name``: lowercase letters, digits and single dashes.

    Accents are dropped ("Café" → "cafe"), "&" becomes "and", everything else that is not a
    letter or digit becomes one dash, and the result is cut to 40 characters. The result is
    always a valid slug: a name with fewer than two usable characters (an emoji, "../x") gets a
    ``team`` prefix ("team-x", or "team"). Slugs are not unique: the caller checks for clashes.
    """
    if not isinstance(name, str):
        raise DataError(
            "Team name", "some text", name, "Type the team's name, for example “Ward 3 porters”."
        )
    text = unicodedata.normalize("NFKD", name.casefold().replace("&", " and "))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_TRANSLITERATE)
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) < 2:
        slug = f"team-{slug}".strip("-")
    return slug[:40].rstrip("-")


def _name_key(name: str) -> str:
    """Return the form used to compare names: case and repeated spaces ignored."""
    return " ".join(name.split()).casefold()


def _choices(enum: type[Enum]) -> str:
    return "one of: " + ", ".join(str(m.value) for m in enum)


def _received(value: object) -> object:
    # DataError hides a received None; show it as the word a participant would understand.
    return "nothing" if value is None else value


R = TypeVar("R", bound="Record")
_UNSET = object()  # "read the value from the field" (None is a value a caller may pass)


@dataclass(frozen=True, kw_only=True)
class Record:
    """Base of every record: an id, validation helpers and the JSON conversion."""

    KIND: ClassVar[RecordKind]
    #: True for kinds with a single record per team, whose id is always "main".
    SINGLETON: ClassVar[bool] = False
    #: Plain labels for the fields, used in error messages (the stored name is the key).
    LABELS: ClassVar[dict[str, str]] = {}

    record_id: str

    # -- conversion ---------------------------------------------------------------------------

    def to_data(self) -> dict[str, Any]:
        """Return the record as a JSON-compatible dict (without ``record_id``)."""
        return {
            f.name: _to_json(getattr(self, f.name)) for f in fields(self) if f.name != "record_id"
        }

    @classmethod
    def from_data(cls: type[R], record_id: str, data: Mapping[str, Any]) -> R:
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
                    _received(rid),
                    f"Save the {self._kind_words()} under the id “{MAIN}”.",
                )
        elif not isinstance(rid, str) or not _RECORD_ID.fullmatch(rid):
            raise FieldError(
                "record_id",
                "Record id",
                "1 to 64 letters, digits, “-” or “_”",
                _received(rid),
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
        *,
        message: str | None = None,
    ) -> None:
        raise FieldError(key, self._label(key), expected, received, what_to_do, message=message)

    def _set(self, key: str, value: object) -> None:
        object.__setattr__(self, key, value)

    def _check_text(
        self, key: str, limit: int, *, required: bool = False, value: object = _UNSET
    ) -> str:
        text = getattr(self, key) if value is _UNSET else value
        label = self._label(key)
        if not isinstance(text, str):
            self._fail(key, "some text", _received(text), f"Type the {label.lower()} as words.")
        if required and not text.strip():
            self._fail(key, "some text", None, f"{label} cannot be empty: please fill it in.")
        if len(text) > limit:
            advice = (
                "Shorten it." if limit <= MAX_SHORT_TEXT else "Shorten it or split it into two."
            )
            self._fail(
                key,
                f"at most {limit:,} characters",
                len(text),
                advice,
                message=f"{label} is {len(text):,} characters long; the most is {limit:,}. "
                + advice,
            )
        if any(0xD800 <= ord(ch) <= 0xDFFF for ch in text):
            self._fail(
                key,
                "text that can be saved",
                None,
                "It contains a broken character (half of an emoji?): delete it and type it again.",
            )
        return text

    def _check_id(self, key: str, *, allow_none: bool = True) -> str | None:
        value = getattr(self, key)
        if value is None and allow_none:
            return None
        if not isinstance(value, str) or not _RECORD_ID.fullmatch(value):
            self._fail(
                key,
                "the id of another record (1 to 64 letters, digits, “-” or “_”)",
                _received(value),
                "Pick the item from the list again.",
            )
        return value

    def _check_enum(self, key: str, enum: type[StrEnum], *, allow_none: bool = False) -> None:
        value = getattr(self, key)
        if value is None and allow_none:
            return
        try:
            self._set(key, enum(value))
        except (ValueError, TypeError):
            self._fail(key, _choices(enum), _received(value), "Pick one of the choices.")

    def _to_date(self, key: str, value: object) -> dt.date:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self._fail(
            key,
            "a date written as year-month-day, for example 2026-03-31",
            _received(value),
            "Pick the date from the calendar.",
        )
        raise AssertionError  # pragma: no cover - _fail always raises

    def _check_date(self, key: str, *, allow_none: bool = False) -> None:
        value = getattr(self, key)
        if value is None and allow_none:
            return
        self._set(key, self._to_date(key, value))

    def _check_datetime_text(self, key: str) -> None:
        value = getattr(self, key)
        ok = isinstance(value, str) and _ISO_DATETIME.fullmatch(value)
        if ok:
            try:
                dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                ok = False
        if not ok:
            self._fail(
                key,
                "a date and time such as 2026-03-31T14:05:00+00:00",
                _received(value),
                "Use now_iso() for the current time.",
            )

    def _check_number(self, key: str, *, allow_none: bool = True) -> None:
        value = getattr(self, key)
        if value is None and allow_none:
            return
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self._fail(key, "a number", _received(value), "Type a number such as 12 or 4.5.")
        try:
            number = float(value)
        except OverflowError:  # an int too big for a float
            number = math.inf
        if not math.isfinite(number):
            self._fail(key, "an ordinary number", value, "Type a number such as 12 or 4.5.")
        self._set(key, number)

    def _check_count(self, key: str, *, allow_none: bool = False, minimum: int = 0) -> None:
        value = getattr(self, key)
        if value is None and allow_none:
            return
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # JSON from other tools may write 3 as 3.0
            self._set(key, value)
        if isinstance(value, bool) or not isinstance(value, int):
            self._fail(key, "a whole number", _received(value), "Type a whole number such as 3.")
        if not minimum <= value <= MAX_COUNT:
            self._fail(
                key,
                f"a whole number from {minimum:,} to {MAX_COUNT:,}",
                value,
                "Check the number you typed.",
            )

    def _check_bool(self, key: str) -> None:
        value = getattr(self, key)
        if not isinstance(value, bool):
            self._fail(key, "yes or no (true or false)", _received(value), "Tick or untick it.")

    def _check_tuple(self, key: str) -> tuple[Any, ...]:
        value = getattr(self, key)
        if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, (list, tuple)):
            self._fail(key, "a list", _received(value), "Add the items one at a time.")
        result = tuple(value)
        self._set(key, result)
        return result

    def _check_names(self, key: str, limit: int = MAX_SHORT_TEXT) -> None:
        """Check a list of names: each filled in, short, and no two the same."""
        seen: dict[str, str] = {}
        for name in self._check_tuple(key):
            self._check_text(key, limit, required=True, value=name)
            if _name_key(name) in seen:
                self._fail(
                    key,
                    "each name once",
                    name,
                    f"“{seen[_name_key(name)]}” and “{name}” are the same: remove one of them.",
                )
            seen[_name_key(name)] = name


def _to_json(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Member):
        return value.to_data()
    if isinstance(value, (list, tuple)):
        return [_to_json(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _to_json(v) for k, v in value.items()}
    return value


# ---------------------------------------------------------------------------------------------
# Team


@dataclass(frozen=True)
class Member:
    """One person in a team: the name the team uses and their role ("Porter", "Team lead")."""

    display_name: str
    role: str = ""

    def __post_init__(self) -> None:
        for key, label, required in (
            ("display_name", "Member's name", True),
            ("role", "Member's role", False),
        ):
            value = getattr(self, key)
            if not isinstance(value, str) or (required and not value.strip()):
                raise FieldError(
                    "members", label, "some text", _received(value), "Type the name as words."
                )
            if len(value) > MAX_SHORT_TEXT:
                raise FieldError(
                    "members",
                    label,
                    f"at most {MAX_SHORT_TEXT} characters",
                    len(value),
                    "Shorten it.",
                    message=f"{label} is {len(value):,} characters long; the most is "
                    f"{MAX_SHORT_TEXT}. Shorten it.",
                )

    def to_data(self) -> dict[str, Any]:
        """Return the member as a JSON-compatible dict."""
        return {"display_name": self.display_name, "role": self.role}

    @classmethod
    def from_data(cls, data: object) -> Member:
        """Return the member stored as ``data`` (a dict); unknown keys are ignored."""
        if isinstance(data, Member):
            return data
        if not isinstance(data, Mapping):
            raise FieldError(
                "members",
                "Team members",
                "a name and a role for each member",
                data,
                "Add the member again.",
            )
        return cls(display_name=data.get("display_name"), role=data.get("role", ""))


@dataclass(frozen=True, kw_only=True)
class Team(Record):
    """A project team: its name, slug (the short name in web addresses), members and mentor."""

    KIND: ClassVar[RecordKind] = RecordKind.TEAM
    SINGLETON: ClassVar[bool] = True
    LABELS: ClassVar[dict[str, str]] = {
        "name": "Team name",
        "slug": "Team short name",
        "department": "Department",
        "members": "Team members",
        "mentor": "Mentor",
    }

    record_id: str = MAIN
    name: str
    slug: str
    department: str = ""
    members: tuple[Member, ...] = ()
    mentor: str = ""

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_text("name", MAX_SHORT_TEXT, required=True)
        if not is_slug(self.slug):
            self._fail(
                "slug",
                "2 to 40 lowercase letters, digits or dashes, not starting or ending with a dash",
                _received(self.slug),
                f"Try “{slugify(self.name)}”.",
            )
        self._check_text("department", MAX_SHORT_TEXT)
        self._check_text("mentor", MAX_SHORT_TEXT)
        members = tuple(Member.from_data(m) for m in self._check_tuple("members"))
        self._set("members", members)
        seen: set[str] = set()
        for member in members:
            if _name_key(member.display_name) in seen:
                self._fail(
                    "members",
                    "a different name for each member",
                    member.display_name,
                    "Two members have the same name: add a surname or an initial.",
                )
            seen.add(_name_key(member.display_name))


# ---------------------------------------------------------------------------------------------
# Charter


@dataclass(frozen=True, kw_only=True)
class Charter(Record):
    """The project charter: the problem in the team's words and the SMART aim, part by part."""

    KIND: ClassVar[RecordKind] = RecordKind.CHARTER
    SINGLETON: ClassVar[bool] = True
    LABELS: ClassVar[dict[str, str]] = {
        "problem": "The problem",
        "why_it_matters": "Why it matters",
        "scope": "Scope",
        "aim_what": "What will improve",
        "aim_how_much": "By how much",
        "aim_by_when": "By when",
        "aim_for_whom": "For whom",
    }
    #: The question a participant is asked for each missing part of the aim, in sentence order.
    AIM_QUESTIONS: ClassVar[dict[str, str]] = {
        "aim_what": "What will improve?",
        "aim_how_much": "By how much?",
        "aim_for_whom": "For whom?",
        "aim_by_when": "By when?",
    }

    record_id: str = MAIN
    problem: str = ""
    why_it_matters: str = ""
    scope: str = ""
    aim_what: str = ""  # "reduce the time patients wait for a porter"
    aim_how_much: str = ""  # "from 40 to 25 minutes"
    aim_by_when: str = ""  # "2027-03-31" or "the end of March"
    aim_for_whom: str = ""  # "patients on wards 3 and 4"

    def __post_init__(self) -> None:
        super().__post_init__()
        for key in ("problem", "why_it_matters", "scope"):
            self._check_text(key, MAX_LONG_TEXT)
        for key in self.AIM_QUESTIONS:
            self._check_text(key, MAX_SHORT_TEXT)

    def by_when_date(self) -> dt.date | None:
        """Return the aim's deadline as a date when it is written as YYYY-MM-DD, else None."""
        text = self.aim_by_when.strip()
        if _ISO_DATE.fullmatch(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                return None
        return None

    def missing_aim_parts(self) -> tuple[str, ...]:
        """Return a plain question for each part of the aim that is still empty."""
        return tuple(q for key, q in self.AIM_QUESTIONS.items() if not getattr(self, key).strip())

    def aim_sentence(self) -> str:
        """Return the aim as one sentence built from the parts that are filled in.

        "We will reduce the time patients wait for a porter from 40 to 25 minutes for patients
        on wards 3 and 4 by 31 March 2027." Returns "" when no part is filled in.
        """
        what, how_much, for_whom, by_when = (
            _clean_part(getattr(self, k))
            for k in ("aim_what", "aim_how_much", "aim_for_whom", "aim_by_when")
        )
        if not (what or how_much or for_whom or by_when):
            return ""
        what = re.sub(r"^(?:we will|we'll|we aim to|to)\s+", "", what, flags=re.IGNORECASE)
        words = ["We will", _lower_first(what) if what else "make an improvement"]
        if how_much:
            if re.match(r"[0-9£$€.]", how_much):
                how_much = "by " + how_much  # "20%" → "by 20%"
            words.append(_lower_first(how_much))
        if for_whom:
            words.append("for " + re.sub(r"^for\s+", "", for_whom, flags=re.IGNORECASE))
        if by_when:
            words.append(_by_when_phrase(by_when, self.by_when_date()))
        return " ".join(words) + "."


def _by_when_phrase(by_when: str, day: dt.date | None) -> str:
    """Return "by 31 March 2027", "by the end of March", "within 6 months", …"""
    if day is not None:
        return "by " + date_words(day)
    if re.match(r"(?:the\s+)?(?:end|start|beginning|middle)\s+of\s", by_when, re.IGNORECASE):
        return "by the " + re.sub(r"^the\s+", "", _lower_first(by_when), flags=re.IGNORECASE)
    if re.match(r"(?:by|before|in|within|on|at|during|until)\s", by_when, re.IGNORECASE):
        return _lower_first(by_when)
    return "by " + by_when  # "March 2027", "31/03/2027", "Christmas"


def _clean_part(text: str) -> str:
    """Return one aim part as it reads inside a sentence: one line, no end punctuation."""
    return " ".join(text.split()).rstrip(".,;: ")


def _lower_first(text: str) -> str:
    """Lowercase the first letter of a sentence start, but keep "NHS", "A&E" and "I"."""
    first = text.split(" ", 1)[0]
    if first == "I" or any(ch.isupper() for ch in first[1:]):
        return text
    return text[:1].lower() + text[1:]


# ---------------------------------------------------------------------------------------------
# Fishbone (cause and effect diagram)


@dataclass(frozen=True, kw_only=True)
class Fishbone(Record):
    """The fishbone diagram's effect (the problem) and its category names."""

    KIND: ClassVar[RecordKind] = RecordKind.FISHBONE
    SINGLETON: ClassVar[bool] = True
    LABELS: ClassVar[dict[str, str]] = {
        "effect": "The problem (effect)",
        "categories": "Categories",
    }

    record_id: str = MAIN
    effect: str = ""
    categories: tuple[str, ...] = DEFAULT_CATEGORIES

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_text("effect", MAX_LONG_TEXT)
        self._check_names("categories")

    def category_named(self, name: str) -> str | None:
        """Return the category spelt as the fishbone has it, or None if there is none."""
        key = _name_key(name)
        return next((c for c in self.categories if _name_key(c) == key), None)


@dataclass(frozen=True, kw_only=True)
class Cause(Record):
    """One possible cause on the fishbone (or a sub-cause of another), with votes and a tally."""

    KIND: ClassVar[RecordKind] = RecordKind.CAUSE
    LABELS: ClassVar[dict[str, str]] = {
        "category": "Category",
        "text": "Cause",
        "parent_id": "Main cause",
        "votes": "Votes",
        "tally": "Tally",
    }

    category: str
    text: str = ""
    parent_id: str | None = None
    votes: tuple[str, ...] = ()
    tally: int = 0

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_text("category", MAX_SHORT_TEXT, required=True)
        self._check_text("text", MAX_SHORT_TEXT)
        self._check_id("parent_id")
        if self.parent_id == self.record_id:
            self._fail(
                "parent_id",
                "another cause",
                "this cause itself",
                "A cause cannot be a sub-cause of itself: pick a different main cause.",
            )
        self._check_names("votes")
        self._check_count("tally")


# ---------------------------------------------------------------------------------------------
# Process map


@dataclass(frozen=True, kw_only=True)
class ProcessMap(Record):
    """The process map's title (its steps are separate records)."""

    KIND: ClassVar[RecordKind] = RecordKind.PROCESS_MAP
    SINGLETON: ClassVar[bool] = True
    LABELS: ClassVar[dict[str, str]] = {"title": "Process map title"}

    record_id: str = MAIN
    title: str = ""

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_text("title", MAX_SHORT_TEXT)


@dataclass(frozen=True, kw_only=True)
class Step(Record):
    """One step of the process map; steps are ordered by ``position`` (a number).

    A new step between positions 1 and 2 gets 1.5, so reordering changes one record only.
    Decisions may say which step follows a "yes" and a "no"; other steps simply follow in order.
    """

    KIND: ClassVar[RecordKind] = RecordKind.STEP
    LABELS: ClassVar[dict[str, str]] = {
        "position": "Position",
        "step_type": "Type of step",
        "text": "Step",
        "yes_next": "Next step if yes",
        "no_next": "Next step if no",
        "problem": "Problem",
        "problem_note": "Note about the problem",
    }

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


# ---------------------------------------------------------------------------------------------
# Driver diagram


@dataclass(frozen=True, kw_only=True)
class Driver(Record):
    """A primary driver, or a secondary driver under a primary one (``parent_id``)."""

    KIND: ClassVar[RecordKind] = RecordKind.DRIVER
    LABELS: ClassVar[dict[str, str]] = {
        "text": "Driver",
        "level": "Primary or secondary",
        "parent_id": "Primary driver",
        "position": "Position",
    }

    text: str = ""
    level: DriverLevel = DriverLevel.PRIMARY
    parent_id: str | None = None  # the primary driver a secondary driver hangs from
    position: float = 0.0

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_text("text", MAX_SHORT_TEXT)
        self._check_enum("level", DriverLevel)
        self._check_id("parent_id")
        if self.parent_id is not None and self.level is DriverLevel.PRIMARY:
            self._fail(
                "parent_id",
                "no primary driver above a primary driver",
                self.parent_id,
                "Make this a secondary driver, or remove the link.",
            )
        self._check_number("position", allow_none=False)


@dataclass(frozen=True, kw_only=True)
class ChangeIdea(Record):
    """A change idea, usually linked to the (secondary) driver it should move."""

    KIND: ClassVar[RecordKind] = RecordKind.CHANGE_IDEA
    LABELS: ClassVar[dict[str, str]] = {"text": "Change idea", "driver_id": "Driver"}

    text: str = ""
    driver_id: str | None = None  # None while the idea is not yet placed on the diagram

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_text("text", MAX_SHORT_TEXT)
        self._check_id("driver_id")


# ---------------------------------------------------------------------------------------------
# Measures and data


@dataclass(frozen=True, kw_only=True)
class Measure(Record):
    """A measure: what is counted or timed, exactly how, and which direction is better."""

    KIND: ClassVar[RecordKind] = RecordKind.MEASURE
    LABELS: ClassVar[dict[str, str]] = {
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
    }
    #: The charts a team can pick: "auto" lets qikit choose (a run chart until 12 points).
    CHART_CHOICES: ClassVar[tuple[str, ...]] = (
        "auto", "run", "i", "mr", "xbar", "s", "t", "p", "pp", "c", "u", "up", "g",
    )  # fmt: skip

    name: str
    measure_type: MeasureType = MeasureType.OUTCOME
    operational_definition: str = ""
    data_kind: DataKind = DataKind.MEASUREMENT
    unit: str = ""
    target: float | None = None
    improvement: Improvement = Improvement.NEUTRAL
    phase_starts: tuple[dt.date, ...] = ()
    notes: str = ""
    chart: str = "auto"

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.chart not in self.CHART_CHOICES:
            self._fail(
                "chart",
                "one of " + ", ".join(self.CHART_CHOICES),
                self.chart,
                "Pick the chart from the list.",
            )
        self._check_text("name", MAX_SHORT_TEXT, required=True)
        self._check_enum("measure_type", MeasureType)
        self._check_text("operational_definition", MAX_LONG_TEXT)
        self._check_enum("data_kind", DataKind)
        self._check_text("unit", MAX_SHORT_TEXT)
        self._check_number("target")
        self._check_enum("improvement", Improvement)
        starts = tuple(self._to_date("phase_starts", d) for d in self._check_tuple("phase_starts"))
        if len(set(starts)) != len(starts):
            self._fail(
                "phase_starts",
                "each date once",
                None,
                "The same phase start date is there twice: remove one.",
            )
        self._set("phase_starts", tuple(sorted(starts)))
        self._check_text("notes", MAX_LONG_TEXT)

    @property
    def is_fraction(self) -> bool:
        """True when each point is "how many out of how many" (a percentage measure)."""
        return self.data_kind is DataKind.PERCENTAGE

    def suggested_chart(
        self, points: int = 0, *, same_size_each_time: bool = True, several_per_period: bool = False
    ) -> ChartSuggestion:
        """Return the chart that suits this measure (see :func:`~qikit.core.suggest_chart`)."""
        return suggest_chart(
            self.data_kind,
            points=points,
            same_size_each_time=same_size_each_time,
            several_per_period=several_per_period,
        )


@dataclass(frozen=True, kw_only=True)
class Point(Record):
    """One data point of a measure: a value, or a numerator out of a denominator.

    A point with neither records a period without data (say why in ``note``).
    """

    KIND: ClassVar[RecordKind] = RecordKind.POINT
    LABELS: ClassVar[dict[str, str]] = {
        "measure_id": "Measure",
        "date": "Date",
        "value": "Value",
        "numerator": "How many",
        "denominator": "Out of how many",
        "note": "Note",
    }

    measure_id: str
    date: dt.date
    value: float | None = None
    numerator: int | None = None
    denominator: int | None = None
    note: str = ""

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_id("measure_id", allow_none=False)
        self._check_date("date")
        self._check_number("value")
        self._check_count("numerator", allow_none=True)
        self._check_count("denominator", allow_none=True, minimum=1)
        if (self.numerator is None) != (self.denominator is None):
            missing = "denominator" if self.denominator is None else "numerator"
            self._fail(
                missing,
                "both “how many” and “out of how many”",
                None,
                "Fill in both numbers, or neither.",
            )
        if self.numerator is not None and self.value is not None:
            self._fail(
                "value",
                "either a value or “how many out of how many”, not both",
                self.value,
                "Clear the value, or clear the two numbers.",
            )
        self._check_text("note", MAX_LONG_TEXT)

    @property
    def y(self) -> float | None:
        """Return the number to plot: the value, or numerator ÷ denominator (None if no data)."""
        if self.numerator is not None and self.denominator:
            return self.numerator / self.denominator
        return self.value


# ---------------------------------------------------------------------------------------------
# PDSA cycles


@dataclass(frozen=True, kw_only=True)
class PdsaCycle(Record):
    """One Plan-Do-Study-Act cycle testing a change idea."""

    KIND: ClassVar[RecordKind] = RecordKind.PDSA
    LABELS: ClassVar[dict[str, str]] = {
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

    _LONG: ClassVar[tuple[str, ...]] = (
        "objective",
        "question",
        "prediction",
        "who",
        "what",
        "when",
        "where",
        "data_to_collect",
        "what_happened",
        "surprises",
        "result_vs_prediction",
        "next_step",
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_text("title", MAX_SHORT_TEXT)
        self._check_id("change_idea_id")
        ids = self._check_tuple("measure_ids")
        for mid in ids:
            if not isinstance(mid, str) or not _RECORD_ID.fullmatch(mid):
                self._fail(
                    "measure_ids",
                    "ids of measures",
                    _received(mid),
                    "Pick the measures again.",
                )
        if len(set(ids)) != len(ids):
            self._fail("measure_ids", "each measure once", None, "Remove the repeated measure.")
        self._check_enum("status", PdsaStatus)
        for key in self._LONG:
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


# ---------------------------------------------------------------------------------------------
# Feedback and surveys


@dataclass(frozen=True, kw_only=True)
class Feedback(Record):
    """A comment on the team's work or on one tool, from the mentor or a team member."""

    KIND: ClassVar[RecordKind] = RecordKind.FEEDBACK
    LABELS: ClassVar[dict[str, str]] = {
        "about": "About",
        "about_id": "About which item",
        "author": "From",
        "at": "Time",
        "text": "Comment",
        "read": "Read",
        "reply_to": "Reply to",
        "from_mentor": "From the mentor",
    }

    about: FeedbackTopic = FeedbackTopic.TEAM
    about_id: str | None = None  # optionally one record, for example one PDSA cycle
    author: str
    at: str
    text: str
    read: bool = False
    reply_to: str | None = None
    from_mentor: bool = False

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_enum("about", FeedbackTopic)
        self._check_id("about_id")
        self._check_text("author", MAX_SHORT_TEXT, required=True)
        self._check_datetime_text("at")
        self._check_text("text", MAX_LONG_TEXT, required=True)
        self._check_bool("read")
        self._check_id("reply_to")
        if self.reply_to == self.record_id:
            self._fail("reply_to", "another comment", "this comment itself", "Pick the comment.")
        self._check_bool("from_mentor")


@dataclass(frozen=True, kw_only=True)
class SurveyResponse(Record):
    """One anonymous survey answer sheet: answers are 1–5 ratings or free text."""

    KIND: ClassVar[RecordKind] = RecordKind.SURVEY
    LABELS: ClassVar[dict[str, str]] = {
        "participant_code": "Your code",
        "stage": "Survey",
        "answers": "Answers",
        "at": "Time",
    }

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
                _received(code),
                "Type the code from your card, in capitals.",
            )
        self._check_enum("stage", SurveyStage)
        answers = self.answers
        if not isinstance(answers, Mapping):
            self._fail("answers", "an answer for each question", answers, "Answer again.")
        for question, answer in answers.items():
            if not isinstance(question, str) or not _RECORD_ID.fullmatch(question):
                self._fail("answers", "question ids of letters, digits, “-” or “_”", question, "")
            if isinstance(answer, str):
                self._check_text("answers", MAX_LONG_TEXT, value=answer)
            elif isinstance(answer, bool) or not isinstance(answer, int) or not 1 <= answer <= 5:
                self._fail(
                    "answers",
                    "a score from 1 to 5, or some words",
                    _received(answer),
                    f"Answer question “{question}” again.",
                )
        # A read-only copy: the record is frozen, so its answers must not change either.
        self._set("answers", MappingProxyType(dict(answers)))
        self._check_datetime_text("at")


#: Every record kind and the class that holds it.
RECORD_TYPES: dict[RecordKind, type[Record]] = {
    cls.KIND: cls
    for cls in (
        Team,
        Charter,
        Fishbone,
        Cause,
        ProcessMap,
        Step,
        Driver,
        ChangeIdea,
        Measure,
        Point,
        PdsaCycle,
        Feedback,
        SurveyResponse,
    )
}


def _record_type(kind: RecordKind | str) -> type[Record]:
    try:
        return RECORD_TYPES[RecordKind(kind)]
    except ValueError:
        raise DataError(
            "Record kind",
            _choices(RecordKind),
            kind,
            "This record was saved by a newer qikit or is damaged: update qikit.",
        ) from None


def record_from_data(kind: RecordKind | str, record_id: str, data: Mapping[str, Any]) -> Record:
    """Return the record of ``kind`` stored as ``data``; unknown kinds raise DataError."""
    return _record_type(kind).from_data(record_id, data)


# ---------------------------------------------------------------------------------------------
# A whole project


@dataclass(frozen=True)
class ProjectProblem:
    """Something that does not fit between records, in plain words, and the record concerned."""

    kind: RecordKind | str
    record_id: str
    message: str

    def __str__(self) -> str:
        return self.message


# Which Project field holds each kind of record.
_COLLECTIONS: dict[RecordKind, str] = {
    RecordKind.CAUSE: "causes",
    RecordKind.STEP: "steps",
    RecordKind.DRIVER: "drivers",
    RecordKind.CHANGE_IDEA: "change_ideas",
    RecordKind.MEASURE: "measures",
    RecordKind.POINT: "points",
    RecordKind.PDSA: "pdsa_cycles",
    RecordKind.FEEDBACK: "feedback",
    RecordKind.SURVEY: "survey_responses",
}
_SINGLETONS: dict[RecordKind, str] = {
    RecordKind.TEAM: "team",
    RecordKind.CHARTER: "charter",
    RecordKind.FISHBONE: "fishbone",
    RecordKind.PROCESS_MAP: "process_map",
}


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return f"“{text}”" if len(text) <= limit else f"“{text[: limit - 1]}…”"


@dataclass(frozen=True)
class Project:
    """A team's whole project, assembled from its records.

    Collections are tuples sorted by record id, so two projects made from the same records in
    any order are equal; the accessors return them in the order a participant expects.
    Singletons are None until the team has saved them.
    """

    team: Team | None = None
    charter: Charter | None = None
    fishbone: Fishbone | None = None
    process_map: ProcessMap | None = None
    causes: tuple[Cause, ...] = ()
    steps: tuple[Step, ...] = ()
    drivers: tuple[Driver, ...] = ()
    change_ideas: tuple[ChangeIdea, ...] = ()
    measures: tuple[Measure, ...] = ()
    points: tuple[Point, ...] = ()
    pdsa_cycles: tuple[PdsaCycle, ...] = ()
    feedback: tuple[Feedback, ...] = ()
    survey_responses: tuple[SurveyResponse, ...] = ()
    #: Records that could not be read (only with ``strict=False``), as problems to show.
    unreadable: tuple[ProjectProblem, ...] = ()

    # -- building -------------------------------------------------------------------------------

    @classmethod
    def of(cls, records: Iterable[Record], *, unreadable: Iterable[ProjectProblem] = ()) -> Project:
        """Return the project made of ``records``; two records with the same key raise."""
        singles: dict[str, Record] = {}
        groups: dict[str, list[Record]] = {name: [] for name in _COLLECTIONS.values()}
        seen: set[tuple[RecordKind, str]] = set()
        for record in records:
            key = (record.KIND, record.record_id)
            if key in seen:
                raise DataError(
                    "Project records",
                    "each record once",
                    f"{record.KIND.value} {record.record_id}",
                    "The same record was given twice: load the project again.",
                )
            seen.add(key)
            if record.KIND in _SINGLETONS:
                singles[_SINGLETONS[record.KIND]] = record
            else:
                groups[_COLLECTIONS[record.KIND]].append(record)
        sorted_groups = {
            name: tuple(sorted(items, key=lambda r: r.record_id)) for name, items in groups.items()
        }
        return cls(**singles, **sorted_groups, unreadable=tuple(unreadable))  # type: ignore[arg-type]

    @classmethod
    def from_records(
        cls,
        items: Iterable[tuple[RecordKind | str, str, Mapping[str, Any]]],
        *,
        strict: bool = True,
    ) -> Project:
        """Return the project made of stored ``(kind, record_id, data)`` triples.

        With ``strict=True`` a record that cannot be read raises DataError naming it; with
        ``strict=False`` it is left out and listed in :meth:`problems`, so a mentor can still
        review the rest of the project.
        """
        records: list[Record] = []
        unreadable: list[ProjectProblem] = []
        for kind, record_id, data in items:
            try:
                records.append(record_from_data(kind, record_id, data))
            except DataError as error:
                if strict:
                    raise DataError(
                        f"The {str(kind).replace('_', ' ')} record “{record_id}”",
                        "a record that can be read",
                        None,
                        str(error),
                    ) from error
                unreadable.append(
                    ProjectProblem(
                        kind,
                        str(record_id),
                        f"A {str(kind).replace('_', ' ')} record could not be read and is left "
                        f"out: {error}",
                    )
                )
        return cls.of(records, unreadable=unreadable)

    def all_records(self) -> Iterator[Record]:
        """Yield every record: singletons first, then each collection, in kind order."""
        for kind in RecordKind:
            if kind in _SINGLETONS:
                single = getattr(self, _SINGLETONS[kind])
                if single is not None:
                    yield single
            else:
                yield from getattr(self, _COLLECTIONS[kind])

    def records(self) -> Iterator[tuple[RecordKind, str, dict[str, Any]]]:
        """Yield ``(kind, record_id, data)`` for every record, ready for a store."""
        for record in self.all_records():
            yield record.KIND, record.record_id, record.to_data()

    def get(self, kind: RecordKind | str, record_id: str) -> Record | None:
        """Return the record with this kind and id, or None."""
        return self._index.get((RecordKind(kind), record_id))

    @cached_property
    def _index(self) -> dict[tuple[RecordKind, str], Record]:
        return {(r.KIND, r.record_id): r for r in self.all_records()}

    # -- accessors ------------------------------------------------------------------------------

    @property
    def categories(self) -> tuple[str, ...]:
        """Return the fishbone's categories (the defaults until the team saves its own)."""
        return (self.fishbone or Fishbone()).categories

    def causes_by_category(self) -> dict[str, tuple[Cause, ...]]:
        """Return the main causes (not sub-causes) of each category, in the fishbone's order.

        Every fishbone category is a key (possibly with no causes); causes whose category the
        fishbone does not have come last, under the name they were saved with.
        """
        fishbone = self.fishbone or Fishbone()
        result: dict[str, list[Cause]] = {c: [] for c in fishbone.categories}
        for cause in self.causes:
            if cause.parent_id is None:
                name = fishbone.category_named(cause.category) or cause.category
                result.setdefault(name, []).append(cause)
        return {name: tuple(items) for name, items in result.items()}

    def sub_causes(self, cause_id: str) -> tuple[Cause, ...]:
        """Return the causes directly under the cause ``cause_id``."""
        return tuple(c for c in self.causes if c.parent_id == cause_id)

    def causes_by_votes(self) -> tuple[Cause, ...]:
        """Return every cause, most votes first (ties: larger tally, then id)."""
        return tuple(sorted(self.causes, key=lambda c: (-len(c.votes), -c.tally, c.record_id)))

    def steps_in_order(self) -> tuple[Step, ...]:
        """Return the process steps in map order (by position, then id)."""
        return tuple(sorted(self.steps, key=lambda s: (s.position, s.record_id)))

    def primary_drivers(self) -> tuple[Driver, ...]:
        """Return the primary drivers in diagram order."""
        return self._drivers(lambda d: d.level is DriverLevel.PRIMARY)

    def secondary_drivers(self, primary_id: str | None = None) -> tuple[Driver, ...]:
        """Return the secondary drivers (under ``primary_id`` if given) in diagram order."""
        return self._drivers(
            lambda d: (
                d.level is DriverLevel.SECONDARY
                and (primary_id is None or d.parent_id == primary_id)
            )
        )

    def _drivers(self, keep: Any) -> tuple[Driver, ...]:
        chosen = [d for d in self.drivers if keep(d)]
        return tuple(sorted(chosen, key=lambda d: (d.position, d.record_id)))

    def change_ideas_for(self, driver_id: str | None) -> tuple[ChangeIdea, ...]:
        """Return the change ideas linked to ``driver_id`` (None: those not yet linked)."""
        return tuple(i for i in self.change_ideas if i.driver_id == driver_id)

    def points_of(self, measure_id: str) -> tuple[Point, ...]:
        """Return the data points of a measure, oldest first (same date: by id)."""
        chosen = [p for p in self.points if p.measure_id == measure_id]
        return tuple(sorted(chosen, key=lambda p: (p.date, p.record_id)))

    def cycles_of(self, change_idea_id: str) -> tuple[PdsaCycle, ...]:
        """Return the PDSA cycles testing a change idea, in the order they started.

        Cycles not yet started come last, by id.
        """
        chosen = [c for c in self.pdsa_cycles if c.change_idea_id == change_idea_id]
        return tuple(
            sorted(
                chosen,
                key=lambda c: (c.started_on is None, c.started_on or dt.date.min, c.record_id),
            )
        )

    def feedback_about(self, topic: FeedbackTopic | str) -> tuple[Feedback, ...]:
        """Return the feedback about ``topic``, oldest first."""
        topic = FeedbackTopic(topic)
        chosen = [f for f in self.feedback if f.about is topic]
        return tuple(sorted(chosen, key=lambda f: (f.at, f.record_id)))

    def unread_feedback(self) -> tuple[Feedback, ...]:
        """Return the feedback nobody has marked as read, oldest first."""
        return tuple(sorted((f for f in self.feedback if not f.read), key=lambda f: f.at))

    # -- problems between records ---------------------------------------------------------------

    def problems(self) -> tuple[ProjectProblem, ...]:
        """Return what does not fit between records, in plain words; never raises.

        Examples: a cause in a category the fishbone does not have, a sub-cause whose main cause
        was deleted, a data point for a measure that no longer exists, a percentage point with
        more "how many" than "out of how many".
        """
        found: list[ProjectProblem] = list(self.unreadable)
        found += self._cause_problems()
        found += self._step_problems()
        found += self._driver_problems()
        found += self._measure_problems()
        found += self._pdsa_problems()
        found += self._feedback_problems()
        found += self._survey_problems()
        return tuple(found)

    def _cause_problems(self) -> Iterator[ProjectProblem]:
        fishbone = self.fishbone or Fishbone()
        by_id = {c.record_id: c for c in self.causes}
        for cause in self.causes:
            name = _short(cause.text) if cause.text.strip() else "A cause"
            if fishbone.category_named(cause.category) is None:
                yield ProjectProblem(
                    RecordKind.CAUSE,
                    cause.record_id,
                    f"The cause {name} is in the category “{cause.category}”, which is not on "
                    "the fishbone. Move it to another category, or add the category back.",
                )
            if cause.parent_id is None:
                continue
            parent = by_id.get(cause.parent_id)
            if parent is None:
                yield ProjectProblem(
                    RecordKind.CAUSE,
                    cause.record_id,
                    f"The cause {name} hangs from a main cause that has been deleted. "
                    "Pick another main cause for it, or make it a main cause.",
                )
            elif _name_key(parent.category) != _name_key(cause.category):
                yield ProjectProblem(
                    RecordKind.CAUSE,
                    cause.record_id,
                    f"The cause {name} is in “{cause.category}” but its main cause is in "
                    f"“{parent.category}”. Put them in the same category.",
                )
            elif self._loops(cause.record_id, {c.record_id: c.parent_id for c in self.causes}):
                yield ProjectProblem(
                    RecordKind.CAUSE,
                    cause.record_id,
                    f"The cause {name} ends up under itself (A under B under A). "
                    "Make one of them a main cause.",
                )

    @staticmethod
    def _loops(start: str, parents: Mapping[str, str | None]) -> bool:
        seen = {start}
        current = parents.get(start)
        while current is not None:
            if current in seen:
                return current == start
            seen.add(current)
            current = parents.get(current)
        return False

    def _step_problems(self) -> Iterator[ProjectProblem]:
        ids = {s.record_id for s in self.steps}
        for step in self.steps:
            for key, answer in (("yes_next", "yes"), ("no_next", "no")):
                target = getattr(step, key)
                if target is not None and target not in ids:
                    yield ProjectProblem(
                        RecordKind.STEP,
                        step.record_id,
                        f"The decision {_short(step.text)} goes to a step that has been deleted "
                        f"when the answer is {answer}. Pick the next step again.",
                    )

    def _driver_problems(self) -> Iterator[ProjectProblem]:
        by_id = {d.record_id: d for d in self.drivers}
        for driver in self.drivers:
            if driver.level is not DriverLevel.SECONDARY:
                continue
            parent = by_id.get(driver.parent_id) if driver.parent_id else None
            if driver.parent_id is None:
                message = "is not linked to a primary driver. Link it to one."
            elif parent is None:
                message = "is linked to a primary driver that has been deleted. Link it again."
            elif parent.level is not DriverLevel.PRIMARY:
                message = "is linked to another secondary driver. Link it to a primary driver."
            else:
                continue
            yield ProjectProblem(
                RecordKind.DRIVER,
                driver.record_id,
                f"The secondary driver {_short(driver.text)} {message}",
            )
        for idea in self.change_ideas:
            if idea.driver_id is not None and idea.driver_id not in by_id:
                yield ProjectProblem(
                    RecordKind.CHANGE_IDEA,
                    idea.record_id,
                    f"The change idea {_short(idea.text)} is linked to a driver that has been "
                    "deleted. Link it to another driver.",
                )

    def _measure_problems(self) -> Iterator[ProjectProblem]:
        measures = {m.record_id: m for m in self.measures}
        for point in self.points:
            when = date_words(point.date)
            measure = measures.get(point.measure_id)
            if measure is None:
                yield ProjectProblem(
                    RecordKind.POINT,
                    point.record_id,
                    f"The data point of {when} belongs to a measure that has been deleted. "
                    "Delete the point, or restore the measure.",
                )
                continue
            about = f"The data point of {when} for {_short(measure.name)}"
            if measure.is_fraction:
                if point.value is not None:
                    yield ProjectProblem(
                        RecordKind.POINT,
                        point.record_id,
                        f"{about} has one number, but this measure needs “how many” out of "
                        "“how many”. Type both numbers.",
                    )
                elif (
                    point.numerator is not None
                    and point.denominator is not None
                    and point.numerator > point.denominator
                ):
                    yield ProjectProblem(
                        RecordKind.POINT,
                        point.record_id,
                        f"{about} says {point.numerator} out of {point.denominator}: the first "
                        "number cannot be bigger than the second. Check both numbers.",
                    )
            elif measure.data_kind is not DataKind.MEASUREMENT and point.value is not None:
                if point.value < 0 or not point.value.is_integer():
                    yield ProjectProblem(
                        RecordKind.POINT,
                        point.record_id,
                        f"{about} is {point.value:g}, but this measure counts things, so each "
                        "value is a whole number of 0 or more. Check the number.",
                    )
            elif point.numerator is not None and measure.data_kind is DataKind.MEASUREMENT:
                yield ProjectProblem(
                    RecordKind.POINT,
                    point.record_id,
                    f"{about} is “how many out of how many”, but this measure is a time or a "
                    "measurement. Type one value instead.",
                )

    def _pdsa_problems(self) -> Iterator[ProjectProblem]:
        ideas = {i.record_id for i in self.change_ideas}
        measures = {m.record_id for m in self.measures}
        for cycle in self.pdsa_cycles:
            name = _short(cycle.title) if cycle.title.strip() else "A PDSA cycle"
            if cycle.change_idea_id is not None and cycle.change_idea_id not in ideas:
                yield ProjectProblem(
                    RecordKind.PDSA,
                    cycle.record_id,
                    f"The PDSA cycle {name} tests a change idea that has been deleted. "
                    "Pick the change idea again.",
                )
            missing = [m for m in cycle.measure_ids if m not in measures]
            if missing:
                yield ProjectProblem(
                    RecordKind.PDSA,
                    cycle.record_id,
                    f"The PDSA cycle {name} uses {len(missing)} measure(s) that have been "
                    "deleted. Pick its measures again.",
                )

    def _feedback_problems(self) -> Iterator[ProjectProblem]:
        ids = {f.record_id for f in self.feedback}
        for item in self.feedback:
            if item.reply_to is not None and item.reply_to not in ids:
                yield ProjectProblem(
                    RecordKind.FEEDBACK,
                    item.record_id,
                    f"The comment from {item.author} replies to a comment that has been deleted.",
                )

    def _survey_problems(self) -> Iterator[ProjectProblem]:
        seen: dict[tuple[str, SurveyStage], str] = {}
        for response in self.survey_responses:
            key = (response.participant_code, response.stage)
            if key in seen:
                yield ProjectProblem(
                    RecordKind.SURVEY,
                    response.record_id,
                    f"The code {response.participant_code} answered the {response.stage.value} "
                    "survey more than once. Keep one answer sheet and delete the other.",
                )
            seen[key] = response.record_id
