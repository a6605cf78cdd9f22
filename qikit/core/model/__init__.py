"""The project data model: one small frozen record per thing a team writes down.

This package's one job is to say what a team's project is made of and check every record once.
It may import only the standard library, :mod:`qikit.errors`, :mod:`qikit.layout` and the pure
``qikit.core`` modules it needs (:mod:`qikit.core.spc.chart_choice`,
:mod:`qikit.core.wording.dates`). Its modules depend one way, each only on those above it:

- ``fields``: the limits (:data:`MAX_SHORT_TEXT`, :data:`MAX_COUNT`, …), id and date formats;
- ``record``: :class:`RecordKind` and the :class:`Record` base with its field checks;
- one module per QI tool: ``team``, ``charter``, ``fishbone``, ``process_map``,
  ``driver_diagram``, ``measures``, ``pdsa``, ``feedback``, ``survey``, ``showcase``,
  ``reflection``;
- ``registry``: :data:`RECORD_TYPES` and :func:`record_from_data`;
- ``project``: :class:`Project`, the records of one team together, and the rules between them.

Import from ``qikit.core.model`` itself: the names below are the model's public surface.

A team's project is stored as many small records, each a JSON object keyed by
``(team slug, kind, record_id)``: the charter, each fishbone cause, each process step, each data
point, each PDSA cycle, … Two people editing different records — or different fields of one
record — never overwrite each other, because the store merges only the fields that changed.

Each record class here:

- names its kind in its class line, ``class Cause(Record, kind=RecordKind.CAUSE)``, which makes
  it a frozen, keyword-only dataclass with ``KIND`` (a :class:`RecordKind`; the strings are
  stored, so they never change) and ``LABELS``, the plain names of its fields, from the one
  table ``record.FIELD_LABELS``;
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

from qikit.core.model.charter import Charter
from qikit.core.model.driver_diagram import ChangeIdea, Driver, DriverLevel
from qikit.core.model.feedback import Feedback, FeedbackTopic
from qikit.core.model.fields import (
    MAIN,
    MAX_COUNT,
    MAX_LONG_TEXT,
    MAX_SHORT_TEXT,
    new_record_id,
    now_iso,
)
from qikit.core.model.fishbone import DEFAULT_CATEGORIES, Cause, Fishbone
from qikit.core.model.measures import Improvement, Measure, MeasureType, Point
from qikit.core.model.pdsa import PdsaCycle, PdsaDecision, PdsaStatus
from qikit.core.model.process_map import ProcessMap, Step, StepProblem, StepType
from qikit.core.model.project import Project, ProjectProblem
from qikit.core.model.record import Record, RecordKind
from qikit.core.model.reflection import REFLECTION_QUESTIONS, Reflection
from qikit.core.model.registry import RECORD_TYPES, record_from_data
from qikit.core.model.showcase import ShowcaseCaptions
from qikit.core.model.survey import SurveyResponse, SurveyStage
from qikit.core.model.team import Member, Team, slugify
from qikit.errors import FieldError

__all__ = [
    "DEFAULT_CATEGORIES",
    "MAIN",
    "MAX_COUNT",
    "MAX_LONG_TEXT",
    "MAX_SHORT_TEXT",
    "RECORD_TYPES",
    "REFLECTION_QUESTIONS",
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
    "Reflection",
    "ShowcaseCaptions",
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
