"""Every record kind and its class, and :func:`record_from_data` to read a stored record.

Imports :mod:`qikit.errors` and the model's record modules (never :mod:`~qikit.core.model.project`,
which builds on this one).
"""

from __future__ import annotations

from collections.abc import Mapping

from qikit.core.model.charter import Charter
from qikit.core.model.driver_diagram import ChangeIdea, Driver
from qikit.core.model.feedback import Feedback
from qikit.core.model.fields import choices
from qikit.core.model.fishbone import Cause, Fishbone
from qikit.core.model.measures import Measure, Point
from qikit.core.model.pdsa import PdsaCycle
from qikit.core.model.process_map import ProcessMap, Step
from qikit.core.model.record import Record, RecordKind
from qikit.core.model.reflection import Reflection
from qikit.core.model.showcase import ShowcaseCaptions
from qikit.core.model.survey import SurveyResponse
from qikit.core.model.team import Team
from qikit.errors import DataError

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
        ShowcaseCaptions,
        Reflection,
    )
}


def _record_type(kind: RecordKind | str) -> type[Record]:
    try:
        return RECORD_TYPES[RecordKind(kind)]
    except ValueError:
        raise DataError(
            "Record kind",
            choices(RecordKind),
            kind,
            "This record was saved by a newer qikit or is damaged: update qikit.",
        ) from None


def record_from_data(kind: RecordKind | str, record_id: str, data: Mapping[str, object]) -> Record:
    """Return the record of ``kind`` stored as ``data``; unknown kinds raise DataError."""
    return _record_type(kind).from_data(record_id, data)
