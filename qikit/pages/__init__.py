"""The participant and mentor pages that the workbooks call: one page per team, live or static.

Its one job: build what a workbook shows, and never show a traceback. It may import
:mod:`qikit.errors`, :mod:`qikit.layout`, ``core``, ``store``, ``render``, ``widgets`` and
``cohort`` (plus IPython and ipywidgets); nothing imports it but the workbooks.

Each team's folder holds one workbook, ``01-team.ipynb``: a ``parameters`` cell (``cohort``,
``team``, ``mode``) and one call::

    show_team(cohort=cohort, team=team, mode=mode)

and the mentors' ``mentor_dashboard.ipynb`` calls :func:`show_mentor_dashboard`. Everything
else lives here, so it can be tested without a kernel (:func:`team_view` returns what
:func:`show_team` displays). The modules:

- :mod:`~qikit.pages.stages`: the stage list, the two modes, the ``#stage`` links;
- :mod:`~qikit.pages.participant`: :func:`team_view` and :func:`show_team` (and
  :func:`show_stage`, for cohorts built with one workbook per stage);
- :mod:`~qikit.pages.app`: the live team page, every stage on one page, each built on its first
  visit (:class:`~qikit.pages.app.TeamApp`);
- :mod:`~qikit.pages.static`: the mentor's static copy, every stage on one page;
- :mod:`~qikit.pages.home` and :mod:`~qikit.pages.storyboard`: the team's home part and the
  storyboard as HTML;
- :mod:`~qikit.pages.mentor`: the mentors' dashboard page;
- :mod:`~qikit.pages.failure`: references, the error log and the failure page;
- :mod:`~qikit.pages.frame`: what every page shares.

Their words are in :mod:`qikit.core.wording.pages`, the progress rules in
:mod:`qikit.core.progress`, the styles in :mod:`qikit.render.style`.

Two modes:

- ``"app"`` — the page a participant uses in Voilà: live tools that save every change, under a
  "Your name" box whose value signs the history of every change made from this page. The name
  is remembered for this visit (in the kernel) and saved nowhere else; it starts as the
  operating-system user (:func:`qikit.store.default_author`).
- ``"review"`` — what papermill runs for a mentor: static HTML only, drawn by the tools'
  ``render_static`` functions, so the executed notebook (or its HTML export) reads anywhere
  without a kernel.

Why it is built this way:

- **A participant never sees a traceback.** Anything that goes wrong while a page is built —
  a missing store, a team that is not in it, a bug — is caught; the page says so plainly with a
  reference such as ``QK-7F3K9Q`` and the full traceback goes to ``<cohort>/logs/errors.log``
  under that reference, for the mentor or the QI lead.
- **Nothing heavy before it is needed.** ipywidgets is imported only for ``mode="app"``, and
  each stage's tools (matplotlib with the measures) only when that stage is first shown, so the
  team page opens fast.
- **The store is opened, never created**, from a page: a wrong cohort path must not leave an
  empty ``qikit.db`` behind.
- **Links between stages are ``#stage``**, so they work wherever the team's page is served
  (``/voila/render/teams/<slug>/01-team.ipynb``) or copied, live or static.
"""

from __future__ import annotations

from qikit.core.progress import StageProgress, mentor_feedback, progress
from qikit.errors import PageError
from qikit.pages.failure import failure_html, new_reference, report_failure
from qikit.pages.home import home_html
from qikit.pages.mentor import mentor_dashboard_view, show_mentor_dashboard
from qikit.pages.participant import show_stage, show_team, stage_view, team_view
from qikit.pages.stages import MENTOR_NOTEBOOKS, MODES, STAGES, TEAM_NOTEBOOK
from qikit.pages.static import review_html, team_review_html
from qikit.pages.storyboard import storyboard_html

__all__ = [
    "MENTOR_NOTEBOOKS",
    "MODES",
    "STAGES",
    "TEAM_NOTEBOOK",
    "PageError",
    "StageProgress",
    "failure_html",
    "home_html",
    "mentor_dashboard_view",
    "mentor_feedback",
    "new_reference",
    "progress",
    "report_failure",
    "review_html",
    "show_mentor_dashboard",
    "show_stage",
    "show_team",
    "stage_view",
    "storyboard_html",
    "team_review_html",
    "team_view",
]
