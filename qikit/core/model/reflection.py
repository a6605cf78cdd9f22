"""A team member's reflection: five short guided answers for their accreditation portfolio.

One record per team member (their record id is :meth:`Project.reflection_ids`' slug of their
name); the member's name is stored in the record too, so it stays theirs when the team's list is
reordered. Imports the standard library and the model's ``fields`` and ``record`` modules.
"""

from __future__ import annotations

from qikit.core.model.fields import MAX_LONG_TEXT, MAX_SHORT_TEXT
from qikit.core.model.record import Record, RecordKind

#: The guided questions' fields, in the order the form asks them.
REFLECTION_QUESTIONS: tuple[str, ...] = ("role", "learned", "skills", "differently", "next")


class Reflection(Record, kind=RecordKind.REFLECTION):
    """One person's look back at the project: what they did, learned, can use and would change."""

    #: The team member's name as the team's list spells it (``Team.members[i].display_name``).
    member: str
    role: str = ""  # what I did in the project
    learned: str = ""  # what I learned about improving things
    skills: str = ""  # a QI tool I can now use, and how I used it
    differently: str = ""  # what I would do differently
    next: str = ""  # how I will use QI next
    #: When the reflection was last written ("" until it is).
    at: str = ""

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_text("member", MAX_SHORT_TEXT, required=True)
        for key in REFLECTION_QUESTIONS:
            self._check_text(key, MAX_LONG_TEXT)
        if self.at:
            self._check_datetime_text("at")

    def answered(self) -> tuple[str, ...]:
        """Return the questions (field names) with an answer, in the form's order."""
        return tuple(key for key in REFLECTION_QUESTIONS if getattr(self, key).strip())

    def unanswered(self) -> tuple[str, ...]:
        """Return the questions (field names) still to answer, in the form's order."""
        return tuple(key for key in REFLECTION_QUESTIONS if not getattr(self, key).strip())
