"""The participant pages: one per stage, live tools in Voilà or a static copy for a mentor.

:func:`stage_view` returns what :func:`show_stage` displays, so a page can be tested without a
kernel. In ``mode="app"`` the page is a "Your name" box, whose value signs the history of every
change made from the page, over the stage's live tools; the name is remembered for this visit
(in the kernel) and saved nowhere else. In ``mode="review"`` it is static HTML drawn by the
tools' ``render_static`` functions, readable anywhere without a kernel.

The store is opened, never created, from a page: a wrong cohort path must not leave an empty
``qikit.db`` behind. ipywidgets is imported only for ``mode="app"``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qikit.core.model import FeedbackTopic, Project, RecordKind
from qikit.core.progress import mentor_feedback, progress
from qikit.core.wording.pages import (
    BACK_HOME,
    MARK_READ_BUTTON,
    MARKED_READ,
    NAME_HELP,
    NAME_LABEL,
    NAME_PLACEHOLDER,
    NO_TEAM,
    REVIEW_NOTE,
    STAGE_NAMES,
    UNKNOWN_STAGE,
)
from qikit.errors import PageError, QikitError
from qikit.layout import store_path
from qikit.pages.failure import failure_html, message_html, new_reference, report_failure
from qikit.pages.frame import View, clean_name, live_page, show_view
from qikit.pages.home import home_html
from qikit.pages.stages import MODES, NOTEBOOKS, STAGE_TOPICS, STAGES, stage_link
from qikit.pages.storyboard import storyboard_html
from qikit.render.style import PAGE_CSS
from qikit.render.text import escape

if TYPE_CHECKING:
    import ipywidgets

    from qikit.store.base import Store
    from qikit.widgets.base import ToolContext

# What a test or a caller of the participant pages reads here: the pages, and the names and
# words it drives them by (the stage list, the labels of the controls the page puts up).
__all__ = [
    "MARKED_READ",
    "MARK_READ_BUTTON",
    "MODES",
    "NAME_LABEL",
    "NAME_PLACEHOLDER",
    "NOTEBOOKS",
    "NO_TEAM",
    "STAGES",
    "UNKNOWN_STAGE",
    "home_html",
    "mentor_feedback",
    "new_reference",
    "progress",
    "review_html",
    "show_stage",
    "stage_view",
]

# The name typed in the "Your name" box, kept for the rest of this visit (this kernel) only.
_visit_author: str | None = None


# -- the mentor's static copy ---------------------------------------------------------------------


def _static_parts(stage: str, project: Project) -> list[str]:
    # Each renderer is imported only for its own page (the measures page loads matplotlib).
    if stage == "home":
        return [home_html(project)]
    if stage == "charter":
        from qikit.render import charter

        return [charter.render_static(project)]
    if stage == "understanding":
        from qikit.render import fishbone, process_map

        return [fishbone.render_static(project), process_map.render_static(project)]
    if stage == "measuring":
        from qikit.render import measures

        return [measures.render_static(project)]
    if stage == "changing":
        from qikit.render import driver_diagram, pdsa

        return [driver_diagram.render_static(project), pdsa.render_static(project)]
    raise ValueError(f"unknown stage {stage!r}")  # pragma: no cover - checked by the caller


def _static_feedback(stage: str, project: Project) -> str:
    """Return "Your mentor says…" with the comments on the stage's tools ("" when none)."""
    from qikit.core.progress import feedback_threads
    from qikit.core.wording import dashboard as comment_words
    from qikit.render.dashboard import DASHBOARD_CSS, feedback_html

    shown = "".join(
        feedback_html(feedback_threads(project.feedback, topic))
        for topic in STAGE_TOPICS.get(stage, ())
    )
    return f"{DASHBOARD_CSS}<h2>{escape(comment_words.MENTOR_SAYS)}</h2>{shown}" if shown else ""


