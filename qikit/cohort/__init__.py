"""Cohorts: the template a programme lead writes, the folder ``qikit cohort build`` makes, codes.

One job: describe a cohort (``template``), build its folder (``build``: workbooks per team via
papermill, the store's team records) and guard it (``access``: salted-hash access codes).
May import: errors, layout, core, store and render (to escape the printed handout).
"""

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
