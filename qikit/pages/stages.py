"""The programme's stages: their order, the two modes of a page, each stage's workbook.

Names only (no page is built here), so every page module and the workbooks' tests agree on
what a stage is called and where its workbook is. The file names themselves are the cohort
folder's, in :mod:`qikit.layout`.
"""

from __future__ import annotations

from qikit.core.model import FeedbackTopic
from qikit.core.wording.pages import STAGE_NAMES
from qikit.layout import MENTOR_WORKBOOK, STAGE_WORKBOOKS
from qikit.render.text import escape

__all__ = ["MENTOR_NOTEBOOKS", "MODES", "NOTEBOOKS", "STAGES", "STAGE_TOPICS", "stage_link"]

#: The stages of the programme, in order; each has one workbook.
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
#: The workbook of each stage (the cohort build copies these into every team's folder).
NOTEBOOKS: dict[str, str] = {stage: STAGE_WORKBOOKS[stage] for stage in STAGES}
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
    """Return a link to the workbook of ``stage`` (escaped HTML), named by ``label`` or the stage.

    Relative (``02-charter.ipynb``), so it works wherever the team's folder is served or copied.
    """
    return f'<a href="{escape(NOTEBOOKS[stage])}">{escape(label or STAGE_NAMES[stage])}</a>'