def review_html(stage: str, project: Project) -> str:
    """Return the static page of ``stage`` for a mentor: readable with no kernel, no widgets."""
    if stage == "storyboard":
        return storyboard_html(project)
    name = project.team.name if project.team is not None else ""
    note = REVIEW_NOTE.format(team=name, stage=STAGE_NAMES[stage])
    header = f'<p class="qikit-note">{escape(note)}</p>'
    if stage != "home":
        header += f"<p>{stage_link('home', BACK_HOME)}</p>"
    body = _static_feedback(stage, project) + "".join(_static_parts(stage, project))
    return f'<div class="qikit-page">{PAGE_CSS}{header}{body}</div>'


# -- building a page ------------------------------------------------------------------------------


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


def stage_view(
    stage: str, *, cohort: str, team: str, mode: str = "app", author: str | None = None
) -> View:
    """Return what the page of ``stage`` shows: HTML text, or a widget in ``mode="app"``.

    A plain message (HTML) replaces the page when it has no team (``cohort`` or ``team`` empty),
    when ``stage`` or ``mode`` is unknown, and when anything fails — then with a reference whose
    traceback is in the cohort's error log. Never raises.
    """
    try:
        if stage not in STAGES or mode not in MODES:
            return message_html(UNKNOWN_STAGE)
        if not str(cohort or "").strip() or not str(team or "").strip():
            return message_html(NO_TEAM)
        store, project = _open_project(str(cohort), str(team))
        if mode == "review" or stage == "storyboard":
            # The storyboard is the same static page in both modes: there is nothing to edit.
            try:
                return review_html(stage, project) if mode == "review" else _storyboard_app(project)
            finally:
                store.close()
        try:
            return _app_view(stage, store, project, author)
        except BaseException:
            store.close()  # the live tools keep the store open; a failed page must not
            raise
    except Exception as error:
        reference, _ = report_failure(
            error, cohort=str(cohort), stage=str(stage), mode=str(mode), team=str(team)
        )
        return failure_html(reference)


def show_stage(
    stage: str, *, cohort: str, team: str, mode: str = "app", author: str | None = None
) -> None:
    """Display the page of ``stage`` for ``team`` of the cohort in folder ``cohort``.

    ``mode="app"``: live tools for Voilà; ``mode="review"``: static HTML for a mentor.
    ``author`` is the first value of the "Your name" box (default: the name typed earlier in
    this visit, else the operating-system user). Never raises and never shows a traceback.
    """
    show_view(
        lambda: stage_view(stage, cohort=cohort, team=team, mode=mode, author=author),
        cohort=cohort,
        stage=stage,
        mode=mode,
        team=team,
    )


def _storyboard_app(project: Project) -> str:
    return (
        storyboard_html(project) + f'<p class="qikit-noprint">{stage_link("home", BACK_HOME)}</p>'
    )


def _app_view(stage: str, store: Store, project: Project, author: str | None) -> ipywidgets.VBox:
    """Return the live page: heading, "Your name" box, then the stage's tools."""
    import ipywidgets as widgets

    from qikit.store import default_author
    from qikit.widgets.base import QIKIT_CSS, ToolContext, labelled_text

    global _visit_author
    typed = clean_name(author) or _visit_author
    # Until a name is typed, changes are signed with the computer's user name (issue 3), but the
    # box stays empty: on a served page that name is the server's, not the participant's.
    context = ToolContext(
        store, project.team.slug if project.team else "", typed or default_author()
    )

    name_box = labelled_text(NAME_LABEL, typed or "", placeholder=NAME_PLACEHOLDER)
    name_help = widgets.HTML(f'<p class="qikit-note">{escape(NAME_HELP)}</p>')

    def name_changed(change: dict[str, Any]) -> None:
        global _visit_author
        chosen = clean_name(change["new"])
        if chosen is None:
            context.author = default_author()
            return
        context.author = chosen
        _visit_author = chosen

    name_box.observe(name_changed, names="value")
    header = QIKIT_CSS + PAGE_CSS
    if stage != "home":
        header += f'<div class="qikit-page"><p>{stage_link("home", BACK_HOME)}</p></div>'
    children: list[ipywidgets.Widget] = [widgets.HTML(header), name_box, name_help]
    children += _STAGE_TOOLS[stage](context, project)
    return live_page(children)


