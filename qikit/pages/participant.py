"""The participant pages' entry points: the team page, live in Voilà or a static copy for a mentor.

:func:`team_view` returns what :func:`show_team` displays, so a page can be tested without a
kernel. In ``mode="app"`` it is the live team page (:class:`qikit.pages.app.TeamApp`: every
stage on one page, each built on its first visit); in ``mode="review"`` it is static HTML with
every stage (:func:`qikit.pages.static.team_review_html`), readable anywhere without a kernel.

:func:`show_stage` and :func:`stage_view` serve the workbooks of cohorts built before the team
page, one per stage: live, they open the same team page at that stage (so their links between
stages keep working); for review, they draw that stage alone.

The store is opened, never created, from a page: a wrong cohort path must not leave an empty
``qikit.db`` behind. ipywidgets is imported only for ``mode="app"``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from qikit.core.model import Project
from qikit.core.progress import mentor_feedback, progress
from qikit.core.wording.pages import (
    MARK_READ_BUTTON,
    MARKED_READ,
    NAME_LABEL,
    NAME_PLACEHOLDER,
    NO_TEAM,
    UNKNOWN_STAGE,
)
from qikit.errors import PageError
from qikit.layout import store_path
from qikit.pages.app import FIRST_STAGE
from qikit.pages.failure import failure_html, message_html, new_reference, report_failure
from qikit.pages.frame import View, show_view
from qikit.pages.home import home_html
from qikit.pages.stages import MODES, STAGES
from qikit.pages.static import review_html, team_review_html

if TYPE_CHECKING:
    from qikit.store.base import Store

# What a test or a caller of the participant pages reads here: the pages, and the names and
# words it drives them by (the stage list, the labels of the controls the page puts up).
__all__ = [
    "MARKED_READ",
    "MARK_READ_BUTTON",
    "MODES",
    "NAME_LABEL",
    "NAME_PLACEHOLDER",
    "NO_TEAM",
    "STAGES",
    "UNKNOWN_STAGE",
    "home_html",
    "mentor_feedback",
    "new_reference",
    "progress",
    "review_html",
    "show_stage",
    "show_team",
    "stage_view",
    "team_view",
]

#: What the review draws for one stage, given the project (the whole page or one stage).
_Static = Callable[[Project], str]


def _open_project(cohort: str, team: str) -> tuple[Store, Project]:
    from qikit.store import open_store
    from qikit.store.records import load_project

    path = store_path(Path(cohort).expanduser())
    store = open_store(path, create=False)
    try:
        project = load_project(store, team)
        if project.team is None:
            raise PageError(f"The store {path} has no team “{team}”.")
    except BaseException:
        store.close()
        raise
    return store, project


def _view(
    *, cohort: str, team: str, mode: str, start: str, static: _Static, author: str | None
) -> View:
    """Return the live team page at ``start``, or ``static(project)``; never raises."""
    try:
        if start not in STAGES or mode not in MODES:
            return message_html(UNKNOWN_STAGE)
        if not str(cohort or "").strip() or not str(team or "").strip():
            return message_html(NO_TEAM)
        store, project = _open_project(str(cohort), str(team))
        if mode == "review":
            try:
                return static(project)
            finally:
                store.close()
        try:
            from qikit.pages.app import TeamApp

            return TeamApp(store, project, cohort=str(cohort), start=start, author=author).widget
        except BaseException:
            store.close()  # the live tools keep the store open; a failed page must not
            raise
    except Exception as error:
        reference, _ = report_failure(
            error, cohort=str(cohort), stage=str(start), mode=str(mode), team=str(team)
        )
        return failure_html(reference)


def team_view(
    *,
    cohort: str,
    team: str,
    mode: str = "app",
    start: str = FIRST_STAGE,
    author: str | None = None,
) -> View:
    """Return what the team page shows: the live page (a widget) or, for review, HTML text.

    A plain message (HTML) replaces the page when it has no team (``cohort`` or ``team`` empty),
    when ``start`` or ``mode`` is unknown, and when anything fails — then with a reference whose
    traceback is in the cohort's error log. Never raises.
    """
    return _view(
        cohort=cohort, team=team, mode=mode, start=start, static=team_review_html, author=author
    )


def show_team(
    *,
    cohort: str,
    team: str,
    mode: str = "app",
    start: str = FIRST_STAGE,
    author: str | None = None,
) -> None:
    """Display the team page of ``team`` of the cohort in folder ``cohort``.

    ``mode="app"``: the live page for Voilà (the stage after ``#`` in the address is shown,
    else ``start``); ``mode="review"``: every stage as static HTML for a mentor. ``author`` is
    the first value of the "Your name" box (default: the name typed earlier in this visit, else
    the operating-system user). Never raises and never shows a traceback.
    """
    show_view(
        lambda: team_view(cohort=cohort, team=team, mode=mode, start=start, author=author),
        cohort=cohort,
        stage=start,
        mode=mode,
        team=team,
    )
    if mode == "app":
        from qikit.pages.app import warm_up

        warm_up()


def stage_view(
    stage: str, *, cohort: str, team: str, mode: str = "app", author: str | None = None
) -> View:
    """Return the team page opened at ``stage`` (live), or that stage alone as HTML (review)."""
    return _view(
        cohort=cohort,
        team=team,
        mode=mode,
        start=stage,
        static=lambda project: review_html(stage, project),
        author=author,
    )


def show_stage(
    stage: str, *, cohort: str, team: str, mode: str = "app", author: str | None = None
) -> None:
    """Display :func:`stage_view` (the workbooks of cohorts built with one page per stage)."""
    show_view(
        lambda: stage_view(stage, cohort=cohort, team=team, mode=mode, author=author),
        cohort=cohort,
        stage=stage,
        mode=mode,
        team=team,
    )
