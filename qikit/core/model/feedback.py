"""Feedback: a comment on the team's work or on one tool, from the mentor or a team member.

Imports the standard library and the model's ``fields`` and ``record`` modules.
"""

from __future__ import annotations

from enum import StrEnum

from qikit.core.model.fields import MAX_LONG_TEXT, MAX_SHORT_TEXT
from qikit.core.model.record import Record, RecordKind


class FeedbackTopic(StrEnum):
    """What a piece of feedback is about: the whole team or one tool. Stored."""

    TEAM = "team"
    CHARTER = "charter"
    FISHBONE = "fishbone"
    PROCESS_MAP = "process_map"
    MEASURES = "measures"
    DRIVER_DIAGRAM = "driver_diagram"
    PDSA = "pdsa"


class Feedback(Record, kind=RecordKind.FEEDBACK):
    """A comment on the team's work or on one tool, from the mentor or a team member."""

    about: FeedbackTopic = FeedbackTopic.TEAM
    about_id: str | None = None  # optionally one record, for example one PDSA cycle
    author: str
    at: str
    text: str
    read: bool = False
    reply_to: str | None = None
    from_mentor: bool = False

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_enum("about", FeedbackTopic)
        self._check_id("about_id")
        self._check_text("author", MAX_SHORT_TEXT, required=True)
        self._check_datetime_text("at")
        self._check_text("text", MAX_LONG_TEXT, required=True)
        self._check_bool("read")
        self._check_id("reply_to")
        if self.reply_to == self.record_id:
            self._fail("reply_to", "another comment", "this comment itself", "Pick the comment.")
        self._check_bool("from_mentor")
