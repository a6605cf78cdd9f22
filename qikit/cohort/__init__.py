"""Cohorts: the template a programme lead writes, the folder ``qikit cohort build`` makes, codes.

One job: describe a cohort (``template``), build its folder (``build``: workbooks per team via
papermill, the store's team records) and guard it (``access``: salted-hash access codes).
May import: errors, layout, core, store and render (to escape the printed handout).

The names below are loaded on first use: ``build`` and ``template`` import nbformat,
papermill and jsonschema (about 1.5 s), which the server's access checks and every ``qikit``
command that builds nothing (``export``, ``serve``, ``evaluate``, …) never need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from qikit.cohort.build import BuildError, BuildResult, build_cohort, default_workbooks_dir
    from qikit.cohort.template import CohortTemplate, TemplateError, load_template

__all__ = [
    "BuildError",
    "BuildResult",
    "CohortTemplate",
    "TemplateError",
    "build_cohort",
    "default_workbooks_dir",
    "load_template",
]

_HOMES = {
    "BuildError": "qikit.cohort.build",
    "BuildResult": "qikit.cohort.build",
    "build_cohort": "qikit.cohort.build",
    "default_workbooks_dir": "qikit.cohort.build",
    "CohortTemplate": "qikit.cohort.template",
    "TemplateError": "qikit.cohort.template",
    "load_template": "qikit.cohort.template",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'qikit.cohort' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
