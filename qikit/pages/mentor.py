"""The mentors' dashboard page: every team of a cohort at a glance, live or as a static copy.

``mode="app"``: the dashboard widget under a "Your name" box (which signs the mentor's scores
and comments); ``mode="review"``: the same table as static HTML. The teams are the cohort's
team folders in ``cohort.yaml`` order, else the store's.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qikit.core.wording.pages import NO_COHORT, UNKNOWN_STAGE
from qikit.layout import TEAMS_FOLDER, store_path
from qikit.pages.failure import failure_html, message_html, report_failure
from qikit.pages.frame import View, clean_name, live_page, show_view
from qikit.pages.stages import MODES, TEAM_NOTEBOOK
from qikit.render.style import PAGE_CSS

if TYPE_CHECKING:
    import ipywidgets

    from qikit.store.base import Store

__all__ = ["MENTOR_STAGE", "mentor_dashboard_view", "show_mentor_dashboard"]

#: The stage name of the mentors' dashboard in the error log.
MENTOR_STAGE = "mentor"


def _team_href(slug: str) -> str:
    # The dashboard is served from <cohort>/mentors/, each team's pages from <cohort>/teams/.
    return f"../{TEAMS_FOLDER}/{slug}/{TEAM_NOTEBOOK}"


def _cohort_teams(cohort: Path, store: Store) -> list[str]:
    """Return the cohort's teams: its team folders in cohort.yaml order, else the store's."""
    from qikit.cohort.access import read_cohort_listing

    slugs = [slug for slug, _ in read_cohort_listing(cohort).teams]
    return slugs or list(store.teams())


def mentor_dashboard_view(
    *,
    cohort: str,
    mode: str = "app",
    mentor: str | None = None,
    today: dt.date | None = None,
) -> View:
    """Return the mentors' dashboard of the cohort in folder ``cohort``: a widget in
    ``mode="app"``, static HTML in ``mode="review"``, or a plain message. Never raises."""
    try:
        if mode not in MODES:
            return message_html(UNKNOWN_STAGE)
        if not str(cohort or "").strip():
            return message_html(NO_COHORT)
        from qikit.store import open_store

        folder = Path(str(cohort)).expanduser()
        store = open_store(store_path(folder), create=False)
        try:
            slugs = _cohort_teams(folder, store)
            if mode == "review":
                from qikit.render.dashboard import render_dashboard_html
                from qikit.store.cohort import cohort_rows

                rows = cohort_rows(store, slugs, today or dt.date.today())
                store.close()
                return f'<div class="qikit-page">{PAGE_CSS}{render_dashboard_html(rows)}</div>'
            return _mentor_app(store, slugs, mentor, today)
        except BaseException:
            store.close()
            raise
    except Exception as error:
        reference, _ = report_failure(
            error, cohort=str(cohort), stage=MENTOR_STAGE, mode=str(mode), team=""
        )
        return failure_html(reference)


def _mentor_app(
    store: Store, slugs: list[str], mentor: str | None, today: dt.date | None
) -> ipywidgets.VBox:
    from qikit.core.wording import dashboard as words
    from qikit.widgets.base import labelled_text
    from qikit.widgets.dashboard import DashboardWidget

    typed = clean_name(mentor) or ""
    dashboard = DashboardWidget(store, slugs, typed, today=today, team_href=_team_href)
    name_box = labelled_text(words.NAME_LABEL, typed, placeholder=words.NAME_PLACEHOLDER)

    def name_changed(change: dict[str, Any]) -> None:
        dashboard.mentor_name = clean_name(change["new"]) or ""

    name_box.observe(name_changed, names="value")
    return live_page([name_box, dashboard.widget])


def show_mentor_dashboard(*, cohort: str, mode: str = "app", mentor: str | None = None) -> None:
    """Display the mentors' dashboard of the cohort in folder ``cohort`` (see
    :func:`mentor_dashboard_view`). Never raises and never shows a traceback."""
    show_view(
        lambda: mentor_dashboard_view(cohort=cohort, mode=mode, mentor=mentor),
        cohort=cohort,
        stage=MENTOR_STAGE,
        mode=mode,
        team="",
    )
