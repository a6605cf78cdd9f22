"""Cohorts: the template a programme lead writes, and the folder ``qikit cohort build`` makes."""

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
