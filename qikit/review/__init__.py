"""The mentor review: each team's workbooks executed in review mode, kept as notebooks and HTML.

Its one job: ``qikit review DIR`` (:func:`review_cohort`) writes, for every team whose work
changed::

    <cohort folder>/review/
      .state.json              per team: the fingerprint of its last good review, and where it is
      <date>/kernels.log       what the kernels printed (kept out of the mentor's terminal)
      <date>/dashboard.html    the cohort dashboard, each team linked to its review
      <date>/<team>/
        01-team.ipynb          the team page executed by papermill with mode="review"
        01-team.html           the same page as HTML (every stage on it): no code, no prompts
        index.html             the team's pages, linked, with any page that failed named

One module per concern:

- :mod:`~qikit.review.fingerprints`: what changed since the last review (through the store,
  opened read-only) and the state file;
- :mod:`~qikit.review.execute`: papermill in a spawn pool, kernel starts retried;
- :mod:`~qikit.review.report`: the HTML of each page, the team's index, the dashboard page, the
  final table;
- :mod:`~qikit.review.runner`: the cohort: which teams are due, the state kept after each one;
- :mod:`~qikit.review.results`: the values returned.

Review may import :mod:`qikit.errors`, :mod:`qikit.layout`, ``qikit.core``, ``qikit.store``,
``qikit.render`` and ``qikit.cohort`` (and nbformat, nbconvert, papermill, tqdm); never the
pages, the widgets, the server or the command line (argparse lives in :mod:`qikit.cli.review`).
"""

from __future__ import annotations

from qikit.errors import ReviewError
from qikit.layout import REVIEW_FOLDER
from qikit.review.execute import (
    CELL_TIMEOUT_SECONDS,
    KERNEL_START_MARKERS,
    execute_with_retry,
    is_kernel_start_error,
    review_team,
)
from qikit.review.fingerprints import STATE_NAME, history_fingerprints
from qikit.review.report import (
    DASHBOARD_PAGE,
    format_table,
    notebook_html,
    summary,
    write_dashboard_page,
)
from qikit.review.results import (
    BACKOFF_SECONDS,
    INDEX_NAME,
    TRIES,
    PageReview,
    ReviewResult,
    ReviewStatus,
    TeamReview,
    TeamTask,
)
from qikit.review.runner import KERNEL_LOG, review_cohort

__all__ = [
    "BACKOFF_SECONDS",
    "CELL_TIMEOUT_SECONDS",
    "DASHBOARD_PAGE",
    "INDEX_NAME",
    "KERNEL_LOG",
    "KERNEL_START_MARKERS",
    "REVIEW_FOLDER",
    "STATE_NAME",
    "TRIES",
    "PageReview",
    "ReviewError",
    "ReviewResult",
    "ReviewStatus",
    "TeamReview",
    "TeamTask",
    "execute_with_retry",
    "format_table",
    "history_fingerprints",
    "is_kernel_start_error",
    "notebook_html",
    "review_cohort",
    "review_team",
    "summary",
    "write_dashboard_page",
]
