"""The fishbone (cause and effect) diagram: its effect and categories, and each cause on it.

Imports the standard library and the model's ``fields`` and ``record`` modules.
"""

from __future__ import annotations

from qikit.core.model.fields import MAIN, MAX_LONG_TEXT, MAX_SHORT_TEXT, name_key
from qikit.core.model.record import Record, RecordKind

#: Fishbone categories that suit support services (teams can rename them).
DEFAULT_CATEGORIES: tuple[str, ...] = (
    "People",
    "Methods",
    "Equipment",
    "Environment",
    "Materials and supplies",
    "Communication",
)


class Fishbone(Record, kind=RecordKind.FISHBONE, singleton=True):
    """The fishbone diagram's effect (the problem) and its category names."""

    record_id: str = MAIN
    effect: str = ""
    categories: tuple[str, ...] = DEFAULT_CATEGORIES

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_text("effect", MAX_LONG_TEXT)
        self._check_names("categories")

    def category_named(self, name: str) -> str | None:
        """Return the category spelt as the fishbone has it, or None if there is none."""
        key = name_key(name)
        return next((c for c in self.categories if name_key(c) == key), None)


class Cause(Record, kind=RecordKind.CAUSE):
    """One possible cause on the fishbone (or a sub-cause of another), with votes and a tally."""

    category: str
    text: str = ""
    parent_id: str | None = None
    votes: tuple[str, ...] = ()
    tally: int = 0

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_text("category", MAX_SHORT_TEXT, required=True)
        self._check_text("text", MAX_SHORT_TEXT)
        self._check_id("parent_id")
        if self.parent_id == self.record_id:
            self._fail(
                "parent_id",
                "another cause",
                "this cause itself",
                "A cause cannot be a sub-cause of itself: pick a different main cause.",
            )
        self._check_names("votes")
        self._check_count("tally")
