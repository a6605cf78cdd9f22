"""The survey's questions read from the cohort's items file (a minimal stand-in).

A stand-in on the evaluation branch: the real module, with line-numbered checks of the file's
format, replaces it at merge. Only :func:`cohort_survey_items` is relied on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from qikit.core.model import SurveyStage
from qikit.core.survey import ItemKind, SurveyItem, SurveyItems
from qikit.errors import EvidenceError
from qikit.layout import SURVEY_ITEMS_FILE

__all__ = ["cohort_survey_items"]

_DEFAULT = Path(__file__).resolve().parents[1] / "cohort_templates" / "survey_items.yaml"


def _default_file() -> Path:
    return (
        _DEFAULT
        if _DEFAULT.is_file()
        else Path(__file__).resolve().parents[2] / ("cohort_templates/survey_items.yaml")
    )


def cohort_survey_items(cohort_dir: str | Path) -> SurveyItems:
    """Return the cohort's survey questions (its ``survey-items.yaml``, else the default)."""
    own = Path(cohort_dir) / SURVEY_ITEMS_FILE
    path = own if own.is_file() else _default_file()
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        items = tuple(
            SurveyItem(
                item_id=str(item["id"]),
                statement=str(item["statement"]),
                kind=ItemKind(item["kind"]),
                section=str(section["title"]),
                stages=tuple(SurveyStage(s) for s in item.get("stages", list(SurveyStage))),
            )
            for section in data["sections"]
            for item in section["items"]
        )
        scale = tuple(str(word) for word in data["scale"])
        if len(scale) != 5:
            raise ValueError("the scale needs five words")
        return SurveyItems(title=str(data["title"]), scale=scale, items=items)
    except (OSError, KeyError, TypeError, ValueError, yaml.YAMLError) as error:
        raise EvidenceError(
            f"The survey's questions in {path} could not be read ({error}). Check the file "
            "against cohort_templates/survey_items.yaml."
        ) from None