# -- each stage's live tools ----------------------------------------------------------------------


def _home_tools(context: ToolContext, project: Project) -> list[ipywidgets.Widget]:
    import ipywidgets as widgets

    from qikit.widgets.base import big_button
    from qikit.widgets.feedback import TeamFeedbackWidget

    body = widgets.HTML(f'<div class="qikit-page">{home_html(project)}</div>')
    status = widgets.HTML()
    unread = [f for f in mentor_feedback(project) if not f.read]
    button = big_button(MARK_READ_BUTTON, style="primary")
    button.layout.display = "" if unread else "none"

    def mark_read(_: object) -> None:
        try:
            for item in unread:
                context.save(RecordKind.FEEDBACK, item.record_id, {"read": True})
            fresh = context.project()
        except QikitError as error:
            status.value = f'<p role="alert">{escape(error)}</p>'
            return
        body.value = f'<div class="qikit-page">{home_html(fresh)}</div>'
        button.layout.display = "none"
        status.value = f'<p role="status">{escape(MARKED_READ)}</p>'

    button.on_click(mark_read)
    # The comments are listed above; below them the team can reply (and see its replies).
    replies = TeamFeedbackWidget(context, None, compact=True)
    return [body, button, status, replies.widget]


def _mentor_says(context: ToolContext, topic: FeedbackTopic) -> ipywidgets.Widget:
    """Return "Your mentor says…" for one tool (hidden while there is no comment on it)."""
    from qikit.widgets.feedback import TeamFeedbackWidget

    return TeamFeedbackWidget(context, topic).widget


def _charter_tools(context: ToolContext, project: Project) -> list[ipywidgets.Widget]:
    from qikit.widgets.charter import CharterWidget

    return [_mentor_says(context, FeedbackTopic.CHARTER), CharterWidget(context).widget]


def _understanding_tools(context: ToolContext, project: Project) -> list[ipywidgets.Widget]:
    from qikit.widgets.fishbone import FishboneWidget
    from qikit.widgets.process_map import ProcessMapWidget

    return [
        _mentor_says(context, FeedbackTopic.FISHBONE),
        FishboneWidget(context).widget,
        _mentor_says(context, FeedbackTopic.PROCESS_MAP),
        ProcessMapWidget(context).widget,
    ]


def _measuring_tools(context: ToolContext, project: Project) -> list[ipywidgets.Widget]:
    from qikit.widgets.measures import MeasuresWidget

    return [_mentor_says(context, FeedbackTopic.MEASURES), MeasuresWidget(context).widget]


def _changing_tools(context: ToolContext, project: Project) -> list[ipywidgets.Widget]:
    from qikit.widgets.driver_diagram import DriverDiagramWidget
    from qikit.widgets.pdsa import PdsaLogWidget

    log = PdsaLogWidget(context)
    # "Start a PDSA cycle to test this idea" on the diagram opens the new cycle in the log below.
    diagram = DriverDiagramWidget(context, on_start_cycle=log.start_cycle_for)
    return [
        _mentor_says(context, FeedbackTopic.DRIVER_DIAGRAM),
        diagram.widget,
        _mentor_says(context, FeedbackTopic.PDSA),
        log.widget,
    ]


_STAGE_TOOLS: dict[str, Callable[[ToolContext, Project], Sequence[ipywidgets.Widget]]] = {
    "home": _home_tools,
    "charter": _charter_tools,
    "understanding": _understanding_tools,
    "measuring": _measuring_tools,
    "changing": _changing_tools,
}
