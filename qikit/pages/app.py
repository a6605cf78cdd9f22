"""The team page: every stage of a team's project on one Voilà page, one kernel per open tab.

A participant opens ``teams/<slug>/01-team.ipynb`` once. A row of links ("Your team page",
"Charter and aim", …) moves between the stages without loading a new page: the stage shown is
the part of the address after ``#`` (:class:`qikit.widgets.router.StageRouter`), so the back
button, a bookmark of ``#measuring`` and "open in a new tab" all work.

Why it is built this way:

- **One kernel per tab, not per stage.** Each stage used to be its own notebook, so every move
  started a new kernel (about 100 MB) and closed pages kept theirs for minutes.
- **The page opens with only its first stage built**; once the browser has drawn it, the other
  stages are built one at a time in the background (:meth:`TeamApp.prebuild`), so moving to a
  stage only draws it. A stage not built yet when it is asked for is built then. Each time a
  built stage is shown it is refreshed from the store (the team page's progress list counts the
  aim just typed; a teammate's new cause appears), not rebuilt.
- **One "Your name" box** for the whole page signs every change made from it.
- **One stage failing never takes the page down**: that stage shows the plain failure message
  with a reference (traceback in the cohort's error log) and the other stages work.

The mentor's copy (``mode="review"``) is :func:`qikit.pages.static.team_review_html`: one static
page with every stage, one section each, and the same ``#stage`` links as anchors.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from qikit.core.model import FeedbackTopic, Project, RecordKind
from qikit.core.progress import mentor_feedback
from qikit.core.wording.pages import (
    MARK_READ_BUTTON,
    MARKED_READ,
    NAME_HELP,
    NAME_LABEL,
    NAME_PLACEHOLDER,
)
from qikit.errors import QikitError
from qikit.pages.failure import failure_html, report_failure
from qikit.pages.frame import clean_name, live_page
from qikit.pages.home import home_html
from qikit.pages.stages import STAGES, stage_heading, stages_nav_html
from qikit.pages.storyboard import storyboard_html
from qikit.render.style import PAGE_CSS, STAGES_NAV_CSS
from qikit.render.text import escape

if TYPE_CHECKING:
    import ipywidgets

    from qikit.store.base import Store
    from qikit.widgets.base import ToolContext, ToolWidget
    from qikit.widgets.router import StageRouter

__all__ = ["FIRST_STAGE", "STAGE_MODULES", "StagePart", "TeamApp", "warm_up"]

#: The first stage shown when the address names none.
FIRST_STAGE = STAGES[0]

#: Seconds between building one stage in the background and the next (see TeamApp.prebuild):
#: room for the person's clicks and keys in between.
PREBUILD_PAUSE = 0.05

#: What each stage imports when it is first shown (matplotlib and pandas come with the measures).
STAGE_MODULES: tuple[str, ...] = (
    "qikit.widgets.charter",
    "qikit.widgets.fishbone",
    "qikit.widgets.process_map",
    "qikit.widgets.measures",
    "qikit.render.measures",
    "qikit.widgets.driver_diagram",
    "qikit.widgets.pdsa",
)

# The name typed in the "Your name" box, kept for the rest of this visit (this kernel) only.
_visit_author: str | None = None


def warm_up() -> threading.Thread:
    """Import every stage's tools in the background, once the page is on the screen.

    The page opens with only its first stage built (fast), and the person reads it for a few
    seconds; meanwhile this thread pays the imports (about 1.5 s, most of it matplotlib and
    pandas) so that the first move to any stage only builds widgets. A move made before it is
    done waits for the module being imported, never longer than importing it itself.
    """
    import importlib

    def work() -> None:
        for name in STAGE_MODULES:
            try:
                importlib.import_module(name)
            except Exception:  # pragma: no cover - the stage itself reports it when shown
                return

    thread = threading.Thread(target=work, name="qikit-warm-up", daemon=True)
    thread.start()
    return thread


# -- the live page ---------------------------------------------------------------------------


@dataclass
class StagePart:
    """A built stage: what it shows, and how it brings itself up to date when shown again."""

    children: Sequence[ipywidgets.Widget]
    refresh: Callable[[], None]


class TeamApp:
    """The live team page: stage links, the "Your name" box, and each stage built on first visit.

    ``store`` stays open for the life of the page (the tools save through it); ``cohort`` and
    ``team`` only go to the error log when a stage fails.
    """

    def __init__(
        self,
        store: Store,
        project: Project,
        *,
        cohort: str,
        start: str = FIRST_STAGE,
        author: str | None = None,
    ) -> None:
        import ipywidgets as widgets

        from qikit.store import default_author
        from qikit.widgets.base import QIKIT_CSS, ToolContext, labelled_text
        from qikit.widgets.router import StageRouter

        self.cohort = cohort
        self.team = project.team.slug if project.team else ""
        typed = clean_name(author) or _visit_author
        # Until a name is typed, changes are signed with the computer's user name (issue 3), but
        # the box stays empty: on a served page that name is the server's, not the participant's.
        self.context: ToolContext = ToolContext(store, self.team, typed or default_author())
        self.name_box = labelled_text(NAME_LABEL, typed or "", placeholder=NAME_PLACEHOLDER)
        self.name_box.observe(self._name_changed, names="value")
        name = project.team.name if project.team is not None else ""
        styles = QIKIT_CSS + PAGE_CSS + STAGES_NAV_CSS
        top = widgets.HTML(f'{styles}<div class="qikit-page"><h1>{escape(name)}</h1></div>')
        self.nav = widgets.HTML(stages_nav_html(start))
        name_help = widgets.HTML(f'<p class="qikit-note">{escape(NAME_HELP)}</p>')
        self.router: StageRouter = StageRouter(STAGES, start)
        self.parts: dict[str, StagePart] = {}
        self.boxes: dict[str, ipywidgets.VBox] = {}
        self.holder = widgets.VBox([])
        self.shown = ""
        self.widget = live_page([top, self.router, self.nav, self.name_box, name_help, self.holder])
        self.show(start, project=project)
        self.router.observe(self._moved, names="stage")
        self.router.on_ready(self._prebuild_soon)

    # -- moving between stages ---------------------------------------------------------------------

    def _moved(self, change: dict[str, Any]) -> None:
        self.show(str(change["new"]))
        self.router.focus(self.shown)

    def show(self, stage: str, *, project: Project | None = None) -> None:
        """Show ``stage``: build it on its first visit, else bring it up to date; never raises."""

        if stage not in STAGES or stage == self.shown:
            return
        box = self.boxes.get(stage)
        if box is None or stage not in self.parts:
            # Never built, or its last build failed: (try to) build it now.
            box = self._box(stage, project)
        else:
            self._refresh(stage)
        # Only the stage shown is on the page: the others keep their widgets in the kernel (a
        # return visit redraws them without rebuilding), but no hidden copy of a button or a
        # comment confuses a screen reader, the browser's find or a test.
        self.holder.children = (box,)
        self.shown = stage
        self.router.stage = stage
        self.nav.value = stages_nav_html(stage)

    def _box(self, stage: str, project: Project | None = None) -> ipywidgets.VBox:
        import ipywidgets as widgets

        box = widgets.VBox([widgets.HTML(stage_heading(stage)), *self._build(stage, project)])
        box.add_class("qikit-stage")
        self.boxes[stage] = box
        return box

    # -- the other stages, built while the person reads the first one ----------------------------

    def prebuild(self) -> str | None:
        """Build the next stage not built yet (shown later, refreshed then); return it, or None.

        A first visit to a stage then only draws it (about 0.1 s) instead of building its tools
        (up to a second for the measures or the PDSA log on this machine).
        """
        for stage in STAGES:
            if stage not in self.boxes:
                self._box(stage)
                return stage
        return None

    def _prebuild_soon(self) -> None:
        """Build the other stages one at a time, between the person's own clicks and keys.

        Each is its own turn of the kernel's event loop, so an edit or a click waits at most
        for one stage being built. Only once the browser has drawn the page: building earlier
        would hold back the first stage itself.
        """
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # not in a kernel (a test): stages are built on their first visit
            return

        def next_one() -> None:
            try:
                built = self.prebuild()
            except Exception:  # pragma: no cover - _build reports a stage's own failure
                return
            if built is not None:
                loop.call_later(PREBUILD_PAUSE, next_one)

        loop.call_later(PREBUILD_PAUSE, next_one)

    def _build(self, stage: str, project: Project | None) -> Sequence[ipywidgets.Widget]:
        import ipywidgets as widgets

        try:
            part = _STAGE_PARTS[stage](self.context, project or self.context.project())
        except Exception as error:
            return [widgets.HTML(self._failure(error, stage))]
        self.parts[stage] = part
        return part.children

    def _refresh(self, stage: str) -> None:
        part = self.parts.get(stage)
        if part is None:
            return
        try:
            part.refresh()
        except Exception as error:
            box = self.boxes[stage]
            import ipywidgets as widgets

            box.children = (box.children[0], widgets.HTML(self._failure(error, stage)))
            del self.parts[stage]

    def _failure(self, error: Exception, stage: str) -> str:
        reference, _ = report_failure(
            error, cohort=self.cohort, stage=stage, mode="app", team=self.team
        )
        return failure_html(reference)

    def _name_changed(self, change: dict[str, Any]) -> None:
        from qikit.store import default_author

        global _visit_author
        chosen = clean_name(change["new"])
        if chosen is None:
            self.context.author = default_author()
            return
        self.context.author = chosen
        _visit_author = chosen


# -- each stage's live tools ---------------------------------------------------------------------


def _reloading(tools: Sequence[ToolWidget]) -> Callable[[], None]:
    def refresh() -> None:
        for tool in tools:
            tool.reload()

    return refresh


def _home_part(context: ToolContext, project: Project) -> StagePart:
    import ipywidgets as widgets

    from qikit.widgets.base import big_button
    from qikit.widgets.feedback import TeamFeedbackWidget

    body = widgets.HTML()
    status = widgets.HTML()
    button = big_button(MARK_READ_BUTTON, style="primary")
    unread: list[Any] = []

    def draw(fresh: Project) -> None:
        body.value = (
            f'<div class="qikit-page">{home_html(fresh, title=False, survey_link=True)}</div>'
        )
        unread[:] = [f for f in mentor_feedback(fresh) if not f.read]
        button.layout.display = "" if unread else "none"

    def mark_read(_: object) -> None:
        try:
            for item in unread:
                context.save(RecordKind.FEEDBACK, item.record_id, {"read": True})
            draw(context.project())
        except QikitError as error:
            status.value = f'<p role="alert">{escape(error)}</p>'
            return
        status.value = f'<p role="status">{escape(MARKED_READ)}</p>'

    draw(project)
    button.on_click(mark_read)
    # The comments are listed above; below them the team can reply (and see its replies).
    replies = TeamFeedbackWidget(context, None, compact=True)

    def refresh() -> None:
        status.value = ""
        draw(context.project())
        replies.reload()

    return StagePart([body, button, status, replies.widget], refresh)


def _with_comments(
    context: ToolContext, tools: Sequence[tuple[FeedbackTopic, Callable[[], ToolWidget]]]
) -> StagePart:
    """Return a stage of tools, each under "Your mentor says…" for its own comments."""
    from qikit.widgets.feedback import TeamFeedbackWidget

    children: list[ipywidgets.Widget] = []
    built: list[ToolWidget] = []
    for topic, make in tools:
        said = TeamFeedbackWidget(context, topic)
        tool = make()
        children += [said.widget, tool.widget]
        built += [said, tool]
    return StagePart(children, _reloading(built))


def _charter_part(context: ToolContext, project: Project) -> StagePart:
    from qikit.widgets.charter import CharterWidget

    return _with_comments(context, [(FeedbackTopic.CHARTER, lambda: CharterWidget(context))])


def _understanding_part(context: ToolContext, project: Project) -> StagePart:
    from qikit.widgets.fishbone import FishboneWidget
    from qikit.widgets.process_map import ProcessMapWidget

    return _with_comments(
        context,
        [
            (FeedbackTopic.FISHBONE, lambda: FishboneWidget(context)),
            (FeedbackTopic.PROCESS_MAP, lambda: ProcessMapWidget(context)),
        ],
    )


def _measuring_part(context: ToolContext, project: Project) -> StagePart:
    from qikit.widgets.measures import MeasuresWidget

    return _with_comments(context, [(FeedbackTopic.MEASURES, lambda: MeasuresWidget(context))])


def _changing_part(context: ToolContext, project: Project) -> StagePart:
    from qikit.widgets.driver_diagram import DriverDiagramWidget
    from qikit.widgets.pdsa import PdsaLogWidget

    log = PdsaLogWidget(context)
    # "Start a PDSA cycle to test this idea" on the diagram opens the new cycle in the log below.
    return _with_comments(
        context,
        [
            (
                FeedbackTopic.DRIVER_DIAGRAM,
                lambda: DriverDiagramWidget(context, on_start_cycle=log.start_cycle_for),
            ),
            (FeedbackTopic.PDSA, lambda: log),
        ],
    )


def _storyboard_part(context: ToolContext, project: Project) -> StagePart:
    import ipywidgets as widgets

    from qikit.widgets.reflection import ReflectionWidget
    from qikit.widgets.showcase import ShowcaseCaptionsWidget

    # The storyboard is built from the records; under it, the team's own words for the poster
    # (which redraw the storyboard above as soon as they are saved), then each person's own
    # look back (for their evidence pack).
    board = widgets.HTML(storyboard_html(project))

    def redraw_board() -> None:
        board.value = storyboard_html(context.project())

    captions = ShowcaseCaptionsWidget(context, on_change=lambda _: redraw_board())
    reflection = ReflectionWidget(context)

    def refresh() -> None:
        redraw_board()
        captions.reload()
        reflection.reload()

    return StagePart([board, captions.widget, reflection.widget], refresh)


_STAGE_PARTS: dict[str, Callable[[ToolContext, Project], StagePart]] = {
    "home": _home_part,
    "charter": _charter_part,
    "understanding": _understanding_part,
    "measuring": _measuring_part,
    "changing": _changing_part,
    "storyboard": _storyboard_part,
}
