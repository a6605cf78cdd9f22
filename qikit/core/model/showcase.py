"""The showcase captions: the team's own words for its celebration storyboard, part by part.

Every part is optional: an empty caption means "use what our records say" (the aim sentence,
the most-voted causes, the PDSA story, the chart's reading). A caption the team writes replaces
that part's words on the A3 storyboard and the team page's storyboard. Imports the standard
library and the model's ``fields`` and ``record`` modules.
"""

from __future__ import annotations

from typing import ClassVar

from qikit.core.model.fields import MAIN, MAX_LONG_TEXT, MAX_SHORT_TEXT
from qikit.core.model.record import Record, RecordKind


class ShowcaseCaptions(Record, kind=RecordKind.SHOWCASE, singleton=True):
    """The team's captions for its storyboard; an empty one means "use what the records say"."""

    #: The caption fields in the order they appear on the storyboard.
    PARTS: ClassVar[tuple[str, ...]] = (
        "headline",
        "problem",
        "tried",
        "chart_reading",
        "learned",
        "next_steps",
    )

    record_id: str = MAIN
    headline: str = ""  # "Patients wait 15 minutes less for a porter"
    problem: str = ""
    tried: str = ""
    chart_reading: str = ""
    learned: str = ""
    next_steps: str = ""

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_text("headline", MAX_SHORT_TEXT)
        for key in self.PARTS[1:]:
            self._check_text(key, MAX_LONG_TEXT)

    def caption(self, key: str) -> str:
        """Return the team's caption for one part, or "" when the records' words are used."""
        value: str = getattr(self, key)
        return value if value.strip() else ""
