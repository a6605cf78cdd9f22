"""The programme's stages: their order, the two modes of a page, and the links between them.

Names only (no page is built here), so every page module and the workbooks' tests agree on
what a stage is called and how a link reaches it. Every stage lives on the team's one page
(:data:`qikit.layout.TEAM_WORKBOOK`); a link to a stage is ``#stage``, which the live page's
router follows and which is an anchor in the mentor's static copy.
"""

from __future__ import annotations

from qikit.core.model import FeedbackTopic
from qikit.core.wording.pages import STAGE_NAMES, STAGES_NAV
from qikit.layout import MENTOR_WORKBOOK, TEAM_WORKBOOK
from qikit.render.text import escape

__all__ = [
    "MENTOR_NOTEBOOKS",
    "MODES",
    "STAGES",
    "STAGE_TOPICS",
    "TEAM_NOTEBOOK",
    "stage_heading",
    "stage_heading_id",
    "stage_link",
    "stages_nav_html",
]

#: The stages of the programme, in order; all of them are parts of the team's one page.
STAGES: tuple[str, ...] = (
    "home",
    "charter",
    "understanding",
    "measuring",
    "changing",
    "storyboard",
)
#: ``"app"``: the live page in Voilà; ``"review"``: the static copy papermill runs for a mentor.
MODES: tuple[str, ...] = ("app", "review")
#: The team's workbook (the cohort build copies it into every team's folder).
TEAM_NOTEBOOK = TEAM_WORKBOOK
#: The mentors' workbooks (copied into ``<cohort>/mentors/`` by the cohort build).
MENTOR_NOTEBOOKS: dict[str, str] = {"dashboard": MENTOR_WORKBOOK}
#: The tools whose comments ("Your mentor says…") are shown on each stage's page, in order.
STAGE_TOPICS: dict[str, tuple[FeedbackTopic, ...]] = {
    "charter": (FeedbackTopic.CHARTER,),
    "understanding": (FeedbackTopic.FISHBONE, FeedbackTopic.PROCESS_MAP),
    "measuring": (FeedbackTopic.MEASURES,),
    "changing": (FeedbackTopic.DRIVER_DIAGRAM, FeedbackTopic.PDSA),
}


def stage_link(stage: str, label: str | None = None) -> str:
    """Return a link to ``stage`` on the team page (escaped HTML), named by ``label`` or the stage.

    ``#stage``: the live page's router shows that stage; in the static copy it is an anchor.
    """
    return f'<a href="#{escape(stage)}">{escape(label or STAGE_NAMES[stage])}</a>'


def stage_heading_id(stage: str) -> str:
    """Return the ``id`` of a stage's heading (where the keyboard focus goes on arrival)."""
    return f"qikit-stage-{stage}"


def stage_heading(stage: str) -> str:
    """Return the heading of a stage's part of the team page (focusable, for the router)."""
    return f'<h2 id="{stage_heading_id(stage)}" tabindex="-1">{escape(STAGE_NAMES[stage])}</h2>'


def stages_nav_html(current: str | None = None) -> str:
    """Return the row of stage links (``#stage``), the one shown marked ``aria-current``."""
    items = "".join(
        f'<li><a href="#{stage}"'
        + (' aria-current="page"' if stage == current else "")
        + f">{escape(STAGE_NAMES[stage])}</a></li>"
        for stage in STAGES
    )
    return f'<nav class="qikit-stages" aria-label="{escape(STAGES_NAV)}"><ul>{items}</ul></nav>'
