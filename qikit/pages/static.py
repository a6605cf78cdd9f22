"""The mentor's static copies: every stage drawn as HTML, readable anywhere without a kernel.

:func:`team_review_html` is what the team page shows when papermill executes it with
``mode="review"``: one page with every stage, one section each (``<section id="charter">``), so
the same ``#stage`` links the live page follows are anchors here. :func:`review_html` is one
stage on its own (cohorts built before the team page had one workbook per stage).

Each stage's renderers are imported only when that stage is drawn (the measures stage loads
matplotlib).
"""

from __future__ import annotations

from qikit.core.model import Project
from qikit.core.wording.pages import BACK_HOME, REVIEW_ALL_NOTE, REVIEW_NOTE, STAGE_NAMES
from qikit.pages.home import home_html
from qikit.pages.stages import STAGE_TOPICS, STAGES, stage_heading, stage_link, stages_nav_html
from qikit.pages.storyboard import storyboard_html
from qikit.render.style import PAGE_CSS, STAGES_NAV_CSS
from qikit.render.text import escape

__all__ = ["review_html", "static_stage_html", "team_review_html"]


def _static_parts(stage: str, project: Project) -> list[str]:
    if stage == "home":
        return [home_html(project, title=False)]
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
    if stage == "storyboard":
        from qikit.render import reflection

        return [storyboard_html(project), reflection.render_static(project)]
    raise ValueError(f"unknown stage {stage!r}")


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


def static_stage_html(stage: str, project: Project) -> str:
    """Return one stage drawn as HTML: the mentor's comments on its tools, then the tools."""
    return _static_feedback(stage, project) + "".join(_static_parts(stage, project))


def team_review_html(project: Project) -> str:
    """Return the mentor's copy of the team page: every stage, one section each, no widgets."""
    name = project.team.name if project.team is not None else ""
    sections = "".join(
        f'<section id="{stage}" class="qikit-stage">{stage_heading(stage)}'
        f"{static_stage_html(stage, project)}</section>"
        for stage in STAGES
    )
    note = REVIEW_ALL_NOTE.format(team=name)
    return (
        f'<div class="qikit-page">{PAGE_CSS}{STAGES_NAV_CSS}<h1>{escape(name)}</h1>'
        f'<p class="qikit-note">{escape(note)}</p>{stages_nav_html()}{sections}</div>'
    )


def review_html(stage: str, project: Project) -> str:
    """Return the static copy of one stage for a mentor: readable with no kernel, no widgets."""
    if stage == "storyboard":
        return storyboard_html(project)
    name = project.team.name if project.team is not None else ""
    note = REVIEW_NOTE.format(team=name, stage=STAGE_NAMES[stage])
    header = f'<p class="qikit-note">{escape(note)}</p>'
    if stage != "home":
        header += f"<p>{stage_link('home', BACK_HOME)}</p>"
    body = home_html(project) if stage == "home" else static_stage_html(stage, project)
    return f'<div class="qikit-page">{PAGE_CSS}{header}{body}</div>'
